"""Topics of a sentence from a fixed vocabulary (reference/topics.csv), with the words that named them.

Terms match case-insensitively on the words as written ("human rights") and on their lemmas ("tariffs"
-> "tariff"). Where matches overlap the longest wins ("greenhouse gas" is climate, not energy's "gas").
Words inside people's names and office titles ("Trade Minister") never count, nor does a place that only
says whose official someone is ("North Korea's leader", "Taiwan's envoy").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from extraction.reference import REFERENCE_DIR

TOPICS_FILE = REFERENCE_DIR / "topics.csv"
# Names that contain topic terms but name no topic: the forum itself.
NOT_A_TOPIC = "__not_a_topic__"
NAME_PHRASES = ("Asia-Pacific Economic Cooperation", "Asia Pacific Economic Cooperation")
SKIPPED_ENTITIES = {"PERSON", "TITLE"}
PLACE_ENTITIES = {"ECONOMY", "GPE", "NORP"}
ROLE_NOUNS = {
    "leader",
    "president",
    "envoy",
    "representative",
    "delegation",
    "delegate",
    "counterpart",
    "minister",
    "official",
    "ambassador",
    "diplomat",
}


@dataclass(frozen=True)
class TopicHit:
    """A topic found in a text and the distinct words (as written) that named it."""

    topic: str
    terms: tuple[str, ...]


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[tuple[str, tuple[str, ...]], ...]:
    with TOPICS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            (row["topic"], tuple(t.strip() for t in row["terms"].split("|") if t.strip()))
            for row in csv.DictReader(handle)
        )


def topic_labels() -> tuple[str, ...]:
    """Every topic label, in the order of reference/topics.csv."""
    return tuple(topic for topic, _ in _vocabulary())


@lru_cache(maxsize=1)
def _tokenizer():
    return English().tokenizer


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


_MATCHERS: dict[int, tuple[Vocab, PhraseMatcher]] = {}


def _matcher(vocab: Vocab) -> PhraseMatcher:
    """One PhraseMatcher (attribute LOWER) per Vocab, built on first use."""
    cached = _MATCHERS.get(id(vocab))
    if cached and cached[0] is vocab:
        return cached[1]
    matcher = PhraseMatcher(vocab, attr="LOWER")

    def patterns(terms: tuple[str, ...]) -> list[Doc]:
        words = [[t.lower_ for t in _tokenizer()(term)] for term in terms]
        # Plurals too, for capitalised words the lemmatizer leaves alone ("Supply Chains").
        words += [[*w[:-1], _plural(w[-1])] for w in words if w[-1].isalpha() and w[-1].islower()]
        return [Doc(vocab, words=w) for w in words]

    for topic, terms in _vocabulary():
        matcher.add(topic, patterns(terms))
    matcher.add(NOT_A_TOPIC, patterns(NAME_PHRASES))
    _MATCHERS[id(vocab)] = (vocab, matcher)
    return matcher


def _names_an_official(span: Span) -> bool:
    """A place that only says whose official someone is: "North Korea's leader", "Israeli President X"."""
    if not all(t.ent_type_ in PLACE_ENTITIES for t in span):
        return False
    root = span.root
    head = root.head
    return root.dep_ in {"poss", "compound", "amod", "nmod"} and (
        head.ent_type_ in SKIPPED_ENTITIES or head.lemma_.lower() in ROLE_NOUNS
    )


def find_topics(span: Span | Doc) -> list[TopicHit]:
    """The topics a sentence (or document) names, in order of first mention, each once."""
    doc = span if isinstance(span, Doc) else span.doc
    start = 0 if isinstance(span, Doc) else span.start
    matcher = _matcher(doc.vocab)
    lemmas = Doc(doc.vocab, words=[t.lemma_.lower() or t.lower_ for t in span])
    found = [Span(doc, s, e, label=m) for m, s, e in matcher(span)]
    found += [Span(doc, start + s, start + e, label=m) for m, s, e in matcher(lemmas)]
    hits: dict[str, dict[str, str]] = {}
    for match in sorted(filter_spans(found), key=lambda s: s.start):
        if match.label_ == NOT_A_TOPIC or any(t.ent_type_ in SKIPPED_ENTITIES for t in match):
            continue
        if _names_an_official(match):
            continue
        hits.setdefault(match.label_, {}).setdefault(match.text.lower(), match.text)
    return [TopicHit(topic, tuple(words.values())) for topic, words in hits.items()]


def describe_topics(span: Span | Doc) -> list[str]:
    """The topics of find_topics as "topic: word, word" strings."""
    return [f"{hit.topic}: {', '.join(hit.terms)}" for hit in find_topics(span)]
