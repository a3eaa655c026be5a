"""Progress of long work: done of total, rate and time left, logged at most every few seconds.

Besides its own report (a log line), every `Progress` tells the observers installed with `observing`
of each change: `make run` draws its terminal progress bar from them."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

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


class ProgressObserver(Protocol):
    """Told of a `Progress` when it starts (done 0) and after every advance; `line` is the report it made
    then, if any (reports are rate-limited, observers are not)."""

    def __call__(self, progress: Progress, line: str | None) -> None: ...


_observers: list[ProgressObserver] = []


@contextmanager
def observing(observer: ProgressObserver) -> Iterator[None]:
    """Tell `observer` of every `Progress` of this process while the block runs."""
    _observers.append(observer)
    try:
        yield
    finally:
        _observers.remove(observer)


def _notify(progress: Progress, line: str | None) -> None:
    for observer in list(_observers):
        observer(progress, line)


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
        _notify(self, None)

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
        line = None
        if self.done >= self.total or now - self.last_report >= self.every_seconds:
            self.last_report = now
            line = self.message()
            self.report(line)
        _notify(self, line)
