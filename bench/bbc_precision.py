"""Run the whole pipeline on the 2,225 unrelated BBC articles and print what it finds about APEC.

Expected: one summit (2004 Santiago, from the one true mention) and nothing else about APEC.
Usage: python -m bench.bbc_precision [LIMIT]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from bench.bbc_corpus import PROJECT_ROOT, write_corpus


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as tmp:
        seeds, database = Path(tmp) / "seeds", Path(tmp) / "bbc.duckdb"
        count = write_corpus(seeds, limit)
        env = {
            **os.environ,
            "SUMMITS_SEEDS_DIR": str(seeds),
            "SUMMITS_DUCKDB_PATH": str(database),
            "SUMMITS_PUBLISH_DIR": str(database.parent / "published"),
            "SUMMITS_REPORTS_DIR": str(database.parent / "reports"),
        }
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "orchestration.cli"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
        )
        elapsed = time.perf_counter() - started
        log = Path(tempfile.gettempdir()) / "bbc_precision_run.log"
        log.write_text(result.stdout + result.stderr, encoding="utf-8")
        summary = [line for line in result.stdout.splitlines() if line.startswith(("documents:", "marts "))]
        print("\n".join(summary) if summary else f"pipeline failed (exit {result.returncode}); log: {log}")
        with duckdb.connect(str(database), read_only=True) as con:
            print(f"articles: {count}  pipeline: {elapsed:.0f} s")
            for mart in ("summits", "attendees", "meetings"):
                rows = con.execute(f"select * from marts.{mart}").fetchall()
                print(f"{mart}: {len(rows)}")
                for row in rows:
                    print("   ", [str(v)[:80] for v in row])
            assigned = "select count(*) from staging.document_facts where summit_year is not null"
            docs = con.execute(assigned).fetchone()[0]
            print(f"documents assigned to an APEC summit: {docs}")


if __name__ == "__main__":
    main()
