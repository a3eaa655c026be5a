"""Meeting topics from the fixed vocabulary (extraction/reference/topics.csv), on sentences written here."""

import csv
import re

from extraction import extract_document
from extraction.topics import TOPICS_FILE, TopicHit, describe_topics, find_topics, topic_labels


def topics(nlp, text: str) -> dict[str, tuple[str, ...]]:
    return {hit.topic: hit.terms for hit in find_topics(nlp(text))}


def test_topics_in_order_of_mention_with_their_words(nlp) -> None:
    doc = nlp("The two leaders discussed tariffs, semiconductors and the situation on the Korean Peninsula.")
    assert find_topics(doc) == [
        TopicHit("trade", ("tariffs",)),
        TopicHit("technology", ("semiconductors",)),
        TopicHit("north_korea", ("Korean Peninsula",)),
    ]
    assert describe_topics(doc[:]) == [
        "trade: tariffs",
        "technology: semiconductors",
        "north_korea: Korean Peninsula",
    ]


def test_no_topic_without_a_term(nlp) -> None:
    assert find_topics(nlp("They met on the sidelines.")) == []


def test_each_topic_once_with_distinct_words(nlp) -> None:
    found = topics(nlp, "Tariffs on exports and new tariffs on imports dominated the talks.")
    assert found == {"trade": ("Tariffs", "exports", "imports")}


def test_plurals_and_capitalised_headline_words(nlp) -> None:
    found = topics(nlp, "Leaders Discuss Supply Chains And Critical Minerals")
    assert found == {"supply_chains": ("Supply Chains", "Critical Minerals")}


def test_longest_term_wins(nlp) -> None:
    found = topics(nlp, "They agreed to cut greenhouse gas emissions and to cooperate on food security.")
    assert set(found) == {"climate", "food_security"}  # not energy's "gas", nor security_defence


def test_names_titles_and_the_forum_name_do_not_trigger(nlp) -> None:
    assert topics(nlp, "Ambassador Lopez met Condoleezza Rice at the embassy.") == {}  # rice: food_security
    assert topics(nlp, "Trade Minister Kato met Defense Secretary Miller on Tuesday.") == {}
    assert topics(nlp, "Leaders arrived for the Asia-Pacific Economic Cooperation forum.") == {}


def test_a_place_naming_whose_official_someone_is_does_not_trigger(nlp) -> None:
    assert "taiwan" not in topics(nlp, "The president met Taiwan's envoy at the forum.")
    assert "taiwan" in topics(nlp, "The two leaders discussed Taiwan.")


def test_vocabulary_is_well_formed() -> None:
    labels = topic_labels()
    assert 20 <= len(labels) <= 30 and len(set(labels)) == len(labels)
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", label) for label in labels)
    with TOPICS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert all(row["terms"] and row["description"] for row in rows)
    terms = [term.lower() for row in rows for term in row["terms"].split("|")]
    assert len(terms) == len(set(terms)), "a term names one topic only"


def test_meeting_topics_are_labels_with_their_words(nlp) -> None:
    text = (
        "The APEC summit opened in Lima in 2024.\n"
        "Chilean President Gabriel Boric met Peruvian President Dina Boluarte on Friday, November 15, "
        "and discussed tariffs and fentanyl on the sidelines of the APEC summit.\n"
    )
    meeting = extract_document("t-topics", text, nlp).meetings[0]
    assert meeting.topics == ["trade", "counternarcotics"]
    assert meeting.topic_terms == ["trade: tariffs", "counternarcotics: fentanyl"]
