"""Throughput and memory at scale: spaCy alone, the extraction library and the whole `make run` path.

Run with `make bench` (or `python -m bench.throughput [--limit N] [--small N]`). It prints the figures
and writes `bench/results.md`. The corpus is the BBC News articles of ../shared/corpora/bbc_news plus
the seed articles; every step reads the same texts with the same model and the same components."""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bench.bbc_corpus import PROJECT_ROOT, bbc_texts
from extraction import extract_documents
from extraction.nlp import load_pipeline
from extraction.parallel import WORKERS_ENV, extract_in_parallel

RESULTS = PROJECT_ROOT / "bench" / "results.md"
SEEDS = PROJECT_ROOT / "seeds"


@dataclass
class Run:
    name: str
    documents: int
    seconds: float
    tokens: int | None = None
    peak_rss_mb: float | None = None

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds


def corpus(limit: int | None) -> list[tuple[str, str]]:
    """(file name, text) of the BBC articles (the first `limit`) and the seed articles."""
    seeds = [(path.name, path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    return bbc_texts(limit) + seeds


def spacy_alone(texts: list[tuple[str, str]]) -> Run:
    nlp = load_pipeline()
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe((text for _, text in texts), batch_size=64))
    return Run("1. spaCy alone (nlp.pipe, 1 process)", len(texts), time.perf_counter() - started, tokens)


def library(texts: list[tuple[str, str]], workers: int) -> Run:
    started = time.perf_counter()
    stream = extract_documents(texts) if workers == 1 else extract_in_parallel(texts, workers)
    count = sum(1 for _ in stream)
    name = f"2. extraction library ({workers} process{'es' if workers > 1 else ''})"
    return Run(name, count, time.perf_counter() - started)


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = dict(line.split(":", 1) for line in (entry / "status").read_text().splitlines() if ":" in line)
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields["PPid"]), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def whole_path(texts: list[tuple[str, str]], workers: int | None, label: str) -> Run:
    """`python -m orchestration.cli` (what `make run` runs) from an empty warehouse, sampling the
    resident memory of its whole process tree (dbt and extraction workers included)."""
    with tempfile.TemporaryDirectory(prefix="summits-bench-") as tmp:
        root = Path(tmp)
        seeds = root / "seeds"
        seeds.mkdir()
        for name, text in texts:
            (seeds / name).write_text(text, encoding="utf-8")
        (root / "dagster_home").mkdir()
        env = {
            **os.environ,
            "SUMMITS_SEEDS_DIR": str(seeds),
            "SUMMITS_DUCKDB_PATH": str(root / "summits.duckdb"),
            "SUMMITS_PUBLISH_DIR": str(root / "published"),
            "SUMMITS_REPORTS_DIR": str(root / "reports"),
            "DAGSTER_HOME": str(root / "dagster_home"),
        }
        if workers is None:  # make run's own choice (one worker per CPU for a folder this large)
            env.pop(WORKERS_ENV, None)
        else:
            env[WORKERS_ENV] = str(workers)
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "orchestration.cli"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        peak = 0

        def sample() -> None:
            nonlocal peak
            while process.poll() is None:
                peak = max(peak, _tree_rss_kb(process.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        output = process.communicate()[0]
        seconds = time.perf_counter() - started
        sampler.join()
        if process.returncode != 0:
            raise RuntimeError(f"make run path failed:\n{output[-3000:]}")
        print("   ", next((line for line in output.splitlines() if line.startswith("marts ")), output.strip()[-200:]))
    processes = "default processes" if workers is None else f"{workers} process{'es' if workers > 1 else ''}"
    name = f"3. whole `make run` path, {label} ({processes})"
    return Run(name, len(texts), seconds, peak_rss_mb=peak / 1024)


def unrelated_news_ratio(count: int) -> tuple[Run, Run, Run]:
    """The parser-gating target (issue 14): on `count` unrelated BBC articles, the whole `make run`
    path against spaCy's full pipeline in one process, side by side on the same texts."""
    texts = bbc_texts(count)
    spacy = spacy_alone(texts)
    spacy.name = f"spaCy alone, {count} BBC articles (nlp.pipe, 1 process)"
    default = whole_path(texts, None, f"{count} BBC articles")
    single = whole_path(texts, 1, f"{count} BBC articles")
    return spacy, default, single


def ratio_lines(spacy: Run, default: Run, single: Run) -> list[str]:
    return [
        "| parser gating: whole path over spaCy alone | figure | goal |",
        "|---|---|---|",
        f"| {default.name} / {spacy.name} | {default.seconds / spacy.seconds:.2f} | ≤ 0.80 |",
        f"| {single.name} / {spacy.name} | {single.seconds / spacy.seconds:.2f} | |",
        f"| (seconds: spaCy {spacy.seconds:.1f}, whole path {default.seconds:.1f}, one process "
        f"{single.seconds:.1f}) | | |",
    ]


def machine() -> str:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in lines if "model name" in line), platform.processor())
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("spacy", "dagster", "dbt-core", "duckdb"))
    return (
        f"{cpu}; {len(os.sched_getaffinity(0))} cores; {memory_kb / 1024**2:.0f} GiB; "
        f"Python {platform.python_version()}; {versions}"
    )


