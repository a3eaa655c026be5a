"""Which APEC summit a document reports on, from mentions, years, host cities and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extraction import dates
from extraction.layout import Layout
from extraction.reference import Summit, economies, summits

APEC_MENTION = re.compile(r"\bAPEC\b|\bApec\b|Asia[- ]Pacific Economic Co-?operation", re.IGNORECASE)


OTHER_EVENT = re.compile(
    r"\b(G-?20|G-?7|G-?8|Group of (?:Twenty|20|Seven|7|Eight|8)|ASEAN|Association of Southeast Asian Nations|"
    r"East Asia Summit|BRICS|Shanghai Cooperation Organi[sz]ation|SCO summit|NATO|Commonwealth|COP ?\d+|"
    r"(?:U\.?N\.?|United Nations) General Assembly|UNGA|World Economic Forum|Davos|Quad summit|Camp David)\b"
)


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
    cities = [s.host_city for s in summits() if re.search(rf"\b{re.escape(s.host_city)}\b", text)]
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
    mentions = find_summit_mentions(text)
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
