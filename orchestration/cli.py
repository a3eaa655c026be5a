"""`make run`: build the warehouse from the seeds folder through Dagster, with a quiet terminal.

The terminal shows where the run reads and writes, one line per step, a progress bar while documents
are extracted (plain progress lines when stdout is not a terminal), then a short summary. Every Dagster,
dbt and extraction log line goes to `logs/run-<timestamp>.log` beside the warehouse, named at the end.
`--verbose` leaves all of it in the terminal instead, as before."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

import dagster as dg
import duckdb

from orchestration import run_log, settings
from orchestration.locking import WarehouseBusyError
from orchestration.progress import Progress, observing

STAGED = {
    "documents": "select count(*) from staging.documents",
    "errors": "select count(*) from staging.document_errors",
}
MARTS = ("summits", "people", "attendees", "meetings", "meeting_participants", "conflicts", "documents")
STEPS = {
    "staging__reconciliation": "comparing the folder with the warehouse",
    "staging__extraction_reconciliation": "extracting new and changed documents",
    "summits_dbt_models": "building the marts (dbt build)",
    "published__marts": "publishing the marts",
    "published__summit_reports": "drawing the reports",
}
LISTED_ERRORS = 20  # unreadable files listed one per line; the rest are counted
FAILURE_LINES = 6  # lines of a failed step's message shown in the terminal


def materialize() -> dg.ExecuteInProcessResult:
    """One in-process run: reconcile the folder with the warehouse (stage new and changed files, retire
    removed ones), extract what is new, `dbt build`, then publish the marts and draw the reports."""
    from orchestration.defs.dbt import summits_dbt_models
    from orchestration.defs.documents import raw_documents, reconciliation
    from orchestration.defs.extraction import extraction_reconciliation, nlp_extraction
    from orchestration.defs.publishing import published_marts, summit_reports
    from orchestration.defs.resources import build_resources

    return dg.materialize(
        assets=[
            raw_documents,
            nlp_extraction,
            reconciliation,
            extraction_reconciliation,
            summits_dbt_models,
            published_marts,
            summit_reports,
        ],
        selection=dg.AssetSelection.assets(reconciliation, extraction_reconciliation)
        | dg.AssetSelection.assets(summits_dbt_models)
        | dg.AssetSelection.assets(published_marts, summit_reports),
        resources=build_resources(),
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )


def failures(result: dg.ExecuteInProcessResult) -> list[str]:
    """`step <key> failed: <message>` for every failed step (the message cut to a few lines)."""
    lines = []
    for event in result.get_step_failure_events():
        error = event.step_failure_data.error
        message = error.message.strip() if error else "unknown error"
        shown = message.splitlines()[:FAILURE_LINES] or ["unknown error"]
        lines.append(f"step {event.step_key} failed: " + "\n    ".join(shown))
    return lines


def build() -> bool:
    """Run the pipeline with Dagster's own logging; print failed steps; True when every step succeeded."""
    result = materialize()
    for line in failures(result):
        print(line)
    return result.success


def materialized(result: dg.ExecuteInProcessResult, key: dg.AssetKey) -> dict[str, object]:
    """The metadata of the run's last materialization of `key` (empty when it was not materialized)."""
    metadata: dict[str, object] = {}
    for event in result.get_asset_materialization_events():
        if event.asset_key == key:
            metadata = dict(event.step_materialization_data.materialization.metadata)
    return metadata


