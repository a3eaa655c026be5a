"""Where the distributed mode finds its services and writes its files (SUMMITS_* environment variables).

Every process of the mode (the run, each Celery worker, `dagster dev`) must see the same values."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from orchestration.settings import PROJECT_ROOT

DEFAULT_ROOT = PROJECT_ROOT / "warehouse" / "distributed"
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
BROKER_URL = "amqp://guest:guest@127.0.0.1:5672//"
BACKEND_URL = "redis://127.0.0.1:6379/0"
Environment = Mapping[str, str] | None  # another process's environment; None: this process's


def postgres_url(env: Environment = None) -> str:
    """Dagster's instance storage (runs, events, schedules), shared by the run, the workers and the daemon."""
    return (env or os.environ).get("SUMMITS_POSTGRES_URL", POSTGRES_URL)


def broker_url(env: Environment = None) -> str:
    """Celery's broker. RabbitMQ by default: a task whose worker dies unacknowledged goes back to the queue
    at once (Redis would hold it for its visibility timeout)."""
    return (env or os.environ).get("SUMMITS_CELERY_BROKER", BROKER_URL)


def backend_url(env: Environment = None) -> str:
    """Where Celery keeps task results (the step events a worker returns to the run)."""
    return (env or os.environ).get("SUMMITS_CELERY_BACKEND", BACKEND_URL)


def queue(env: Environment = None) -> str:
    """The Celery queue the mode's steps go to (one per deployment, so that two never share workers)."""
    return (env or os.environ).get("SUMMITS_CELERY_QUEUE", "summits")


def parquet_dir() -> Path:
    """The Parquet staging batches (orchestration/parquet_staging.py); on a cluster, a shared mount."""
    return Path(os.environ.get("SUMMITS_STAGING_PARQUET_DIR", DEFAULT_ROOT / "staging")).resolve()


def batch_size() -> int:
    """Documents per extraction task."""
    return max(1, int(os.environ.get("SUMMITS_BATCH_SIZE", "50")))


def celery_config(env: Environment = None) -> dict[str, object]:
    """The Celery executor's config, which the workers are started with too (`-y celery.yaml`). Tasks are
    acknowledged when done, not when received, and one at a time: a worker killed mid-task leaves its task
    in the queue for another worker."""
    return {
        "broker": broker_url(env),
        "backend": backend_url(env),
        "config_source": {
            "task_default_queue": queue(env),  # every step of the mode's runs goes to this queue
            "task_acks_late": True,
            "task_reject_on_worker_lost": True,
            "worker_prefetch_multiplier": 1,
            "broker_connection_retry_on_startup": True,
        },
    }
