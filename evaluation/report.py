"""Formatting of evaluation results: one block of figures per set, errors per document, a summary table."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from evaluation.scoring import Report, Score, by_document, pool

MODES = ("lenient", "strict")


@dataclass
class SetResult:
    """A set's (or a pool of sets') lenient and strict reports; `pooled` when summed over several sets."""

    name: str
    lenient: Report
    strict: Report
    documents: int
    pooled: bool = False


def pooled(name: str, results: list[SetResult]) -> SetResult:
    """Counts summed over the sets (micro-average), so that larger sets weigh more."""
    return SetResult(
        name,
        pool(r.lenient for r in results),
        pool(r.strict for r in results),
        sum(r.documents for r in results),
        pooled=True,
    )


def _ratio(correct: int, total: int) -> str:
    return f"{correct / total if total else 1.0:.2f} ({correct}/{total})"


def _score_cells(score: Score) -> str:
    counts = f"{score.true_positives}/{score.predicted}/{score.gold}"
    return f"{score.precision:6.2f}{score.recall:7.2f}{score.f1:6.2f}  {counts:>12}"


def format_figures(result: SetResult) -> str:
    """Precision, recall and F1 per kind, lenient and strict side by side, then date and status accuracy."""
    kind = "pooled over" if result.pooled else "set"
    lines = [
        f"== {kind} {result.name}: {result.documents} documents",
        f"{'':16}{'lenient (all required items)':<37}{'strict (explicit items only)'}",
        (f"{'':16}" + f"{'P':>6}{'R':>7}{'F1':>6}  {'tp/pred/gold':>12}    " * 2).rstrip(),
    ]
    for name in result.lenient.scores:
        cells = [_score_cells(getattr(result, mode).scores[name]) for mode in MODES]
        lines.append(f"{name:16}{cells[0]}    {cells[1]}")
    for label, correct, total in (
        ("dates", "dates_correct", "dated_meetings"),
        ("status", "status_correct", "matched_meetings"),
    ):
        cells = [_ratio(getattr(r, correct), getattr(r, total)) for r in (result.lenient, result.strict)]
        lines.append(f"{'meeting ' + label:16}{cells[0]:>33}    {cells[1]:>33}")
    return "\n".join(lines)


def format_documents(report: Report) -> str:
    """What each document's gold items lack in the warehouse, and what the warehouse adds from it."""
    documents = by_document(report)
    if not documents:
        return "  every document: nothing missed, nothing extra"
    lines = []
    for file, headings in documents.items():
        lines.append(f"  {file}")
        for heading, labels in headings.items():
            lines += [f"    {heading + ':':18}{label}" for label in labels]
    return "\n".join(lines)


def format_summary(results: list[SetResult]) -> str:
    """A markdown table: F1 per kind and date/status accuracy, lenient / strict, one row per set or pool."""
    lines = [
        "| set | docs | summits F1 | attendees F1 | meetings F1 | meeting dates | meeting status |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lenient, strict = r.lenient, r.strict
        cells = [f"{lenient.scores['summits'].f1:.2f}"]
        cells += [f"{lenient.scores[k].f1:.2f} / {strict.scores[k].f1:.2f}" for k in ("attendees", "meetings")]
        for correct, total in (("dates_correct", "dated_meetings"), ("status_correct", "matched_meetings")):
            cells.append(" / ".join(_ratio(getattr(m, correct), getattr(m, total)) for m in (lenient, strict)))
        lines.append(f"| {'pooled ' if r.pooled else ''}{r.name} | {r.documents} | " + " | ".join(cells) + " |")
    lines.append(
        "F1 and accuracy: lenient / strict (summits carry no certainty: strict = lenient);"
        " dates and status: share of matched meetings right."
    )
    return "\n".join(lines)


def _report_dict(report: Report, items: bool) -> dict:
    scores = {}
    for name, score in report.scores.items():
        scores[name] = {
            "true_positives": score.true_positives,
            "predicted": score.predicted,
            "gold": score.gold,
            "precision": round(score.precision, 4),
            "recall": round(score.recall, 4),
            "f1": round(score.f1, 4),
        }
        if items:
            scores[name] |= {"missed": [asdict(i) for i in score.missed], "extra": [asdict(i) for i in score.extra]}
    figures = {
        "scores": scores,
        "meeting_dates": {
            "correct": report.dates_correct,
            "of": report.dated_meetings,
            "accuracy": round(report.date_accuracy, 4),
        },
        "meeting_status": {
            "correct": report.status_correct,
            "of": report.matched_meetings,
            "accuracy": round(report.status_accuracy, 4),
        },
    }
    if items:
        figures |= {
            "wrong_dates": [asdict(i) for i in report.wrong_dates],
            "wrong_status": [asdict(i) for i in report.wrong_status],
        }
    return figures


def as_json(results: list[SetResult]) -> dict:
    """Every figure; per set also the missed and extra items and the errors per document."""
    return {
        r.name: {
            "pooled": r.pooled,
            "documents": r.documents,
            **{mode: _report_dict(getattr(r, mode), items=not r.pooled) for mode in MODES},
            **({} if r.pooled else {"per_document": by_document(r.lenient)}),
        }
        for r in results
    }
