"""Meeting cues as spaCy patterns: the registered pipeline component `meeting_cues` marks the words of a
parsed text that can report a meeting (`token._.meeting_cue`), with a `Matcher` for cue words and a
`DependencyMatcher` for light verbs that need a meeting noun ("held talks", "sat down for a meeting")."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Token

MEETING_VERBS = {"meet", "convene", "gather", "talk", "confer", "discuss", "see", "agree", "sign"}
LIGHT_VERBS = {"hold", "sit", "participate"}  # cues only with a meeting noun below them
MEETING_NOUNS = {
    "meeting",
    "meetings",
    "talks",
    "summit",
    "bilateral",
    "trilateral",
    "dialogue",
    "conversation",
    "discussion",
    "discussions",
    "consultations",
    "encounter",
    "audience",
}
REMOTE = re.compile(r"\b(tele)?phon\w*|\bcall(s|ed|ing)?\b|\bvideo\b|\bvirtual\w*|\bletter\b", re.IGNORECASE)
VERBAL = {"IN": ["VERB", "AUX"]}

if not Token.has_extension("meeting_cue"):
    Token.set_extension("meeting_cue", default=False)


def is_remote(cue: Token) -> bool:
    """A phone or video call, or a letter: not a meeting ('spoke by phone', 'a telephone conversation')."""
    near = [cue, *cue.children, cue.head, *cue.head.children]
    return any(REMOTE.search(t.text) for t in near)


@Language.factory("meeting_cues")
class MeetingCues:
    """Marks meeting cues in parsed docs; unparsed docs are left alone (they cannot hold a meeting)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.words = Matcher(nlp.vocab)
        self.words.add("MEETING_VERB", [[{"LEMMA": {"IN": sorted(MEETING_VERBS)}, "POS": VERBAL}]])
        self.words.add(
            "MEETING_NOUN", [[{"LOWER": {"IN": sorted(MEETING_NOUNS)}, "POS": {"IN": ["NOUN", "PROPN", "ADJ"]}}]]
        )
        light = {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(LIGHT_VERBS)}, "POS": VERBAL}}
        noun = {"LOWER": {"IN": sorted(MEETING_NOUNS)}}
        self.light_verbs = DependencyMatcher(nlp.vocab)
        self.light_verbs.add(
            "LIGHT_VERB_MEETING",
            [
                [light, {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "noun", "RIGHT_ATTRS": noun}],
                [
                    light,
                    {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "link", "RIGHT_ATTRS": {}},
                    {"LEFT_ID": "link", "REL_OP": ">", "RIGHT_ID": "noun", "RIGHT_ATTRS": noun},
                ],
            ],
        )

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            return doc
        found = [doc[start] for _, start, _ in self.words(doc)]
        found += [doc[token_ids[0]] for _, token_ids in self.light_verbs(doc)]
        for token in found:
            token._.meeting_cue = not is_remote(token)
        return doc
