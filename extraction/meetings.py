"""Meetings and attendance in a parsed sentence: who meets whom, held or planned, when, about what."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from extraction.cues import LIGHT_VERBS, MEETING_NOUNS, MEETING_VERBS
from extraction.nlp import ECONOMY
from extraction.people import FoundPerson
from extraction.topics import describe_topics, find_topics

SUBJECT_VERBS = {"see", "agree", "sign"}  # meeting cues only when a participant is their subject
RELATIVE_DAY = re.compile(r"\b(tonight|this (morning|afternoon|evening)|last night|yesterday)\b", re.IGNORECASE)
JOINT = re.compile(r"\b(trilateral|quadrilateral|three-way|four-way|joint(ly)?|together|all|summit|convened?)\b", re.I)
ATTEND_VERBS = {
    "attend",
    "arrive",
    "participate",
    "gather",
    "converge",
    "join",
    "deliver",
    "address",
    "host",
    "meet",
    "convene",
    "speak",
    "visit",
    "travel",
    "land",
    "represent",
    "lead",
    "chair",
    "tweet",
}
SPEAK_VERBS = {"tell", "say", "speak", "address", "brief", "urge", "warn", "announce", "pledge"}
EVENT_WORDS = {"summit", "apec", "forum", "leaders", "meeting", "dialogue", "session", "plenary", "retreat"}
SPEECH_NOUNS = {"speech", "remarks", "keynote", "address", "briefing", "conference"}
PLANNED_LEMMAS = {
    "schedule",
    "set",
    "expect",
    "plan",
    "due",
    "slate",
    "prepare",
    "upcoming",
    "arrange",
    "would",
    "will",
    "shall",
    "intend",
    "likely",
    "possible",
}
NEGATION = re.compile(
    r"\b(no chance|ruled? out|unlikely|not (?:attend|meet|be)|won[’']t|will not|skip|cancel+ed|called off|declined)\b",
    re.IGNORECASE,
)
TEMPORAL_PREPS = {"after", "before", "following", "since", "like", "unlike"}
PRONOUNS = {"he", "she", "his", "her", "him", "i", "me", "my"}
GATHERING_VERBS = {"meet", "convene", "gather", "confer"}  # joint by their meaning, whatever "both" says
DISTRIBUTIVE = {"both", "each", "respective", "respectively"}
MOTION_VERBS = {"go", "head", "leave", "fly", "depart", "return"}
REPORTING_VERBS = {"say", "tell", "add", "write", "note", "declare", "insist", "stress", "announce"}
GROUP_KINDS = {
    "leader": "leader",
    "president": "leader",
    "head": "leader",
    "counterpart": "leader",
    "diplomat": "foreign",
    "minister": "minister",
}
LIST_JOINERS = {",", "and", "the", "&"}


@dataclass
class FoundMeeting:
    cue: Token
    participants: list[str]
    status: str
    date_tokens: list[Span] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    topic_terms: list[str] = field(default_factory=list)


def _person_at(token: Token, people: list[FoundPerson]) -> FoundPerson | None:
    return next((p for p in people if token.i in p.tokens), None)


def group_kind(token: Token) -> str | None:
    """The office kind a plural group noun names: 'leaders' -> leader, 'foreign ministers' -> foreign."""
    if token.tag_ not in {"NNS", "NNPS"} or token.lemma_.lower() not in GROUP_KINDS:
        return None
    kind = GROUP_KINDS[token.lemma_.lower()]
    if kind == "minister" and any(c.lower_ == "foreign" for c in token.children):
        return "foreign"
    return kind


def group_economies(token: Token) -> list[str]:
    """Economies named in a group noun's phrase: 'the leaders of the US, Japan and South Korea'."""
    tokens = list(token.subtree)
    for t in list(tokens):
        if t.ent_type_ == ECONOMY:
            tokens += [c for c in t.conjuncts if c not in tokens]
    if any(t.ent_type_ == ECONOMY for t in tokens):
        # A list of economies often runs on past the parse's subtree: "from A, B, and C convened".
        following = max(t.i for t in tokens) + 1
        doc = token.doc
        while following < len(doc) and (doc[following].ent_type_ == ECONOMY or doc[following].lower_ in LIST_JOINERS):
            tokens.append(doc[following])
            following += 1
    economies = []
    for t in sorted(tokens, key=lambda t: t.i):
        if t.ent_type_ == ECONOMY:
            ent = next(e for e in t.doc.ents if e.start <= t.i < e.end)
            economies.append(ent.ent_id_ or ent.text)
    return list(dict.fromkeys(economies))


