"""Property-based: random bytes and random text go through ingestion, extraction and the staging writes
without an exception escaping; what cannot be read is a recorded error, and every span points into the
stored text."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction import extract_document
from extraction.ingest import read_document
from extraction.records import DocumentError, RawDocument
from orchestration import storage

WORDS = [
    "APEC", "summit", "Leaders", "President", "Prime Minister", "Xi Jinping", "met", "with", "in", "Lima",
    "on", "Friday", "November 15", "2024", "bilateral", "talks", "Foreign Minister", "of", "Japan", "said",
    "will", "meet", "\n\n", ".", ",", "—", "10:30 a.m.", "Saturday, Nov. 16", "Mr.", "Ms.", "the", "U.S.",
]  # fmt: skip
article_like = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=120).map(" ".join)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=1500)
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@pytest.fixture(scope="module")
def staging():
    con = duckdb.connect(":memory:")
    storage.ensure_schema(con)
    yield con
    con.close()


def _through_the_pipeline(data: bytes, name: str, nlp, con) -> RawDocument | DocumentError | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        result = read_document(path, root=Path(folder))
    storage.stage_files(con, {name: result})
    if isinstance(result, RawDocument):
        extraction = extract_document(result.document_id, result.text, nlp)
        assert extraction.failure is None, extraction.failure  # the rules themselves never fail
        for sentence in extraction.sentences:
            assert result.text[sentence.start_char : sentence.end_char] == sentence.text
        for record in [*extraction.mentions, *extraction.people, *extraction.summits]:
            assert result.text[record.start_char : record.end_char] == record.text
        storage.write_extractions(con, [extraction], "property-test")
    return result


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=3000))
def test_random_bytes_are_read_or_recorded(data: bytes, nlp, staging) -> None:
    result = _through_the_pipeline(data, "random.txt", nlp, staging)
    assert isinstance(result, RawDocument | DocumentError)
    if isinstance(result, DocumentError):
        assert result.reason and staging.execute(
            "select reason from staging.document_errors where source_key = 'random.txt'"
        ).fetchone() == (result.reason,)


@PROPERTY_SETTINGS
@given(text=any_text | article_like, encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_random_text_is_extracted_or_recorded(text: str, encoding: str, nlp, staging) -> None:
    result = _through_the_pipeline(text.encode(encoding), 'it\'s; a "name".txt', nlp, staging)
    if isinstance(result, RawDocument):
        assert staging.execute(
            "select count(*) from staging.extractions where document_id = ?", [result.document_id]
        ).fetchone() == (1,)
    else:
        assert isinstance(result, DocumentError) and result.reason
