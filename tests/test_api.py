"""The public API: types, errors, the config, explain."""

from __future__ import annotations

import gc
import json
import math

import pytest

import cablefix
from cablefix import CleanConfig, Edit, RepairConfig, clean, explain, fix_transliteration, parse, split
from cablefix.problems import problems
from cablefix.repair import possessive

from .conftest import ROOT, SEED, needs_seed


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
    text = "The Regime,s rules. Among the lawyers, judges take the hardest line."
    fixed = text.replace("Regime,s", "Regime\u2019s")
    assert fix_transliteration(text) == fixed
    contraction, doubt = explain(text, doubts=True)
    assert (doubt.rule, doubt.applied, doubt.after) == ("plural_possessive", False, "\u2019")
    assert doubt.confidence < possessive.load_model().threshold
    assert len(doubt.why) == 3 and all(isinstance(w, str) for w in doubt.why)
    assert explain(text) == [contraction]


def test_a_text_whose_apostrophes_are_intact_has_no_possessive_doubt() -> None:
    text = "Russia's view. He asked about the IOCs, alignment with the plan."
    assert fix_transliteration(text) == text
    assert explain(text, doubts=True) == []


def test_thresholds_trade_recall_for_certainty() -> None:
    text = "The Regime,s rules. He asked about the IOCs, alignment with the plan."
    regime = "The Regime\u2019s rules. He asked about the IOCs, alignment with the plan."
    assert fix_transliteration(text) == "The Regime\u2019s rules. He asked about the IOCs\u2019 alignment with the plan."
    assert fix_transliteration(text, RepairConfig(min_confidence=1.0)) == text  # no rule is quite sure
    assert fix_transliteration(text, RepairConfig(min_confidence=0.995)) == text  # (the contraction is 0.99)
    assert fix_transliteration(text, RepairConfig(possessive_threshold=0.999)) == regime
    doubt = "The Regime,s rules. Among the lawyers, judges take the hardest line."
    p = explain(doubt, doubts=True)[1].confidence
    assert "lawyers\u2019" in fix_transliteration(doubt, RepairConfig(min_confidence=p, possessive_threshold=p))
    assert "lawyers\u2019" not in fix_transliteration(doubt, RepairConfig(min_confidence=p, possessive_threshold=p + 0.001))


#: One possessor twice, from 07STATE156011.
REPEATED = (
    "He attempted to explain away Morales, behavior, recalling his background. "
    "Guzman said that Morales, rhetoric played to his constituency."
)


def test_the_trees_read_the_same_possessor_elsewhere(tmp_path) -> None:
    """The trees read the best raw score of the same owner in another
    passage: a model whose one tree splits on that input alone makes each
    Morales the surer for the other, and its ``why`` says so."""
    shipped = possessive.load_model()
    raw = json.loads((ROOT / "src" / "cablefix" / "data" / "possessive_model.json").read_text(encoding="utf-8"))
    other = len(raw["trees"]["inputs"]) + 1  # (the raw score, the slots' parts, the owner elsewhere)
    raw["trees"] |= {"base": 0.0, "calibration": [1.0, 0.0], "gate": 0.0,
                     "trees": [[[other, -1, -1], [possessive.NO_OTHER + 1, 0.0, 0.0], [1, 0, 0], [2, 0, 0], [0.0, -1.0, 3.0]]]}
    (tmp_path / "model.json").write_text(json.dumps(raw), encoding="utf-8")
    first = REPEATED[: REPEATED.index("Guzman")]
    try:
        possessive.use_model(str(tmp_path / "model.json"))
        alone = explain(first, doubts=True)[0]
        together = explain(REPEATED, doubts=True)
    finally:
        possessive.use_model(None)
    assert possessive.load_model().trees == shipped.trees
    assert alone.confidence == round(1 / (1 + math.exp(1)), 3)
    assert [REPEATED[e.start - 7 : e.start] for e in together] == ["Morales", "Morales"]
    assert together[0].confidence == together[1].confidence == round(1 / (1 + math.exp(-3)), 3)
    assert not any("same owner elsewhere" in w for w in alone.why)
    assert "same owner elsewhere" in together[0].why[-1]


def test_without_trees_the_first_stage_decides(tmp_path) -> None:
    """A model without trees gives the first stage's calibrated probability:
    the trees are a stage the trainer may leave out."""
    raw = json.loads((ROOT / "src" / "cablefix" / "data" / "possessive_model.json").read_text(encoding="utf-8"))
    raw["trees"] = None
    (tmp_path / "model.json").write_text(json.dumps(raw), encoding="utf-8")
    text = "The Regime,s view. He welcomed the Partners, interest in it."
    try:
        model = possessive.use_model(str(tmp_path / "model.json"))
        d = possessive.decide(text, 43)
        score, _ = possessive.score(model, possessive.features(text, 43, model.classes))
    finally:
        possessive.use_model(None)
    a, b = model.calibration
    assert d.confidence == round(1 / (1 + math.exp(-(a * score + b))), 3)
    assert not any(w.startswith("read together") for w in d.why)


