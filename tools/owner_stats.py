#!/usr/bin/env python3
"""Count what follows a possessor in ``s`` by its kind: the figures behind
``cablefix.repair.PROPER_OWNER`` and ``AGENT_OWNER``.

In undamaged cables (straight apostrophes, so ``s'`` and ``s,`` are what the
writer typed), take every word of three letters or more ending in ``s``
inside a sentence, followed by ``'`` or ``,``, a space and a lowercase
content word (not a function word, not ``-ly``/``-ing``/``-ed``), and count
the two marks separately for capitalised possessors (``Moratinos' visit``),
lowercase ones that name people who act (``voters' concerns``,
``repair.is_agent``) and other lowercase ones (``the experts, analysts``).  Only counts are printed.

Usage: python tools/owner_stats.py ../shared/corpus/dev
Reads ``plain.jsonl`` only (never ``unicode.jsonl``, the scored set).
"""
from __future__ import annotations

import collections
import json
import re
import sys

from cablefix import lexicon
from cablefix.repair import is_agent

PAIR = re.compile(r"(\S+) ([A-Za-z]{2,}s)(['\u2019]|,) ([a-z]+)")


def count(path: str) -> collections.Counter[tuple[str, str]]:
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            for m in PAIR.finditer(json.loads(line)["body"]):
                before, owner, mark, owned = m.groups()
                if owned in lexicon.FUNCTION_WORDS or len(owned) < 3 or owned.endswith(("ly", "ing", "ed")):
                    continue
                if owner.lower() in lexicon.S_FINAL_NON_NOUNS or before[-1] in ".?!:;":
                    continue
                if owner.isupper():
                    case = "upper"
                elif owner[0].isupper():
                    case = "capitalised"
                else:
                    case = "agent" if is_agent(owner) else "lowercase"
                counts[case, "possessive" if mark != "," else "comma"] += 1
    return counts


def main(corpus: str) -> None:
    counts = count(f"{corpus}/plain.jsonl")
    for case in ("capitalised", "agent", "lowercase", "upper"):
        poss, comma = counts[case, "possessive"], counts[case, "comma"]
        share = poss / (poss + comma) if poss + comma else 0.0
        print(f"{case:12} possessive {poss:5}  comma {comma:5}  possessive share {share:.0%}")


if __name__ == "__main__":
    main(sys.argv[1])
