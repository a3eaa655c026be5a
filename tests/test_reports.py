"""The summit reports, written from a small published file made here (no pipeline run): sources instead of
document ids, disputed facts marked with both claims, one colour per economy, no stale files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import matplotlib.image
import numpy as np
import pytest

from orchestration.report_pictures import ECONOMY_PALETTE, economy_colour, reference_economies
from orchestration.reports import write_reports

ABE_DOC, ISHIBA_DOC, LIMA_DOC = "6db1ba94f160e37b", "1ba410a60e5bcd3a", "c221dd345ba960e2"
ABE_SENTENCE = "President Biden, along with Japanese Prime Minister Shizo Abe, met in Lima."
ISHIBA_SENTENCE = "President Joe Biden met Japanese Prime Minister Ishiba Shigeru on Friday, November 15."

TABLES = {
    "summits": "summit_id varchar, summit_name varchar, host_city varchar, start_date date, end_date date, year int",
    "meeting_participants": "meeting_id varchar, person_name varchar, economy varchar",
    "meetings": "summit_id varchar, meeting_id varchar, meeting_date date, meeting_type varchar, status varchar,"
    " location varchar, participant_names varchar[], evidence_sentences varchar[], document_ids varchar[],"
    " has_conflict boolean",
    "attendees": "summit_id varchar, person_name varchar, role varchar, economy varchar, attendee_kind varchar,"
    " evidence varchar, evidence_document_id varchar, evidence_sentence_index int, has_conflict boolean",
    "conflicts": "conflict_id varchar, kind varchar, summit_id varchar, subject varchar, claim_a varchar,"
    " claim_b varchar, evidence_a varchar, evidence_b varchar, documents varchar[]",
    "documents": "document_id varchar, file_name varchar, file_names varchar[], title varchar,"
    " source_outlet varchar, publication_date date, dateline_date date, summit_id varchar,"
    " is_live_blog boolean, status varchar, error_reason varchar, sentence_count int,"
    " person_mention_count int, attendee_count int, meeting_mention_count int",
}


@dataclass
class Marts:
    """Rows of a published file, per mart."""

    rows: dict[str, list[tuple]] = field(default_factory=lambda: {table: [] for table in TABLES})

    def summit(self, summit_id: str, year: int, city: str) -> None:
        days = date(year, 11, 14), date(year, 11, 16)
        self.rows["summits"].append((summit_id, f"APEC {year} {city}", city, *days, year))

    def document(self, document_id: str, summit_id: str, title: str | None, outlet: str, day: date) -> None:
        name = f"{document_id[:3]}_{document_id}.txt"
        self.rows["documents"].append(
            (document_id, name, [name], title, outlet, day, day, summit_id, False, "extracted", None, 20, 5, 3, 2)
        )

    def meeting(self, summit_id: str, meeting_id: str, people: list[tuple[str, str]], documents: list[str], *,
                sentences: list[str], disputed: bool = False) -> None:  # fmt: skip
        names = [name for name, _ in people]
        self.rows["meetings"].append(
            (summit_id, meeting_id, date(2024, 11, 15), "bilateral", "held", "Lima", names, sentences, documents,
             disputed)
        )  # fmt: skip
        self.rows["meeting_participants"] += [(meeting_id, name, economy) for name, economy in people]

    def attendee(self, summit_id: str, name: str, economy: str, document_id: str, *, disputed: bool = False) -> None:
        self.rows["attendees"].append(
            (summit_id, name, "Prime Minister", economy, "leader", f"{name} arrived.", document_id, 1, disputed)
        )

    def write(self, path: Path, *, with_documents: bool = True) -> Path:
        path.unlink(missing_ok=True)
        with duckdb.connect(str(path)) as con:
            con.execute("create schema marts")
            for table, columns in TABLES.items():
                if table == "documents" and not with_documents:
                    continue
                con.execute(f"create table marts.{table} ({columns})")
                for row in self.rows[table]:
                    con.execute(f"insert into marts.{table} values ({', '.join('?' * len(row))})", list(row))
        return path


def lima_2024() -> Marts:
    """APEC 2024 with a misspelt Japanese prime minister beside the right one, and a weekday dispute."""
    marts = Marts()
    marts.summit("apec-2024", 2024, "Lima")
    marts.document(ABE_DOC, "apec-2024", "APEC Summit Convenes: Leaders Gather Again", "Yonhap", date(2024, 11, 16))
    marts.document(ISHIBA_DOC, "apec-2024", None, "Kyodo", date(2024, 11, 14))  # no title: the file name shows
    marts.attendee("apec-2024", "Shigeru Ishiba", "Japan", ISHIBA_DOC, disputed=True)
    marts.attendee("apec-2024", "Shizo Abe", "Japan", ABE_DOC, disputed=True)
    marts.attendee("apec-2024", "Joe Biden", "United States", ISHIBA_DOC)
    marts.meeting(
        "apec-2024", "m-biden-ishiba", [("Joe Biden", "United States"), ("Shigeru Ishiba", "Japan")],
        [ABE_DOC, ISHIBA_DOC], sentences=[ABE_SENTENCE, ISHIBA_SENTENCE], disputed=True,
    )  # fmt: skip
    marts.meeting("apec-2024", "m-biden-boric", [("Joe Biden", "United States"), ("Gabriel Boric", "Chile")],
                  [ISHIBA_DOC], sentences=["Biden met Boric."])  # fmt: skip
    marts.rows["conflicts"] += [
        ("c-japan-pm", "two_people_one_office", "apec-2024", "Japan Prime Minister at apec-2024", "Shizo Abe",
         "Shigeru Ishiba", ABE_SENTENCE, ISHIBA_SENTENCE, [ISHIBA_DOC, ABE_DOC]),
        ("c-weekday", "meeting_weekday", "apec-2024", "meeting of Joe Biden, Shigeru Ishiba", "Friday",
         "2024-11-15 is a Thursday", ISHIBA_SENTENCE, "calendar", [ISHIBA_DOC]),
    ]  # fmt: skip
    return marts


class _Page(HTMLParser):
    """The text a reader sees (no attributes, no style) and every element's attributes."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.visible: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_style = tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.visible.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.visible).split())

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for _, attrs in self.elements if name in (attrs.get("class") or "").split()]


