"""Hypothesis properties of fix_transliteration and explain.

The prose generator builds cable-like text from words, contractions and
singular possessives, quotes (with punctuation inside), dashes between words,
balanced parentheses, numbers (``2008``, ``1.8``), ampersands inside words
(``R&D``) and commas before function words.  It keeps out what the repair
deliberately leaves alone because the text alone cannot decide it: plural
possessives before a space (``the Partners’ interest``), deleted left single
quotes, quotes that close after a digit or span a blank line, and dashes inside
parentheses.  Those cases are measured on real cables instead (docs/accuracy.md).
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablefix import CleanConfig, Edit, RepairConfig, clean, clean_and_explain, explain, fix_transliteration
from cablefix.clean import QUOTE_STYLES
from cablefix.repair import LEGACY, apply_edits
from cablefix.repair.dashes import BLANKS_REACH, PARENTHESIS_WORDS, em_dash

#: The settings every invariant must hold at, not only the default: the ends
#: of the range, the default, and the confidences the rules give (a value
#: equal to a rule's is where an edit flips).
MIN_CONFIDENCES = st.sampled_from([0.0, 0.5, 0.6, 0.8, 0.85, 0.9, 0.95, 1.0])
REPAIR_CONFIGS = MIN_CONFIDENCES.map(RepairConfig)
CLEAN_CONFIGS = st.builds(
    CleanConfig,
    mojibake=st.booleans(),
    transliteration=st.booleans(),
    min_confidence=MIN_CONFIDENCES,
    entity_quotes=st.booleans(),
    captions=st.booleans(),
    trailing_spaces=st.booleans(),
    quotes=st.sampled_from(QUOTE_STYLES),
    possessive_threshold=st.sampled_from([None, 0.0, 0.5, 0.92, 0.999, 1.0]),
)

WORDS = st.sampled_from(
    "the regime partners view plenary council proposal export controls missile we "
    "said Russia MTCR Iran Seoul ambassador talks agreed further report on in of".split()
)
NAMES = st.sampled_from("Regime Russia MTCR Iran GOK HMG Korea Chair POC Brazil UK".split())
CONTRACTIONS = st.sampled_from("don’t won’t can’t we’re they’ve I’ll he’d I’m isn’t".split())
NUMBERS = st.sampled_from("2008 1.8 18 1718 para 8 F-18 G8 10,000 3.5".split(" "))
AMPERSANDS = st.sampled_from("R&D S&T AT&T Q&A".split())
FUNCTION = st.sampled_from("and but which the who including as".split())


@st.composite
def quoted(draw: st.DrawFn) -> str:
    inner = " ".join(draw(st.lists(WORDS, min_size=1, max_size=4)))
    return "“" + inner + draw(st.sampled_from(["", ",", ".", ";", "?"])) + "”"


@st.composite
def parenthetical(draw: st.DrawFn) -> str:
    return "(" + " ".join(draw(st.lists(WORDS | NUMBERS, min_size=1, max_size=3))) + ")"


@st.composite
def prose(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            WORDS
            | NAMES.map(lambda n: n + "’s")
            | CONTRACTIONS
            | NUMBERS
            | AMPERSANDS
            | quoted()
            | parenthetical()
            | st.tuples(WORDS, WORDS).map(" — ".join)
            | FUNCTION.map(lambda f: ", " + f),
            min_size=1,
            max_size=40,
        )
    )
    text = " ".join(pieces).replace(" , ", ", ")
    return text.lstrip(", ")


def garble(text: str) -> str:
    return "".join(LEGACY.get(c, c) for c in text)


@given(prose())
def test_round_trip(text: str) -> None:
    assert fix_transliteration(garble(text)) == text


@given(prose(), REPAIR_CONFIGS)
def test_clean_typographic_text_unchanged(text: str, config: RepairConfig) -> None:
    assert fix_transliteration(text, config) == text


@given(st.text(), REPAIR_CONFIGS)
def test_length_kept_and_only_legacy_characters_change(text: str, config: RepairConfig) -> None:
    fixed = fix_transliteration(text, config)
    assert len(fixed) == len(text)
    for a, b in zip(text, fixed):
        assert a == b or LEGACY.get(b) == a


@given(st.text(), REPAIR_CONFIGS)
def test_idempotent(text: str, config: RepairConfig) -> None:
    once = fix_transliteration(text, config)
    assert fix_transliteration(once, config) == once


@given(st.text().map(lambda t: t.translate({ord(c): None for c in ",&8)"})), REPAIR_CONFIGS)
def test_text_without_candidates_unchanged(text: str, config: RepairConfig) -> None:
    assert fix_transliteration(text, config) == text
    assert explain(text, doubts=True, config=config) == []


@given(prose(), CLEAN_CONFIGS)
def test_clean_leaves_clean_typographic_prose(text: str, config: CleanConfig) -> None:
    """No step has anything to do in clean typographic prose (one line, no
    trailing blank, no caption); only the ASCII quote style rewrites it."""
    expected = text.translate(str.maketrans({"\u2019": "'", "\u201c": '"', "\u201d": '"'})).replace("\u2014", "--")
    assert clean(text, config) == (expected if config.quotes == "ascii" else text)


@settings(max_examples=200)
@given(st.one_of(st.text(), prose().map(garble)), st.one_of(st.floats(0, 1), MIN_CONFIDENCES))
def test_explain_agrees_with_fix(text: str, threshold: float) -> None:
    config = RepairConfig(min_confidence=threshold)
    edits = explain(text, config=config)
    assert apply_edits(text, edits) == fix_transliteration(text, config)
    everything = explain(text, doubts=True, config=config)
    assert [e for e in everything if e.applied] == edits
    assert all(a.end <= b.start for a, b in zip(everything, everything[1:])), "in order, not overlapping"
    for e in everything:
        assert text[e.start : e.end] == e.before and len(e.after) == len(e.before) and e.after != e.before
        assert all(a == b or LEGACY[a] == b for a, b in zip(e.after, e.before))
        assert 0 <= e.confidence <= 1 and e.applied == (e.confidence >= threshold)


DENSE = st.lists(
    st.sampled_from(
        ["Lf", "d", "s", "t", "O", "x", "Regime", "Partners", "interest", "in", "the", "1", "0", "A",
         "Sant", "EGIDIO", "SA", "ID",  # (the pieces of words the cables spell with an apostrophe: Sant'Egidio, Sa'id)
         ",", ",", "&", "8", ")", "(", " ", " ", "\n", "\n\n", ".", ":", "\u2019", "\u201c", "\u2018", "\u201d"]
    ),
    max_size=60,
).map("".join)


@given(DENSE, REPAIR_CONFIGS)
def test_idempotent_on_dense_candidates(text: str, config: RepairConfig) -> None:
    once = fix_transliteration(text, config)
    assert fix_transliteration(once, config) == once


#: Text dense in what every step of ``clean`` acts on: the legacy candidates,
#: typographic and ASCII quotes, entity characters, mojibake, captions,
#: blanks before line breaks, URLs.
CLEAN_DENSE = st.lists(
    st.sampled_from(
        ["Lf", "d", "s", "t", "x", "Regime", "the", "and", "1", "8", "8", ",", ",", "&", ")", "(", " ", " ", "\t",
         "\n", "\n\n", ".", "\u2019", "\u2018", "\u201c", "\u201d", "\u2014", "'", '"', "--", "\u00ac", "\u00b6",
         "\u00a3", "\u00b5-", "\u00e2\u20ac\u2122", "\u00c3", "SIPDIS", "\nSIPDIS\n", "www.x.gov/", "file8.txt"]
    ),
    max_size=60,
).map("".join)


@given(st.one_of(st.text(), DENSE, CLEAN_DENSE), CLEAN_CONFIGS)
def test_clean_idempotent_at_every_setting(text: str, config: CleanConfig) -> None:
    once = clean(text, config)
    assert clean(once, config) == once
    cleaned, changes = clean_and_explain(text, config)
    assert cleaned == once
    assert all(0 <= c.start <= c.end <= len(text) for c in changes)
    first = list(itertools.takewhile(lambda c: c.step == changes[0].step, changes))
    assert all(text[c.start : c.end] == c.before for c in first)  # the first step's, at least, read the input


#: Possessive-dense phrases, repeated: the plural-possessive cues read the
#: phrase after a comma, and ``same_possessor`` compares passages.
POSSESSIVE_PHRASES = st.lists(
    st.sampled_from(
        ["the lawyers, march", "Morales, vision", "leaders, reactions on", "years, time,", "years, first by",
         "girls, schools and", "officials, work styles.", "don,t", ")", " ", "  ", "\n", "\n\n", ",", "\u2019",
         "its citizens, lives.", "his sons, business", "interests.", "8", "esp. the", "of whom", "40"]
    ),
    max_size=12,
).map(" ".join)


@given(POSSESSIVE_PHRASES, st.sampled_from(["", " ", "\n", " x "]), st.sampled_from(["", " ", "\n"]), CLEAN_CONFIGS)
def test_idempotent_on_repeated_possessive_passages(passage: str, between: str, end: str, config: CleanConfig) -> None:
    text = passage + between + passage + end
    repair = config.repair
    once = fix_transliteration(text, repair)
    assert fix_transliteration(once, repair) == once
    cleaned = clean(text, config)
    assert clean(cleaned, config) == cleaned


PARENTHESES = st.lists(
    st.sampled_from(["(", ")", ")", " ", " ", "\t", "\n", "\n\n", "a", "1", "word", ") ) )", " ) ", "end.)", "\u2014", "ab)c"]), max_size=80
).map("".join)


BLANK = (" ", "\t")


def closer_in_reach(text: str, i: int) -> bool:
    """Character by character: whether, after the ``)`` at ``i`` and within
    ``PARENTHESIS_WORDS`` words (runs of white space between), a ``)`` against
    two characters that are neither blank nor ``( ) —``, and not followed by a
    letter, digit or ``”``, comes before any ``(`` or blank line."""
    for j in range(i + 1, len(text)):
        if text[j] == "(" or re.match(r"\n[ \t\r]*\n", text[j:]):
            return False
        word = text[j : j + 2]
        if (
            text[j + 2 : j + 3] == ")"
            and not any(c.isspace() or c in "()\u2014" for c in word)
            and not (text[j + 3 : j + 4].isalnum() or text[j + 3 : j + 4] in ("_", "\u201d"))
        ):
            return len(re.findall(r"\s+", text[i:j])) <= PARENTHESIS_WORDS
    return False


def nearest(chars: str) -> str:
    """The first character of ``chars`` that is not a blank, or ``""``."""
    for c in chars:
        if c not in BLANK:
            return c
    return ""


def lone_between_blanks(text: str, i: int) -> bool:
    """The ``)`` at ``i`` has a blank on each side (after it, a line break
    counts), and the nearest other character on each side (before it within
    ``BLANKS_REACH``, after it however far) is not ``)`` or ``—``."""
    before, after = text[max(0, i - BLANKS_REACH) : i], text[i + 1 :]
    if before[-1:] not in BLANK or not after[:1].isspace():
        return False  # (after it, a line break counts as a blank)
    return nearest(before[::-1]) not in ("", ")", "\u2014") and after.lstrip()[:1] not in ("", ")", "\u2014")


def dashes_one_at_a_time(text: str) -> list[tuple[int, float]]:
    """The dash decisions taken one character at a time, with a plain depth
    count: what the scan, which takes runs of ``)`` whole, must agree with."""
    decisions = []
    depth = 0
    spaced_open = False
    for i, c in enumerate(text):
        if c == "(":
            if not depth:
                spaced_open = text[i + 1 : i + 2].isspace()  # "( C )"; a line break counts
            depth += 1
        elif c == ")":
            conf = em_dash(text, i)
            inside = depth == 1 and not spaced_open and lone_between_blanks(text, i) and closer_in_reach(text, i)
            if inside and conf is not None:
                decisions.append((i, min(conf, 0.9)))
            elif depth:
                depth -= 1
            elif conf is not None:
                decisions.append((i, conf))
        elif re.match(r"\n[ \t\r]*\n", text[i:]):
            depth = 0
    return decisions


def per_dash(edits: list[Edit]) -> list[tuple[int, float]]:
    """Each ``)`` an edit decides, with its offset and the edit's confidence."""
    return [(e.start + k, e.confidence) for e in edits for k, c in enumerate(e.before) if c == ")"]


