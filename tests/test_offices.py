"""Office holders reference table and its look-ups (extraction.offices)."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, timedelta

import pytest

from extraction.offices import canonical_person, holder_on, holders, resolve_name
from extraction.reference import REFERENCE_DIR, economies


@pytest.mark.parametrize(
    ("economy", "title", "on", "expected"),
    [
        ("Japan", "Prime Minister", date(2010, 6, 10), "Naoto Kan"),
        ("Mexico", "President", date(2008, 11, 22), "Felipe Calderón"),
        ("Thailand", "Prime Minister", date(2003, 10, 20), "Thaksin Shinawatra"),
        ("United States", "President", date(2025, 3, 1), "Donald Trump"),
        ("United States", "Vice President", date(2003, 1, 1), "Dick Cheney"),
        ("United States", "Secretary of State", date(2014, 5, 5), "John Kerry"),
        ("United States", "finance_minister", date(2022, 5, 5), "Janet Yellen"),
        ("China", "President", date(2014, 11, 10), "Xi Jinping"),
        ("China", "Prime Minister", date(2014, 11, 10), "Li Keqiang"),
        ("China", "leader", date(2016, 11, 19), "Xi Jinping"),
        ("Japan", "leader", date(2016, 11, 19), "Shinzo Abe"),
        ("Japan", "Prime Minister", date(2025, 11, 1), "Sanae Takaichi"),
        ("South Korea", "President", date(2025, 5, 20), "Lee Ju-ho"),
        ("South Korea", "President", date(2025, 11, 1), "Lee Jae-myung"),
        ("Canada", "Prime Minister", date(2025, 6, 1), "Mark Carney"),
        ("Peru", "President", date(2024, 11, 15), "Dina Boluarte"),
        ("Peru", "President", date(2025, 11, 1), "José Jerí"),
        ("Hong Kong, China", "Chief Executive", date(2023, 11, 16), "John Lee"),
        ("Chinese Taipei", "President", date(2019, 1, 1), "Tsai Ing-wen"),
        ("Germany", "Chancellor", date(2019, 1, 1), "Angela Merkel"),
    ],
)
def test_holder_of_an_office_on_a_date(economy: str, title: str, on: date, expected: str) -> None:
    holder = holder_on(economy, title, on)
    assert holder is not None and holder.person_name == expected


def test_an_office_the_economy_does_not_have_is_nobody() -> None:
    assert holder_on("Japan", "President", date(2010, 6, 10)) is None
    assert holder_on("Atlantis", "President", date(2010, 6, 10)) is None


@pytest.mark.parametrize(
    ("surface", "on", "expected"),
    [
        ("Joseph R. Biden, Jr.", date(2022, 11, 18), "Joe Biden"),
        ("Joe Biden", date(2022, 11, 18), "Joe Biden"),
        ("JOSEPH BIDEN", None, "Joe Biden"),
        ("Lopez Obrador", date(2019, 6, 1), "Andrés Manuel López Obrador"),
        ("López Obrador", None, "Andrés Manuel López Obrador"),
        ("AMLO", date(2020, 1, 1), "Andrés Manuel López Obrador"),
        ("Kishida Fumio", date(2023, 11, 16), "Fumio Kishida"),
        ("Kim Jong Un", date(2018, 6, 12), "Kim Jong-un"),
        ("Lee Jae Myung", date(2025, 10, 31), "Lee Jae-myung"),
        ("Nguyễn Xuân Phúc", date(2017, 11, 10), "Nguyen Xuan Phuc"),
        ("shinzo  ABE", date(1999, 1, 1), "Shinzo Abe"),
    ],
)
def test_name_variants_resolve_to_one_person(surface: str, on: date | None, expected: str) -> None:
    assert canonical_person(surface, on) == expected


def test_a_full_name_picks_the_term_of_the_date() -> None:
    as_vp = resolve_name("Joe Biden", date(2014, 11, 10))
    as_president = resolve_name("Joe Biden", date(2023, 11, 16))
    assert as_vp is not None and as_vp.office == "Vice President"
    assert as_president is not None and as_president.office == "President"


def test_surnames_resolve_only_when_unique_in_office() -> None:
    assert canonical_person("Obama", date(2014, 11, 10)) == "Barack Obama"
    assert canonical_person("Abe", date(2014, 11, 10), "Japan") == "Shinzo Abe"
    assert canonical_person("Abe", date(2022, 11, 18)) is None  # not in office then
    assert canonical_person("Lee", date(2023, 11, 16)) is None  # Singapore, Hong Kong...
    assert canonical_person("Lee", date(2023, 11, 16), "Hong Kong, China") == "John Lee"
    assert canonical_person("Xi", date(2014, 11, 10), "China") == "Xi Jinping"


def test_unknown_names_do_not_resolve() -> None:
    assert resolve_name("Zorblax", date(2014, 11, 10)) is None
    assert resolve_name("Zorblax Quimby", None) is None
    assert resolve_name("", None) is None
    assert canonical_person("Obama", date(2014, 11, 10), "Japan") is None


def test_every_row_has_a_source_and_a_canonical_economy() -> None:
    canonical = {e.economy for e in economies()}
    for holder in holders():
        assert holder.source.strip(), holder
        assert holder.economy in canonical, holder
        assert holder.end is None or holder.end > holder.start, holder


def test_one_holder_per_office_at_a_time() -> None:
    terms = defaultdict(list)
    for holder in holders():
        terms[(holder.economy, holder.office)].append(holder)
    for key, group in terms.items():
        group.sort(key=lambda h: h.start)
        for earlier, later in zip(group, group[1:], strict=False):
            assert earlier.end is not None, key
            assert earlier.end <= later.start + timedelta(days=1), (key, earlier.person_name, later.person_name)


def test_csv_keeps_the_seed_columns_first_and_is_sorted() -> None:
    with (REFERENCE_DIR / "office_holders.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames is not None
        assert reader.fieldnames[:5] == ["economy", "office", "person_name", "start_date", "end_date"]
        rows = list(reader)
    keys = [(r["economy"], r["office"], r["start_date"], r["person_name"]) for r in rows]
    assert keys == sorted(keys)
