"""The Dagster UI in a real browser: Playwright drives Debian's Chromium (never a downloaded browser)
against `dagster dev` on a temporary instance. It opens the asset lineage, launches a materialisation
of everything, waits for the run to succeed, reads a mart's row count from the page, takes a screenshot
and opens the 2024 summit report, whose disputed facts are marked. A summit report written from a small
published file is checked in the browser too (fast, no Dagster). Skipped, with the reason printed, only
where Chromium is not installed."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from orchestration.dev_server import dagster_dev, free_port
from orchestration.reports import write_reports
from tests.conftest import FIXTURES, PROJECT_ROOT
from tests.test_reports import lima_2024

CHROMIUM = Path(os.environ.get("SUMMITS_CHROMIUM", "/usr/bin/chromium"))
LOCATION = "orchestration.definitions"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    reason = f"Chromium is not installed at {CHROMIUM} (make test installs Debian's chromium where it can)"
    print(f"\nskipping the browser test: {reason}", file=sys.stderr)
    pytest.skip(reason, allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


def _wait_until_serving(url: str, log: Path, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/server_info", timeout=5) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    pytest.fail(f"dagster dev did not serve {url} in {seconds} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def dagster_ui(tmp_path_factory):
    root = tmp_path_factory.mktemp("ui")
    home, seeds = root / "dagster_home", root / "seeds"
    home.mkdir()
    shutil.copytree(FIXTURES / "seeds", seeds)
    shutil.copy(PROJECT_ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    port, log = free_port(), root / "dagster.log"
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "SUMMITS_SEEDS_DIR": str(seeds),
        "SUMMITS_DUCKDB_PATH": str(root / "summits.duckdb"),
        "SUMMITS_PUBLISH_DIR": str(root / "published"),
        "SUMMITS_REPORTS_DIR": str(root / "reports"),
        "SUMMITS_AUTOMATION": "off",  # only what the test launches from the UI runs
        "PYTHONPATH": str(PROJECT_ROOT),
        "DO_NOT_TRACK": "1",
        "DAGSTER_DISABLE_TELEMETRY": "1",
    }
    with dagster_dev(LOCATION, env, port, log):
        url = f"http://127.0.0.1:{port}"
        _wait_until_serving(url, log)
        yield url, root


@pytest.fixture()
def page(tmp_path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        # A new instance greets a localhost visitor with a newsletter dialog over every page; the UI skips
        # it when the browser remembers it was dismissed (its `communityNux` key in local storage).
        context.add_init_script("window.localStorage.setItem('communityNux', JSON.stringify('1'))")
        page = context.new_page()
        yield page
        browser.close()


def test_materialize_everything_from_the_ui(dagster_ui, page: Page, tmp_path) -> None:
    url, root = dagster_ui

    # The lineage: the layers (sources, staging, intermediate, marts, published), connected.
    page.goto(f"{url}/asset-groups", wait_until="domcontentloaded")
    for group in ("sources", "staging", "intermediate", "marts", "published"):
        expect(page.get_by_text(group, exact=True).first).to_be_visible(timeout=60_000)
    assert page.locator("svg path").count() >= 6  # the edges between the groups
    page.screenshot(path=str(tmp_path / "lineage.png"))

    # Launch a materialisation of everything (the reconcile job holds every unpartitioned asset).
    page.goto(f"{url}/locations/{LOCATION}/jobs/reconcile_warehouse", wait_until="domcontentloaded")
    page.get_by_role("button", name=re.compile(r"Materialize all")).click(timeout=60_000)
    # The UI warns that the per-file assets upstream were never materialised; the job stages them itself.
    page.get_by_role("button", name="Confirm").click(timeout=60_000)

    # Wait for the run to succeed, as the Runs page shows it.
    page.goto(f"{url}/runs", wait_until="domcontentloaded")
    expect(page.get_by_text("Success", exact=True).first).to_be_visible(timeout=600_000)

    # A mart's row count, read from its asset page, is the count in the warehouse.
    page.goto(f"{url}/assets/marts/summits", wait_until="domcontentloaded")
    row_count = page.get_by_text("Row count", exact=True).first
    expect(row_count).to_be_visible(timeout=60_000)
    shown = row_count.locator("xpath=..").inner_text()
    with duckdb.connect(str(root / "summits.duckdb"), read_only=True) as con:
        actual = con.execute("select count(*) from marts.summits").fetchone()[0]
    assert re.search(rf"\b{actual}\b", shown.replace("Row count", "")), shown
    screenshot = tmp_path / "marts_summits.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000

    # The summit report drawn from the published marts marks the disputed Japanese prime minister.
    page.goto((root / "reports" / "apec-2024.html").as_uri(), wait_until="domcontentloaded")
    disputed = page.locator("tr.attendee.has-conflict", has_text="Shizo Abe").locator(".disputed")
    expect(disputed).to_be_visible(timeout=10_000)
    expect(page.locator("section.conflict").first).to_be_visible()


def test_summit_report_shows_disputed_facts(page: Page, tmp_path) -> None:
    """A report page in the browser: the disputed badge of an attendee is visible and leads to both claims."""
    with duckdb.connect(str(lima_2024().write(tmp_path / "summits.duckdb")), read_only=True) as con:
        (report,) = write_reports(con, tmp_path / "reports")
    page.goto(report.files["page"].as_uri(), wait_until="domcontentloaded")
    badge = page.locator("tr.attendee.has-conflict", has_text="Shizo Abe").locator("a.disputed[data-conflict]")
    expect(badge).to_be_visible()
    badge.click()
    conflict = page.locator("section.conflict[data-conflict='c-japan-pm']")
    expect(conflict).to_be_in_viewport()
    expect(conflict.locator(".claim-a")).to_contain_text("Shizo Abe")
    expect(conflict.locator(".claim-b")).to_contain_text("Shigeru Ishiba")
    expect(page.locator("img[alt='meeting network']")).to_be_visible()
    assert page.evaluate("document.querySelector(\"img[alt='meeting network']\").naturalWidth") > 0
