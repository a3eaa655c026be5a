"""Read article files from a folder: one document or one recorded error per file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from extraction.decoding import UndecodableError, decode_bytes
from extraction.records import DocumentError, RawDocument

TEXT_SUFFIXES = {".txt", ".text", ".md"}


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def list_article_files(folder: Path) -> list[Path]:
    """Regular files (not symlinks, not hidden) directly in the folder, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.iterdir() if not path.name.startswith(".") and not path.is_symlink() and path.is_file()
    )


def read_document(path: Path, root: Path | None = None) -> RawDocument | DocumentError:
    """Read and decode one file; any failure becomes a DocumentError with its reason."""
    shown = str(path.relative_to(root)) if root else str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return DocumentError(shown, path.name, None, None, f"the file could not be read: {error.strerror}")
    digest = content_hash(data)
    try:
        text, encoding = decode_bytes(data)
    except UndecodableError as error:
        return DocumentError(shown, path.name, digest, len(data), str(error))
    return RawDocument(
        document_id=digest[:16],
        path=shown,
        file_name=path.name,
        content_hash=digest,
        size_bytes=len(data),
        encoding=encoding,
        text=text,
    )
