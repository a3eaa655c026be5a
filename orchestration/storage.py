"""The DuckDB staging schema and the writes into it (plain duckdb, parameterised SQL only)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import astuple
from datetime import UTC, datetime
from itertools import islice

import duckdb

from extraction.records import DocumentError, DocumentExtraction, DocumentMeta, RawDocument

STAGING_DDL = """
create schema if not exists staging;
create table if not exists staging.documents (
    source_key varchar primary key,
    document_id varchar not null,
    path varchar not null,
    file_name varchar not null,
    content_hash varchar not null,
    size_bytes bigint not null,
    encoding varchar not null,
    text varchar not null
);
create table if not exists staging.document_facts (
    document_id varchar primary key,
    title varchar,
    dateline_place varchar,
    dateline_date date,
    publication_date date,
    source_outlet varchar,
    is_live_blog boolean,
    summit_year integer,
    summit_basis varchar
);
create table if not exists staging.extractions (
    document_id varchar primary key,
    extractor_version varchar not null
);
create table if not exists staging.document_errors (
    source_key varchar primary key,
    path varchar not null,
    file_name varchar not null,
    content_hash varchar,
    size_bytes bigint,
    reason varchar not null,
    recorded_at timestamp not null default current_timestamp
);
create table if not exists staging.sentences (
    document_id varchar not null,
    sentence_index integer not null,
    paragraph_index integer not null,
    section_index integer not null,
    start_char integer not null,
    end_char integer not null,
    text varchar not null,
    kind varchar not null,
    entry_date date,
    summit_year integer
);
create table if not exists staging.mentions (
    document_id varchar not null,
    sentence_index integer not null,
    start_char integer not null,
    end_char integer not null,
    text varchar not null,
    label varchar not null
);
create table if not exists staging.person_mentions (
    document_id varchar not null,
    sentence_index integer not null,
    start_char integer not null,
    end_char integer not null,
    text varchar not null,
    person_name varchar not null,
    title varchar,
    role_kind varchar,
    economy varchar,
    is_attendance boolean not null,
    attendance_cue varchar
);
create table if not exists staging.summit_mentions (
    document_id varchar not null,
    sentence_index integer not null,
    start_char integer not null,
    end_char integer not null,
    text varchar not null,
    year integer,
    host_city varchar
);
create table if not exists staging.meeting_mentions (
    document_id varchar not null,
    mention_index integer not null,
    sentence_index integer not null,
    start_char integer not null,
    end_char integer not null,
    evidence varchar not null,
    cue varchar not null,
    participants varchar[] not null,
    meeting_date date,
    date_basis varchar,
    stated_weekday varchar,
    status varchar not null,
    location varchar,
    location_basis varchar,
    topics varchar[] not null,
    topic_terms varchar[] not null
);
"""
# Everything derived from a text by the extraction code, keyed by document_id and replaced together with
# the document's row in staging.extractions (so a new extractor version re-derives all of it).
EXTRACTED_TABLES = ("document_facts", "sentences", "mentions", "person_mentions", "summit_mentions", "meeting_mentions")
# The columns of staging.document_facts after document_id, read from `DocumentMeta` by name.
DOCUMENT_FACTS = (
    "title",
    "dateline_place",
    "dateline_date",
    "publication_date",
    "source_outlet",
    "is_live_blog",
    "summit_year",
    "summit_basis",
)


SCHEMA_VERSION = hashlib.sha256(STAGING_DDL.encode()).hexdigest()[:12]
STAGING_TABLES = ("documents", "document_errors", "extractions", *EXTRACTED_TABLES)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the staging tables; when their layout changed, rebuild them (documents are re-read and
    re-extracted, so nothing is lost)."""
    con.execute("create schema if not exists staging")
    con.execute("create table if not exists staging.schema_version (version varchar)")
    found = con.execute("select max(version) from staging.schema_version").fetchone()[0]
    if found != SCHEMA_VERSION:
        for table in STAGING_TABLES:
            con.execute(f"drop table if exists staging.{table}")
        con.execute("delete from staging.schema_version")
        con.execute("insert into staging.schema_version values (?)", [SCHEMA_VERSION])
    con.execute(STAGING_DDL)


