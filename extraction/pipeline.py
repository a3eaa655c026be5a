"""Extract everything from one document's text: the library's entry point (text in, records out)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span

from extraction import dates
from extraction.actors import OfficeRecord
from extraction.layout import Layout, Paragraph, read_layout
from extraction.meetings import FoundMeeting, attendance_cue, find_meetings, has_cue, quoted_speaker
from extraction.nlp import code_version, load_pipeline, pipe_selectively
from extraction.people import (
    FoundPerson,
    find_people,
    find_role_mentions,
    find_short_mentions,
    known_short_forms,
    link_names,
)
from extraction.records import (
    DocumentExtraction,
    DocumentMeta,
    MeetingMention,
    Mention,
    PersonMention,
    Sentence,
    SummitMention,
)
from extraction.reference import Summit, economy_by_surface, title_kind
from extraction.speakers import first_person_mentions, holder_name, resolve_speakers, speaker_of
from extraction.summits import (
    choose_summit,
    find_summit_mentions,
    is_mainly_about_other_event,
    names_other_event,
    resolve_month_day,
)

EXTRACTOR_VERSION = code_version()
NLP_KINDS = {"body", "title"}
DEFAULT_BATCH_SIZE = 64  # paragraphs per nlp.pipe batch
ARRIVAL_DAYS = 1  # leaders arrive and meet the day before the summit opens
HELD_LEAD_IN_DAYS = 3  # ministers and officials meet this many days before the leaders' days
PLANNED_LEAD_IN_DAYS = 10


class _Context:
    """Per-document state shared by the rules: dates, summit, people in order."""

    def __init__(self, document_id: str, layout: Layout, summit: Summit | None):
        self.document_id = document_id
        self.layout = layout
        self.summit = summit
        self.people: list[tuple[int, FoundPerson]] = []  # (paragraph index, person)
        dateline = layout.dateline_month_day
        self.dateline_date = resolve_month_day(*dateline, summit, layout.publication_date) if dateline else None
        self.base_date = layout.publication_date or self.dateline_date
        self.other_event_document = False
        self.speakers: dict[str, str] = {}

    def entry_date(self, paragraph: Paragraph) -> date | None:
        if not paragraph.entry_month_day:
            return None
        return resolve_month_day(*paragraph.entry_month_day, self.summit, self.base_date)

    def resolve_date_text(self, text: str, reference: date | None, direction: str) -> date | None:
        found = dates.month_days(text)
        if found:
            month, day, year, *_ = found[0]
            return resolve_month_day(month, day, year, self.summit, reference)
        iso = dates.ISO_DATE.search(text)
        if iso:
            return dates.safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        weekday = dates.WEEKDAY.search(text)
        if weekday and reference is None and self.summit:
            # No date of its own: a weekday in a report about a summit falls in the summit's week.
            reference, direction = self.summit.start_date, "near"
        if weekday and reference:
            return dates.resolve_weekday(dates.WEEKDAYS[weekday.group(1).lower()], reference, direction)
        lowered = text.lower()
        if reference and lowered in {
            "today",
            "tonight",
            "this morning",
            "this afternoon",
            "this evening",
            "later today",
        }:
            return reference
        if reference and lowered == "tomorrow":
            return reference + timedelta(days=1)
        if reference and lowered in {"yesterday", "last night", "yesterday evening", "yesterday afternoon"}:
            return reference - timedelta(days=1)
        return None

    def outside_summit(self, day: date | None, month_only: list[int], held: bool = False) -> bool:
        """Whether a meeting's date lies outside the summit's days. A meeting already held days before
        the leaders gather ('I spoke with him this morning' in a preview) is not at the summit."""
        if not self.summit:
            return False
        lead_in = HELD_LEAD_IN_DAYS if held else PLANNED_LEAD_IN_DAYS
        start, end = self.summit.start_date - timedelta(days=lead_in), self.summit.end_date + timedelta(days=7)
        if day is not None:
            return not start <= day <= end
        return bool(month_only) and not any(m in {start.month, end.month} for m in month_only)


def _month_only(ent: Span) -> list[int]:
    if dates.month_days(ent.text):
        return []
    words = [w.lower().rstrip(".") for w in ent.text.split()]
    return [dates.MONTHS[w] for w in words if w in dates.MONTHS and len(w) > 3]


def _is_summit_context(sentence: Span, summit: Summit | None) -> bool:
    if not summit:
        return False
    text = sentence.text.lower()
    return any(k in text for k in ("apec", "summit", "sideline", "leaders", "forum", summit.host_city.lower()))


def describe_document(document_id: str, text: str) -> DocumentMeta:
    """Facts read from a document's layout and reference data alone (no NLP): cheap enough for ingestion."""
    return _describe(document_id, text)[0]


