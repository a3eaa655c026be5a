"""Publish the marts for readers: a read-only DuckDB file and one Parquet file per mart.

DuckDB allows one writer or many readers, so BI tools never open the pipeline's working file. Every
published file is written under a temporary name in the same folder and moved into place with an atomic
rename: a reader sees the old version or the new one, never half of one, and a connection that is
already open keeps reading the version it opened.

The marts are every model in `dbt_project/models/marts/`. Descriptions and primary keys come from the
dbt manifest: each published table, view and column carries its description as a DuckDB comment, each
mart table declares the primary key of its model's `meta.primary_key`, and each Parquet file holds the
descriptions and the publication version in its key-value metadata.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from orchestration import settings

MARTS_FOLDER = settings.DBT_PROJECT_DIR / "models" / "marts"
MANIFEST_PATH = settings.DBT_PROJECT_DIR / "target" / "manifest.json"
# Every mart model, found by its file rather than listed here, so a new mart is published too.
MARTS = tuple(sorted(path.stem for path in MARTS_FOLDER.glob("*.sql")))
PUBLISHED_DB_NAME = "summits.duckdb"

PUBLICATION_DESCRIPTION = (
    "The version of this file: a digest of the marts, when it was published and the row count of each mart."
)
PUBLICATION_COLUMNS = {
    "version": "Digest of the marts' contents (order-independent); changes whenever any mart row changes.",
    "published_at": "When this file was published (UTC).",
    "row_counts": "Rows in each mart, as a JSON object keyed by mart name.",
}
# SQLAlchemy's PostgreSQL reflection (which duckdb_engine reuses) casts to REGCLASS, a type DuckDB lacks:
# this stand-in lets plain `duckdb_engine` reflect constraints without an error (see README).
REGCLASS_SHIM = "regclass"

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
class MartModel:
    """A mart as the dbt manifest describes it."""

    name: str
    description: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    primary_key: tuple[str, ...] = ()


def read_manifest(path: Path = MANIFEST_PATH) -> dict[str, Any]:
    """The dbt manifest, or an empty one when dbt has not parsed the project yet."""
    return json.loads(path.read_text()) if path.exists() else {}


def mart_models(manifest: Mapping[str, Any]) -> dict[str, MartModel]:
    """Every mart, with the description, column descriptions and primary key the manifest gives it."""
    models = {
        node["name"]: node
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") == "model" and "marts" in node.get("fqn", ())
    }
    found = {}
    for name in sorted(set(MARTS) | set(models)):
        node = models.get(name, {})
        meta = (node.get("config") or {}).get("meta") or node.get("meta") or {}
        key = meta.get("primary_key") or ()
        found[name] = MartModel(
            name=name,
            description=(node.get("description") or "").strip(),
            columns={
                column: (info.get("description") or "").strip() for column, info in node.get("columns", {}).items()
            },
            primary_key=(key,) if isinstance(key, str) else tuple(key),
        )
    return found


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


def _identifier(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _version(con: duckdb.DuckDBPyConnection, marts: list[str]) -> str:
    """A digest of the marts' contents, independent of row order."""
    digest = hashlib.sha256()
    for mart in marts:
        rows = con.execute(
            f"select coalesce(md5(string_agg(md5(m::varchar), '' order by md5(m::varchar))), '') from marts.{mart} m"
        ).fetchone()[0]
        digest.update(f"{mart}:{rows};".encode())
    return digest.hexdigest()[:16]


def _described(con: duckdb.DuckDBPyConnection, model: MartModel) -> MartModel:
    """The model's descriptions, completed by the comments dbt persisted in the working database."""
    table = con.execute(
        "select comment from duckdb_tables() where database_name = current_database()"
        " and schema_name = 'marts' and table_name = ?",
        [model.name],
    ).fetchone()
    stored = con.execute(
        "select column_name, coalesce(comment, '') from duckdb_columns() where database_name = current_database()"
        " and schema_name = 'marts' and table_name = ? order by column_index",
        [model.name],
    ).fetchall()
    columns = {column: model.columns.get(column) or comment for column, comment in stored}
    description = model.description or (table[0] if table and table[0] else "")
    return MartModel(model.name, description, columns, model.primary_key)


def _create_mart(con: duckdb.DuckDBPyConnection, model: MartModel) -> None:
    """Copy one mart into the published database, with its primary key and descriptions."""
    target = f"published.marts.{model.name}"
    con.execute(f"create table {target} as select * from marts.{model.name} order by all")
    if model.primary_key:
        missing = [column for column in model.primary_key if column not in model.columns]
        if missing:
            raise ValueError(f"marts.{model.name}: meta.primary_key names unknown columns {missing}")
        key = ", ".join(_identifier(column) for column in model.primary_key)
        try:
            con.execute(f"alter table {target} add primary key ({key})")
        except duckdb.Error as error:
            raise ValueError(f"marts.{model.name}: rows break the primary key ({key}): {error}") from error
    _comment(con, target, model)


