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
   comma between two runs of letters that joins into a learned word is
   counted, and how many of them were ``’``.  The confidence of the rule
   (``known_spelling``) is that share, with one right and one wrong added
   (so a small count cannot claim certainty).

``--hold-out K`` leaves fold K's plain cables out of the teaching (the fold
of ``tools/possessive_examples.py``): ``tools/score_held_out.py`` scores
each fold with the words the other folds taught.  ``--held-out-gain``
writes nothing: it counts, in the typed cables of ``eval/score_typed.py``,
the apostrophes inside a word (no contraction), how many the repair gives
back with the rule's row left out, and how many more each fold's words,
learned from the other folds, would give back.

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
_GARBLED = re.compile(r"(?<![A-Za-z,])([A-Za-z]+),([A-Za-z]+)(?![A-Za-z])")


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


def measure(corpus: pathlib.Path, words: dict[str, int]) -> tuple[int, int]:
    """(commas between letters in the garbled gold cables that join into a
    learned word, how many of them were ``’``)."""
    translit = eval_module(corpus.resolve().parent.parent / "eval", "score_transliteration")
    matches = right = 0
    with open(corpus / "unicode.jsonl", encoding="utf-8") as f:
        for line in f:
            orig = translit.truth(json.loads(line)["body"])
            bad = translit.garble(orig)
            for m in _GARBLED.finditer(bad):
                if (m.group(1) + "'" + m.group(2)).lower() in words:
                    matches += 1
                    right += orig[m.end(1)] == "\u2019"
    return matches, right


def held_out_gain(corpus: pathlib.Path, folds: int = 5) -> dict[str, int]:
    """The apostrophes inside a word of the typed cables, those the repair
    gives back without ``known_spelling``, and those the words learned
    without each cable's fold would add."""
    from cablefix import explain

    words = [learn(corpus, k, folds) for k in range(folds)]
    typed_mod = eval_module(corpus.resolve().parent.parent / "eval", "score_typed")
    inner = re.compile("(?<![A-Za-z\u2019])([A-Za-z]+)\u2019([A-Za-z]+)(?![A-Za-z])")
    got = {"inner apostrophes": 0, "repaired without the rule": 0, "the held-out words add": 0}
    with open(corpus / "plain.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            body = rec["body"]
            if typed_mod.DAMAGED.search(body) or any(c in body for c in typed_mod.GARBLE) or not _TYPED.search(body):
                continue
            orig = typed_mod.typed(body)
            # (what every other rule repairs: the applied edits not this rule's)
            others = {e.start for e in explain("".join(typed_mod.GARBLE.get(c, c) for c in orig))
                      if e.applied and e.rule != "known_spelling"}
            learned = words[fold_of(rec["id"], folds)]
            for m in inner.finditer(orig):
                if m.group(2).lower() in lexicon.CONTRACTION_SUFFIXES:
                    continue
                got["inner apostrophes"] += 1
                if m.end(1) in others:
                    got["repaired without the rule"] += 1
                elif (m.group(1) + "'" + m.group(2)).lower() in learned:
                    got["the held-out words add"] += 1
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
