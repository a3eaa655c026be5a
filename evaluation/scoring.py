"""Precision, recall and F1 of a warehouse's marts against a gold file, by the rules of the gold README
(tests/fixtures/dev_a/README.md): summits by year, attendees by (summit year, person), meetings by
(summit year, set of participants); optional items neither rewarded nor penalised; strict = explicit only.
Every missed or extra item keeps the documents it comes from."""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from evaluation.names import PersonIndex

KINDS = ("summits", "attendees", "meetings")
NO_DOCUMENT = "(no document)"


@dataclass(frozen=True)
class Item:
    """A summit, attendee or meeting as listed in a report, with the files it comes from."""

    label: str
    files: tuple[str, ...] = ()


@dataclass
class Fact:
    """What the gold or the warehouse says about one scored key, merged over its documents."""

    label: str
    files: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    held: bool = False
    certainties: set[str] = field(default_factory=set)

    def item(self, note: str = "") -> Item:
        tag = (
            "" if not self.certainties or "explicit" in self.certainties else f" [{'/'.join(sorted(self.certainties))}]"
        )
        return Item(self.label + tag + note, tuple(sorted(self.files)))


@dataclass
class Score:
    name: str
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0
    missed: list[Item] = field(default_factory=list)
    extra: list[Item] = field(default_factory=list)

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

    def __add__(self, other: Score) -> Score:
        """Pooled counts (micro-average): true positives, predictions and gold items summed."""
        return Score(
            self.name,
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.missed + other.missed,
            self.extra + other.extra,
        )


@dataclass
class Report:
    scores: dict[str, Score]
    dates_correct: int = 0
    dated_meetings: int = 0
    status_correct: int = 0
    matched_meetings: int = 0
    wrong_dates: list[Item] = field(default_factory=list)
    wrong_status: list[Item] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        """Share of matched meetings with a gold date whose mart date is one of the gold dates."""
        return self.dates_correct / self.dated_meetings if self.dated_meetings else 1.0

    @property
    def status_accuracy(self) -> float:
        """Share of matched meetings whose mart status (held/planned) is the gold one."""
        return self.status_correct / self.matched_meetings if self.matched_meetings else 1.0


def pool(reports: Iterable[Report]) -> Report:
    """One report over several warehouses: every count summed (not an average of the figures)."""
    pooled = Report({kind: Score(kind) for kind in KINDS})
    for report in reports:
        pooled.scores = {kind: pooled.scores[kind] + report.scores[kind] for kind in KINDS}
        pooled.dates_correct += report.dates_correct
        pooled.dated_meetings += report.dated_meetings
        pooled.status_correct += report.status_correct
        pooled.matched_meetings += report.matched_meetings
        pooled.wrong_dates += report.wrong_dates
        pooled.wrong_status += report.wrong_status
    return pooled


def by_document(report: Report) -> dict[str, dict[str, list[str]]]:
    """Each file's errors, by heading ("missed attendees", "extra summits", "wrong date", ...)."""
    sections = [(f"missed {kind}", score.missed) for kind, score in report.scores.items()]
    sections += [(f"extra {kind}", score.extra) for kind, score in report.scores.items()]
    sections += [("wrong date", report.wrong_dates), ("wrong status", report.wrong_status)]
    documents: dict[str, dict[str, list[str]]] = {}
    for heading, items in sections:
        for item in items:
            for file in item.files or (NO_DOCUMENT,):
                documents.setdefault(file, {}).setdefault(heading, []).append(item.label)
    return dict(sorted(documents.items()))


def load_gold(path: Path) -> tuple[dict, PersonIndex]:
    """The gold file, and an index of every person it names (attendees, optional ones, participants)."""
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


def _fact(facts: dict, key: Hashable, label: str, files: Iterable[str] = ()) -> Fact:
    fact = facts.setdefault(key, Fact(label))
    fact.files.update(files)
    return fact


def _meeting_label(year: int | None, names: Iterable[str]) -> str:
    return f"{year} {' + '.join(sorted(names))}"


def gold_facts(gold: dict, index: PersonIndex, strict: bool) -> tuple[dict[str, dict], dict[str, set]]:
    """Required facts by kind and key, and the keys to ignore (optional items; in strict mode, also
    required items that no document states explicitly). A meeting's dates and status come from every
    document that has it as a required meeting, whatever the mode."""
    required: dict[str, dict] = {kind: {} for kind in KINDS}
    ignored: dict[str, set] = {kind: set() for kind in KINDS}
    for doc in gold["documents"]:
        file, year = doc["file"], doc.get("summit_year")
        for summit in doc.get("summits", []):
            _fact(required["summits"], summit["year"], str(summit["year"]), [file])
        for person in doc.get("attendees", []):
            key = (person["summit_year"], index.canonical(person["person"]))
            fact = _fact(required["attendees"], key, f"{key[0]} {person['person']}", [file])
            fact.certainties.add(person.get("certainty", "explicit"))
        for meeting in doc.get("meetings", []):
            key = (meeting["summit_year"], frozenset(map(index.canonical, meeting["participants"])))
            fact = _fact(required["meetings"], key, _meeting_label(key[0], meeting["participants"]), [file])
            fact.certainties.add(meeting.get("certainty", "explicit"))
            fact.dates.update([meeting["date"]] if meeting.get("date") else [])
            fact.held |= meeting.get("status") == "held"
        for person in doc.get("optional_attendees", []):
            ignored["attendees"].add((person.get("summit_year", year), index.canonical(person["person"])))
        for meeting in doc.get("optional_meetings", []):
            participants = frozenset(map(index.canonical, meeting["participants"]))
            ignored["meetings"].add((meeting.get("summit_year", year), participants))
    if strict:
        for kind in ("attendees", "meetings"):
            for key in [k for k, fact in required[kind].items() if "explicit" not in fact.certainties]:
                ignored[kind].add(key)
                del required[kind][key]
    return required, ignored


