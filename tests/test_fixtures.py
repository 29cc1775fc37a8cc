"""Run every case in fixtures/*.json through fix_transliteration.

in-the-wild: real excerpts with hand-checked expected output; negative: real
excerpts that must come back unchanged; synthetic: hand-written cases for each
rule; known-failures: expected to fail today (strict: a fix makes them pass
and the case must move to in-the-wild).
"""

from __future__ import annotations

import json

import pytest

from cablefix import explain, fix_transliteration
from cablefix.repair import apply_edits

from .conftest import FIXTURES

FILES = ("in-the-wild", "negative", "synthetic", "known-failures")
MINIMUM = {"in-the-wild": 100, "negative": 50}


def _cases():
    for name in FILES:
        for k, case in enumerate(json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))):
            marks = [pytest.mark.xfail(strict=True, reason=case["comment"])] if name == "known-failures" else []
            yield pytest.param(name, case, id=f"{name}-{k}", marks=marks)


@pytest.mark.parametrize("name,case", list(_cases()))
def test_case(name: str, case: dict) -> None:
    assert len(case["original"]) == len(case["fixed"]), "a legacy repair keeps the length"
    if name == "negative":
        assert case["original"] == case["fixed"]
    got = fix_transliteration(case["original"])
    assert got == case["fixed"]
    assert apply_edits(case["original"], explain(case["original"])) == got


@pytest.mark.parametrize("name", FILES)
def test_fixture_files_are_large_enough_and_labelled(name: str) -> None:
    cases = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert len(cases) >= MINIMUM.get(name, 1)
    for case in cases:
        assert case["label"] and "original" in case and "fixed" in case
        if name == "known-failures":
            assert case["comment"], "every known failure says why"
