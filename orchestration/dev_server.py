"""`dagster dev` as a child process, as `make dev` starts it, for the tests and benchmarks that need a live
instance: the instance is prepared first, and the whole process tree is stopped as Ctrl-C stops it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from orchestration.settings import PROJECT_ROOT

INSTANCE_YAML = PROJECT_ROOT / "orchestration" / "dagster.yaml"
STOP_SECONDS = 60


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _dagster() -> str:
    return str(Path(sys.executable).with_name("dagster"))


def prepare_instance(home: Path, env: Mapping[str, str], instance_yaml: Path = INSTANCE_YAML) -> None:
    """Write the instance settings and create its storage once, before several processes open it: the
    webserver, the daemon and the code server creating a new SQLite storage at the same moment can stamp
    its schema version twice, and the instance then refuses to load ("more than one head")."""
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(instance_yaml, home / "dagster.yaml")
    subprocess.run(
        [_dagster(), "instance", "migrate"],
        env={**env, "DAGSTER_HOME": str(home)},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextmanager
def dagster_dev(
    module: str, env: Mapping[str, str], port: int, log: Path, instance_yaml: Path = INSTANCE_YAML
) -> Iterator[subprocess.Popen]:
    """`dagster dev -m module` on loopback, in its own process group, output to `log`; on exit, SIGINT to
    the group (a terminal's Ctrl-C), then SIGKILL if it has not stopped within a minute."""
    prepare_instance(Path(env["DAGSTER_HOME"]), env, instance_yaml)
    command = [_dagster(), "dev", "-m", module, "--host", "127.0.0.1", "--port", str(port)]
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=dict(env), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
