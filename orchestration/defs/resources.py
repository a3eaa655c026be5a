"""Resources: the DuckDB warehouse file and the dbt CLI, both located by environment variables."""

import importlib.metadata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

import duckdb
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource
from packaging import version
from pydantic import Field

from orchestration import settings
from orchestration.defs.dbt_project import dbt_project
from orchestration.locking import DEFAULT_LOCK_TIMEOUT, connect_waiting, lock_timeout


class WarehouseResource(DuckDBResource):
    """The DuckDB warehouse: a connection waits (bounded) while another process holds the file, then
    fails with a message naming the holder, instead of failing at once or retrying blindly."""

    lock_timeout_seconds: float = Field(default=DEFAULT_LOCK_TIMEOUT, description="How long to wait for the lock.")

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = connect_waiting(self.database, self.lock_timeout_seconds, dict(self.connection_config))
        try:
            yield con
        finally:
            con.close()


class SummitsDbtCliResource(DbtCliResource):
    """The dbt CLI without two costs dagster-dbt pays before every build (seconds each, on the path of a
    new article to readers): `dbt --version` in a subprocess, where the installed dbt-core's version is
    known, and dbt's adapter loaded in-process, needed only for metadata fetched through dbt (row counts
    and previews are read from DuckDB instead, in `defs/dbt.py`)."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):  # noqa: ANN001, ANN202 - dagster-dbt's private hook
        return None


def build_resources(dbt_target: str | None = None) -> dict[str, object]:
    """The warehouse file and dbt (its profile's default target unless `dbt_target` names another)."""
    settings.duckdb_path().parent.mkdir(parents=True, exist_ok=True)
    return {
        "duckdb": WarehouseResource(database=str(settings.duckdb_path()), lock_timeout_seconds=lock_timeout()),
        "dbt": SummitsDbtCliResource(project_dir=dbt_project, target=dbt_target),
    }
