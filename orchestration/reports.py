"""Summit reports from the published marts: a meeting network and a timeline (PNG) and an HTML page.

Plain functions over a read-only DuckDB connection to the published file; no Dagster imports.
"""

from __future__ import annotations

import html
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")  # files only, no screen
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

PALETTE = plt.get_cmap("tab20").colors
DPI = 100


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


@dataclass
class SummitReport:
    summit_id: str
    summit_name: str
    host_city: str
    start_date: date | None
    end_date: date | None
    meetings: list[Meeting] = field(default_factory=list)
    attendees: list[tuple] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)


def load_reports(con: duckdb.DuckDBPyConnection) -> list[SummitReport]:
    """Every summit with its meetings (participants and evidence) and attendees."""
    reports = {
        row[0]: SummitReport(*row)
        for row in con.execute(
            "select summit_id, summit_name, host_city, start_date, end_date from marts.summits order by year"
        ).fetchall()
    }
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
                    list(dict.fromkeys(sentences)), documents, conflict,
                )
            )  # fmt: skip
    for row in con.execute(
        "select summit_id, person_name, role, economy, attendee_kind, evidence, evidence_document_id,"
        " evidence_sentence_index from marts.attendees order by summit_id, economy nulls last, person_name"
    ).fetchall():
        if row[0] in reports:
            reports[row[0]].attendees.append(row[1:])
    return list(reports.values())


def economy_colours(reports: list[SummitReport]) -> dict[str | None, tuple]:
    """One colour per economy, the same in every summit's pictures."""
    economies = sorted({economy or "" for r in reports for m in r.meetings for _, economy in m.participants})
    return {economy or None: PALETTE[index % len(PALETTE)] for index, economy in enumerate(economies)}


def draw_network(report: SummitReport, path: Path, palette: dict[str | None, tuple] | None = None) -> Path:
    """People as nodes coloured by economy, meetings as edges (dashed when only planned)."""
    graph = nx.Graph()
    economy_of: dict[str, str | None] = {}
    for meeting in report.meetings:
        for name, economy in meeting.participants:
            graph.add_node(name)
            economy_of[name] = economy
        for (a, _), (b, _) in itertools.combinations(meeting.participants, 2):
            edge = graph.get_edge_data(a, b) or {"held": False, "count": 0}
            graph.add_edge(a, b, held=edge["held"] or meeting.status == "held", count=edge["count"] + 1)
    palette = palette or economy_colours([report])
    colours = {economy: palette[economy] for economy in sorted(set(economy_of.values()), key=lambda e: e or "")}
    figure, axes = plt.subplots(figsize=(11, 7.5), dpi=DPI)
    axes.set_title(f"{report.summit_name}: who met whom", fontsize=13)
    axes.margins(0.12)
    axes.axis("off")
    if graph.number_of_nodes():
        layout = nx.spring_layout(graph, seed=7, k=1.6 / max(1, graph.number_of_nodes()) ** 0.5)
        for held in (True, False):
            edges = [(a, b) for a, b, data in graph.edges(data=True) if data["held"] is held]
            nx.draw_networkx_edges(
                graph, layout, edgelist=edges, ax=axes, style="solid" if held else "dashed",
                width=[1.5 + graph.edges[e]["count"] for e in edges], edge_color="#555555" if held else "#999999",
            )  # fmt: skip
        nx.draw_networkx_nodes(
            graph, layout, ax=axes, node_size=650, edgecolors="#333333",
            node_color=[colours.get(economy_of[n], "#cccccc") for n in graph.nodes],
        )  # fmt: skip
        nx.draw_networkx_labels(graph, layout, ax=axes, font_size=9)
    else:
        axes.text(0.5, 0.5, "no meetings reported", ha="center", va="center", transform=axes.transAxes)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=colour, markeredgecolor="#333333")
        for colour in colours.values()
    ] + [Line2D([], [], color="#555555", linewidth=2), Line2D([], [], color="#999999", linewidth=2, linestyle="--")]
    labels = [economy or "economy unknown" for economy in colours] + ["held", "planned"]
    axes.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path


