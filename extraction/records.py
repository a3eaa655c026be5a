"""Plain record types produced by the extraction library (one per staging table row)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class RawDocument:
    """A file read from the seeds folder and decoded to text."""

    document_id: str
    path: str
    file_name: str
    content_hash: str
    size_bytes: int
    encoding: str
    text: str


@dataclass(frozen=True)
class DocumentError:
    """A file that could not be turned into a document, with a reason a person understands."""

    path: str
    file_name: str
    content_hash: str | None
    size_bytes: int | None
    reason: str


@dataclass
class DocumentMeta:
    """Facts about a document read from its layout: title, dateline, dates, outlet."""

    document_id: str
    title: str | None = None
    dateline_place: str | None = None
    dateline_date: date | None = None
    publication_date: date | None = None
    source_outlet: str | None = None
    is_live_blog: bool = False
    summit_year: int | None = None
    summit_basis: str | None = None


@dataclass
class Sentence:
    document_id: str
    sentence_index: int
    paragraph_index: int
    section_index: int
    start_char: int
    end_char: int
    text: str
    kind: str  # body | heading | boilerplate | title | speaker
    entry_date: date | None = None
    summit_year: int | None = None  # the summit the sentence is about


@dataclass
class Mention:
    """A named entity or reference-data match in a sentence."""

    document_id: str
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    label: str


@dataclass
class PersonMention:
    document_id: str
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    person_name: str
    title: str | None
    role_kind: str | None
    economy: str | None
    is_attendance: bool = False
    attendance_cue: str | None = None


@dataclass
class SummitMention:
    document_id: str
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    year: int | None
    host_city: str | None


@dataclass
class MeetingMention:
    document_id: str
    mention_index: int
    sentence_index: int
    start_char: int
    end_char: int
    evidence: str
    cue: str
    participants: list[str]
    meeting_date: date | None
    date_basis: str | None  # stated | live_blog_entry | paragraph | dateline
    stated_weekday: str | None  # the weekday the text names for the meeting ('Friday'), if one
    status: str  # held | planned
    location: str | None
    location_basis: str | None  # stated | host_city
    topics: list[str] = field(default_factory=list)
    topic_terms: list[str] = field(default_factory=list)  # "topic: word, word"


@dataclass
class DocumentExtraction:
    """Everything extracted from one document."""

    meta: DocumentMeta
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    summits: list[SummitMention] = field(default_factory=list)
    meetings: list[MeetingMention] = field(default_factory=list)
    failure: str | None = None  # why the rules failed on this text (then nothing else is filled)