def _describe(document_id: str, text: str) -> tuple[DocumentMeta, _Context]:
    layout = read_layout(text)
    choice = choose_summit(text, layout)
    summit = choice.summit if choice else None
    ctx = _Context(document_id, layout, summit)
    ctx.other_event_document = is_mainly_about_other_event(text)
    meta = DocumentMeta(
        document_id=document_id,
        title=layout.title,
        dateline_place=layout.dateline_place,
        dateline_date=ctx.dateline_date,
        publication_date=layout.publication_date,
        source_outlet=layout.source_outlet,
        is_live_blog=layout.is_live_blog,
        summit_year=summit.year if summit else None,
        summit_basis=choice.basis if choice else None,
    )
    return meta, ctx


def _is_about_this_summit(text: str, names_apec: bool, other_event_document: bool) -> bool:
    """Sentences naming another event (G20, ASEAN, UNGA) are not about the APEC summit unless they name
    APEC too; in a document mainly about another event, only sentences naming APEC are."""
    if names_apec:
        return True
    return not other_event_document and not names_other_event(text)


ARRIVAL_CUES = {"arrive", "attend", "participate", "land", "converge"}


def _located_elsewhere(sentence: Span, summit: Summit | None) -> bool:
    """Whether a sentence places its event in another city or economy ('in Manila' for a Bangkok summit)."""
    if summit is None:
        return False
    host = {summit.host_city.lower(), summit.host_economy.lower()}
    surfaces = economy_by_surface()
    for ent in sentence.ents:
        if ent.label_ not in {"GPE", "ECONOMY"} or ent.root.head.lower_ not in {"in", "at"}:
            continue
        if ent.text.lower() not in host and (surfaces.get(ent.text.lower()) or "").lower() not in host:
            return True
    return False


def _names_elsewhere(sentence: Span, summit: Summit | None) -> bool:
    """Whether a sentence names a place other than the summit's host city or economy."""
    host = {summit.host_city.lower(), summit.host_economy.lower()} if summit else set()
    surfaces = economy_by_surface()
    return any(
        e.label_ in {"GPE", "ECONOMY"}
        and e.text.lower() not in host
        and (surfaces.get(e.text.lower()) or "").lower() not in host
        for e in sentence.ents
        if e.label_ == "GPE" or any(t.dep_ == "pobj" for t in e)
    )


def extract_document(document_id: str, text: str, nlp: Language | None = None) -> DocumentExtraction:
    """Run layout rules, spaCy and the extraction rules over one document."""
    return next(extract_documents([(document_id, text)], nlp))


class _Pending:
    """A document waiting for spaCy: its context and the parsed paragraphs received so far."""

    def __init__(self, document_id: str, text: str):
        self.text = text
        self.meta, self.ctx = _describe(document_id, text)
        self.paragraphs = [p for p in self.ctx.layout.paragraphs if p.kind in NLP_KINDS]
        self.parsed: dict[int, Doc] = {}

    @property
    def complete(self) -> bool:
        return len(self.parsed) == len(self.paragraphs)


