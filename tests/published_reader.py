"""A reader of the published file in a process of its own, as a BI tool is: it holds one connection
(SQLAlchemy `duckdb_engine` or plain duckdb, read-only) and reads until told to stop.

Usage: python -m tests.published_reader {sqlalchemy|duckdb} PUBLISH_DIR STOP_FILE RESULT_JSON
Every read checks that the publication's row counts match the marts in the same file. The result lists
the versions seen and any error.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb
import sqlalchemy as sa

from orchestration.publishing import MARTS, PUBLISHED_DB_NAME


def read_consistent(run_query) -> list[str]:
    """The version and time of the publication read, after checking its row counts against the marts."""
    version, published_at, counts = run_query(
        "select version, published_at::varchar, row_counts from marts.publication"
    )[0]
    counts = json.loads(counts) if isinstance(counts, str) else counts
    for mart in MARTS:
        found = run_query(f"select count(*) from marts.{mart}")[0][0]
        if found != counts[mart]:
            raise AssertionError(f"{mart}: {found} rows, the publication says {counts[mart]}")
    return [version, published_at]


def main() -> int:
    kind, folder, stop, result = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    database = folder / PUBLISHED_DB_NAME
    held, errors, reads = [], [], 0
    if kind == "sqlalchemy":
        connection = sa.create_engine(f"duckdb:///{database}", connect_args={"read_only": True}).connect()
        held_query = lambda sql: connection.execute(sa.text(sql)).fetchall()  # noqa: E731
    else:
        connection = duckdb.connect(str(database), read_only=True)
        held_query = lambda sql: connection.execute(sql).fetchall()  # noqa: E731
    ready = result.with_suffix(".ready")
    while not stop.exists():
        try:
            held.append(read_consistent(held_query))
        except Exception as error:  # recorded for the test to report
            errors.append(f"{type(error).__name__}: {error}")
        reads += 1
        ready.touch()
        time.sleep(0.1)
    connection.close()
    result.write_text(json.dumps({"reads": reads, "held": held, "errors": errors}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
