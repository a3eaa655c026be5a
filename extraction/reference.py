"""Reference data of public facts, loaded from the CSV files beside this module."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).with_name("reference")


@dataclass(frozen=True)
class Economy:
    economy: str
    is_apec_member: bool
    names: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(frozen=True)
class Summit:
    year: int
    summit_name: str
    host_economy: str
    host_city: str
    start_date: date
    end_date: date
    status: str


@dataclass(frozen=True)
class OfficeTitle:
    title: str
    kind: str


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def economies() -> tuple[Economy, ...]:
    return tuple(
        Economy(
            economy=row["economy"],
            is_apec_member=row["is_apec_member"] == "true",
            names=tuple(n for n in row["names"].split("|") if n),
            demonyms=tuple(d for d in row["demonyms"].split("|") if d),
        )
        for row in _rows("apec_economies.csv")
    )


@lru_cache(maxsize=1)
def summits() -> tuple[Summit, ...]:
    return tuple(
        Summit(
            year=int(row["year"]),
            summit_name=row["summit_name"],
            host_economy=row["host_economy"],
            host_city=row["host_city"],
            start_date=date.fromisoformat(row["start_date"]),
            end_date=date.fromisoformat(row["end_date"]),
            status=row["status"],
        )
        for row in _rows("apec_summits.csv")
    )


@lru_cache(maxsize=1)
def office_titles() -> tuple[OfficeTitle, ...]:
    return tuple(OfficeTitle(row["title"], row["kind"]) for row in _rows("office_titles.csv"))


@lru_cache(maxsize=1)
def economy_by_surface() -> dict[str, str]:
    """Map every name, short form and demonym (lower-cased) to its canonical economy."""
    table: dict[str, str] = {}
    for econ in economies():
        for surface in (econ.economy, *econ.names, *econ.demonyms):
            table.setdefault(surface.lower(), econ.economy)
    return table


def title_kind(title: str | None) -> str | None:
    """The attendee kind implied by an office title (the most specific title that it contains)."""
    if not title:
        return None
    lowered = title.lower()
    best: OfficeTitle | None = None
    for office in office_titles():
        if office.title.lower() in lowered and (best is None or len(office.title) > len(best.title)):
            best = office
    return best.kind if best else "other"


@lru_cache(maxsize=1)
def office_holder_rows() -> tuple[dict[str, str], ...]:
    """The rows of office_holders.csv (built by scripts/build_office_holders.py), as read."""
    return tuple(_rows("office_holders.csv"))
