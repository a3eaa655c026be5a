"""Hostile and broken files among good articles: each is processed correctly or recorded with a reason,
and the good articles' rows stay exactly as they were."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pytest

from orchestration.publishing import MARTS
from tests.conftest import FIXTURES, run_pipeline

NEUTRAL = (
    "Weather Notes\n\n"
    "Rain is expected across the north on Tuesday, with “heavy showers” in the hills.\n\n"
    "The café on the corner will stay open late; its owner said it’s been a busy season.\n"
)
ODD_NAME = 'we\'ird; name "quoted" 北京 Москва.txt'
INJECTION_NAME = "x'; drop table staging.documents; --.txt"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
HTML = (
    "<!DOCTYPE html><html><head><title>Weather Notes</title><script>var x = '<p>no</p>';</script></head>"
    "<body><nav><a href='/'>Home</a></nav><h1>Weather Notes</h1><p>Rain is expected across the north "
    "on Tuesday.</p><p>The caf&eacute; will stay open late.</p></body></html>"
)
MARKDOWN = "# Weather Notes\n\n**Rain** is expected across the *north* on Tuesday, see [the map](http://x/map).\n"

# file name -> (outcome, expected reason fragment or text fragment)
EXPECTED = {
    "empty.txt": ("error", "the file is empty"),
    "whitespace.txt": ("error", "only whitespace"),
    "random.txt": ("error", "binary data"),
    "image.txt": ("error", "a PNG image"),
    "utf16-bom.txt": ("document", "“heavy showers”"),
    "utf16-no-bom.txt": ("document", "“heavy showers”"),
    "cp1252.txt": ("document", "“heavy showers”"),
    "latin1.txt": ("document", "The café on the corner"),
    "mixed-endings.txt": ("document", "Rain is expected"),
    "huge-50mb.txt": ("error", "over the 2.0 MB limit"),
    "one-line-5mb.txt": ("error", "over the 2.0 MB limit"),
    "page.html": ("document", "The café will stay open late."),
    "notes.md": ("document", "Rain is expected across the north on Tuesday, see the map."),
    ODD_NAME: ("document", "Rain is expected"),
    INJECTION_NAME: ("document", "Rain is expected"),
    "link-outside.txt": ("error", "a symbolic link: links are not followed"),
    "subfolder": ("error", "a folder: only files directly in the seeds folder are read"),
    "copy-of-first-seed.txt": ("document", None),
    "growing.txt": ("document", "line 0"),
}


def hostile_files(seeds: Path, outside: Path) -> None:
    """Write every hostile case of EXPECTED into the seeds folder."""
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "whitespace.txt").write_bytes(b" \n\t\r\n   \n")
    (seeds / "random.txt").write_bytes(hashlib.sha512(b"seed").digest() * 64)
    (seeds / "image.txt").write_bytes(PNG)
    (seeds / "utf16-bom.txt").write_bytes(NEUTRAL.encode("utf-16"))
    (seeds / "utf16-no-bom.txt").write_bytes(NEUTRAL.encode("utf-16-le"))
    (seeds / "cp1252.txt").write_bytes(NEUTRAL.encode("cp1252"))
    (seeds / "latin1.txt").write_bytes(NEUTRAL.replace("“", '"').replace("”", '"').replace("’", "'").encode("latin-1"))
    mixed = NEUTRAL.replace("Notes\n\n", "Notes\r\n\r\n").replace("hills.\n\n", "hills.\r\r")
    (seeds / "mixed-endings.txt").write_bytes(mixed.encode())
    with (seeds / "huge-50mb.txt").open("w", encoding="utf-8") as handle:
        for _ in range(50):
            handle.write(("Rain again in the north. " * 40 + "\n") * 1000)
    (seeds / "one-line-5mb.txt").write_text("Rain again in the north. " * 200_000, encoding="utf-8")
    (seeds / "page.html").write_text(HTML, encoding="utf-8")
    (seeds / "notes.md").write_text(MARKDOWN, encoding="utf-8")
    (seeds / ODD_NAME).write_text(NEUTRAL, encoding="utf-8")
    (seeds / INJECTION_NAME).write_text(NEUTRAL + "\nA second note.\n", encoding="utf-8")
    (outside / "secret.txt").write_text("APEC leaders met in Lima. " + NEUTRAL, encoding="utf-8")
    os.symlink(outside / "secret.txt", seeds / "link-outside.txt")
    (seeds / "subfolder").mkdir()
    (seeds / "subfolder" / "nested.txt").write_text(NEUTRAL, encoding="utf-8")
    first_seed = sorted((FIXTURES / "seeds").glob("*.txt"))[0]
    shutil.copyfile(first_seed, seeds / "copy-of-first-seed.txt")
    (seeds / "growing.txt").write_text("line 0\n", encoding="utf-8")


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[tuple]:
    return sorted(con.execute(sql, params or []).fetchall(), key=repr)


GOOD_TABLES = ("sentences", "mentions", "person_mentions", "summit_mentions", "meeting_mentions")


@pytest.fixture(scope="module")
def hostile_warehouse(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    seeds, outside = root / "seeds", root / "outside"
    shutil.copytree(FIXTURES / "seeds", seeds)
    outside.mkdir()
    hostile_files(seeds, outside)
    stop = threading.Event()

    def append_while_running() -> None:  # a file written to while the pipeline reads it
        number = 1
        while not stop.is_set():
            with (seeds / "growing.txt").open("a", encoding="utf-8") as handle:
                handle.write(f"line {number}\n")
            number += 1
            time.sleep(0.01)

    writer = threading.Thread(target=append_while_running)
    writer.start()
    try:
        result = run_pipeline(seeds, root / "summits.duckdb")
    finally:
        stop.set()
        writer.join()
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return root, seeds


def test_every_hostile_file_is_processed_or_recorded(hostile_warehouse) -> None:
    root, _ = hostile_warehouse
    with duckdb.connect(str(root / "summits.duckdb"), read_only=True) as con:
        documents = dict(con.execute("select file_name, text from staging.documents").fetchall())
        errors = dict(con.execute("select file_name, reason from staging.document_errors").fetchall())
    for name, (outcome, fragment) in EXPECTED.items():
        if outcome == "error":
            assert name in errors and name not in documents, name
            assert fragment in errors[name], (name, errors[name])
        else:
            assert name in documents and name not in errors, name
            assert fragment is None or fragment in documents[name], (name, documents[name][:300])
            assert "\r" not in documents[name] and "<" not in documents[name], name
    assert "nested.txt" not in documents and "secret.txt" not in documents  # no descent, no following


def test_good_articles_rows_are_unchanged(hostile_warehouse, built_warehouse) -> None:
    root, _ = hostile_warehouse
    with (
        duckdb.connect(str(root / "summits.duckdb"), read_only=True) as hostile,
        duckdb.connect(str(built_warehouse), read_only=True) as clean,
    ):
        good_ids = [row[0] for row in clean.execute("select document_id from staging.documents").fetchall()]
        assert good_ids
        for table in GOOD_TABLES:
            sql = f"select * from staging.{table} where document_id in (select unnest(?))"  # noqa: S608
            assert _rows(hostile, sql, [good_ids]) == _rows(clean, sql, [good_ids]), table
        for mart in (mart for mart in MARTS if mart != "documents"):
            assert _rows(hostile, f"select * from marts.{mart}") == _rows(clean, f"select * from marts.{mart}"), mart
        # The same documents, except that a hostile copy of a good file adds its name to `file_names`.
        good_documents = "select * exclude (file_names) from marts.documents where document_id in (select unnest(?))"
        assert _rows(hostile, good_documents, [good_ids]) == _rows(clean, good_documents, [good_ids])
        assert hostile.execute("select count(*) from staging.documents").fetchone()[0] > len(good_ids)


def test_identical_files_share_one_extraction(hostile_warehouse) -> None:
    root, _ = hostile_warehouse
    with duckdb.connect(str(root / "summits.duckdb"), read_only=True) as con:
        ids = con.execute(
            "select document_id, count(*) from staging.documents group by document_id having count(*) > 1"
        ).fetchall()
        assert len(ids) == 1 and ids[0][1] == 2
        assert (
            con.execute("select count(*) from staging.extractions where document_id = ?", [ids[0][0]]).fetchone()[0]
            == 1
        )


def test_growing_file_is_a_consistent_snapshot_then_caught_up(hostile_warehouse) -> None:
    root, seeds = hostile_warehouse
    final = (seeds / "growing.txt").read_text(encoding="utf-8")
    with duckdb.connect(str(root / "summits.duckdb"), read_only=True) as con:
        text, digest = con.execute(
            "select text, content_hash from staging.documents where file_name = 'growing.txt'"
        ).fetchone()
    assert final.startswith(text) and digest == hashlib.sha256(text.encode()).hexdigest()
    again = run_pipeline(seeds, root / "summits.duckdb")
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    with duckdb.connect(str(root / "summits.duckdb"), read_only=True) as con:
        assert con.execute("select text from staging.documents where file_name = 'growing.txt'").fetchone()[0] == final
        assert (
            con.execute("select count(*) from staging.documents where file_name = ?", [INJECTION_NAME]).fetchone()[0]
            == 1
        )


def test_file_gone_between_listing_and_reading_is_treated_as_removed(tmp_path, monkeypatch) -> None:
    import dagster as dg

    from extraction.ingest import read_document
    from orchestration.defs import documents
    from orchestration.defs.resources import WarehouseResource

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "stays.txt").write_text(NEUTRAL, encoding="utf-8")
    (seeds / "vanishes.txt").write_text(NEUTRAL + "\nGone soon.\n", encoding="utf-8")
    monkeypatch.setenv("SUMMITS_SEEDS_DIR", str(seeds))
    listed = documents.files_by_key(seeds)

    def list_then_lose(folder: Path) -> dict[str, Path]:
        (seeds / "vanishes.txt").unlink(missing_ok=True)  # deleted right after the listing
        return listed

    monkeypatch.setattr(documents, "files_by_key", list_then_lose)
    assert read_document(seeds / "no-such-file.txt") is None
    database = tmp_path / "summits.duckdb"
    result = dg.materialize([documents.reconciliation], resources={"duckdb": WarehouseResource(database=str(database))})
    assert result.success
    with duckdb.connect(str(database), read_only=True) as con:
        staged = con.execute("select file_name from staging.documents").fetchall()
        errors = con.execute("select file_name from staging.document_errors").fetchall()
    assert staged == [("stays.txt",)] and errors == []


def test_an_over_long_line_is_cut_at_sentence_ends_with_exact_spans() -> None:
    from extraction.layout import MAX_LINE_CHARS, read_layout

    text = "Title\n\n" + "The leaders met in Lima. " * 2000 + "\n" + "x" * 25_000
    paragraphs = read_layout(text).paragraphs
    assert all(len(p.text) <= MAX_LINE_CHARS for p in paragraphs)
    assert all(text[p.start : p.end] == p.text for p in paragraphs)
    sentence_pieces = [p.text for p in paragraphs if p.text.startswith("The leaders")]
    assert len(sentence_pieces) >= 5 and all(piece.endswith("Lima.") for piece in sentence_pieces)