@given(PARENTHESES)
def test_runs_of_parentheses_decided_as_one_at_a_time(text: str) -> None:
    assert per_dash(explain(text, doubts=True)) == dashes_one_at_a_time(text)


def test_a_run_of_spaced_dashes_is_one_edit_between_its_ends() -> None:
    text = "so ) ) )  )\t) y (a ) ) b\nx ) ) z"
    edits = explain(text)
    assert [(e.start, e.before) for e in edits] == [(3, ")"), (5, ") )  )"), (12, ")"), (21, ")"), (29, ")")]
    assert edits[1].after == "— —  —" and edits[1].rule == "em_dash"
    assert per_dash(edits) == dashes_one_at_a_time(text)
    assert fix_transliteration(text) == "so — — —  —\t— y (a ) — b\nx ) — z"  # "x )": a list marker


@pytest.mark.parametrize(
    "text,min_confidence",
    [
        # a ‘ waits for its comma, and a plural-looking word stands there: the model's
        # doubt must not hold the quote back, as a second run may not ask the model
        ("\u2018two countries, ent with ia,s ", 0.6),
        ("\u2018ees, ia,s", 0.0),
        ("ur,s\u2018ges,\nF", 0.0),
        ("\u2018o Mos, sc.ia,s", 0.5),
        # the possessive model and the straight quotes read a repaired ’ ” as the , 8 they were
        ("c `e, of Tws,\nList8", 0.0),
        (".x l,aco was l t\nt the IOCs, alignment ", 0.3),
        ("d,Ie \u2122 yers, march.yers,", 0.8),
        ("Y,ua said, for developing countries, acquiescence toward e a", 0.5),
        ("\n8Morales, force in ", 0.3),
        ("\u2018 `t\n8Nups, ,", 0.3),  # a legacy 8 ends a straight quote's wait as the ” it becomes does
        ("\u2018s, H,RR TE", 0.85),  # caps_elision reads a repaired ’ before it as the list's comma it was
        ("'d,ire8 s,", 0.85),  # a repaired ” ends a straight quote's wait as its legacy 8 did
    ],
)
def test_found_by_stress_fix_is_idempotent(text: str, min_confidence: float) -> None:
    once = fix_transliteration(text, min_confidence=min_confidence)
    assert fix_transliteration(once, min_confidence=min_confidence) == once


def test_found_by_stress_clean_reads_the_text_without_trailing_blanks() -> None:
    """A long run of blanks at a line's end, dropped by clean, pushed the
    start of a possessive's clause out of the model's reach on the first call only."""
    text = (
        "lawyers,. he GoB will need to obtain in \norder lawyers,  \n\te,the \n\u00a3ing \nMorales,\n"
        "McChrystal report, which advocates additional troops fo" + " " * 120 + "\nthe yers, march zz-and"
    )
    config = CleanConfig(min_confidence=0.9)
    once = clean(text, config)
    assert clean(once, config) == once


def test_found_by_stress_an_entity_word_after_a_legacy_dash() -> None:
    """``)`` before an eaten quote reads as the ``—`` it becomes."""
    config = CleanConfig(min_confidence=0.6, captions=False)
    once = clean("c)\u00b5G8 ", config)
    assert clean(once, config) == once
