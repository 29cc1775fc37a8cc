"""Every public function is total on str: any code point (lone surrogates,
NUL), any line ending, empty text, long text without a newline."""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablefix import Edit, clean, clean_and_explain, explain, fix_transliteration, parse, split
from cablefix.problems import problems

from .conftest import SHARED

ANY = st.text(alphabet=st.characters(exclude_categories=()), max_size=300)
SPECIAL = ["", "\x00", "\ud800", "\udfff", "\r\n", "\r", "\n\n", "\ufeff", "\u2028"]


def _check(text: str) -> None:
    fixed = fix_transliteration(text)
    assert len(fixed) == len(text)
    assert fix_transliteration(fixed) == fixed
    explain(text, doubts=True)
    segments = split(text)
    assert "".join(s.text for s in segments) == text
    parse(text)
    once = clean(text)
    assert clean(once) == once
    assert clean_and_explain(text)[0] == once


@given(ANY)
def test_total_on_any_code_point(text: str) -> None:
    _check(text)


@pytest.mark.parametrize("special", SPECIAL)
def test_special_characters_and_line_endings(special: str) -> None:
    _check(special)
    _check(f"the Regime,s view{special}and a &Watch List8 ){special}S E C R E T SEOUL 000055{special}SIPDIS{special}")


def test_windows_line_endings_are_kept() -> None:
    text = "the Regime,s view \r\nSIPDIS\r\nend\r\n"
    assert clean(text) == "the Regime\u2019s view\r\nend\r\n"
    assert clean("that some\r\n\r\nSIPDIS issues are") == "that some issues are"
    assert fix_transliteration(text) == "the Regime\u2019s view \r\nSIPDIS\r\nend\r\n"


def test_long_text_without_a_newline() -> None:
    text = "the Partners, interest in the Regime,s &view8 ) and " * 20_000  # 1 MB, one line
    _check(text)


