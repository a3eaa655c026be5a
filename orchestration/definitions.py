"""The one Definitions object that `dagster dev` loads."""

import dagster as dg

from orchestration.defs.automation import (
    AUTOMATION_INTERVAL_SECONDS,
    SENSOR_STATUS,
    extract_documents_job,
    nightly_reconciliation,
    reconcile_job,
    seeds_folder_sensor,
    sync_folder_job,
)
from orchestration.defs.dbt import summits_dbt_models
from orchestration.defs.documents import raw_documents, reconciliation, unreadable_files
from orchestration.defs.extraction import extraction_reconciliation, nlp_extraction
from orchestration.defs.publishing import published_marts, summit_reports
from orchestration.defs.reference import reference_files
from orchestration.defs.resources import build_resources

defs = dg.Definitions(
    assets=[
        raw_documents,
        nlp_extraction,
        reconciliation,
        extraction_reconciliation,
        summits_dbt_models,
        published_marts,
        summit_reports,
        *reference_files,
    ],
    asset_checks=[unreadable_files],
    jobs=[extract_documents_job, reconcile_job, sync_folder_job],
    sensors=[
        seeds_folder_sensor,
        dg.AutomationConditionSensorDefinition(
            "dbt_models_follow_extractions",
            target=dg.AssetSelection.all(),
            default_status=SENSOR_STATUS,
            minimum_interval_seconds=AUTOMATION_INTERVAL_SECONDS,
        ),
    ],
    schedules=[nightly_reconciliation],
    resources=build_resources(),
    executor=dg.in_process_executor,  # a run's steps share its process: no process and code load per step
)
