#!/usr/bin/env python3
"""Recall and false changes on the plain cables typed the legacy way.

A check on text the rules were not tuned on.  The dev set's plain cables have
straight marks; this tool types them as the typographic characters the
legacy conversion saw (``don't`` and ``Ba'athists`` → ’, ``the Parties'
views`` → ’, ``"word"`` → “word”, `` -- `` → ``—``), garbles those one for one
as the shared scorer does (’ → ``,``  “ → ``&``  ” → ``8``  — → ``)``), repairs,
and counts per class how many come back.

Cables the repair already changes as they are (they carry legacy damage of
their own: ``Kirchner,s``) are left out, so every legacy character in what is
scored was put there by this tool.  The labels are only as good as the typing
rules below: a ``"`` is an opening quote after a blank, ``(`` or the start and
before a non-blank, a closing one after a non-blank; ``s'`` is a possessive
only before a space and a lowercase letter.

Usage: python tools/score_plain.py ../shared/corpus/dev [--misses CLASS] [--json]
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter

#: How each plain mark is typed, in order: (pattern, typographic character).
TYPING: tuple[tuple["re.Pattern[str]", str], ...] = (
    (re.compile(r"(?<=[A-Za-z])'(?=[A-Za-z])"), "\u2019"),  # don't, Ba'athists
    (re.compile(r"(?<=[sS])'(?= [a-z])"), "\u2019"),  # the Parties' views
    (re.compile(r'(?<![^\s(\[])"(?=[^\s"])'), "\u201c"),
    (re.compile(r'(?<=[^\s"])"(?=[\s.,;:)?!]|$)'), "\u201d"),
    (re.compile(r"(?<= )--(?= )"), "\u2014"),
)
#: The legacy conversion, one character for one.
LEGACY = {"\u2019": ",", "\u201c": "&", "\u201d": "8", "\u2014": ")"}
CLASSES = {"\u2019": "apostrophe", "\u201c": "open_quote", "\u201d": "close_quote", "\u2014": "dash"}


def typed(text: str) -> str:
    """``text`` with its straight marks typed as :data:`TYPING` says."""
    for pattern, char in TYPING:
        text = pattern.sub(char, text)
    return text


def score(corpus: str, misses: str = "") -> dict:
    """Per class: positives, recall; false changes of other characters; the
    excerpts around the misses of class ``misses`` (``"all"`` for every one)."""
    from cablefix import fix_transliteration

    counts: Counter[str] = Counter()
    shown: list[str] = []
    skipped = 0
    with open(f"{corpus}/plain.jsonl", encoding="utf-8") as f:
        for line in f:
            body = json.loads(line)["body"]
            if fix_transliteration(body) != body:
                skipped += 1
                continue
            gold = typed(body)
            garbled = "".join(LEGACY.get(c, c) for c in gold)
            fixed = fix_transliteration(garbled)
            for i, (want, got) in enumerate(zip(gold, fixed)):
                kind = CLASSES.get(want)
                if kind:
                    counts[kind] += 1
                    counts[kind + " found"] += got == want
                    if got != want and misses in (kind, "all"):
                        shown.append(f"{kind}: {garbled[max(0, i - 40):i]}[{garbled[i]}]{garbled[i + 1:i + 30]}")
                elif got != want:
                    counts["false_changes"] += 1
    report: dict = {"cables_left_out": skipped}
    for kind in CLASSES.values():
        n = counts[kind]
        report[kind] = {"positives": n, "recall": round(counts[kind + " found"] / n, 4) if n else 1.0}
    report["false_changes"] = counts["false_changes"]
    if misses:
        report["misses"] = [s.replace("\n", "\u23ce") for s in shown]
    return report


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    misses = argv[argv.index("--misses") + 1] if "--misses" in argv else ""
    report = score(argv[0], misses)
    if "--json" in argv:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    for key, value in report.items():
        if key == "misses":
            print(*value, sep="\n")
        else:
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
