"""Render docs/QUERIES.md: each analyst question of docs/queries/*.sql with its result on the published file.

Usage: python -m orchestration.query_book QUERY_FOLDER OUTPUT.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from orchestration import settings
from orchestration.publishing import connect_published

CELL_LIMIT = 140
INTRO = """# Questions an analyst asks, as SQL

Each query runs on the published, read-only file (`warehouse/published/summits.duckdb`, see the README),
e.g. `duckdb -readonly warehouse/published/summits.duckdb < docs/queries/01_who_met_xi.sql`. The
results below are those on the five seed articles; `make queries` renders this page again from
`docs/queries/*.sql` and the current published file, and a test runs every query.
"""


def read_queries(folder: Path) -> list[tuple[str, str, str]]:
    """(file name, question, SQL) of every `.sql` file, the question being its first comment line."""
    queries = []
    for path in sorted(folder.glob("*.sql")):
        sql = path.read_text(encoding="utf-8").strip()
        question = sql.splitlines()[0].removeprefix("--").strip()
        queries.append((path.name, question, sql))
    return queries


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def markdown_table(columns: list[str], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) if rows else "\n".join(lines) + "\n\n(no rows)"


def render(folder: Path, con) -> str:
    parts = [INTRO]
    for number, (name, question, sql) in enumerate(read_queries(folder), start=1):
        cursor = con.execute(sql)
        columns = [column[0] for column in cursor.description]
        parts.append(
            f"## {number}. {question}\n\n`docs/queries/{name}`\n\n```sql\n{sql}\n```\n\n"
            f"{markdown_table(columns, cursor.fetchall())}\n"
        )
    return "\n".join(parts)


def main() -> int:
    folder, output = Path(sys.argv[1]), Path(sys.argv[2])
    with connect_published(settings.publish_dir()) as con:
        output.write_text(render(folder, con), encoding="utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
