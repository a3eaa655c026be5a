"""Read article files from a folder: one document or one recorded error per entry."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from extraction.decoding import UndecodableError, decode_bytes
from extraction.markup import plain_text
from extraction.records import DocumentError, RawDocument

MAX_BYTES_ENV = "SUMMITS_MAX_FILE_BYTES"
DEFAULT_MAX_BYTES = 2_000_000  # a news article is rarely over 100 kB; 2 MB is a short book


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    """SHA-256 of a file's content, read in blocks (never held whole)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def max_file_bytes() -> int:
    return int(os.environ.get(MAX_BYTES_ENV, DEFAULT_MAX_BYTES))


def list_article_files(folder: Path) -> list[Path]:
    """Every entry directly in the folder except hidden ones (editor and system files), sorted by name.
    Regular files are read; links, folders and other entries are recorded as errors, never followed."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if not path.name.startswith("."))


def entry_kind(path: Path) -> str | None:
    """Why an entry is not read as an article (None for a regular file); links are not followed."""
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        return "a symbolic link: links are not followed (copy the article into the folder instead)"
    if stat.S_ISDIR(mode):
        return "a folder: only files directly in the seeds folder are read"
    if not stat.S_ISREG(mode):
        return "not a regular file (a device, pipe or socket)"
    return None


def _size(value: int) -> str:
    return f"{value / 1_000_000:.1f} MB" if value >= 100_000 else f"{value:,} bytes"


def read_document(path: Path, root: Path | None = None) -> RawDocument | DocumentError | None:
    """Read and decode one file. Any failure becomes a DocumentError with its reason; None means the
    file disappeared before it could be read (it is treated as removed)."""
    shown = str(path.relative_to(root)) if root else str(path)

    def error(reason: str, digest: str | None = None, size: int | None = None) -> DocumentError:
        return DocumentError(shown, path.name, digest, size, reason)

    try:
        kind = entry_kind(path)
        if kind:
            return error(f"the entry is {kind}")
        # O_NOFOLLOW: a file swapped for a link after the check above is still not followed.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as handle:
            limit = max_file_bytes()
            data = handle.read(limit + 1)
            if len(data) > limit:
                digest = hashlib.sha256(data)
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
                size = handle.tell()
                return error(
                    f"the file is {_size(size)}, over the {_size(limit)} limit for one article "
                    f"({MAX_BYTES_ENV}); split it or raise the limit",
                    digest.hexdigest(),
                    size,
                )
    except FileNotFoundError:
        return None
    except OSError as failure:
        if failure.errno == errno.ELOOP:
            return error("the entry is a symbolic link: links are not followed")
        return error(f"the file could not be read: {failure.strerror}")
    digest = content_hash(data)
    try:
        text, encoding = decode_bytes(data)
    except UndecodableError as failure:
        return error(str(failure), digest, len(data))
    text, markup = plain_text(text, path.suffix)
    if markup:
        if not text.strip():
            return error(f"the {markup} file holds no text once its markup is removed", digest, len(data))
        encoding = f"{encoding}, {markup} converted to text"
    return RawDocument(
        document_id=digest[:16],
        path=shown,
        file_name=path.name,
        content_hash=digest,
        size_bytes=len(data),
        encoding=encoding,
        text=text,
    )
