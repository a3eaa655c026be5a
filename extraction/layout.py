"""Read a document's layout: paragraphs, boilerplate, appended sections, live-blog headings,
title, dateline and publication date. Pure text rules, no NLP."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from extraction import dates

BOILERPLATE_LINE = re.compile(
    r"^(scroll to top|back to top|click here|read more|share this|advertisement|sign up|subscribe|"
    r"follow us|related (articles|stories|coverage)|copyright|all rights reserved|©)|click here|"
    r"https?://|career opportunit|linkedin",
    re.IGNORECASE,
)
LINK_LIST_HEADER = re.compile(
    r"^(further reading|related|read more|see also|more on this|more from|recommended|most read|"
    r"also read|you may also like)\s*:?\s*$",
    re.IGNORECASE,
)
SECTION_BREAK = re.compile(r"^\s*([—–\-*_=~]\s*){1,5}$|^to catch up on earlier", re.IGNORECASE)
DAY_HEADING = re.compile(
    r"^\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+"
    r"([a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\s*$",
    re.IGNORECASE,
)
TIME_STAMP = re.compile(r"^\s*(\d{1,2}[:.]\d{2}\s*(?:a\.?m\.?|p\.?m\.?)?)(?=\s|$)", re.IGNORECASE)
DATE_LINE = re.compile(
    r"^\s*(?:(?:published|updated|posted)\s*:?\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"([A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4})"
    r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:a\.?m\.?|p\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
DATE_PREFIX = re.compile(r"^\s*(?:date|published|updated|posted)\s*:?\s*(\d{4}-\d{2}-\d{2})\s*", re.IGNORECASE)
BARE_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+\S*)?\s*$")
LETTERHEAD_LINES = 12
DATE_LINES_WITHIN = 8  # a date standing alone this near the top is the document's own date
# A speaker label opening a transcript turn: "PRIME MINISTER:", "JOURNALIST:", "MS SMITH:", "Q:".
SPEAKER_LABEL = re.compile(r"^\s*(?P<label>(?:[A-Z][A-Z.'’\-]*\s+){0,4}[A-Z][A-Z.'’\-]*|Q|PM)\s*:\s*(?P<rest>.*)$")
TITLE_CASE_LABEL = re.compile(
    r"^\s*(?P<label>journalist|question|questioner|reporter|interviewer|moderator|q|prime minister|president|"
    r"(?:mr|mrs|ms|dr)\.?\s+[A-Z][\w'’\-]+)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
NOT_A_SPEAKER = re.compile(
    r"^(date|title|subjects?|transcription|inquiries|source|published|updated|posted|note|e\s*&\s*oe|"
    r"e&eo|ends|update|location|time|media contact|contact|release|via|tags|category)$",
    re.IGNORECASE,
)
QUESTIONER = re.compile(
    r"\b(journali\w*|question\w*|q|reporter|interviewer|moderator|host|presenter|audience|caller|unidentified|"
    r"press|media|unknown|voice|male|female|participant)\b",
    re.IGNORECASE,
)
LETTERHEAD_NAME = re.compile(
    r"\bHON\.?\s+(?:(?:MR|MRS|MS|DR)\.?\s+)?(?P<name>(?:[A-Z][A-Za-z'’\-]+\s+){1,3}?[A-Z][A-Za-z'’\-]+)"
    r",?\s+(?:MP|MHR|SENATOR|QC)\b",
    re.IGNORECASE,
)
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'/ \-]{2,}(?:,\s*[A-Z][A-Za-z.' \-]+?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?\s*(?:—|–|--|\(\w+\)\s*[—–-])\s*"
)
OUTLET = re.compile(
    r"\b(?:according to|reports?|reported|told|with|from)\s+((?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}"
    r"\s+(?:News Agency|News|Asia|Times|Post|Herald|Daily|Journal|Agency|Press|Wire))\b"
)


@dataclass
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    kind: str  # body | title | heading | boilerplate
    section: int
    entry_month_day: tuple[int, int, int | None] | None  # from the last live-blog day heading
    body_start: int  # offset of the body after a time stamp or speaker label
    speaker: str | None = None  # the transcript turn's speaker label ("PRIME MINISTER")
    is_question: bool = False  # a journalist's or moderator's turn: questions are not facts


@dataclass
class Layout:
    paragraphs: list[Paragraph]
    title: str | None
    dateline_place: str | None
    dateline_month_day: tuple[int, int, int | None] | None
    publication_date: date | None
    source_outlet: str | None
    is_live_blog: bool
    letterhead_names: list[str] = field(default_factory=list)  # "THE HON JANE SMITH MP" -> Jane Smith
    is_transcript: bool = False


def _speaker_label(line: str) -> tuple[str, str] | None:
    """(label, rest of the line) when a line opens a transcript turn."""
    match = SPEAKER_LABEL.match(line) or TITLE_CASE_LABEL.match(line)
    if not match:
        return None
    label = " ".join(match.group("label").replace("’", "'").split())
    if NOT_A_SPEAKER.match(label) or len(label) > 40 or re.search(r"\d", label):
        return None
    return label, match.group("rest")


def _without_speaker(paragraph: Paragraph) -> Paragraph:
    if paragraph.speaker is None and paragraph.kind != "speaker":
        return paragraph
    kind = "body" if paragraph.kind == "speaker" else paragraph.kind
    return replace(paragraph, kind=kind, speaker=None, is_question=False, body_start=paragraph.start)


def letterhead_names(lines: list[str]) -> list[str]:
    """Names a transcript's letterhead gives its speaker: 'THE HON JANE SMITH MP' -> 'Jane Smith'."""
    names = []
    for line in lines:
        for match in LETTERHEAD_NAME.finditer(line):
            words = [w for w in match.group("name").split() if w.upper() not in {"MR", "MRS", "MS", "DR", "THE"}]
            if len(words) >= 2:
                names.append(" ".join(w if not w.isupper() else w.capitalize() for w in words))
    return list(dict.fromkeys(names))