def report(runs: dict[str, Run], small: int, full: int, gating: list[str]) -> str:
    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}"

    spacy, lib1, lib2 = runs["spacy"], runs["library1"], runs["library2"]
    whole1, whole2 = runs["whole_full1"], runs["whole_full2"]
    small1, small2 = runs["whole_small1"], runs["whole_small2"]
    rows = [
        "| measure | documents | seconds | documents/s | tokens/s | peak RSS (MB) |",
        "|---|---|---|---|---|---|",
    ]
    for run in runs.values():
        tokens = f"{run.tokens / run.seconds:,.0f}" if run.tokens else ""
        rss = f"{run.peak_rss_mb:,.0f}" if run.peak_rss_mb else ""
        rows.append(
            f"| {run.name} | {run.documents} | {run.seconds:.1f} | {run.documents_per_second:.1f} | {tokens} | {rss} |"
        )
    checks = [
        "| target | figure | goal |",
        "|---|---|---|",
        f"| 2 / 1: library throughput over spaCy's | {ratio(spacy.seconds, lib1.seconds)} | ≥ 0.85 |",
        f"| 3 / 2: whole path time over the library's ({full} documents) | "
        f"{ratio(whole1.seconds, lib1.seconds)} | ≤ 1.25 |",
        f"| 5: whole path, 2 processes over 1 | {ratio(whole1.seconds, whole2.seconds)}× | ≥ 1.6× |",
        f"| 5: library, 2 processes over 1 | {ratio(lib1.seconds, lib2.seconds)}× | ≥ 1.6× |",
        f"| 4: peak memory, {full} over {small} documents (1 process) | "
        f"{ratio(whole1.peak_rss_mb or 0, small1.peak_rss_mb or 1)} | ≤ 1.2 |",
        f"| 4: peak memory, {full} over {small} documents (2 processes) | "
        f"{ratio(whole2.peak_rss_mb or 0, small2.peak_rss_mb or 1)} | ≤ 1.2 |",
    ]
    return "\n".join(
        [
            "# Throughput and memory (`make bench`)",
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on: {machine()}.",
            "",
            f"Corpus: {full - len(list(SEEDS.glob('*.txt')))} BBC News articles plus the seed articles; "
            "the small run takes the first "
            f"{small - len(list(SEEDS.glob('*.txt')))} BBC articles plus the seeds. Peak RSS is the resident "
            "memory of the whole process tree (Dagster, extraction workers, dbt), sampled every 0.2 s.",
            "",
            *rows,
            "",
            *checks,
            "",
            "The dependency parser runs only on paragraphs that can hold a fact (a document about an APEC "
            "summit, a meeting, attendance or speech cue, someone to take part); the rest get sentences from "
            "the sentence recogniser. On unrelated news that is almost every paragraph:",
            "",
            *gating,
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="BBC articles in the full run (default: all)")
    parser.add_argument("--small", type=int, default=500, help="BBC articles in the small run")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--unrelated", type=int, default=1000, help="BBC articles for the parser-gating ratio")
    parser.add_argument("--ratio-only", action="store_true", help="measure and print only the parser-gating ratio")
    args = parser.parse_args()
    gating = ratio_lines(*unrelated_news_ratio(args.unrelated))
    print("\n".join(gating), flush=True)
    if args.ratio_only:
        return
    texts, small_texts = corpus(args.limit), corpus(args.small)
    runs: dict[str, Run] = {}
    steps = {
        "spacy": lambda: spacy_alone(texts),
        "library1": lambda: library(texts, 1),
        "library2": lambda: library(texts, 2),
        "whole_small1": lambda: whole_path(small_texts, 1, f"{len(small_texts)} documents"),
        "whole_full1": lambda: whole_path(texts, 1, f"{len(texts)} documents"),
        "whole_small2": lambda: whole_path(small_texts, 2, f"{len(small_texts)} documents"),
        "whole_full2": lambda: whole_path(texts, 2, f"{len(texts)} documents"),
    }
    for key, step in steps.items():
        runs[key] = step()
        run = runs[key]
        print(f"{run.name}: {run.documents} documents in {run.seconds:.1f} s", flush=True)
    text = report(runs, len(small_texts), len(texts), gating)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
