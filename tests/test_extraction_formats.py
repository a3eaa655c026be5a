"""Classes of real-text failure (issue 14), each shown with sentences written for the test."""

from datetime import date

from extraction.layout import read_layout
from extraction.pipeline import describe_document, extract_document


def _meetings(result) -> dict[frozenset, str]:
    return {frozenset(m.participants): m.status for m in result.meetings}


TRANSCRIPT = """Press conference, Lima
2016-11-19

PRIME MINISTER

THE HON JANE EXAMPLE MP

TRANSCRIPT

PRIME MINISTER:

Today at APEC I met with President Xi Jinping and Vice President Joe Biden of the United States.

JOURNALIST:

Did you meet President Vladimir Putin at the APEC summit as well?

PRIME MINISTER:

No. I will be seeing Prime Minister Shinzo Abe at the summit tomorrow.
"""


def test_transcript_layout_reads_date_letterhead_and_turns() -> None:
    layout = read_layout(TRANSCRIPT)
    assert layout.publication_date == date(2016, 11, 19)
    assert layout.letterhead_names == ["Jane Example"]
    assert layout.is_transcript
    questions = [p for p in layout.paragraphs if p.is_question]
    assert questions and all("Putin" in p.text for p in questions)


def test_first_person_meetings_name_the_speaker_and_questions_are_not_facts(nlp) -> None:
    result = extract_document("tr1", TRANSCRIPT, nlp)
    meetings = _meetings(result)
    assert meetings[frozenset({"Jane Example", "Xi Jinping"})] == "held"  # a round of bilaterals
    assert meetings[frozenset({"Jane Example", "Joe Biden"})] == "held"
    assert meetings[frozenset({"Jane Example", "Shinzo Abe"})] == "planned"
    assert not any("Vladimir Putin" in key for key in meetings)  # only asked about by a journalist
    assert result.meta.summit_year == 2016  # Lima hosted 2008, 2016 and 2024: the document's date decides


def test_a_label_that_is_a_dateline_is_not_a_speaker() -> None:
    layout = read_layout("LIMA: Leaders arrived for the APEC summit on Friday.\nThey met on Saturday.\n")
    assert not layout.is_transcript
    assert all(p.speaker is None for p in layout.paragraphs)


def test_titles_written_as_office_of_economy_before_the_name(nlp) -> None:
    text = (
        "2006-11-17\n"
        "The President of Russia Vladimir Putin and the Prime Minister of Canada Stephen Harper held talks "
        "at the APEC summit in Hanoi.\n"
    )
    result = extract_document("t-of", text, nlp)
    titles = {p.person_name: (p.title, p.economy) for p in result.people}
    assert titles["Vladimir Putin"] == ("President", "Russia")
    assert titles["Stephen Harper"] == ("Prime Minister", "Canada")
    assert _meetings(result)[frozenset({"Vladimir Putin", "Stephen Harper"})] == "held"


def test_summits_named_in_passing_are_not_the_documents_summit() -> None:
    founding = "2012-03-02\nOur country was a founding member of APEC and works through APEC and the WTO.\n"
    assert describe_document("d1", founding).summit_year is None
    forward = "2024-06-01\nThe two governments look forward to Korea's hosting of APEC in 2025.\n"
    assert describe_document("d2", forward).summit_year is None
    dated = "2024-11-14\nLeaders gathered in Lima for the APEC summit.\n"
    assert describe_document("d3", dated).summit_year == 2024


def test_phone_calls_are_not_meetings(nlp) -> None:
    text = (
        "2022-11-17\nAt the APEC summit in Bangkok, Prime Minister Justin Trudeau had a telephone conversation "
        "with President Joe Biden.\n"
    )
    assert not extract_document("t-phone", text, nlp).meetings


def test_meetings_held_elsewhere_before_the_summit_are_not_summit_meetings(nlp) -> None:
    text = (
        "2015-11-09\nLeaders head to Manila for the APEC summit next week.\n"
        "On Saturday, Prime Minister Justin Trudeau met President Barack Obama in Ottawa.\n"
    )
    assert not extract_document("t-before", text, nlp).meetings


def test_shared_subject_negation_and_former_are_scoped_to_their_clause(nlp) -> None:
    text = (
        "2016-11-19\nLeaders gathered in Lima for the APEC summit.\n"
        "Prime Minister Malcolm Turnbull arrived in Lima and then met President Xi Jinping.\n"
        "Former Prime Minister Tony Abbott was not in Lima, but Prime Minister Malcolm Turnbull met "
        "President Barack Obama on Saturday.\n"
        "Then-President Barack Obama met Prime Minister Malcolm Turnbull at the summit.\n"
    )
    result = extract_document("t-scope", text, nlp)
    meetings = _meetings(result)
    assert meetings[frozenset({"Malcolm Turnbull", "Xi Jinping"})] == "held"
    assert meetings[frozenset({"Malcolm Turnbull", "Barack Obama"})] == "held"
    evidence = {m.evidence for m in result.meetings}
    assert not any(e.startswith("Then-President") for e in evidence)
    xi = {p.title for p in result.people if p.person_name == "Xi Jinping"}
    assert xi == {"President"}


def test_official_styles_honorifics_and_titles_after_names(nlp) -> None:
    text = (
        "2018-11-17\n"
        "Mr. Shinzo Abe, Prime Minister of Japan, held a summit meeting with the Hon. Scott Morrison, "
        "Prime Minister of Australia, on the margins of the APEC Economic Leaders' Meeting in Port Moresby.\n"
        "Vladimir Putin met with President of the People's Republic of China Xi Jinping on the sidelines of "
        "the APEC summit.\n"
    )
    meetings = _meetings(extract_document("t-official", text, nlp))
    assert meetings[frozenset({"Shinzo Abe", "Scott Morrison"})] == "held"
    assert meetings[frozenset({"Vladimir Putin", "Xi Jinping"})] == "held"


