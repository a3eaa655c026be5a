"""`python -m evaluation [--db PATH] [--gold PATH]`: print the scores of a warehouse against gold."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from evaluation.scoring import evaluate, format_report

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(os.environ.get("SUMMITS_DUCKDB_PATH", PROJECT_ROOT / "warehouse/summits.duckdb")),
    )
    parser.add_argument("--gold", type=Path, default=PROJECT_ROOT / "tests/fixtures/seeds_gold.json")
    args = parser.parse_args()
    print(format_report(evaluate(args.db, args.gold), "lenient (all required gold items)"))
    print()
    print(format_report(evaluate(args.db, args.gold, strict=True), "strict (explicit gold items only)"))


if __name__ == "__main__":
    main()