class Terminal:
    """The few lines `make run` shows while it works: a line per step and a bar (or, when the output is
    not a terminal, the progress lines) for the documents being extracted."""

    def __init__(self, stream: TextIO):
        self.stream, self.tty = stream, stream.isatty()
        self.bar = None
        self.bar_of: Progress | None = None

    def line(self, text: str) -> None:
        self.close_bar()
        print(text, file=self.stream, flush=True)

    def step(self, key: str) -> None:
        self.line(f"- {STEPS.get(key, key)}")

    def progress(self, progress: Progress, line: str | None) -> None:
        if not progress.total:
            return
        if not self.tty:
            if line:
                print(f"  {line}", file=self.stream, flush=True)
            return
        if self.bar_of is not progress:
            from tqdm import tqdm

            self.close_bar()
            self.bar = tqdm(total=progress.total, desc=f"  {progress.label}", unit="doc", file=self.stream)
            self.bar_of = progress
        self.bar.update(progress.done - self.bar.n)  # type: ignore[union-attr]
        if progress.done >= progress.total:
            self.close_bar()

    def close_bar(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar, self.bar_of = None, None


def _connect() -> duckdb.DuckDBPyConnection:
    """Connect like the pipeline's DuckDB resource (DuckDB refuses a second configuration in one process)."""
    from orchestration.defs.resources import build_resources

    return build_resources()["duckdb"].get_connection()  # type: ignore[attr-defined]


def summary() -> dict[str, int]:
    """Staged documents and unreadable files, and the row count of every mart the warehouse holds."""
    with _connect() as con:
        counts = {name: con.execute(sql).fetchone()[0] for name, sql in STAGED.items()}
        present = {
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        }
        for mart in (mart for mart in MARTS if mart in present):
            counts[f"marts.{mart}"] = con.execute(f'select count(*) from marts."{mart}"').fetchone()[0]  # noqa: S608
        return counts


def unreadable_files() -> list[tuple[str, str]]:
    with _connect() as con:
        return con.execute("select path, reason from staging.document_errors order by path").fetchall()


def report(result: dg.ExecuteInProcessResult | None, counts: Mapping[str, int], log: Path | None) -> list[str]:
    """The summary lines printed after the run."""
    from orchestration.defs.documents import RECONCILIATION, retirement_line

    lines = []
    drift = materialized(result, RECONCILIATION) if result else {}
    extracted = materialized(result, dg.AssetKey(["staging", "extraction_reconciliation"])) if result else {}
    value = lambda name, where: getattr(where.get(name), "value", where.get(name))  # noqa: E731
    if drift:
        files, documents = value("files", drift), value("documents_extracted", extracted) or 0
        lines.append(
            f"read {files} file{'' if files == 1 else 's'}: {value('restaged', drift)} new or changed,"
            f" {documents} document{'' if documents == 1 else 's'} extracted"
        )
    lines.append("  ".join(f"{name}: {counts[name]}" for name in STAGED))
    errors = unreadable_files() if counts["errors"] else []
    lines += [f"  not processed: {path}: {reason}" for path, reason in errors[:LISTED_ERRORS]]
    if len(errors) > LISTED_ERRORS:
        lines.append(f"  and {len(errors) - LISTED_ERRORS} more (table staging.document_errors)")
    if value("retired", drift) or value("previous_seeds_folder", drift):
        lines.append(retirement_line(drift))
    marts = [f"{name.removeprefix('marts.')}: {count}" for name, count in counts.items() if name.startswith("marts.")]
    lines.append("marts  " + "  ".join(marts) if marts else "marts: none built yet")
    lines.append(f"published copy: {settings.publish_dir()}")
    lines.append(f"reports:        {settings.reports_dir()}")
    if log:
        lines.append(f"full log:       {log}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Build, then print the summary; exit status 1 only when the pipeline itself failed."""
    verbose = "--verbose" in (sys.argv[1:] if argv is None else argv)
    log = None if verbose else run_log.new_log_path()
    print(f"seeds folder: {settings.seeds_dir()}\nwarehouse:    {settings.duckdb_path()}")
    print(f"published:    {settings.publish_dir()}\nreports:      {settings.reports_dir()}")
    if log:
        print(f"log:          {log}")
    result, crash = None, None
    if log is None:
        result = materialize()
    else:
        terminal: Terminal | None = None
        with run_log.captured(log, lambda key: terminal and terminal.step(key)) as stream:
            terminal = Terminal(stream)
            try:
                with observing(terminal.progress):
                    result = materialize()
            except Exception as error:  # the run could not even start: its traceback goes to the log
                traceback.print_exc()
                first = str(error).strip().splitlines()[:FAILURE_LINES] or [""]
                crash = f"the run could not start: {type(error).__name__}: " + "\n    ".join(first)
            finally:
                terminal.close_bar()
    for line in failures(result) if result else [crash]:
        print(line)
    ok = bool(result and result.success)
    try:
        counts = summary()
    except (duckdb.Error, WarehouseBusyError) as error:
        print(f"could not read the warehouse: {error}")
        return 1
    except Exception as error:  # e.g. the dbt project does not parse: the same error as the run's
        print(f"could not read the warehouse: {type(error).__name__}: {str(error).strip().splitlines()[0]}")
        return 1
    print("\n".join(report(result, counts, log)))
    if not ok:
        print(f"the pipeline failed: see {log}" if log else "the pipeline failed: see the log above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
