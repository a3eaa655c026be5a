"""Finding every process a test started, whatever its session or process group: each is started with a
marker token in its environment, which its descendants inherit."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

MARKER = "SUMMITS_TEST_PROCESS_MARKER"


def marked_processes(token: str) -> dict[int, str]:
    """Processes (pid → command line) whose environment carries the token."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if f"{MARKER}={token}".encode() in (entry / "environ").read_bytes().split(b"\0"):
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def wait_until(check: Callable[[], object], seconds: float, interval: float = 0.5) -> bool:
    """Poll `check` until it is true or the time is up; its last answer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return bool(check())
