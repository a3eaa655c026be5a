"""End to end with a real Dagster instance, as `make dev` runs it: the daemon's sensors pick up new,
changed, removed and many files in a temporary seeds folder, and the marts follow by themselves."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from orchestration.dev_server import dagster_dev, free_port
from tests.conftest import FIXTURES, PROJECT_ROOT

TRILATERAL_2023 = "001_6aeff7dc8888fcec.txt"
WAIT_SECONDS = 420


def _query(database: Path, sql: str) -> list[tuple] | None:
    """Read the warehouse; None while a writer holds it or a table is not built yet."""
    try:
        with duckdb.connect(str(database), read_only=True) as con:
            return con.execute(sql).fetchall()
    except duckdb.Error:
        return None


def _wait_for(check: Callable[[], bool], what: str, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(3)
    pytest.fail(f"timed out after {WAIT_SECONDS} s waiting for {what}; log tail:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def live_instance(tmp_path_factory):
    root = tmp_path_factory.mktemp("live")
    home, seeds, database, log = root / "dagster_home", root / "seeds", root / "summits.duckdb", root / "dagster.log"
    home.mkdir()
    seeds.mkdir()
    shutil.copy(PROJECT_ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "SUMMITS_SEEDS_DIR": str(seeds),
        "SUMMITS_DUCKDB_PATH": str(database),
        "SUMMITS_PUBLISH_DIR": str(root / "published"),
        "SUMMITS_REPORTS_DIR": str(root / "reports"),
        "SUMMITS_SENSOR_INTERVAL": "5",
        "SUMMITS_AUTOMATION_INTERVAL": "5",
        "SUMMITS_SETTLE_SECONDS": "1",
        "PYTHONPATH": str(PROJECT_ROOT),
        "DO_NOT_TRACK": "1",
        "DAGSTER_DISABLE_TELEMETRY": "1",
    }
    with dagster_dev("orchestration.definitions", env, free_port(), log):
        yield seeds, database, log


def _meeting_count(database: Path, names: str) -> int:
    rows = _query(database, f"select count(*) from marts.meetings where participant_names = {names}")
    return rows[0][0] if rows else -1


def test_folder_changes_flow_into_the_marts(live_instance) -> None:
    seeds, database, log = live_instance
    trilateral = "['Antony Blinken', 'Park Jin', 'Yoko Kamikawa']"

    # A new article: its meeting appears.
    shutil.copy(FIXTURES / "seeds" / TRILATERAL_2023, seeds / TRILATERAL_2023)
    _wait_for(lambda: _meeting_count(database, trilateral) == 1, "the 2023 trilateral in marts.meetings", log)

    # A changed article: the change shows (Kamikawa is cut out of the text, so the trilateral goes).
    text = (seeds / TRILATERAL_2023).read_text(encoding="utf-8")
    (seeds / TRILATERAL_2023).write_text(
        text.replace("and Japanese Foreign Minister Yoko Kamikawa ", ""), encoding="utf-8"
    )
    _wait_for(lambda: _meeting_count(database, trilateral) == 0, "the edited article to replace its meeting", log)

    # A removed article: its rows go.
    (seeds / TRILATERAL_2023).unlink()
    _wait_for(
        lambda: (_query(database, "select count(*) from marts.summits") or [(-1,)])[0][0] == 0,
        "the removed article's summit to leave marts.summits",
        log,
    )

    # Ten files at once: all ten are staged and reach the marts.
    for number in range(10):
        source = sorted((FIXTURES / "seeds").iterdir())[number % 5]
        (seeds / f"batch_{number:02d}.txt").write_text(
            source.read_text(encoding="utf-8") + f"\n\nCopy {number}.\n", encoding="utf-8"
        )
    _wait_for(
        lambda: (
            (_query(database, "select count(*) from staging.documents") or [(0,)])[0][0] == 10
            and (_query(database, "select count(*) from marts.summits") or [(0,)])[0][0] == 3
        ),
        "ten new documents and their three summits",
        log,
    )

    # The published copy for readers follows the marts by itself.
    published = database.parent / "published" / "summits.duckdb"
    _wait_for(
        lambda: (_query(published, "select count(*) from marts.summits") or [(0,)])[0][0] == 3,
        "the published file to show the three summits",
        log,
    )
