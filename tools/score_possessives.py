#!/usr/bin/env python3
"""Recall of s-final possessives (``the Partners’ interest``) on the dev set.

The shared scorer counts every apostrophe together; this one isolates the
hard class the field guide describes: an apostrophe after a word ending in
``s`` with no letter after it, which the legacy conversion turned into a
comma that looks like punctuation (``the Partners, interest``).  Uses the
shared scorer's own garbling, so the positions are the same.

Usage: python tools/score_possessives.py ../shared/corpus/dev [--json]
"""
from __future__ import annotations

import json
import pathlib
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


if __name__ == "__main__":
    result = score(sys.argv[1])
    print(json.dumps(result) if "--json" in sys.argv else "\n".join(f"{k}: {v}" for k, v in result.items()))
