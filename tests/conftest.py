"""Shared fixtures: the spaCy pipeline (loaded once) and a warehouse built from the seed fixtures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT_ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def nlp():
    from extraction.nlp import load_pipeline

    return load_pipeline()


def run_pipeline(seeds: Path, database: Path) -> subprocess.CompletedProcess:
    """Run `python -m orchestration.cli` (what `make run` does) on a seeds folder and a DuckDB file; the
    published marts and the reports go to `published/` and `reports/` beside the DuckDB file."""
    env = {
        **os.environ,
        "SUMMITS_SEEDS_DIR": str(seeds),
        "SUMMITS_DUCKDB_PATH": str(database),
        "SUMMITS_PUBLISH_DIR": str(database.parent / "published"),
        "SUMMITS_REPORTS_DIR": str(database.parent / "reports"),
        "PYTHONPATH": str(PROJECT_ROOT),
        "DO_NOT_TRACK": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "orchestration.cli"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> Path:
    """A warehouse built from the five seed articles plus an empty and a binary file."""
    root = tmp_path_factory.mktemp("warehouse")
    seeds = root / "seeds"
    shutil.copytree(FIXTURES / "seeds", seeds)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 8)
    database = root / "summits.duckdb"
    result = run_pipeline(seeds, database)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return database


@pytest.fixture()
def warehouse(built_warehouse: Path):
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        yield con