def test_a_model_with_other_word_classes_is_refused(tmp_path) -> None:
    raw = json.loads((ROOT / "src" / "cablefix" / "data" / "possessive_model.json").read_text(encoding="utf-8"))
    raw["class_names"] = raw["class_names"][:-1]
    (tmp_path / "model.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="word classes"):
        possessive.use_model(str(tmp_path / "model.json"))
    assert possessive.load_model().classes


def test_a_model_from_the_older_trainer_is_refused(tmp_path) -> None:
    """A model with the linear document stage (``stack``) and no trees: its
    threshold belongs to another probability."""
    raw = json.loads((ROOT / "src" / "cablefix" / "data" / "possessive_model.json").read_text(encoding="utf-8"))
    raw["stack"] = [0.0, 1.0, 0.0, 0.0]
    del raw["trees"]
    (tmp_path / "model.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="older trainer"):
        possessive.use_model(str(tmp_path / "model.json"))
    assert possessive.load_model().trees is not None


def test_a_model_whose_unknown_words_weigh_under_the_empty_key_is_refused(tmp_path) -> None:
    """An older trainer kept a word slot's weight for unknown words under
    ``""``: read as it is, those words would weigh nothing."""
    raw = json.loads((ROOT / "src" / "cablefix" / "data" / "possessive_model.json").read_text(encoding="utf-8"))
    raw["weights"]["owner"][""] = raw["weights"]["owner"].pop(possessive.UNKNOWN)
    (tmp_path / "model.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="older trainer"):
        possessive.use_model(str(tmp_path / "model.json"))
    assert possessive.UNKNOWN in possessive.load_model().weights["owner"]


@pytest.mark.parametrize(
    "text",
    [
        # a list that goes on after more commas, however often it is repeated
        "-- Plans, intentions, views, positions, lobbying, and tactics of groups. "
        "-- Plans, intentions, views, positions, lobbying, and tactics of blocs.",
        # an introductory phrase may end at the comma
        "Among the lawyers, judges take the hardest line. "
        "Among the lawyers, prosecutors take a softer line.",
    ],
)
def test_repeated_doubts_in_lists_and_introductory_phrases_stay(text: str) -> None:
    assert fix_transliteration(text) == text
    doubts = explain(text, doubts=True)
    assert doubts and all(e.rule == "plural_possessive" and not e.applied for e in doubts)


#: A sentence a cable holds twice (from the plain set): one passage, one piece of evidence.
TWICE = (
    "Concerns include human trafficking, easy access to false documents and weapons, "
    "movement of pirated goods, and uncontrolled borders. "
)


def test_a_passage_repeated_word_for_word_is_no_evidence() -> None:
    text = "The Regime,s view. " + TWICE + "He repeated it: " + TWICE
    assert fix_transliteration(text) == text.replace("Regime,s", "Regime\u2019s")
    doubts = [e for e in explain(text, doubts=True) if e.rule == "plural_possessive"]
    assert len(doubts) == 2 and doubts[0].confidence == doubts[1].confidence
    assert not any(w.startswith("same owner elsewhere") for e in doubts for w in e.why)


def test_an_introductory_phrase_stays() -> None:
    # from 05ANKARA7215 (legacy): "Among AKP MPs," ends a phrase
    text = (
        "Tensions rose between AKP,s Kurdish MPs and the rest. While AKP MPs, numbers may slowly "
        "erode over the next year (ref A), a split is unlikely. Among AKP MPs, nationalists take the hardest line."
    )
    fixed = fix_transliteration(text)
    assert "AKP\u2019s Kurdish" in fixed and "MPs, nationalists" in fixed


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


def test_every_rule_the_scan_names_is_a_row_of_the_table() -> None:
    """Every ``Edit.rule`` is the name of a row of ``RULES`` (one place a
    rule is listed, with its function), and the table names each rule once."""
    import json

    from cablefix.repair import RULES
    from cablefix.repair.rules import BY_NAME

    from .conftest import FIXTURES

    assert len(BY_NAME) == len(RULES)
    texts = [case["original"] for name in ("synthetic.json", "in-the-wild.json") for case in json.loads((FIXTURES / name).read_text("utf-8"))]
    seen = {e.rule for text in texts for e in explain(text, doubts=True)}
    assert seen == set(BY_NAME)  # (the fixtures reach every rule)


@pytest.mark.parametrize("option", ["mojibake", "transliteration", "entity_quotes", "captions", "trailing_spaces"])
def test_a_step_switch_that_is_no_boolean_is_refused(option: str) -> None:
    for value in ("false", "no", None, 2):
        with pytest.raises(TypeError, match=option):
            clean("a\n\nSIPDIS\n\nb", **{option: value})
        with pytest.raises(TypeError, match=option):
            CleanConfig()._replace(**{option: value})
    assert getattr(CleanConfig(**{option: 0}), option) is False


@pytest.mark.parametrize("year, error", [("2009", TypeError), (True, TypeError), (2008.5, TypeError), (-5, ValueError), (3000, ValueError)])
def test_a_year_hint_that_is_no_year_is_refused(year: object, error: type) -> None:
    with pytest.raises(error, match="year"):
        parse("UNCLAS MOSCOW 000512 SUBJECT: X", year=year)  # type: ignore[arg-type]
    for good in (2008, 2008.0):  # (a year column with missing values is float)
        assert parse("UNCLAS MOSCOW 000512 SUBJECT: X", year=good).reference_id == "08MOSCOW512"  # type: ignore[arg-type]


@needs_seed
@pytest.mark.parametrize("date", ["1/8/0008 20:42", "1/8/1850 20:42", "1/8/3008 20:42"])
def test_a_record_dated_in_no_real_year_passes_no_hint_on(date: str) -> None:
    """A damaged date's year (the seed's first record dated so) is no hint
    for the cable after it: the record splits as with its real date, and
    nothing raises in split, problems or a metadata date."""
    seed = SEED.read_text(encoding="utf-8")
    damaged = seed.replace("1/8/2008 20:42", date, 1)
    assert [s.end for s in split(damaged)] == [s.end for s in split(seed)]
    assert [p.kind for p in problems(damaged)] == [p.kind for p in problems(seed)]
    assert len(split(seed, metadata={"record_date": date})) == len(split(seed))
