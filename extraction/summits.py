"""Which APEC summit a document reports on, from mentions, years, host cities and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from extraction import dates
from extraction.layout import Layout
from extraction.reference import Summit, economies, summits

APEC_MENTION = re.compile(r"\bAPEC\b|\bApec\b|Asia[- ]Pacific Economic Co-?operation", re.IGNORECASE)


OTHER_EVENT = re.compile(
    r"\b(G-?20|G-?7|G-?8|Group of (?:Twenty|20|Seven|7|Eight|8)|ASEAN|Association of Southeast Asian Nations|"
    r"East Asia Summit|BRICS|Shanghai Cooperation Organi[sz]ation|SCO summit|NATO|Commonwealth|COP ?\d+|"
    r"(?:U\.?N\.?|United Nations) General Assembly|UNGA|World Economic Forum|Davos|Quad summit|Camp David)\b"
)


EVENT_AFTER = re.compile(
    r"^\W{0,3}(?:\(APEC\)\s*)?(?:'s\s+|’s\s+)?(?:\w+\s+){0,3}?(?:summit|summits|meeting|meetings|leaders|leaders'|"
    r"conference|forum|week|retreat|gathering|talks|ceo|ministerial|ministers|event|sessions?|dinner|in\s+[A-Z]|"
    r"(?:in\s+)?(?:19|20)\d\d\b)",
    re.IGNORECASE,
)
EVENT_BEFORE = re.compile(
    r"(?:\b(?:at|to|for|during|attend\w*|host\w*|sidelines of|margins of|ahead of|lead-up to|arriv\w+ for|"
    r"go(?:ing)? to|head(?:ing|ed)? to|travel\w* to|leave for|left for)\s+(?:the\s+)?(?:this year's\s+|next week's\s+)?"
    r"(?:annual\s+|upcoming\s+|\d{4}\s+)?)$",
    re.IGNORECASE,
)
CURRENT_BEFORE_DAYS = 200  # a document this long before a summit can preview it
CURRENT_AFTER_DAYS = 45  # and this long after it can still report on it


def is_event_mention(text: str, start: int, end: int) -> bool:
    """Whether an APEC mention names a gathering ('the APEC summit', 'at APEC', 'APEC 2025'), not only
    the organisation ('APEC goals', 'through APEC and the PIF')."""
    return bool(EVENT_AFTER.match(text[end : end + 60]) or EVENT_BEFORE.search(text[max(0, start - 40) : start]))


def current_summit(day: date) -> Summit | None:
    """The summit a document dated `day` can be about: the nearest one that is coming up or just past."""
    before, after = timedelta(days=CURRENT_BEFORE_DAYS), timedelta(days=CURRENT_AFTER_DAYS)
    options = [s for s in summits() if s.start_date - before <= day <= s.end_date + after]
    return min(options, key=lambda s: abs((s.start_date - day).days), default=None)


def names_other_event(text: str) -> bool:
    """Whether a text names a summit or forum other than APEC (G20, ASEAN, the UN General Assembly...)."""
    return bool(OTHER_EVENT.search(text))


def is_mainly_about_other_event(text: str) -> bool:
    """A document that names other events more often than APEC reports on them, not on APEC."""
    return len(OTHER_EVENT.findall(text)) > len(APEC_MENTION.findall(text))


@dataclass
class SummitChoice:
    summit: Summit
    basis: str


@dataclass
class RawSummitMention:
    start: int
    end: int
    text: str
    year: int | None
    host_city: str | None


def find_summit_mentions(text: str, paragraph_start: int = 0) -> list[RawSummitMention]:
    """APEC mentions in a paragraph, with a year and host city named in the same paragraph."""
    found = []
    if not APEC_MENTION.search(text):
        return []
    cities = [m.group(0) for m in _host_cities().finditer(text)]
    for match in APEC_MENTION.finditer(text):
        near_years = [
            int(m.group(1))
            for m in dates.YEAR.finditer(text)
            if abs(m.start() - match.start()) <= 40 and int(m.group(1)) in {s.year for s in summits()}
        ]
        found.append(
            RawSummitMention(
                start=paragraph_start + match.start(),
                end=paragraph_start + match.end(),
                text=match.group(0),
                year=near_years[0] if near_years else None,
                host_city=cities[0] if cities else None,
            )
        )
    return found


@lru_cache(maxsize=1)
def _host_cities() -> re.Pattern[str]:
    names = sorted({s.host_city for s in summits()}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


def _host_named_near(summit: Summit, windows: list[str]) -> bool:
    """Whether the host economy is named close to an APEC mention ('the Apec summit in Chile')."""
    host = next(e for e in economies() if e.economy == summit.host_economy)
    names = {host.economy, *host.names, *host.demonyms}
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)"
    )
    return any(pattern.search(window) for window in windows)


def _score(
    summit: Summit, text: str, layout: Layout, mention_years: list[int], windows: list[str]
) -> tuple[float, list[str]]:
    score, basis = 0.0, []
    if _host_named_near(summit, windows):
        score += 2.5
        basis.append(f"host economy {summit.host_economy} named with APEC")
    if summit.year in mention_years:
        score += 4
        basis.append(f"year {summit.year} named with APEC")
    if re.search(rf"\b{re.escape(summit.host_city)}\b", text):
        score += 3
        basis.append(f"host city {summit.host_city} named")
    if layout.publication_date and abs(layout.publication_date.year - summit.year) == 0:
        score += 3
        basis.append("publication year")
    for weekday, month, day in dates.weekday_dates(text):
        candidate = dates.safe_date(summit.year, month, day)
        if candidate and candidate.weekday() == weekday:
            score += 1.5
            basis.append(f"{candidate:%A %d %B} fits {summit.year}")
        else:
            score -= 1
    score += sum(1 for _, _, year, *_ in dates.month_days(text) if year == summit.year)
    if summit.status == "cancelled":
        score -= 2
    return score, basis


def choose_summit(text: str, layout: Layout) -> SummitChoice | None:
    """The APEC summit a document reports on, or None when it names no APEC summit."""
    named = find_summit_mentions(text)
    mentions = [m for m in named if is_event_mention(text, m.start, m.end)]
    day = layout.publication_date
    if day is not None and named:
        # A dated document is about the summit of its own days; a mention of another year's summit
        # ("the ROK's hosting of APEC in 2025") is a reference, not the document's summit.
        summit = current_summit(day)
        in_host_city = summit is not None and re.search(rf"\b{re.escape(summit.host_city)}\b", text)
        if summit is None or not (mentions or in_host_city):
            return None
        if all(m.year and m.year != summit.year for m in mentions or named):
            return None
        return SummitChoice(summit, f"document date {day.isoformat()} falls in the run-up to or days of {summit.year}")
    if not mentions:
        return None
    mention_years = [m.year for m in mentions if m.year]
    windows = [text[max(0, m.start - 60) : m.end + 80] for m in mentions]
    scored = []
    for summit in summits():
        score, basis = _score(summit, text, layout, mention_years, windows)
        scored.append((score, summit.year, summit, basis))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    best_score, _, best, basis = scored[0]
    if best_score < 2.5:
        return None
    return SummitChoice(best, "; ".join(basis))


def resolve_month_day(month: int, day: int, year: int | None, summit: Summit | None, base: date | None) -> date | None:
    """A full date for a month and day, using the year given, the summit's or the base date's."""
    if year:
        return dates.safe_date(year, month, day)
    if summit:
        return dates.nearest_year(month, day, summit.start_date)
    if base:
        return dates.nearest_year(month, day, base)
    return None