def _comment(con: duckdb.DuckDBPyConnection, target: str, model: MartModel) -> None:
    """Describe a published table and its columns as DuckDB comments."""
    if model.description:
        con.execute(f"comment on table {target} is {_literal(model.description)}")
    for column, description in model.columns.items():
        if description:
            con.execute(f"comment on column {target}.{_identifier(column)} is {_literal(description)}")


def _create_bi_view(con: duckdb.DuckDBPyConnection, name: str, sql: str, mart: MartModel) -> None:
    """Create one `bi` view, described by its mart's descriptions (list columns noted as joined)."""
    con.execute(f"create view published.bi.{name} as {sql.replace('marts.', 'published.marts.')}")
    con.execute(
        f"comment on view published.bi.{name} is "
        + _literal(f"{mart.description} The rows of marts.{name}, with list columns joined into text by '; '.")
    )
    columns = con.execute(
        "select column_name from duckdb_columns() where database_name = 'published'"
        " and schema_name = 'bi' and table_name = ?",
        [name],
    ).fetchall()
    for (column,) in columns:
        description = mart.columns.get(column, "")
        if f"array_to_string({column}," in sql:
            description = f"{description} Joined into text by '; '.".strip()
        if description:
            con.execute(f"comment on column published.bi.{name}.{_identifier(column)} is {_literal(description)}")


def _write_database(
    con: duckdb.DuckDBPyConnection, path: Path, models: list[MartModel], version: str, published_at: str
) -> dict[str, int]:
    counts: dict[str, int] = {}
    con.execute(f"attach {_literal(str(path))} as published (read_only false)")
    try:
        con.execute("create schema published.marts")
        con.execute("create schema published.bi")
        con.execute(f"create type published.main.{REGCLASS_SHIM} as varchar")
        con.execute(
            f"comment on type published.main.{REGCLASS_SHIM} is 'Stand-in for PostgreSQL''s regclass, cast to by "
            "SQLAlchemy''s reflection queries (duckdb_engine); not data.'"
        )
        for model in models:
            _create_mart(con, model)
            counts[model.name] = con.execute(f"select count(*) from published.marts.{model.name}").fetchone()[0]
        con.execute(
            "create table published.marts.publication as select ?::varchar as version,"
            " ?::timestamp as published_at, ?::json as row_counts",
            [version, published_at, json.dumps(counts)],
        )
        _comment(
            con, "published.marts.publication", MartModel("publication", PUBLICATION_DESCRIPTION, PUBLICATION_COLUMNS)
        )
        by_name = {model.name: model for model in models}
        for name, sql in BI_VIEWS.items():
            _create_bi_view(con, name, sql, by_name[name])
    finally:
        con.execute("detach published")
    return counts


def _parquet_metadata(model: MartModel, version: str, published_at: str) -> str:
    """The Parquet key-value metadata of a mart, as a DuckDB struct literal for COPY's KV_METADATA."""
    entries = {
        "description": model.description,
        "publication_version": version,
        "published_at": published_at,
        "primary_key": ", ".join(model.primary_key),
        **{f"column:{column}": description for column, description in model.columns.items()},
    }
    return "{" + ", ".join(f"{_literal(key)}: {_literal(value)}" for key, value in entries.items()) + "}"


def _replace(temporary: Path, final: Path) -> None:
    """Flush the file to disk, then rename it over the old version (atomic on one file system)."""
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, final)


def connect_published(folder: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published database: what readers, reports and BI tools use."""
    return duckdb.connect(str(folder / PUBLISHED_DB_NAME), read_only=True)


def publish(con: duckdb.DuckDBPyConnection, folder: Path, manifest: Mapping[str, Any] | None = None) -> Publication:
    """Write the marts of the connected working database to `folder`: `summits.duckdb` (schemas `marts`,
    with a `publication` table, and `bi`) and `parquet/<mart>.parquet`, each moved into place atomically.
    Descriptions and primary keys come from `manifest` (by default dbt's `target/manifest.json`)."""
    models = [
        _described(con, model) for model in mart_models(read_manifest() if manifest is None else manifest).values()
    ]
    parquet_folder = folder / "parquet"
    parquet_folder.mkdir(parents=True, exist_ok=True)
    version = _version(con, [model.name for model in models])
    published_at = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    token = uuid.uuid4().hex[:8]

    temporary_db = folder / f".{PUBLISHED_DB_NAME}.{token}.tmp"
    try:
        counts = _write_database(con, temporary_db, models, version, published_at)
        parquet_files = {}
        for model in models:
            final = parquet_folder / f"{model.name}.parquet"
            temporary = parquet_folder / f".{model.name}.{token}.tmp"
            query = f"select * from marts.{model.name} order by all"
            metadata = _parquet_metadata(model, version, published_at)
            con.execute(f"copy ({query}) to {_literal(str(temporary))} (format parquet, kv_metadata {metadata})")
            _replace(temporary, final)
            parquet_files[model.name] = final
        database = folder / PUBLISHED_DB_NAME
        _replace(temporary_db, database)
    finally:
        for leftover in folder.glob(f"**/.*.{token}.tmp*"):
            leftover.unlink(missing_ok=True)
    return Publication(version, published_at, counts, database, parquet_files)
