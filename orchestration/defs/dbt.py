"""Every dbt model, seed and test as Dagster assets and checks, grouped by layer."""

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration.defs.dbt_project import dbt_project


class SummitsTranslator(DagsterDbtTranslator):
    """Group dbt nodes by layer (reference, staging, intermediate, marts); key marts as marts/<name>."""

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        node = manifest.get("nodes", {}).get(unique_id)
        if node is None:
            return spec
        layer = "reference" if node["resource_type"] == "seed" else (node.get("fqn") or ["", "models"])[1]
        return spec.replace_attributes(group_name=layer, key=dg.AssetKey([layer, node["name"]]))


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=SummitsTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
)
def summits_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """`dbt build`: seeds, models and their tests."""
    yield from dbt.cli(["build"], context=context).stream()
