"""The one cached DbtProject; its manifest is prepared (dbt parse) when missing or in `dagster dev`."""

import os

from dagster_dbt import DbtProject

from orchestration import settings

os.environ.setdefault("SUMMITS_DUCKDB_PATH", str(settings.duckdb_path()))

dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
if not dbt_project.manifest_path.exists():
    dbt_project.preparer.prepare(dbt_project)
else:
    dbt_project.prepare_if_dev()
