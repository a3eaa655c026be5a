"""People in a parsed paragraph: names, titles, economies, and links from short forms to full names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from extraction.actors import OfficeRecord
from extraction.nlp import ECONOMY, TITLE
from extraction.reference import economy_by_surface, office_titles, summits, title_kind

NOT_A_NAME = re.compile(
    r"\d|\b(summit|camp|conference|office|agency|house|council|assembly|ministry|department|news|"
    r"province|island|university|school|forum|declaration|dinner|association|center|centre|"
    r"asia|pacific|apec|economic|cooperation|co-operation|the|meeting|meetings)\b",
    re.IGNORECASE,
)
FORMER = {"former", "then", "then-", "ex", "ex-"}
LEFT_SKIP = {
    "new",
    "host",
    "former",
    "acting",
    "then",
    "incoming",
    "outgoing",
    "the",
    "a",
    "-",
    "then-",
    "hon.",
    "h.e.",
    "mr.",
    "mr",
}


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


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@lru_cache(maxsize=4096)
def _is_misspelt_title(word: str) -> bool:
    """'Presiden', 'Primer', 'Minster': a title word off by one letter (typos, machine translation)."""
    lowered = word.lower()
    if len(lowered) < 6 or not word[0].isupper():
        return False
    return any(lowered != t and _within_one_edit(lowered, t) for t in _title_words())


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(w.lower() for o in office_titles() for w in o.title.split() if len(w) >= 6 and w[0].isupper())


def _clean_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(' ,.;:"“”‘’()')


def _extend_hyphens(span: Span) -> Span:
    """'Yoon Suk' + '-yeol' -> 'Yoon Suk-yeol' when the NER stopped at a hyphen, and 'Andrés Manuel López'
    + 'Obrador' when it stopped before a capitalised name word it left unlabelled."""
    doc, end = span.doc, span.end
    while end < len(doc):
        hyphen = doc[end].text in {"-", "‐"} and not doc[end - 1].whitespace_
        if hyphen and end + 1 < len(doc) and doc[end + 1].is_alpha:
            end += 2
        elif doc[end].is_title and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and end - span.start < 5:
            end += 1
        else:
            break
    return doc[span.start : end]


NOT_NAME_WORDS = {
    "general",
    "hon",
    "honourable",
    "honorable",
    "laughter",
    "applause",
    "inaudible",
    "crosstalk",
    "sir",
    "madam",
    "mr",
    "mrs",
    "ms",
    "dr",
    "journalist",
    "question",
    "transcript",
}


def _is_plausible_name(text: str) -> bool:
    words = text.split()
    if words and words[0].lower().rstrip(".") in NOT_NAME_WORDS and len(words) == 1:
        return False
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
            of_title = _title_before_of(doc, ent.start)
            if of_title is not None and not titles:
                titles.insert(0, of_title)
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


def _title_before_of(doc: Doc, economy_start: int) -> Span | None:
    """The title of '<Title> of (the) <Economy>': 'President of the United States', 'Prime Minister of Japan'."""
    i = economy_start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of" or doc[i - 1].ent_type_ != TITLE:
        return None
    return next(e for e in doc.ents if e.start <= i - 1 < e.end)


def _economy_after_of(doc: Doc, end: int) -> Span | None:
    """The economy of '... of (the) <Economy>' starting at token `end`."""
    if end >= len(doc) or doc[end].lower_ != "of":
        return None
    after = end + 2 if end + 2 < len(doc) and doc[end + 1].lower_ == "the" else end + 1
    if after < len(doc) and doc[after].ent_type_ == ECONOMY:
        return next(e for e in doc.ents if e.start <= after < e.end)
    return None


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
    if ent.label_ == TITLE and ent.text.lower().endswith("s") and not ent.text.lower().endswith("ss"):
        return None  # a plural title ("Presidents") names no one person
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
            # "President Biden", and "President of the People's Republic of China Xi Jinping"
            of_economy = _economy_after_of(doc, ent.end)
            for span in (_name_after_title(doc, ent), _name_after_title(doc, of_economy) if of_economy else None):
                if span is not None and not any(t.ent_type_ == "PERSON" for t in span):
                    candidates.append(span)
    for span in sorted(candidates, key=lambda s: s.start):
        if any(t.i in used for t in span):
            continue
        while span and (
            span[0].ent_type_ in {TITLE, ECONOMY} or span[0].lower_ in LEFT_SKIP or _is_misspelt_title(span[0].text)
        ):
            span = span[1:]
        if len(span) == 1 and span[0].tag_ in {"NNS", "NNPS"}:
            continue  # "Leader Retreats": a plural noun is not a name
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


def _role_person(span: Span, title: str, economy: str | None) -> FoundPerson:
    return FoundPerson(
        span=span,
        name="",
        title=title,
        economy=economy,
        is_full=False,
        is_role_only=True,
        tokens={t.i for t in span},
    )


def find_role_mentions(doc: Doc, taken: set[int]) -> list[FoundPerson]:
    """Title-only mentions with an economy: 'the Japanese prime minister', 'the Prime Minister of
    Singapore', 'the Chinese and Japanese Foreign Ministers' (one mention per economy)."""
    found = []
    for ent in doc.ents:
        if ent.label_ != TITLE or any(t.i in taken for t in ent):
            continue
        after_of = _economy_after_of(doc, ent.end)
        next_token = after_of.end if after_of is not None else ent.end
        if next_token < len(doc) and doc[next_token].is_title and doc[next_token].ent_type_ not in {TITLE, ECONOMY}:
            continue  # a name follows: 'President of Chile Jane Smith' is a named person
        title = ent.text[:-1] if ent.text.lower().endswith("ers") or ent.text.lower().endswith("nts") else ent.text
        if "former" in doc[max(0, ent.start - 2) : ent.start].text or title_kind(title) == "other":
            continue
        if after_of is not None and title_kind(title) in {"leader", "minister"}:
            found.append(_role_person(doc[ent.start : after_of.end], title, _economy_of(after_of)))
            continue
        economies = []
        i = ent.start - 1
        while i >= 0 and (doc[i].ent_type_ == ECONOMY or doc[i].lower_ in {"and", ",", "'s", "’s"}):
            if doc[i].ent_type_ == ECONOMY:
                econ_ent = next(e for e in doc.ents if e.start <= i < e.end)
                economies.insert(0, (econ_ent, _economy_of(econ_ent)))
                i = econ_ent.start - 1
                continue
            i -= 1
        if not economies and ent.start > 0 and doc[ent.start - 1].lower_ == "the" and title_kind(title) != "other":
            # "the Vice President": the person of that title the document has named (linked later)
            found.append(_role_person(ent, title, None))
            continue
        if economies and i >= 0 and doc[i].lower_ in {"the", "his", "her", "their"} and title_kind(title) != "official":
            for econ_ent, economy in economies:
                span = ent if len(economies) == 1 else econ_ent
                if economy:
                    found.append(_role_person(span, title, economy))
    return found