# Each query returns a fact's fields and the ids of the documents it comes from. Attendees and summits
# are traced through the intermediate models they are built from; without them (an older or hand-made
# warehouse), through the marts' own evidence columns and the documents' summit year.
SUMMITS_SQL = (
    "select s.year, list(distinct d.document_id) from marts.summits s"
    " left join intermediate.int_document_summits d on d.summit_year = s.year group by s.year",
    "select s.year, list(distinct d.document_id) from marts.summits s"
    " left join staging.documents d on d.summit_year = s.year group by s.year",
)
ATTENDEES_SQL = (
    """with sources as (
        select summit_id, person_id, document_id from intermediate.int_person_mentions where is_attendance
        union select summit_id, unnest(participant_ids), document_id from intermediate.int_meeting_mentions
        union select summit_id, person_id, evidence_document_id from marts.attendees
    )
    select s.year, a.person_name, list(distinct sources.document_id)
    from marts.attendees a join marts.summits s using (summit_id) join sources using (summit_id, person_id)
    group by s.year, a.person_id, a.person_name""",
    "select s.year, a.person_name, [a.evidence_document_id]"
    " from marts.attendees a join marts.summits s using (summit_id)",
)
MEETINGS_SQL = (
    "select s.year, m.participant_names, m.meeting_date::varchar, m.status, m.document_ids"
    " from marts.meetings m join marts.summits s using (summit_id)"
)


def _rows(con: duckdb.DuckDBPyConnection, queries: tuple[str, str]) -> list[tuple]:
    try:
        return con.execute(queries[0]).fetchall()
    except duckdb.Error:
        return con.execute(queries[1]).fetchall()


def predicted_facts(database: Path, index: PersonIndex) -> dict[str, dict]:
    """The warehouse's summits, attendees and meetings by scoring key, names resolved through the gold."""
    with duckdb.connect(str(database), read_only=True) as con:
        file_of = dict(con.execute("select document_id, file_name from staging.documents").fetchall())
        summits = _rows(con, SUMMITS_SQL)
        attendees = _rows(con, ATTENDEES_SQL)
        meetings = con.execute(MEETINGS_SQL).fetchall()

    def files(document_ids: list[str | None]) -> list[str]:
        return [file_of.get(d, d) for d in document_ids or [] if d]

    facts: dict[str, dict] = {kind: {} for kind in KINDS}
    for year, document_ids in summits:
        _fact(facts["summits"], year, str(year), files(document_ids))
    for year, name, document_ids in attendees:
        _fact(facts["attendees"], (year, index.canonical(name)), f"{year} {name}", files(document_ids))
    for year, names, meeting_date, status, document_ids in meetings:
        key = (year, frozenset(map(index.canonical, names)))
        fact = _fact(facts["meetings"], key, _meeting_label(year, names), files(document_ids))
        fact.dates.update([meeting_date] if meeting_date else [])
        fact.held |= status == "held"
    return facts


def _compare(name: str, gold: dict[Hashable, Fact], ignored: set, predicted: dict[Hashable, Fact]) -> Score:
    kept = {key: fact for key, fact in predicted.items() if key in gold or key not in ignored}
    return Score(
        name,
        true_positives=len(gold.keys() & kept.keys()),
        predicted=len(kept),
        gold=len(gold),
        missed=sorted((gold[key].item() for key in gold.keys() - kept.keys()), key=lambda item: item.label),
        extra=sorted((kept[key].item() for key in kept.keys() - gold.keys()), key=lambda item: item.label),
    )


def score(gold: dict, index: PersonIndex, predicted: dict[str, dict], strict: bool = False) -> Report:
    """Compare predicted facts (from `predicted_facts`) with a loaded gold file."""
    required, ignored = gold_facts(gold, index, strict)
    report = Report({kind: _compare(kind, required[kind], ignored[kind], predicted[kind]) for kind in KINDS})
    gold_meetings, meetings = required["meetings"], predicted["meetings"]
    for key in sorted(gold_meetings.keys() & meetings.keys(), key=lambda k: gold_meetings[k].label):
        expected, found = gold_meetings[key], meetings[key]
        files = tuple(sorted(expected.files | found.files))
        report.matched_meetings += 1
        if expected.held == found.held:
            report.status_correct += 1
        else:
            status = {True: "held", False: "planned"}
            note = f": {status[found.held]}, gold {status[expected.held]}"
            report.wrong_status.append(Item(expected.item(note).label, files))
        if expected.dates:
            report.dated_meetings += 1
            if found.dates & expected.dates:
                report.dates_correct += 1
            else:
                note = f": {', '.join(sorted(found.dates)) or 'no date'}, gold {', '.join(sorted(expected.dates))}"
                report.wrong_dates.append(Item(expected.item(note).label, files))
    return report


def evaluate(database: Path, gold_path: Path, strict: bool = False) -> Report:
    """Score the marts of a DuckDB warehouse; strict counts only gold items marked explicit."""
    gold, index = load_gold(gold_path)
    return score(gold, index, predicted_facts(database, index), strict)
