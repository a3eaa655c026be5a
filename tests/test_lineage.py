"""The lineage a person reads in the Dagster UI: groups are the layers, a staging model depends only on
the table it reads, reference data hangs off the models that use it, and every change runs to the end."""

from __future__ import annotations

import dagster as dg
import pytest

from orchestration.definitions import defs

LAYERS = {"sources", "staging", "intermediate", "marts", "published"}


@pytest.fixture(scope="module")
def graph() -> dg.AssetGraph:  # type: ignore[name-defined]
    return defs.resolve_asset_graph()


def test_groups_are_the_layers(graph) -> None:
    groups = {graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert groups == LAYERS


def test_staging_models_depend_only_on_the_tables_they_read(graph) -> None:
    """Its table, and the reconciliation that also writes that table (so a full run builds it after)."""
    writers = {"documents": "reconciliation", "document_errors": "reconciliation"}
    staging = [key for key in graph.get_all_asset_keys() if key.path[-1].startswith("stg_")]
    assert staging
    for key in staging:
        table = key.path[-1].removeprefix("stg_")
        writer = writers.get(table, "extraction_reconciliation")
        assert graph.get(key).parent_keys == {dg.AssetKey(["staging", table]), dg.AssetKey(["staging", writer])}


def test_reference_data_is_drawn_where_it_is_used(graph) -> None:
    """Each reference file feeds the extraction and its dbt seed; no seed stands alone."""
    files = [key for key in graph.get_all_asset_keys() if key.path[0] == "reference_files"]
    assert len(files) >= 4
    for key in files:
        children = graph.get(key).child_keys
        assert dg.AssetKey(["staging", "meeting_mentions"]) in children
        assert dg.AssetKey(["reference", key.path[-1]]) in children
    for key in (key for key in graph.get_all_asset_keys() if key.path[0] == "reference"):
        assert graph.get(key).parent_keys, f"{key.to_user_string()} stands alone"


def test_a_new_file_runs_from_the_file_to_the_reports_in_one_run() -> None:
    job = defs.resolve_job_def("extract_documents")
    keys = {key.to_user_string() for key in job.asset_layer.selected_asset_keys}
    assert {"staging/documents", "staging/meeting_mentions", "marts/meetings", "published/marts"} <= keys
    assert "published/summit_reports" in keys
    assert not any(key.startswith("reference/") for key in keys), "seeds load with the sync and nightly runs"
    assert job.executor_def.name == "in_process"
    sync = defs.resolve_job_def("sync_folder").asset_layer.selected_asset_keys
    assert any(key.path[0] == "reference" for key in sync), "a new warehouse gets its seeds from the first sync"