def _orphaned(con: duckdb.DuckDBPyConnection, document_ids: set[str]) -> list[str]:
    """Of these document ids, those that no staged file holds any more."""
    held = {
        row[0]
        for row in con.execute(
            "select distinct document_id from staging.documents where document_id in (select unnest(?))",
            [sorted(document_ids)],
        ).fetchall()
    }
    return sorted(document_ids - held)


def stage_files(
    con: duckdb.DuckDBPyConnection, results: dict[str, RawDocument | DocumentError | None]
) -> dict[str, int]:
    """Replace the staged row of each file key in one transaction: a document, an error, or nothing for a
    file that is gone. Extracted rows of contents no file holds any more are deleted."""
    ensure_schema(con)
    keys = list(results)
    documents = [_document_row(key, r) for key, r in results.items() if isinstance(r, RawDocument)]
    now = datetime.now(UTC).replace(tzinfo=None)
    errors = [[key, *astuple(r), now] for key, r in results.items() if isinstance(r, DocumentError)]
    con.execute("begin transaction")
    try:
        previous = {
            row[0]
            for row in con.execute(
                "select document_id from staging.documents where source_key in (select unnest(?))", [keys]
            ).fetchall()
        }
        con.execute("delete from staging.documents where source_key in (select unnest(?))", [keys])
        con.execute("delete from staging.document_errors where source_key in (select unnest(?))", [keys])
        insert_rows(con, "staging.documents", documents)
        insert_rows(con, "staging.document_errors", errors)
        orphaned = _orphaned(con, previous)
        if orphaned:
            delete_extractions(con, orphaned)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return {"documents": len(documents), "errors": len(errors), "retired": len(keys) - len(documents) - len(errors)}


STAGE_CHUNK = 256  # files staged per transaction, so a large folder is never held in memory


def stage_files_in_chunks(
    con: duckdb.DuckDBPyConnection, results: Iterable[tuple[str, RawDocument | DocumentError | None]]
) -> dict[str, int]:
    """`stage_files` over a stream of (file key, read result) pairs, one transaction per chunk."""
    counts = {"documents": 0, "errors": 0, "retired": 0}
    stream = iter(results)
    while chunk := dict(islice(stream, STAGE_CHUNK)):
        for name, count in stage_files(con, chunk).items():
            counts[name] += count
    return counts


