"""Distributed throughput: 1,000 BBC articles through the distributed mode with 1 and with 2 Celery
workers, beside the embedded mode (`make run`'s path) on the same folder.

Usage: python -m bench.distributed [--documents N] [--workers 1 2] [--batch-size B]

Needs the distributed mode's services (PostgreSQL, RabbitMQ, Redis). Each distributed run gets a fresh
PostgreSQL database, queue and staging folder, so every document is extracted. Prints, per run, the
whole run's time and the extraction phase's (first batch task started to last batch task done, from the
Dagster event log), in documents per second, and the speed-up of each worker count over one worker.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.bbc_corpus import PROJECT_ROOT, write_corpus
from orchestration.distributed import services
from orchestration.distributed import settings as distributed


def _environment(root: Path, seeds: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "DO_NOT_TRACK": "1",
        "DAGSTER_DISABLE_TELEMETRY": "1",
        "SUMMITS_SEEDS_DIR": str(seeds),
        "SUMMITS_DUCKDB_PATH": str(root / "summits.duckdb"),
        "SUMMITS_PUBLISH_DIR": str(root / "published"),
        "SUMMITS_REPORTS_DIR": str(root / "reports"),
        "DAGSTER_HOME": str(root / "dagster_home"),
    }


def embedded_seconds(seeds: Path, root: Path) -> float:
    """`make run` on the folder into a fresh warehouse."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "orchestration.cli"], env=_environment(root, seeds), check=True,
                   cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - started


def _phase_seconds(postgres_url: str, steps: str) -> float:
    """Seconds from the first start to the last success of the steps whose keys are `like` this, from
    the event log."""
    import psycopg2

    with psycopg2.connect(postgres_url) as con, con.cursor() as cursor:
        cursor.execute(
            "select extract(epoch from max(timestamp) filter (where dagster_event_type = 'STEP_SUCCESS')"
            " - min(timestamp) filter (where dagster_event_type = 'STEP_START'))"
            " from event_logs where step_key like %s",
            [steps],
        )
        return float(cursor.fetchone()[0])


def _catalog(postgres_url: str) -> dict[str, float]:
    """Dagster's catalog after the run: event rows and the database's size."""
    import psycopg2

    with psycopg2.connect(postgres_url) as con, con.cursor() as cursor:
        cursor.execute("select count(*), pg_database_size(current_database()) from event_logs")
        rows, size = cursor.fetchone()
        cursor.execute("select count(*) from event_logs where step_key like %s", ["%stage_batch[%"])
        return {"event_rows": rows, "database_bytes": size, "batch_event_rows": cursor.fetchone()[0]}


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def distributed_seconds(seeds: Path, root: Path, workers: int, batch_size: int) -> dict[str, float]:
    """Whole run, extraction phase and dbt step of `make run-distributed` with `workers` local workers,
    on a fresh PostgreSQL database, queue and staging folder, and the Parquet staging's size."""
    with services.scratch_database("summits_bench") as url:
        return _distributed_run(seeds, root, workers, batch_size, url)


def _distributed_run(seeds: Path, root: Path, workers: int, batch_size: int, url: str) -> dict[str, float]:
    env = {
        **_environment(root, seeds),
        "SUMMITS_POSTGRES_URL": url,
        "SUMMITS_CELERY_QUEUE": f"summits-bench-{uuid.uuid4().hex[:8]}",
        "SUMMITS_STAGING_PARQUET_DIR": str(root / "staging"),
        "SUMMITS_BATCH_SIZE": str(batch_size),
    }
    try:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "orchestration.distributed.run", "--workers", str(workers)], env=env,
                       check=True, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
        whole = time.perf_counter() - started
        return {
            "whole": whole,
            "extraction": _phase_seconds(url, "%stage_batch[%"),
            "dbt": _phase_seconds(url, "summits_dbt_models"),
            "staging_bytes": _folder_bytes(root / "staging" / "batches"),
            "batches": len(list((root / "staging" / "batches").iterdir())),
            **_catalog(url),
        }
    finally:
        services.delete_queue(env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=distributed.batch_size())
    args = parser.parse_args()
    missing = services.unreachable()
    if missing:
        raise SystemExit("services not reachable:\n  " + "\n  ".join(missing))
    with tempfile.TemporaryDirectory(prefix="summits-bench-") as folder:
        base = Path(folder)
        seeds = base / "seeds"
        count = write_corpus(seeds, args.documents)
        embedded = embedded_seconds(seeds, base / "embedded")
        runs = {workers: distributed_seconds(seeds, base / f"distributed-{workers}", workers, args.batch_size)
                for workers in args.workers}  # fmt: skip
    print(f"{count} BBC articles, batches of {args.batch_size} documents, {os.cpu_count()} cores\n")
    print("| mode | whole run (s) | documents/s, whole run | extraction (s) | documents/s, extraction | dbt (s) |")
    print("|---|---|---|---|---|---|")
    print(f"| embedded (`make run`, 2 extraction processes) | {embedded:.1f} | {count / embedded:.1f} | - | - | - |")
    for workers, run in runs.items():
        print(
            f"| distributed, {workers} worker{'s' if workers > 1 else ''} | {run['whole']:.1f} |"
            f" {count / run['whole']:.1f} | {run['extraction']:.1f} | {count / run['extraction']:.1f} |"
            f" {run['dbt']:.1f} |"
        )
    if 1 in runs:
        for workers, run in runs.items():
            if workers != 1:
                ratio = runs[1]["extraction"] / run["extraction"]
                print(f"\n{workers} workers: {ratio:.2f}x one worker's extraction throughput")
    any_run = next(iter(runs.values()))
    print(f"Parquet staging: {any_run['batches']:.0f} batches, {any_run['staging_bytes'] / 1e6:.1f} MB,"
          f" {any_run['staging_bytes'] / count / 1e3:.1f} kB per document")  # fmt: skip
    print(f"Dagster catalog (PostgreSQL): {any_run['event_rows']:.0f} event rows, of which"
          f" {any_run['batch_event_rows'] / any_run['batches']:.1f} per batch task;"
          f" database {any_run['database_bytes'] / 1e6:.1f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