@pytest.fixture()
def lima_reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    with duckdb.connect(str(lima_2024().write(tmp_path / "summits.duckdb")), read_only=True) as con:
        write_reports(con, folder)
    return folder


def test_sources_show_titles_outlets_and_dates_never_document_ids(lima_reports: Path) -> None:
    page = _Page((lima_reports / "apec-2024.html").read_text(encoding="utf-8"))
    assert "APEC Summit Convenes: Leaders Gather Again" in page.text and "Yonhap" in page.text
    assert "16 Nov 2024" in page.text and "14 Nov 2024" in page.text
    assert f"1ba_{ISHIBA_DOC}.txt" in page.text  # no title: the file name stands in
    for document_id in (ABE_DOC, ISHIBA_DOC):
        assert not re.search(rf"(?<!_){document_id}(?!\.txt)", page.text), document_id
    assert {attrs.get("title") for attrs in page.with_class("source")} >= {f"6db_{ABE_DOC}.txt"}  # tooltip
    sources = page.text.split("Sources (2)")[1]  # the list at the end
    assert "Yonhap" in sources and "Kyodo" in sources


def test_disputed_attendees_and_meetings_are_marked_with_both_claims(lima_reports: Path) -> None:
    html = (lima_reports / "apec-2024.html").read_text(encoding="utf-8")
    page = _Page(html)
    assert "Disputed facts (2)" in page.text
    rows = re.findall(r'<tr class="(attendee|meeting)( has-conflict)?">(.*?)</tr>', html, flags=re.S)
    marked = [(kind, _Page(cells).text) for kind, flag, cells in rows if flag and 'class="disputed"' in cells]
    attendees = {text.split(" disputed")[0] for kind, text in marked if kind == "attendee"}
    assert attendees == {"Shigeru Ishiba", "Shizo Abe"}
    assert [text.split("disputed")[0] for kind, text in marked if kind == "meeting"] == ["2024-11-15 "]  # the date
    assert not any("Boric" in cells and 'class="disputed"' in cells for _, _, cells in rows)
    badges = page.with_class("disputed")
    assert any("c-japan-pm" in (attrs.get("data-conflict") or "") for attrs in badges)
    assert any("c-weekday" in (attrs.get("data-conflict") or "") for attrs in badges)  # a kind new to the code
    conflict = html.split('id="conflict-c-japan-pm"')[1].split("</section>")[0]
    assert "Claim A: Shizo Abe" in conflict and "Claim B: Shigeru Ishiba" in conflict
    assert ABE_SENTENCE in conflict and ISHIBA_SENTENCE in conflict and "Yonhap" in conflict
    assert "2024-11-15 is a Thursday" in html.split('id="conflict-c-weekday"')[1]