MAX_LINE_CHARS = 10_000  # longer lines (a text with no line breaks) are cut into pieces of this size
_PIECE_END = re.compile(r"[.!?][\"')\]]*\s+|\s+")


def _pieces(start: int, line: str) -> list[tuple[int, int, str]]:
    """Cut an over-long line after the last sentence end (else space) before the limit, so spaCy never
    gets one enormous paragraph."""
    out = []
    while len(line) > MAX_LINE_CHARS:
        breaks = [m for m in _PIECE_END.finditer(line, MAX_LINE_CHARS // 2, MAX_LINE_CHARS + 1)]
        sentence_ends = [m.end() for m in breaks if m.group()[0] in ".!?"]
        cut = (sentence_ends or [m.end() for m in breaks] or [MAX_LINE_CHARS])[-1]
        piece = line[:cut].rstrip()
        out.append((start, start + len(piece), piece))
        rest = line[cut:]
        start += cut + len(rest) - len(rest.lstrip())
        line = rest.lstrip()
    if line:
        out.append((start, start + len(line), line))
    return out


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            out.extend(_pieces(pos + raw.index(stripped[0]), stripped))
        pos += len(raw) + 1
    return out


def _is_headline(line: str) -> bool:
    return len(line) < 160 and not re.search(r"[.!?:\"”]\s*$", line)


def _title_case(place: str) -> str:
    return "/".join(part.strip().title() for part in place.split("/"))


def read_layout(text: str) -> Layout:
    """Split text into classified paragraphs and read the document's own facts."""
    lines = _lines(text)
    publication_date = None
    title = None
    dateline_place = None
    dateline_md = None
    paragraphs: list[Paragraph] = []
    section = 0
    in_link_list = False
    entry_date_parts: tuple[int, int, int | None] | None = None
    day_headings = 0
    transcript_turns = 0
    speaker: str | None = None
    for index, (start, end, line) in enumerate(lines):
        kind = "body"
        body_start = start
        prefix = DATE_PREFIX.match(line)
        if prefix:
            publication_date = date.fromisoformat(prefix.group(1))
            start += prefix.end()
            line = line[prefix.end() :]
            body_start = start
        heading = DAY_HEADING.match(line)
        stamp = TIME_STAMP.match(line)
        date_line = DATE_LINE.match(re.sub(r"^\s*date\s*:\s*", "", line, flags=re.IGNORECASE))
        bare_iso = BARE_ISO_DATE.match(line)
        label = _speaker_label(line) if not date_line and not bare_iso else None
        if date_line and index < DATE_LINES_WITHIN and publication_date is None:
            found = dates.month_days(date_line.group(1))
            if found and found[0][2]:
                publication_date = dates.safe_date(found[0][2], found[0][0], found[0][1])
        if bare_iso and index < DATE_LINES_WITHIN and publication_date is None:
            publication_date = dates.safe_date(*(int(part) for part in bare_iso.group(1).split("-")))
        if date_line or bare_iso:
            kind = "heading"
        elif label and not label[1].strip():
            kind, speaker = "speaker", label[0]
            transcript_turns += 1
        elif index == 0 and _is_headline(line) and len(lines) > 1:
            kind, title = "title", line
        elif SECTION_BREAK.search(line):
            section += 1
            kind = "boilerplate"
            in_link_list = False
            entry_date_parts = None  # an appended article has its own dates
        elif LINK_LIST_HEADER.match(line):
            kind, in_link_list = "boilerplate", True
        elif in_link_list and _is_headline(line) or BOILERPLATE_LINE.search(line):
            kind = "boilerplate"
        elif heading and heading.group(2).lower().rstrip(".") in dates.MONTHS:
            kind = "heading"
            day_headings += 1
            year = int(heading.group(4)) if heading.group(4) else None
            entry_date_parts = (dates.MONTHS[heading.group(2).lower().rstrip(".")], int(heading.group(3)), year)
            in_link_list = False
        else:
            in_link_list = False
            if label and index > 0:
                speaker = label[0]
                transcript_turns += 1
                body_start = start + len(line) - len(label[1])
                stamp = None
            if stamp:
                body_start = start + stamp.end()
                while body_start < end and text[body_start] == " ":
                    body_start += 1
            if dateline_place is None and index <= 2:
                match = DATELINE.match(line)
                if match:
                    dateline_place = _title_case(match.group("place").split(",")[0])
                    if match.group("date"):
                        found = dates.month_days(match.group("date"))
                        if found:
                            dateline_md = found[0][:3]
        paragraphs.append(
            Paragraph(
                index,
                start,
                end,
                line,
                kind,
                section,
                entry_date_parts,
                body_start,
                speaker if kind == "body" else None,
                bool(speaker and QUESTIONER.search(speaker)) and kind == "body",
            )
        )
    outlet = next((m.group(1) for m in OUTLET.finditer(text)), None)
    if transcript_turns < 2:  # one "WORD:" line is a dateline or a heading, not a transcript
        paragraphs = [_without_speaker(p) for p in paragraphs]
    top = [line for _, _, line in lines[:LETTERHEAD_LINES]]
    return Layout(
        paragraphs=paragraphs,
        title=title,
        dateline_place=dateline_place,
        dateline_month_day=dateline_md,
        publication_date=publication_date,
        source_outlet=outlet,
        is_live_blog=day_headings > 0,
        letterhead_names=letterhead_names(top),
        is_transcript=transcript_turns >= 2,
    )
