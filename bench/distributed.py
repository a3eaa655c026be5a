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


def _extraction_phase(postgres_url: str) -> float:
    """Seconds from the first batch task's start to the last one's success, from the event log."""
    import psycopg2

    with psycopg2.connect(postgres_url) as con, con.cursor() as cursor:
        cursor.execute(
            "select extract(epoch from max(timestamp) filter (where dagster_event_type = 'STEP_SUCCESS')"
            " - min(timestamp) filter (where dagster_event_type = 'STEP_START'))"
            " from event_logs where step_key like '%stage_batch[%'"
        )
        return float(cursor.fetchone()[0])


def distributed_seconds(seeds: Path, root: Path, workers: int, batch_size: int) -> tuple[float, float]:
    """(whole run, extraction phase) of `make run-distributed` with `workers` local workers, on a fresh
    PostgreSQL database, queue and staging folder."""
    import psycopg2

    database = f"summits_bench_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(distributed.postgres_url())
    admin.autocommit = True
    admin.cursor().execute(f'create database "{database}"')
    url = f"{distributed.postgres_url().rsplit('/', 1)[0]}/{database}"
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
        return whole, _extraction_phase(url)
    finally:
        admin.cursor().execute(f'drop database if exists "{database}" with (force)')
        admin.close()


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
        rows = [("embedded (make run, 2 extraction processes)", embedded_seconds(seeds, base / "embedded"), None)]
        for workers in args.workers:
            whole, phase = distributed_seconds(seeds, base / f"distributed-{workers}", workers, args.batch_size)
            rows.append((f"distributed, {workers} worker{'s' if workers > 1 else ''}", whole, phase))
    print(f"{count} BBC articles, batches of {args.batch_size} documents, {os.cpu_count()} cores\n")
    print("| mode | whole run (s) | documents/s, whole run | extraction phase (s) | documents/s, extraction |")
    print("|---|---|---|---|---|")
    for name, whole, phase in rows:
        extraction = f"{phase:.1f} | {count / phase:.1f}" if phase else "- | -"
        print(f"| {name} | {whole:.1f} | {count / whole:.1f} | {extraction} |")
    one = next((phase for name, _, phase in rows if name.endswith(" 1 worker")), None)
    for name, _, phase in rows:
        if one and phase and not name.endswith(" 1 worker"):
            print(f"\n{name}: {one / phase:.2f}x one worker's extraction throughput")


if __name__ == "__main__":
    main()
