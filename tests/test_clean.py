"""clean(), clean_and_explain(), decode(): the whole repair as one call."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablefix import CleanConfig, RepairConfig, clean, clean_and_explain, decode, fix_transliteration
from cablefix.clean import (
    ASCII_QUOTES,
    CAPTIONS,
    ENTITY_NAMES,
    ENTITY_QUOTES,
    MOJIBAKE,
    TRAILING_SPACES,
    Step,
    apply_changes,
    caption_changes,
    strip_trailing_spaces,
)

from .conftest import FIXTURES


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text)


def test_seed_repaired_caption_removed_words_kept(seed_text: str) -> None:
    cleaned = clean(seed_text)
    assert "that some issues are more sensitive" in cleaned
    assert "the Regime\u2019s control criteria" in cleaned and "a \u201cWatch List\u201d of items" in cleaned
    assert "SIPDIS" not in cleaned
    assert words(cleaned) == [w for w in words(seed_text) if w != "SIPDIS"]


def test_seed_clean_and_explain_offsets_point_into_the_input(seed_text: str) -> None:
    cleaned, changes = clean_and_explain(seed_text)
    assert cleaned == clean(seed_text)
    assert {c.step for c in changes} == {"fix_transliteration", "remove_captions"}
    for c in changes:
        assert seed_text[c.start : c.end] == c.before


@pytest.mark.parametrize(
    "text,expected",
    [
        ("he said \u00ac one additional soldier8 would go", "he said \u201cnot one additional soldier\u201d would go"),
        ("fighting \u00b5-trafficking networks8 in the north", "fighting \u201cmicro-trafficking networks\u201d in the north"),
        ("and \u00a3ing on the table8 worked", "and \u201cpounding on the table\u201d worked"),
        ("there are \u00a2rales8 or hubs", "there are \u201ccentrales\u201d or hubs"),
        ("a price of \u00a3 5 million", "a price of \u00a3 5 million"),  # no closing quote: a pound sign
        # from the large legacy cables: the name a word, glued to a word, or after a bracket
        ("a 5-8 year horizon (\u00ac three years8) for", "a 5-8 year horizon (\u201cnot three years\u201d) for"),
        ("could support our \u00aeular8 initiatives", "could support our \u201cregular\u201d initiatives"),
        ("the opposition \u00c2\u00aching but liars,8 who", "the opposition \u201cnothing but liars,\u201d who"),
        ("a \u00b6-military8 force", "a \u201cpara-military\u201d force"),
    ],
)
def test_entity_collapsed_quotes(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # an entity character standing alone is its name only when the name is a word ("not")
        ("the \u00b6 sign\u201d", "the \u00b6 sign\u201d"),
        ("\u00ae trademark\u201d", "\u00ae trademark\u201d"),
        ("the \u00b6 sign8 here", "the \u00b6 sign\u201d here"),
        ("see \u00a7 3 of the law8", "see \u00a7 3 of the law\u201d"),
        ("a \u00ae-registered mark8", "a \u00ae-registered mark\u201d"),  # "reg" is no prefix
        # a spacing accent typed for a quote or apostrophe (large plain and unicode cables)
        ("than just the \u00b4big countries.\u00b4 Estonia8", "than just the \u00b4big countries.\u00b4 Estonia8"),
        ("the government\u00b4s six social programs8", "the government\u00b4s six social programs\u201d"),
        ("a word \u2003next to the end8", "a word \u2003next to the end\u201d"),  # an em space is no &emsp
        ("a price of \u00a3 5 million for the project8", "a price of \u00a3 5 million for the project\u201d"),
        ("\u00a9 2008 Reuters: the report8", "\u00a9 2008 Reuters: the report\u201d"),
        ("\u2022 the first item8", "\u2022 the first item\u201d"),
    ],
)
def test_entity_characters_that_are_no_collapsed_quote_stay(text: str, expected: str) -> None:
    assert clean(text) == expected
    assert ENTITY_QUOTES.changes(text) == [c for c in ENTITY_QUOTES.changes(text) if c.before == "8"] == []


def test_entity_quote_reach_is_counted_in_words() -> None:
    """The closing quote may end the fortieth word after the opener, not the
    forty-first; blanks do not count (``clean`` drops some)."""
    from cablefix.clean import ENTITY_QUOTE_WORDS

    near = "said \u00ac " + "word " * (ENTITY_QUOTE_WORDS - 1) + "end8 x"
    far = "said \u00ac " + "word " * ENTITY_QUOTE_WORDS + "end8 x"
    assert clean(near).startswith("said \u201cnot word") and clean(near).endswith("end\u201d x")
    assert clean(far).startswith("said \u00ac word")
    spaced = far.replace(" word", "   \n word")
    assert clean(spaced).startswith("said \u00ac") and clean(clean(spaced)) == clean(spaced)


def test_mojibake_only_where_it_shows() -> None:
    assert clean("Ukraine\u00e2\u20ac\u2122s view") == "Ukraine\u2019s view"
    assert clean("Ukraine\u2019s caf\u00e9 \u2014 fine") == "Ukraine\u2019s caf\u00e9 \u2014 fine"


def test_ftfy_does_not_undo_the_repair() -> None:
    text = "Ukraine\u00e2\u20ac\u2122s view and the Regime,s &Watch List8"
    assert clean(text) == "Ukraine\u2019s view and the Regime\u2019s \u201cWatch List\u201d"


def test_quotes_ascii() -> None:
    assert clean("the Regime,s &Watch List8 ) end", quotes="ascii") == "the Regime's \"Watch List\" -- end"


def test_options_override_config() -> None:
    config = CleanConfig(captions=False)
    assert clean("a\n\nSIPDIS\n\nb", config) == "a\n\nSIPDIS\n\nb"
    assert clean("a\n\nSIPDIS\n\nb", config, captions=True) == "a\n\nb"
    with pytest.raises(TypeError, match="unknown option"):
        clean("x", colour=True)
    with pytest.raises(ValueError, match="quotes"):
        clean("x", quotes="smart")


def test_trailing_spaces_removed_line_breaks_kept() -> None:
    assert clean("a  \nb \t\n\nc ") == "a\nb\n\nc"


@pytest.mark.parametrize("bad", [b"Regime,s", bytearray(b"x"), None, 3])
def test_clean_rejects_non_str_and_says_decode(bad) -> None:
    with pytest.raises(TypeError, match="str"):
        clean(bad)
    if isinstance(bad, (bytes, bytearray)):
        with pytest.raises(TypeError, match="decode"):
            clean(bad)


def test_decode() -> None:
    assert decode("Ukraine\u2019s caf\u00e9".encode("utf-8")) == "Ukraine\u2019s caf\u00e9"
    assert decode("\ufeffRegime,s".encode("utf-8")) == "Regime,s"
    assert decode("Ukraine\u2019s caf\u00e9 and the Regime,s view".encode("cp1252")) == "Ukraine\u2019s caf\u00e9 and the Regime,s view"
    with pytest.raises(TypeError):
        decode("text")  # type: ignore[arg-type]


def test_in_the_wild_fixtures_clean_like_the_repair() -> None:
    import json

    for case in json.loads((FIXTURES / "in-the-wild.json").read_text(encoding="utf-8")):
        assert clean(case["original"], trailing_spaces=False, captions=False) == case["fixed"]


NOISY = st.lists(
    st.sampled_from(list("ab s,&8)(\n\t.\u00ac\u00a3\u2019\u201c\u201d\u2014") + ["SIPDIS", "\u00e2\u20ac\u2122", "Regime,s", " ) "])
).map("".join)


@given(st.one_of(st.text(), NOISY))
def test_idempotent(text: str) -> None:
    once = clean(text)
    assert clean(once) == once


@given(st.one_of(st.text(), NOISY))
def test_explained_changes_lie_in_the_input(text: str) -> None:
    cleaned, changes = clean_and_explain(text)
    assert cleaned == clean(text)
    for c in changes:
        assert 0 <= c.start <= c.end <= len(text)
    first = [c for c in changes if c.step == changes[0].step] if changes else []
    for c in first:
        assert text[c.start : c.end] == c.before


def test_two_entity_openers_never_share_one_closing_quote() -> None:
    # found by test_explained_changes_lie_in_the_input: both "¬" took the one
    # "8", which was replaced twice (the text grew, offsets ran past its end)
    text = "¬ ) ¬a8 "
    cleaned, changes = clean_and_explain(text)
    assert cleaned == "¬ — \u201cnota\u201d"
    assert [(c.start, c.before) for c in changes if c.step == "fix_entity_quotes"] == [(4, "¬"), (6, "8")]


def test_entity_table_is_from_the_standard_library() -> None:
    assert ENTITY_NAMES["\u00ac"] == "not" and ENTITY_NAMES["\u00a3"] == "pound"
    assert "\u2019" not in ENTITY_NAMES and "\u00e9" not in ENTITY_NAMES


BLANKS = st.lists(st.sampled_from([" ", " ", "\t", "\n", "\r", "\r\n", "a", "SIPDIS", "\u2014", "\u201c", "&x8"])).map("".join)


@pytest.mark.parametrize("step", [MOJIBAKE, CAPTIONS, ENTITY_QUOTES, TRAILING_SPACES, ASCII_QUOTES])
@given(text=st.one_of(st.text(), NOISY, BLANKS))
def test_each_step_fixes_what_it_lists(step: Step, text: str) -> None:
    assert step.fix(text) == apply_changes(text, step.changes(text))


@given(st.one_of(st.text(), BLANKS))
def test_trailing_spaces_match_line_by_line_stripping(text: str) -> None:
    lines = re.split(r"(\r\n|\r|\n)", text)  # text, ending, text, ending, …, text
    expected = "".join(part if k % 2 else part.rstrip(" \t") for k, part in enumerate(lines))
    assert strip_trailing_spaces(text) == expected


def test_caption_lines_in_a_row_each_go_with_nothing_else() -> None:
    text = "para one\n\nSIPDIS\n  SIPNET\r\nSIPDIS \rSIPDIS\nnext line\n"
    changes = caption_changes(text)
    assert [c.before for c in changes] == ["SIPDIS\n", "  SIPNET\r\n", "SIPDIS \r", "SIPDIS\n"]
    assert apply_changes(text, changes) == "para one\n\nnext line\n"


def test_a_caption_followed_by_many_blanks_and_more_is_no_caption_line() -> None:
    text = "SIPDIS" + " " * 90 + "SIPDIS\nend"  # found by a differential run: clean() was not idempotent here
    assert caption_changes(text) == []  # the second stands 90 blanks into a line
    assert clean(clean(text)) == clean(text)


@pytest.mark.parametrize("value", [5, 1.01, -1, -0.0001, float("nan"), float("inf"), float("-inf")])
def test_configs_refuse_a_min_confidence_outside_0_to_1(value: float) -> None:
    from cablefix import RepairConfig, explain, fix_transliteration

    for make in (
        lambda: RepairConfig(min_confidence=value),
        lambda: RepairConfig(value),
        lambda: RepairConfig()._replace(min_confidence=value),
        lambda: CleanConfig(min_confidence=value),
        lambda: CleanConfig()._replace(min_confidence=value),
        lambda: clean("x", min_confidence=value),
        lambda: clean_and_explain("x", min_confidence=value),
        lambda: fix_transliteration("x", min_confidence=value),
        lambda: explain("x", doubts=True, min_confidence=value),
    ):
        with pytest.raises(ValueError, match="min_confidence must be a number from 0 to 1"):
            make()


@pytest.mark.parametrize("value", ["0.9", None, True, [0.9]])
def test_configs_refuse_a_min_confidence_that_is_no_number(value: object) -> None:
    from cablefix import RepairConfig

    with pytest.raises(TypeError, match="min_confidence"):
        RepairConfig(min_confidence=value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="min_confidence"):
        CleanConfig(min_confidence=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [1.5, -0.1, float("nan")])
def test_clean_config_refuses_a_possessive_threshold_outside_0_to_1(value: float) -> None:
    for make in (lambda: CleanConfig(possessive_threshold=value), lambda: CleanConfig()._replace(possessive_threshold=value),
                 lambda: clean("x", possessive_threshold=value)):
        with pytest.raises(ValueError, match="possessive_threshold must be a number from 0 to 1"):
            make()
    with pytest.raises(TypeError, match="possessive_threshold"):
        CleanConfig(possessive_threshold="0.9")  # type: ignore[arg-type]


def test_clean_takes_the_possessive_threshold_to_the_repair() -> None:
    """``CleanConfig.possessive_threshold`` reaches the possessive decision
    as ``RepairConfig``'s does; other repairs do not move with it."""
    text = "The Regime,s view. We noted the Partners, interest in talks."
    assert clean(text) == "The Regime’s view. We noted the Partners’ interest in talks."
    strict = clean(text, possessive_threshold=0.9999)
    assert strict == "The Regime’s view. We noted the Partners, interest in talks."
    assert strict == fix_transliteration(text, possessive_threshold=0.9999)
    assert CleanConfig(possessive_threshold=0.92).repair.possessive_threshold == 0.92
    assert CleanConfig().repair == RepairConfig()