def _people_in(tokens: list[Token], people: list[FoundPerson], resolver) -> list[str]:
    names: list[str] = []
    seen_tokens: set[int] = set()
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.i in seen_tokens:
            continue
        if any(a.dep_ == "prep" and a.lower_ in TEMPORAL_PREPS for a in _path_up(token, tokens[0])):
            continue
        if any(a.i in inside and _is_own_clause(a) for a in token.ancestors):
            continue  # "ways to improve ties as they met Smith": Smith is met in another clause
        person = _person_at(token, people)
        if person and _is_possessor(person):
            seen_tokens |= person.tokens
            continue
        if person and person.canonical:
            seen_tokens |= person.tokens
            names.append(person.canonical)
        elif token.lower_ in PRONOUNS:
            name = resolver.pronoun(token)
            if name:
                names.append(name)
        elif group_kind(token):
            economies = group_economies(token)
            if len(economies) >= 2:
                names += resolver.group(group_kind(token), economies)
                seen_tokens |= {t.i for t in token.subtree}
    return list(dict.fromkeys(names))


def _is_distributive(cue: Token) -> bool:
    """'Both X and Y discussed ...', 'each', 'their respective': the subjects act each on their own."""
    return any(t.lower_ in DISTRIBUTIVE for t in cue.sent)


def _is_own_clause(token: Token) -> bool:
    """A verb heading a nested clause with a subject of its own (a separate event)."""
    return (
        token.pos_ in {"VERB", "AUX"}
        and token.dep_ in {"advcl", "relcl", "ccomp", "acl"}
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    )


def _is_possessor(person: FoundPerson) -> bool:
    """'the minister's mother', 'the president's envoy': the person owns what is met, and is not met."""
    root = person.span.root
    return root.dep_ == "poss" and root.head.lower_ not in MEETING_NOUNS and root.head.ent_type_ != "PERSON"


def quoted_speaker(token: Token, people: list[FoundPerson]) -> str | None:
    """Who 'I' is in a quotation: the person the sentence says spoke ('"I met Xi," Trump said')."""
    for verb in token.sent:
        if verb.lemma_.lower() not in REPORTING_VERBS:
            continue
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                person = next((p for p in people if child.i in p.tokens or p.span.root == child), None)
                if person and person.canonical and person.span.root.i not in {t.i for t in token.subtree}:
                    return person.canonical
    return None


def _path_up(token: Token, top: Token) -> list[Token]:
    """Ancestors of token up to (not including) top."""
    path = []
    for ancestor in token.ancestors:
        if ancestor == top:
            break
        path.append(ancestor)
    return path


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)


# Clauses joined by these are separate facts; a complement clause ("unlikely that they would meet")
# stays under the clause that governs it.
CLAUSE_LINKS = {"conj", "advcl", "parataxis", "relcl"}


def _own_clause(cue: Token) -> list[Token]:
    """The cue and its heads up to its clause's verb: negation and tense are read here, not from the
    whole sentence ('X was not in Lima, but Y met Z': the meeting is not negated)."""
    chain = [cue]
    token = cue
    while token.dep_ not in CLAUSE_LINKS and token.head is not token:
        token = token.head
        chain.append(token)
        if token.dep_ in CLAUSE_LINKS | {"ROOT"}:
            break
    return chain


UNREAL_HEADS = {"like", "love", "hope", "want", "wish", "seek", "try", "ask", "wonder", "question", "doubt"}
UNREAL_MARKS = {"whether", "if", "unless"}


