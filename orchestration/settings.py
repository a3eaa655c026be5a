"""Paths and options from the environment (SUMMITS_*), with defaults relative to the project."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


def seeds_dir() -> Path:
    return Path(os.environ.get("SUMMITS_SEEDS_DIR", PROJECT_ROOT / "seeds")).resolve()


def duckdb_path() -> Path:
    return Path(os.environ.get("SUMMITS_DUCKDB_PATH", PROJECT_ROOT / "warehouse" / "summits.duckdb")).resolve()


def publish_dir() -> Path:
    """Where the read-only copy of the marts (DuckDB file and Parquet files) is published for readers."""
    return Path(os.environ.get("SUMMITS_PUBLISH_DIR", PROJECT_ROOT / "warehouse" / "published")).resolve()


def reports_dir() -> Path:
    """Where the summit reports (PNG pictures and HTML pages) are written."""
    return Path(os.environ.get("SUMMITS_REPORTS_DIR", PROJECT_ROOT / "warehouse" / "reports")).resolve()


def automation_on() -> bool:
    """Whether the sensors and the nightly schedule start running (SUMMITS_AUTOMATION=off: only what
    you launch runs; they can still be switched on in the UI)."""
    return os.environ.get("SUMMITS_AUTOMATION", "on").strip().lower() not in {"off", "0", "false", "no"}
