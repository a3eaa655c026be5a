"""A sensor that rebuilds when the seeds folder changes, and a nightly full reconciliation."""

import hashlib

import dagster as dg

from extraction.ingest import list_article_files
from orchestration import settings

build_everything = dg.define_asset_job("build_warehouse", selection=dg.AssetSelection.all())


def folder_fingerprint() -> str:
    """A digest of file names, sizes and modification times in the seeds folder."""
    digest = hashlib.sha256()
    for path in list_article_files(settings.seeds_dir()):
        stat = path.stat()
        digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(job=build_everything, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def seeds_folder_sensor(context: dg.SensorEvaluationContext):
    """Request a build when files are added, changed or removed in SUMMITS_SEEDS_DIR."""
    fingerprint = folder_fingerprint()
    if fingerprint == context.cursor:
        return dg.SkipReason("seeds folder unchanged")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)


nightly_rebuild = dg.ScheduleDefinition(
    job=build_everything,
    cron_schedule="0 3 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
