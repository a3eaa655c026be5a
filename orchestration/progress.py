"""Progress of long work: done of total, rate and time left, logged at most every few seconds."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

PROGRESS_ENV = "SUMMITS_PROGRESS_SECONDS"


def progress_interval() -> float:
    """Seconds between progress lines (SUMMITS_PROGRESS_SECONDS, default 5; 0 logs every batch)."""
    return float(os.environ.get(PROGRESS_ENV, "5"))


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class Progress:
    """Counts finished items and reports `label done/total (rate/s, about T left)` through `report`."""

    def __init__(
        self,
        total: int,
        report: Callable[[str], None],
        label: str = "extracted",
        every_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.total, self.report, self.label = total, report, label
        self.every_seconds = progress_interval() if every_seconds is None else every_seconds
        self.clock = clock
        self.done = 0
        self.started = self.last_report = clock()

    def message(self) -> str:
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.done / elapsed
        text = f"{self.label} {self.done}/{self.total} documents ({rate:.1f} documents/s"
        if self.done >= self.total:
            return f"{text}, {_duration(elapsed)} in all)"
        left = (self.total - self.done) / rate if rate else None
        return f"{text}, about {_duration(left)} left)" if left is not None else f"{text})"

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if self.done >= self.total or now - self.last_report >= self.every_seconds:
            self.last_report = now
            self.report(self.message())
