"""Every dbt model, seed and test as Dagster assets and checks, grouped by layer."""

import hashlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from orchestration import settings
from orchestration.defs.dbt_project import dbt_project
from orchestration.defs.documents import DOCUMENT_ERRORS, DOCUMENTS, RECONCILIATION, WRITER_POOL
from orchestration.defs.extraction import EXTRACTED, EXTRACTION_RECONCILIATION
from orchestration.defs.reference import reference_file_key

GROUP_OF_LAYER = {"reference": "sources"}
# A staging table has two writers: its per-file asset, and the full reconciliation, which re-stages or
# re-extracts what drifted. A staging model depends on the table it reads and on that table's
# reconciling writer, so a reconciliation run builds the models after the table is whole.
RECONCILING_WRITER = {
    DOCUMENTS: RECONCILIATION,
    DOCUMENT_ERRORS: RECONCILIATION,
    **{dg.AssetKey(["staging", name]): EXTRACTION_RECONCILIATION for name in EXTRACTED},
}
SCHEMA_OF_LAYER = {"reference": "reference", "staging": "stg", "intermediate": "intermediate", "marts": "marts"}
PREVIEW_ROWS = 5
# Layers stored as tables get a row count and a preview; staging models are views, whose count would run
# their query again after every build.
STORED = {"reference", "intermediate", "marts"}


class SummitsTranslator(DagsterDbtTranslator):
    """Key dbt nodes <layer>/<name> and group them by layer: reference seeds with the sources they stand
    beside, models in staging, intermediate or marts. A staging model depends on the one table it reads
    (dbt's own lineage) and on that table's reconciling writer; every model follows new extractions by
    itself (eager automation)."""

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        node = manifest.get("nodes", {}).get(unique_id)
        if node is None:
            return spec
        layer = "reference" if node["resource_type"] == "seed" else (node.get("fqn") or ["", "models"])[1]
        spec = spec.replace_attributes(
            group_name=GROUP_OF_LAYER.get(layer, layer),
            key=dg.AssetKey([layer, node["name"]]),
            automation_condition=dg.AutomationCondition.eager(),
        )
        if layer == "reference":  # the seed loads the reference file the extraction reads too
            return spec.merge_attributes(deps=[reference_file_key(node["name"])])
        writers = {RECONCILING_WRITER[dep.asset_key] for dep in spec.deps if dep.asset_key in RECONCILING_WRITER}
        return spec.merge_attributes(deps=sorted(writers, key=str)) if writers else spec


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


def target_path() -> Path:
    """dbt's artifacts for this warehouse: one folder per warehouse file, reused across runs, so dbt's
    partial parse is kept (a fresh folder per run, dagster-dbt's default, costs a full parse each time).
    Builds of one warehouse never overlap: they hold its single-writer lock."""
    warehouse = hashlib.sha256(str(settings.duckdb_path()).encode()).hexdigest()[:12]
    return settings.DBT_PROJECT_DIR / "target" / "runs" / warehouse


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
    invocation = dbt.cli(["build"], context=context, target_path=target_path())
    try:
        events = list(invocation.stream())
    finally:
        if invocation.process.poll() is None:  # never leave dbt holding the DuckDB file
            invocation.process.kill()
            invocation.process.wait()
    with duckdb.get_connection() as con:
        for event in events:
            if isinstance(event, dg.Output) and context.asset_key_for_output(event.output_name).path[0] in STORED:
                key = context.asset_key_for_output(event.output_name)
                yield event.with_metadata({**event.metadata, **_table_metadata(con, key)})
            else:
                yield event
