"""Score ``cablefix.parse`` on the parse gold, field by field.

    python tools/score_parse.py                 # table of accuracy per field
    python tools/score_parse.py --json          # the same as JSON
    python tools/score_parse.py --misses tags   # the entries where a field is wrong

Accuracy of a field = exact matches / entries whose ``expected`` has that
field.  Tuples compare as lists; dates and datetimes as ISO strings.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from cablefix import parse

GOLD = Path(__file__).resolve().parent.parent / "fixtures" / "parse-gold.json"


def _plain(value: Any) -> Any:
    """A field value in the gold's JSON form."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def load(path: Path = GOLD) -> list[dict]:
    """The gold's entries."""
    return json.loads(path.read_text(encoding="utf-8"))["entries"]


def score(entries: list[dict]) -> dict[str, dict]:
    """Per field: ``n`` entries, ``correct`` matches, ``accuracy``, ``misses``
    (labels with the expected and the parsed value)."""
    out: dict[str, dict] = {}
    for entry in entries:
        cable = parse(entry["text"], year=entry.get("year"))
        got = {f.name: _plain(getattr(cable, f.name)) for f in dataclasses.fields(cable)}
        for field, want in entry["expected"].items():
            row = out.setdefault(field, {"n": 0, "correct": 0, "misses": []})
            row["n"] += 1
            if got.get(field) == want:
                row["correct"] += 1
            else:
                row["misses"].append({"label": entry["label"], "expected": want, "got": got.get(field)})
    for row in out.values():
        row["accuracy"] = row["correct"] / row["n"] if row["n"] else 1.0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="?", type=Path, default=GOLD, help="gold file (default: fixtures/parse-gold.json)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--misses", metavar="FIELD", help="list the entries where FIELD is wrong")
    args = ap.parse_args(argv)
    entries = load(args.gold)
    result = score(entries)
    if args.misses:
        for miss in result.get(args.misses, {}).get("misses", []):
            print(json.dumps(miss, ensure_ascii=False))
        return 0
    if args.json:
        print(json.dumps({k: {"n": v["n"], "correct": v["correct"], "accuracy": round(v["accuracy"], 4)}
                          for k, v in result.items()}, indent=1))
        return 0
    print(f"parse gold: {len(entries)} entries ({args.gold.name})")
    print(f"{'field':<18}{'correct':>9}{'n':>6}{'accuracy':>10}")
    for field, row in result.items():
        print(f"{field:<18}{row['correct']:>9}{row['n']:>6}{row['accuracy']:>9.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