@pytest.mark.parametrize(
    "text",
    [
        # found by the fuzzer: an unpaired & before a pair, then a later 8
        "E &\x00SE2018 TAGSE &\x00SE201=8 TAGS: PREL SUBJECTC8/\x01\x1820p8 20:4#",
        # the first comma after a kept ‘ closes it, once
        "an \u2018honored guest, he said, and left",
        # a letter list after a contraction: "Lf,d,tttt" (the repaired ’ reads as the comma it was)
        "-- Lf,f ?- Lf,f,U$:-- Lf,f ?Lf,f ?- Lf,d,tttt\x7f\x7ftt\x0fR 081PT:IKM' J7NG- L&,f,U$:",
        # a caption line above a caption dropped into a sentence
        "-\x00yz\nSIPDIS oM  )\x0e RUE--\x00yz\nSIPDIS \nSIPDIS oDIS\nH58RUE ) )",
        "some\n\nSIPDIS\n\nSIPDIS issues",
        # a name elision before a legacy closing quote: "Exwww,wwww8:"
        "S:7EMBASS'_285O\x12Exwww,wwww8:Q:\x12Exwwwww8: )  \x00y )and the ",
        # a decade before a legacy closing quote (found by the fuzzer, shortened by hand)
        "&in the mid-,90s8 here",
        # a possessor doubted twice; clean drops the blank before "\n", and a 60-character
        # window after the second doubt then cut its third word elsewhere (sixth session)
        "nnxIrrrrrrrrrrrrrrzS, nnn\n! O n nnxIrrrrrrrrrrrrrrzS, nnn \n\n\n(z1f,LMU$:tf,d,\x01\x00\x007 "
        "\x00\x00\x00Sf,d,U$:Y\x00\x00\x00\x00\x00\x00\x00YU$\x7f\x7f\x7f\x7f\x7f\x7f\x7fY:AAAf,d",
        # a glued closing quote read as a digit before a contraction (shrunk from the fuzzer's input)
        "-8nnnn,d",
        # a repair that makes mojibake whole: ‘ï, closes as ‘ï’, which with the C1
        # control after it is mojibake ftfy mends on the next round (shrunk)
        "\u2018\xef,\u3000\x9b",
        # a possessor doubted twice, a contraction inside the phrase after one of them:
        # repaired, its ’ no longer ended the phrase list_goes_on read (seventh session, shrunk)
        " 0\x7f\x7f\x7f?\x7f\x00M BhAS, nnnn nn,M  S\x7f\x7f\x7f\x7f?\x7f\x00M BhAS, nnn",
        # a passage the text holds twice, the second at its end: clean drops the trailing blank,
        # and passages compared as 80 characters then differed (a random stress run, seventh session)
        " A)Morales, visionMorales, visionleaders, reactions on )  ) 500 years, first by"
        " A)Morales, visionMorales, visionleaders, reactions on )  ) 500 years, first by ",
        # "( " at a line's end opened a spaced parenthesis; clean dropped the blank, and the
        # ")" inside became a dash on the next call (atheris, seventh session; pre-existing, shrunk)
        "( \n ) f,)",
        # a sentence longer than the window: its start fell on "( —the", whose first token
        # read as no word, and clean's dropped blanks moved the window (stress run, seventh
        # session; pre-existing, partly shrunk)
        "\u2019( \u2014the Regime,s view\u201dAmong AKP MPs, nationalistsAKP MPs, numbers ) (C),  \n"
        "the officials, work styles." + "x" * 45 + " Among AKP MPs, nationaliststhe Regime,s view\u201d"
        "Among AKP MPs, nationalistsAKP MPs, numbers ) (C),  \nthe officials, work styles."
        "The lawyers, march\u201da ) bAKP MPs, num",
        # "styles.\t \n": a full stop then a tab ends a sentence as one then a blank does
        "\u201c(the officials, work styles.\t \n(C)" * 4,
        # a glued closing quote before a name with an elision: the 8 read as a digit the
        # first time, the ” not (atheris, seventh session; pre-existing, shrunk)
        ",8MCsM,sx",
        # a pair closed by a glued 8, then a word and an unpaired 8: the glued one read as a
        # digit before the word (no closing quote), its ” not (stress run, eighth session;
        # pre-existing, shrunk)
        "&.8xxxx8",
        # the end of the text read as a full stop after the possessed noun ("" is in every
        # string); clean dropped the trailing blank and the cue appeared (stress run, eighth
        # session, in its own new code; shrunk)
        "8on,t(ers, rch ",
        # a glued 8 after a hyphen after a closing 8: "F-8Crusader" (a model number) while the
        # first 8 was a digit, a quote once it was "”" (atheris, eighth session; pre-existing, shrunk)
        "cww8-8cscw",
        "\nSIcc\xac,cscww8-8ARcc\xac,cscww8: )",
        # list_goes_on read 80 characters after the comma, which cut "org" to "or" once
        # clean had dropped a blank (stress run, eighth session; the window was the
        # seventh session's; shrunk)
        "his sons, rts sons, business \n's&Watch List8" + "x" * 45 + " \u201clabor org",
        # the entity step restored "“paras" after the repairs had read "¶s,s" (no word before
        # ",s"); the next call read "paras,s" (a random stress run, ninth session; pre-existing)
        "\u00b6s,s\u201d",
        # a ‘ reached its closing comma within 80 characters once clean had dropped the blank
        # before a line break (a random stress run, ninth session; pre-existing): words now
        "\u2018s who dealt with the visit did so in a haphazard \nand uncoordinated manner.  MFA,",
        # one comma, two edits: a plural-possessive doubt and the closing single quote; the
        # doubt taken up (repeated_possessor), the comma was replaced twice and the length
        # changed (stress run over settings, ninth session; pre-existing, shrunk)
        "colleagues, nat\ny w \u2018\ts colleagues, nat",
        # the closing ")" of a parenthesis 300 characters on came within reach once clean had
        # dropped the blank before a line break (probing, ninth session; pre-existing): words now
        "(ab ) " + "x" * 294 + " \ncd DU) ) z",
        # a body named for its members inside a legacy quote: "&Kings, Club8" read the 8 as a
        # letter of "Club8", the ” not (a typed large cable; pre-existing)
        "Alluding to the &Kings, Club8 Jimenez said",
    ],
)
def test_fuzzer_findings_are_idempotent(text: str) -> None:
    _check(text)


