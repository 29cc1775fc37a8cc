#!/usr/bin/env python3
"""Learn the words the cables spell with an apostrophe inside
(``src/cablefix/data/inner_words.json``): ``Sant'Egidio``, ``Jama'at``,
``Dall'Anese``, ``Baha'is``, ``Ha'aretz``.

1. Teach: every plain cable (``large/plain.jsonl``, typed in ASCII, so its
   ``'`` is what the writer typed) is read for a run of letters, ``'`` and a
   run of letters that is no contraction (``don't``, ``Iran's`` are the
   rules'); such a word, lowercased, is kept when it is spelled so in at
   least :data:`MIN_CABLES` cables (once, it is as often a typo:
   ``depar'ment``, ``china'policy``).
2. Measure: in the gold cables (``unicode.jsonl``, which teach nothing),
   garbled the legacy way as ``eval/score_transliteration.py`` does, every
   comma the repair changes by the rule (``known_spelling``, with the
   learned words: where no rule before it in ``RULES`` decides) is counted,
   and how many of them were ``’``.  The confidence of the rule is that share, with one
   right and one wrong added (so a small count cannot claim certainty).

``--hold-out K`` leaves fold K's plain cables out of the teaching (the fold
of ``tools/possessive_examples.py``): ``tools/score_held_out.py`` scores
each fold with the words the other folds taught.  ``--held-out-gain``
writes nothing: it counts, in the typed cables of ``eval/score_typed.py``,
the apostrophes inside a word (no contraction), how many the other rules
give back, and how many more the rule gives back in each fold with the
words learned from the other folds.

Deterministic: the same corpus gives the same JSON.

Usage: python tools/inner_words.py ../shared/corpus/large [--out PATH] [--hold-out K --folds N] [--held-out-gain]
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from possessive_examples import eval_module, fold_of  # noqa: E402

from cablefix import lexicon  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "cablefix" / "data" / "inner_words.json"

#: How many cables must spell a word with an apostrophe before it is learned.
MIN_CABLES = 2

#: A run of letters, an apostrophe, a run of letters (``Sant'Egidio``), as a
#: whole word: no letter or apostrophe either side.
_TYPED = re.compile(r"(?<![A-Za-z'])([A-Za-z]+)'([A-Za-z]+)(?![A-Za-z])")


def spelled(body: str) -> set[str]:
    """The words ``body`` spells with an apostrophe inside, lowercased
    (contractions left out).

    >>> sorted(spelled("The Sant'Egidio talks; Iran's view, don't, Jama'at-e-Islami"))
    ["jama'at", "sant'egidio"]
    """
    return {(a + "'" + b).lower() for a, b in _TYPED.findall(body) if b.lower() not in lexicon.CONTRACTION_SUFFIXES}


def learn(corpus: pathlib.Path, hold_out: int | None = None, folds: int = 5) -> dict[str, int]:
    """Each learned word with the number of plain cables that spell it so."""
    cables: dict[str, int] = {}
    with open(corpus / "plain.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if hold_out is not None and fold_of(rec["id"], folds) == hold_out:
                continue
            for word in spelled(rec["body"]):
                cables[word] = cables.get(word, 0) + 1
    return {w: n for w, n in sorted(cables.items()) if n >= MIN_CABLES}


def rule_edits(text: str) -> dict[int, str]:
    """The rule that decides each applied edit of ``text``, by its offset:
    the scan's own decisions (``explain``)."""
    from cablefix import explain

    return {e.start: e.rule for e in explain(text)}


def measure(corpus: pathlib.Path, words: dict[str, int]) -> tuple[int, int]:
    """(commas of the garbled gold cables the rule decides with ``words``,
    how many of them were ``’``)."""
    from cablefix.repair import apostrophes

    translit = eval_module(corpus.resolve().parent.parent / "eval", "score_transliteration")
    matches = right = 0
    apostrophes.use_spellings(apostrophes.Spellings(frozenset(words), 1.0))
    try:
        with open(corpus / "unicode.jsonl", encoding="utf-8") as f:
            for line in f:
                orig = translit.truth(json.loads(line)["body"])
                for i, rule in rule_edits(translit.garble(orig)).items():
                    if rule == "known_spelling":
                        matches += 1
                        right += orig[i] == "\u2019"
    finally:
        apostrophes.use_spellings(None)
    return matches, right


def held_out_gain(corpus: pathlib.Path, folds: int = 5) -> dict[str, int]:
    """The apostrophes inside a word of the typed cables, those the other
    rules give back, and those the rule gives back with the words learned
    without the cable's fold."""
    from cablefix.repair import apostrophes

    typed_mod = eval_module(corpus.resolve().parent.parent / "eval", "score_typed")
    inner = re.compile("(?<![A-Za-z\u2019])([A-Za-z]+)\u2019([A-Za-z]+)(?![A-Za-z])")
    got = {"inner apostrophes": 0, "repaired by the other rules": 0, "the rule adds, held out": 0}
    for k in range(folds):
        apostrophes.use_spellings(apostrophes.Spellings(frozenset(learn(corpus, k, folds)), 1.0))
        try:
            with open(corpus / "plain.jsonl", encoding="utf-8") as f:
                for line in f:
                    rec = json.loads(line)
                    body = rec["body"]
                    if (fold_of(rec["id"], folds) != k or typed_mod.DAMAGED.search(body)
                            or any(c in body for c in typed_mod.GARBLE) or not _TYPED.search(body)):
                        continue
                    orig = typed_mod.typed(body)
                    decided = rule_edits("".join(typed_mod.GARBLE.get(c, c) for c in orig))
                    for m in inner.finditer(orig):
                        if m.group(2).lower() in lexicon.CONTRACTION_SUFFIXES:
                            continue
                        got["inner apostrophes"] += 1
                        rule = decided.get(m.end(1))
                        if rule is not None:
                            got["the rule adds, held out" if rule == "known_spelling" else "repaired by the other rules"] += 1
        finally:
            apostrophes.use_spellings(None)
    return got


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("--out", type=pathlib.Path, default=OUT)
    parser.add_argument("--hold-out", type=int, default=None, metavar="K")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--held-out-gain", action="store_true",
                        help="count what each fold's words, learned from the other folds, add on the typed cables")
    args = parser.parse_args()
    if args.held_out_gain:
        print(json.dumps(held_out_gain(args.corpus, args.folds)))
        return
    words = learn(args.corpus, args.hold_out, args.folds)
    matches, right = measure(args.corpus, words)
    data = {
        "about": "Words the plain cables spell with an apostrophe inside, lowercased, with the number of cables "
                 "that spell each so; written by tools/inner_words.py.",
        "min_cables": MIN_CABLES,
        "held_out_fold": args.hold_out,
        "gold": {"matches": matches, "apostrophes": right},
        "confidence": round((right + 1) / (matches + 2), 3),
        "words": words,
    }
    args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"words": len(words), "gold": data["gold"], "confidence": data["confidence"]}))


if __name__ == "__main__":
    main()