def _is_negated(cue: Token, sentence: Span) -> bool:
    """Whether the cue's own clause denies, wishes, asks or supposes the meeting rather than reporting it
    ('ruled out a meeting', 'would like to meet', 'asked whether he would meet', 'if they meet')."""
    clause = _own_clause(cue)
    if any(child.dep_ == "neg" for head in clause for child in head.children):
        return True
    if any(head.lemma_.lower() in UNREAL_HEADS and head.pos_ in {"VERB", "AUX"} for head in clause[1:]):
        return True
    if any(child.dep_ == "mark" and child.lower_ in UNREAL_MARKS for head in clause for child in head.children):
        return True
    verb = next((t for t in reversed(clause) if t.pos_ in {"VERB", "AUX"}), cue)
    words = sorted(verb.subtree, key=lambda t: t.i)
    text = sentence.doc[words[0].i : words[-1].i + 1].text
    return bool(NEGATION.search(text))


def _clause_heads(cue: Token, count: int = 2) -> list[Token]:
    """The cue and its nearest verbal ancestors (the clauses it belongs to)."""
    heads = [cue]
    for ancestor in cue.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            heads.append(ancestor)
            if len(heads) > count:
                break
    return heads


def _status(cue: Token) -> str:
    """'planned' when the cue's clause is future or modal ('will meet', 'set to', 'upcoming')."""
    for head in _clause_heads(cue):
        if head.lemma_.lower() in {"say", "tell", "report", "announce", "add"}:
            break
        window = [head, *head.children]
        if any(t.lemma_.lower() in PLANNED_LEMMAS or t.lower_ in PLANNED_LEMMAS or t.tag_ == "MD" for t in window):
            return "planned"
    return "held"


def _dates_for(cue: Token, sentence: Span) -> list[Span]:
    """DATE entities governed by the meeting cue or its own clause (not by a reporting verb above it)."""
    governors = {cue} if cue.pos_ in {"VERB", "AUX"} else set(_clause_heads(cue, 1))
    if cue.pos_ == "VERB" and cue.dep_ == "xcomp":
        governors.add(cue.head)
    found = []
    for ent in sentence.ents:
        if ent.label_ != "DATE" and not (ent.label_ == "TIME" and RELATIVE_DAY.search(ent.text)):
            continue
        chain = [ent.root, *ent.root.ancestors]
        first_verb = next((t for t in chain if t.pos_ in {"VERB", "AUX"}), None)
        if cue in chain or first_verb in governors:
            found.append(ent)
    return found


def _topics(cue: Token, sentence: Span) -> list[str]:
    """Topic labels (extraction/reference/topics.csv) the meeting's sentence names."""
    return [hit.topic for hit in find_topics(sentence)]


def _participants(cue: Token, people: list[FoundPerson], resolver) -> tuple[list[str], int]:
    """People taking part in the meeting named by a cue word, subjects first, from the parse; and how
    many of them are subjects."""
    between = [c for c in cue.children if c.lower_ == "between"]
    if between:
        names = _people_in(_subtree(between[0]), people, resolver)
        return names, len(names)
    subjects: list[str] = []
    objects: list[str] = []
    verbs = [cue]
    if cue.pos_ != "VERB":
        for child in cue.children:
            if child.dep_ in {"compound", "poss", "nmod", "amod"}:
                subjects += _people_in(_subtree(child), people, resolver)
            elif _is_with(child, cue):
                objects += _people_in(_subtree(child), people, resolver)
        if len(set(subjects)) >= 2 or (subjects and objects) or cue.lower_ == "summit":
            return _ordered(subjects, objects)
        head = cue.head.head if cue.head.pos_ == "ADP" else cue.head
        if cue.dep_ in {"dobj", "pobj", "attr", "nsubj"} and head.pos_ in {"VERB", "AUX"}:
            verbs = [head]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass", "agent"} or child.dep_ == "prep" and child.lower_ == "along":
                subjects += _people_in(_subtree(child), people, resolver)
            elif child.dep_ == "dobj" and child != cue or _is_with(child, verb):
                objects += _people_in(_subtree(child), people, resolver)
        if verb.dep_ == "relcl" and any(c.lower_ in {"who", "that", "whom"} for c in verb.children):
            # "Lee and Takaichi, who met on Friday": the relative pronoun stands for its antecedents
            clause = set(verb.subtree)
            antecedents = [t for head in (verb.head, *verb.head.conjuncts) for t in head.subtree if t not in clause]
            subjects += _people_in(antecedents, people, resolver)
        if verb.dep_ in {"xcomp", "ccomp", "advcl", "pcomp", "conj"} and not any(
            c.dep_.startswith("nsubj") for c in verb.children
        ):
            governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
            for child in governor.children:
                if child.dep_.startswith("nsubj"):
                    subjects += _people_in(_subtree(child), people, resolver)
    return _ordered(subjects, objects)


