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


def test_people_the_ner_mislabels_are_found_by_their_title(nlp) -> None:
    text = (
        "The APEC summit in Da Nang opened in 2017.\n"
        "President-elect Moon will attend the summit, officials said.\n"
        "Japan and Singapore are not people, nor is the Asia-Pacific Economic Cooperation forum.\n"
    )
    result = extract_document("t13", text, nlp)
    names = {p.person_name for p in result.people}
    assert "Moon Jae-in" in names  # a titled surname becomes the office holder on the date
    assert not names & {"Japan", "Singapore", "Asia-Pacific Economic Cooperation"}
    moon = next(p for p in result.people if p.person_name == "Moon Jae-in")
    assert moon.is_attendance and moon.role_kind == "leader"


def test_demonyms_and_short_forms_map_to_economies(nlp) -> None:
    text = (
        "The APEC summit in Port Moresby was held in 2018.\n"
        "U.S. Vice President Mike Pence and Chinese President Xi Jinping spoke. "
        "South Korean President Moon Jae-in and Prime Minister Jacinda Ardern of New Zealand also spoke.\n"
    )
    found = people(extract_document("t14", text, nlp))
    assert found["Mike Pence"][1] == "United States"
    assert found["Xi Jinping"][1] == "China"
    assert found["Moon Jae-in"][1] == "South Korea"
    assert found["Jacinda Ardern"][1] == "New Zealand"


def test_attendee_kinds_from_titles(nlp) -> None:
    text = (
        "The APEC CEO Summit in Bangkok opened in 2022.\n"
        "Alibaba chairman Joe Tsai delivered a speech at the APEC CEO Summit in Bangkok.\n"
        "Thai Foreign Minister Don Pramudwinai attended the APEC ministerial meeting.\n"
    )
    found = people(extract_document("t15", text, nlp))
    assert found["Joe Tsai"][2] == "business"
    assert found["Don Pramudwinai"][2] == "minister"


def test_appended_article_is_its_own_section(nlp) -> None:
    text = "The APEC summit in Lima closed on Saturday in 2024.\n—\nAnother story: markets rallied on Monday.\n"
    result = extract_document("t16", text, nlp)
    sections = {s.text: s.section_index for s in result.sentences}
    assert sections["The APEC summit in Lima closed on Saturday in 2024."] == 0
    assert sections["Another story: markets rallied on Monday."] == 1


def test_tense_and_modality_give_status(nlp) -> None:
    text = (
        "date 2019-11-17 APEC leaders gather in Santiago\n"
        "Peruvian President Martin Vizcarra held talks with Chilean President Sebastian Pinera on Saturday.\n"
        "Mexican President Andres Manuel Lopez Obrador is scheduled to meet Australian Prime Minister "
        "Scott Morrison on Friday.\n"
        "Canadian Prime Minister Justin Trudeau is set to meet Japanese Prime Minister Shinzo Abe.\n"
    )
    result = extract_document("t17", text, nlp)
    status = {frozenset(m.participants): m.status for m in result.meetings}
    # Names resolve to the office record's canonical spelling.
    assert status[frozenset({"Martín Vizcarra", "Sebastián Piñera"})] == "held"
    assert status[frozenset({"Justin Trudeau", "Shinzo Abe"})] == "planned"
    assert "planned" in status.values() and len(status) == 3


def test_summit_from_host_economy_and_speaking_at_it(nlp) -> None:
    text = (
        "Oil prices rose on Tuesday. The president of Indonesia, Susilo Bambang Yudhoyono, who told the "
        "Asia-Pacific Economic Cooperation forum in Indonesia that growth would recover, was upbeat.\n"
    )
    result = extract_document("t18", text, nlp)
    assert result.meta.summit_year in {1994, 2013}
    text_chile = "Markets slipped after the Apec summit in Chile, where leaders discussed trade.\n"
    assert describe_document("t19", text_chile).summit_year == 2004


