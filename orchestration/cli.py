"""`make run`: build the warehouse from the seeds folder through Dagster and print a summary."""

from __future__ import annotations

import sys

import dagster as dg
import duckdb

from orchestration import settings
from orchestration.locking import WarehouseBusyError

SUMMARY_QUERIES = {
    "documents": "select count(*) from staging.documents",
    "errors": "select count(*) from staging.document_errors",
    "summits": "select count(*) from marts.summits",
    "attendees": "select count(*) from marts.attendees",
    "meetings": "select count(*) from marts.meetings",
}


def build() -> bool:
    """One in-process run: reconcile the folder with the warehouse (stage new and changed files, retire
    removed ones), extract what is new, `dbt build`, then publish the marts and draw the reports."""
    from orchestration.defs.dbt import summits_dbt_models
    from orchestration.defs.documents import raw_documents, reconciliation
    from orchestration.defs.extraction import extraction_reconciliation, nlp_extraction
    from orchestration.defs.publishing import published_marts, summit_reports
    from orchestration.defs.resources import build_resources

    result = dg.materialize(
        assets=[
            raw_documents,
            nlp_extraction,
            reconciliation,
            extraction_reconciliation,
            summits_dbt_models,
            published_marts,
            summit_reports,
        ],
        selection=dg.AssetSelection.assets(reconciliation, extraction_reconciliation)
        | dg.AssetSelection.assets(summits_dbt_models)
        | dg.AssetSelection.assets(published_marts, summit_reports),
        resources=build_resources(),
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )
    for event in result.get_step_failure_events():
        error = event.step_failure_data.error
        print(f"step {event.step_key} failed: {error.message.strip() if error else 'unknown error'}")
    return result.success


def _connect() -> duckdb.DuckDBPyConnection:
    """Connect like the pipeline's DuckDB resource (DuckDB refuses a second configuration in one process)."""
    from orchestration.defs.resources import build_resources

    return build_resources()["duckdb"].get_connection()  # type: ignore[attr-defined]


def summary() -> dict[str, int]:
    with _connect() as con:
        return {name: con.execute(sql).fetchone()[0] for name, sql in SUMMARY_QUERIES.items()}


def main() -> int:
    print(f"seeds folder: {settings.seeds_dir()}\nwarehouse:    {settings.duckdb_path()}")
    print(f"published:    {settings.publish_dir()}\nreports:      {settings.reports_dir()}")
    ok = build()
    try:
        counts = summary()
    except (duckdb.Error, WarehouseBusyError) as error:
        print(f"could not read the warehouse: {error}")
        return 1
    print("  ".join(f"{name}: {count}" for name, count in counts.items()))
    if counts["errors"]:
        with _connect() as con:
            for path, reason in con.execute(
                "select path, reason from staging.document_errors order by path"
            ).fetchall():
                print(f"  not processed: {path}: {reason}")
    if not ok:
        print("the pipeline failed: see the log above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
