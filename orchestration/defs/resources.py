"""Resources: the DuckDB warehouse file and the dbt CLI, both located by environment variables."""

from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from orchestration import settings
from orchestration.defs.dbt_project import dbt_project


def build_resources() -> dict[str, object]:
    settings.duckdb_path().parent.mkdir(parents=True, exist_ok=True)
    return {
        "duckdb": DuckDBResource(database=str(settings.duckdb_path())),
        "dbt": DbtCliResource(project_dir=dbt_project),
    }
