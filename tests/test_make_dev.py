"""`make dev` stops cleanly on Ctrl-C: the terminal's SIGINT to its process group, in the middle of a
run, leaves no process behind (webserver, daemon, code server, run worker, extraction workers, dbt)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid

import pytest

from tests.conftest import FIXTURES, PROJECT_ROOT
from tests.processes import MARKER, marked_processes, wait_until


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_ctrl_c_stops_make_dev_and_everything_it_started(tmp_path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in sorted((FIXTURES / "seeds").iterdir()):
        shutil.copy(path, seeds / path.name)
    token = uuid.uuid4().hex
    env = {
        **os.environ,
        MARKER: token,
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
        "DAGSTER_PORT": str(_free_port()),
        "SUMMITS_SEEDS_DIR": str(seeds),
        "SUMMITS_DUCKDB_PATH": str(tmp_path / "summits.duckdb"),
        "SUMMITS_PUBLISH_DIR": str(tmp_path / "published"),
        "SUMMITS_REPORTS_DIR": str(tmp_path / "reports"),
    }
    log = (tmp_path / "make_dev.log").open("w")
    make = subprocess.Popen(
        ["make", "--no-print-directory", "dev"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        # Interrupt in the middle of the first run (the sensor's initial build), when most is running.
        log_file = tmp_path / "make_dev.log"
        assert wait_until(lambda: "Started execution of step" in log_file.read_text(errors="replace"), 240), (
            "no run started; log tail:\n" + log_file.read_text(errors="replace")[-3000:]
        )
        time.sleep(2)
        running = marked_processes(token)
        os.killpg(make.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        make.wait(timeout=90)
        remaining: dict[int, str] = {}

        def nothing_left() -> bool:
            remaining.clear()
            remaining.update(marked_processes(token))
            return not remaining

        assert len(running) >= 3, running  # make, dagster dev and its services, the run
        assert wait_until(nothing_left, 30), f"still running after Ctrl-C: {remaining}"
    finally:
        for pid in marked_processes(token):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        log.close()
