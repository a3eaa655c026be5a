"""The distributed mode's code location: the same models, publication and reports as the embedded mode,
over staging that Celery workers write as Parquet batches (orchestration/parquet_staging.py). Load it
with `make dev-distributed` (`dagster dev -m orchestration.distributed.definitions`), or run its job
with `make run-distributed`."""

import dagster as dg

from orchestration.defs.dbt import summits_dbt_models
from orchestration.defs.publishing import published_marts, summit_reports
from orchestration.defs.reference import reference_files
from orchestration.defs.resources import build_resources
from orchestration.distributed.automation import distributed_folder_sensor, nightly_distributed_build
from orchestration.distributed.jobs import build_warehouse_distributed, parquet_staging_batches

defs = dg.Definitions(
    assets=[parquet_staging_batches, summits_dbt_models, published_marts, summit_reports, *reference_files],
    jobs=[build_warehouse_distributed],
    sensors=[distributed_folder_sensor],
    schedules=[nightly_distributed_build],
    # the warehouse file only dbt and the publication write, and dbt with the `distributed` target
    resources=build_resources(dbt_target="distributed"),
)


def distributed_job() -> dg.JobDefinition:
    """The job, for `dg.reconstructable`: each worker rebuilds it from this module by name."""
    return defs.resolve_job_def(build_warehouse_distributed.name)
