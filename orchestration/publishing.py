"""Publish the marts for readers: a read-only DuckDB file and one Parquet file per mart.

DuckDB allows one writer or many readers, so BI tools never open the pipeline's working file. Every
published file is written under a temporary name in the same folder and moved into place with an atomic
rename: a reader sees the old version or the new one, never half of one, and a connection that is
already open keeps reading the version it opened.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

MARTS = ("summits", "people", "attendees", "meetings", "meeting_participants", "conflicts")
PUBLISHED_DB_NAME = "summits.duckdb"

# Views for BI tools whose DuckDB drivers show lists poorly (Metabase, some SQLAlchemy dialect paths):
# the same rows with list columns joined into text.
BI_VIEWS = {
    "meetings": """
        select * exclude (topics, topic_terms, participant_names, evidence_sentences, document_ids),
            array_to_string(participant_names, '; ') as participant_names,
            array_to_string(topics, '; ') as topics,
            array_to_string(topic_terms, '; ') as topic_terms,
            array_to_string(document_ids, '; ') as document_ids
        from marts.meetings""",
    "people": "select * exclude (aliases), array_to_string(aliases, '; ') as aliases from marts.people",
    "conflicts": "select * exclude (documents), array_to_string(documents, '; ') as documents from marts.conflicts",
}


@dataclass(frozen=True)
class Publication:
    version: str
    published_at: str
    row_counts: dict[str, int]
    database: Path
    parquet_files: dict[str, Path]


def _literal(text: str) -> str:
    """A SQL string literal (for the statements that take no parameters: ATTACH, COPY, COMMENT)."""
    return "'" + text.replace("'", "''") + "'"


def _version(con: duckdb.DuckDBPyConnection) -> str:
    """A digest of the marts' contents, independent of row order."""
    digest = hashlib.sha256()
    for mart in MARTS:
        rows = con.execute(
            f"select coalesce(md5(string_agg(md5(m::varchar), '' order by md5(m::varchar))), '') from marts.{mart} m"
        ).fetchone()[0]
        digest.update(f"{mart}:{rows};".encode())
    return digest.hexdigest()[:16]


def _copy_comments(con: duckdb.DuckDBPyConnection, mart: str) -> None:
    """Carry the dbt descriptions (persisted as DuckDB comments) into the published database."""
    rows = con.execute(
        "select column_name, comment from duckdb_columns()"
        " where database_name = current_database() and schema_name = 'marts' and table_name = ? and comment <> ''",
        [mart],
    ).fetchall()
    table_comment = con.execute(
        "select comment from duckdb_tables() where database_name = current_database()"
        " and schema_name = 'marts' and table_name = ?",
        [mart],
    ).fetchone()
    if table_comment and table_comment[0]:
        con.execute(f"comment on table published.marts.{mart} is {_literal(table_comment[0])}")
    for column, comment in rows:
        con.execute(f'comment on column published.marts.{mart}."{column}" is {_literal(comment)}')


def _write_database(con: duckdb.DuckDBPyConnection, path: Path, version: str, published_at: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    con.execute(f"attach {_literal(str(path))} as published (read_only false)")
    try:
        con.execute("create schema published.marts")
        con.execute("create schema published.bi")
        for mart in MARTS:
            con.execute(f"create table published.marts.{mart} as select * from marts.{mart} order by all")
            counts[mart] = con.execute(f"select count(*) from published.marts.{mart}").fetchone()[0]
            _copy_comments(con, mart)
        con.execute(
            "create table published.marts.publication as select ?::varchar as version,"
            " ?::timestamp as published_at, ?::json as row_counts",
            [version, published_at, json.dumps(counts)],
        )
        con.execute(
            "comment on table published.marts.publication is"
            " 'The version of this file: a digest of the marts, when it was published and the row count of each mart.'"
        )
        for name, sql in BI_VIEWS.items():
            con.execute(f"create view published.bi.{name} as {sql.replace('marts.', 'published.marts.')}")
    finally:
        con.execute("detach published")
    return counts


def _replace(temporary: Path, final: Path) -> None:
    """Flush the file to disk, then rename it over the old version (atomic on one file system)."""
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, final)


def connect_published(folder: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published database: what readers, reports and BI tools use."""
    return duckdb.connect(str(folder / PUBLISHED_DB_NAME), read_only=True)


def publish(con: duckdb.DuckDBPyConnection, folder: Path) -> Publication:
    """Write the marts of the connected working database to `folder`: `summits.duckdb` (schemas `marts`,
    with a `publication` table, and `bi`) and `parquet/<mart>.parquet`, each moved into place atomically."""
    parquet_folder = folder / "parquet"
    parquet_folder.mkdir(parents=True, exist_ok=True)
    version = _version(con)
    published_at = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    token = uuid.uuid4().hex[:8]

    temporary_db = folder / f".{PUBLISHED_DB_NAME}.{token}.tmp"
    try:
        counts = _write_database(con, temporary_db, version, published_at)
        parquet_files = {}
        for mart in MARTS:
            final = parquet_folder / f"{mart}.parquet"
            temporary = parquet_folder / f".{mart}.{token}.tmp"
            query = f"select * from marts.{mart} order by all"
            con.execute(f"copy ({query}) to {_literal(str(temporary))} (format parquet)")
            _replace(temporary, final)
            parquet_files[mart] = final
        database = folder / PUBLISHED_DB_NAME
        _replace(temporary_db, database)
    finally:
        for leftover in folder.glob(f"**/.*.{token}.tmp*"):
            leftover.unlink(missing_ok=True)
    return Publication(version, published_at, counts, database, parquet_files)
