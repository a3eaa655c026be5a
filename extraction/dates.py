"""Calendar helpers: month and weekday names, and resolving partial dates against a base date."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_MONTH_RE = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY_RE = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
MONTH_DAY = re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", re.IGNORECASE)
DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r"(?:,?\s+(\d{4}))?", re.IGNORECASE)
WEEKDAY = re.compile(r"\b" + _WEEKDAY_RE + r"\b", re.IGNORECASE)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_days(text: str) -> list[tuple[int, int, int | None, int, int]]:
    """(month, day, year or None, start, end) for every 'Nov. 14' / '14 November 2024' in text."""
    found = []
    for match in MONTH_DAY.finditer(text):
        month = MONTHS[match.group(1).lower().rstrip(".")]
        year = int(match.group(3)) if match.group(3) else None
        found.append((month, int(match.group(2)), year, match.start(), match.end()))
    for match in DAY_MONTH.finditer(text):
        month = MONTHS[match.group(2).lower().rstrip(".")]
        year = int(match.group(3)) if match.group(3) else None
        found.append((month, int(match.group(1)), year, match.start(), match.end()))
    return sorted(found, key=lambda item: item[3])


def weekday_dates(text: str) -> list[tuple[int, int, int]]:
    """(weekday index, month, day) for 'Friday, November 15' / 'Friday (November 15th)'."""
    pattern = re.compile(_WEEKDAY_RE + r"[\s,(]+" + _MONTH_RE + r"\s+(\d{1,2})", re.IGNORECASE)
    return [
        (WEEKDAYS[m.group(1).lower()], MONTHS[m.group(2).lower().rstrip(".")], int(m.group(3)))
        for m in pattern.finditer(text)
    ]


def nearest_year(month: int, day: int, base: date) -> date | None:
    """The date with this month and day closest to the base date."""
    options = [safe_date(base.year + delta, month, day) for delta in (-1, 0, 1)]
    options = [d for d in options if d]
    return min(options, key=lambda d: abs((d - base).days)) if options else None


def resolve_weekday(weekday: int, base: date, direction: str) -> date:
    """The date of a weekday named relative to a base date.

    direction: 'future' (on or after base), 'past' (on or before base) or 'near' (closest).
    """
    ahead = (weekday - base.weekday()) % 7
    behind = (base.weekday() - weekday) % 7
    if direction == "future":
        return base + timedelta(days=ahead)
    if direction == "past":
        return base - timedelta(days=behind)
    return base + timedelta(days=ahead) if ahead <= behind else base - timedelta(days=behind)
