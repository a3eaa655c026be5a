"""One Dagster dynamic partition per article file, keyed by a stable key derived from its name."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import dagster as dg

from extraction.ingest import list_article_files

documents_partitions = dg.DynamicPartitionsDefinition(name="documents")
_SAFE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}")


def partition_key(file_name: str) -> str:
    """The file name when it is a plain name, else a readable slug plus a digest of the name."""
    if _SAFE_KEY.fullmatch(file_name):
        return file_name
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", file_name).strip("_.")[:60] or "file"
    return f"{slug}-{hashlib.sha1(file_name.encode('utf-8', 'surrogateescape')).hexdigest()[:10]}"


def files_by_key(folder: Path) -> dict[str, Path]:
    """Every article file in the folder by its partition key."""
    return {partition_key(path.name): path for path in list_article_files(folder)}
