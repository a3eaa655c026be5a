"""Extraction rules on short texts written for the tests (not taken from the seed articles)."""

from datetime import date

from extraction import describe_document, extract_document
from extraction.dates import resolve_weekday


def people(result) -> dict[str, tuple]:
    return {p.person_name: (p.title, p.economy, p.role_kind) for p in result.people}


def test_titles_and_economies_before_and_after_names(nlp) -> None:
    text = (
        "LIMA, Peru — Leaders gathered for the APEC summit in Lima on Friday, November 15, 2024.\n"
        "Australian Prime Minister Anthony Albanese arrived in Lima on Thursday.\n"
        "Trade Minister Rosa Ortega of Mexico attended the ministerial session.\n"
        "Daniel Reyes, director of the national trade office, said the talks went well.\n"
    )
    found = people(extract_document("t1", text, nlp))
    assert found["Anthony Albanese"] == ("Prime Minister", "Australia", "leader")
    assert found["Rosa Ortega"][0:2] == ("Trade Minister", "Mexico")
    assert found["Daniel Reyes"][0].startswith("Director")


def test_surnames_link_to_full_names(nlp) -> None:
    text = (
        "Singapore, APEC 2009: Canadian Prime Minister Stephen Harper arrived for the APEC summit in Singapore.\n"
        "Harper later met New Zealand Prime Minister John Key on the sidelines.\n"
    )
    result = extract_document("t2", text, nlp)
    names = {p.text: p.person_name for p in result.people}
    assert names["Harper"] == "Stephen Harper"
    meeting = result.meetings[0]
    assert meeting.participants == ["John Key", "Stephen Harper"]
    assert meeting.status == "held"


def test_planned_meeting_with_weekday_resolved_against_publication_date(nlp) -> None:
    text = (
        "date 2024-11-13 Leaders head to Lima for APEC\n"
        "Chilean President Gabriel Boric will meet Peruvian President Dina Boluarte on Friday at the APEC summit.\n"
    )
    result = extract_document("t3", text, nlp)
    assert result.meta.summit_year == 2024
    meeting = result.meetings[0]
    assert meeting.status == "planned"
    assert meeting.meeting_date == date(2024, 11, 15)
    assert set(meeting.participants) == {"Gabriel Boric", "Dina Boluarte"}


def test_negated_meeting_and_attendance_are_not_extracted(nlp) -> None:
    text = (
        "Officials prepared for the APEC summit in Gyeongju in 2025.\n"
        "There is no chance that Russian President Vladimir Putin will meet Canadian Prime Minister Mark Carney "
        "at the APEC summit.\n"
    )
    result = extract_document("t4", text, nlp)
    assert result.meetings == []
    assert not any(p.is_attendance for p in result.people)


def test_separate_bilateral_meetings_are_split_and_pronoun_resolved(nlp) -> None:
    text = (
        "The APEC summit opened in Lima in 2024.\n"
        "Australian Foreign Minister Penny Wong arrived in Lima on Wednesday, November 13. "
        "She held separate bilateral meetings with Chilean Foreign Minister Alberto van Klaveren and "
        "Thai Foreign Minister Maris Sangiampongsa on the sidelines of the APEC summit.\n"
    )
    result = extract_document("t5", text, nlp)
    pairs = sorted(tuple(m.participants) for m in result.meetings)
    assert ("Alberto van Klaveren", "Penny Wong") in pairs or ("Alberto van Klaveren", "Penny Wong") in [
        tuple(sorted(p)) for p in pairs
    ]
    assert len(pairs) == 2
    assert all(m.meeting_date == date(2024, 11, 13) for m in result.meetings)


def test_summit_year_from_weekday_and_host_city() -> None:
    text = "The APEC leaders met in Lima on Saturday, November 16, after a day of talks.\n"
    meta = describe_document("t6", text)
    assert meta.summit_year == 2024


def test_live_blog_day_headings_date_each_entry(nlp) -> None:
    text = (
        "SAN FRANCISCO — Live updates from the APEC summit in San Francisco, 2023.\n"
        "Thursday, November 16\n"
        "10:15 a.m. Mexican President Andres Manuel Lopez Obrador met Peruvian President Dina Boluarte.\n"
        "Wednesday, November 15\n"
        "6:00 p.m. Japanese Prime Minister Fumio Kishida meets Chinese President Xi Jinping.\n"
    )
    result = extract_document("t7", text, nlp)
    assert result.meta.is_live_blog
    dates = {frozenset(m.participants): m.meeting_date for m in result.meetings}
    assert dates[frozenset({"Fumio Kishida", "Xi Jinping"})] == date(2023, 11, 15)
    assert date(2023, 11, 16) in dates.values()


def test_boilerplate_link_lists_yield_no_meetings(nlp) -> None:
    text = (
        "BANGKOK — The APEC summit in Bangkok closed in 2022.\n"
        "Related:\n"
        "Biden and Xi to meet in Bali\n"
        "Albanese meets Xi Jinping for first talks\n"
        "scroll to top\n"
    )
    result = extract_document("t8", text, nlp)
    assert result.meetings == []
    assert {s.kind for s in result.sentences if "meet" in s.text} == {"boilerplate"}


def test_unrelated_news_has_no_summit(nlp) -> None:
    text = "The football club signed a new striker on Tuesday. The manager met the board to discuss the budget.\n"
    result = extract_document("t9", text, nlp)
    assert result.meta.summit_year is None
    assert result.meetings == []


def test_weekday_resolution() -> None:
    friday = date(2025, 10, 31)
    assert resolve_weekday(5, friday, "future") == date(2025, 11, 1)
    assert resolve_weekday(2, friday, "past") == date(2025, 10, 29)
    assert resolve_weekday(4, friday, "near") == friday


def test_group_mentions_resolve_to_office_holders_named_in_the_document(nlp) -> None:
    text = (
        "HANOI — The APEC summit opened in Hanoi in 2006.\n"
        "Australian Prime Minister John Howard and New Zealand Prime Minister Helen Clark arrived on Friday.\n"
        "The leaders of Australia and New Zealand will meet on Saturday to discuss trade.\n"
    )
    result = extract_document("t10", text, nlp)
    meeting = next(m for m in result.meetings if m.status == "planned")
    assert set(meeting.participants) == {"John Howard", "Helen Clark"}
    assert meeting.meeting_date == date(2006, 11, 18)


def test_role_only_mentions_link_to_the_named_office_holder(nlp) -> None:
    text = (
        "The APEC summit took place in Yokohama in 2010.\n"
        "Russian President Dmitry Medvedev arrived in Yokohama. The Russian president spoke about energy.\n"
    )
    result = extract_document("t11", text, nlp)
    linked = {p.text.lower(): p.person_name for p in result.people}
    assert linked["president"] == "Dmitry Medvedev"


def test_earlier_meetings_and_former_office_holders_are_not_summit_meetings(nlp) -> None:
    text = (
        "The APEC summit opened in Lima on November 15, 2024.\n"
        "Chinese President Xi Jinping met former Peruvian President Pedro Castillo in March.\n"
        "After Boric, Mexican President Claudia Sheinbaum met Chinese President Xi Jinping.\n"
    )
    result = extract_document("t12", text, nlp)
    groups = [set(m.participants) for m in result.meetings]
    assert {"Xi Jinping", "Pedro Castillo"} not in groups
    assert {"Claudia Sheinbaum", "Xi Jinping"} in groups
