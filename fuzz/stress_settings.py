#!/usr/bin/env python3
"""A random stress run of the invariants at random settings.

Texts are made of pieces of the fixtures' real excerpts and of fragments
dense in what the rules read (legacy and typographic marks, ASCII quotes,
entity characters, mojibake, captions, blanks before line breaks, URLs),
joined by blanks and line breaks; each is checked at a random setting:

- ``fix_transliteration(text, min_confidence=m)``: same length, only
  ``, & 8 )`` change, idempotent, and ``explain`` gives the same edits;
- ``clean(text, config)`` for a random ``CleanConfig`` (every step on or
  off, ``min_confidence``, ``quotes``): idempotent, and
  ``clean_and_explain`` gives the same text.

A failure is shrunk (pieces, then characters, dropped while it still fails)
and printed with its setting.  Bounded in time:

    python fuzz/stress_settings.py --seconds 110 --seed 1
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Callable, Optional

from cablefix import CleanConfig, clean, clean_and_explain, explain, fix_transliteration
from cablefix.clean import QUOTE_STYLES
from cablefix.repair import LEGACY, apply_edits

ROOT = Path(__file__).resolve().parent.parent
MIN_CONFIDENCES = (0.0, 0.3, 0.5, 0.6, 0.8, 0.85, 0.9, 0.95, 0.97, 1.0)
FRAGMENTS = (
    ", & 8 ) ( \u2019 \u2018 \u201c \u201d \u2014 ' \" -- Regime,s don,t d,Ivoire &Watch List8 ) ) "
    "the lawyers, march Morales, vision officials, work styles. its citizens, lives. 8NATIONAL "
    "\u00ac \u00b6 \u00a3ing \u00b5- \u00ae \u00e2\u20ac\u2122 \u00c3\u00a9 SIPDIS www.state.gov/page8 file8.txt "
    "(TEM) (C) 1) para 8 G8 2008 20078. 1.8 R&D AT&amp;T \u00b4s esp. of whom last week"
).split(" ") + ["x" * 150, "word " * 30]
#: Joins, with long runs of blanks before a line break (clean drops them:
#: a reach counted in characters would move).
JOINS = (" ", " ", " ", "", "\n", "\n\n", " \n", "  \n\t", "\t", "\r\n", " " * 120 + "\n", "\t" * 40 + "\r")


def excerpts() -> list[str]:
    """The originals of the fixtures, each a real or hand-written excerpt."""
    texts = []
    for path in sorted((ROOT / "fixtures").glob("*.json")):
        try:
            cases = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        texts.extend(c["original"] for c in cases if isinstance(c, dict) and isinstance(c.get("original"), str))
    return texts


def random_text(rng: random.Random, pieces: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(1, 30)):
        if rng.random() < 0.5:
            piece = rng.choice(pieces)
            start = rng.randrange(len(piece) + 1)
            piece = piece[start : start + rng.randint(1, 80)]
        else:
            piece = rng.choice(FRAGMENTS)
        parts.append(piece)
        parts.append(rng.choice(JOINS))
    text = "".join(parts)
    if rng.random() < 0.3:  # repeat a passage (same_possessor compares passages)
        text = text + rng.choice(JOINS) + text
    return text


def random_config(rng: random.Random) -> CleanConfig:
    return CleanConfig(
        mojibake=rng.random() < 0.8,
        transliteration=rng.random() < 0.9,
        min_confidence=rng.choice(MIN_CONFIDENCES),
        entity_quotes=rng.random() < 0.8,
        captions=rng.random() < 0.8,
        trailing_spaces=rng.random() < 0.8,
        quotes=rng.choice(QUOTE_STYLES),
    )


def broken(text: str, config: CleanConfig) -> Optional[str]:
    """The first invariant ``text`` breaks at ``config``, or ``None``."""
    m = config.min_confidence
    fixed = fix_transliteration(text, min_confidence=m)
    if len(fixed) != len(text):
        return "fix: length changed"
    if any(a != b and LEGACY.get(b) != a for a, b in zip(text, fixed)):
        return "fix: a character other than , & 8 ) changed"
    if fix_transliteration(fixed, min_confidence=m) != fixed:
        return "fix: not idempotent"
    if apply_edits(text, explain(text, min_confidence=m)) != fixed:
        return "explain disagrees with fix"
    once = clean(text, config)
    if clean(once, config) != once:
        return "clean: not idempotent"
    if clean_and_explain(text, config)[0] != once:
        return "clean_and_explain disagrees with clean"
    return None


def shrink(text: str, fails: Callable[[str], bool]) -> str:
    """``text`` with chunks, then characters, dropped while it still fails."""
    size = max(1, len(text) // 2)
    while size >= 1:
        i = 0
        while i < len(text):
            candidate = text[:i] + text[i + size :]
            if candidate != text and fails(candidate):
                text = candidate
            else:
                i += size
        size //= 2
    return text


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=110)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-failures", type=int, default=5)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    pieces = excerpts() or list(FRAGMENTS)
    deadline = time.monotonic() + args.seconds
    runs = failures = 0
    found: set[tuple[str, str]] = set()
    while time.monotonic() < deadline and failures < args.max_failures:
        text, config = random_text(rng, pieces), random_config(rng)
        runs += 1
        what = broken(text, config)
        if what is None:
            continue
        small = shrink(text, lambda t: broken(t, config) == what)
        if (what, small) in found:
            continue
        found.add((what, small))
        failures += 1
        print(f"{what}: {small!r} at {config}", flush=True)
    print(f"{runs:,} inputs in {args.seconds:.0f} s, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
