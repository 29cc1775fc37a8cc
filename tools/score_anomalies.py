#!/usr/bin/env python3
"""Score ``split`` on the records of ``anomalies.jsonl`` that are not one cable.

- ``embedded_csv_row``: an export pasted whole ``cables.csv`` rows into a
  body.  The hand-read gold (``fixtures/embedded_rows.json``) says where each
  row starts and the fields of its cable.  A record counts as right when a
  segment starts at each row (only blanks, a quote or a comma between, the
  end of the field before), no other segment starts, and each row's cable has
  the row's reference id, record id, date, origin (blanks aside),
  classification and references (the gold's among the cable's), and a body
  that is the row's body unquoted (its first and last characters, no doubled
  quote left).
- ``body_of_another_cable``: one cable whose body is another's; right when
  it gives one segment.

Usage: python tools/score_anomalies.py ../shared/corpus/large [--show]
"""
from __future__ import annotations

import json
import pathlib
import re
import sys

from cablefix import split

GOLD = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "embedded_rows.json"
_JOINT = re.compile(r'[\s",]*')


def _letters(value: str | None) -> str:
    return re.sub(r"[^a-z]", "", (value or "").lower())


def row_problems(segments: list, row: dict, text: str) -> list[str]:
    """What is wrong with the segment of one gold row (empty when right)."""
    at = [s for s in segments if s.start <= row["start"] and _JOINT.fullmatch(text[s.start : row["start"]])]
    if row["start"] and not any(s.start > 0 for s in at):
        return ["not cut at the row"]
    cable = at[-1].cable
    wrong = [
        name
        for name in ("reference_id", "record_id", "record_date", "classification")
        if getattr(cable, name) != row[name]
    ]
    if _letters(cable.origin) != _letters(row["origin"]):
        wrong.append("origin")
    if not set(row["references"]) <= set(cable.references):
        wrong.append("references")
    body = cable.body
    if not (body.startswith(row["body_head"]) and body.rstrip().endswith(row["body_tail"])) or '""' in body:
        wrong.append("body")
    return wrong


def score(corpus: str, show: bool = False) -> dict:
    gold = {g["id"]: g["rows"] for g in json.loads(GOLD.read_text(encoding="utf-8"))["records"]}
    rows_right = rows = records_right = 0
    other_right = others = 0
    for line in open(f"{corpus}/anomalies.jsonl", encoding="utf-8"):
        record = json.loads(line)
        text = record["body"]
        segments = split(text)
        if record["kind"] == "body_of_another_cable":
            others += 1
            other_right += len(segments) == 1
            if show and len(segments) != 1:
                print(record["id"], "split in", len(segments))
            continue
        if record["kind"] != "embedded_csv_row":
            continue
        expected = gold[record["id"]]
        problems = [(row["reference_id"], row_problems(segments, row, text)) for row in expected]
        cuts = sum(1 for row in expected if row["start"] > 0)
        extra = len(segments) - 1 - cuts
        ok = all(not p for _, p in problems) and extra == 0
        rows += len(expected)
        rows_right += sum(not p for _, p in problems)
        records_right += ok
        if show and not ok:
            print(record["id"], [(ref, p) for ref, p in problems if p], f"{extra:+d} segments" if extra else "")
    return {
        "embedded_csv_row_records": len(gold),
        "records_right": records_right,
        "records_right_rate": round(records_right / len(gold), 4),
        "rows": rows,
        "rows_right": rows_right,
        "body_of_another_cable_records": others,
        "body_of_another_cable_one_segment": other_right,
    }


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    result = score(argv[0], "--show" in argv)
    print("\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
