"""Precision, recall and F1 of the marts against a gold file shaped like tests/fixtures/seeds_gold.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from evaluation.names import PersonIndex


@dataclass
class Score:
    name: str
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score]
    date_accuracy: float
    status_accuracy: float
    dated_meetings: int
    matched_meetings: int


def _compare(name: str, gold: dict, optional: set, predicted: dict) -> Score:
    score = Score(name)
    kept = {k: v for k, v in predicted.items() if k in gold or k not in optional}
    score.gold, score.predicted = len(gold), len(kept)
    score.true_positives = len(gold.keys() & kept.keys())
    score.missed = sorted(str(gold[k]) for k in gold.keys() - kept.keys())
    score.extra = sorted(str(kept[k]) for k in kept.keys() - gold.keys())
    return score


def load_gold(path: Path) -> tuple[dict, PersonIndex]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    index = PersonIndex()
    for doc in gold["documents"]:
        for person in doc.get("attendees", []) + doc.get("optional_attendees", []):
            index.add(person["person"], person.get("aliases", []), person.get("real_world_person"))
    for doc in gold["documents"]:
        for meeting in doc.get("meetings", []) + doc.get("optional_meetings", []) + doc.get("other_meetings", []):
            for participant in meeting.get("participants", []):
                index.add(participant)
    return gold, index


def evaluate(database: Path, gold_path: Path, strict: bool = False) -> Report:
    """Score the marts of a DuckDB warehouse; strict counts only gold items marked explicit."""
    gold, index = load_gold(gold_path)

    def keep(item: dict) -> bool:
        return not strict or item.get("certainty") == "explicit"

    def people_key(names: list[str]) -> frozenset:
        return frozenset(index.canonical(n) for n in names)

    gold_summits, gold_attendees, optional_attendees = {}, {}, set()
    gold_meetings: dict = {}
    optional_meetings = set()
    for doc in gold["documents"]:
        for summit in doc.get("summits", []):
            gold_summits[summit["year"]] = summit["year"]
        for person in doc.get("attendees", []):
            key = (person["summit_year"], index.canonical(person["person"]))
            if keep(person):
                gold_attendees[key] = f"{person['summit_year']} {person['person']}"
            else:
                optional_attendees.add(key)
        for person in doc.get("optional_attendees", []):
            optional_attendees.add(
                (person.get("summit_year", doc.get("summit_year")), index.canonical(person["person"]))
            )
        for meeting in doc.get("meetings", []):
            key = (meeting["summit_year"], people_key(meeting["participants"]))
            if not keep(meeting):
                optional_meetings.add(key)
                continue
            entry = gold_meetings.setdefault(
                key,
                {"label": f"{meeting['summit_year']} {sorted(meeting['participants'])}", "dates": set(), "held": False},
            )
            if meeting.get("date"):
                entry["dates"].add(meeting["date"])
            entry["held"] |= meeting.get("status") == "held"
        for meeting in doc.get("optional_meetings", []):
            optional_meetings.add(
                (meeting.get("summit_year", doc.get("summit_year")), people_key(meeting["participants"]))
            )

    with duckdb.connect(str(database), read_only=True) as con:
        summits = {row[0]: row[0] for row in con.execute("select year from marts.summits").fetchall()}
        attendees = {
            (year, index.canonical(name)): f"{year} {name}"
            for year, name in con.execute(
                "select s.year, a.person_name from marts.attendees a join marts.summits s using (summit_id)"
            ).fetchall()
        }
        meeting_rows = con.execute(
            "select s.year, m.participant_names, m.meeting_date::varchar, m.status"
            " from marts.meetings m join marts.summits s using (summit_id)"
        ).fetchall()
    meetings: dict = {}
    for year, names, meeting_date, status in meeting_rows:
        key = (year, people_key(names))
        entry = meetings.setdefault(key, {"label": f"{year} {sorted(names)}", "dates": set(), "held": False})
        if meeting_date:
            entry["dates"].add(meeting_date)
        entry["held"] |= status == "held"

    scores = {
        "summits": _compare("summits", gold_summits, set(), summits),
        "attendees": _compare("attendees", gold_attendees, optional_attendees, attendees),
        "meetings": _compare(
            "meetings",
            {k: v["label"] for k, v in gold_meetings.items()},
            optional_meetings,
            {k: v["label"] for k, v in meetings.items()},
        ),
    }
    matched = gold_meetings.keys() & meetings.keys()
    dated = [k for k in matched if gold_meetings[k]["dates"]]
    date_ok = sum(1 for k in dated if meetings[k]["dates"] & gold_meetings[k]["dates"])
    status_ok = sum(1 for k in matched if meetings[k]["held"] == gold_meetings[k]["held"])
    return Report(
        scores=scores,
        date_accuracy=date_ok / len(dated) if dated else 1.0,
        status_accuracy=status_ok / len(matched) if matched else 1.0,
        dated_meetings=len(dated),
        matched_meetings=len(matched),
    )


def format_report(report: Report, title: str) -> str:
    lines = [title, f"{'':12}{'precision':>10}{'recall':>8}{'F1':>7}{'tp':>5}{'pred':>6}{'gold':>6}"]
    for score in report.scores.values():
        lines.append(
            f"{score.name:12}{score.precision:10.2f}{score.recall:8.2f}{score.f1:7.2f}"
            f"{score.true_positives:5d}{score.predicted:6d}{score.gold:6d}"
        )
    lines.append(
        f"meeting dates correct: {report.date_accuracy:.2f} of {report.dated_meetings} dated matches; "
        f"status correct: {report.status_accuracy:.2f} of {report.matched_meetings}"
    )
    for score in report.scores.values():
        lines += [f"  missed {score.name}: {item}" for item in score.missed]
        lines += [f"  extra  {score.name}: {item}" for item in score.extra]
    return "\n".join(lines)
