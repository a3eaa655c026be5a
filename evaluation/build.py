"""The evaluation sets, and a fresh warehouse built from a set's documents the way `make run` builds one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
BUILD_LOG = "build.log"


@dataclass(frozen=True)
class EvalSet:
    name: str
    docs: Path
    gold: Path


SETS: dict[str, EvalSet] = {
    "seeds": EvalSet("seeds", FIXTURES / "seeds", FIXTURES / "seeds_gold.json"),
    "dev_a": EvalSet("dev_a", FIXTURES / "dev_a" / "docs", FIXTURES / "dev_a" / "dev_a_gold.json"),
    "dev_b": EvalSet("dev_b", FIXTURES / "dev_b" / "docs", FIXTURES / "dev_b" / "dev_b_gold.json"),
}


class BuildError(RuntimeError):
    """The pipeline failed on a set's documents."""


def _environment(docs: Path, workdir: Path) -> dict[str, str]:
    """`make run`'s environment, with the documents folder and every output under `workdir`."""
    return {
        **os.environ,
        "SUMMITS_SEEDS_DIR": str(docs.resolve()),
        "SUMMITS_DUCKDB_PATH": str(workdir / "summits.duckdb"),
        "SUMMITS_PUBLISH_DIR": str(workdir / "published"),
        "SUMMITS_REPORTS_DIR": str(workdir / "reports"),
        "DAGSTER_HOME": str(workdir / "dagster_home"),
        "SUMMITS_AUTOMATION": "off",
        "PYTHONPATH": str(PROJECT_ROOT),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",  # dbt beside python
        "DO_NOT_TRACK": "1",
        "DAGSTER_DISABLE_TELEMETRY": "1",
    }


def _run(command: list[str], env: dict[str, str], log: Path, timeout: float) -> None:
    result = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    log.write_text(result.stdout + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-20:])
        raise BuildError(f"{' '.join(command[1:])} failed (exit {result.returncode}), full log in {log}:\n{tail}")


def build_warehouse(docs: Path, workdir: Path, timeout: float = 900) -> Path:
    """Run `python -m orchestration.cli` on `docs`, writing everything under `workdir` (emptied first if
    an earlier evaluation build left it); return the DuckDB file."""
    workdir = workdir.resolve()
    if workdir.exists() and any(workdir.iterdir()):
        if not (workdir / BUILD_LOG).exists():
            raise BuildError(f"{workdir} is not empty and is not an earlier evaluation build: not touching it")
        shutil.rmtree(workdir)
    (workdir / "dagster_home").mkdir(parents=True)
    _run([sys.executable, "-m", "orchestration.cli"], _environment(docs, workdir), workdir / BUILD_LOG, timeout)
    return workdir / "summits.duckdb"


def build_warehouses(sets: Iterable[EvalSet], root: Path, workers: int | None = None) -> dict[str, Path]:
    """A fresh warehouse per set in `root/<set name>`, several at a time (by default one per CPU)."""
    sets = list(sets)
    workers = workers or max(1, min(len(sets), os.cpu_count() or 1))
    root.mkdir(parents=True, exist_ok=True)
    if workers > 1:  # parse the dbt project once, before parallel runs would each re-parse it at once
        env = _environment(sets[0].docs, root.resolve())
        _run([sys.executable, "-c", "import orchestration.defs.dbt_project"], env, root / "dbt_parse.log", 300)
    with ThreadPoolExecutor(max_workers=workers) as executor:
        futures = {s.name: executor.submit(build_warehouse, s.docs, root / s.name) for s in sets}
        return {name: future.result() for name, future in futures.items()}