@pytest.mark.parametrize(
    "text,settings",
    [
        # the glued 8 stayed (0.85 < 0.9) but waited for a partner; once that partner was "”",
        # it was no event, and the next 8 became the partner on the next call
        ("\n8nnnn8 t8", {"min_confidence": 0.9}),
        # the dash repaired in "and)h" no longer ended the phrase after the comma (a ")" did),
        # so "and" no longer read as a list's
        ("ads, power, and)h", {"min_confidence": 0.5}),
        # "“" ends a pending "&"; its ASCII form '"' did not, and on the next call the & paired
        ("&\u201c'8", {"quotes": "ascii"}),
        # ") " before a line break was a ")" between blanks inside the parenthesis (a doubt at
        # 0.9 that kept it open); clean dropped the blank, the ")" closed the parenthesis, and
        # the next ")" became a dash (stress run over settings, ninth session; pre-existing)
        ("(2 ) \non ) DU)", {"min_confidence": 0.97}),
        # "!\t\r" ended a sentence, "!\r" (clean drops the tab) did not: a lone \r ends a line
        # too (stress run over settings, ninth session; pre-existing)
        ("!\t\rat 2years, worth", {"entity_quotes": False}),
        (".\t\rat 2years, worth ", {"min_confidence": 0.0}),
        # named_for_members read the legacy 8 after "Conference" as a letter; once repaired (0.6)
        # the ” ended the word and the comma changed on the next call (pre-existing)
        ("Drs, Conference8", {"min_confidence": 0.6, "mojibake": False}),
        ("Visit Paris, Classified Website8 x", {"min_confidence": 0.6}),
        # an entity character before a tab and a line break: clean dropped the tab, and the
        # character then stood alone as a word (in this session's new entity rule)
        ("\u00ac\t\ne8", {"min_confidence": 0.6}),
        # an entity character at a line's end restored "“not", after which the next line's
        # caption stood in a sentence and went on the next call (stress run over settings)
        ("\u00ac\nSIPDIS t8 ", {"min_confidence": 0.0, "trailing_spaces": False}),
        # with quotes="ascii" a repaired ’ is written ' and reads as a real apostrophe on the next
        # call; the rounds go on while the ASCII step writes, here four (hypothesis, over settings)
        ("the lawyers, march Morales, vision" * 2, {"min_confidence": 0.5, "quotes": "ascii"}),
        (
            "the lawyers, march leaders, reactions on Morales, vision" * 2,
            {"min_confidence": 0.5, "quotes": "ascii", "mojibake": False, "entity_quotes": False,
             "captions": False, "trailing_spaces": False},
        ),
    ],
)
def test_findings_at_other_settings_are_idempotent(text: str, settings: dict) -> None:
    _check_at(text, settings)


def _check_at(text: str, settings: dict) -> None:
    """The invariants at one setting of ``clean`` (and of the repair, for
    ``min_confidence``)."""
    once = clean(text, **settings)
    assert clean(once, **settings) == once
    assert clean_and_explain(text, **settings)[0] == once
    if set(settings) <= {"min_confidence"}:
        fixed = fix_transliteration(text, **settings)
        assert len(fixed) == len(text) and fix_transliteration(fixed, **settings) == fixed


def _possessive(text: str, owner: str) -> Edit:
    (edit,) = [e for e in explain(text, doubts=True) if e.rule == "plural_possessive" and text[: e.start].endswith(owner)]
    return edit


