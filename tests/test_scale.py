"""Batching, worker processes, streaming reads and progress: the pieces that keep large runs fast."""

from __future__ import annotations

from pathlib import Path

import duckdb

from extraction import extract_document, extract_documents
from extraction.parallel import MIN_DOCUMENTS_PER_WORKER, extract_in_parallel, workers_for
from extraction.records import RawDocument
from orchestration import storage
from orchestration.progress import Progress

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _seed_texts() -> list[tuple[str, str]]:
    return [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]


def test_batched_extraction_equals_one_document_at_a_time(nlp):
    texts = _seed_texts()
    texts.insert(2, ("blank-lines", "\n\n\n"))  # a document with no paragraph for spaCy, mid-stream
    batched = list(extract_documents(texts, nlp, batch_size=7))
    assert [r.meta.document_id for r in batched] == [doc_id for doc_id, _ in texts]
    assert batched == [extract_document(doc_id, text, nlp) for doc_id, text in texts]


def test_worker_processes_give_the_same_records_in_order(nlp):
    texts = _seed_texts() * 3
    texts = [(f"{doc_id}-{n}", text) for n, (doc_id, text) in enumerate(texts)]
    assert list(extract_in_parallel(texts, workers=2)) == list(extract_documents(texts, nlp))


def test_workers_start_only_for_enough_documents(monkeypatch):
    monkeypatch.setenv("SUMMITS_EXTRACT_WORKERS", "4")
    assert workers_for(5) == 1
    assert workers_for(2 * MIN_DOCUMENTS_PER_WORKER) == 2
    assert workers_for(100 * MIN_DOCUMENTS_PER_WORKER) == 4
    assert workers_for(100 * MIN_DOCUMENTS_PER_WORKER, workers=1) == 1


def test_pending_texts_stream_in_chunks(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    storage.ensure_schema(con)
    docs = {
        f"file{n}.txt": RawDocument(f"doc{n:02d}", f"file{n}.txt", f"file{n}.txt", f"hash{n}", 5, "utf-8", f"Text {n}.")
        for n in range(10)
    }
    storage.stage_files(con, docs)
    ids = storage.pending_document_ids(con, "v1")
    assert ids == sorted(d.document_id for d in docs.values())
    assert storage.pending_document_ids(con, "v1", ["file3.txt"]) == ["doc03"]
    chunks = list(storage.document_texts(con, ids, chunk=3))
    assert chunks == [(f"doc{n:02d}", f"Text {n}.") for n in range(10)]


def test_progress_reports_done_rate_and_time_left():
    now = [0.0]
    messages: list[str] = []
    progress = Progress(100, messages.append, every_seconds=5, clock=lambda: now[0])
    now[0] = 2.0
    progress.advance(10)  # too soon after the start: nothing yet
    now[0] = 10.0
    progress.advance(10)
    now[0] = 50.0
    progress.advance(80)
    assert messages == [
        "extracted 20/100 documents (2.0 documents/s, about 40 s left)",
        "extracted 100/100 documents (2.0 documents/s, 50 s in all)",
    ]


def test_files_are_staged_a_chunk_at_a_time(tmp_path, monkeypatch):
    import dagster as dg

    from orchestration.defs import documents
    from orchestration.defs.resources import WarehouseResource

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for number in range(5):
        (seeds / f"doc{number}.txt").write_text(f"Article number {number}.", encoding="utf-8")
    (seeds / "empty.txt").write_bytes(b"")
    monkeypatch.setenv("SUMMITS_SEEDS_DIR", str(seeds))
    monkeypatch.setattr(storage, "STAGE_CHUNK", 2)
    calls: list[int] = []
    stage_files = storage.stage_files
    monkeypatch.setattr(storage, "stage_files", lambda con, chunk: calls.append(len(chunk)) or stage_files(con, chunk))
    database = tmp_path / "summits.duckdb"
    result = dg.materialize([documents.reconciliation], resources={"duckdb": WarehouseResource(database=str(database))})
    assert result.success and calls == [2, 2, 2]
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute("select count(*) from staging.documents").fetchone()[0] == 5
        assert con.execute("select count(*) from staging.document_errors").fetchone()[0] == 1


def test_a_document_the_rules_fail_on_is_recorded_and_the_others_go_on(nlp, tmp_path, monkeypatch):
    from extraction import pipeline

    find_people = pipeline.find_people

    def fragile(doc):
        if "EXPLODE" in doc.text:
            raise ValueError("a rule tripped")
        return find_people(doc)

    monkeypatch.setattr(pipeline, "find_people", fragile)
    texts = [*_seed_texts()[:2], ("odd", "Leaders met. EXPLODE here.")]
    results = list(extract_documents(texts, nlp))
    assert [r.failure is None for r in results] == [True, True, False]
    assert "ValueError: a rule tripped" in results[2].failure and results[2].sentences == []

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    storage.ensure_schema(con)
    storage.stage_files(
        con,
        {
            f"{doc_id}.txt": RawDocument(doc_id, f"{doc_id}.txt", f"{doc_id}.txt", doc_id, len(text), "utf-8", text)
            for doc_id, text in texts
        },
    )
    storage.write_extractions(con, results, "v1")
    assert con.execute("select source_key, reason from staging.document_errors").fetchall() == [
        ("odd.txt", results[2].failure)
    ]
    assert con.execute("select count(*) from staging.extractions").fetchone()[0] == 3  # not retried each run
    assert con.execute("select count(distinct document_id) from staging.sentences").fetchone()[0] == 2
    storage.write_extractions(con, list(extract_documents(texts[2:], nlp)), "v2")  # still failing: one row
    assert con.execute("select count(*) from staging.document_errors").fetchone()[0] == 1
