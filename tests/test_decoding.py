"""Files become text in the encodings news arrives in, or a readable reason why not."""

import pytest

from extraction.decoding import UndecodableError, decode_bytes
from extraction.ingest import read_document
from extraction.records import DocumentError, RawDocument

TEXT = "Leaders met in “Lima” — café talks."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_common_encodings(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert text == TEXT
    assert found == encoding


def test_normalises_line_endings() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree\n")[0] == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_rejects_non_text_with_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UndecodableError, match=reason):
        decode_bytes(data)


def test_read_document_records_errors(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    document = read_document(good, root=tmp_path)
    error = read_document(bad, root=tmp_path)
    assert isinstance(document, RawDocument) and document.text == TEXT and len(document.document_id) == 16
    assert isinstance(error, DocumentError) and error.reason == "the file is empty" and error.path == "bad.txt"