def extract_documents(
    documents: Iterable[tuple[str, str]], nlp: Language | None = None, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[DocumentExtraction]:
    """Extract a stream of (document_id, text) pairs in order. The paragraphs of many documents go
    through one `nlp.pipe` in batches; each document is finished as soon as its last paragraph is
    parsed, so only about one batch of documents is held at a time."""
    nlp = nlp or load_pipeline()
    waiting: deque[_Pending] = deque()

    def paragraphs() -> Iterator[tuple[str, tuple[_Pending, int]]]:
        for document_id, text in documents:
            pending = _Pending(document_id, text)
            waiting.append(pending)
            for paragraph in pending.paragraphs:
                yield text[paragraph.body_start : paragraph.end], (pending, paragraph.index)

    def finished() -> Iterator[DocumentExtraction]:
        while waiting and waiting[0].complete:
            yield _finish_safely(waiting.popleft())

    for doc, (pending, index) in pipe_selectively(nlp, paragraphs(), _is_relevant, _may_hold_fact, batch_size):
        pending.parsed[index] = doc
        yield from finished()
    yield from finished()


def _is_relevant(item: tuple[_Pending, int]) -> bool:
    """Whether a paragraph's document reports on an APEC summit (only then can it hold facts)."""
    return item[0].ctx.summit is not None


def _may_hold_fact(doc: Doc, item: tuple[_Pending, int]) -> bool:
    """Whether a paragraph needs the dependency parse: a body paragraph (not a journalist's question) of
    a document about an APEC summit with a meeting, attendance or speech cue. The rest of the library
    reads only tags, lemmas, entities and sentences, which the pipeline gives without the parser."""
    pending, index = item
    paragraph = pending.ctx.layout.paragraphs[index]
    return pending.ctx.summit is not None and paragraph.kind == "body" and not paragraph.is_question and has_cue(doc)


def _finish_safely(pending: _Pending) -> DocumentExtraction:
    """Finish one document; if the rules fail on its text, say so instead of stopping the others."""
    try:
        return _finish(pending)
    except Exception as error:  # noqa: BLE001 - one odd text must not stop the stream
        reason = f"the extraction rules failed on this text ({type(error).__name__}: {error})"
        return DocumentExtraction(meta=pending.meta, failure=reason[:500])


def _finish(pending: _Pending) -> DocumentExtraction:
    """Apply the rules to a fully parsed document."""
    ctx, parsed = pending.ctx, pending.parsed
    result = DocumentExtraction(meta=pending.meta)
    # Pass 1: full names and titled people, in document order.
    for paragraph in pending.paragraphs:
        for person in find_people(parsed[paragraph.index]):
            ctx.people.append((paragraph.index, person))
    # Pass 2: short and role-only mentions of the people found.
    known = known_short_forms([p for _, p in ctx.people])
    for paragraph in pending.paragraphs:
        doc = parsed[paragraph.index]
        taken = {i for idx, p in ctx.people if idx == paragraph.index for i in p.tokens}
        extra = find_short_mentions(doc, known, taken) + find_role_mentions(doc, taken)
        ctx.people.extend((paragraph.index, p) for p in extra)
    ctx.people.sort(key=lambda item: (item[0], item[1].span.start))
    link_names([p for _, p in ctx.people], OfficeRecord(ctx.base_date))
    # Pass 3: in a transcript, "I" and "my" in a turn are its speaker.
    ctx.speakers = resolve_speakers(ctx.layout, [p for _, p in ctx.people], holder_name, ctx.base_date)
    for paragraph in pending.paragraphs:
        speaker = speaker_of(paragraph, ctx.layout, ctx.speakers)
        if speaker:
            doc = parsed[paragraph.index]
            ctx.people.extend((paragraph.index, p) for p in first_person_mentions(doc, speaker))
    ctx.people.sort(key=lambda item: (item[0], item[1].span.start))
    _emit(result, ctx, pending.text, parsed)
    return result


def _emit(result: DocumentExtraction, ctx: _Context, text: str, parsed: dict[int, Doc]) -> None:
    sentence_index = 0
    for paragraph in ctx.layout.paragraphs:
        entry = ctx.entry_date(paragraph)
        doc = parsed.get(paragraph.index)
        if doc is None:
            result.sentences.append(
                Sentence(
                    ctx.document_id,
                    sentence_index,
                    paragraph.index,
                    paragraph.section,
                    paragraph.start,
                    paragraph.end,
                    paragraph.text,
                    paragraph.kind,
                    entry,
                )
            )
            sentence_index += 1
            continue
        offset = paragraph.body_start
        parsed_paragraph = doc.has_annotation("DEP")
        people = [p for idx, p in ctx.people if idx == paragraph.index and p.canonical]
        context_date: date | None = None
        for sentence in doc.sents:
            start, end = offset + sentence.start_char, offset + sentence.end_char
            summit_mentions = find_summit_mentions(sentence.text, start)
            # A sentence that names another APEC year ("Lima hosted APEC in 2008") is about that summit.
            other_years = sorted(
                {m.year for m in summit_mentions if m.year and ctx.summit and m.year != ctx.summit.year}
            )
            sentence_summit = other_years[0] if other_years else (ctx.summit.year if ctx.summit else None)
            result.sentences.append(
                Sentence(
                    ctx.document_id,
                    sentence_index,
                    paragraph.index,
                    paragraph.section,
                    start,
                    end,
                    sentence.text,
                    paragraph.kind,
                    entry,
                    sentence_summit,
                )
            )
            for ent in sentence.ents:
                result.mentions.append(
                    Mention(
                        ctx.document_id,
                        sentence_index,
                        offset + ent.start_char,
                        offset + ent.end_char,
                        ent.text,
                        ent.label_,
                    )
                )
            for raw in summit_mentions:
                result.summits.append(
                    SummitMention(
                        ctx.document_id, sentence_index, raw.start, raw.end, raw.text, raw.year, raw.host_city
                    )
                )
            in_sentence = [p for p in people if p.span.start >= sentence.start and p.span.end <= sentence.end]
            is_body = (
                paragraph.kind == "body"
                and parsed_paragraph  # only parsed paragraphs can hold a fact (see _may_hold_fact)
                and not paragraph.is_question
                and ctx.summit is not None
                and not other_years
                and _is_about_this_summit(sentence.text, bool(summit_mentions), ctx.other_event_document)
            )
            for person in in_sentence:
                cue = attendance_cue(person, sentence) if is_body else None
                if cue and not _is_summit_context(sentence, ctx.summit):
                    cue = cue if cue in ARRIVAL_CUES and not _names_elsewhere(sentence, ctx.summit) else None
                result.people.append(
                    PersonMention(
                        document_id=ctx.document_id,
                        sentence_index=sentence_index,
                        start_char=offset + person.span.start_char,
                        end_char=offset + person.span.end_char,
                        text=person.span.text,
                        person_name=person.canonical or person.name,
                        title=_title_case(person.title),
                        role_kind=title_kind(person.title),
                        economy=person.economy,
                        is_attendance=cue is not None,
                        attendance_cue=cue,
                    )
                )
            reference = entry or context_date or ctx.base_date
            if is_body:
                resolver = _Resolver(ctx, paragraph.index, people)
                for found in find_meetings(sentence, people, resolver):
                    meeting = _meeting_record(
                        ctx, found, sentence, sentence_index, offset, entry, context_date, reference
                    )
                    if meeting:
                        meeting.mention_index = len(result.meetings)
                        result.meetings.append(meeting)
            for ent in sentence.ents:
                if ent.label_ == "DATE" and dates.month_days(ent.text):
                    context_date = ctx.resolve_date_text(ent.text, reference, "near") or context_date
            sentence_index += 1


def _title_case(title: str | None) -> str | None:
    if not title:
        return None
    return " ".join(
        w if w.isupper() or "-" in w else w.capitalize() if w.lower() not in {"of", "and", "for", "the"} else w.lower()
        for w in title.split()
    )


class _Resolver:
    """Resolves pronouns to the last person named before them, and groups ('the leaders of the US and
    Japan') to the people the document names to those offices for those economies."""

    def __init__(self, ctx: _Context, paragraph_index: int, people: list[FoundPerson]):
        self.ctx = ctx
        self.earlier = [p for idx, p in ctx.people if idx < paragraph_index and p.canonical]
        self.people = people

    def pronoun(self, token) -> str | None:
        if token.lower_ in {"i", "me", "my"}:  # outside a transcript turn: the quoted speaker, if any
            return quoted_speaker(token, self.people)
        pool = self.earlier + [p for p in self.people if p.span.end <= token.i]
        return pool[-1].canonical if pool else None

    def group(self, kind: str, economies: list[str]) -> list[str]:
        names = []
        for economy in economies:
            votes: dict[str, int] = {}
            for _, person in self.ctx.people:
                if person.economy != economy or not person.title or not person.canonical:
                    continue
                title = person.title.lower()
                if "former" in title or "elect" in title or "vice" in title or "deputy" in title:
                    continue
                fits = (
                    title_kind(person.title) == "leader"
                    if kind == "leader"
                    else "foreign minister" in title or "secretary of state" in title
                    if kind == "foreign"
                    else title_kind(person.title) == "minister"
                )
                if fits:
                    votes[person.canonical] = votes.get(person.canonical, 0) + 1
            if votes:
                names.append(max(votes, key=lambda name: (votes[name], name)))
        return names if len(names) >= 2 else []


def _stated_weekday(found: FoundMeeting) -> str | None:
    """The one weekday the text gives the meeting, in the date phrases its cue governs (a weekday
    elsewhere in the sentence may date another event). A date on another weekday is a conflict."""
    named = {match.group(1).capitalize() for ent in found.date_tokens for match in dates.WEEKDAY.finditer(ent.text)}
    return named.pop() if len(named) == 1 else None


def _meeting_record(
    ctx: _Context,
    found: FoundMeeting,
    sentence: Span,
    sentence_index: int,
    offset: int,
    entry: date | None,
    context_date: date | None,
    reference: date | None,
) -> MeetingMention | None:
    direction = "future" if found.status == "planned" else "past"
    meeting_date, date_basis = None, None
    month_only: list[int] = []
    for ent in found.date_tokens:
        meeting_date = ctx.resolve_date_text(ent.text, reference, direction)
        month_only += _month_only(ent)
        if meeting_date:
            date_basis = "stated"
            break
    if meeting_date is None and not month_only:
        candidates = [(entry, "live_blog_entry")]
        if found.status == "held":
            candidates = [
                (context_date, "paragraph"),
                (entry, "live_blog_entry"),
                (ctx.dateline_date, "dateline"),
                (ctx.layout.publication_date, "publication"),
            ]
        meeting_date, date_basis = next(((d, b) for d, b in candidates if d), (None, None))
    if ctx.outside_summit(meeting_date, month_only, held=found.status == "held"):
        return None
    if not _is_summit_context(sentence, ctx.summit) and (
        _located_elsewhere(sentence, ctx.summit)
        or (
            found.status == "held"
            and meeting_date is not None
            and meeting_date < ctx.summit.start_date - timedelta(days=ARRIVAL_DAYS)
        )
    ):
        return None  # held before the summit began, or in another city, and the sentence does not tie it to APEC
    names = {part for _, person in ctx.people for part in (person.canonical or person.name).split()}
    location = next((g for g in found.locations if g.lower() not in economy_by_surface() and g not in names), None)
    location_basis = "stated" if location else None
    if location is None and ctx.summit:
        location, location_basis = ctx.summit.host_city, "host_city"
    return MeetingMention(
        document_id=ctx.document_id,
        mention_index=0,
        sentence_index=sentence_index,
        start_char=offset + sentence.start_char,
        end_char=offset + sentence.end_char,
        evidence=sentence.text,
        cue=found.cue.text,
        participants=sorted(found.participants),
        meeting_date=meeting_date,
        date_basis=date_basis,
        stated_weekday=_stated_weekday(found),
        status=found.status,
        location=location,
        location_basis=location_basis,
        topics=found.topics,
        topic_terms=found.topic_terms,
    )
