"""Summit reports from the published marts: a meeting network and a timeline (PNG) and an HTML page per
summit, and an index page. The folder mirrors the marts: files of summits no longer published are removed.

Plain functions over a read-only DuckDB connection to the published file; no Dagster imports. Loading is
here, the pictures in `report_pictures`, the pages in `report_pages`.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from orchestration.report_pages import render_index, render_summit_page
from orchestration.report_pictures import draw_network, draw_timeline

# Every file a report run writes is one of these; any other file matching them is stale and removed.
REPORT_FILE = re.compile(r"^(?:.+-(?:network|timeline)\.png|.+\.html)$")


@dataclass(frozen=True)
class Source:
    """A document as a reader knows it: title, outlet and date, with the file it came from."""

    document_id: str
    file_name: str | None
    title: str | None
    source_outlet: str | None
    publication_date: date | None
    status: str | None = None
    error_reason: str | None = None
    sentence_count: int | None = None
    attendee_count: int | None = None
    meeting_mention_count: int | None = None

    @property
    def label(self) -> str:
        return self.title or self.file_name or "untitled document"


@dataclass(frozen=True)
class Conflict:
    """Two claims the sources disagree on, each with its evidence."""

    conflict_id: str
    kind: str
    subject: str
    claim_a: str
    claim_b: str
    evidence_a: str | None
    evidence_b: str | None
    document_ids: tuple[str, ...]


@dataclass
class Meeting:
    meeting_id: str
    meeting_date: date | None
    meeting_type: str
    status: str
    participants: list[tuple[str, str | None]]  # (name, economy)
    location: str | None
    evidence_sentences: list[str]
    document_ids: list[str]
    has_conflict: bool
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass
class Attendee:
    person_name: str
    role: str | None
    economy: str | None
    attendee_kind: str | None
    evidence: str | None
    evidence_document_id: str | None
    evidence_sentence_index: int | None
    has_conflict: bool
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass
class SummitReport:
    summit_id: str
    summit_name: str
    host_city: str
    start_date: date | None
    end_date: date | None
    meetings: list[Meeting] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)  # document_id -> source
    files: dict[str, Path] = field(default_factory=dict)

    def source(self, document_id: str | None) -> Source | None:
        return self.sources.get(document_id) if document_id else None


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, table]
        ).fetchone()[0]
    )


def _load_sources(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, Source], dict[str, list[str]]]:
    """Every published document (`marts.documents`), and the documents of each summit."""
    if not _has_table(con, "marts", "documents"):
        return {}, {}
    sources: dict[str, Source] = {}
    by_summit: dict[str, list[str]] = defaultdict(list)
    for summit_id, *fields in con.execute(
        "select summit_id, document_id, file_name, title, source_outlet, publication_date, status, error_reason,"
        " sentence_count, attendee_count, meeting_mention_count from marts.documents"
        " order by publication_date nulls last, title nulls last, file_name"
    ).fetchall():
        source = Source(*fields)
        sources[source.document_id] = source
        if summit_id:
            by_summit[summit_id].append(source.document_id)
    return sources, by_summit


def _mentions_all(text: str, names: list[str]) -> bool:
    return bool(names) and all(name.casefold() in text.casefold() for name in names)


def _is_about_meeting(conflict: Conflict, meeting: Meeting) -> bool:
    """A conflict concerns a meeting when its subject names every participant (a disputed date or place),
    or, for a flagged meeting, when its evidence is one of the meeting's sentences (a misnamed participant)."""
    if _mentions_all(conflict.subject, [name for name, _ in meeting.participants]):
        return True
    return meeting.has_conflict and bool({conflict.evidence_a, conflict.evidence_b} & set(meeting.evidence_sentences))


def _attach_conflicts(report: SummitReport) -> None:
    """Link each conflict to the meeting and attendee rows it is about (a flagged attendee when a claim
    names them)."""
    for conflict in report.conflicts:
        claims = f"{conflict.claim_a}\n{conflict.claim_b}"
        for meeting in report.meetings:
            if _is_about_meeting(conflict, meeting):
                meeting.conflicts.append(conflict)
                meeting.has_conflict = True
        for attendee in report.attendees:
            if attendee.has_conflict and _mentions_all(claims, [attendee.person_name]):
                attendee.conflicts.append(conflict)


