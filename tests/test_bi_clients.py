"""BI clients on the published copy: SQLAlchemy reflection (duckdb_engine, what Superset does), pandas
through `.df()`, and the descriptions carried in the Parquet files' key-value metadata."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import sqlalchemy as sa

import orchestration.bi_dialect  # noqa: F401 - registers duckdb+summits
from orchestration.publishing import BI_VIEWS, MARTS, PUBLISHED_DB_NAME, mart_models, read_manifest


@pytest.fixture(scope="module")
def published(built_warehouse: Path) -> Path:
    return built_warehouse.parent / "published"


def _inspect(published: Path, scheme: str) -> Iterator[sa.Inspector]:
    """An inspector over the published file opened read-only, closed afterwards."""
    engine = sa.create_engine(f"{scheme}:///{published / PUBLISHED_DB_NAME}", connect_args={"read_only": True})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sa.exc.SAWarning)  # list columns: "Did not recognize type 'list'"
        yield sa.inspect(engine)
    engine.dispose()


@pytest.fixture(params=["duckdb", "duckdb+summits"])
def inspector(request: pytest.FixtureRequest, published: Path) -> Iterator[sa.Inspector]:
    """Plain duckdb_engine (what Superset uses) and ours, which adds primary keys."""
    yield from _inspect(published, request.param)


@pytest.fixture()
def plain_inspector(published: Path) -> Iterator[sa.Inspector]:
    """Plain duckdb_engine only, for the slower per-column checks."""
    yield from _inspect(published, "duckdb")


def test_schemas_tables_and_views_are_listed(inspector: sa.Inspector) -> None:
    assert {"summits.marts", "summits.bi"} <= set(inspector.get_schema_names())
    assert set(inspector.get_table_names("marts")) == {*MARTS, "publication"}
    assert set(inspector.get_view_names("bi")) == set(BI_VIEWS)


def test_every_table_view_and_column_is_described(plain_inspector: sa.Inspector) -> None:
    inspector = plain_inspector
    relations = [("marts", name) for name in (*MARTS, "publication")] + [("bi", name) for name in BI_VIEWS]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sa.exc.SAWarning)
        for schema, name in relations:
            assert inspector.get_table_comment(name, schema=schema)["text"], f"{schema}.{name}"
            columns = inspector.get_columns(name, schema=schema)
            assert columns, f"{schema}.{name}"
            undescribed = [column["name"] for column in columns if not column["comment"]]
            assert undescribed == [], f"{schema}.{name}"


def test_primary_keys_are_reflected(inspector: sa.Inspector) -> None:
    keys = {model.name: list(model.primary_key) for model in mart_models(read_manifest()).values()}
    for mart in MARTS:
        found = inspector.get_pk_constraint(mart, schema="marts")  # plain duckdb_engine: no error
        if inspector.dialect.driver == "summits":
            assert found["constrained_columns"] == keys[mart], mart
    if inspector.dialect.driver == "summits":
        assert any(keys.values()), "no mart declares meta.primary_key"


def test_metadata_reflect_gives_columns_and_keys(published: Path) -> None:
    engine = sa.create_engine(f"duckdb+summits:///{published / PUBLISHED_DB_NAME}", connect_args={"read_only": True})
    metadata = sa.MetaData()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # list types unknown to SQLAlchemy; indexes not reflected
        metadata.reflect(engine, schema="marts")
    engine.dispose()
    keys = {model.name: list(model.primary_key) for model in mart_models(read_manifest()).values()}
    for mart in MARTS:
        table = metadata.tables[f"marts.{mart}"]
        assert [column.name for column in table.primary_key] == keys[mart], mart
        assert all(column.comment for column in table.columns), mart


def test_df_returns_pandas(published: Path) -> None:
    with duckdb.connect(str(published / PUBLISHED_DB_NAME), read_only=True) as con:
        frame = con.sql("select * from marts.summits").df()
    parquet = duckdb.read_parquet(str(published / "parquet" / "meetings.parquet")).df()
    assert isinstance(frame, pd.DataFrame) and len(frame) > 0 and "summit_id" in frame.columns
    assert isinstance(parquet, pd.DataFrame) and len(parquet) > 0


def test_parquet_files_carry_descriptions_and_version(published: Path) -> None:
    models = mart_models(read_manifest())
    with duckdb.connect(str(published / PUBLISHED_DB_NAME), read_only=True) as con:
        version = con.execute("select version from marts.publication").fetchone()[0]
        for mart in MARTS:
            path = str(published / "parquet" / f"{mart}.parquet")
            metadata = dict(
                con.execute("select key::varchar, decode(value) from parquet_kv_metadata(?)", [path]).fetchall()
            )
            columns = [row[0] for row in con.execute("describe select * from read_parquet(?)", [path]).fetchall()]
            assert metadata["description"] == models[mart].description != "", mart
            assert metadata["publication_version"] == version, mart
            assert metadata["primary_key"] == ", ".join(models[mart].primary_key), mart
            assert all(metadata.get(f"column:{column}") for column in columns), mart
