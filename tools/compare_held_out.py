#!/usr/bin/env python3
"""Whether one held-out curve is better than another, or only different.

Two runs of ``tools/score_held_out.py --dump FILE`` (say the shipped trainer
and a trial) score the same held-out candidates.  For each precision target
this gives the most recall either reaches at that precision, their
difference, and a paired bootstrap interval of the difference: the cables are
drawn again with replacement (a cable's candidates stay together, as in the
folds) and both curves are read on each draw.  An interval that holds 0 is
a difference the corpus cannot tell from chance.

Usage: python tools/compare_held_out.py BASE.jsonl TRIAL.jsonl [--draws 1000] [--json]
(needs numpy: the ``train`` extra).
"""
from __future__ import annotations

import argparse
import json
import pathlib

import numpy as np

#: The precision targets compared.
TARGETS = (0.995, 0.99, 0.985, 0.98)


def read_dump(path: pathlib.Path) -> dict[tuple[str, int], tuple[int, float]]:
    """(cable id, offset) → (label, probability) of a ``--dump`` file."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out[(r["id"], r["offset"])] = (r["label"], r["probability"])
    return out


class Ranked:
    """Candidates ranked by one dump's probabilities, once: a draw of the
    cables changes only how often each candidate counts, not their order."""

    def __init__(self, p: np.ndarray, y: np.ndarray) -> None:
        self.order = np.argsort(-p, kind="stable")
        self.y = y[self.order]
        ps = p[self.order]
        # only where a threshold can fall: after the last of a run of equal probabilities
        self.last = np.append(ps[1:] != ps[:-1], True)

    def recalls(self, w: np.ndarray, targets: tuple[float, ...]) -> list[float]:
        """The most recall at each precision of ``targets``, each candidate
        counted ``w`` times (``w`` in the candidates' own order)."""
        ws = w[self.order]
        tp = np.cumsum(self.y * ws)
        n = np.cumsum(ws)
        positives = tp[-1] if len(tp) else 0.0
        out = []
        for target in targets:
            ok = self.last & (n > 0) & (tp >= target * np.where(n > 0, n, 1))
            out.append(float(tp[ok].max() / positives) if ok.any() and positives else 0.0)
        return out


def recall_at(p: np.ndarray, y: np.ndarray, w: np.ndarray, target: float) -> float:
    """The most recall at which the candidates of probability at least some
    threshold are ``target`` right, each candidate counted ``w`` times.

    >>> recall_at(np.array([.9, .8, .7, .6]), np.array([1, 0, 1, 1]), np.ones(4), 0.75)
    1.0
    >>> recall_at(np.array([.9, .8, .7, .6]), np.array([1, 0, 1, 1]), np.ones(4), 0.9)
    0.3333333333333333
    """
    return Ranked(p, y).recalls(w, (target,))[0]


def compare(base: dict, trial: dict, draws: int, seed: int = 0) -> list[dict]:
    """Per target: both recalls, the difference and its 90% paired bootstrap
    interval over cables."""
    if base.keys() != trial.keys():
        raise SystemExit("the two dumps hold different candidates: were they made from the same corpus and examples?")
    keys = sorted(base)
    y = np.array([base[k][0] for k in keys])
    if not np.array_equal(y, [trial[k][0] for k in keys]):
        raise SystemExit("the two dumps label the candidates differently (another labels file?)")
    rb = Ranked(np.array([base[k][1] for k in keys]), y)
    rt = Ranked(np.array([trial[k][1] for k in keys]), y)
    cables = sorted({k[0] for k in keys})
    cable_of = np.searchsorted(cables, [k[0] for k in keys])
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(draws):
        w = np.bincount(rng.integers(0, len(cables), len(cables)), minlength=len(cables))[cable_of].astype(float)
        diffs.append(np.subtract(rt.recalls(w, TARGETS), rb.recalls(w, TARGETS)))
    ones = np.ones(len(keys))
    rows = []
    for k, (t, b, r) in enumerate(zip(TARGETS, rb.recalls(ones, TARGETS), rt.recalls(ones, TARGETS))):
        lo, hi = np.percentile([d[k] for d in diffs], [5, 95])
        rows.append({"precision": t, "base recall": round(b, 4), "trial recall": round(r, 4),
                     "difference": round(r - b, 4), "90% interval": [round(float(lo), 4), round(float(hi), 4)]})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", type=pathlib.Path)
    parser.add_argument("trial", type=pathlib.Path)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = compare(read_dump(args.base), read_dump(args.trial), args.draws)
    if args.json:
        print(json.dumps(rows))
        return
    for r in rows:
        lo, hi = r["90% interval"]
        print(f"at {r['precision']:.1%} precision: recall {r['base recall']:.2%} -> {r['trial recall']:.2%} "
              f"({r['difference']:+.2%}; 90% of draws {lo:+.2%} to {hi:+.2%})")


if __name__ == "__main__":
    main()
