"""The words the plain cables spell with an apostrophe inside
(``data/inner_words.json``, ``tools/inner_words.py``, the ``known_spelling`` rule)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from cablefix import explain, fix_transliteration, lexicon
from cablefix.repair import apostrophes

from .conftest import ROOT, SHARED, typed_sample

LARGE = SHARED / "corpus" / "large"


def test_the_shipped_spellings_load_and_are_used() -> None:
    learned = apostrophes.spellings()
    assert apostrophes.spellings() is learned  # read once
    assert "sant'egidio" in learned.words and 0.5 < learned.confidence < 1
    (edit,) = explain("THE VATICAN AFFILIATED SANT,EGIDIO COMMUNITY")
    assert edit.rule == "known_spelling" and edit.confidence == learned.confidence


def test_the_confidence_is_the_share_measured_on_the_gold_cables() -> None:
    raw = json.loads((ROOT / "src" / "cablefix" / "data" / "inner_words.json").read_text(encoding="utf-8"))
    gold = raw["gold"]
    assert gold["matches"] >= 1, "no gold comma to measure the rule on"
    assert raw["confidence"] == round((gold["apostrophes"] + 1) / (gold["matches"] + 2), 3)
    assert all(n >= raw["min_cables"] for n in raw["words"].values())


@pytest.mark.parametrize("text, at", [
    ("TAGS: PREL,SA,ID,PGOV", "SA,ID"),  # country codes (sa'id is learned: Sa'id, a name)
    ("the (SA,ID) team", "SA,ID"),  # two pieces of two letters
    ("TAGS: KISL,SANT,EGIDIO,PREL", "SANT,EGIDIO"),  # glued into a list of codes
    ("the IIPA and SANT,EGIDIO met", "SANT,EGIDIO"),  # capitals amid lowercase words: an acronym
    ("xSant,Egidio", "Sant,Egidio"),  # no word starts there
])
def test_a_learned_word_where_the_corpus_cannot_tell_stays(text: str, at: str) -> None:
    assert at.lower().replace(",", "'") in apostrophes.spellings().words
    assert apostrophes.known_spelling(text, text.index(at) + at.index(",")) is None
    assert fix_transliteration(text) == text


@pytest.mark.parametrize("text, fixed", [
    ("-8Sant,Egidio", "-\u201dSant\u2019Egidio"),  # a glued closing quote before: read as the ” it becomes
    ("o,brien,8)", "o\u2019brien,\u201d)"),  # a closing quote after a comma after
    ("Dall,Anese,s office", "Dall\u2019Anese\u2019s office"),
])
def test_a_learned_word_beside_legacy_marks_is_repaired_once(text: str, fixed: str) -> None:
    assert fix_transliteration(text) == fixed
    assert fix_transliteration(fixed) == fixed


def test_a_learned_word_is_repaired_in_any_case_and_inside_a_compound() -> None:
    assert fix_transliteration("Jama,at-e-Islami. THE SANT,EGIDIO COMMUNITY AND THE DE-BA,ATH LAW") == (
        "Jama\u2019at-e-Islami. THE SANT\u2019EGIDIO COMMUNITY AND THE DE-BA\u2019ATH LAW")
    assert fix_transliteration("xSant,Egidio") == "xSant,Egidio"  # (no word starts there)


def test_other_spellings_can_be_used_and_the_shipped_ones_again(tmp_path) -> None:
    path = tmp_path / "words.json"
    path.write_text(json.dumps({"words": {"humperdinck'zed": 3}, "confidence": 0.9}), encoding="utf-8")
    try:
        apostrophes.use_spellings(str(path))
        assert fix_transliteration("a Humperdinck,zed and Sant,Egidio") == "a Humperdinck\u2019zed and Sant,Egidio"
    finally:
        apostrophes.use_spellings(None)
    assert fix_transliteration("a Humperdinck,zed and Sant,Egidio") == "a Humperdinck,zed and Sant\u2019Egidio"


def _corpus(root, plain: list[tuple[str, str]], gold: list[tuple[str, str]]):
    large = root / "corpus" / "large"
    large.mkdir(parents=True)
    for name, rows in (("plain", plain), ("unicode", gold)):
        with open(large / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for cable_id, body in rows:
                f.write(json.dumps({"id": cable_id, "body": body}) + "\n")
    (root / "eval").symlink_to(SHARED / "eval")
    return large


def test_learning_keeps_words_of_two_cables_and_is_deterministic(tmp_path) -> None:
    if not (SHARED / "eval").exists():
        pytest.skip("no shared scorers")
    large = _corpus(
        tmp_path,
        plain=[("A1", "Sant'Egidio hosted; Iran's view; depar'ment"), ("A2", "the SANT'EGIDIO talks, don't"),
               ("A3", "Jama'at once")],
        gold=[("G1", "the Sant\u2019Egidio talks and Iraq,Iran")],
    )
    outs = []
    for k in range(2):
        out = tmp_path / f"words{k}.json"
        subprocess.run([sys.executable, str(ROOT / "tools" / "inner_words.py"), str(large), "--out", str(out)],
                       capture_output=True, text=True, check=True, timeout=120)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    raw = json.loads(outs[0])
    assert raw["words"] == {"sant'egidio": 2}  # (one cable's depar'ment and Jama'at are not enough)
    assert raw["gold"] == {"matches": 1, "apostrophes": 1} and raw["confidence"] == round(2 / 3, 3)


def _inner_apostrophes(n: int) -> dict:
    """On the first ``n`` plain cables of the large corpus, typed and
    garbled as ``score_typed.py`` does: the apostrophes inside a word that
    are no contraction, how many the repair gives back, and the
    ``known_spelling`` edits right and wrong."""
    got = {"positives": 0, "repaired": 0, "known_right": 0, "known_wrong": 0}
    inner = re.compile("(?<=[A-Za-z])\u2019(?=([A-Za-z]+))")
    for orig, bad in typed_sample(n):
        out = fix_transliteration(bad)
        for m in inner.finditer(orig):
            if m.group(1).lower() not in lexicon.CONTRACTION_SUFFIXES:
                got["positives"] += 1
                got["repaired"] += out[m.start()] == "\u2019"
        for e in explain(bad):
            if e.rule == "known_spelling":
                got["known_right" if orig[e.start] == e.after else "known_wrong"] += 1
    return got


def test_a_sample_of_the_large_corpus_holds_its_inner_apostrophes() -> None:
    """The first 3,000 plain cables (they teach the spellings: in-sample;
    the held-out figures are in docs/accuracy.md): 97.1% of the apostrophes
    inside a word repaired when written (917 of 944; 869 without the
    learned spellings), every ``known_spelling`` edit right (48)."""
    if not LARGE.exists():
        pytest.skip("no large corpus")
    got = _inner_apostrophes(3000)
    assert got["repaired"] / got["positives"] >= 0.9713, got
    assert got["known_wrong"] == 0 and got["known_right"] >= 48, got


def test_the_shipped_spellings_are_what_the_tool_learns_from_the_corpus(tmp_path) -> None:
    if not LARGE.exists():
        pytest.skip("no large corpus")
    out = tmp_path / "words.json"
    subprocess.run([sys.executable, str(ROOT / "tools" / "inner_words.py"), str(LARGE), "--out", str(out)],
                   capture_output=True, text=True, check=True, timeout=300)
    assert out.read_bytes() == (ROOT / "src" / "cablefix" / "data" / "inner_words.json").read_bytes()
