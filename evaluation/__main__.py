"""`python -m evaluation`: build a fresh warehouse from each evaluation set's documents (seeds, dev_a,
dev_b) and score it against the set's gold, each set and pooled; or, with --db and --gold, score an
existing warehouse."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from evaluation.build import SETS, BuildError, EvalSet, build_warehouses
from evaluation.report import SetResult, as_json, format_documents, format_figures, format_summary, pooled
from evaluation.scoring import evaluate, load_gold

POOLS = {"dev_a+dev_b": ("dev_a", "dev_b"), "seeds+dev_a+dev_b": ("seeds", "dev_a", "dev_b")}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    parser.add_argument("--set", dest="sets", action="append", choices=list(SETS), help="only this set (repeatable)")
    parser.add_argument("--db", type=Path, help="score this existing warehouse instead of building (with --gold)")
    parser.add_argument("--gold", type=Path, help="gold file for --db (default: the seeds' gold)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the warehouses in DIR/<set> and keep them")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure as JSON to PATH")
    parser.add_argument("--quiet", action="store_true", help="no per-document listing of errors")
    return parser


def _result(name: str, database: Path, gold: Path) -> SetResult:
    documents = len(load_gold(gold)[0]["documents"])
    return SetResult(name, evaluate(database, gold), evaluate(database, gold, strict=True), documents)


def _build_and_score(sets: list[EvalSet], root: Path) -> list[SetResult]:
    started = time.monotonic()
    print(f"building {', '.join(s.name for s in sets)} in {root} ...", file=sys.stderr, flush=True)
    databases = build_warehouses(sets, root)
    print(f"built in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return [_result(s.name, databases[s.name], s.gold) for s in sets]


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.db and (args.sets or args.keep):
        parser.error("--db scores an existing warehouse: --set and --keep do not apply")
    if args.gold and not args.db:
        parser.error("--gold goes with --db")
    try:
        if args.db:
            gold = args.gold or SETS["seeds"].gold
            name = next((s.name for s in SETS.values() if s.gold == gold.resolve()), gold.stem)
            results = [_result(name, args.db, gold)]
        else:
            sets = [SETS[name] for name in dict.fromkeys(args.sets or SETS)]
            if args.keep:
                results = _build_and_score(sets, args.keep)
            else:
                with tempfile.TemporaryDirectory(prefix="summits-eval-") as root:
                    results = _build_and_score(sets, Path(root))
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    names = {r.name for r in results}
    results += [
        pooled(name, [r for r in results if r.name in members])
        for name, members in POOLS.items()
        if names >= set(members)
    ]
    for result in results:
        print(format_figures(result))
        if not (args.quiet or result.pooled):
            print(
                f"-- {result.name}: errors per document (lenient; unlisted documents have none;"
                " [implied]/[role_only] items do not count in strict)"
            )
            print(format_documents(result.lenient))
        print()
    print(format_summary(results))
    if args.json:
        args.json.write_text(json.dumps(as_json(results), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
