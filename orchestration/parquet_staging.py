"""Staging as Parquet files, one folder per batch of documents: what the distributed mode's workers write
instead of the DuckDB staging tables, so that no two workers contend for one file.

A batch is staged in an in-memory DuckDB with the embedded mode's own code (`storage.stage_files`, the
extraction, `storage.write_extractions`), so its rows are the ones the embedded mode would write; each
staging table is then copied to `<table>.parquet` in a private work folder, and the folder is renamed into
`batches/<batch id>` (one atomic rename: a batch is visible whole or not at all, and a worker killed midway
leaves only a work folder, which the next commit sweeps away). Readers (the dbt target `distributed`)
read `batches/*/<table>.parquet`.

A batch's id digests its files' keys and contents, the extractor version and the staging layout: a batch
already committed under that id holds exactly these rows, so staging it again is a no-op, and a changed
file, extractor or layout gives a new id whose rows replace the old batch's at the next commit.
"""

from __future__ import annotations

import math
import os
import shutil
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from extraction import EXTRACTOR_VERSION, extract_documents
from extraction.ingest import content_hash, entry_kind, file_hash, read_document
from orchestration import storage
from orchestration.partitions import files_by_key

BATCHES, INCOMING, RETIRING = "batches", "_incoming", "_retiring"
DEFAULT_BATCH_SIZE = 50  # documents per task: seconds of spaCy work, against about a second of task overhead
EMPTY_BATCH = "empty"  # committed when the folder holds no file, so that readers always find the tables


@dataclass(frozen=True)
class Batch:
    """A set of article files (by partition key) staged and extracted together by one worker task."""

    batch_id: str
    keys: tuple[str, ...]


def _content(path: Path) -> str:
    """The file's content hash, or a marker for what cannot be hashed (it is staged as an error)."""
    try:
        kind = entry_kind(path)
        return f"not a file: {kind}" if kind else file_hash(path)
    except OSError as error:
        return f"unreadable: {error.strerror}"


def plan_batches(folder: Path, batch_size: int = DEFAULT_BATCH_SIZE) -> list[Batch]:
    """Split the folder's files into batches of about `batch_size` contents. Files with the same content
    share a batch (the content is extracted once, as in the embedded mode); a content's batch is chosen by
    its hash among a power-of-two number of buckets, so adding files leaves most batches, and their ids,
    unchanged until the folder doubles."""
    by_content: dict[str, list[str]] = {}
    for key, path in sorted(files_by_key(folder).items()):
        digest = _content(path)
        by_content.setdefault(digest if len(digest) == 64 else f"{digest}|{key}", []).append(key)
    buckets = 2 ** math.ceil(math.log2(max(1, len(by_content) / max(1, batch_size))))
    members: dict[int, list[str]] = {}
    for digest in sorted(by_content):
        members.setdefault(int(content_hash(digest.encode())[:8], 16) % buckets, []).append(digest)
    batches = []
    for bucket in sorted(members):
        lines = [f"{digest}|{','.join(by_content[digest])}" for digest in members[bucket]]
        version = f"{EXTRACTOR_VERSION}|{storage.SCHEMA_VERSION}"
        batch_id = content_hash("\n".join([version, *lines]).encode())[:16]
        batches.append(Batch(batch_id, tuple(sorted(key for digest in members[bucket] for key in by_content[digest]))))
    return batches


def _stage_in_memory(folder: Path, keys: Iterable[str]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose staging tables hold these files, read and extracted."""
    con = duckdb.connect(":memory:")
    storage.ensure_schema(con)
    files = files_by_key(folder)
    storage.stage_files(con, {key: read_document(files[key], root=folder) for key in keys if key in files})
    pending = storage.pending_document_ids(con, EXTRACTOR_VERSION)
    extractions = extract_documents(storage.document_texts(con, pending))
    storage.write_extractions_in_batches(con, extractions, EXTRACTOR_VERSION)
    return con


def _write_tables(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Every staging table as `<table>.parquet` in `folder` (a table without rows is written too)."""
    for table in storage.STAGING_TABLES:
        path = str(folder / f"{table}.parquet").replace("'", "''")
        con.execute(f"copy (select * from staging.{table} order by all) to '{path}' (format parquet)")  # noqa: S608


def _publish(work: Path, root: Path, batch_id: str) -> bool:
    """Rename the finished work folder into place; False when the batch was already there (another
    attempt of the same task committed the same rows first)."""
    target = root / BATCHES / batch_id
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(work, target)
    except OSError:
        if not target.is_dir():
            raise
        shutil.rmtree(work, ignore_errors=True)
        return False
    return True


def work_folder_name(batch_id: str) -> str:
    """`<batch id>.<host>.<pid>.<random>`: which process is (or was, if it died) writing the folder."""
    return f"{batch_id}.{socket.gethostname()}.{os.getpid()}.{uuid.uuid4().hex[:8]}"


def stage_batch(folder: Path, root: Path, batch: Batch) -> dict[str, object]:
    """Read, extract and write one batch under `root`, unless a batch of that id is committed already."""
    if (root / BATCHES / batch.batch_id).is_dir():
        return {"batch_id": batch.batch_id, "files": len(batch.keys), "staged": False}
    work = root / INCOMING / work_folder_name(batch.batch_id)
    work.mkdir(parents=True)
    with _stage_in_memory(folder, batch.keys) as con:
        _write_tables(con, work)
        documents = storage.table_count(con, "staging.extractions")
        errors = storage.table_count(con, "staging.document_errors")
    staged = _publish(work, root, batch.batch_id)
    return {"batch_id": batch.batch_id, "files": len(batch.keys), "documents": documents, "errors": errors,
            "staged": staged}  # fmt: skip


def committed_batches(root: Path) -> list[str]:
    """Ids of the batches readers see."""
    folder = root / BATCHES
    return sorted(path.name for path in folder.iterdir() if path.is_dir()) if folder.is_dir() else []


def commit(root: Path, batch_ids: Iterable[str]) -> dict[str, int]:
    """Make `batch_ids` the whole staging: batches of files that left the folder or changed are retired
    (renamed out of `batches/` at once, then deleted), and the work folders of killed attempts are
    swept away. With no batch at all, an empty one keeps every table readable."""
    wanted = set(batch_ids)
    if not wanted:
        wanted = {EMPTY_BATCH}
        if EMPTY_BATCH not in committed_batches(root):
            work = root / INCOMING / work_folder_name(EMPTY_BATCH)
            work.mkdir(parents=True)
            with duckdb.connect(":memory:") as con:
                storage.ensure_schema(con)
                _write_tables(con, work)
            _publish(work, root, EMPTY_BATCH)
    missing = wanted - set(committed_batches(root))
    if missing:
        raise RuntimeError(f"{len(missing)} batches were never staged: {', '.join(sorted(missing)[:5])}")
    retired = [batch for batch in committed_batches(root) if batch not in wanted]
    for batch in retired:
        parked = root / RETIRING / f"{batch}-{uuid.uuid4().hex}"
        parked.parent.mkdir(parents=True, exist_ok=True)
        os.rename(root / BATCHES / batch, parked)
    for leftover in (RETIRING, INCOMING):
        shutil.rmtree(root / leftover, ignore_errors=True)
    return {"batches": len(wanted), "retired": len(retired)}