@pytest.mark.parametrize("gap", [" ", " \n", "\n", " \t\n  ", "\r\n", "\r", " " * 400 + "\n"])
def test_sentence_end_read_across_one_line_break(gap: str) -> None:
    """The possessed noun's phrase may wrap (``business⏎interests.``); the
    blanks ``clean`` drops must not change the reading: the model reads the
    same features whatever the blanks."""
    text = f"The Regime,s view. He works through his sons, business{gap}interests. Then"
    single = "The Regime,s view. He works through his sons, business interests. Then"
    assert _possessive(text, "sons").confidence == _possessive(single, "sons").confidence
    once = clean(text)
    assert clean(once) == once
    assert ("sons\u2019" in once) == ("sons\u2019" in fix_transliteration(text))


@pytest.mark.parametrize("blanks", [" ", " " * 400])
def test_sentence_end_read_past_any_blanks(blanks: str) -> None:
    """However many blanks ``clean`` drops before a line break, the stop
    after the possessed noun reads the same (a window would not)."""
    for after in ("An", "an", "40"):
        text = f"The Regime,s view. It shaped its citizens, lives.{blanks}\n{after} x"
        once = clean(text)
        assert clean(once) == once
        edit = _possessive(text, "citizens")
        assert edit.confidence == _possessive(f"The Regime,s view. It shaped its citizens, lives.\n{after} x", "citizens").confidence
        assert ("citizens\u2019" in once) == edit.applied


def test_trailing_spaces_before_a_lone_carriage_return() -> None:
    text = "a ))\t\t\r\t\t\t"
    assert clean(text) == "a ))\r"
    assert clean(clean(text)) == clean(text)


CAPTIONY = st.lists(st.sampled_from(["SIPDIS", "SIPNET", " ", "\n", "\n\n", "a", "z", ",", "o", "\r", "\t", ")"]), max_size=40).map("".join)


@given(CAPTIONY)
def test_clean_idempotent_on_caption_dense_text(text: str) -> None:
    once = clean(text)
    assert clean(once) == once


#: A sentence longer than ``detect.WINDOW`` (300 characters) with many blanks
#: before a line break: ``sentence_start`` reads a window of characters, and
#: once ``clean`` has dropped the blanks the window reaches further back, so a
#: plural-possessive doubt becomes eligible for ``repeated_possessor`` on the
#: next call (stress run over settings).  Known: the plural-possessive cues are
#: being rewritten; strict, so that the fix shows.
LONG_SENTENCE = (
    "iting MPs, dia covera  \n\t" + "word " * 28 + "word" + " " * 127 + "\nxploiting MPs, pdi"
)


def test_sentence_start_window_and_dropped_blanks() -> None:
    _check_at(LONG_SENTENCE, {"min_confidence": 0.6})


def test_threads_repairing_other_texts_at_once_change_nothing() -> None:
    """Each thread keeps the evidence of the text it repairs (a text's
    plural possessives are read together: the same owner elsewhere, how often
    it recurs nearby); another thread's text read between two of its
    candidates must not change a decision.  The real legacy cables, four
    threads switching as often as the interpreter allows."""
    legacy = SHARED / "corpus" / "large" / "legacy.jsonl"
    if not legacy.exists():
        pytest.skip("no large corpus")
    with open(legacy, encoding="utf-8") as f:
        texts = [json.loads(line)["body"] for line in f][:300]
    expected = [explain(t, doubts=True) for t in texts]
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            got = list(pool.map(lambda t: explain(t, doubts=True), texts))
    finally:
        sys.setswitchinterval(old)
    assert sum(g != e for g, e in zip(got, expected)) == 0


@pytest.mark.parametrize("text", [
    "(a b\n\nThe talks ) went on",  # a paragraph break closes the open parenthesis's reach
    "The Regime,s view. UNDER SECRETARIES, \nVISIT TO THE REGION",
    "a\n\nSIPDIS\n\nb",
    "that some\n\nSIPDIS issues are",
])
def test_a_lone_carriage_return_is_a_line_end_like_any_other(text: str) -> None:
    for end in ("\r", "\r\n"):
        other = text.replace("\n", end)
        assert fix_transliteration(other).replace(end, "\n") == fix_transliteration(text)
        assert clean(other).replace(end, "\n") == clean(text)
    # (a lone \r keeps every offset: the same decisions, the same confidences)
    assert explain(text.replace("\n", "\r"), doubts=True) == explain(text, doubts=True)


