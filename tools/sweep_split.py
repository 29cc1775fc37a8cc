#!/usr/bin/env python3
"""Wider checks of the splitter than the shared scorer's one seed.

The shared scorer (``../shared/eval/score_split.py``) merges 300 pairs and
triples of dev cables drawn with one fixed seed.  This tool builds merged
records the same way (it imports the scorer's ``cut``, ``joiner`` and
``routing_tail``) and sweeps more of them:

- ``--seeds A-B`` (``--n N`` documents each, 300 unless given): the
  scorer's documents with each seed from A to B; prints the boundary recall
  over all of them and the runs that miss a boundary or split where none is;
- ``--singles``: every cable alone; prints the ones that split;
- ``--tails``: every dev cable's header tail from each of its lines on,
  after a fixed cable's prose (a header format the walk back does not know
  shows up here);
- ``--cuts SEED``: every dev cable cut at each sentence end in its first 900
  characters (in its opening, for many), then another cable.

A case counts as found when a segment starts at the boundary or only blanks
and ``-`` stand between, as the scorer counts it.

Usage: python tools/sweep_split.py CORPUS [--seeds 1-110 [--n 300]] [--singles] [--tails] [--cuts 5]
"""
from __future__ import annotations

import pathlib
import random
import re
import sys
from collections import Counter
from typing import Callable

JOINERS = ["\n\n-- ", "\n\n", " -- ", "\n-- ", "\n"]


def _scorer(corpus: str):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(pathlib.Path(corpus).resolve().parent.parent / "eval"))
    import score_split  # type: ignore

    return score_split


def load_cables(corpus: str) -> list[tuple[str, str]]:
    """(header, body) of every cable of the corpus, the unicode ones garbled."""
    s = _scorer(corpus)
    cables = []
    for kind in ("unicode", "legacy", "plain"):
        for rec in s.load(f"{corpus}/{kind}.jsonl"):
            body = s.garble(s.truth(rec["body"])) if kind == "unicode" else rec["body"]
            cables.append((rec["header"], body))
    return cables


def found(starts: list[int], bound: int, text: str) -> bool:
    """Whether a segment starts at ``bound`` or only blanks and ``-`` before it."""
    return any(s <= bound and re.fullmatch(r"[\s-]*", text[s:bound]) for s in starts)


def check(text: str, bounds: list[int], split: Callable) -> bool:
    starts = [s.start for s in split(text)][1:]
    return len(starts) == len(bounds) and all(found(starts, b, text) for b in bounds)


def seeds(corpus: str, first: int, last: int, n: int = 300) -> dict:
    """The scorer's documents with each seed: runs with a miss or a false split."""
    from cablefix import split

    s = _scorer(corpus)
    cables = load_cables(corpus)
    bad = {}
    hit = expected = 0
    for seed in range(first, last + 1):
        rng = random.Random(seed)
        wrong = 0
        for d in range(n):
            parts = 3 if d % 5 == 0 else 2
            picks = rng.sample(cables, parts)
            text = s.cut(picks[0][1], rng)
            bounds = []
            for i, (header, body) in enumerate(picks[1:], start=2):
                text += s.joiner(rng)
                bounds.append(len(text))
                text += s.routing_tail(header, rng) + (body if i == parts else s.cut(body, rng))
            starts = [x.start for x in split(text)][1:]
            hit += sum(found(starts, b, text) for b in bounds)
            expected += len(bounds)
            wrong += not (len(starts) == len(bounds) and all(found(starts, b, text) for b in bounds))
        if wrong:
            bad[seed] = wrong
    return {
        "runs": last - first + 1,
        "documents": n * (last - first + 1),
        "boundary_recall": round(hit / expected, 4),
        "exact_runs": last - first + 1 - len(bad),
        "documents_wrong": bad,
    }


def singles(corpus: str) -> dict:
    """Every cable of the corpus alone: the ones that split, and where."""
    from cablefix import split

    s = _scorer(corpus)
    split_ = {}
    total = 0
    for kind in ("unicode", "legacy", "plain"):
        for rec in s.load(f"{corpus}/{kind}.jsonl"):
            total += 1
            body = s.garble(s.truth(rec["body"])) if kind == "unicode" else rec["body"]  # as the scorer has it
            starts = [x.start for x in split(body)]
            if len(starts) != 1:
                split_[rec["id"]] = starts[1:]
    return {"cables": total, "split": len(split_), "rate": round(len(split_) / total, 4), "which": split_}


def tails(corpus: str) -> dict:
    """Every header tail after a fixed cable's prose."""
    from cablefix import split

    cables = load_cables(corpus)
    prose = next(b for _, b in cables if len(b) > 3000 and b.count(". ") > 20)[:2500].rsplit(". ", 1)[0] + "."
    cases, misses = 0, Counter()
    for c, (header, body) in enumerate(cables):
        lines = [line.strip() for line in header.split("\n") if line.strip()]
        if not lines or lines[0].startswith("This record is a partial extract") or body[:200] in prose:
            continue
        for k in range(len(lines)):
            text = prose + JOINERS[(k + c) % len(JOINERS)]
            bound = len(text)
            text += " ".join(lines[k:]) + " " + body[:3000]
            cases += 1
            if not check(text, [bound], split):
                misses[lines[0][:40]] += 1
    return {"cases": cases, "missed": sum(misses.values()), "by_header": dict(misses)}


def cuts(corpus: str, seed: int) -> dict:
    """Every cable cut at each early sentence end, then another cable."""
    from cablefix import split

    s = _scorer(corpus)
    cables = load_cables(corpus)
    rng = random.Random(seed)
    cases = missed = 0
    for _, body in cables:
        for end in (m.end() for m in re.finditer(r"[.:;] ", body) if 200 < m.end() < 900):
            header, second = rng.choice(cables)
            if second[:60] == body[:60]:
                continue
            text = body[:end].rstrip() + rng.choice(JOINERS)
            bound = len(text)
            text += s.routing_tail(header, rng) + second[:2000]
            cases += 1
            missed += not check(text, [bound], split)
    return {"cases": cases, "missed": missed}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    corpus = argv[0]
    if "--seeds" in argv:
        first, _, last = argv[argv.index("--seeds") + 1].partition("-")
        n = int(argv[argv.index("--n") + 1]) if "--n" in argv else 300
        print("seeds:", seeds(corpus, int(first), int(last or first), n))
    if "--singles" in argv:
        print("singles:", singles(corpus))
    if "--tails" in argv:
        print("tails:", tails(corpus))
    if "--cuts" in argv:
        print("cuts:", cuts(corpus, int(argv[argv.index("--cuts") + 1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
