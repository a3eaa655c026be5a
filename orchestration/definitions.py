"""The one Definitions object that `dagster dev` loads."""

import dagster as dg

from orchestration.defs.automation import build_everything, nightly_rebuild, seeds_folder_sensor
from orchestration.defs.dbt import summits_dbt_models
from orchestration.defs.documents import raw_documents, unreadable_files
from orchestration.defs.extraction import nlp_extraction
from orchestration.defs.resources import build_resources

defs = dg.Definitions(
    assets=[raw_documents, nlp_extraction, summits_dbt_models],
    asset_checks=[unreadable_files],
    jobs=[build_everything],
    sensors=[seeds_folder_sensor],
    schedules=[nightly_rebuild],
    resources=build_resources(),
)
