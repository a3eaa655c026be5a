"""Who held which office when: look-ups by office title and date, and person-name resolution.

Data: reference/office_holders.csv (scripts/build_office_holders.py). A term covers start <= day <= end
(the end day is the handover day, so both holders match it; the later term wins for a title look-up).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extraction.reference import office_holder_rows

# Titles that name an office kind when the economy has no office of exactly that name.
TITLE_KINDS = {
    "head of state": "head_of_state",
    "monarch": "head_of_state",
    "head of government": "head_of_government",
    "prime minister": "head_of_government",
    "premier": "head_of_government",
    "chancellor": "head_of_government",
    "chief executive": "head_of_government",
    "foreign minister": "foreign_minister",
    "minister of foreign affairs": "foreign_minister",
    "secretary of state": "foreign_minister",
    "foreign secretary": "foreign_minister",
    "finance minister": "finance_minister",
    "minister of finance": "finance_minister",
    "treasury secretary": "finance_minister",
    "secretary of the treasury": "finance_minister",
    "treasurer": "finance_minister",
    "financial secretary": "finance_minister",
    "trade minister": "trade_minister",
    "minister of trade": "trade_minister",
    "commerce minister": "trade_minister",
    "trade representative": "trade_minister",
    "vice president": "vice_president",
    "general secretary": "leader_other",
}
OFFICE_KINDS = {
    "head_of_state",
    "head_of_government",
    "leader_other",
    "foreign_minister",
    "trade_minister",
    "finance_minister",
    "vice_president",
    "other",
}
# The office kind of the economy's leader at APEC: the head of government in parliamentary systems, the head
# of state in presidential ones; China (Xi attends as President) and Vietnam (the State President usually
# attends) are listed by head of state. Not listed: head_of_government.
LEADER_KIND = {
    economy: "head_of_state"
    for economy in (
        "United States",
        "Mexico",
        "Chile",
        "Peru",
        "Indonesia",
        "Philippines",
        "South Korea",
        "Russia",
        "Chinese Taipei",
        "China",
        "Vietnam",
        "France",
        "Ukraine",
        "North Korea",
    )
}
# Which kinds a person-name look-up prefers when one person holds several offices on a day.
KIND_ORDER = ("head_of_state", "head_of_government", "leader_other", "vice_president")
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame"}


@dataclass(frozen=True)
class OfficeHolder:
    economy: str
    office: str
    office_kind: str
    person_name: str
    variants: tuple[str, ...]
    start: date
    end: date | None
    source: str

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


def _fold(text: str) -> list[str]:
    """Name tokens: lower case, no accents, no punctuation, hyphens split, suffixes and honorifics dropped."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[-‐–_/]", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    return [t for t in text.split() if t not in SUFFIXES and t not in HONORIFICS]


def name_keys(text: str) -> tuple[str, str]:
    """A strict key (initials kept) and a loose key (initials dropped); both ignore token order."""
    tokens = _fold(text)
    return " ".join(sorted(tokens)), " ".join(sorted(t for t in tokens if len(t) > 1))


@lru_cache(maxsize=1)
def holders() -> tuple[OfficeHolder, ...]:
    return tuple(
        OfficeHolder(
            economy=row["economy"],
            office=row["office"],
            office_kind=row["office_kind"],
            person_name=row["person_name"],
            variants=tuple(v for v in row["name_variants"].split("|") if v),
            start=date.fromisoformat(row["start_date"]),
            end=date.fromisoformat(row["end_date"]) if row["end_date"] else None,
            source=row["source"],
        )
        for row in office_holder_rows()
    )


@lru_cache(maxsize=1)
def _by_economy() -> dict[str, tuple[OfficeHolder, ...]]:
    table: dict[str, list[OfficeHolder]] = {}
    for holder in holders():
        table.setdefault(holder.economy, []).append(holder)
    return {economy: tuple(rows) for economy, rows in table.items()}


