"""Open the warehouse file, waiting a bounded time while another process holds DuckDB's write lock."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import duckdb

LOCK_TIMEOUT_ENV = "SUMMITS_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 120.0


class WarehouseBusyError(RuntimeError):
    """The warehouse file stayed locked by another process for longer than the wait allowed."""


def lock_timeout() -> float:
    return float(os.environ.get(LOCK_TIMEOUT_ENV, DEFAULT_LOCK_TIMEOUT))


def is_lock_conflict(error: Exception) -> bool:
    text = str(error).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


def connect_waiting(
    database: str,
    timeout: float,
    config: dict | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> duckdb.DuckDBPyConnection:
    """Connect read-write; while another process holds the file, retry with growing pauses (up to 5 s)
    until `timeout` seconds have passed, then raise WarehouseBusyError saying who holds it."""
    deadline, pause = clock() + timeout, 0.1
    while True:
        try:
            return duckdb.connect(database, read_only=False, config=config or {})
        except duckdb.IOException as error:
            if not is_lock_conflict(error):
                raise
            left = deadline - clock()
            if left <= 0:
                holder = str(error).split("\n")[0]
                raise WarehouseBusyError(
                    f"The warehouse {database} is locked by another process and stayed locked for "
                    f"{timeout:.0f} s ({LOCK_TIMEOUT_ENV}). DuckDB said: {holder} "
                    "Close that process's read-write connection (a DuckDB CLI, notebook or BI tool "
                    "opened on the working file?) and run again; readers should open the published copy."
                ) from error
            sleep(min(pause, left))
            pause = min(pause * 2, 5.0)
