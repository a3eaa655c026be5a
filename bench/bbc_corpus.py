"""Write the BBC News corpus (../shared/corpora/bbc_news, CSV text,category) as article files."""

from __future__ import annotations

import csv
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = PROJECT_ROOT.parent / "shared" / "corpora" / "bbc_news"


def bbc_texts(limit: int | None = None) -> list[tuple[str, str]]:
    """(name, text) of the corpus articles in train, val, test order."""
    texts: list[tuple[str, str]] = []
    for split in ("train", "val", "test"):
        with (CORPUS_DIR / f"{split}.csv").open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle)):
                texts.append((f"bbc_{split}_{number:04d}_{row['category']}.txt", row["text"]))
    return texts[:limit] if limit else texts


def write_corpus(folder: Path, limit: int | None = None) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    texts = bbc_texts(limit)
    for name, text in texts:
        (folder / name).write_text(text, encoding="utf-8")
    return len(texts)
