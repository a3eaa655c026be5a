"""After every successful build: the marts published for readers, then the summit reports drawn from them."""

import base64

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration import settings
from orchestration.defs.documents import WRITER_POOL
from orchestration.publishing import MARTS, connect_published, publish
from orchestration.reports import write_reports

PUBLISHED = dg.AssetKey(["published", "marts"])


@dg.asset(
    key=PUBLISHED,
    group_name="published",
    deps=[dg.AssetKey(["marts", mart]) for mart in MARTS],
    pool=WRITER_POOL,  # it reads the working file, which only one process may open
    automation_condition=dg.AutomationCondition.eager(),
    kinds={"duckdb", "parquet"},
    description="A read-only DuckDB file with the marts (schemas `marts`, `bi`) and one Parquet file per mart, "
    "under SUMMITS_PUBLISH_DIR, replaced atomically.",
)
def published_marts(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        publication = publish(con, settings.publish_dir())
    context.log.info(f"published version {publication.version} to {publication.database}")
    return dg.MaterializeResult(
        metadata={
            "version": publication.version,
            "published_at": publication.published_at,
            "database": dg.MetadataValue.path(str(publication.database)),
            "parquet_folder": dg.MetadataValue.path(str(settings.publish_dir() / "parquet")),
            **{f"rows/{mart}": count for mart, count in publication.row_counts.items()},
        },
        data_version=dg.DataVersion(publication.version),
    )


def _inline_png(path) -> str:
    return f"![{path.stem}](data:image/png;base64,{base64.b64encode(path.read_bytes()).decode()})"


@dg.asset(
    key=["published", "summit_reports"],
    group_name="published",
    deps=[PUBLISHED],
    automation_condition=dg.AutomationCondition.eager(),
    kinds={"python", "html"},
    description="Per summit: the meeting network and a timeline of meetings by day (PNG) and an HTML page linking "
    "the evidence sentences, under SUMMITS_REPORTS_DIR; read from the published file, not the working one.",
)
def summit_reports(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    with connect_published(settings.publish_dir()) as con:
        reports = write_reports(con, settings.reports_dir())
    metadata: dict = {"summits": len(reports), "folder": dg.MetadataValue.path(str(settings.reports_dir()))}
    for report in reports:
        metadata[report.summit_id] = dg.MetadataValue.md(
            f"**{report.summit_name}**: {len(report.meetings)} meetings, {len(report.attendees)} attendees, "
            f"{len(report.conflicts)} disputed facts, {len(report.sources)} sources; "
            f"page `{report.files['page']}`\n\n"
            f"{_inline_png(report.files['network'])}\n\n{_inline_png(report.files['timeline'])}"
        )
        # A path, not a file:// link: the UI refuses file links in markdown (they render as void links).
        metadata[f"{report.summit_id}/page"] = dg.MetadataValue.path(str(report.files["page"]))
    context.log.info(f"{len(reports)} summit reports in {settings.reports_dir()}")
    return dg.MaterializeResult(metadata=metadata)
