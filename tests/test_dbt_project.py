"""The dbt project follows its own standard: read from the manifest that `dbt parse` writes (no warehouse).

Every model and column is documented, every model declares its primary key (`config.meta.primary_key`,
which publishing reads) and tests it, the marts that exposures read are public, every declared source
table and every seed is used, and the overview docs block exists.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).parent.parent
DBT_PROJECT = PROJECT_ROOT / "dbt_project"


@pytest.fixture(scope="module")
def manifest() -> dict:
    """Parse the project once per module and return `target/manifest.json`."""
    bin_dir = Path(sys.executable).parent  # the venv's dbt, whatever PATH the test runs with
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "DO_NOT_TRACK": "1"}
    dbt = shutil.which("dbt", path=env["PATH"])
    assert dbt, "dbt is not installed (run through make, which puts .venv/bin on PATH)"
    result = subprocess.run(
        [dbt, "parse", "--quiet"], cwd=DBT_PROJECT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads((DBT_PROJECT / "target" / "manifest.json").read_text())


def _ours(manifest: dict, resource_type: str) -> dict[str, dict]:
    return {
        unique_id: node
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == resource_type and node["package_name"] == "summits"
    }


@pytest.fixture(scope="module")
def models(manifest: dict) -> dict[str, dict]:
    return _ours(manifest, "model")


def _tests_on(manifest: dict, model_id: str) -> list[dict]:
    return [test for test in _ours(manifest, "test").values() if test.get("attached_node") == model_id]


def test_every_model_and_column_is_documented(models: dict) -> None:
    undocumented = [node["name"] for node in models.values() if not node["description"].strip()]
    assert not undocumented, f"models without a description: {undocumented}"
    no_columns = [node["name"] for node in models.values() if not node["columns"]]
    assert not no_columns, f"models without documented columns: {no_columns}"
    columns = [
        f"{node['name']}.{name}"
        for node in models.values()
        for name, column in node["columns"].items()
        if not column["description"].strip()
    ]
    assert not columns, f"columns without a description: {columns}"


def test_every_model_declares_its_primary_key(models: dict) -> None:
    for node in models.values():
        key = node["config"]["meta"].get("primary_key")
        assert isinstance(key, list) and key, f"{node['name']}: no config.meta.primary_key list"
        assert all(isinstance(column, str) for column in key), node["name"]
        missing = [column for column in key if column not in node["columns"]]
        assert not missing, f"{node['name']}: primary key columns not documented: {missing}"


def test_every_model_tests_its_primary_key(manifest: dict, models: dict) -> None:
    untested = []
    for unique_id, node in models.items():
        key = node["config"]["meta"]["primary_key"]
        tests = _tests_on(manifest, unique_id)
        generic = {
            (test["test_metadata"]["name"], test["test_metadata"]["kwargs"].get("column_name"))
            for test in tests
            if test.get("test_metadata")
        }
        combinations = [
            test["test_metadata"]["kwargs"].get("columns")
            for test in tests
            if test.get("test_metadata", {}).get("name") == "unique_combination"
        ]
        single = len(key) == 1 and {("unique", key[0]), ("not_null", key[0])} <= generic
        combined = any(columns is not None and sorted(columns) == sorted(key) for columns in combinations)
        if not (single or combined):
            untested.append(f"{node['name']} {key}")
    assert not untested, f"models whose primary key is not tested: {untested}"


def test_exposure_marts_are_public(manifest: dict) -> None:
    exposed = {
        model_id
        for exposure in manifest["exposures"].values()
        for model_id in exposure["depends_on"]["nodes"]
        if model_id.startswith("model.")
    }
    assert exposed
    private = [
        manifest["nodes"][model_id]["name"] for model_id in exposed if manifest["nodes"][model_id]["access"] != "public"
    ]
    assert not private, f"marts read by exposures but not access: public: {private}"


def test_every_source_table_is_used(manifest: dict, models: dict) -> None:
    read = {parent for node in models.values() for parent in node["depends_on"]["nodes"]}
    unused = [source["name"] for source_id, source in manifest["sources"].items() if source_id not in read]
    assert not unused, f"source tables no model reads: {unused}"


def test_every_seed_is_used(manifest: dict) -> None:
    read = {parent for node in manifest["nodes"].values() for parent in node["depends_on"].get("nodes", [])}
    unused = [seed["name"] for seed_id, seed in _ours(manifest, "seed").items() if seed_id not in read]
    assert not unused, f"seeds no model or test reads: {unused}"


def test_staging_models_read_one_source_each(models: dict) -> None:
    for node in models.values():
        if node["fqn"][1] == "staging":
            parents = node["depends_on"]["nodes"]
            assert len(parents) == 1 and parents[0].startswith("source."), f"{node['name']}: {parents}"


def test_overview_docs_block_exists(manifest: dict) -> None:
    overview = manifest["docs"].get("doc.summits.__overview__")
    assert overview is not None, "no {% docs __overview__ %} block"
    text = overview["block_contents"]
    for mart in ("summits", "people", "attendees", "meetings", "meeting_participants", "conflicts", "documents"):
        assert f"`{mart}`" in text, f"the overview does not describe the mart {mart}"
    assert "has_conflict" in text