OTHER_RANK = {"vice", "deputy", "assistant", "former", "acting", "under", "elect", "president-elect", "ex"}


def _same_office(named_title: str, role_title: str) -> bool:
    """'Chinese President' is the office of 'the President'; 'Vice President' is not."""
    named, role = named_title.lower().split(), role_title.lower().split()
    return named[-len(role) :] == role and not OTHER_RANK & set(named[: -len(role)])


def link_names(people: list[FoundPerson], record: OfficeRecord | None = None) -> None:
    """Give every mention a canonical full name: from the same document (in document order), else from
    the office record on the document's date (surnames, titled surnames and roles)."""
    full: list[FoundPerson] = []
    for person in people:
        if person.is_full:
            person.canonical = (record.person(person.name, person.economy) if record else None) or person.name
            full.append(person)
            continue
        if person.is_role_only:
            options = [
                p
                for p in full
                if (p.economy == person.economy or person.economy is None)
                and p.title
                and person.title
                and _same_office(p.title, person.title)
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
        elif record and person.is_role_only:
            person.canonical = record.holder(person.economy, person.title)
        elif not person.is_role_only:
            person.canonical = (record.person(person.name, person.economy) if record else None) or person.name
            if " " in person.canonical:  # a surname the office record completed now stands for the full name
                full.append(person)


def known_short_forms(people: list[FoundPerson]) -> dict[str, list[str]]:
    """Every word of every full name found so far -> the full names containing it."""
    known: dict[str, list[str]] = {}
    for person in people:
        if person.is_full:
            for part in name_parts(person.name):
                if len(part) > 1:
                    known.setdefault(part, []).append(person.name)
    return known
