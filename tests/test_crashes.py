"""Crashes and a second writer, for real: SIGKILL in the middle of extraction and of the dbt build, then
a restart; a read-write connection held by another process while the pipeline runs.

The filler articles in fixtures/bbc_sample are the first forty BBC News articles of
shared/corpora/bbc_news that do not name APEC: unrelated news, so they add documents to extract but no
summit facts."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from orchestration.publishing import MARTS
from tests.conftest import FIXTURES, PROJECT_ROOT, run_pipeline

EXTRACTED = ("sentences", "mentions", "person_mentions", "summit_mentions", "meeting_mentions")


def _seeds(root: Path) -> Path:
    seeds = root / "seeds"
    shutil.copytree(FIXTURES / "seeds", seeds)
    for path in (FIXTURES / "bbc_sample").glob("*.txt"):
        shutil.copyfile(path, seeds / path.name)
    return seeds


def _env(seeds: Path, database: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "SUMMITS_SEEDS_DIR": str(seeds),
        "SUMMITS_DUCKDB_PATH": str(database),
        "SUMMITS_PUBLISH_DIR": str(database.parent / "published"),
        "SUMMITS_REPORTS_DIR": str(database.parent / "reports"),
        "PYTHONPATH": str(PROJECT_ROOT),
        "DO_NOT_TRACK": "1",
        **extra,
    }


def _marts(database: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {mart: sorted(con.execute(f"select * from marts.{mart}").fetchall(), key=repr) for mart in MARTS}


def _kill_when(seeds: Path, database: Path, marker: str, delay: float) -> str:
    """Start the `make run` path, SIGKILL its whole process group `delay` s after `marker` appears in
    its log, and return the log up to then. Progress is logged after every write batch."""
    process = subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli"],
        cwd=PROJECT_ROOT,
        env=_env(seeds, database, SUMMITS_EXTRACT_WORKERS="1", SUMMITS_PROGRESS_SECONDS="0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    seen: list[str] = []
    deadline = time.monotonic() + 300
    for line in process.stdout:  # type: ignore[union-attr]
        seen.append(line)
        if marker in line:
            time.sleep(delay)
            break
        assert time.monotonic() < deadline, "".join(seen[-50:])
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "".join(seen[-50:])
    return "".join(seen)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, list[tuple]]]:
    """An uninterrupted build of the seeds plus the filler articles."""
    root = tmp_path_factory.mktemp("reference")
    seeds = _seeds(root)
    database = root / "summits.duckdb"
    result = run_pipeline(seeds, database)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return database, _marts(database)


def _assert_no_half_written_document(database: Path, reference_db: Path) -> None:
    """Every document with extracted rows is marked extracted, and holds exactly the rows of the
    uninterrupted run."""
    with (
        duckdb.connect(str(database), read_only=True) as con,
        duckdb.connect(str(reference_db), read_only=True) as ref,
    ):
        done = {row[0] for row in con.execute("select document_id from staging.extractions").fetchall()}
        for table in EXTRACTED:
            present = {row[0] for row in con.execute(f"select distinct document_id from staging.{table}").fetchall()}
            assert present <= done, table
            counts = dict(con.execute(f"select document_id, count(*) from staging.{table} group by 1").fetchall())
            expected = dict(ref.execute(f"select document_id, count(*) from staging.{table} group by 1").fetchall())
            assert {doc: n for doc, n in counts.items()} == {doc: expected[doc] for doc in counts}, table


def test_sigkill_during_extraction_then_restart(tmp_path, reference) -> None:
    reference_db, reference_marts = reference
    seeds, database = _seeds(tmp_path), tmp_path / "summits.duckdb"
    # Killed just after the first batch of 16 documents was written, while the next is being extracted.
    log = _kill_when(seeds, database, "extracted 16/", delay=0.5)
    assert "- building the marts (dbt build)" not in log
    _assert_no_half_written_document(database, reference_db)
    with duckdb.connect(str(database), read_only=True) as con:
        extracted = con.execute("select count(*) from staging.extractions").fetchone()[0]
        staged = con.execute("select count(distinct document_id) from staging.documents").fetchone()[0]
    assert 16 <= extracted < staged  # killed part-way: one batch written, more still to do
    result = run_pipeline(seeds, database)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert _marts(database) == reference_marts


def test_sigkill_during_dbt_build_then_restart(tmp_path, reference) -> None:
    _, reference_marts = reference
    seeds, database = _seeds(tmp_path), tmp_path / "summits.duckdb"
    _kill_when(seeds, database, "- building the marts (dbt build)", delay=3.0)
    result = run_pipeline(seeds, database)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert _marts(database) == reference_marts


def test_second_writer_makes_the_run_wait_then_fail_clearly(built_warehouse, tmp_path) -> None:
    database = tmp_path / "summits.duckdb"
    shutil.copyfile(built_warehouse, database)
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURES / "seeds", seeds)
    holder = duckdb.connect(str(database))  # a user's read-write connection, in another process
    try:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "orchestration.cli"],
            cwd=PROJECT_ROOT,
            env=_env(seeds, database, SUMMITS_LOCK_TIMEOUT="4"),
            capture_output=True,
            text=True,
            timeout=600,
        )
        waited = time.monotonic() - started
    finally:
        holder.close()
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "is locked by another process and stayed locked for 4 s" in result.stdout, output[-3000:]
    assert waited >= 4
    with duckdb.connect(str(database), read_only=True) as con:  # nothing corrupted
        assert con.execute("select count(*) from marts.summits").fetchone()[0] == 3


def test_second_writer_released_within_the_wait_lets_the_run_finish(built_warehouse, tmp_path) -> None:
    database = tmp_path / "summits.duckdb"
    shutil.copyfile(built_warehouse, database)
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURES / "seeds", seeds)
    holder = duckdb.connect(str(database))
    release = threading.Timer(5.0, holder.close)
    release.start()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "orchestration.cli"],
            cwd=PROJECT_ROOT,
            env=_env(seeds, database, SUMMITS_LOCK_TIMEOUT="120"),
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        release.join()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "summits: 3" in result.stdout