def test_roles_and_titled_surnames_resolve_to_the_office_holder_on_the_date(nlp) -> None:
    titled = (
        "2010-11-13\nLeaders met in Yokohama for the APEC summit.\n"
        "Prime Minister Kan held talks with President Calderon.\n"
    )
    assert frozenset({"Naoto Kan", "Felipe Calderón"}) in _meetings(extract_document("t-titled", titled, nlp))
    roles = (
        "2006-11-18\nLeaders met in Hanoi for the APEC summit.\n"
        "The Prime Minister of Thailand met the Chinese and Japanese Foreign Ministers.\n"
    )
    meetings = _meetings(extract_document("t-roles", roles, nlp))
    thailand = "Surayud Chulanont"  # in office on that date, though the text never names him
    assert frozenset({thailand, "Li Zhaoxing"}) in meetings and frozenset({thailand, "Taro Aso"}) in meetings


def test_name_variants_of_one_person_merge(nlp) -> None:
    text = (
        "2023-11-16\nAt the APEC summit in San Francisco, President Joseph R. Biden, Jr. met with "
        "President Andrés Manuel López Obrador of Mexico.\n"
        "Joe Biden and López Obrador discussed migration.\n"
    )
    result = extract_document("t-variants", text, nlp)
    assert {p.person_name for p in result.people} == {"Joe Biden", "Andrés Manuel López Obrador"}
    assert set(_meetings(result)) == {frozenset({"Joe Biden", "Andrés Manuel López Obrador"})}


def test_meetings_at_another_summit_in_the_same_week_are_not_apec(nlp) -> None:
    text = (
        "2024-11-18\nLeaders left Lima after the APEC summit.\n"
        "On the sidelines of the G20 summit in Rio de Janeiro, President Joe Biden met Prime Minister "
        "Justin Trudeau.\n"
    )
    assert not extract_document("t-g20", text, nlp).meetings


def test_see_and_agree_are_meetings_only_with_a_participant_as_subject(nlp) -> None:
    text = (
        "2025-10-30\nLeaders gathered in Gyeongju for the APEC summit.\n"
        "Analysts see President Donald Trump and President Xi Jinping reaching a deal.\n"
        "President Lee Jae-myung will see Prime Minister Sanae Takaichi on Friday.\n"
    )
    assert set(_meetings(extract_document("t-see", text, nlp))) == {frozenset({"Lee Jae-myung", "Sanae Takaichi"})}


def test_first_person_in_a_quotation_is_the_quoted_speaker(nlp) -> None:
    text = (
        "2025-10-30\nLeaders gathered in Gyeongju for the APEC summit.\n"
        '"I had a great meeting with President Xi Jinping," President Donald Trump told reporters.\n'
        '"I will meet Prime Minister Sanae Takaichi tomorrow," said President Lee Jae-myung.\n'
        "I think the summit met expectations.\n"
    )
    meetings = _meetings(extract_document("t-quote", text, nlp))
    assert meetings == {
        frozenset({"Donald Trump", "Xi Jinping"}): "held",
        frozenset({"Lee Jae-myung", "Sanae Takaichi"}): "planned",
    }


def test_wishes_questions_and_conditions_are_not_meetings(nlp) -> None:
    text = (
        "2025-10-30\nLeaders gathered in Gyeongju for the APEC summit.\n"
        "President Donald Trump said he would like to meet Kim Jong Un.\n"
        "A reporter asked President Donald Trump whether he would meet President Xi Jinping at the summit.\n"
        "If President Vladimir Putin meets Prime Minister Mark Carney, it will be a surprise.\n"
    )
    assert not extract_document("t-unreal", text, nlp).meetings


def test_a_relative_clause_meeting_has_its_antecedents_as_participants(nlp) -> None:
    text = (
        "2025-10-31\nLeaders gathered in Gyeongju for the APEC summit.\n"
        "The host thanked President Lee Jae-myung and Prime Minister Sanae Takaichi, who met on Friday.\n"
    )
    meetings = _meetings(extract_document("t-relcl", text, nlp))
    assert meetings == {frozenset({"Lee Jae-myung", "Sanae Takaichi"}): "held"}


def test_going_to_the_summit_is_attendance_in_statements_not_questions(nlp) -> None:
    text = (
        "2006-11-13\nPRIME MINISTER\nTHE HON JANE EXAMPLE MP\nTRANSCRIPT\n"
        "PRIME MINISTER:\nI am going to the APEC meeting in Hanoi on Thursday.\n"
        "JOURNALIST:\nWill Vice President Richard Roe go to the APEC summit?\n"
        "PRIME MINISTER:\nPresident George W. Bush heads to the summit tomorrow; the Foreign Minister is not going.\n"
    )
    result = extract_document("t-travel", text, nlp)
    attending = {p.person_name for p in result.people if p.is_attendance}
    assert attending == {"Jane Example", "George W. Bush"}


def test_people_acting_each_on_their_own_do_not_meet(nlp) -> None:
    text = (
        "2025-11-01\nLeaders gathered in Gyeongju for the APEC summit.\n"
        "Both President Xi Jinping and President Lee Jae-myung discussed ways to improve their respective ties "
        "with Washington as they met President Donald Trump.\n"
    )
    assert not extract_document("t-each", text, nlp).meetings
