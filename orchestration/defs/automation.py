"""The seeds-folder sensor (new, changed and removed files) and the nightly full reconciliation."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import dagster as dg

from extraction.ingest import content_hash, entry_kind, file_hash
from orchestration import settings
from orchestration.defs.dbt import summits_dbt_models
from orchestration.defs.documents import raw_documents, reconciliation
from orchestration.defs.extraction import extraction_reconciliation, nlp_extraction
from orchestration.defs.publishing import published_marts, summit_reports
from orchestration.partitions import documents_partitions, files_by_key

# A new file should reach readers within seconds: the folder is polled often (a tick only lists the folder
# and hashes files whose size or mtime changed) and one run carries it from file to published copy.
SENSOR_INTERVAL_SECONDS = int(os.environ.get("SUMMITS_SENSOR_INTERVAL", "2"))
AUTOMATION_INTERVAL_SECONDS = int(os.environ.get("SUMMITS_AUTOMATION_INTERVAL", "30"))
SETTLE_SECONDS = float(os.environ.get("SUMMITS_SETTLE_SECONDS", "1"))
SENSOR_STATUS = dg.DefaultSensorStatus.RUNNING if settings.automation_on() else dg.DefaultSensorStatus.STOPPED
SCHEDULE_STATUS = dg.DefaultScheduleStatus.RUNNING if settings.automation_on() else dg.DefaultScheduleStatus.STOPPED
RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"

MODELS = dg.AssetSelection.assets(summits_dbt_models)
REFERENCE_SEEDS = dg.AssetSelection.key_prefixes(["reference"])
PUBLISHED = dg.AssetSelection.assets(published_marts, summit_reports)
RECONCILED = dg.AssetSelection.assets(reconciliation, extraction_reconciliation)
# Each job carries a change all the way to the published copy in one run, with every step in the run's own
# process (no process and code load per step); runs queue on the single-writer pool. The runs the sensor
# asks for build the models (their contracts enforced) without dbt's ~160 tests, which would double their
# dbt time; the tests run with the nightly `reconcile_warehouse`, `make run` and runs launched in the UI.
# A per-file run leaves the reference seeds alone (~2 s of dbt's time): they change with the code, not with
# the folder, and the sensor's first run, the nightly run and `make run` load them.
extract_documents_job = dg.define_asset_job(
    "extract_documents",
    selection=dg.AssetSelection.assets(raw_documents, nlp_extraction)
    | (MODELS.without_checks() - REFERENCE_SEEDS)
    | PUBLISHED,
    partitions_def=documents_partitions,
    executor_def=dg.in_process_executor,
)
reconcile_job = dg.define_asset_job(
    "reconcile_warehouse", selection=RECONCILED | MODELS | PUBLISHED, executor_def=dg.in_process_executor
)
# For removed files, many changed files and the sensor's first tick: the reconciliation, without the tests.
sync_folder_job = dg.define_asset_job(
    "sync_folder", selection=RECONCILED | MODELS.without_checks() | PUBLISHED, executor_def=dg.in_process_executor
)


def _fingerprints(folder: Path, cursor: dict[str, dict], now: float) -> tuple[dict[str, dict], list[str]]:
    """Settled files with size, mtime and content hash (re-hashed only when size or mtime changed),
    and the keys of files still being written."""
    found, waiting = {}, []
    for key, path in files_by_key(folder).items():
        try:
            stat = path.lstat()  # links are not followed: a link is recorded as an error, not read
            if now - stat.st_mtime < SETTLE_SECONDS:
                waiting.append(key)
                continue
            known = cursor.get(key)
            if known and known["size"] == stat.st_size and known["mtime_ns"] == stat.st_mtime_ns:
                found[key] = known
            else:
                kind = entry_kind(path)
                found[key] = {
                    "size": stat.st_size,
                    "mtime_ns": stat.st_mtime_ns,
                    "hash": f"not a file: {kind}" if kind else file_hash(path),
                }
        except OSError:  # vanished between listing and reading: seen again or gone next tick
            waiting.append(key)
    return found, waiting


def _event_digest(entries: dict[str, dict], keys: list[str]) -> str:
    """A digest of these files' names, contents and modification times: the same file added, changed or
    removed again later is a new event, so its run key is new (Dagster runs a run key only once)."""
    parts = (f"{key}|{entries[key]['hash']}|{entries[key]['mtime_ns']}" for key in keys)
    return content_hash("\n".join(parts).encode())[:16]


def evaluate_folder(cursor_text: str | None, folder: Path, now: float | None = None) -> dg.SensorResult:
    """Compare the folder with the cursor (content hash per file key) and say what to run."""
    cursor: dict[str, dict] = json.loads(cursor_text) if cursor_text else {}
    found, waiting = _fingerprints(folder, cursor, time.time() if now is None else now)
    new = sorted(key for key in found if key not in cursor)
    changed = sorted(key for key in found if key in cursor and cursor[key]["hash"] != found[key]["hash"])
    removed = sorted(key for key in cursor if key not in found and key not in waiting)
    next_cursor = {**{k: v for k, v in cursor.items() if k in waiting}, **found}
    run_requests = []
    if new and cursor_text is not None:  # on the first tick, the sync run below stages every file
        run_requests.append(
            dg.RunRequest(
                job_name=extract_documents_job.name,
                run_key=f"new:{new[0]}..{new[-1]}:{len(new)}:{_event_digest(found, new)}",
                tags={RANGE_START: new[0], RANGE_END: new[-1]} if len(new) > 1 else None,
                partition_key=new[0] if len(new) == 1 else None,
            )
        )
    if len(changed) == 1:
        key = changed[0]
        run_requests.append(
            dg.RunRequest(
                job_name=extract_documents_job.name,
                run_key=f"changed:{key}:{_event_digest(found, [key])}",
                partition_key=key,
            )
        )
    if removed or len(changed) > 1 or cursor_text is None:
        # A first tick builds everything once (seeds, marts); removed files are retired the same way, and
        # many changed files are re-staged and extracted together in that one run, not one run each.
        reasons = []
        if removed:
            reasons.append(f"removed:{','.join(removed)[:200]}:{len(removed)}:{_event_digest(cursor, removed)}")
        if len(changed) > 1:
            reasons.append(f"changed:{len(changed)}:{_event_digest(found, changed)}")
        run_key = ";".join(reasons) or "initial build"
        run_requests.append(dg.RunRequest(job_name=sync_folder_job.name, run_key=run_key))
    partition_requests = []
    if new:
        partition_requests.append(documents_partitions.build_add_request(new))
    if removed:
        partition_requests.append(documents_partitions.build_delete_request(removed))
    return dg.SensorResult(
        run_requests=run_requests,
        dynamic_partitions_requests=partition_requests,
        cursor=json.dumps(next_cursor, sort_keys=True),
        skip_reason=None if run_requests else "no new, changed or removed files",
    )


@dg.sensor(
    jobs=[extract_documents_job, sync_folder_job],
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=SENSOR_STATUS,
)
def seeds_folder_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    """Poll SUMMITS_SEEDS_DIR: new files get a partition and a run, changed files re-run their partition,
    removed files lose their partition and rows. Files still being written wait for the next tick."""
    return evaluate_folder(context.cursor, settings.seeds_dir())


nightly_reconciliation = dg.ScheduleDefinition(
    job=reconcile_job,
    cron_schedule=os.environ.get("SUMMITS_RECONCILE_CRON", "0 3 * * *"),
    default_status=SCHEDULE_STATUS,
)
