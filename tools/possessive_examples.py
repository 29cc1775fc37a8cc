#!/usr/bin/env python3
"""Labelled examples of the plural-possessive decision, from real cables.

Every cable typed in plain ASCII (``large/plain.jsonl``) that shows no legacy
damage of its own is typed with typographic characters and garbled the legacy
way, exactly as ``eval/score_typed.py`` does (its ``DAMAGED`` and ``typed``
are imported from there); the gold cables (``unicode.jsonl``) are garbled as
``eval/score_transliteration.py`` does.  In the garbled text, every comma the
possessive model is asked about (:func:`cablefix.repair.possessive.is_candidate`:
``Partners, interest``, ``MARTYRS, FAMILIES``) is an example, labelled 1 where
the original had ``’`` (``Partners’ interest``) and 0 where it had a comma.

The model sees the garbled text, as it will at run time, so the features are
computed from the same string the repair reads.

Usage: python tools/possessive_examples.py ../shared/corpus/large [--eval DIR]
Prints the counts.  :func:`examples` is what ``tools/train_possessive.py`` reads.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import sys
from typing import Iterator, NamedTuple

from cablefix.repair.possessive import is_candidate

APOSTROPHE = "\u2019"

#: Hand-read labels that correct the source's own typing (``Vice President
#: Solbes, ability``: a possessive the writer typed with a comma).
LABELS = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "possessive-labels.json"


def read_labels(path: pathlib.Path = LABELS, unsure: bool = False) -> dict[tuple[str, int], tuple[int, str]]:
    """(cable id, offset) → (label, the text around the comma) of every
    hand-read candidate that is a possessive (1) or a comma (0); the
    ``unsure`` ones are left out, or with ``unsure=True`` kept, labelled -1
    (every comma a reader has seen)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    verdict = {"possessive": 1, "comma": 0, "unsure": -1}
    return {(d["id"], d["offset"]): (verdict[d["verdict"]], d["text"])
            for d in doc["labels"] if unsure or d["verdict"] != "unsure"}


class Cable(NamedTuple):
    """One garbled cable: its id, the text the repair reads, and its
    candidate commas with their labels (1: an apostrophe)."""

    id: str
    text: str
    candidates: tuple[tuple[int, int], ...]


def fold_of(cable_id: str, k: int) -> int:
    """The cross-validation fold of a cable: a stable hash of its id (the
    same on every machine and run), so a cable's examples stay together.

    >>> fold_of("08KYIV2294", 5) == fold_of("08KYIV2294", 5)
    True
    """
    return int(hashlib.sha1(cable_id.encode()).hexdigest()[:8], 16) % k


def eval_module(eval_dir: pathlib.Path, name: str):
    """The shared scorer module ``name`` of ``eval_dir`` (``score_typed``)."""
    sys.path.insert(0, str(eval_dir))
    try:
        return __import__(name)
    finally:
        sys.path.pop(0)


def around(text: str, i: int) -> str:
    """The text a hand-read label records of the comma at ``i``: the 40
    characters before it and 30 after.

    >>> around("the Partners, interest in", 12)
    'the Partners, interest in'
    """
    return text[max(0, i - 40) : i + 31]


def hand_read(labels: dict[tuple[str, int], tuple[int, str]], cable_id: str, bad: str, i: int) -> int | None:
    """The hand-read label of the comma at ``i`` of the garbled cable
    ``bad`` (1: a possessive the source typed with a comma), where one was
    read and its text still matches; else ``None``."""
    read = labels.get((cable_id, i))
    if read is not None and around(bad, i) == read[1]:
        return read[0]
    return None


def _labelled(cable_id: str, orig: str, bad: str, labels: dict[tuple[str, int], tuple[int, str]]) -> Cable:
    found = []
    start = 0
    while True:
        i = bad.find(",", start)
        if i < 0:
            break
        start = i + 1
        if is_candidate(bad, i):
            read = hand_read(labels, cable_id, bad, i)
            found.append((i, int(orig[i] == APOSTROPHE) if read is None else read))
    return Cable(cable_id, bad, tuple(found))


def typed_cables(corpus: pathlib.Path, typed_mod) -> Iterator[tuple[str, str, str]]:
    """(cable id, the cable typed with typographic characters, the same
    garbled the legacy way) of every plain cable of ``corpus`` that
    ``eval/score_typed.py`` (``typed_mod``) scores: no legacy damage of its
    own, and something to type."""
    with open(corpus / "plain.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            body = rec["body"]
            if typed_mod.DAMAGED.search(body) or any(c in body for c in typed_mod.GARBLE):
                continue
            orig = typed_mod.typed(body)
            if orig != body:
                yield rec["id"], orig, "".join(typed_mod.GARBLE.get(c, c) for c in orig)


def examples(corpus: pathlib.Path, eval_dir: pathlib.Path | None = None, limit: int | None = None,
             labels: dict[tuple[str, int], tuple[int, str]] | None = None) -> Iterator[Cable]:
    """The garbled cables of ``corpus`` with their labelled candidates, in
    file order (plain cables first, then the gold ones).  ``labels``
    (:func:`read_labels` by default; ``{}``: none) correct the source's."""
    if labels is None:
        labels = read_labels()
    eval_dir = eval_dir or corpus.parent.parent / "eval"
    typed_mod = eval_module(eval_dir, "score_typed")
    translit = eval_module(eval_dir, "score_transliteration")
    n = 0
    for cable_id, orig, bad in typed_cables(corpus, typed_mod):
        yield _labelled(cable_id, orig, bad, labels)
        n += 1
        if limit and n >= limit:
            return
    with open(corpus / "unicode.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            orig = translit.truth(rec["body"])
            yield _labelled(rec["id"], orig, translit.garble(orig), labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("--eval", type=pathlib.Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    cables = pos = neg = 0
    upper_pos = upper_neg = 0
    for cable in examples(args.corpus, args.eval, args.limit):
        cables += 1
        for i, label in cable.candidates:
            upper = cable.text[i + 2 : i + 3].isupper()
            pos += label
            neg += 1 - label
            upper_pos += label and upper
            upper_neg += (1 - label) and upper
    print(json.dumps({"cables": cables, "positives": pos, "negatives": neg,
                      "before_capital": {"positives": upper_pos, "negatives": upper_neg}}))


if __name__ == "__main__":
    main()
