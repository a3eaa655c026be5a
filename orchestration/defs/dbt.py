"""Every dbt model, seed and test as Dagster assets and checks, grouped by layer."""

import json
from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from orchestration.defs.dbt_project import dbt_project
from orchestration.defs.documents import WRITER_POOL
from orchestration.defs.extraction import EXTRACTED

# Staging models read every table the ingestion and extraction steps write: while any of those is being
# written (a per-file run stages documents first, then extracts them), the eager condition waits.
EXTRACTION_STEPS = [
    dg.AssetKey(["staging", "extraction_reconciliation"]),
    *(dg.AssetKey(["staging", name]) for name in EXTRACTED),
]

SCHEMA_OF_LAYER = {"reference": "reference", "staging": "stg", "intermediate": "intermediate", "marts": "marts"}
PREVIEW_ROWS = 5


class SummitsTranslator(DagsterDbtTranslator):
    """Group dbt nodes by layer (reference, staging, intermediate, marts) keyed <layer>/<name>; every
    model follows new extractions by itself (eager automation), rebuilding only what changed upstream."""

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        node = manifest.get("nodes", {}).get(unique_id)
        if node is None:
            return spec
        layer = "reference" if node["resource_type"] == "seed" else (node.get("fqn") or ["", "models"])[1]
        spec = spec.replace_attributes(
            group_name=layer,
            key=dg.AssetKey([layer, node["name"]]),
            automation_condition=dg.AutomationCondition.eager(),
        )
        if layer == "staging":  # after a full reconciliation too, and never while extraction runs
            present = {dep.asset_key for dep in spec.deps}
            spec = spec.merge_attributes(deps=[key for key in EXTRACTION_STEPS if key not in present])
        return spec


def _table_metadata(con, key: dg.AssetKey) -> dict[str, Any]:
    """Row count and a markdown preview of the relation behind a dbt asset."""
    layer, name = key.path[0], key.path[-1]
    relation = f'"{SCHEMA_OF_LAYER.get(layer, layer)}"."{name}"'
    count = con.execute(f"select count(*) from {relation}").fetchone()[0]  # noqa: S608 - names from the manifest
    cursor = con.execute(f"select * from {relation} limit {PREVIEW_ROWS}")  # noqa: S608
    columns = [d[0] for d in cursor.description]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(v)[:60].replace("|", "/") for v in row) + " |" for row in cursor.fetchall()]
    return {"dagster/row_count": count, "preview": dg.MetadataValue.md("\n".join(lines))}


def drop_tables_off_contract(con, manifest: Mapping[str, Any]) -> list[str]:
    """Drop incremental tables whose stored columns differ from their model's contract, so that dbt
    builds them anew (an incremental model refuses a schema change rather than guess)."""
    dropped = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or node["config"].get("materialized") != "incremental":
            continue
        schema, table = node["schema"], node.get("alias") or node["name"]
        stored = con.execute(
            "select column_name, upper(data_type) from information_schema.columns"
            " where table_schema = ? and table_name = ? order by ordinal_position",
            [schema, table],
        ).fetchall()
        expected = [(name, (column.get("data_type") or "").upper()) for name, column in node["columns"].items()]
        if stored and stored != expected:
            con.execute(f'drop table "{schema}"."{table}"')  # names from the manifest, not from data
            dropped.append(f"{schema}.{table}")
    return dropped


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=SummitsTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
    pool=WRITER_POOL,
)
def summits_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource) -> Iterator:
    """`dbt build` (seeds, models, tests); row counts and previews are read once dbt has released the file."""
    with duckdb.get_connection() as con:
        manifest = json.loads(dbt_project.manifest_path.read_text())
        for table in drop_tables_off_contract(con, manifest):
            context.log.info(f"{table}: columns changed, rebuilt in full")
    invocation = dbt.cli(["build"], context=context)
    try:
        events = list(invocation.stream())
    finally:
        if invocation.process.poll() is None:  # never leave dbt holding the DuckDB file
            invocation.process.kill()
            invocation.process.wait()
    with duckdb.get_connection() as con:
        for event in events:
            if isinstance(event, dg.Output):
                key = context.asset_key_for_output(event.output_name)
                yield event.with_metadata({**event.metadata, **_table_metadata(con, key)})
            else:
                yield event
