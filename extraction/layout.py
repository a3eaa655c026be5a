"""Read a document's layout: paragraphs, boilerplate, appended sections, live-blog headings,
title, dateline and publication date. Pure text rules, no NLP."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    body_start: int  # offset of the body after a time stamp


@dataclass
class Layout:
    paragraphs: list[Paragraph]
    title: str | None
    dateline_place: str | None
    dateline_month_day: tuple[int, int, int | None] | None
    publication_date: date | None
    source_outlet: str | None
    is_live_blog: bool


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
        date_line = DATE_LINE.match(line)
        if date_line and index <= 4 and publication_date is None:
            found = dates.month_days(date_line.group(1))
            if found and found[0][2]:
                publication_date = dates.safe_date(found[0][2], found[0][0], found[0][1])
        if date_line:
            kind = "heading"
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
        paragraphs.append(Paragraph(index, start, end, line, kind, section, entry_date_parts, body_start))
    outlet = next((m.group(1) for m in OUTLET.finditer(text)), None)
    return Layout(
        paragraphs=paragraphs,
        title=title,
        dateline_place=dateline_place,
        dateline_month_day=dateline_md,
        publication_date=publication_date,
        source_outlet=outlet,
        is_live_blog=day_headings > 0,
    )
