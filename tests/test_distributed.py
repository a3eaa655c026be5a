"""The distributed mode against real services (PostgreSQL, RabbitMQ, Redis): two Celery workers build the
same marts and published copy as the embedded mode from the seeds plus 200 BBC articles, also when one
worker is killed in the middle of the run. Each test has its own PostgreSQL database, Celery queue and
folders, and stops every process it started. Without the services the tests skip, except under CI=true,
where they fail."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from orchestration.dev_server import prepare_instance
from orchestration.distributed import services
from orchestration.distributed.run import INSTANCE_YAML
from orchestration.publishing import MARTS
from tests.conftest import FIXTURES, PROJECT_ROOT, run_pipeline
from tests.processes import MARKER, marked_processes, wait_until

RUN_TIMEOUT = 900


@pytest.fixture(scope="module")
def reachable() -> None:
    missing = services.unreachable()
    if missing:
        reason = "the distributed mode's services are not reachable: " + "; ".join(missing)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The five seed articles and the first 200 BBC News articles."""
    folder = tmp_path_factory.mktemp("corpus") / "seeds"
    folder.mkdir()
    for source in ("seeds", "bbc_sample", "bbc_more"):
        for path in sorted((FIXTURES / source).iterdir()):
            shutil.copy(path, folder / path.name)
    assert len(list(folder.iterdir())) == 205
    return folder


def _tables(database: Path) -> dict[str, list[tuple]]:
    """Every mart, its rows sorted."""
    with duckdb.connect(str(database), read_only=True) as con:
        return {mart: con.execute(f'select * from marts."{mart}" order by all').fetchall() for mart in MARTS}  # noqa: S608


@pytest.fixture(scope="module")
def embedded(corpus, tmp_path_factory) -> Path:
    """The embedded mode's warehouse on the same folder (what `make run` builds)."""
    database = tmp_path_factory.mktemp("embedded") / "summits.duckdb"
    result = run_pipeline(corpus, database)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return database


@pytest.fixture()
def deployment(reachable, corpus, tmp_path) -> Iterator[dict[str, str]]:
    """The environment of one distributed deployment: a fresh PostgreSQL database for Dagster's instance,
    its own Celery queue and folders; every process started with it carries a marker token."""
    with services.scratch_database("summits_test") as url:
        yield from _deployment(url, corpus, tmp_path)


