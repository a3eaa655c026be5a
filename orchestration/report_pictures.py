"""The pictures of a summit report: the meeting network and the timeline of meetings by day (PNG).

Economies keep one colour everywhere: the colour follows the economy's row in the reference list
(`extraction/reference/apec_economies.csv`), never the set of economies a summit happens to show.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import os
from collections.abc import Iterable
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")  # files only, no screen
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

if TYPE_CHECKING:
    from orchestration.reports import SummitReport

DPI = 100
ECONOMIES_CSV = Path(__file__).resolve().parent.parent / "extraction" / "reference" / "apec_economies.csv"
# Colour n goes to economy n of the reference list (distinct, none grey: grey is "economy unknown"; the
# members, first in the list, get the most distinct ones). Append new economies at the end of the list so
# that no economy ever changes colour.
ECONOMY_PALETTE = (
    "#f58231", "#fabed4", "#800000", "#aaffc3", "#e6194b", "#f032e6", "#9a6324", "#ffe119", "#42d4f4",
    "#000075", "#3cb44b", "#dcbeff", "#808000", "#ffd8b1", "#469990", "#911eb4", "#fffac8", "#bfef45",
    "#a6cee3", "#4363d8", "#006d2c", "#67001f", "#fdbf6f", "#6baed6", "#5e3c99", "#252525", "#addd8e",
    "#003399", "#e7298a", "#66a61e",
)  # fmt: skip
# Economies missing from the reference list: a digest of the name picks one of these (darker shades).
OUTSIDE_PALETTE = ("#3182bd", "#e6550d", "#31a354", "#756bb1", "#a55194", "#ad494a", "#5254a3", "#bd9e39")
UNKNOWN_ECONOMY_COLOUR = "#c7c7c7"
DISPUTED_COLOUR = "#c53030"
HELD_EDGE, PLANNED_EDGE = "#555555", "#999999"


@cache
def reference_economies(path: Path = ECONOMIES_CSV) -> tuple[str, ...]:
    """The economies of the reference list, in its row order."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(row["economy"] for row in csv.DictReader(handle))


def economy_colour(economy: str | None) -> str:
    """The one colour of an economy, the same in every report of every run."""
    if not economy:
        return UNKNOWN_ECONOMY_COLOUR
    economies = reference_economies()
    if economy in economies:
        return ECONOMY_PALETTE[economies.index(economy) % len(ECONOMY_PALETTE)]
    digest = int.from_bytes(hashlib.sha256(economy.encode("utf-8")).digest()[:4], "big")
    return OUTSIDE_PALETTE[digest % len(OUTSIDE_PALETTE)]


def _legend_order(economies: Iterable[str | None]) -> list[str | None]:
    """Economies as the reference list orders them, others by name, unknown last."""
    reference = reference_economies()
    return sorted(
        set(economies),
        key=lambda e: (e is None, e not in reference, reference.index(e) if e in reference else 0, e or ""),
    )


def _save(figure: Figure, path: Path) -> Path:
    """Save as PNG under a temporary name and rename into place: a reader never sees half a picture."""
    figure.tight_layout()
    temporary = path.with_name(f".{path.name}.tmp")
    figure.savefig(temporary, format="png")
    plt.close(figure)
    os.replace(temporary, path)
    return path


def draw_network(report: SummitReport, path: Path) -> Path:
    """People as nodes coloured by economy, labelled beside the node; meetings as edges (dashed when only
    planned, red when disputed); a legend of the economies shown."""
    graph = nx.Graph()
    economy_of: dict[str, str | None] = {}
    for meeting in report.meetings:
        for name, economy in meeting.participants:
            graph.add_node(name)
            economy_of[name] = economy
        for (a, _), (b, _) in itertools.combinations(meeting.participants, 2):
            edge = graph.get_edge_data(a, b) or {"held": False, "count": 0, "disputed": False}
            graph.add_edge(
                a, b, held=edge["held"] or meeting.status == "held", count=edge["count"] + 1,
                disputed=edge["disputed"] or meeting.has_conflict,
            )  # fmt: skip
    economies = _legend_order(economy_of.values())
    figure, axes = plt.subplots(figsize=(11, 7.5), dpi=DPI)
    axes.set_title(f"{report.summit_name}: who met whom", fontsize=13)
    axes.margins(0.18)
    axes.axis("off")
    if graph.number_of_nodes():
        layout = nx.spring_layout(graph, seed=7, k=1.6 / max(1, graph.number_of_nodes()) ** 0.5)
        for held, disputed in itertools.product((True, False), (False, True)):
            edges = [(a, b) for a, b, d in graph.edges(data=True) if d["held"] is held and d["disputed"] is disputed]
            nx.draw_networkx_edges(
                graph, layout, edgelist=edges, ax=axes, style="solid" if held else "dashed",
                width=[1.5 + graph.edges[e]["count"] for e in edges],
                edge_color=DISPUTED_COLOUR if disputed else HELD_EDGE if held else PLANNED_EDGE,
            )  # fmt: skip
        nodes = sorted(graph.nodes)
        nx.draw_networkx_nodes(
            graph, layout, nodelist=nodes, ax=axes, node_size=420, edgecolors="#333333",
            node_color=[economy_colour(economy_of[name]) for name in nodes],
        )  # fmt: skip
        for name in nodes:  # beside the node, never over it
            axes.annotate(
                name, layout[name], xytext=(11, 7), textcoords="offset points", fontsize=9, ha="left", va="bottom",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
            )  # fmt: skip
    else:
        axes.text(0.5, 0.5, "no meetings reported", ha="center", va="center", transform=axes.transAxes)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=economy_colour(economy), mec="#333")
        for economy in economies
    ] + [
        Line2D([], [], color=HELD_EDGE, linewidth=2),
        Line2D([], [], color=PLANNED_EDGE, linewidth=2, linestyle="--"),
        Line2D([], [], color=DISPUTED_COLOUR, linewidth=2),
    ]
    labels = [economy or "economy unknown" for economy in economies] + ["held", "planned", "disputed"]
    axes.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    return _save(figure, path)


def draw_timeline(report: SummitReport, path: Path) -> Path:
    """Meetings by day: one row per meeting, held filled and planned hollow, disputed ringed in red;
    undated ones counted apart."""
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
        edge = DISPUTED_COLOUR if meeting.has_conflict else "#2b6cb0"
        axes.plot(
            meeting.meeting_date, row, "o", markersize=9, color="#2b6cb0", markeredgecolor=edge,
            markeredgewidth=2.5 if meeting.has_conflict else 1, markerfacecolor="#2b6cb0" if held else "white",
        )  # fmt: skip
        label = f"  {names}" + ("  (disputed)" if meeting.has_conflict else "")
        axes.annotate(
            label, (meeting.meeting_date, row), xytext=(8, 0), textcoords="offset points", va="center",
            fontsize=8, color=DISPUTED_COLOUR if meeting.has_conflict else "#222222",
        )  # fmt: skip
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
        Line2D([], [], marker="o", linestyle="", color="#2b6cb0", markeredgecolor=DISPUTED_COLOUR, markersize=8,
               markeredgewidth=2.5),
    ]  # fmt: skip
    axes.legend(
        handles, ["held", "planned", "disputed"], loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9,
        frameon=False,
    )  # fmt: skip
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    return _save(figure, path)
