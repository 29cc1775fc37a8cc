#!/usr/bin/env python3
"""Rates of every public function on normal and adversarial 2 MB inputs.

Normal: the seed document repeated to 2 MB.  Adversarial: 2 MB of one short
pattern repeated (``RUEHC/``, spaced capitals, ``,s ``, ``&``, ``8`` …),
the inputs where a super-linear regex or a quadratic pairing would show.
Prints MB/s for each and the worst ratio to the normal rate, for issue 5's
inputs and, apart, for more.  Not a test.

Each rate is the best of three runs.

Usage: python benchmarks/bench_adversarial.py [--size 2000000] [--all] [--growth]
``--growth`` also times 4 MB and 40 MB of normal text (the 40 MB / 4 MB ratio
should be near 10).
"""
from __future__ import annotations

import argparse
import pathlib
import time
from typing import Callable

import cablefix

SEED = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_0004bd97de2e5e5c.txt"
#: The adversarial inputs of issue 5, each repeated to 2 MB.
PATTERNS = [
    ",s ", "&", "8", ")", "(", "&a8", " ) ", "a,", "&&88", "SIPDIS\n", "C O N F I D E N T I A L ", "RUEHC/", "\n-- ",
]
#: More inputs, printed apart: cable structure the splitter and parser look
#: for, one-letter words before a comma (``O,``: 0.02 of normal before the
#: sixth session), and dense real repairs (a dash inside a parenthesis every
#: nine characters, ``I,m`` every four: each is a decision made in Python).
MORE_PATTERNS = [
    "S E C R E T SEOUL 000055 ", "REF: A. STATE 1234 ", "1. (C) ", "SUMMARY: ", "O,", "(a ) b.) ", "a ) ", "(a) ", "I,m ",
]
FUNCTIONS: dict[str, Callable[[str], object]] = {
    "fix_transliteration": cablefix.fix_transliteration,
    "explain(doubts=True)": lambda t: cablefix.explain(t, doubts=True),
    "split": cablefix.split,
    "parse": cablefix.parse,
    "clean": cablefix.clean,
    "clean_and_explain": cablefix.clean_and_explain,
}


def rate(func: Callable[[str], object], text: str, repeat: int = 3) -> float:
    """MB/s of ``func`` on ``text``: the best of ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - start)
    return len(text) / 1e6 / best


def fill(pattern: str, size: int) -> str:
    return (pattern * (size // len(pattern) + 1))[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2_000_000)
    parser.add_argument("--growth", action="store_true")
    parser.add_argument("--all", action="store_true", help="print the ratio of every input, not only the worst")
    args = parser.parse_args()
    normal = fill(SEED.read_text(encoding="utf-8"), args.size)
    print(f"{'function':22} {'normal MB/s':>11} {'worst MB/s':>11} {'ratio':>6}  worst input (issue 5's list)  | worst of the others")
    for name, func in FUNCTIONS.items():
        base = rate(func, normal)
        rates = sorted((rate(func, fill(p, args.size)), p) for p in PATTERNS)
        more = sorted((rate(func, fill(p, args.size)), p) for p in MORE_PATTERNS)
        worst, pattern = rates[0]
        print(f"{name:22} {base:11.2f} {worst:11.2f} {worst / base:6.2f}  {pattern!r:30} | {more[0][0] / base:.2f} {more[0][1]!r}", flush=True)
        if args.all:
            print(" " * 23 + "  ".join(f"{p!r} {r / base:.2f}" for r, p in rates))
            print(" " * 23 + "others: " + "  ".join(f"{p!r} {r / base:.2f}" for r, p in more))
    if args.growth:
        small, large = fill(normal, 4_000_000), fill(normal, 40_000_000)
        for name, func in FUNCTIONS.items():
            t4 = len(small) / 1e6 / rate(func, small)
            t40 = len(large) / 1e6 / rate(func, large)
            print(f"{name:22} 4 MB {t4:6.2f} s, 40 MB {t40:6.2f} s, ratio {t40 / t4:5.2f}")


if __name__ == "__main__":
    main()
