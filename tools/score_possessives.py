#!/usr/bin/env python3
"""Recall of s-final possessives (``the Partners’ interest``) on the dev set.

The shared scorer counts every apostrophe together; this one isolates the
hard class the field guide describes: an apostrophe after a word ending in
``s`` with no letter after it, which the legacy conversion turned into a
comma that looks like punctuation (``the Partners, interest``).  Uses the
shared scorer's own garbling, so the positions are the same.

With ``--plain``, a second check on cables the rules were not tuned on: the
plain set's straight apostrophes after a letter are turned into commas (the
legacy damage, done to ASCII text) and every ``s'``/``s,`` before a space and a
lowercase word is scored.  Its labels are noisy: some plain cables were
damaged already (``Kirchner,s``), so a few real possessives typed as commas
count as false changes.

Usage: python tools/score_possessives.py ../shared/corpus/dev [--plain] [--json]
"""
from __future__ import annotations

import json
import pathlib
import re
import sys


def score(corpus: str) -> dict:
    sys.path.insert(0, str(pathlib.Path(corpus).resolve().parent.parent / "eval"))
    from score_transliteration import garble, load, truth  # type: ignore

    from cablefix import fix_transliteration

    positives = found = false = 0
    for rec in load(f"{corpus}/unicode.jsonl"):
        gold = truth(rec["body"])
        fixed = fix_transliteration(garble(gold))
        for i, ch in enumerate(gold):
            after = gold[i + 1 : i + 2]
            if i and gold[i - 1] in "sS" and not after.isalpha() and ch in ",\u2019":
                if ch == "\u2019":
                    positives += 1
                    found += fixed[i] == "\u2019"
                elif fixed[i] != ",":
                    false += 1
    return {
        "s_final_possessives": positives,
        "recall": round(found / positives, 4) if positives else 1.0,
        "false_changes_of_commas_after_s": false,
    }


#: An apostrophe after a letter, in ASCII text.
_STRAIGHT_APOSTROPHE = re.compile(r"(?<=[A-Za-z])'")
#: An ``s'`` or ``s,`` before a space and a lowercase letter.
_AFTER_S = re.compile(r"(?<=[sS])[,'](?= [a-z])")


def score_plain(corpus: str) -> dict:
    from cablefix import fix_transliteration

    positives = found = false = 0
    with open(f"{corpus}/plain.jsonl", encoding="utf-8") as f:
        for line in f:
            body = json.loads(line)["body"]
            fixed = fix_transliteration(_STRAIGHT_APOSTROPHE.sub(",", body))
            for m in _AFTER_S.finditer(body):
                i = m.start()
                if body[i] == "'":
                    positives += 1
                    found += fixed[i] == "\u2019"
                elif fixed[i] != ",":
                    false += 1
    return {
        "plain_s_final_apostrophes": positives,
        "recall": round(found / positives, 4) if positives else 1.0,
        "changes_of_commas_after_s": false,
    }


if __name__ == "__main__":
    result = score_plain(sys.argv[1]) if "--plain" in sys.argv else score(sys.argv[1])
    print(json.dumps(result) if "--json" in sys.argv else "\n".join(f"{k}: {v}" for k, v in result.items()))