def _is_with(child: Token, cue: Token) -> bool:
    """'met with X', 'and also with Y' (a conjoined with-phrase), 'talk to X'."""
    if child.dep_ not in {"prep", "conj"}:
        return False
    return child.lower_ == "with" or (child.lower_ == "to" and cue.lemma_.lower() == "talk")


def _ordered(subjects: list[str], objects: list[str]) -> tuple[list[str], int]:
    subjects = list(dict.fromkeys(subjects))
    return list(dict.fromkeys(subjects + objects)), len(subjects)


def has_cue(doc: Doc | Span) -> bool:
    """Whether a text can hold a fact: a meeting, attendance or speech cue, and someone to take part
    (a person, title, economy, proper noun or pronoun)."""
    cues = _cue_words()
    actor = any(t.ent_type_ in {"PERSON", "TITLE", ECONOMY} or t.pos_ in {"PRON", "PROPN"} for t in doc)
    return actor and any(t.lemma_.lower() in cues or t.lower_ in cues for t in doc)


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    return frozenset(
        MEETING_VERBS | LIGHT_VERBS | MEETING_NOUNS | ATTEND_VERBS | SPEAK_VERBS | EVENT_WORDS | SPEECH_NOUNS
    )


def find_meetings(sentence: Span, people: list[FoundPerson], resolver) -> list[FoundMeeting]:
    """Meetings of two or more people (named, or named by role and economy) reported in a sentence."""
    if _has_only_one_person(sentence, people) and not any(t.lower_ in PRONOUNS or group_kind(t) for t in sentence):
        return []
    results: list[FoundMeeting] = []
    covered: set[frozenset[str]] = set()
    former = {
        p.canonical
        for p in people
        if p.span.start >= sentence.start and p.span.end <= sentence.end and _is_former(p, sentence.doc)
    }
    cues = [t for t in sentence if t._.meeting_cue and not _is_negated(t, sentence)]
    productive: list[Token] = []
    for token in sorted(cues, key=lambda t: t.pos_ == "VERB"):
        if token.pos_ == "VERB" and any(n in token.subtree for n in productive):
            continue
        names, subject_count = _participants(token, people, resolver)
        if subject_count == 0 and token.lemma_.lower() in SUBJECT_VERBS:
            continue  # "analysts see Trump and Xi reaching a deal": no one here sees anyone
        if token.pos_ == "VERB" and token.lemma_.lower() not in GATHERING_VERBS and _is_distributive(token):
            continue  # "Both Smith and Tanaka discussed ways to improve their respective ties": each, not together
        if former & set(names):  # "then-President X met ...": the sentence looks back at an earlier meeting
            continue
        if len(names) < 2:
            continue
        productive.append(token)
        separate = any(t.lower_ == "separate" for t in token.subtree) or any(
            t.lower_ == "separate" for t in token.children
        )
        groups = [names]
        # "I will be seeing A, B and C": one person meeting several is a round of bilaterals unless the
        # sentence says the meeting was joint ("trilateral", "together").
        separate = separate or (subject_count == 1 and not JOINT.search(sentence.text))
        if separate and len(names) > 2:
            groups = [[names[0], other] for other in names[1:]]
        for group in groups:
            key = frozenset(group)
            if key in covered:
                continue
            covered.add(key)
            results.append(
                FoundMeeting(
                    cue=token,
                    participants=group,
                    status=_status(token),
                    date_tokens=_dates_for(token, sentence),
                    topics=_topics(token, sentence),
                    topic_terms=describe_topics(sentence),
                    locations=[e.text for e in sentence.ents if e.label_ == "GPE"],
                )
            )
    return results