def _deployment(url: str, corpus: Path, tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {
        **os.environ,
        MARKER: uuid.uuid4().hex,
        "PYTHONPATH": str(PROJECT_ROOT),
        "DO_NOT_TRACK": "1",
        "DAGSTER_DISABLE_TELEMETRY": "1",
        "SUMMITS_SEEDS_DIR": str(corpus),
        "SUMMITS_POSTGRES_URL": url,
        "SUMMITS_CELERY_QUEUE": f"summits-test-{uuid.uuid4().hex[:8]}",
        "SUMMITS_DUCKDB_PATH": str(tmp_path / "summits.duckdb"),
        "SUMMITS_PUBLISH_DIR": str(tmp_path / "published"),
        "SUMMITS_REPORTS_DIR": str(tmp_path / "reports"),
        "SUMMITS_STAGING_PARQUET_DIR": str(tmp_path / "staging"),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
    }
    try:
        yield env
    finally:
        for pid in marked_processes(env[MARKER]):  # whatever a failed test left running
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        services.delete_queue(env)



def _run(env: dict[str, str], workers: int, **popen) -> subprocess.Popen:
    """`make run-distributed`'s command, with `workers` local workers."""
    return subprocess.Popen(
        [sys.executable, "-m", "orchestration.distributed.run", "--workers", str(workers)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )


def _workers_used(env: dict[str, str]) -> set[str]:
    """The Celery workers that executed steps of the deployment's runs (from the Dagster event log)."""
    import psycopg2

    with psycopg2.connect(env["SUMMITS_POSTGRES_URL"]) as con, con.cursor() as cursor:
        cursor.execute("select event from event_logs where event like '%in celery worker%'")
        events = [row[0] for row in cursor.fetchall()]
    return {part.split('"')[0] for event in events for part in event.split('"text": "')[1:] if "@" in part}


def _steps_run_twice(env: dict[str, str]) -> list[str]:
    """Steps that a worker started more than once (a task redelivered after its worker died)."""
    import psycopg2

    with psycopg2.connect(env["SUMMITS_POSTGRES_URL"]) as con, con.cursor() as cursor:
        cursor.execute(
            "select step_key from event_logs where dagster_event_type = 'STEP_START'"
            " group by step_key having count(*) > 1"
        )
        return [row[0] for row in cursor.fetchall()]


def _runs_unfinished(env: dict[str, str]) -> int:
    """Runs of the deployment that are queued or in progress."""
    import psycopg2

    with psycopg2.connect(env["SUMMITS_POSTGRES_URL"]) as con, con.cursor() as cursor:
        cursor.execute("select count(*) from runs where status in ('QUEUED', 'NOT_STARTED', 'STARTING', 'STARTED')")
        return cursor.fetchone()[0]


def _assert_same_marts(env: dict[str, str], embedded: Path) -> None:
    expected = _tables(embedded)
    for name, database in (("warehouse", Path(env["SUMMITS_DUCKDB_PATH"])),
                           ("published copy", Path(env["SUMMITS_PUBLISH_DIR"]) / "summits.duckdb")):  # fmt: skip
        found = _tables(database)
        for mart in MARTS:
            assert found[mart] == expected[mart], f"{name}: marts.{mart} differs from the embedded mode's"
    assert sum(len(rows) for rows in expected.values()) > 100


def test_two_workers_build_the_embedded_marts(deployment, embedded) -> None:
    run = _run(deployment, workers=2)
    output, _ = run.communicate(timeout=RUN_TIMEOUT)
    assert run.returncode == 0, output[-5000:]
    assert "succeeded" in output
    _assert_same_marts(deployment, embedded)
    assert len(_workers_used(deployment)) == 2, "both workers should have taken tasks"
    assert (Path(deployment["SUMMITS_REPORTS_DIR"]) / "index.html").exists()
    assert wait_until(lambda: not marked_processes(deployment[MARKER]), 30), marked_processes(deployment[MARKER])

    # Unchanged input: the batches are kept (nothing extracted again) and the marts stay the same.
    batches = sorted(p.name for p in (Path(deployment["SUMMITS_STAGING_PARQUET_DIR"]) / "batches").iterdir())
    again = _run(deployment, workers=1)
    output, _ = again.communicate(timeout=RUN_TIMEOUT)
    assert again.returncode == 0, output[-5000:]
    assert sorted(p.name for p in (Path(deployment["SUMMITS_STAGING_PARQUET_DIR"]) / "batches").iterdir()) == batches
    _assert_same_marts(deployment, embedded)


def _writing_worker(staging: Path) -> int | None:
    """The pid of a worker in the middle of writing a batch (from its work folder's name)."""
    incoming = staging / "_incoming"
    for folder in incoming.iterdir() if incoming.is_dir() else []:
        pid = int(folder.name.split(".")[2])
        if pid != os.getpid() and Path(f"/proc/{pid}").exists():
            return pid
    return None


def test_a_worker_killed_mid_run_leaves_the_same_marts(deployment, embedded) -> None:
    from orchestration.distributed.workers import start_worker, stop_workers, write_celery_yaml

    env = {**deployment, "SUMMITS_BATCH_SIZE": "10"}  # many small tasks: the kill lands mid-run
    home = Path(env["DAGSTER_HOME"])
    prepare_instance(home, env, INSTANCE_YAML)
    config_yaml = write_celery_yaml(home, env)
    names = [f"w{index}-{uuid.uuid4().hex[:6]}@%h" for index in (0, 1)]
    workers = [start_worker(config_yaml, name, home / f"{name[:2]}.log", env) for name in names]
    try:
        run = _run(env, workers=0)
        staging = Path(env["SUMMITS_STAGING_PARQUET_DIR"])
        assert wait_until(lambda: _writing_worker(staging) and (staging / "batches").is_dir(), 300, 0.1), (
            "no batch was being written"
        )
        victim_pid = _writing_worker(staging)
        victim = next(w for w in workers if os.getpgid(victim_pid) == w.pid)
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
        output, _ = run.communicate(timeout=RUN_TIMEOUT)
        assert run.returncode == 0, output[-5000:]
    finally:
        stop_workers(workers)
    redelivered = _steps_run_twice(env)
    assert any("stage_batch" in step for step in redelivered), "the killed worker's task ran again elsewhere"
    _assert_same_marts(env, embedded)
    assert not (staging / "_incoming").exists(), "the killed worker's half-written batch was swept away"
    assert wait_until(lambda: not marked_processes(env[MARKER]), 30), marked_processes(env[MARKER])


def test_the_folder_sensor_builds_under_dagster_dev(deployment, tmp_path) -> None:
    """`make dev-distributed`'s processes and one worker: the sensor's build reaches the published copy,
    and a file added later is built by a second run."""
    from orchestration.dev_server import dagster_dev, free_port
    from orchestration.distributed.workers import running_workers

    seeds = tmp_path / "small"
    shutil.copytree(FIXTURES / "seeds", seeds)
    env = {
        **deployment,
        "SUMMITS_SEEDS_DIR": str(seeds),
        "SUMMITS_DISTRIBUTED_SENSOR_INTERVAL": "2",
        "SUMMITS_DISTRIBUTED_QUIET_SECONDS": "1",
    }
    published = Path(env["SUMMITS_PUBLISH_DIR"]) / "summits.duckdb"

    def documents() -> int:
        try:
            with duckdb.connect(str(published), read_only=True) as con:
                return con.execute("select count(*) from marts.documents").fetchone()[0]
        except duckdb.Error:
            return -1

    home = Path(env["DAGSTER_HOME"])
    log = tmp_path / "dev.log"
    with (
        dagster_dev("orchestration.distributed.definitions", env, free_port(), log, INSTANCE_YAML),
        running_workers(1, home, env),
    ):
        assert wait_until(lambda: documents() == 5, 300, 1), log.read_text()[-3000:]
        shutil.copy(FIXTURES / "bbc_sample" / "bbc_train_0000_sport.txt", seeds / "late.txt")
        assert wait_until(lambda: documents() == 6, 300, 1), log.read_text()[-3000:]
        # The run goes on to draw the reports: let it end before its workers and the daemon stop.
        assert wait_until(lambda: _runs_unfinished(env) == 0, 300, 1), log.read_text()[-3000:]
    assert wait_until(lambda: not marked_processes(env[MARKER]), 60), marked_processes(env[MARKER])
