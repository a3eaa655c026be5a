"""Time to take one new document into the marts, on a warehouse of 5 documents and of 1,000.

Usage: python -m bench.one_new_document [SIZES...]   (default: 5 1000)
Each size: build a warehouse from that many articles (the seed articles, then BBC articles), add one
seed article, and time the incremental build (`python -m orchestration.cli`, what `make run` does).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bbc_corpus import PROJECT_ROOT, bbc_texts

SEEDS = PROJECT_ROOT / "tests" / "fixtures" / "seeds"


def _run(seeds: Path, database: Path) -> float:
    env = {
        **os.environ,
        "SUMMITS_SEEDS_DIR": str(seeds),
        "SUMMITS_DUCKDB_PATH": str(database),
        "SUMMITS_PUBLISH_DIR": str(database.parent / "published"),
        "SUMMITS_REPORTS_DIR": str(database.parent / "reports"),
    }
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "orchestration.cli"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(result.stdout[-3000:] + result.stderr[-3000:])
    return time.perf_counter() - started


def measure(size: int) -> tuple[float, float]:
    seed_files = sorted(SEEDS.iterdir())
    with tempfile.TemporaryDirectory() as tmp:
        seeds, database = Path(tmp) / "seeds", Path(tmp) / "bench.duckdb"
        seeds.mkdir()
        for path in seed_files[1 : min(size, 4) + 1]:
            shutil.copy(path, seeds / path.name)
        for name, text in bbc_texts(max(0, size - 4)):
            (seeds / name).write_text(text, encoding="utf-8")
        initial = _run(seeds, database)
        shutil.copy(seed_files[0], seeds / seed_files[0].name)
        return initial, _run(seeds, database)


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [5, 1000]
    print("| documents in warehouse | initial build (s) | one new document (s) |\n|---|---|---|")
    for size in sizes:
        initial, incremental = measure(size)
        print(f"| {size} | {initial:.1f} | {incremental:.1f} |")


if __name__ == "__main__":
    main()