def draw_timeline(report: SummitReport, path: Path) -> Path:
    """Meetings by day: one row per meeting, held filled and planned hollow, undated ones listed apart."""
    dated = [meeting for meeting in report.meetings if meeting.meeting_date]
    undated = [meeting for meeting in report.meetings if not meeting.meeting_date]
    height = 1.6 + 0.42 * max(1, len(dated))
    figure, axes = plt.subplots(figsize=(10, height), dpi=DPI)
    axes.set_title(f"{report.summit_name}: meetings by day", fontsize=13)
    if report.start_date and report.end_date:
        axes.axvspan(report.start_date, report.end_date, color="#f2e6c9", label="summit days")
    for row, meeting in enumerate(reversed(dated)):
        names = " – ".join(name for name, _ in meeting.participants)
        held = meeting.status == "held"
        axes.plot(
            meeting.meeting_date, row, "o", markersize=9, color="#2b6cb0",
            markerfacecolor="#2b6cb0" if held else "white",
        )  # fmt: skip
        axes.annotate(f"  {names}", (meeting.meeting_date, row), va="center", fontsize=8)
    axes.set_yticks([])
    axes.set_ylim(-1, max(1, len(dated)))
    days = sorted({m.meeting_date for m in dated} | {d for d in (report.start_date, report.end_date) if d})
    if days:
        axes.set_xlim(days[0] - timedelta(days=1), days[-1] + timedelta(days=3))
        axes.set_xticks(days, [day.strftime("%a %d %b") for day in days], fontsize=8)
    if undated:
        axes.text(
            0.99, 0.02, f"{len(undated)} undated meeting(s) not shown", transform=axes.transAxes,
            ha="right", fontsize=8, color="#666666",
        )  # fmt: skip
    handles = [
        Line2D([], [], marker="o", linestyle="", color="#2b6cb0", markersize=8),
        Line2D([], [], marker="o", linestyle="", color="#2b6cb0", markerfacecolor="white", markersize=8),
    ]
    axes.legend(handles, ["held", "planned"], loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path


def _cell(value: object) -> str:
    return html.escape("" if value is None else str(value))


def render_html(report: SummitReport, network: Path, timeline: Path) -> str:
    """One page per summit: the two pictures, the meetings linked to their evidence, the attendees."""
    meeting_rows = "\n".join(
        f"<tr><td>{_cell(m.meeting_date or 'undated')}</td><td>{_cell(m.meeting_type)}</td>"
        f"<td>{_cell(m.status)}</td><td>{_cell(', '.join(n for n, _ in m.participants))}</td>"
        f"<td>{_cell(m.location)}</td><td>{'disputed' if m.has_conflict else ''}</td>"
        f'<td><a href="#evidence-{m.meeting_id}">{len(m.evidence_sentences)} sentence(s)</a></td></tr>'
        for m in report.meetings
    )
    evidence = "\n".join(
        f'<section id="evidence-{m.meeting_id}"><h3>{_cell(", ".join(n for n, _ in m.participants))}</h3><ol>'
        + "".join(f"<li>{_cell(sentence)}</li>" for sentence in m.evidence_sentences)
        + f"</ol><p class=src>documents: {_cell(', '.join(m.document_ids))}</p></section>"
        for m in report.meetings
    )
    attendee_rows = "\n".join(
        f"<tr><td>{_cell(name)}</td><td>{_cell(role)}</td><td>{_cell(economy)}</td><td>{_cell(kind)}</td>"
        f"<td>{_cell(sentence)}<br><span class=src>document {_cell(document)}, sentence {_cell(index)}</span></td></tr>"
        for name, role, economy, kind, sentence, document, index in report.attendees
    )
    dates = f"{report.start_date} to {report.end_date}" if report.start_date else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{_cell(report.summit_name)}</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:4px;text-align:left;
vertical-align:top;font-size:14px}}.src{{color:#777;font-size:12px}}img{{max-width:100%}}</style></head><body>
<h1>{_cell(report.summit_name)}</h1><p>{_cell(report.host_city)}, {_cell(dates)}</p>
<img src="{network.name}" alt="meeting network"><img src="{timeline.name}" alt="meetings by day">
<h2>Meetings ({len(report.meetings)})</h2>
<table><tr><th>date</th><th>type</th><th>status</th><th>participants</th><th>place</th><th></th><th>evidence</th></tr>
{meeting_rows}</table>
<h2>Attendees ({len(report.attendees)})</h2>
<table><tr><th>person</th><th>role</th><th>economy</th><th>kind</th><th>evidence</th></tr>{attendee_rows}</table>
<h2>Evidence</h2>{evidence}
</body></html>
"""


def write_reports(con: duckdb.DuckDBPyConnection, folder: Path) -> list[SummitReport]:
    """Write `<summit_id>-network.png`, `<summit_id>-timeline.png` and `<summit_id>.html` per summit, and an
    `index.html` linking them."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = load_reports(con)
    palette = economy_colours(reports)
    for report in reports:
        network = draw_network(report, folder / f"{report.summit_id}-network.png", palette)
        timeline = draw_timeline(report, folder / f"{report.summit_id}-timeline.png")
        page = folder / f"{report.summit_id}.html"
        page.write_text(render_html(report, network, timeline), encoding="utf-8")
        report.files = {"network": network, "timeline": timeline, "page": page}
    links = "".join(f'<li><a href="{r.summit_id}.html">{_cell(r.summit_name)}</a></li>' for r in reports)
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="en"><meta charset="utf-8"><title>Summits</title><ul>{links}</ul></html>\n',
        encoding="utf-8",
    )
    return reports