@lru_cache(maxsize=1)
def _name_index() -> tuple[dict[str, tuple[OfficeHolder, ...]], dict[str, tuple[OfficeHolder, ...]]]:
    """Name keys -> holders' terms: full names (strict and loose keys), and one-word names (surnames)."""
    full: dict[str, list[OfficeHolder]] = {}
    short: dict[str, list[OfficeHolder]] = {}
    for holder in holders():
        for surface in (holder.person_name, *holder.variants):
            strict, loose = name_keys(surface)
            if not strict:
                continue
            index = short if len(_fold(surface)) == 1 else full
            for key in {strict, loose}:
                if key and holder not in index.setdefault(key, []):
                    index[key].append(holder)
    return {k: tuple(v) for k, v in full.items()}, {k: tuple(v) for k, v in short.items()}


def _latest(terms: list[OfficeHolder]) -> OfficeHolder | None:
    return max(terms, key=lambda h: (h.start, h.office)) if terms else None


def holder_on(economy: str, office_kind_or_title: str, on: date) -> OfficeHolder | None:
    """Who held an office of an economy on a date.

    The office is a title ("President", "Prime Minister", "Secretary of State"...), an office kind
    ("head_of_government") or "leader" (see LEADER_KIND). An exact office title is tried first, then
    acting holders of that title, then the office kind the title names.
    """
    terms = [h for h in _by_economy().get(economy, ()) if h.covers(on)]
    title = " ".join(office_kind_or_title.lower().replace("-", " ").split())
    if title == "leader":
        kind = LEADER_KIND.get(economy, "head_of_government")
        found = _pick([h for h in terms if h.office_kind == kind])
        return found or _pick([h for h in terms if h.office_kind in KIND_ORDER])
    exact = [h for h in terms if h.office.lower().replace("-", " ") == title]
    if exact:
        return _latest(exact)
    acting = [h for h in terms if h.office.lower() == "acting " + title]
    if acting:
        return _latest(acting)
    kind = title.replace(" ", "_") if title.replace(" ", "_") in OFFICE_KINDS else TITLE_KINDS.get(title)
    return _pick([h for h in terms if h.office_kind == kind]) if kind else None


def _pick(terms: list[OfficeHolder]) -> OfficeHolder | None:
    """The substantive holder over an acting one, then the later term."""
    substantive = [h for h in terms if not h.office.lower().startswith("acting ")]
    return _latest(substantive or terms)


def _best_term(terms: list[OfficeHolder], on: date | None) -> OfficeHolder | None:
    """One person's term: the one covering the day (highest office kind), else the nearest one."""
    if on is not None:
        covering = [h for h in terms if h.covers(on)]
        if covering:
            return min(covering, key=_rank)

        def distance(h: OfficeHolder) -> int:
            return (h.start - on).days if on < h.start else (on - (h.end or on)).days

        return min(terms, key=lambda h: (distance(h), _rank(h)))
    return min(terms, key=lambda h: (_rank(h), -h.start.toordinal()))


def _rank(holder: OfficeHolder) -> int:
    kind = holder.office_kind
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def resolve_name(surface: str, on: date | None, economy: str | None = None) -> OfficeHolder | None:
    """The office holder a name refers to, or None when unknown or ambiguous.

    A full name in any variant, order, accents or hyphenation resolves to its person (the term covering
    `on`, else the nearest one); a one-word name (a surname, "AMLO") must be unique among the holders in
    office on `on` (among all holders when `on` is None), optionally within one economy.
    """
    full, short = _name_index()
    strict, loose = name_keys(surface)
    if not strict:
        return None
    one_word = len(_fold(surface)) == 1
    candidates = (short.get(strict) or full.get(strict) or ()) if one_word else full.get(strict) or full.get(loose)
    if not candidates:
        return None
    if economy is not None:
        candidates = tuple(h for h in candidates if h.economy == economy)
    people: dict[tuple[str, str], list[OfficeHolder]] = {}
    for holder in candidates:
        people.setdefault((holder.economy, holder.person_name), []).append(holder)
    if on is not None and (one_word or len(people) > 1):
        in_office = {person: terms for person, terms in people.items() if any(h.covers(on) for h in terms)}
        if in_office or one_word:
            people = in_office
    if len(people) != 1:
        return None
    return _best_term(next(iter(people.values())), on)


def canonical_person(surface: str, on: date | None, economy: str | None = None) -> str | None:
    """The canonical name of the office holder a name refers to (see resolve_name)."""
    holder = resolve_name(surface, on, economy)
    return holder.person_name if holder else None