def test_other_summits_named_in_passing_are_not_this_summit(nlp) -> None:
    text = (
        "LIMA — The APEC summit opened in Lima in 2024.\n"
        "At the 2016 APEC summit, US President Barack Obama met Chinese President Xi Jinping.\n"
    )
    result = extract_document("t20", text, nlp)
    assert result.meta.summit_year == 2024
    assert result.meetings == []
    assert {s.summit_year for s in result.sentences if "2016" in s.text} == {2016}


def test_other_summits_yield_no_apec_attendees_or_meetings(nlp) -> None:
    text = (
        "RIO DE JANEIRO — G20 leaders gathered in Rio de Janeiro on Monday, November 18, 2024, days after "
        "the APEC summit in Lima.\n"
        "Brazilian President Luiz Inacio Lula da Silva hosted the G20 summit. Chinese President Xi Jinping "
        "met British Prime Minister Keir Starmer on the sidelines of the G20.\n"
        "Indian Prime Minister Narendra Modi arrived for the G20 talks.\n"
    )
    result = extract_document("t21", text, nlp)
    assert result.meetings == []
    assert not any(p.is_attendance for p in result.people)


def test_appended_section_does_not_inherit_live_blog_dates(nlp) -> None:
    text = (
        "Live: the APEC summit in Gyeongju, 2025\n"
        "Friday, October 31\n"
        "5:00 p.m. Leaders met for dinner.\n"
        "—\n"
        "An unrelated story about music.\n"
    )
    result = extract_document("t22", text, nlp)
    dated = {s.text: s.entry_date for s in result.sentences}
    assert dated["Leaders met for dinner."] == date(2025, 10, 31)
    assert dated["An unrelated story about music."] is None


def test_readout_with_a_date_line(nlp) -> None:
    text = (
        "Readout of the Prime Minister's Meeting with President Gabriel Boric of Chile\n"
        "\n"
        "November 16, 2024\n"
        "\n"
        "Prime Minister Anthony Albanese of Australia met President Gabriel Boric of Chile on the margins of the "
        "Asia-Pacific Economic Cooperation Economic Leaders' Meeting in Lima. The leaders discussed critical "
        "minerals and trade.\n"
    )
    result = extract_document("t23", text, nlp)
    assert result.meta.publication_date == date(2024, 11, 16)
    assert result.meta.summit_year == 2024
    meeting = result.meetings[0]
    assert set(meeting.participants) == {"Anthony Albanese", "Gabriel Boric"}
    assert meeting.meeting_date == date(2024, 11, 16) and meeting.status == "held"
    economies = {p.person_name: p.economy for p in result.people if p.economy}
    assert economies == {"Anthony Albanese": "Australia", "Gabriel Boric": "Chile"}


def test_the_weekday_the_text_gives_a_meeting_is_kept_beside_its_date(nlp) -> None:
    """'on Friday, Nov. 1' when 1 November 2025 was a Saturday: the date and the weekday both stand, so
    the marts can raise the contradiction; a weekday of another clause is not the meeting's."""
    text = (
        "Leaders gather in Gyeongju\n"
        "\n"
        "GYEONGJU, Nov. 1, 2025 (Wire) -- Chinese President Xi Jinping and Japanese Prime Minister Sanae "
        "Takaichi met on Friday, Nov. 1, on the sidelines of the APEC summit in Gyeongju.\n"
        "\n"
        "Xi's meeting with Lee Jae-myung will be on par with the welcome given to U.S. President Donald Trump "
        "on Wednesday, a spokesperson said of the APEC summit.\n"
    )
    meetings = {tuple(m.participants): m for m in extract_document("t24", text, nlp).meetings}
    dated = meetings[("Sanae Takaichi", "Xi Jinping")]
    assert dated.meeting_date == date(2025, 11, 1) and dated.stated_weekday == "Friday"
    assert all(m.stated_weekday is None for key, m in meetings.items() if key != ("Sanae Takaichi", "Xi Jinping"))
