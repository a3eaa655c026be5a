"""People in a parsed paragraph: names, titles, economies, and links from short forms to full names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from extraction.nlp import ECONOMY, TITLE
from extraction.reference import economy_by_surface, summits, title_kind

NOT_A_NAME = re.compile(
    r"\d|\b(summit|camp|conference|office|agency|house|council|assembly|ministry|department|news|"
    r"province|island|university|school|forum|declaration|dinner|association|center|centre|"
    r"asia|pacific|apec|economic|cooperation|co-operation|the|meeting|meetings)\b",
    re.IGNORECASE,
)
FORMER = {"former", "then", "then-", "ex", "ex-"}
LEFT_SKIP = {"new", "host", "former", "acting", "then", "incoming", "outgoing", "the", "a", "-", "then-"}


@dataclass
class FoundPerson:
    """A person mention found in one paragraph; canonical name is set after document-level linking."""

    span: Span
    name: str
    title: str | None = None
    economy: str | None = None
    is_full: bool = True
    is_role_only: bool = False
    canonical: str | None = None
    tokens: set[int] = field(default_factory=set)


def _clean_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(' ,.;:"“”‘’()')


def _extend_hyphens(span: Span) -> Span:
    """'Yoon Suk' + '-yeol' -> 'Yoon Suk-yeol' when the NER stopped at a hyphen."""
    doc, end = span.doc, span.end
    while end + 1 < len(doc) and doc[end].text in {"-", "‐"} and not doc[end - 1].whitespace_ and doc[end + 1].is_alpha:
        end += 2
    return doc[span.start : end]


def _is_plausible_name(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 5 or not text[0].isupper():
        return False
    if text.lower() in economy_by_surface() or text.lower() in _place_names() or NOT_A_NAME.search(text):
        return False
    return not all(w.isupper() and len(w) > 3 for w in words)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    return frozenset(s.host_city.lower() for s in summits())


def _economy_of(span: Span) -> str | None:
    return economy_by_surface().get(span.text.lower()) or (span.ent_id_ or None)


def _title_left(doc: Doc, start: int) -> tuple[str | None, str | None]:
    """Title and economy written before a name: 'U.S. Treasury Secretary', 'South Korea's Lee'."""
    i = start - 1
    titles: list[Span] = []
    economy = None
    former = False
    while i >= 0:
        token = doc[i]
        if token.ent_type_ == TITLE:
            ent = next(e for e in doc.ents if e.start <= i < e.end)
            titles.insert(0, ent)
            i = ent.start - 1
            continue
        if token.lower_ in {"and", "&"} and titles and i > 0 and doc[i - 1].ent_type_ == TITLE:
            i -= 1
            continue
        if token.ent_type_ == ECONOMY:
            ent = next(e for e in doc.ents if e.start <= i < e.end)
            economy = _economy_of(ent)
            former = former or any(t.lower_ in FORMER for t in doc[max(0, ent.start - 3) : ent.start])
            break
        if token.text in {"'s", "’s"} and i > 0 and doc[i - 1].ent_type_ == ECONOMY:
            i -= 1
            continue
        if token.lower_ in LEFT_SKIP or (titles and token.ent_type_ in {"ORG", "NORP"}):
            former = former or token.lower_ in FORMER
            i -= 1
            continue
        break
    title = None
    if titles:
        title = doc[titles[0].start : titles[-1].end].text
        if former:
            title = "former " + title
    return title, economy


def _title_right(doc: Doc, end: int) -> tuple[str | None, str | None]:
    """Title and economy in an apposition or 'of' phrase after a name."""
    if end < len(doc) and doc[end].lower_ == "of":
        after = end + 2 if end + 2 < len(doc) and doc[end + 1].lower_ == "the" else end + 1
        if after < len(doc) and doc[after].ent_type_ == ECONOMY:
            ent = next(e for e in doc.ents if e.start <= after < e.end)
            return None, _economy_of(ent)
    if end >= len(doc) or doc[end].text != ",":
        return None, None
    title, economy = None, None
    for token in doc[end + 1 : min(len(doc), end + 12)]:
        if token.text in {",", ".", ";", ")"} or token.pos_ == "VERB":
            break
        if token.ent_type_ == TITLE and title is None:
            ent = next(e for e in doc.ents if e.start <= token.i < e.end)
            stop = ent.end
            while stop < len(doc) and doc[stop].text not in {",", ".", ";"} and doc[stop].pos_ != "VERB":
                stop += 1
            title = " ".join(doc[ent.start : stop].text.split()[:6])
        if token.ent_type_ == ECONOMY and economy is None:
            ent = next(e for e in doc.ents if e.start <= token.i < e.end)
            economy = _economy_of(ent)
    return title, economy


