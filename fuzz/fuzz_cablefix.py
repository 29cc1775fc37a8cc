#!/usr/bin/env python3
"""Coverage-guided fuzzing of every public function with atheris.

Each input is decoded to a str (any code point, lone surrogates included,
through atheris' FuzzedDataProvider) and fed to fix_transliteration,
explain, split, parse, clean and clean_and_explain; the promised invariants
are checked: same length and idempotence for fix_transliteration, explain
agreeing with it, segments that partition the input, clean idempotent.
Any exception or broken invariant is a crash that atheris reports with the
input that caused it.

Run (not part of CI; see docs/reliability.md):
    pip install atheris
    python fuzz/fuzz_cablefix.py -atheris_runs=1000000 fuzz/corpus
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import cablefix
    from cablefix.repair import apply_edits


def check(text: str) -> None:
    fixed = cablefix.fix_transliteration(text)
    assert len(fixed) == len(text), "length changed"
    assert cablefix.fix_transliteration(fixed) == fixed, "fix not idempotent"
    assert apply_edits(text, cablefix.explain(text)) == fixed, "explain disagrees"
    cablefix.explain(text, doubts=True)
    segments = cablefix.split(text)
    assert "".join(s.text for s in segments) == text, "segments do not partition"
    cablefix.parse(text)
    once = cablefix.clean(text)
    assert cablefix.clean(once) == once, "clean not idempotent"
    assert cablefix.clean_and_explain(text)[0] == once, "clean_and_explain disagrees"


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    check(provider.ConsumeUnicode(len(data)))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
