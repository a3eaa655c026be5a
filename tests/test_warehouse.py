"""The whole pipeline on the seed articles (plus two unreadable files): facts in the marts."""

import shutil

import duckdb

from orchestration.publishing import MARTS
from tests.conftest import run_pipeline


def test_summits_reported(warehouse) -> None:
    rows = warehouse.execute("select year, host_city from marts.summits order by year").fetchall()
    assert rows == [(2023, "San Francisco"), (2024, "Lima"), (2025, "Gyeongju")]


def test_xi_takaichi_meeting_on_2025_10_31(warehouse) -> None:
    row = warehouse.execute(
        "select meeting_date::varchar, status, meeting_type, evidence from marts.meetings"
        " where summit_id = 'apec-2025' and participant_names = ['Sanae Takaichi', 'Xi Jinping']"
    ).fetchone()
    assert row is not None
    assert row[:3] == ("2025-10-31", "held", "bilateral")
    assert "Takaichi" in row[3]


def test_park_blinken_kamikawa_trilateral_2023(warehouse) -> None:
    row = warehouse.execute(
        "select meeting_type, status, meeting_date::varchar, location from marts.meetings"
        " where summit_id = 'apec-2023' and participant_names = ['Antony Blinken', 'Park Jin', 'Yoko Kamikawa']"
    ).fetchone()
    assert row == ("trilateral", "held", "2023-11-14", "San Francisco")


def test_attendees_have_roles_and_economies(warehouse) -> None:
    rows = dict(
        (name, (role, economy))
        for name, role, economy in warehouse.execute(
            "select person_name, role, economy from marts.attendees where summit_id = 'apec-2025'"
        ).fetchall()
    )
    assert rows["Mark Carney"] == ("Prime Minister", "Canada")
    assert rows["Scott Bessent"] == ("Treasury Secretary", "United States")
    assert "Kim Jong-un" not in rows


def test_every_meeting_has_evidence_from_its_documents(warehouse) -> None:
    rows = warehouse.execute("select evidence, source_document_count, participant_count from marts.meetings").fetchall()
    assert rows
    assert all(evidence and count >= 1 and participants >= 2 for evidence, count, participants in rows)


def test_unreadable_files_are_recorded_not_fatal(warehouse) -> None:
    errors = dict(warehouse.execute("select file_name, reason from staging.document_errors").fetchall())
    assert errors == {"empty.txt": "the file is empty", "binary.txt": errors["binary.txt"]}
    assert "binary" in errors["binary.txt"]
    assert warehouse.execute("select count(*) from staging.documents").fetchone()[0] == 5


def test_staged_rows_keep_provenance(warehouse) -> None:
    bad = warehouse.execute(
        "select count(*) from staging.person_mentions p join staging.documents d using (document_id)"
        " where substr(d.text, p.start_char + 1, p.end_char - p.start_char) <> p.text"
    ).fetchone()[0]
    assert bad == 0


def _snapshot(database) -> dict[str, list]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {mart: con.execute(f"select * from marts.{mart} order by all").fetchall() for mart in MARTS}


def test_second_run_gives_identical_marts(built_warehouse, tmp_path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(built_warehouse, copy)
    before = _snapshot(copy)
    result = run_pipeline(built_warehouse.parent / "seeds", copy)  # the same folder, unreadable files too
    assert result.returncode == 0, result.stdout[-3000:]
    assert _snapshot(copy) == before


def test_conflicts_list_the_contradictions_in_the_seeds(warehouse) -> None:
    rows = warehouse.execute(
        "select kind, subject, claim_a, claim_b, evidence_a, evidence_b from marts.conflicts"
    ).fetchall()
    claims = {(kind, claim_a.split(" (")[0], claim_b.split(" (")[0]) for kind, _, claim_a, claim_b, _, _ in rows}
    assert ("not_in_office", "Shizo Abe", "Shigeru Ishiba") in claims
    assert ("meeting_date", "2025-11-01", "2025-11-02") in claims
    assert ("summit_place", "Seoul", "Gyeongju") in claims
    assert all(evidence_a and evidence_b for *_, evidence_a, evidence_b in rows)


def test_conflicted_rows_are_flagged(warehouse) -> None:
    flagged = warehouse.execute(
        "select person_name from marts.attendees where has_conflict and summit_id = 'apec-2024'"
    ).fetchall()
    assert ("Shizo Abe",) in flagged
    lee_xi = warehouse.execute(
        "select has_conflict, meeting_date::varchar from marts.meetings"
        " where participant_names = ['Lee Jae-myung', 'Xi Jinping']"  # the office record's spelling
    ).fetchone()
    assert lee_xi == (True, "2025-11-01")


def test_people_only_in_an_appended_article_are_marked(warehouse) -> None:
    rows = dict(
        warehouse.execute(
            "select person_name, appended_section_only from marts.attendees where summit_id = 'apec-2025'"
        ).fetchall()
    )
    assert rows["Kim Namjoon"] is True
    assert rows["Xi Jinping"] is False


def test_meetings_split_by_a_misnamed_participant_are_merged_by_the_office_record(warehouse) -> None:
    # The seeds report the 2024 trilateral twice, once naming Japan's prime minister "Shizo Abe" and
    # South Korea's president "Yoon Suk-joon"; the office record knows neither name and says who held
    # the offices, so the two reports are one meeting, flagged as disputed.
    trilaterals = warehouse.execute(
        "select participant_names, has_conflict from marts.meetings"
        " where summit_id = 'apec-2024' and participant_count = 3"
    ).fetchall()
    assert trilaterals == [(["Joe Biden", "Shigeru Ishiba", "Yoon Suk Yeol"], True)]
    flagged = warehouse.execute(
        "select person_name from marts.attendees where has_conflict and summit_id = 'apec-2024'"
    ).fetchall()
    assert ("Shizo Abe",) in flagged  # the text's name stays an attendee, disputed


def test_documents_mart_lists_every_file_and_the_evidence_points_to_it(warehouse) -> None:
    rows = warehouse.execute(
        "select document_id, file_name, status, error_reason, sentence_count, meeting_mention_count"
        " from marts.documents"
    ).fetchall()
    by_file = {row[1]: row for row in rows}
    assert len(rows) == len(by_file) == 7  # five articles, an empty and a binary file
    assert by_file["empty.txt"][2:4] == ("unreadable", "the file is empty")
    assert by_file["binary.txt"][2] == "unreadable" and "binary" in by_file["binary.txt"][3]
    extracted = {row[0] for row in rows if row[2] == "extracted" and row[3] is None and row[4] > 0}
    staged = {row[0] for row in warehouse.execute("select document_id from staging.documents").fetchall()}
    assert extracted == staged
    dangling = warehouse.execute(
        "select count(*) from marts.meetings"
        " where evidence_document_id not in (select document_id from marts.documents)"
    ).fetchone()[0]
    assert dangling == 0
    reported = warehouse.execute("select sum(mention_count) from marts.meetings").fetchone()[0]
    assert sum(row[5] for row in rows) == reported