def _name_after_title(doc: Doc, ent: Span) -> Span | None:
    """A capitalised name right after a title that the NER did not call PERSON ('President Biden')."""
    if ent.text.lower().endswith("s") and not ent.text.lower().endswith("ss"):
        return None
    j = ent.end
    while j < len(doc) and j - ent.end < 4:
        token = doc[j]
        if not (
            (token.is_title and token.pos_ == "PROPN")
            or (token.text in {"-"} and j + 1 < len(doc) and not doc[j - 1].whitespace_)
        ):
            break
        if token.ent_type_ in {ECONOMY, TITLE, "DATE", "NORP"} or (token.ent_type_ == "GPE" and j > ent.end):
            break
        j += 1
    if j == ent.end:
        return None
    return _extend_hyphens(doc[ent.end : j])


def find_people(doc: Doc) -> list[FoundPerson]:
    """Full-name and titled person mentions in one parsed paragraph."""
    found: list[FoundPerson] = []
    used: set[int] = set()
    candidates: list[Span] = [_extend_hyphens(e) for e in doc.ents if e.label_ == "PERSON"]
    for ent in doc.ents:
        if ent.label_ == TITLE:
            span = _name_after_title(doc, ent)
            if span is not None and not any(t.ent_type_ == "PERSON" for t in span):
                candidates.append(span)
    for span in sorted(candidates, key=lambda s: s.start):
        if any(t.i in used for t in span):
            continue
        while span and (span[0].ent_type_ in {TITLE, ECONOMY} or span[0].lower_ in LEFT_SKIP):
            span = span[1:]
        while span and span[-1].text in {"'s", "’s", "-"}:
            span = span[:-1]
        if not span:
            continue
        name = _clean_name(span.text)
        if not _is_plausible_name(name):
            continue
        title, economy = _title_left(doc, span.start)
        right_title, right_economy = _title_right(doc, span.end)
        person = FoundPerson(
            span=span,
            name=name,
            title=title or right_title,
            economy=economy or right_economy,
            is_full=len(name.split()) > 1,
            tokens={t.i for t in span},
        )
        used |= person.tokens
        found.append(person)
    return found


def name_parts(name: str) -> set[str]:
    return {part.lower() for part in re.split(r"[\s\-‐]+", name) if part}


def find_short_mentions(doc: Doc, known: dict[str, list[str]], taken: set[int]) -> list[FoundPerson]:
    """Single-word mentions ('Takaichi', 'Xi') of names known in the document, whatever their NER label."""
    found = []
    for token in doc:
        if token.i in taken or not token.is_title or token.ent_type_ in {TITLE, ECONOMY}:
            continue
        key = token.text.lower()
        if key not in known:
            continue
        span = doc[token.i : token.i + 1]
        title, economy = _title_left(doc, token.i)
        found.append(
            FoundPerson(span=span, name=token.text, title=title, economy=economy, is_full=False, tokens={token.i})
        )
    return found


def find_role_mentions(doc: Doc, taken: set[int]) -> list[FoundPerson]:
    """Title-only mentions with an economy: 'the Japanese prime minister'."""
    found = []
    for ent in doc.ents:
        if ent.label_ != TITLE or any(t.i in taken for t in ent):
            continue
        if ent.end < len(doc) and doc[ent.end].is_title and doc[ent.end].ent_type_ not in {TITLE, ECONOMY}:
            continue
        title, economy = _title_left(doc, ent.start)
        economy_before = (
            ent.start > 1 and doc[ent.start - 1].ent_type_ == ECONOMY and doc[ent.start - 2].lower_ == "the"
        )
        if economy and economy_before and title_kind(ent.text) == "leader":
            found.append(
                FoundPerson(
                    span=ent,
                    name="",
                    title=ent.text,
                    economy=economy,
                    is_full=False,
                    is_role_only=True,
                    tokens={t.i for t in ent},
                )
            )
    return found


def link_names(people: list[FoundPerson]) -> None:
    """Give every mention a canonical full name from the same document (in document order)."""
    full: list[FoundPerson] = []
    for person in people:
        if person.is_full:
            person.canonical = person.name
            full.append(person)
            continue
        if person.is_role_only:
            options = [
                p
                for p in full
                if p.economy == person.economy
                and p.title
                and person.title
                and p.title.lower().endswith(person.title.lower())
            ]
        else:
            key = person.name.lower()
            options = [p for p in full if key in name_parts(p.name)]
            if not options:
                options = [p for p in people if p.is_full and key in name_parts(p.name)]
        if person.economy:
            same = [p for p in options if p.economy == person.economy]
            options = same or options
        if options:
            best = options[-1]
            person.canonical = best.canonical or best.name
            person.economy = person.economy or best.economy
        elif not person.is_role_only:
            person.canonical = person.name


def known_short_forms(people: list[FoundPerson]) -> dict[str, list[str]]:
    """Every word of every full name found so far -> the full names containing it."""
    known: dict[str, list[str]] = {}
    for person in people:
        if person.is_full:
            for part in name_parts(person.name):
                if len(part) > 1:
                    known.setdefault(part, []).append(person.name)
    return known
