"""The log file of `make run`: every line Dagster, dbt and the extraction workers write goes there, not to
the terminal, which `make run` keeps for its own few lines."""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TextIO

from orchestration import settings

KEEP_LOGS = 20  # run logs kept in the log folder; older ones are deleted
STEP_START = re.compile(r' - STEP_START - Started execution of step "([^"]+)"')


def log_dir() -> Path:
    """`logs/` beside the warehouse file."""
    return settings.duckdb_path().parent / "logs"


def new_log_path(now: datetime | None = None) -> Path:
    """A fresh `logs/run-<timestamp>.log`; the oldest logs beyond the last KEEP_LOGS are deleted."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for old in sorted(folder.glob("run-*.log"))[: -(KEEP_LOGS - 1) or None]:
        old.unlink(missing_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    path, number = folder / f"run-{stamp}.log", 1
    while path.exists():
        number += 1
        path = folder / f"run-{stamp}-{number}.log"
    return path


class LogStream(io.TextIOBase):
    """Writes to the log file and calls `on_step` with the step key of each step Dagster starts."""

    def __init__(self, log: TextIO, on_step: Callable[[str], None]):
        self.log, self.on_step, self.pending = log, on_step, ""

    def write(self, text: str) -> int:
        self.log.write(text)
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            if match := STEP_START.search(line):
                self.on_step(match.group(1))
        return len(text)

    def flush(self) -> None:
        self.log.flush()

    def fileno(self) -> int:
        return self.log.fileno()

    def isatty(self) -> bool:
        return False


@contextmanager
def captured(path: Path, on_step: Callable[[str], None]) -> Iterator[TextIO]:
    """Send everything written to stdout and stderr, by Python code or by child processes (file
    descriptors 1 and 2), to the log file at `path` while the block runs; yield a stream to the
    terminal (the original stdout) for the block's own output."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    terminal = os.fdopen(os.dup(1), "w", buffering=1, encoding=sys.stdout.encoding or "utf-8", errors="replace")
    streams = sys.stdout, sys.stderr
    with path.open("a", encoding="utf-8", errors="replace", buffering=1) as log:
        try:
            for fd in saved:
                os.dup2(log.fileno(), fd)
            sys.stdout = sys.stderr = LogStream(log, on_step)
            yield terminal
        finally:
            sys.stdout.flush()
            sys.stdout, sys.stderr = streams
            for fd, original in saved.items():
                os.dup2(original, fd)
                os.close(original)
            terminal.close()
