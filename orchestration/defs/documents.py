"""Raw documents: every file of the seeds folder becomes a staged document or a recorded error."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from extraction.ingest import read_folder
from extraction.records import DocumentError, RawDocument
from orchestration import settings, storage

DOCUMENTS = dg.AssetKey(["staging", "documents"])
DOCUMENT_ERRORS = dg.AssetKey(["staging", "document_errors"])


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            DOCUMENTS,
            group_name="raw_documents",
            description="One row per article file read as text.",
            kinds={"duckdb"},
        ),
        dg.AssetSpec(
            DOCUMENT_ERRORS,
            group_name="raw_documents",
            description="Files that are not readable text, with the reason.",
            kinds={"duckdb"},
        ),
    ],
    can_subset=False,
)
def raw_documents(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    """Read the seeds folder (SUMMITS_SEEDS_DIR), decode each file and stage it."""
    folder = settings.seeds_dir()
    results = list(read_folder(folder))
    documents = [r for r in results if isinstance(r, RawDocument)]
    errors = [r for r in results if isinstance(r, DocumentError)]
    with duckdb.get_connection() as con:
        changes = storage.replace_documents(con, documents, errors)
        preview = con.execute(
            "select file_name, encoding, size_bytes, title, summit_year"
            " from staging.documents order by file_name limit 10"
        ).fetchall()
    for error in errors:
        context.log.warning(f"{error.path}: {error.reason}")
    yield dg.MaterializeResult(
        asset_key=DOCUMENTS,
        metadata={
            "folder": str(folder),
            "dagster/row_count": len(documents),
            **changes,
            "preview": dg.MetadataValue.md(
                "| file | encoding | bytes | title | summit |\n|---|---|---|---|---|\n"
                + "\n".join(f"| {f} | {e} | {b} | {t or ''} | {y or ''} |" for f, e, b, t, y in preview)
            ),
        },
    )
    yield dg.MaterializeResult(
        asset_key=DOCUMENT_ERRORS,
        metadata={
            "dagster/row_count": len(errors),
            "errors": dg.MetadataValue.md("\n".join(f"- `{e.path}`: {e.reason}" for e in errors) or "none"),
        },
    )


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
