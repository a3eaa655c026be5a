"""`make worker`: one Celery worker of the distributed mode in the foreground, started with dagster-celery's
own command (printed first, to run the same on another machine)."""

from __future__ import annotations

import os
import shlex
import socket
import sys
from pathlib import Path

from orchestration.distributed import settings as distributed
from orchestration.distributed.run import apply_defaults, prepare_home
from orchestration.distributed.workers import worker_command, worker_environment, write_celery_yaml


def main() -> int:
    apply_defaults()
    home = prepare_home()
    name = f"summits-{os.getpid()}@{socket.gethostname()}"
    command = worker_command(write_celery_yaml(home), name, distributed.queue())
    print("$ " + shlex.join([Path(command[0]).name, *command[1:]]), flush=True)
    os.execvpe(command[0], command, worker_environment())
    return 1  # not reached: the worker replaced this process


if __name__ == "__main__":
    sys.exit(main())