def _goes_to_event(verb: Token) -> bool:
    """'going to the APEC meeting', 'left for the summit', 'heads to APEC'."""
    return any(
        child.dep_ == "prep" and child.lower_ in {"to", "for"} and any(t.lower_ in EVENT_WORDS for t in child.subtree)
        for child in verb.children
    )


def _addresses_event(verb: Token) -> bool:
    """'told the APEC summit', 'said at the forum', 'spoke to leaders at the summit'."""
    for child in verb.children:
        is_object = child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ in {"at", "to", "before", "during"})
        if is_object and any(t.lower_ in EVENT_WORDS for t in child.subtree):
            return True
    return False


def _is_former(person: FoundPerson, doc) -> bool:
    """'then-Japanese Foreign Minister X', 'former President X': the title before the name looks back."""
    i = person.span.start - 1
    while i >= 0 and (doc[i].ent_type_ in {ECONOMY, "TITLE", "NORP"} or doc[i].lower_ in {"the", "-", "'s", "’s"}):
        i -= 1
    return i >= 0 and doc[i].lower_ in {"then", "former", "then-", "ex", "ex-"}


def _has_only_one_person(sentence: Span, people: list[FoundPerson]) -> bool:
    names = {p.canonical for p in people if p.span.start >= sentence.start and p.span.end <= sentence.end}
    return len(names) < 2


def attendance_cue(person: FoundPerson, sentence: Span) -> str | None:
    """Why a mention shows its person taking part in the event, or None."""
    if NEGATION.search(sentence.text):
        return None
    first = person.span[0]
    if first.i > 0 and first.doc[first.i - 1].lower_ == "host":
        return "host"
    left = first.doc[max(sentence.start, first.i - 6) : first.i]
    if any(t.lower_ == "host" for t in left):
        return "host"
    root = person.span.root
    for clause in root.children:  # "Bush, who told the APEC summit ..."
        if clause.dep_ == "relcl" and clause.lemma_.lower() in SPEAK_VERBS and _addresses_event(clause):
            return "spoke_at"
        if clause.dep_ == "relcl" and clause.lemma_.lower() in ATTEND_VERBS:
            return clause.lemma_.lower()
    for ancestor in root.ancestors:
        lemma = ancestor.lemma_.lower()
        if ancestor.dep_ == "prep" and ancestor.lower_ in TEMPORAL_PREPS:
            return None
        if ancestor.pos_ not in {"VERB", "AUX"} or lemma == "include":
            continue
        if lemma in ATTEND_VERBS and not any(child.dep_ == "neg" for child in ancestor.children):
            return lemma
        if lemma in SPEAK_VERBS and _addresses_event(ancestor):
            return "spoke_at"
        if lemma == "be" and _addresses_event(ancestor) and not any(c.dep_ == "neg" for c in ancestor.children):
            return "present"  # "X will be at the APEC meeting"
        if lemma in MOTION_VERBS and _goes_to_event(ancestor) and not any(c.dep_ == "neg" for c in ancestor.children):
            return "travel"  # "I'm going to the APEC meeting in Vietnam", "she heads to the summit"
        break
    first_person = min((t.i for t in sentence if t.ent_type_ == "PERSON"), default=None)
    if any(t.lower_ in SPEECH_NOUNS for t in sentence) and first_person in person.tokens:
        return "speech"
    return None