def load_reports(con: duckdb.DuckDBPyConnection) -> list[SummitReport]:
    """Every summit with its meetings, attendees, conflicts and source documents."""
    reports = {
        row[0]: SummitReport(*row)
        for row in con.execute(
            "select summit_id, summit_name, host_city, start_date, end_date from marts.summits order by year"
        ).fetchall()
    }
    sources, documents_by_summit = _load_sources(con)
    participants: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for meeting_id, name, economy in con.execute(
        "select meeting_id, person_name, economy from marts.meeting_participants order by meeting_id, person_name"
    ).fetchall():
        participants[meeting_id].append((name, economy))
    for row in con.execute(
        "select summit_id, meeting_id, meeting_date, meeting_type, status, location,"
        " evidence_sentences, document_ids, has_conflict from marts.meetings"
        " order by summit_id, meeting_date nulls last, participant_names"
    ).fetchall():
        summit_id, meeting_id, day, kind, status, location, sentences, documents, conflict = row
        if summit_id in reports:
            reports[summit_id].meetings.append(
                Meeting(
                    meeting_id, day, kind, status, participants[meeting_id], location,
                    list(dict.fromkeys(sentences or [])), list(documents or []), bool(conflict),
                )
            )  # fmt: skip
    for summit_id, *fields, conflict in con.execute(
        "select summit_id, person_name, role, economy, attendee_kind, evidence, evidence_document_id,"
        " evidence_sentence_index, has_conflict from marts.attendees"
        " order by summit_id, economy nulls last, person_name"
    ).fetchall():
        if summit_id in reports:
            reports[summit_id].attendees.append(Attendee(*fields, has_conflict=bool(conflict)))
    for summit_id, conflict_id, kind, subject, claim_a, claim_b, evidence_a, evidence_b, documents in con.execute(
        "select summit_id, conflict_id, kind, subject, claim_a, claim_b, evidence_a, evidence_b, documents"
        " from marts.conflicts order by summit_id, kind, subject, conflict_id"
    ).fetchall():
        if summit_id in reports:
            reports[summit_id].conflicts.append(
                Conflict(conflict_id, kind, subject, claim_a, claim_b, evidence_a, evidence_b, tuple(documents or ()))
            )
    for report in reports.values():
        _attach_conflicts(report)
        cited = [a.evidence_document_id for a in report.attendees if a.evidence_document_id]
        cited += [d for m in report.meetings for d in m.document_ids]
        cited += [d for c in report.conflicts for d in c.document_ids]
        for document_id in [*documents_by_summit.get(report.summit_id, []), *cited]:
            if document_id in sources:
                report.sources.setdefault(document_id, sources[document_id])
    return list(reports.values())


def _write_text(path: Path, text: str) -> None:
    """Write under a temporary name and rename into place: a reader never sees half a page."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def remove_stale_files(folder: Path, keep: set[Path]) -> list[Path]:
    """Delete the report files (pages, pictures) not written by this run: summits no longer in the marts."""
    stale = [path for path in folder.iterdir() if path.is_file() and REPORT_FILE.match(path.name) and path not in keep]
    for path in stale:
        path.unlink()
    return stale


def write_reports(con: duckdb.DuckDBPyConnection, folder: Path) -> list[SummitReport]:
    """Write `<summit_id>-network.png`, `<summit_id>-timeline.png` and `<summit_id>.html` per summit and an
    `index.html` listing the summits; remove the files of summits that are gone."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = load_reports(con)
    for report in reports:
        network = draw_network(report, folder / f"{report.summit_id}-network.png")
        timeline = draw_timeline(report, folder / f"{report.summit_id}-timeline.png")
        page = folder / f"{report.summit_id}.html"
        _write_text(page, render_summit_page(report, network.name, timeline.name))
        report.files = {"network": network, "timeline": timeline, "page": page}
    index = folder / "index.html"
    _write_text(index, render_index(reports))
    remove_stale_files(folder, {index, *(path for report in reports for path in report.files.values())})
    return reports
