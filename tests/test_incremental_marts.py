"""Marts are incremental: a build writes only the rows that changed, and a changed contract rebuilds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from orchestration.publishing import MARTS
from tests.conftest import PROJECT_ROOT
from tests.test_warehouse import _snapshot

DBT_DIR = PROJECT_ROOT / "dbt_project"


def _dbt(database: Path, target: Path, *args: str) -> None:
    env = {**os.environ, "SUMMITS_DUCKDB_PATH": str(database), "DO_NOT_TRACK": "1"}
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [str(dbt), *args, "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR), "--target-path", str(target)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_incremental_build_repairs_changed_duplicated_and_stray_rows(built_warehouse, tmp_path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(built_warehouse, copy)
    expected = _snapshot(copy)
    with duckdb.connect(str(copy)) as con:
        first = con.execute("select min(meeting_id) from marts.meetings").fetchone()[0]
        con.execute("update marts.meetings set location = 'Nowhere' where meeting_id = ?", [first])
        con.execute("insert into marts.people select * from marts.people order by person_id limit 1")
        con.execute("insert into marts.summits select * replace ('apec-1900' as summit_id) from marts.summits limit 1")

    _dbt(copy, tmp_path / "target", "run", "--select", "marts")

    assert _snapshot(copy) == expected  # the edited, duplicated and stray rows are repaired
    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.execute("select count(*) from marts.summits where summit_id = 'apec-1900'").fetchone()[0] == 0


def test_a_mart_whose_columns_changed_is_rebuilt(built_warehouse, tmp_path) -> None:
    from orchestration.defs.dbt import drop_tables_off_contract

    copy = tmp_path / "copy.duckdb"
    shutil.copy(built_warehouse, copy)
    manifest = json.loads((DBT_DIR / "target" / "manifest.json").read_text())
    with duckdb.connect(str(copy)) as con:
        assert drop_tables_off_contract(con, manifest) == []
        con.execute("alter table marts.people add column retired_column integer")
        assert drop_tables_off_contract(con, manifest) == ["marts.people"]

    _dbt(copy, tmp_path / "target", "run", "--select", "marts")
    assert set(_snapshot(copy)) == set(MARTS)
    with duckdb.connect(str(copy), read_only=True) as con:
        columns = [row[0] for row in con.execute("describe marts.people").fetchall()]
    assert "retired_column" not in columns
