"""The marts published for readers: a read-only DuckDB file, Parquet files, reports, documented columns."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from orchestration.publishing import MARTS
from tests.conftest import PROJECT_ROOT
from tests.published_reader import read_consistent

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _published(built_warehouse: Path) -> Path:
    return built_warehouse.parent / "published"


def test_published_file_holds_the_marts(built_warehouse) -> None:
    with duckdb.connect(str(built_warehouse), read_only=True) as working:
        expected = {mart: working.execute(f"select * from marts.{mart} order by all").fetchall() for mart in MARTS}
    with duckdb.connect(str(_published(built_warehouse) / "summits.duckdb"), read_only=True) as published:
        found = {mart: published.execute(f"select * from marts.{mart} order by all").fetchall() for mart in MARTS}
        counts = json.loads(published.execute("select row_counts from marts.publication").fetchone()[0])
        flat = published.execute("select participant_names from bi.meetings order by 1").fetchall()
    assert found == expected
    assert counts == {mart: len(rows) for mart, rows in expected.items()}
    assert ("Antony Blinken; Park Jin; Yoko Kamikawa",) in flat


def test_parquet_files_match_the_marts(built_warehouse) -> None:
    folder = _published(built_warehouse) / "parquet"
    with duckdb.connect(str(built_warehouse), read_only=True) as working:
        for mart in MARTS:
            parquet = working.execute(
                "select * from read_parquet(?) order by all", [str(folder / f"{mart}.parquet")]
            ).fetchall()
            assert parquet == working.execute(f"select * from marts.{mart} order by all").fetchall(), mart
    assert not list(folder.parent.glob("**/*.tmp*"))  # no temporary file left behind


def test_published_columns_carry_their_descriptions(built_warehouse) -> None:
    with duckdb.connect(str(_published(built_warehouse) / "summits.duckdb"), read_only=True) as published:
        missing = published.execute(
            "select schema_name, table_name, column_name from duckdb_columns()"
            " where schema_name in ('marts', 'bi') and coalesce(comment, '') = ''"
        ).fetchall()
        undescribed = published.execute(
            "select schema_name, table_name from duckdb_tables() where schema_name in ('marts', 'bi')"
            " and coalesce(comment, '') = '' union all select schema_name, view_name from duckdb_views()"
            " where schema_name in ('marts', 'bi') and coalesce(comment, '') = ''"
        ).fetchall()
    assert missing == [] and undescribed == []


def test_published_marts_declare_their_primary_keys(built_warehouse) -> None:
    from orchestration.publishing import mart_models, read_manifest

    expected = {model.name: list(model.primary_key) for model in mart_models(read_manifest()).values()}
    with duckdb.connect(str(_published(built_warehouse) / "summits.duckdb"), read_only=True) as published:
        found = dict(
            published.execute(
                "select table_name, constraint_column_names from duckdb_constraints()"
                " where schema_name = 'marts' and constraint_type = 'PRIMARY KEY'"
            ).fetchall()
        )
    assert {mart: found.get(mart, []) for mart in MARTS} == {mart: expected[mart] for mart in MARTS}


def test_every_mart_column_is_described_in_the_dbt_manifest() -> None:
    from orchestration.defs.dbt_project import dbt_project

    manifest = json.loads(Path(dbt_project.manifest_path).read_text())
    marts = [node for node in manifest["nodes"].values() if node["resource_type"] == "model" and "marts" in node["fqn"]]
    assert {node["name"] for node in marts} == set(MARTS)
    for node in marts:
        assert node["description"].strip(), node["name"]
        assert node["columns"], node["name"]
        for name, column in node["columns"].items():
            assert column["description"].strip(), f"{node['name']}.{name}"
    exposures = manifest["exposures"].values()
    assert {ref for exposure in exposures for ref in exposure["depends_on"]["nodes"]} >= {
        f"model.summits.{mart}" for mart in MARTS
    }


def test_summit_reports_draw_every_summit(built_warehouse) -> None:
    folder = built_warehouse.parent / "reports"
    for summit in ("apec-2023", "apec-2024", "apec-2025"):
        for picture in ("network", "timeline"):
            data = (folder / f"{summit}-{picture}.png").read_bytes()
            assert data.startswith(PNG_SIGNATURE) and len(data) > 5_000
    page = (folder / "apec-2023.html").read_text(encoding="utf-8")
    assert "Yoko Kamikawa" in page and 'href="#evidence-' in page and 'id="evidence-' in page
    assert '<a href="apec-2025.html">' in (folder / "index.html").read_text(encoding="utf-8")


def _start_reader(kind: str, published: Path, stop: Path, result: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.published_reader", kind, str(published), str(stop), str(result)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )


def _wait_until(check, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_readers_keep_reading_while_a_full_build_runs(built_warehouse, tmp_path) -> None:
    """A SQLAlchemy (duckdb_engine) reader and a plain duckdb reader, each in its own process as a BI tool
    is, hold read-only connections to the published file and keep querying while a full build runs."""
    published, stop = tmp_path / "published", tmp_path / "stop"
    shutil.copytree(_published(built_warehouse), published)
    results = {kind: tmp_path / f"{kind}.json" for kind in ("sqlalchemy", "duckdb")}
    readers = [_start_reader(kind, published, stop, result) for kind, result in results.items()]
    _wait_until(lambda: all(result.with_suffix(".ready").exists() for result in results.values()), 120)
    env = {
        **os.environ,
        "SUMMITS_SEEDS_DIR": str(built_warehouse.parent / "seeds"),  # the same files: the same marts
        "SUMMITS_DUCKDB_PATH": str(tmp_path / "working.duckdb"),  # empty: a full build
        "SUMMITS_PUBLISH_DIR": str(published),
        "SUMMITS_REPORTS_DIR": str(tmp_path / "reports"),
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    build = subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    fresh, deadline = [], time.monotonic() + 900  # meanwhile: a new connection per read, Parquet files whole
    while build.poll() is None or len(fresh) < 3 or fresh[-1] == fresh[0]:
        assert time.monotonic() < deadline, "the build did not publish a new version"
        with duckdb.connect(str(published / "summits.duckdb"), read_only=True) as con:
            fresh.append(tuple(read_consistent(lambda sql, con=con: con.execute(sql).fetchall())))
            for mart in MARTS:
                con.execute("select count(*) from read_parquet(?)", [str(published / "parquet" / f"{mart}.parquet")])
        assert build.poll() in (None, 0)
        time.sleep(0.1)
    stop.touch()
    for reader in readers:
        assert reader.wait(timeout=60) == 0
    assert build.returncode == 0
    sqlalchemy_reads, duckdb_reads = (json.loads(result.read_text()) for result in results.values())
    assert sqlalchemy_reads["errors"] == [] and duckdb_reads["errors"] == []
    assert sqlalchemy_reads["reads"] > 10 and duckdb_reads["reads"] > 10
    # Held connections keep the version they opened; new connections see the old, then the new one.
    assert len({tuple(version) for version in sqlalchemy_reads["held"]}) == 1
    assert len({tuple(version) for version in duckdb_reads["held"]}) == 1
    assert fresh[0] == tuple(duckdb_reads["held"][0]) == tuple(sqlalchemy_reads["held"][0])
    assert len(set(fresh)) == 2 and fresh[-1][1] > fresh[0][1]  # a newer publication of the same marts
    assert fresh[-1][0] == fresh[0][0]
    assert fresh == sorted(fresh, key=lambda version: version[1])  # never back to the old version


def test_every_documented_query_runs_on_the_published_file(built_warehouse) -> None:
    from orchestration.query_book import read_queries

    queries = read_queries(PROJECT_ROOT / "docs" / "queries")
    page = (PROJECT_ROOT / "docs" / "QUERIES.md").read_text(encoding="utf-8")
    assert len(queries) == 10
    with duckdb.connect(str(_published(built_warehouse) / "summits.duckdb"), read_only=True) as con:
        for name, question, sql in queries:
            assert con.execute(sql).fetchall(), f"{name}: no rows on the seed articles"
            assert sql in page and question in page, f"{name} is not in docs/QUERIES.md as it is"
