"""The public API: types, errors, the config, explain."""

from __future__ import annotations

import gc

import pytest

import cablefix
from cablefix import Edit, RepairConfig, explain, fix_transliteration
from cablefix.repair import NOT_A_LIST, SAME_POSSESSOR_FLOOR, list_goes_on, may_end_introductory


@pytest.mark.parametrize("bad", [b"Regime,s", bytearray(b"x"), None, 42, ["a"]])
@pytest.mark.parametrize("func", [fix_transliteration, explain])
def test_non_str_raises_type_error(func, bad) -> None:
    with pytest.raises(TypeError, match="str"):
        func(bad)


def test_bytes_error_says_to_decode_first() -> None:
    with pytest.raises(TypeError, match="decode"):
        fix_transliteration(b"Regime,s")


def test_edit_fields() -> None:
    (edit,) = explain("the Regime,s view")
    assert edit == Edit(10, 11, ",", "\u2019", "contraction", 0.99, True)


def test_doubts_are_listed_but_not_applied() -> None:
    text = "Russia's view. He asked about the IOCs, alignment with the plan."
    assert fix_transliteration(text) == text
    (doubt,) = explain(text, doubts=True)
    assert (doubt.rule, doubt.applied, doubt.after) == ("plural_possessive", False, "\u2019")
    assert doubt.confidence < RepairConfig().min_confidence
    assert explain(text) == []


def test_min_confidence_trades_recall_for_certainty() -> None:
    text = "The Regime,s rules. He asked about the IOCs, alignment with the plan."
    strict = RepairConfig(min_confidence=0.95)
    assert fix_transliteration(text, strict) == "The Regime\u2019s rules. He asked about the IOCs, alignment with the plan."
    assert fix_transliteration(text) == "The Regime\u2019s rules. He asked about the IOCs\u2019 alignment with the plan."
    assert fix_transliteration(text, RepairConfig(min_confidence=1.0)) == text  # no rule is quite sure


#: Two doubts about one possessor (0.65 and 0.45 alone), from 07STATE156011.
REPEATED = (
    "He attempted to explain away Morales, behavior, recalling his background. "
    "Guzman said that Morales, rhetoric played to his constituency."
)


def test_two_doubts_about_one_possessor_are_repaired_together() -> None:
    edits = explain(REPEATED)
    assert [(e.before, e.after, e.rule, e.confidence) for e in edits] == [
        (",", "\u2019", "repeated_possessor", 0.8),
        (",", "\u2019", "repeated_possessor", 0.8),
    ]
    assert [REPEATED[e.start - 7 : e.start] for e in edits] == ["Morales", "Morales"]
    # either sentence alone leaves a doubt; a stricter setting leaves both
    first = REPEATED[: REPEATED.index("Guzman")]
    assert fix_transliteration(first) == first
    assert fix_transliteration(REPEATED, RepairConfig(min_confidence=0.85)) == REPEATED


@pytest.mark.parametrize(
    "text",
    [
        # a list that goes on after more commas, however often it is repeated
        "-- Plans, intentions, views, positions, lobbying, and tactics of groups. "
        "-- Plans, intentions, views, positions, lobbying, and tactics of blocs.",
        # an introductory phrase may end at the comma: the doubt neither counts nor is taken
        "Among the lawyers, judges take the hardest line. "
        "Among the lawyers, prosecutors take a softer line.",
    ],
)
def test_repeated_doubts_in_lists_and_introductory_phrases_stay(text: str) -> None:
    assert fix_transliteration(text) == text
    doubts = explain(text, doubts=True)
    # doubts strong enough to be taken up, were the guards not there (in a
    # list a doubt also goes without NOT_A_LIST)
    in_list = [list_goes_on(text, e.start) for e in doubts]
    assert any(e.confidence + NOT_A_LIST * listed >= SAME_POSSESSOR_FLOOR for e, listed in zip(doubts, in_list))
    assert any(in_list) or all(may_end_introductory(text, e.start) for e in doubts)
    assert all(e.rule == "plural_possessive" for e in doubts)


#: A sentence a cable holds twice (from the plain set): one passage, one piece of evidence.
TWICE = (
    "Concerns include human trafficking, easy access to false documents and weapons, "
    "movement of pirated goods, and uncontrolled borders. "
)


def test_a_passage_repeated_word_for_word_is_not_two_doubts() -> None:
    text = "The Regime,s view. " + TWICE + "He repeated it: " + TWICE
    assert fix_transliteration(text) == text.replace("Regime,s", "Regime\u2019s")
    doubts = [e for e in explain(text, doubts=True) if e.rule == "plural_possessive"]
    # two doubts about one possessor that the other guards would let through
    assert len(doubts) == 2 and all(e.confidence >= SAME_POSSESSOR_FLOOR for e in doubts)
    assert not any(list_goes_on(text, e.start) or may_end_introductory(text, e.start) for e in doubts)


def test_a_sure_possessor_does_not_take_up_an_introductory_phrase() -> None:
    # from 05ANKARA7215 (legacy): "AKP MPs’ numbers" is sure; "Among AKP MPs," ends a phrase
    text = (
        "Tensions rose between AKP,s Kurdish MPs and the rest. While AKP MPs, numbers may slowly "
        "erode over the next year (ref A), a split is unlikely. Among AKP MPs, nationalists take the hardest line."
    )
    edits = explain(text)
    assert [(e.start, e.rule) for e in edits] == [
        (text.index(",s"), "contraction"),
        (text.index("MPs, numbers") + 3, "plural_possessive"),
    ]
    assert may_end_introductory(text, text.index("MPs, nationalists") + 3)


def test_public_names() -> None:
    assert set(cablefix.__all__) >= {"fix_transliteration", "explain", "Edit", "RepairConfig"}
    assert cablefix.__version__


def test_long_text_without_newlines_is_handled() -> None:
    text = "the Regime,s view ) and &Watch List8 " * 20_000
    fixed = fix_transliteration(text)
    assert len(fixed) == len(text)
    assert fixed.count("\u2019s") == 20_000 and fixed.count("\u201c") == 20_000


@pytest.mark.parametrize("enabled", [True, False])
def test_explain_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        edits = explain("the Regime,s view " * 5000)  # explain pauses the collector for this many
        assert len(edits) == 5000 and gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
