"""Raw documents: every file of the seeds folder becomes a staged document or a recorded error.

One dynamic partition per file; a run over many partitions (a backfill) reads and stages
them in one run, a chunk of files per transaction."""

from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from extraction.ingest import read_document
from extraction.records import DocumentError, RawDocument
from orchestration import settings, storage
from orchestration.partitions import documents_partitions, files_by_key

DOCUMENTS = dg.AssetKey(["staging", "documents"])
DOCUMENT_ERRORS = dg.AssetKey(["staging", "document_errors"])
RECONCILIATION = dg.AssetKey(["staging", "reconciliation"])
WRITER_POOL = "duckdb_writer"


def read_keys(
    keys: list[str], log: Callable[[str], None] | None = None
) -> Iterator[tuple[str, RawDocument | DocumentError | None]]:
    """Read the files behind these partition keys, one at a time; a key whose file is gone (or vanished
    while being read) maps to None, and its staged rows are retired."""
    folder = settings.seeds_dir()
    files = files_by_key(folder)
    for key in keys:
        result = read_document(files[key], root=folder) if key in files else None
        if log and isinstance(result, DocumentError):
            log(f"{key}: {result.reason}")
        yield key, result


@dg.multi_asset(
    specs=[
        dg.AssetSpec(DOCUMENTS, description="One row per article file read as text.", kinds={"duckdb"}),
        dg.AssetSpec(
            DOCUMENT_ERRORS, description="Files that are not readable text, with the reason.", kinds={"duckdb"}
        ),
    ],
    group_name="sources",
    partitions_def=documents_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    can_subset=False,
    pool=WRITER_POOL,
)
def raw_documents(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    """Read the files of the run's partitions from SUMMITS_SEEDS_DIR, decode them and stage them."""
    with duckdb.get_connection() as con:
        counts = storage.stage_files_in_chunks(con, read_keys(list(context.partition_keys), context.log.warning))
        total = storage.table_count(con, "staging.documents")
    yield dg.MaterializeResult(asset_key=DOCUMENTS, metadata={"dagster/row_count": total, **counts})
    yield dg.MaterializeResult(asset_key=DOCUMENT_ERRORS, metadata={"errors_in_run": counts["errors"]})


@dg.asset(
    key=RECONCILIATION,
    group_name="sources",
    deps=[DOCUMENTS],
    pool=WRITER_POOL,
    description="Retires staged rows of files that left the folder and re-stages files whose content drifted.",
    kinds={"duckdb"},
)
def reconciliation(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    """Compare the folder with the warehouse in full and repair any drift. The metadata name the retired
    files (`retired_files`) and, when the folder itself changed, the one the warehouse was built from."""
    folder = settings.seeds_dir()
    files = files_by_key(folder)
    with duckdb.get_connection() as con:
        staged = storage.staged_keys(con)
        removed = sorted(staged.keys() - files.keys())
        removed_names = staged_file_names(con, removed)
        previous_folder = recorded_seeds_folder(con)

        def drifted() -> Iterator[tuple[str, RawDocument | DocumentError | None]]:
            yield from ((key, None) for key in removed)
            for key, path in files.items():
                result = read_document(path, root=folder)
                if result is None and key not in staged:
                    continue  # listed, then gone before it could be read: nothing to stage or retire
                if key not in staged or result is None or staged[key] != getattr(result, "content_hash", None):
                    yield key, result

        counts = storage.stage_files_in_chunks(con, drifted())
        record_seeds_folder(con, folder)
    restaged = counts["documents"] + counts["errors"] + counts["retired"] - len(removed)
    drift = {"files": len(files), "retired": len(removed), "restaged": restaged}
    context.log.info(f"reconciliation: {drift}")
    whole = bool(staged) and not staged.keys() & files.keys()
    retirement = retirement_metadata(folder, previous_folder, removed_names, whole)
    if removed:
        context.log.info(retirement_line({**drift, **retirement}))
    return dg.MaterializeResult(metadata={**drift, **counts, **retirement})


SEEDS_FOLDER_DDL = "create table if not exists staging.seeds_folder (folder varchar not null)"
LISTED_FILES = 200  # retired file names kept in the metadata (the count is always whole)


def staged_file_names(con, keys: list[str]) -> list[str]:
    """The file names behind these staged keys (documents and recorded errors), sorted."""
    if not keys:
        return []
    rows = con.execute(
        "select file_name from staging.documents where source_key in (select unnest(?))"
        " union select file_name from staging.document_errors where source_key in (select unnest(?))",
        [keys, keys],
    ).fetchall()
    return sorted(row[0] for row in rows)


def recorded_seeds_folder(con) -> str | None:
    """The folder the warehouse was last reconciled with (None before the first reconciliation)."""
    con.execute(SEEDS_FOLDER_DDL)
    row = con.execute("select folder from staging.seeds_folder").fetchone()
    return row[0] if row else None


def record_seeds_folder(con, folder: Path) -> None:
    """Remember `folder` as the one the warehouse is now reconciled with."""
    con.execute("begin transaction")
    con.execute("delete from staging.seeds_folder")
    con.execute("insert into staging.seeds_folder values (?)", [str(folder)])
    con.execute("commit")


def retirement_metadata(folder: Path, previous: str | None, names: list[str], whole: bool) -> dict[str, object]:
    """What was retired, for the UI and for `make run`'s summary. `whole`: no staged file is in the folder
    any more (SUMMITS_SEEDS_DIR points at another folder, or the folder was emptied)."""
    metadata: dict[str, object] = {
        "seeds_folder": str(folder),
        "retired_files": dg.MetadataValue.json(names[:LISTED_FILES]),
        "whole_folder_retired": bool(names) and whole,
    }
    if previous and previous != str(folder):
        metadata["previous_seeds_folder"] = previous
    return metadata


def _value(value: object) -> object:
    return getattr(value, "value", value)  # a MetadataValue, or a plain value as read back from an event


def retirement_line(metadata: dict[str, object], listed: int = 10) -> str:
    """One plain sentence about the retired documents, from the reconciliation metadata."""
    names = list(_value(metadata.get("retired_files")) or [])  # type: ignore[call-overload]
    count = int(_value(metadata.get("retired", len(names))))  # type: ignore[call-overload]
    folder, previous = _value(metadata.get("seeds_folder")), _value(metadata.get("previous_seeds_folder"))
    shown = ", ".join(names[:listed]) + (f" and {count - min(len(names), listed)} more" if count > listed else "")
    documents = f"{count} document" + ("" if count == 1 else "s")
    if previous:
        every = "all " if _value(metadata.get("whole_folder_retired")) else ""
        return (
            f"SUMMITS_SEEDS_DIR now points at {folder}, the warehouse was built from {previous}:"
            f" retired {every}{documents} not in the new folder: {shown}"
        )
    if _value(metadata.get("whole_folder_retired")):
        return f"retired all {documents}: none of their files is in {folder} any more: {shown}"
    return f"retired {documents} no longer in {folder}: {shown}"


@dg.asset_check(asset=DOCUMENT_ERRORS, description="Warns when some files could not be read as text.")
def unreadable_files(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        storage.ensure_schema(con)
        rows = con.execute("select path, reason from staging.document_errors order by path").fetchall()
    return dg.AssetCheckResult(
        passed=not rows,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "unreadable_files": len(rows),
            "files": dg.MetadataValue.md("\n".join(f"- `{p}`: {r}" for p, r in rows) or "none"),
        },
    )
