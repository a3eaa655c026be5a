"""`make run-distributed`: build the warehouse from the seeds folder in the distributed mode.

Checks the services, prepares the mode's Dagster home (instance on PostgreSQL), starts local Celery
workers (SUMMITS_WORKERS, default 2; 0 when workers run elsewhere), runs `build_warehouse_distributed`
and prints a summary. Everything the mode writes is under warehouse/distributed/ unless the SUMMITS_*
variables say otherwise."""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

from orchestration import settings
from orchestration.distributed import services
from orchestration.distributed import settings as distributed

INSTANCE_YAML = Path(__file__).with_name("dagster.yaml")


def apply_defaults(root: Path = distributed.DEFAULT_ROOT) -> dict[str, str]:
    """Point every SUMMITS_* path not already set at the mode's own folder (never the embedded warehouse),
    as absolute paths, before any pipeline module reads them."""
    defaults = {
        "SUMMITS_DUCKDB_PATH": root / "summits.duckdb",
        "SUMMITS_PUBLISH_DIR": root / "published",
        "SUMMITS_REPORTS_DIR": root / "reports",
        "SUMMITS_STAGING_PARQUET_DIR": root / "staging",
        "DAGSTER_HOME": root / "dagster_home",
        "SUMMITS_POSTGRES_URL": distributed.postgres_url(),
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, str(value))
    for name in ("SUMMITS_DUCKDB_PATH", "SUMMITS_PUBLISH_DIR", "SUMMITS_REPORTS_DIR", "SUMMITS_STAGING_PARQUET_DIR"):
        os.environ[name] = str(Path(os.environ[name]).resolve())
    return {name: os.environ[name] for name in defaults}


def prepare_home() -> Path:
    """The mode's DAGSTER_HOME with its instance settings, its PostgreSQL tables created once, before
    the workers and the run open the instance together."""
    from orchestration.dev_server import prepare_instance

    home = Path(os.environ["DAGSTER_HOME"]).resolve()
    prepare_instance(home, os.environ, INSTANCE_YAML)
    return home


def execute() -> tuple[bool, str]:
    """Run the job on the instance; (success, run id). The terminal shows warnings and errors only; every
    event is in the instance (the UI of `make dev-distributed` shows the run)."""
    import dagster as dg

    from orchestration.distributed.definitions import distributed_job

    quiet = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
    # dagster-celery re-creates its task for every step it submits; Celery warns each time (harmless).
    warnings.filterwarnings("ignore", message="Task name 'execute_plan' is already registered")
    with dg.DagsterInstance.get() as instance:
        result = dg.execute_job(
            dg.reconstructable(distributed_job), instance=instance, run_config=quiet, raise_on_error=False
        )
        return result.success, result.run_id


def mart_counts() -> dict[str, int]:
    import duckdb

    from orchestration.publishing import MARTS

    with duckdb.connect(str(settings.duckdb_path()), read_only=True) as con:
        return {mart: con.execute(f'select count(*) from marts."{mart}"').fetchone()[0] for mart in MARTS}  # noqa: S608


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=int(os.environ.get("SUMMITS_WORKERS", "2")))
    args = parser.parse_args(argv)
    paths = apply_defaults()
    missing = services.unreachable()
    if missing:
        print("the distributed mode needs services that are not reachable:\n  " + "\n  ".join(missing))
        print("start them, or point SUMMITS_POSTGRES_URL / SUMMITS_CELERY_BROKER / SUMMITS_CELERY_BACKEND at them")
        return 2
    home = prepare_home()
    broker, postgres = services.redacted(distributed.broker_url()), services.redacted(distributed.postgres_url())
    print(f"seeds folder: {settings.seeds_dir()}\nstaging:      {paths['SUMMITS_STAGING_PARQUET_DIR']} (Parquet)")
    print(f"warehouse:    {settings.duckdb_path()}\ninstance:     {home} (runs in {postgres})")
    print(f"workers:      {args.workers} local, queue '{distributed.queue()}' on {broker}")
    from orchestration.distributed.workers import running_workers

    started = time.perf_counter()
    with running_workers(args.workers, home):
        ok, run_id = execute()
    print(f"run {run_id} {'succeeded' if ok else 'FAILED'} in {time.perf_counter() - started:.1f} s")
    if ok:
        print("marts  " + "  ".join(f"{mart}: {count}" for mart, count in mart_counts().items()))
        print(f"published copy: {settings.publish_dir()}\nreports:        {settings.reports_dir()}")
    else:
        print(f"see the run in the Dagster UI (make dev-distributed) and the worker logs in {home / 'logs'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