def test_configs_refuse_an_unknown_quote_style() -> None:
    for make in (lambda: CleanConfig(quotes="smart"), lambda: CleanConfig()._replace(quotes="ASCII"), lambda: clean("x", quotes="")):
        with pytest.raises(ValueError, match="quotes must be one of"):
            make()


@pytest.mark.parametrize("value", [0, 0.0, 0.5, 1, 1.0])
def test_configs_take_the_ends_of_the_range(value: float) -> None:
    from cablefix import RepairConfig

    assert RepairConfig(value).min_confidence == value
    assert CleanConfig(min_confidence=value).min_confidence == value


def test_every_config_taking_function_takes_keyword_options() -> None:
    from cablefix import RepairConfig, explain, fix_transliteration

    text = "He asked about the IOCs, alignment with the plan, and the Regime,s view ) here."
    strict = RepairConfig(min_confidence=0.995)
    assert fix_transliteration(text, min_confidence=0.995) == fix_transliteration(text, strict)
    assert fix_transliteration(text, strict) != fix_transliteration(text)  # the option matters here
    assert explain(text, doubts=True, min_confidence=0.995) == explain(text, True, strict) == explain(text, doubts=True, config=strict)
    assert explain(text, min_confidence=0.995) == [e for e in explain(text, True, strict) if e.applied]
    assert fix_transliteration(text, RepairConfig(0.5), min_confidence=0.995) == fix_transliteration(text, strict)  # options win
    assert clean(text, min_confidence=0.995) == clean(text, CleanConfig(min_confidence=0.995))
    for call in (lambda: fix_transliteration(text, colour=1), lambda: explain(text, colour=1)):
        with pytest.raises(TypeError, match="unknown option"):
            call()
    for call in (lambda: fix_transliteration(text, 0.9), lambda: explain(text, False, 0.9), lambda: clean(text, 0.9)):
        with pytest.raises(TypeError, match="config must be"):
            call()