def _has_pixel(picture: Path, colour: str) -> bool:
    pixels = (matplotlib.image.imread(picture)[..., :3] * 255).round().astype(int)
    wanted = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    return bool((np.abs(pixels - wanted).max(axis=-1) <= 1).any())


def test_an_economy_keeps_its_colour_whatever_the_other_economies(tmp_path: Path) -> None:
    other = Marts()
    other.summit("apec-2023", 2023, "San Francisco")
    other.document(LIMA_DOC, "apec-2023", "Leaders meet", "AP", date(2023, 11, 16))
    other.meeting("apec-2023", "m-2023", [("Joe Biden", "United States"), ("Xi Jinping", "China"),
                  ("Anthony Albanese", "Australia")], [LIMA_DOC], sentences=["They met."])  # fmt: skip
    colours = {}
    for name, marts in (("lima", lima_2024()), ("sf", other)):
        folder = tmp_path / name
        with duckdb.connect(str(marts.write(tmp_path / f"{name}.duckdb")), read_only=True) as con:
            (report,) = write_reports(con, folder)
        page = _Page(report.files["page"].read_text(encoding="utf-8"))
        colours[name] = {attrs["data-economy"]: attrs["style"] for attrs in page.with_class("swatch")}
        assert _has_pixel(report.files["network"], economy_colour("United States"))
    assert colours["lima"]["United States"] == colours["sf"]["United States"]
    assert economy_colour("United States") != economy_colour("Japan") != economy_colour("China")
    assert len(set(ECONOMY_PALETTE)) == len(ECONOMY_PALETTE) >= len(reference_economies())
    assert economy_colour("Atlantis") == economy_colour("Atlantis") != economy_colour(None)


def test_reports_folder_mirrors_the_marts(tmp_path: Path) -> None:
    folder, database = tmp_path / "reports", tmp_path / "summits.duckdb"
    marts = lima_2024()
    marts.summit("apec-2023", 2023, "San Francisco")
    (folder / "notes").mkdir(parents=True)
    (folder / "README.txt").write_text("not a report", encoding="utf-8")
    with duckdb.connect(str(marts.write(database)), read_only=True) as con:
        write_reports(con, folder)
    assert (folder / "apec-2023.html").exists() and (folder / "apec-2023-network.png").exists()
    with duckdb.connect(str(lima_2024().write(database)), read_only=True) as con:  # 2023's documents removed
        write_reports(con, folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.txt", "apec-2024-network.png", "apec-2024-timeline.png", "apec-2024.html", "index.html", "notes",
    ]  # fmt: skip
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="apec-2024.html"' in index and "apec-2023" not in index


def test_reports_without_a_documents_mart_show_no_ids(tmp_path: Path) -> None:
    with duckdb.connect(str(lima_2024().write(tmp_path / "s.duckdb", with_documents=False)), read_only=True) as con:
        (report,) = write_reports(con, tmp_path / "reports")
    text = _Page(report.files["page"].read_text(encoding="utf-8")).text
    assert ABE_DOC not in text and ISHIBA_DOC not in text and "unpublished source" in text
