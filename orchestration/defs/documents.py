"""Raw documents: every file of the seeds folder becomes a staged document or a recorded error.

One dynamic partition per file; a run over many partitions (a backfill) reads and stages
them in one run, a chunk of files per transaction."""

from collections.abc import Callable, Iterator

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
    group_name="raw_documents",
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
    group_name="raw_documents",
    deps=[DOCUMENTS],
    pool=WRITER_POOL,
    description="Retires staged rows of files that left the folder and re-stages files whose content drifted.",
    kinds={"duckdb"},
)
def reconciliation(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    """Compare the folder with the warehouse in full and repair any drift."""
    folder = settings.seeds_dir()
    files = files_by_key(folder)
    with duckdb.get_connection() as con:
        staged = storage.staged_keys(con)
        removed = sorted(staged.keys() - files.keys())

        def drifted() -> Iterator[tuple[str, RawDocument | DocumentError | None]]:
            yield from ((key, None) for key in removed)
            for key, path in files.items():
                result = read_document(path, root=folder)
                if result is None and key not in staged:
                    continue  # listed, then gone before it could be read: nothing to stage or retire
                if key not in staged or result is None or staged[key] != getattr(result, "content_hash", None):
                    yield key, result

        counts = storage.stage_files_in_chunks(con, drifted())
    restaged = counts["documents"] + counts["errors"] + counts["retired"] - len(removed)
    drift = {"files": len(files), "retired": len(removed), "restaged": restaged}
    context.log.info(f"reconciliation: {drift}")
    return dg.MaterializeResult(metadata={**drift, **counts})


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
