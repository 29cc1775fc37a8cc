#!/usr/bin/env python3
"""Coverage-guided fuzzing of every public function with atheris.

Each input's first bytes choose the settings (a ``CleanConfig``: every step
on or off, ``min_confidence`` from ``stress_settings.MIN_CONFIDENCES``,
``quotes``); the rest is decoded to a str (any code point, lone surrogates
included, through atheris' FuzzedDataProvider) and fed to
fix_transliteration, explain, split, parse, clean and clean_and_explain at
those settings; the promised invariants are checked (``stress_settings.broken``:
same length, only ``, & 8 )`` changing and idempotence for
fix_transliteration, explain agreeing with it, clean idempotent and
clean_and_explain agreeing; and segments that partition the input).  Any
exception or broken invariant is a crash that atheris reports with the input
that caused it.

Run (not part of CI; see docs/reliability.md):
    pip install atheris
    python fuzz/fuzz_cablefix.py -atheris_runs=1000000 fuzz/corpus
"""
from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports():
    import cablefix
    from stress_settings import MIN_CONFIDENCES, broken


def settings(provider: "atheris.FuzzedDataProvider") -> cablefix.CleanConfig:
    """A ``CleanConfig`` from the input's first two bytes."""
    flags = provider.ConsumeIntInRange(0, 255)
    return cablefix.CleanConfig(
        mojibake=not flags & 1,
        transliteration=not flags & 2,
        entity_quotes=not flags & 4,
        captions=not flags & 8,
        trailing_spaces=not flags & 16,
        quotes="ascii" if flags & 32 else "unicode",
        min_confidence=MIN_CONFIDENCES[provider.ConsumeIntInRange(0, len(MIN_CONFIDENCES) - 1)],
    )


def check(text: str, config: cablefix.CleanConfig) -> None:
    what = broken(text, config)
    assert what is None, f"{what} at {config}"
    cablefix.explain(text, doubts=True, min_confidence=config.min_confidence)
    segments = cablefix.split(text)
    assert "".join(s.text for s in segments) == text, "segments do not partition"
    cablefix.parse(text)


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    config = settings(provider)
    check(provider.ConsumeUnicode(len(data)), config)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
