"""Celery workers of the distributed mode, started and stopped as local processes (for `make
run-distributed`, the tests and the benchmark). On other machines, start the same command by hand."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import yaml

from orchestration.distributed import settings as distributed

STOP_SECONDS = 20.0  # a warm shutdown finishes the task in hand; past this, the worker is killed


def write_celery_yaml(home: Path, env: Mapping[str, str] | None = None) -> Path:
    """The executor config the workers start with (`dagster-celery worker start -y`): same broker,
    result backend and queue as the runs' (read from `env`, by default this process's environment)."""
    path = home / "celery.yaml"
    config = {"execution": {"config": distributed.celery_config(env)}}
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def worker_command(config_yaml: Path, name: str, queue: str) -> list[str]:
    """One worker: one task at a time in its own process (`--pool solo`), on the mode's queue."""
    executable = Path(sys.executable).with_name("dagster-celery")
    program = str(executable) if executable.exists() else shutil.which("dagster-celery") or "dagster-celery"
    return [
        program, "worker", "start", "-A", "dagster_celery.app", "-y", str(config_yaml),
        "-q", queue, "-n", name, "--loglevel", "WARNING", "--", "--pool", "solo",
    ]  # fmt: skip


def worker_environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The caller's environment, with one thread per worker for the numeric libraries (the workers, not
    threads, use the cores)."""
    return {**(env or os.environ), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def start_worker(config_yaml: Path, name: str, log: Path, env: Mapping[str, str] | None = None) -> subprocess.Popen:
    """Start a worker in its own process group (stopping it stops the Celery process it execs)."""
    with log.open("ab") as output:
        return subprocess.Popen(
            worker_command(config_yaml, name, distributed.queue(env)),
            env=worker_environment(env),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_workers(processes: list[subprocess.Popen], sig: int = signal.SIGTERM) -> None:
    """Signal each worker's process group (a warm shutdown finishes the task in hand), wait, then kill
    whatever is left."""
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
    deadline = time.monotonic() + STOP_SECONDS
    while time.monotonic() < deadline and any(_group_alive(process.pid) for process in processes):
        for process in processes:
            process.poll()  # reap the group leader, so that an exited group is seen as gone
        time.sleep(0.2)
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@contextmanager
def running_workers(count: int, home: Path, env: Mapping[str, str] | None = None) -> Iterator[list[subprocess.Popen]]:
    """`count` local workers for the duration of the block; their output goes to `home/logs/`."""
    config_yaml = write_celery_yaml(home, env)
    logs = home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    processes = [
        start_worker(config_yaml, f"summits-{index}-{os.getpid()}@%h", logs / f"worker-{index}.log", env)
        for index in range(count)
    ]
    try:
        yield processes
    finally:
        stop_workers(processes)
