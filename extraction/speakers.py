"""Who speaks in a transcript: speaker labels ("PRIME MINISTER:", "MS SMITH:") and the letterhead
("THE HON JANE SMITH MP") resolved to people, so that "I met ..." in a turn names its speaker."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc

from extraction.actors import OfficeRecord
from extraction.layout import Layout, Paragraph
from extraction.people import FoundPerson, name_parts

TITLE_WORDS = {
    "the",
    "prime",
    "minister",
    "president",
    "vice",
    "mr",
    "mrs",
    "ms",
    "dr",
    "pm",
    "premier",
    "secretary",
    "senator",
    "treasurer",
    "chancellor",
    "foreign",
    "for",
    "affairs",
    "trade",
    "of",
    "and",
    "hon",
    "honourable",
    "honorable",
    "ambassador",
    "governor",
    "general",
    "deputy",
    "acting",
}
SINGULAR_FIRST_PERSON = {"i", "me", "my"}


def _label_words(label: str) -> list[str]:
    return [w for w in re.split(r"[\s.]+", label.lower()) if w]


def _named_in_label(label: str) -> str | None:
    """The name part of a label ('PRIME MINISTER SMITH' -> 'Smith'), if any."""
    words = [w for w in _label_words(label) if w not in TITLE_WORDS]
    return " ".join(w.capitalize() for w in words) if words else None


def _title_of_label(label: str) -> str:
    return " ".join(w for w in _label_words(label) if w in TITLE_WORDS and w not in {"the", "mr", "mrs", "ms", "dr"})


HolderOf = Callable[[str | None, str, date | None], str | None]


def resolve_speakers(
    layout: Layout, people: list[FoundPerson], holder_of: HolderOf | None = None, on: date | None = None
) -> dict[str, str]:
    """Speaker label -> canonical person name. Question-askers get no name."""
    full = [p for p in people if p.canonical and len(p.canonical.split()) > 1]
    letterhead = layout.letterhead_names
    labels = Counter(p.speaker for p in layout.paragraphs if p.speaker and not p.is_question)
    resolved: dict[str, str] = {}
    main_label = labels.most_common(1)[0][0] if labels else None
    for label in labels:
        named = _named_in_label(label)
        name = None
        if named:
            key = named.lower().split()[-1]
            options = [n for n in letterhead if key in name_parts(n)] + [
                p.canonical for p in full if key in name_parts(p.canonical or "")
            ]
            name = options[0] if options else None
            if name is None and holder_of is not None:
                name = holder_of(named, _title_of_label(label), on)
            name = name or named
        elif letterhead and (label == main_label or len(letterhead) == 1):
            name = letterhead[0]
        else:
            title = _title_of_label(label)
            titled = [p.canonical for p in full if p.title and title and title in p.title.lower()]
            if titled:
                name = Counter(titled).most_common(1)[0][0]
            elif holder_of is not None:
                name = holder_of(None, title, on)
        if name:
            resolved[label] = name
    return resolved


def first_person_mentions(doc: Doc, speaker: str) -> list[FoundPerson]:
    """'I', 'me' and 'my' in a speaker's turn, as mentions of the speaker."""
    return [
        FoundPerson(span=doc[t.i : t.i + 1], name=speaker, canonical=speaker, is_full=True, tokens={t.i})
        for t in doc
        if t.lower_ in SINGULAR_FIRST_PERSON and t.pos_ == "PRON"
    ]


def holder_name(surname: str | None, title: str, on: date | None) -> str | None:
    """The office holder a label names ('PRIME MINISTER SMITH' -> Jane Smith) on the date."""
    if not surname or on is None:
        return None
    return OfficeRecord(on).person(surname)


def speaker_of(paragraph: Paragraph, layout: Layout, speakers: dict[str, str]) -> str | None:
    """The person speaking a paragraph of a transcript (the letterhead's before any label)."""
    if paragraph.is_question:
        return None
    if paragraph.speaker:
        return speakers.get(paragraph.speaker)
    if layout.is_transcript and layout.letterhead_names:
        return layout.letterhead_names[0]
    return None