def test_the_legacy_cables_read_alike_with_any_line_end() -> None:
    """The real legacy cables, and the records that are not one cable
    (pasted cables.csv rows, run-on cables): cleaned, parsed, split and
    checked alike with any line end."""
    large = SHARED / "corpus" / "large"
    if not large.exists():
        pytest.skip("no large corpus")
    texts = []
    for name, n in (("legacy.jsonl", 200), ("anomalies.jsonl", 50)):
        with open(large / name, encoding="utf-8") as f:
            texts += [json.loads(line)["body"] for line in f][:n]
    for end in ("\r", "\r\n"):
        assert [[p.kind for p in problems(t.replace("\n", end))] for t in texts] == [[p.kind for p in problems(t)] for t in texts]
    for end in ("\r", "\r\n"):
        assert [clean(t.replace("\n", end)).replace(end, "\n") for t in texts] == [clean(t) for t in texts]
        assert [parse(t.replace("\n", end)) for t in texts] == [parse(t) for t in texts]  # (fields come out with \n)
        assert [[s.cable for s in split(t.replace("\n", end))] for t in texts] == [[s.cable for s in split(t)] for t in texts]


def test_pauses_of_the_collector_in_several_threads_end_with_the_last() -> None:
    """Two threads' pauses overlapping (entered A, B; left A, B): the
    collector stays off until the last one ends, then is on again, as it was.
    Each pause restoring what it saw left it off for good when one thread
    read it off between another's pause and resume."""
    import gc

    from cablefix.repair.edits import collector_paused

    assert gc.isenabled()
    a, b = collector_paused(), collector_paused()
    a.__enter__()
    b.__enter__()
    a.__exit__(None, None, None)
    assert not gc.isenabled()  # (b still builds its edits)
    b.__exit__(None, None, None)
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # (off before: left off)
    finally:
        gc.enable()


def test_a_record_header_with_lone_carriage_returns_reads_as_with_newlines() -> None:
    header = "R 081542Z JAN 94\nFM AMCONSUL ADANA\nTO SECSTATE WASHDC\nINFO AMCONSUL ISTANBUL PRIORITY\nCTF PROVIDE COMFORT INCIRLIK AB TU\n"
    text = "UNCLAS ADANA 000290\nSUBJECT: X"
    for end in ("\r", "\r\n"):
        assert parse(text, metadata={"header": header.replace("\n", end)}) == parse(text, metadata={"header": header})
    assert parse(text, metadata={"header": header}).info == ("AMCONSUL ISTANBUL PRIORITY", "CTF PROVIDE COMFORT INCIRLIK AB TU")


def test_boundaries_are_where_split_cuts_with_any_line_end() -> None:
    from cablefix.split import boundaries

    anomalies = SHARED / "corpus" / "large" / "anomalies.jsonl"
    if not anomalies.exists():
        pytest.skip("no large corpus")
    with open(anomalies, encoding="utf-8") as f:
        texts = [json.loads(line)["body"].replace("\n", "\r") for line in f]
    assert [boundaries(t) for t in texts] == [[s.start for s in split(t)][1:] for t in texts]


def test_rows_whose_bodies_lost_their_closing_quote_do_not_hold_memory_in_the_square() -> None:
    """Each such row's body runs to the end of the text; split keeps only
    where the rows are, not every body (3,000 rows of 30 bytes held some
    130 MB before, and 50,000 ran out of memory)."""
    import tracemalloc

    text = '1,1/1/2000 1:00,00STATE1,"a\n' * 3000
    tracemalloc.start()
    try:
        segments = split(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(segments) == 3000 and "".join(s.text for s in segments) == text
    assert peak < 30_000_000, peak
