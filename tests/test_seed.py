"""The seed document: every artifact repaired, nothing else changed."""

from __future__ import annotations

import json

from cablefix import explain, fix_transliteration

from .conftest import FIXTURES

EXPECTED = json.loads((FIXTURES / "seed-edits.json").read_text(encoding="utf-8"))["edits"]


def test_seed_expected_edits_are_real_artifacts(seed_text: str) -> None:
    for edit in EXPECTED:
        assert seed_text[edit["offset"]] == edit["before"], edit


def test_seed_repaired_and_nothing_else_changed(seed_text: str) -> None:
    fixed = fix_transliteration(seed_text)
    changed = {i for i, (a, b) in enumerate(zip(seed_text, fixed)) if a != b}
    wanted = {e["offset"]: e["after"] for e in EXPECTED if "known_failure" not in e}
    assert changed == set(wanted)
    assert all(fixed[i] == after for i, after in wanted.items())


def test_seed_explain_names_a_rule_for_each_edit(seed_text: str) -> None:
    edits = explain(seed_text)
    assert [e.start for e in edits] == sorted(e["offset"] for e in EXPECTED if "known_failure" not in e)
    assert all(e.rule and 0.8 <= e.confidence <= 1 for e in edits)


def test_seed_every_artifact_repaired_or_left_as_a_doubt(seed_text: str) -> None:
    """Every artifact is repaired, but the known failures: plural possessives
    the model leaves as doubts, listed by ``explain(doubts=True)``."""
    fixed = fix_transliteration(seed_text)
    assert all(fixed[e["offset"]] == e["after"] for e in EXPECTED if "known_failure" not in e)
    doubts = {e.start: e for e in explain(seed_text, doubts=True) if not e.applied}
    for e in EXPECTED:
        if "known_failure" in e:
            assert fixed[e["offset"]] == e["before"]
            assert doubts[e["offset"]].rule == "plural_possessive" and doubts[e["offset"]].after == e["after"]
