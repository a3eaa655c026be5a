"""The HTML pages of the summit reports: one page per summit and an index.

Documents are shown as their sources (title, outlet, date; the file name as a tooltip and small text),
never as document ids. Disputed rows carry a `disputed` badge (`<span class="disputed" data-conflict=...>`)
linking to the "Disputed facts" section, where each conflict shows claim A against claim B.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from orchestration.report_pictures import economy_colour

if TYPE_CHECKING:
    from orchestration.reports import Conflict, Source, SummitReport

STYLE = """body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left;
vertical-align:top;font-size:14px}.src,.file-name{color:#777;font-size:12px}img{max-width:100%}
.source{font-size:12px;color:#555}.source .outlet{font-style:italic}
.disputed{display:inline-block;background:#c53030;color:#fff;border-radius:3px;padding:0 5px;font-size:12px;
font-weight:bold;text-decoration:none}
tr.has-conflict{background:#fff5f5}.swatch{display:inline-block;width:.8em;height:.8em;border-radius:50%;
border:1px solid #333;margin-right:4px;vertical-align:middle}
.conflict{border:1px solid #f0b4b4;border-radius:4px;padding:6px 10px;margin:10px 0;background:#fffafa}
.claims{display:grid;grid-template-columns:1fr 1fr;gap:12px}.claim h4{margin:4px 0}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px}"""


def cell(value: object) -> str:
    """Escaped text for HTML, empty for None."""
    return html.escape("" if value is None else str(value))


def source_html(source: Source | None) -> str:
    """A document as a reader knows it: title (or file name), outlet and date; the file name as a tooltip
    and in small text. An unknown document is 'unpublished source', never its id."""
    if source is None:
        return '<span class="source unknown">unpublished source</span>'
    day = source.publication_date
    details = [
        f'<span class="outlet">{cell(source.source_outlet)}</span>' if source.source_outlet else "",
        f'<time datetime="{day}">{day:%d %b %Y}</time>' if day else "",
    ]
    text = ", ".join(part for part in details if part)
    shows_file_name = source.file_name and source.label != source.file_name
    file_name = f' <span class="file-name">{cell(source.file_name)}</span>' if shows_file_name else ""
    return (
        f'<span class="source" title="{cell(source.file_name)}"><a href="#source-{cell(source.document_id)}">'
        f"{cell(source.label)}</a>{' — ' + text if text else ''}{file_name}</span>"
    )


def _sources_html(report: SummitReport, document_ids: Iterable[str]) -> str:
    return "; ".join(source_html(report.source(document_id)) for document_id in dict.fromkeys(document_ids))


def disputed_badge(conflicts: list[Conflict]) -> str:
    """The visible marker of a disputed row, linking to its conflicts in "Disputed facts"."""
    if not conflicts:
        return '<span class="disputed" data-conflict="" title="the sources disagree">disputed</span>'
    ids = " ".join(conflict.conflict_id for conflict in conflicts)
    kinds = ", ".join(dict.fromkeys(conflict.kind.replace("_", " ") for conflict in conflicts))
    return (
        f'<a class="disputed" data-conflict="{cell(ids)}" href="#conflict-{cell(conflicts[0].conflict_id)}"'
        f' title="disputed: {cell(kinds)}">disputed</a>'
    )


def _field_badge(conflicts: list[Conflict], *words: str) -> str:
    """A badge beside one field (a date, a place) when a conflict of a kind naming it concerns the row."""
    concerned = [conflict for conflict in conflicts if any(word in conflict.kind for word in words)]
    return f" {disputed_badge(concerned)}" if concerned else ""


def _swatch(economy: str | None) -> str:
    return (
        f'<span class="swatch" data-economy="{cell(economy or "")}" style="background:{economy_colour(economy)}">'
        "</span>"
    )


def _economy_legend(report: SummitReport) -> str:
    economies = dict.fromkeys(
        [a.economy for a in report.attendees] + [e for m in report.meetings for _, e in m.participants]
    )
    items = "".join(f"<li>{_swatch(e)}{cell(e or 'economy unknown')}</li>" for e in economies)
    return f'<ul class="legend economies">{items}</ul>'


def _meeting_rows(report: SummitReport) -> str:
    rows = []
    for meeting in report.meetings:
        badge = disputed_badge(meeting.conflicts) if meeting.has_conflict else ""
        participants = ", ".join(f"{_swatch(economy)}{cell(name)}" for name, economy in meeting.participants)
        rows.append(
            f'<tr class="meeting{" has-conflict" if meeting.has_conflict else ""}">'
            f"<td>{cell(meeting.meeting_date or 'undated')}{_field_badge(meeting.conflicts, 'date', 'day')}</td>"
            f"<td>{cell(meeting.meeting_type)}</td><td>{cell(meeting.status)}</td><td>{participants}</td>"
            f"<td>{cell(meeting.location)}{_field_badge(meeting.conflicts, 'place')}</td>"
            f"<td>{badge}</td>"
            f'<td><a href="#evidence-{cell(meeting.meeting_id)}">{len(meeting.evidence_sentences)} sentence(s)</a>'
            f"<br>{_sources_html(report, meeting.document_ids)}</td></tr>"
        )
    return "\n".join(rows)


def _attendee_rows(report: SummitReport) -> str:
    rows = []
    for attendee in report.attendees:
        badge = f" {disputed_badge(attendee.conflicts)}" if attendee.has_conflict else ""
        rows.append(
            f'<tr class="attendee{" has-conflict" if attendee.has_conflict else ""}">'
            f"<td>{cell(attendee.person_name)}{badge}</td><td>{cell(attendee.role)}</td>"
            f"<td>{_swatch(attendee.economy)}{cell(attendee.economy)}</td><td>{cell(attendee.attendee_kind)}</td>"
            f"<td>{cell(attendee.evidence)}<br>{source_html(report.source(attendee.evidence_document_id))}"
            f'<span class="src">, sentence {cell(attendee.evidence_sentence_index)}</span></td></tr>'
        )
    return "\n".join(rows)


def _evidence_sections(report: SummitReport) -> str:
    return "\n".join(
        f'<section id="evidence-{cell(m.meeting_id)}"><h3>{cell(", ".join(n for n, _ in m.participants))}'
        f"{' ' + disputed_badge(m.conflicts) if m.has_conflict else ''}</h3><ol>"
        + "".join(f"<li>{cell(sentence)}</li>" for sentence in m.evidence_sentences)
        + f'</ol><p class="src">sources: {_sources_html(report, m.document_ids)}</p></section>'
        for m in report.meetings
    )


def _conflict_sections(report: SummitReport) -> str:
    if not report.conflicts:
        return "<p>The sources agree on every fact of this summit.</p>"
    sections = []
    for conflict in report.conflicts:
        sources = _sources_html(report, conflict.document_ids)
        sections.append(
            f'<section class="conflict" id="conflict-{cell(conflict.conflict_id)}"'
            f' data-conflict="{cell(conflict.conflict_id)}" data-kind="{cell(conflict.kind)}">'
            f'<h3><span class="disputed">disputed</span> {cell(conflict.subject)}'
            f' <span class="src">({cell(conflict.kind.replace("_", " "))})</span></h3><div class="claims">'
            f'<div class="claim claim-a"><h4>Claim A: {cell(conflict.claim_a)}</h4>'
            f"<blockquote>{cell(conflict.evidence_a)}</blockquote></div>"
            f'<div class="claim claim-b"><h4>Claim B: {cell(conflict.claim_b)}</h4>'
            f"<blockquote>{cell(conflict.evidence_b)}</blockquote></div></div>"
            f'<p class="src">sources: {sources or "reference data"}</p></section>'
        )
    return "\n".join(sections)


def _source_list(report: SummitReport) -> str:
    if not report.sources:
        return "<p>No source documents published.</p>"
    items = []
    by_date = sorted(report.sources.values(), key=lambda s: (s.publication_date is None, s.publication_date, s.label))
    for source in by_date:
        counts = (
            f"{source.sentence_count or 0} sentences, {source.attendee_count or 0} attendees, "
            f"{source.meeting_mention_count or 0} meeting mentions"
            if source.status != "unreadable"
            else f"unreadable: {cell(source.error_reason)}"
        )
        items.append(
            f'<li id="source-{cell(source.document_id)}">{source_html(source)} <span class="src">{counts}</span></li>'
        )
    return f'<ol class="sources">{"".join(items)}</ol>'


def render_summit_page(report: SummitReport, network_file: str, timeline_file: str) -> str:
    """One page per summit: the pictures, disputed facts, meetings and attendees with their sources,
    the evidence sentences, and the list of sources."""
    dates = f"{report.start_date} to {report.end_date}" if report.start_date else ""
    disputed = len(report.conflicts)
    summit_badge = _field_badge(report.conflicts, "summit")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{cell(report.summit_name)}</title>
<style>{STYLE}</style></head><body>
<p><a href="index.html">All summits</a></p>
<h1>{cell(report.summit_name)}</h1><p>{cell(report.host_city)}{summit_badge}, {cell(dates)}</p>
{f'<p><a class="disputed" href="#disputed-facts">{disputed} disputed fact(s)</a></p>' if disputed else ""}
<img src="{cell(network_file)}" alt="meeting network"><img src="{cell(timeline_file)}" alt="meetings by day">
<h2>Economies</h2>{_economy_legend(report)}
<h2 id="disputed-facts">Disputed facts ({disputed})</h2>
{_conflict_sections(report)}
<h2>Meetings ({len(report.meetings)})</h2>
<table><tr><th>date</th><th>type</th><th>status</th><th>participants</th><th>place</th><th>dispute</th><th>evidence</th></tr>
{_meeting_rows(report)}</table>
<h2>Attendees ({len(report.attendees)})</h2>
<table><tr><th>person</th><th>role</th><th>economy</th><th>kind</th><th>evidence</th></tr>
{_attendee_rows(report)}</table>
<h2>Evidence</h2>{_evidence_sections(report)}
<h2 id="sources">Sources ({len(report.sources)})</h2>{_source_list(report)}
</body></html>
"""


def render_index(reports: list[SummitReport]) -> str:
    """The list of the current summits, each with its counts and disputed facts."""
    items = "".join(
        f'<li><a href="{cell(r.summit_id)}.html">{cell(r.summit_name)}</a> <span class="src">{cell(r.host_city)}, '
        f"{len(r.meetings)} meetings, {len(r.attendees)} attendees, {len(r.sources)} sources</span>"
        + (f' <span class="disputed">{len(r.conflicts)} disputed</span>' if r.conflicts else "")
        + "</li>"
        for r in reports
    )
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Summits</title><style>{STYLE}</style>'
        f'</head><body><h1>Summits</h1><ul class="summits">{items}</ul></body></html>\n'
    )
