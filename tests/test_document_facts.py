"""What the extraction code reads from a text (title, dates, the summit it reports on) is owned by the
extraction step: when that code changes, the facts are derived again and the marts follow them."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURES

SAN_FRANCISCO_2023 = "001_6aeff7dc8888fcec.txt"  # a short seed article about the 2023 summit
GYEONGJU_2025 = "002_1a4c744e2777ba20.txt"
DUPLICATE = "same_bytes_other_name.txt"  # the 2023 article again under another name


@pytest.fixture()
def folder_warehouse(tmp_path, monkeypatch) -> Path:
    """Environment for an in-process `make run` on a small folder: two articles, one of them twice."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in (SAN_FRANCISCO_2023, GYEONGJU_2025):
        shutil.copy(FIXTURES / "seeds" / name, seeds / name)
    shutil.copy(FIXTURES / "seeds" / SAN_FRANCISCO_2023, seeds / DUPLICATE)
    database = tmp_path / "summits.duckdb"
    for name, value in {
        "SUMMITS_SEEDS_DIR": seeds,
        "SUMMITS_DUCKDB_PATH": database,
        "SUMMITS_PUBLISH_DIR": tmp_path / "published",
        "SUMMITS_REPORTS_DIR": tmp_path / "reports",
        "DAGSTER_HOME": tmp_path / "dagster_home",
        "SUMMITS_EXTRACT_WORKERS": "1",  # in this process, so the patched rules below are the ones used
        "DO_NOT_TRACK": "1",
    }.items():
        monkeypatch.setenv(name, str(value))
    (tmp_path / "dagster_home").mkdir()
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")  # dbt
    return database


def _state(database: Path) -> dict[str, object]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {
            "staged_summits": dict(
                con.execute(
                    "select d.file_name, f.summit_year from staging.documents d"
                    " join staging.document_facts f using (document_id)"
                ).fetchall()
            ),
            "stg_summits": sorted(
                con.execute("select summit_year from intermediate.int_documents order by summit_year").fetchall()
            ),
            "summits": {
                row[0]: row[1] for row in con.execute("select summit_id, document_count from marts.summits").fetchall()
            },
            "attendees": set(con.execute("select summit_id, person_name from marts.attendees").fetchall()),
            "versions": {row[0] for row in con.execute("select extractor_version from staging.extractions").fetchall()},
            "document_columns": {row[0] for row in con.execute("describe staging.documents").fetchall()},
            "facts": con.execute("select count(*) from staging.document_facts").fetchone()[0],
        }


def test_a_changed_summit_decision_reaches_staging_and_marts(folder_warehouse, monkeypatch) -> None:
    import extraction.pipeline
    import orchestration.defs.extraction
    from extraction.reference import summits
    from orchestration.cli import build

    assert build()
    before = _state(folder_warehouse)
    assert before["staged_summits"] == {SAN_FRANCISCO_2023: 2023, DUPLICATE: 2023, GYEONGJU_2025: 2025}
    assert before["facts"] == 2  # one row per content: the identical files share it
    assert not before["document_columns"] & {"title", "summit_year", "summit_basis"}  # file facts only
    assert set(before["summits"]) == {"apec-2023", "apec-2025"}
    assert ("apec-2023", "Park Jin") in before["attendees"]

    # The extraction code changes: a new version, and the summit chooser now says Lima 2024 where it said
    # San Francisco 2023. The files are untouched.
    lima = next(summit for summit in summits() if summit.year == 2024)
    choose = extraction.pipeline.choose_summit

    def changed_choice(text, layout):
        choice = choose(text, layout)
        if choice and choice.summit.year == 2023:
            return dataclasses.replace(choice, summit=lima, basis="changed rules")
        return choice

    monkeypatch.setattr(extraction.pipeline, "choose_summit", changed_choice)
    monkeypatch.setattr(orchestration.defs.extraction, "EXTRACTOR_VERSION", "changed-rules")

    assert build()
    after = _state(folder_warehouse)
    assert after["versions"] == {"changed-rules"}
    assert after["staged_summits"] == {SAN_FRANCISCO_2023: 2024, DUPLICATE: 2024, GYEONGJU_2025: 2025}
    assert after["stg_summits"] == [(2024,), (2025,)]
    assert after["summits"] == {"apec-2024": 1, "apec-2025": 1}
    assert not {summit for summit, _ in after["attendees"]} - {"apec-2024", "apec-2025"}
    assert ("apec-2024", "Park Jin") in after["attendees"]
    assert {a for a in after["attendees"] if a[0] == "apec-2025"} == {
        a for a in before["attendees"] if a[0] == "apec-2025"
    }