def staged_keys(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """Every staged file key with its content hash (None for an unreadable file without one)."""
    ensure_schema(con)
    rows = con.execute(
        "select source_key, content_hash from staging.documents"
        " union all select source_key, content_hash from staging.document_errors"
    ).fetchall()
    return dict(rows)


def _document_row(key: str, doc: RawDocument) -> list[object]:
    """File facts only: what the text says (title, dates, summit, ...) is the extraction step's to write."""
    return [key, doc.document_id, doc.path, doc.file_name, doc.content_hash, doc.size_bytes, doc.encoding, doc.text]


def pending_document_ids(
    con: duckdb.DuckDBPyConnection, extractor_version: str, keys: list[str] | None = None
) -> list[str]:
    """Ids of staged documents (of these file keys) not yet extracted by this extractor version."""
    ensure_schema(con)
    rows = con.execute(
        "select d.document_id, list(d.source_key) from staging.documents d"
        " left join staging.extractions e on d.document_id = e.document_id and e.extractor_version = ?"
        " where e.document_id is null group by d.document_id order by d.document_id",
        [extractor_version],
    ).fetchall()
    wanted = set(keys) if keys is not None else None
    return [doc_id for doc_id, sources in rows if wanted is None or wanted & set(sources)]


def document_texts(
    con: duckdb.DuckDBPyConnection, document_ids: list[str], chunk: int = 64
) -> Iterator[tuple[str, str]]:
    """(document_id, text) of these documents, read a chunk at a time so the corpus is never all in memory."""
    for start in range(0, len(document_ids), chunk):
        part = document_ids[start : start + chunk]
        rows = dict(
            con.execute(
                "select document_id, any_value(text) from staging.documents"
                " where document_id in (select unnest(?)) group by document_id",
                [part],
            ).fetchall()
        )
        yield from ((doc_id, rows[doc_id]) for doc_id in part if doc_id in rows)


def delete_extractions(con: duckdb.DuckDBPyConnection, document_ids: list[str]) -> None:
    for table in (*EXTRACTED_TABLES, "extractions"):
        con.execute(f"delete from staging.{table} where document_id in (select unnest(?))", [document_ids])


def _rows(records: Iterable[object]) -> list[list[object]]:
    return [list(vars(record).values()) for record in records]


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[list[object]]) -> None:
    """Insert rows in one statement: each column is one list parameter, unnested side by side (far
    faster than multi-row VALUES or executemany)."""
    if not rows:
        return
    columns = [list(column) for column in zip(*rows, strict=True)]
    unnested = ", ".join("unnest(?)" for _ in columns)
    con.execute(f"insert into {table} select {unnested}", columns)  # noqa: S608 - table names are ours


def _facts(meta: DocumentMeta) -> list[object]:
    return [getattr(meta, column) for column in DOCUMENT_FACTS]


def write_extractions(
    con: duckdb.DuckDBPyConnection, extractions: list[DocumentExtraction], extractor_version: str
) -> None:
    """Replace the extracted rows of these documents, their facts (`DocumentMeta`: title, dates, the summit)
    included, in a single transaction: a document is written whole or not at all, and every file holding
    that content shares them."""
    document_ids = [extraction.meta.document_id for extraction in extractions]
    failures = [[extraction.failure, extraction.meta.document_id] for extraction in extractions if extraction.failure]
    con.execute("begin transaction")
    try:
        delete_extractions(con, document_ids)
        con.execute(
            "delete from staging.document_errors where source_key in"
            " (select source_key from staging.documents where document_id in (select unnest(?)))",
            [document_ids],
        )
        for reason, document_id in failures:  # recorded against every file holding that text
            con.execute(
                "insert into staging.document_errors select source_key, path, file_name, content_hash, size_bytes,"
                " ?, ? from staging.documents where document_id = ?",
                [reason, datetime.now(UTC).replace(tzinfo=None), document_id],
            )
        facts = [[extraction.meta.document_id, *_facts(extraction.meta)] for extraction in extractions]
        insert_rows(con, "staging.document_facts", facts)
        for table, attribute in (
            ("sentences", "sentences"),
            ("mentions", "mentions"),
            ("person_mentions", "people"),
            ("summit_mentions", "summits"),
            ("meeting_mentions", "meetings"),
        ):
            rows = _rows(record for extraction in extractions for record in getattr(extraction, attribute))
            insert_rows(con, f"staging.{table}", rows)
        insert_rows(con, "staging.extractions", [[document_id, extractor_version] for document_id in document_ids])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


WRITE_BATCH = 16  # documents per write transaction


def write_extractions_in_batches(
    con: duckdb.DuckDBPyConnection,
    extractions: Iterable[DocumentExtraction],
    extractor_version: str,
    on_written: Callable[[int], None] | None = None,
) -> None:
    """`write_extractions` over a stream, WRITE_BATCH documents per transaction (each document whole or
    absent, and a long stream never held in memory); `on_written(n)` after each write."""
    stream = iter(extractions)
    while batch := list(islice(stream, WRITE_BATCH)):
        write_extractions(con, batch, extractor_version)
        if on_written:
            on_written(len(batch))


def table_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608 - table names are ours
