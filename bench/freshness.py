"""File drop to published copy under `make dev`, on a warehouse of 5 documents and of 1,000.

Usage: python -m bench.freshness [--rounds N] [SIZES...]   (default: 3 rounds, sizes 5 1000)

Each size: a folder of that many articles (the seed articles, then BBC articles) is built once with
`make run`'s path, then `dagster dev` runs on it with its default sensor settings. Each round writes a new
article, then changes it, then removes it, and times each from the file write until the published copy
(`marts.documents` in SUMMITS_PUBLISH_DIR/summits.duckdb) shows it. Prints the median and the worst of the
rounds, and where the time went: the median wait from the file write to the run's creation (sensor), from
creation to start (launch), and each step's duration, read from the Dagster instance.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import duckdb

from bench.bbc_corpus import PROJECT_ROOT, bbc_texts
from orchestration.dev_server import dagster_dev, free_port

SEEDS = PROJECT_ROOT / "tests" / "fixtures" / "seeds"
TIMEOUT_SECONDS = 600
POLL_SECONDS = 0.25


def _document_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _published_ids(published: Path) -> set[str] | None:
    """Document ids in the published copy; None while it is missing or being replaced."""
    try:
        with duckdb.connect(str(published), read_only=True) as con:
            return {row[0] for row in con.execute("select document_id from marts.documents").fetchall()}
    except duckdb.Error:
        return None


def _wait(check: Callable[[set[str]], bool], published: Path, what: str) -> float:
    """Seconds until the published ids pass the check."""
    started = time.perf_counter()
    while time.perf_counter() - started < TIMEOUT_SECONDS:
        ids = _published_ids(published)
        if ids is not None and check(ids):
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"timed out after {TIMEOUT_SECONDS} s waiting for {what}")


def _environment(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DAGSTER_HOME": str(root / "dagster_home"),
        "SUMMITS_SEEDS_DIR": str(root / "seeds"),
        "SUMMITS_DUCKDB_PATH": str(root / "summits.duckdb"),
        "SUMMITS_PUBLISH_DIR": str(root / "published"),
        "SUMMITS_REPORTS_DIR": str(root / "reports"),
        "PYTHONPATH": str(PROJECT_ROOT),
        "DO_NOT_TRACK": "1",
        "DAGSTER_DISABLE_TELEMETRY": "1",
    }


def _prepare(root: Path, size: int) -> None:
    """The folder of `size` articles and its warehouse, built by `make run`'s path."""
    seeds = root / "seeds"
    seeds.mkdir()
    for path in sorted(SEEDS.iterdir())[1 : min(size, 4) + 1]:
        shutil.copy(path, seeds / path.name)
    for name, text in bbc_texts(max(0, size - 4)):
        (seeds / name).write_text(text, encoding="utf-8")
    (root / "dagster_home").mkdir()
    shutil.copy(PROJECT_ROOT / "orchestration" / "dagster.yaml", root / "dagster_home" / "dagster.yaml")
    subprocess.run(
        [sys.executable, "-m", "orchestration.cli"], cwd=PROJECT_ROOT, env=_environment(root), check=True,
        stdout=subprocess.DEVNULL,
    )


def _wait_idle(home: Path) -> None:
    """Wait until the instance has run something and has no run queued or in progress."""
    import dagster as dg

    busy = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING]
    busy.append(dg.DagsterRunStatus.STARTED)
    started = time.perf_counter()
    with dg.DagsterInstance.from_config(str(home)) as instance:
        while time.perf_counter() - started < TIMEOUT_SECONDS:
            if instance.get_run_records(limit=1) and not instance.get_run_records(
                filters=dg.RunsFilter(statuses=busy)
            ):
                return
            time.sleep(1)
    raise SystemExit(f"the instance was still busy after {TIMEOUT_SECONDS} s")


def _step_breakdown(home: Path, since: float, drops: list[float]) -> dict[str, float]:
    """Median seconds per stage over the runs created after `since`: sensor (file write to run created),
    launch (created to started) and each step."""
    import dagster as dg

    stages: dict[str, list[float]] = defaultdict(list)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = [
            record
            for record in instance.get_run_records(filters=dg.RunsFilter(created_after=_utc(since)))
            if record.dagster_run.job_name in {"extract_documents", "sync_folder"}
        ]
        for record in runs:
            created = record.create_timestamp.timestamp()
            earlier = [drop for drop in drops if drop <= created]
            if earlier:
                stages["sensor: file written to run created"].append(created - max(earlier))
            if record.start_time:
                stages["launch: run created to started"].append(record.start_time - created)
            for step in instance.get_run_step_stats(record.dagster_run.run_id):
                if step.start_time and step.end_time:
                    stages[f"step {step.step_key}"].append(step.end_time - step.start_time)
    return {stage: statistics.median(values) for stage, values in stages.items()}


def _utc(timestamp: float):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(timestamp, tz=UTC)


def measure(size: int, rounds: int) -> tuple[dict[str, list[float]], dict[str, float]]:
    source = sorted(SEEDS.iterdir())[0].read_text(encoding="utf-8")
    times: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _prepare(root, size)
        published = root / "published" / "summits.duckdb"
        expected = {_document_id(p.read_text(encoding="utf-8")) for p in (root / "seeds").iterdir()}
        with dagster_dev("orchestration.definitions", _environment(root), free_port(), root / "dagster.log"):
            _wait(lambda ids: expected <= ids, published, "the initial build")
            _wait_idle(root / "dagster_home")  # the sensor's first run (a sync with nothing to do) ends
            since, drops = time.time(), []
            article = root / "seeds" / "zz_bench_article.txt"
            for number in range(rounds):
                first, second = source + f"\n\nBench copy {number}.\n", source + f"\n\nBench copy {number}, edited.\n"
                old, new = _document_id(first), _document_id(second)
                article.write_text(first, encoding="utf-8")
                drops.append(time.time())
                times["new article"].append(_wait(lambda ids, i=old: i in ids, published, "the new article"))
                article.write_text(second, encoding="utf-8")
                drops.append(time.time())
                times["changed article"].append(
                    _wait(lambda ids, i=old, j=new: j in ids and i not in ids, published, "the changed article")
                )
                article.unlink()
                drops.append(time.time())
                times["removed article"].append(_wait(lambda ids, j=new: j not in ids, published, "the removal"))
            time.sleep(5)  # the last run's reports step ends
            breakdown = _step_breakdown(root / "dagster_home", since, drops)
    return times, breakdown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("sizes", nargs="*", type=int, default=[5, 1000])
    args = parser.parse_args()
    print("| documents in warehouse | change | median (s) | worst (s) | rounds |\n|---|---|---|---|---|")
    breakdowns = {}
    for size in args.sizes:
        times, breakdowns[size] = measure(size, args.rounds)
        for change, values in times.items():
            median, worst = statistics.median(values), max(values)
            print(f"| {size} | {change} | {median:.1f} | {worst:.1f} | {len(values)} |", flush=True)
    for size, breakdown in breakdowns.items():
        print(f"\nWhere the time goes, {size} documents (median seconds over the runs):")
        for stage, seconds in breakdown.items():
            print(f"- {stage}: {seconds:.1f}")


if __name__ == "__main__":
    main()
