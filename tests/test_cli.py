"""`make run`'s terminal: where it reads and writes, a short summary, retired files said plainly, and every
Dagster and dbt line in the log file it names. Three builds in all: a fresh one, one after a file was
removed, one pointed at another (empty) folder."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from orchestration import run_log
from orchestration.cli import Terminal
from orchestration.defs.documents import retirement_line, retirement_metadata
from orchestration.progress import Progress, observing
from tests.conftest import FIXTURES, run_pipeline

SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))[:2]
MAX_LINES = 40


def _log_path(result: subprocess.CompletedProcess) -> Path:
    match = re.search(r"^full log: +(.+)$", result.stdout, re.MULTILINE)
    assert match, result.stdout
    return Path(match.group(1))


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, object]:
    """The three builds, in order, on one warehouse."""
    root = tmp_path_factory.mktemp("cli")
    seeds, empty, database = root / "seeds", root / "elsewhere", root / "summits.duckdb"
    seeds.mkdir()
    empty.mkdir()
    for path in SEEDS:
        shutil.copyfile(path, seeds / path.name)
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 8)
    fresh = run_pipeline(seeds, database)
    (seeds / SEEDS[0].name).unlink()
    removed = run_pipeline(seeds, database)
    moved = run_pipeline(empty, database)
    return {"fresh": fresh, "removed": removed, "moved": moved, "seeds": seeds, "empty": empty, "root": root}


def test_a_fresh_run_is_short_and_names_its_log(runs) -> None:
    result = runs["fresh"]
    assert isinstance(result, subprocess.CompletedProcess)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert len(lines) < MAX_LINES, result.stdout
    assert result.stderr.strip() == "", result.stderr[-3000:]
    assert f"seeds folder: {runs['seeds']}" in lines
    assert "documents: 2  errors: 1" in lines
    assert re.search(r"^marts  summits: \d+  people: \d+  attendees: \d+  meetings: \d+", result.stdout, re.MULTILINE)
    assert "extracted 2/2 documents" in result.stdout  # the plain progress line (stdout is not a terminal)
    assert f"published copy: {runs['root'] / 'published'}" in lines
    assert "Running with dbt" not in result.stdout and "STEP_START" not in result.stdout
    log = _log_path(result)
    assert log.parent == runs["root"] / "logs"
    text = log.read_text(encoding="utf-8")
    assert 'STEP_START - Started execution of step "summits_dbt_models"' in text  # Dagster's events
    assert "Running with dbt" in text and "Completed successfully" in text  # dbt's own output


def test_an_unreadable_file_is_listed_with_its_reason(runs) -> None:
    stdout = runs["fresh"].stdout  # type: ignore[attr-defined]
    assert "  not processed: binary.txt: the file holds binary data (control bytes), not text" in stdout


def test_a_removed_file_is_named_as_retired(runs) -> None:
    result = runs["removed"]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]  # type: ignore[attr-defined]
    stdout = result.stdout  # type: ignore[attr-defined]
    assert f"retired 1 document no longer in {runs['seeds']}: {SEEDS[0].name}" in stdout.splitlines()
    assert "documents: 1  errors: 1" in stdout
    assert "0 documents extracted" in stdout and "  extracted " not in stdout  # no progress lines
    assert len(stdout.splitlines()) < MAX_LINES
    assert _log_path(result) != _log_path(runs["fresh"])  # type: ignore[arg-type]


def test_another_seeds_folder_retires_the_whole_folder_plainly(runs) -> None:
    result = runs["moved"]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]  # type: ignore[attr-defined]
    assert (
        f"SUMMITS_SEEDS_DIR now points at {runs['empty']}, the warehouse was built from {runs['seeds']}:"
        f" retired all 2 documents not in the new folder: {SEEDS[1].name}, binary.txt"
    ) in result.stdout.splitlines()  # type: ignore[attr-defined]
    assert "documents: 0  errors: 0" in result.stdout  # type: ignore[attr-defined]


def test_terminal_prints_progress_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    terminal = Terminal(stream)
    with observing(terminal.progress):
        progress = Progress(40, lambda line: None, every_seconds=0)
        for _ in range(2):
            progress.advance(20)
        Progress(0, lambda line: None)  # nothing to do: no line
    terminal.step("summits_dbt_models")
    lines = stream.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines[:2]] == ["  extracted 20/40 documents", "  extracted 40/40 documents"]
    assert lines[2:] == ["- building the marts (dbt build)"]


def test_observers_are_told_of_every_advance_and_removed_after() -> None:
    seen: list[tuple[int, str | None]] = []
    with observing(lambda progress, line: seen.append((progress.done, line))):
        progress = Progress(3, lambda line: None, every_seconds=60, clock=lambda: 0.0)
        progress.advance()
        progress.advance(2)
    Progress(1, lambda line: None).advance()
    assert [done for done, _ in seen] == [0, 1, 3]
    assert seen[1][1] is None and seen[2][1] is not None and seen[2][1].startswith("extracted 3/3")


def test_retirement_lines() -> None:
    folder = Path("/data/seeds")
    some = retirement_metadata(folder, str(folder), ["a.txt", "b.txt"], whole=False)
    assert retirement_line({"retired": 2, **some}) == "retired 2 documents no longer in /data/seeds: a.txt, b.txt"
    many = retirement_metadata(folder, None, [f"{n}.txt" for n in range(12)], whole=True)
    assert retirement_line({"retired": 12, **many}, listed=2) == (
        "retired all 12 documents: none of their files is in /data/seeds any more: 0.txt, 1.txt and 10 more"
    )


def test_log_files_are_fresh_and_old_ones_pruned(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SUMMITS_DUCKDB_PATH", str(tmp_path / "summits.duckdb"))
    (tmp_path / "logs").mkdir()
    for number in range(run_log.KEEP_LOGS + 5):
        (tmp_path / "logs" / f"run-2020{number:04d}-000000.log").touch()
    path = run_log.new_log_path()
    path.touch()
    assert len(list((tmp_path / "logs").glob("run-*.log"))) == run_log.KEEP_LOGS
    assert path.name > "run-2021" and run_log.new_log_path() != path  # never the same file twice


def test_log_stream_sees_step_starts() -> None:
    steps: list[str] = []
    stream = run_log.LogStream(io.StringIO(), steps.append)
    stream.write(
        '2026-01-01 - dagster - DEBUG - job - id - 1 - a__b - STEP_START - Started execution of step "a__b".\n'
    )
    stream.write("partial ")
    stream.write("line\n")
    assert steps == ["a__b"] and stream.log.getvalue().endswith("partial line\n")  # type: ignore[attr-defined]
