"""Parquet staging batches (the distributed mode's staging), without any service: batches hold the rows the
embedded mode stages, commit atomically, re-run as no-ops and retire what left the folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration import parquet_staging, storage
from tests.conftest import FIXTURES


@pytest.fixture()
def folder(tmp_path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURES / "seeds", seeds)
    first = sorted(seeds.iterdir())[0]
    shutil.copy(first, seeds / "copy_of_the_first.txt")  # same content under another name
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return seeds


def _rows(root: Path, table: str) -> list[tuple]:
    with duckdb.connect() as con:
        return con.execute(f"select * from read_parquet('{root}/batches/*/{table}.parquet') order by all").fetchall()  # noqa: S608


def test_files_with_the_same_content_share_a_batch_and_ids_are_stable(folder) -> None:
    batches = parquet_staging.plan_batches(folder, batch_size=2)
    assert sorted(key for batch in batches for key in batch.keys) == sorted(p.name for p in folder.iterdir())
    first = sorted(p.name for p in folder.iterdir() if p.name != "copy_of_the_first.txt")[0]
    holding = [batch for batch in batches if "copy_of_the_first.txt" in batch.keys]
    assert len(holding) == 1 and first in holding[0].keys
    assert parquet_staging.plan_batches(folder, batch_size=2) == batches
    (folder / "new.txt").write_text("A new article about nothing in particular.", encoding="utf-8")
    again = {batch.batch_id for batch in parquet_staging.plan_batches(folder, batch_size=2)}
    assert len(again & {batch.batch_id for batch in batches}) >= len(batches) - 1, "one new file touches one batch"


def test_batches_hold_the_embedded_mode_rows(folder, tmp_path) -> None:
    root = tmp_path / "staging"
    batches = parquet_staging.plan_batches(folder, batch_size=3)
    outcomes = [parquet_staging.stage_batch(folder, root, batch) for batch in batches]
    assert all(outcome["staged"] for outcome in outcomes)
    committed = parquet_staging.commit(root, [batch.batch_id for batch in batches])
    assert committed == {"batches": len(batches), "retired": 0}

    # The whole folder staged at once, as the embedded mode stages it into its DuckDB file.
    with parquet_staging._stage_in_memory(folder, [p.name for p in folder.iterdir()]) as whole:
        for table in storage.STAGING_TABLES:
            if table == "document_errors":
                continue  # recorded_at is the time of staging
            expected = whole.execute(f"select * from staging.{table} order by all").fetchall()  # noqa: S608
            assert _rows(root, table) == expected, table
    errors = _rows(root, "document_errors")
    assert [row[2] for row in errors] == ["binary.txt"]
    facts = _rows(root, "document_facts")
    assert len(facts) == len({row[0] for row in facts}) == 5, "each content once, though two files hold one"


def test_a_committed_batch_is_not_staged_again_and_leftovers_are_swept(folder, tmp_path) -> None:
    root = tmp_path / "staging"
    batches = parquet_staging.plan_batches(folder, batch_size=50)
    parquet_staging.stage_batch(folder, root, batches[0])
    killed = root / parquet_staging.INCOMING / parquet_staging.work_folder_name(batches[0].batch_id)
    killed.mkdir(parents=True)
    (killed / "documents.parquet").write_bytes(b"PAR1 half written")
    assert parquet_staging.stage_batch(folder, root, batches[0])["staged"] is False
    parquet_staging.commit(root, [batches[0].batch_id])
    assert not (root / parquet_staging.INCOMING).exists()
    assert len(_rows(root, "documents")) == 6


def test_commit_retires_batches_of_removed_files(folder, tmp_path) -> None:
    root = tmp_path / "staging"
    for batch in parquet_staging.plan_batches(folder, batch_size=50):
        parquet_staging.stage_batch(folder, root, batch)
    (folder / "binary.txt").unlink()
    batches = parquet_staging.plan_batches(folder, batch_size=50)
    for batch in batches:
        parquet_staging.stage_batch(folder, root, batch)
    assert parquet_staging.commit(root, [b.batch_id for b in batches]) == {"batches": 1, "retired": 1}
    assert _rows(root, "document_errors") == []
    with pytest.raises(RuntimeError, match="never staged"):
        parquet_staging.commit(root, ["0123456789abcdef"])


def test_an_empty_folder_commits_empty_tables(tmp_path) -> None:
    empty, root = tmp_path / "empty", tmp_path / "staging"
    empty.mkdir()
    assert parquet_staging.plan_batches(empty) == []
    assert parquet_staging.commit(root, []) == {"batches": 1, "retired": 0}
    assert _rows(root, "documents") == []
    assert parquet_staging.committed_batches(root) == [parquet_staging.EMPTY_BATCH]
