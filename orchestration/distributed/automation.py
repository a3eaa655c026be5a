"""The distributed mode's automation: a build when the seeds folder changes, and a nightly one. Builds run
one at a time (the mode's instance limits their tag to one run, orchestration/distributed/dagster.yaml).

The mode builds the whole folder and skips batches already committed, so the sensor only needs to know
that something changed: its cursor is one digest of every file's name, size and modification time, never
a list of files (a folder of millions stays a small cursor, and no file is read by the sensor)."""

import hashlib
import os
import time
from pathlib import Path

import dagster as dg

from orchestration import settings
from orchestration.defs.automation import SCHEDULE_STATUS, SENSOR_STATUS
from orchestration.distributed.jobs import build_warehouse_distributed
from orchestration.partitions import files_by_key

SENSOR_INTERVAL_SECONDS = int(os.environ.get("SUMMITS_DISTRIBUTED_SENSOR_INTERVAL", "30"))
# A burst of changes (a feed dropping many files) is one build: the sensor waits until nothing has been
# written for this long.
QUIET_SECONDS = float(os.environ.get("SUMMITS_DISTRIBUTED_QUIET_SECONDS", "10"))


def folder_signature(folder: Path) -> tuple[str, float]:
    """A digest of every article file's key, size and modification time, and the newest modification."""
    digest, newest = hashlib.sha256(), 0.0
    for key, path in sorted(files_by_key(folder).items()):
        try:
            stat = path.lstat()
        except OSError:  # vanished while listing: the next tick sees the folder without it
            continue
        digest.update(f"{key}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        newest = max(newest, stat.st_mtime)
    return digest.hexdigest()[:16], newest


def evaluate_folder_for_build(cursor: str | None, folder: Path, now: float | None = None) -> dg.SensorResult:
    """Ask for a build when the folder's signature differs from the last build's, once no file has been
    written for QUIET_SECONDS; the first tick always asks."""
    now = time.time() if now is None else now
    signature, newest = folder_signature(folder)
    if signature == cursor:
        return dg.SensorResult(skip_reason="no new, changed or removed files", cursor=cursor)
    if now - newest < QUIET_SECONDS:
        return dg.SensorResult(skip_reason="files are still being written", cursor=cursor)
    # The folder can come back to an earlier state (a file added, then removed): the key carries the time,
    # since Dagster runs a run key only once. The cursor already keeps one change from being asked twice.
    run_key = f"folder:{signature}:{int(now * 1000)}"
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=run_key)], cursor=signature)


@dg.sensor(
    job=build_warehouse_distributed, minimum_interval_seconds=SENSOR_INTERVAL_SECONDS, default_status=SENSOR_STATUS
)
def distributed_folder_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    """Poll SUMMITS_SEEDS_DIR; a new, changed or removed file starts a build of the whole folder."""
    return evaluate_folder_for_build(context.cursor, settings.seeds_dir())


nightly_distributed_build = dg.ScheduleDefinition(
    job=build_warehouse_distributed,
    cron_schedule=os.environ.get("SUMMITS_RECONCILE_CRON", "0 3 * * *"),
    default_status=SCHEDULE_STATUS,
)
