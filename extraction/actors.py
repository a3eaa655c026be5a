"""Actors resolved against the office record on a document's date, as event coders do: a surname,
a titled surname or a role ('the Prime Minister of Thailand') becomes the person who held the office."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from extraction import offices
from extraction.reference import title_kind


class OfficeRecord:
    """Who held which office on one date (the document's own date)."""

    def __init__(self, on: date | None):
        self.on = on

    def holder(self, economy: str | None, title: str | None) -> str | None:
        """The person holding a titled office of an economy on the date."""
        if not economy or not title or self.on is None:
            return None
        if title_kind(title) not in {"leader", "minister"}:
            return None
        found = offices.holder_on(economy, title, self.on)
        return found.person_name if found else None

    def person(self, name: str, economy: str | None = None) -> str | None:
        """The canonical name of an office holder that a full name, variant or surname refers to."""
        if not name:
            return None
        return _person(name, economy, self.on)


@lru_cache(maxsize=4096)
def _person(name: str, economy: str | None, on: date | None) -> str | None:
    found = offices.resolve_name(name, on, economy)
    if found is None and economy and len(name.split()) > 1:
        # A full name with a part left out (a middle name): a holder whose name has every part.
        parts = _parts(name)
        for part in reversed(name.split()):
            candidate = offices.resolve_name(part, on, economy)
            if candidate and parts <= _parts(candidate.person_name):
                found = candidate
                break
    return found.person_name if found else None


def _parts(name: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return {part for part in re.split(r"[^a-z]+", plain) if part}
