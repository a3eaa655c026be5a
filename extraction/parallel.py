"""Extract with several worker processes: chunks of documents go out, records come back in order.

Each worker loads the spaCy pipeline once and runs `extract_documents` over its chunks. At most two
chunks per worker are in flight, so memory stays flat however long the input is."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from extraction.nlp import load_pipeline
from extraction.pipeline import extract_documents
from extraction.records import DocumentExtraction

WORKERS_ENV = "SUMMITS_EXTRACT_WORKERS"
CHUNK_SIZE = 16  # documents per task sent to a worker
MIN_DOCUMENTS_PER_WORKER = 2 * CHUNK_SIZE  # below this, starting workers costs more than it saves


def default_workers() -> int:
    """SUMMITS_EXTRACT_WORKERS, or the number of CPUs this process may use."""
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured:
        return max(1, int(configured))
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def workers_for(documents: int, workers: int | None = None) -> int:
    """How many processes are worth starting for this many documents (1 means in-process)."""
    wanted = default_workers() if workers is None else max(1, workers)
    return max(1, min(wanted, documents // MIN_DOCUMENTS_PER_WORKER))


def _warm_up() -> None:
    load_pipeline()


def _extract_chunk(chunk: list[tuple[str, str]]) -> list[DocumentExtraction]:
    return list(extract_documents(chunk))


def extract_in_parallel(documents: Iterable[tuple[str, str]], workers: int) -> Iterator[DocumentExtraction]:
    """Like `extract_documents`, spread over `workers` processes (spawned, so safe beside threads and
    open database handles). Results come back in input order."""
    if workers <= 1:
        yield from extract_documents(documents)
        return
    stream = iter(documents)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_up) as pool:
        in_flight: deque[Future[list[DocumentExtraction]]] = deque()

        def submit_next() -> bool:
            chunk = list(islice(stream, CHUNK_SIZE))
            if chunk:
                in_flight.append(pool.submit(_extract_chunk, chunk))
            return bool(chunk)

        while len(in_flight) < 2 * workers and submit_next():
            pass
        while in_flight:
            results = in_flight.popleft().result()
            submit_next()
            yield from results
