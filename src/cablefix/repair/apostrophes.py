"""Apostrophes: ``,`` for ``’``.  One function a rule, each the confidence
that a comma is an apostrophe (or ``None``: no opinion); a plural possessive
is the model's to decide (:mod:`cablefix.repair.possessive`).
"""

from __future__ import annotations

import json
import pathlib
import re
from importlib import resources
from typing import NamedTuple, Optional, Union

from .. import lexicon
from ..detect import (
    char_at,
    first_word,
    next_tokens,
    run_after,
    run_before,
    sentence_end,
    sentence_start,
    token_before,
    word_before,
)
from . import possessive
from .edits import APOSTROPHE, AS_LEGACY, CLOSE_QUOTE, EM_DASH, Edit, RepairConfig, edit_at
from .quotes import closing_quote_kind, is_glued_quote



def word_ends(text: str, j: int) -> bool:
    """Whether a word ends before ``j``: no letter or digit there, or a legacy
    ``8`` that can close a quote (``&good MP,s8``; once repaired, ``s”``).

    >>> word_ends("MP,s8 x", 4), word_ends("Regime,s2", 8), word_ends("d,Ivoire is", 8)
    (True, False, True)
    """
    c = char_at(text, j)
    return not c.isalnum() or (c == "8" and closing_quote_kind(text, j) is not None)


#: First letters of the contraction endings, upper and lower case.
_SUFFIX_INITIALS = frozenset(c for w in lexicon.CONTRACTION_SUFFIXES for c in (w[0], w[0].upper()))


def contraction(text: str, i: int) -> Optional[float]:
    """A comma between a word and a contraction ending: ``Regime,s`` →
    ``Regime’s``, ``don,t`` → ``don’t``, ``WON,T``, ``we,re``, ``I,ll``,
    ``1990,s``, ``HUJI-B,s``, ``XXXXXXXXXXXX ,s`` (a redaction set off by a
    space), ``Khamene,i,s``, ``Claimant B,s land``, ``Inc.,s``.  The list markers of ``1.4 (b,d)`` (one letter
    before) stay.
    """
    if text[i + 1 : i + 2] not in _SUFFIX_INITIALS:
        return None  # fast: most commas before a letter start no contraction
    suffix = run_after(text, i + 1)
    end = i + 1 + len(suffix)
    if suffix.lower() not in lexicon.CONTRACTION_SUFFIXES:
        return None
    if not word_ends(text, end):
        return None  # "Regime,s2" is no word; "&good MP,s8" closes a quote
    s = suffix.lower()
    if s == "s":
        prev = run_before(text, i, "alnum")
        if len(prev) >= 2:
            return 0.99
        if prev and char_at(text, i - 2) in ("-", "/") and char_at(text, i - 3).isalnum():
            return 0.97  # the last letter of a compound name: HUJI-B,s  Pol M/C,s
        if not prev and char_at(text, i - 1) == " " and len(run_before(text, i - 1, "alnum")) >= 2:
            return 0.9  # a space before: "XXXXXXXXXXXX ,s preference" (a redaction joined)
        if not prev and char_at(text, i - 1) == "." and char_at(text, i - 2).isalpha() and char_at(text, end) != ".":
            return 0.95  # an abbreviation's: "Telecom Inc.,s partner", "the U.K.,s view" (not "U.S.,S. Korea")
        if prev and char_at(text, i - 2) in (",", APOSTROPHE) and len(run_before(text, i - 2)) >= 3:
            return 0.95  # a name with an elision: "Khamene,i,s hands"
        if (
            prev.isupper()
            and char_at(text, i - 2) == " "
            and run_before(text, i - 2)[:1].isupper()
            and len(run_before(text, i - 2)) >= 3
            and char_at(text, end) == " "
            and char_at(text, end + 1).islower()
            and run_after(text, end + 1) not in lexicon.FUNCTION_WORDS
        ):
            return 0.9  # a lettered name: "Claimant B,s land", "Plan B,s cost" (no list: a blank before)
        return None
    prev = run_before(text, i)
    j = i - len(prev) - 1
    if char_at(text, j).isdigit() and not is_glued_quote(text, j):
        return None  # "1990,d"; but "-8nnnn,d" opens with a quote, ”nnnn’d once repaired
    if s == "t":
        return 0.99 if len(prev) >= 2 and prev[-1] in "nN" else None
    if len(prev) >= 2 or prev == "I":
        return 0.97 if s in ("re", "ve", "ll") else 0.95
    return None


def name_elision(text: str, i: int) -> Optional[float]:
    """An apostrophe inside a name: ``d,Ivoire`` → ``d’Ivoire``,
    ``O,Neill``, ``Qu,aida``, ``Yar,Adua``, ``Yar A,dua``, ``N,Djamena``, ``Shi,a``,
    ``Ba,athist``, ``Khamene,i``; and in ``o,clock``.

    A comma typed without its space (``case,the``, ``Iraq,Iran``) stays: the
    word after must be a short lowercase syllable that is no English function
    word (of any length after a capitalised syllable of two or three letters:
    ``Ba,athification``), a lone ``i`` (``Samarra,i``), or a capitalised name
    after an elided ``d l O`` or a short prefix.  In the plain cables, a
    capitalised syllable before ``'`` and three lowercase letters comes 59
    times, before a comma never; ``'i`` ends a name 14 times, ``,i`` never.

    >>> [name_elision(t, t.index(",")) for t in ("Ba,athists", "Khamene,i,s", "case,the", "Iraq,Iran")]
    [0.85, 0.85, None, None]
    """
    if not text[i - 1 : i].isalpha() or (
        not text[i - 2 : i - 1].isalpha() and text[i - 1] not in "DdLl" and not text[i - 1].isupper()
        and not (text[i - 1] == "o" and text[i + 1 : i + 6].lower() == "clock")
    ):
        return None  # fast: no letter before, or one letter that elides nothing
    prev = run_before(text, i)
    nxt = run_after(text, i + 1)
    if not prev or not nxt or not word_ends(text, i + 1 + len(nxt)):
        return None
    j = i - len(prev) - 1
    if (char_at(text, j).isalnum() and not is_glued_quote(text, j)) or set(nxt.lower()) == {"x"}:
        return None  # a digit or letter before: no name (",8Qu,aida": a quote before, ”Qu’aida)
    if len(prev) == 1:
        if char_at(text, i - 2) in ("(", ",", APOSTROPHE):
            return None  # (a,b,c,d)
        if prev in "oO" and nxt.lower() == "clock":
            return 0.95  # "ten o,clock"
        if prev in "OoDdLl" and len(nxt) >= 2 and nxt[0].isupper():
            if nxt[1:].islower() or prev.isupper() and nxt.isupper() and len(nxt) >= 3:
                return 0.9  # O,Neill  CHARGE D,AFFAIRES
        if prev in "dl" and len(nxt) >= 3 and nxt.islower():
            return 0.9
        if prev.isupper() and prev != "I" and len(nxt) >= 2 and nxt.islower() and nxt not in lexicon.FUNCTION_WORDS:
            return 0.85  # "Yar A,dua": a capital syllable of a name (the plain cables: no comma so)
        if prev.isupper() and prev not in "AI" and len(nxt) >= 4 and nxt[0].isupper() and nxt[1:].islower():
            label = run_before(text, i - 2).lower()  # "ref B,Canada has": a reference's letter
            if nxt.lower() not in lexicon.FUNCTION_WORDS and label not in ("ref", "refs", "reftel", "reftels", "para"):
                return 0.85  # "N,Djamena", "Z,Ahidi", "Al Q,Aida": a name's elided first consonant
        return None
    if prev.isupper() or not prev[0].isupper():
        return None
    if nxt == "i" and len(prev) >= 3:
        return 0.85  # "Khamene,i", "Samarra,i,s": an Arabic or Persian name's last syllable
    if len(prev) > 5:
        return None
    if nxt.islower() and (len(nxt) <= 4 or len(prev) <= 3) and (nxt in ("a", "an") or nxt not in lexicon.FUNCTION_WORDS):
        return 0.85  # "Qu,aida", "Shi,a"; after a syllable, a longer one: "Ba,athist", "Mu,ammar"
    if len(prev) <= 3 and nxt[0].isupper() and nxt[1:].islower() and len(nxt) <= 6:
        return 0.85
    return None


#: Function words in capitals: ``SAID,THE`` and ``DOES,IN FACT`` are commas
#: typed without their space.
_FUNCTION_WORDS_UPPER = frozenset(w.upper() for w in lexicon.FUNCTION_WORDS)

#: Syllables that end Arabic names and are English function words too.
_ARABIC_ENDINGS = frozenset(("A", "AT", "IF", "AN"))

#: The two consonants an English word can start with.
_ONSETS = frozenset(
    "bl br ch cl cr dr dw fl fr gl gn gr kn kr ph pl pr ps qu rh sc sh sk sl sm sn sp sq st sw th tr ts tw wh wr".split()
)

_TAGS_LINE = re.compile(r"TAGS\b[^\n]*\n?[^\n]*\Z")


def caps_elision(text: str, i: int) -> Optional[float]:
    """An apostrophe inside a word in capitals: ``SHI,ITE`` → ``SHI’ITE``,
    ``BA,TH``, ``RIF,AT``, ``AL-GAMA,A``, ``MU,ALLIM``, ``N,SII``,
    ``RO,SULLIVAN``, ``INT,L``, ``GOV,T``.

    Capitals tell no name from a word, so the pieces must look like the
    syllables of one word, not two words or codes joined by a comma typed
    without its space: neither is a function word (``SAID,THE``; but
    ``SHI,A``), the first has at most five letters and the longer it is the
    shorter the second (``IRAN,IRAQ`` stays; ``GAMA,A`` not), the second
    has a vowel unless it is an ending of one or two letters (``BA,TH``;
    not ``ESC,FMM``) and opens as a syllable can (not ``AFR,DCHA``), and
    they are no list: no comma, ``/`` or ``(`` joins them to more
    (``PGOV,PREL,KDEM``, ``EUR/WE,S/CT``, ``1.4 (B,D)``), no two
    single letters (``REFS A,B``), no ``TAGS`` line; and the words around
    are in capitals too (amid lowercase, ``the IIPA,IACC and`` are acronyms).

    >>> [caps_elision(t, t.index(",")) for t in ("THE SHI,ITE", "THE BA,TH PARTY", "SAID,THE", "PGOV,PREL,KDEM", "IRAN,IRAQ", "FOR AFR,DCHA AND")]
    [0.85, 0.85, None, None, None, None]
    """
    prev = run_before(text, i)
    nxt = run_after(text, i + 1)
    if not prev or not nxt or not prev.isupper() or not nxt.isupper():
        return None
    end = i + 1 + len(nxt)
    before, after = char_at(text, i - len(prev) - 1), char_at(text, end)
    # (a comma the repair made ’ is read as the comma it was: a second run reads as the first)
    if (
        not word_ends(text, end)
        or before.isalnum() and not is_glued_quote(text, i - len(prev) - 1)
        or before in (",", APOSTROPHE, "/", "(")
        or after in ("/", "(")
    ):
        return None  # (a glued closing quote before is read as the ” it becomes: ".8SHI,ITE")
    if (
        after in (",", APOSTROPHE) and run_after(text, end + 1) != "S"
        or before == " " and char_at(text, i - len(prev) - 2) in (",", APOSTROPHE)
    ):
        return None  # a list ("DHS,FBI, DEA", "L, T,PM"); but "RIF,AT,S" is a possessive
    if len(prev) >= 2 and not any(c in "AEIOUY" for c in prev):
        return None  # "DHS,FBI": an acronym
    if prev in _FUNCTION_WORDS_UPPER or len(prev) + len(nxt) <= 2:
        return None
    if nxt in _FUNCTION_WORDS_UPPER and not (
        nxt in _ARABIC_ENDINGS and (len(prev) <= 4 and prev[-1] in "AEIOU" or len(prev) == 3 and nxt == "AT")
    ):
        return None  # but "SHI,A", "RIFA,AT", "TA,IF", "RIF,AT": a syllable of a name
    if len(prev) > 5 or len(prev) >= 3 and len(nxt) > 4 or len(prev) >= 4 and len(nxt) > 3 or len(prev) == 5 and len(nxt) > 2:
        return None
    if not any(c in "AEIOUY" for c in nxt) and (len(nxt) > 2 or len(prev) > 3):
        return None  # "ESC,FMM", "VRAE,SL": codes
    onset = nxt[:2].lower()
    if len(prev) >= 2 and len(nxt) >= 3 and not set(onset) & set("aeiouy") and onset not in _ONSETS:
        return None  # "AFR,DCHA": no syllable starts so, a code
    if _TAGS_LINE.search(text, max(0, i - 240), i) is not None:
        return None
    around = text[max(0, i - 40) : i - len(prev)] + text[end : end + 40]
    if sum(c.islower() for c in around) * 2 > sum(c.isupper() for c in around):
        return None  # amid lowercase words, capitals are an acronym: "the IIPA,IACC and", "GOC,USG"
    return 0.85


class Spellings(NamedTuple):
    """The words the plain cables spell with an apostrophe inside
    (``data/inner_words.json``, made by ``tools/inner_words.py``), lowercased,
    and the confidence measured for the rule that reads them."""

    words: frozenset[str]
    confidence: float


_spellings: list[Optional[Spellings]] = [None]


def read_spellings(text: str) -> Spellings:
    """The learned spellings from the JSON ``tools/inner_words.py`` writes."""
    raw = json.loads(text)
    return Spellings(frozenset(w.lower() for w in raw["words"]), float(raw["confidence"]))


def spellings() -> Spellings:
    """The shipped spellings, read once (or those :func:`use_spellings` set)."""
    if _spellings[0] is None:
        _spellings[0] = read_spellings(resources.files("cablefix").joinpath("data/inner_words.json").read_text("utf-8"))
    return _spellings[0]


def use_spellings(path: Union[str, Spellings, None] = None) -> Spellings:
    """Decide with the spellings in the JSON file ``path`` (``tools/inner_words.py
    --out``) or with the :class:`Spellings` given, or again with the shipped
    ones (``None``)."""
    if isinstance(path, Spellings) or path is None:
        _spellings[0] = path
    else:
        _spellings[0] = read_spellings(pathlib.Path(path).read_text(encoding="utf-8"))
    return spellings()


def known_spelling(text: str, i: int) -> Optional[float]:
    """A comma inside a word the plain cables spell with an apostrophe
    (:func:`spellings`): ``Sant,Egidio`` → ``Sant’Egidio``, ``SANT,EGIDIO``,
    ``Jama,at``, ``Dall,Anese``, ``the DE-BA,ATH law``.  The rules above
    cannot tell these from two words joined by a comma typed without its
    space (``IRAN,IRAQ``); the corpus can.  What the corpus cannot tell
    stays, as in :func:`caps_elision`: codes glued into a list
    (``PREL,SA,ID,PGOV``), two pieces of one or two letters (``(SA,ID)``,
    ``TAGS: PREL,BA,TH``), and capitals amid lowercase words (acronyms).  The confidence is measured by
    ``tools/inner_words.py`` on the gold cables' commas this rule alone decides.

    >>> [known_spelling(t, t.index(",")) is not None for t in ("THE SANT,EGIDIO TALKS", "x Jama,at-e-Islami", "Iraq,Iran")]
    [True, True, False]
    >>> [known_spelling(t, t.index(",", 6)) for t in ("TAGS: PREL,SA,ID,PGOV", "the (SA,ID) team")]
    [None, None]
    """
    prev = run_before(text, i)
    nxt = run_after(text, i + 1)
    if not prev or not nxt or len(prev) <= 2 and len(nxt) <= 2:
        return None
    end = i + 1 + len(nxt)
    j = i - len(prev) - 1
    before, after = char_at(text, j), char_at(text, end)
    if not word_ends(text, end) or before.isalnum() and not is_glued_quote(text, j):
        return None  # inside a longer word; but "-8Sant,Egidio": a closing quote before, ”Sant’Egidio
    learned = spellings()
    if (prev + "'" + nxt).lower() not in learned.words:
        return None
    if before in (",", APOSTROPHE, "/") or after in (",", APOSTROPHE, "/") and not word_ends(text, end + 1) and not (
        after != "/" and run_after(text, end + 1).lower() == "s" and word_ends(text, end + 2)
    ):
        return None  # glued to more codes ("PREL,SA,ID,PGOV", "EUR/WE,S/CT"); but "Sant,Egidio,s" is a possessive
    if prev.isupper() and nxt.isupper():
        around = text[max(0, j - 39) : j + 1] + text[end : end + 40]
        if sum(c.islower() for c in around) * 2 > sum(c.isupper() for c in around):
            return None  # capitals amid lowercase words: an acronym
    return learned.confidence


def decade(text: str, i: int) -> Optional[float]:
    """An elided century: ``mid-,90s`` → ``mid-’90s``, ``the ,80s``."""
    if char_at(text, i - 1) not in " \t\n-(":
        return None
    digits = text[i + 1 : i + 4]
    if len(digits) == 3 and digits[:2].isdigit() and digits[2] == "s" and word_ends(text, i + 4):
        return 0.9  # (a legacy closing 8 may follow: "&in the mid-,90s8")
    return None


#: The sign-off after which a post's name takes a possessive.
_SIGNOFF = re.compile(r"[ \n]classified[ \n]website", re.IGNORECASE)


def classified_website(text: str, i: int) -> Optional[float]:
    """The sign-off of cables from posts with a classified website:
    ``Please visit Paris, Classified Website at:`` → ``Paris’`` (``Visit
    Embassy Tunis, Classified Website``).  No comma stands there.

    >>> classified_website("Please visit Paris, Classified Website at: http", 18)
    0.95
    """
    if text[i + 2 : i + 3] not in ("C", "c"):
        return None  # fast: most commas after an s are followed by something else
    m = _SIGNOFF.match(text, i + 1)
    return 0.95 if m and word_ends(text, m.end()) else None  # ("Website8": a closing quote ends it)


def named_for_members(text: str, i: int) -> Optional[float]:
    """A body or event named for its members: ``IMF/World Bank Donors,
    Conference`` → ``Donors’ Conference``, ``Socialist Workers, Party
    (PSOE)``; a capitalised possessor, then a capitalised noun of
    :data:`lexicon.NAMED_FOR_MEMBERS`.  In the plain cables the pattern has 13
    apostrophes and one comma (a cable damaged already).

    >>> named_for_members("an IMF/World Bank Donors, Conference to provide", 24)
    0.85
    >>> named_for_members("the Division of Ocean Affairs, Office of the Envoy", 29) is None
    True
    """
    if not text[i + 2 : i + 3].isupper() or char_at(text, i + 1) != " ":
        return None  # fast: the noun is capitalised
    noun = run_after(text, i + 2)
    if noun not in lexicon.NAMED_FOR_MEMBERS or not word_ends(text, i + 2 + len(noun)):
        return None
    owner = run_before(text, i)
    return 0.85 if len(owner) >= 3 and owner[0].isupper() else None


_MEASURED_STARTS = tuple(lexicon.MEASURED) + tuple(w.capitalize() for w in lexicon.MEASURED)

#: What may follow ``time`` in ``in 30 years, time,`` (the idiom ends there).
_AFTER_TIME = (".", ",", ";", ":", ")")


def measure_possessive(text: str, i: int) -> Optional[float]:
    """A span of time and what it is worth or buys: ``on two hours, notice``
    → ``hours’ notice``, ``10-12 years, worth of investigations``, ``a few
    months, delay``: a count, a unit of time (:data:`lexicon.TIME_UNITS`),
    then ``worth`` ``notice`` ``delay`` ``imprisonment`` ``wait``.  No comma
    stands between a span and those words.  ``time`` only in ``in 30 years,
    time,``: after ``in`` and before a punctuation mark (``for four years,
    time that counts`` is a comma).

    >>> measure_possessive("He agreed to meet us on two hours, notice on a holiday.", 33)
    0.9
    >>> measure_possessive("It will have matured in 30 years, time, making it a partner.", 32)
    0.9
    >>> measure_possessive("For several weeks, notice boards carried the decree.", 17) is None
    True
    """
    if not text.startswith(_MEASURED_STARTS, i + 2) or char_at(text, i + 1) != " ":
        return None  # fast: "worth", "notice" … after the blank
    measured = run_after(text, i + 2).lower()
    if measured not in lexicon.MEASURED:
        return None
    unit = run_before(text, i)
    if unit.lower() not in lexicon.TIME_UNITS:
        return None
    count, count_at = token_before(text, i - len(unit))
    count = count.lower()
    if not (count.replace("-", "").isdigit() or count in lexicon.COUNTING_WORDS):
        return None
    if measured == "time" and not (
        word_before(text, count_at).lower() in ("in", "within")
        and char_at(text, i + 2 + len(measured)) in _AFTER_TIME
    ):
        return None  # "detention for four years, time that counts"
    if measured != "time" and may_end_introductory(text, i):
        return None  # "For several weeks, notice boards carried the decree."
    return 0.9


#: Everything up to the last comma that ends a phrase (one before white
#: space).  ``’`` counts too, because it may be such a comma repaired (the
#: repair must read its own output as it read its input, or a second run
#: would decide differently).
_UP_TO_CLAUSE_BREAK = re.compile("(?s).*[,\u2019](?=\\s)")


def plural_possessive(text: str, i: int) -> Optional[float]:
    """``s,`` then a blank and a word, as in ``the Partners, interest in`` →
    ``Partners’``, ``MARTYRS, FAMILIES`` → ``MARTYRS’``: the probability of
    the apostrophe that the learned model gives (:mod:`cablefix.repair.possessive`,
    which alone decides it; a genuine comma looks the same: ``the Russians,
    tend to view``).  ``s,)`` is an apostrophe: no comma closes a
    parenthesis (``the United States,).``).

    >>> plural_possessive("the United States,).", 17)
    0.85
    """
    if char_at(text, i + 1) == ")":
        owner = run_before(text, i)
        if len(owner) >= 3 and owner[-1] in "sS" and owner.lower() not in lexicon.S_FINAL_NON_NOUNS | lexicon.FUNCTION_WORDS:
            return 0.85
        return None
    decision = possessive.decide(text, i)
    return None if decision is None else decision.confidence


def possessive_edit(text: str, i: int, config: RepairConfig) -> Optional[Edit]:
    """The edit :func:`plural_possessive` makes at ``i``, with the features
    that weighed most (``why``).  The model's repairs are applied from its
    threshold (:attr:`RepairConfig.possessive_threshold`; by default the one
    chosen for 99% precision on cables held out from training) and never
    below ``min_confidence``.
    """
    if char_at(text, i + 1) == ")":
        conf = plural_possessive(text, i)
        return None if conf is None else edit_at(i, ",", APOSTROPHE, "plural_possessive", conf, config)
    decision = possessive.decide(text, i)
    if decision is None:
        return None
    threshold = config.possessive_threshold
    if threshold is None:
        threshold = possessive.load_model().threshold
    conf = decision.confidence
    applied = conf >= threshold and conf >= config.min_confidence
    return Edit(i, i + 1, ",", APOSTROPHE, "plural_possessive", conf, applied, decision.why)


def introductory_clause(before_owner: str, earlier: Optional["re.Match[str]"]) -> Optional[list[str]]:
    """The words of the clause before a possessor when they make an
    introductory phrase or subordinate clause that the comma may end (``In
    recent days,``, ``Blessed with strong tax revenues,``, ``while they are
    not likely to join``), else ``None``.  ``earlier`` is the last comma
    before, if any (:data:`_UP_TO_CLAUSE_BREAK`).

    >>> introductory_clause("In recent ", None)
    ['In', 'recent']
    >>> introductory_clause("He met the ", None) is None
    True
    """
    clause = before_owner[earlier.end() if earlier else 0 :].split()
    if clause and clause[0].lower() in ("and", "but", "or", "so", "yet"):
        clause = clause[1:]
    first = first_word(" ".join(clause))
    if (
        first in lexicon.INTRODUCTORY
        or (not earlier and len(clause) <= 8 and len(first) > 4 and first.endswith(("ing", "ed")))
        or any(w.lower() in lexicon.SUBORDINATORS for w in clause)
    ):
        return clause
    return None


def may_end_introductory(text: str, i: int) -> bool:
    """Whether the comma at ``i`` may end an introductory phrase or
    subordinate clause: the clause before it is one
    (:func:`introductory_clause`) and nothing later in the sentence (another
    comma, a dash, a parenthesis) would end it instead.  ``Among AKP MPs,
    nationalists take the hardest line.``: yes; ``While AKP MPs, numbers may
    slowly erode (ref A), a split is unlikely``: no, the phrase ends later.

    >>> may_end_introductory("8. (C) Among AKP MPs, nationalists take the hardest line.", 20)
    True
    >>> may_end_introductory("While AKP MPs, numbers may erode (ref A), a split is unlikely.", 13)
    False
    >>> may_end_introductory("He shared Morales, vision.", 17)
    False
    """
    start = i - len(run_before(text, i))
    before_owner = text[sentence_start(text, start) : start]
    if _UP_TO_CLAUSE_BREAK.match(before_owner) or introductory_clause(before_owner, None) is None:
        return False  # (after another comma, a phrase that opens is a parenthesis: it may end later)
    rest = text[i + 1 : sentence_end(text, i + 1)]
    # (a repaired "’" or "—" is read as the comma or ")" it may have been)
    return not any(mark in rest for mark in (",", APOSTROPHE, " -- ", ")", EM_DASH))





#: How many words after a ``‘`` its closing comma may end: quoted words are
#: few (in the large unicode cables, a ``‘…’`` holds at most 11 words but
#: once).  Counted in words, not characters: ``clean`` drops blanks, and a
#: second call must reach as far as the first.
SINGLE_QUOTE_WORDS = 12


def closing_single_quote(text: str, i: int) -> Optional[float]:
    """A comma that closes a ``‘`` opened earlier in the stretch:
    ``an ‘honored guest,`` → ``an ‘honored guest’``; after the sentence's own
    full stop too (``‘inside the tent.,`` → ``‘inside the tent.’``: no comma
    follows a full stop).  A doubled ``,,`` (``‘Father,,``: comma then quote,
    or quote then comma) stays a doubt.
    """
    if char_at(text, i - 1) in ".?!":  # not "e.g.," "U.S.," "etc.,"
        word = run_before(text, i - 1)
        if len(word) < 3 or not word.isalpha() or word.lower() in lexicon.ABBREVIATIONS:
            return None
    elif not char_at(text, i - 1).isalpha():
        return None
    nxt = char_at(text, i + 1)
    if nxt == ",":
        return 0.4
    if nxt == "" or nxt.isspace() or nxt in ".;:)8":
        return 0.85
    return None


#: A single quote typed straight or as a backtick that opens a word
#: (``'cooling down``, `` `sell``): text with one is scanned with every
#: comma as an event, as text with a ``‘`` is.  (Each pattern opens with the
#: mark itself, so the search skips to it fast.)
STRAIGHT_OPEN = re.compile(r"['`](?<![^\s(\[]['`])(?=[A-Za-z])")

#: A straight ``'`` that closes a quote: after a letter or a sentence's
#: punctuation, not before a letter (``down'``, ``down.'``; not ``don't``).
STRAIGHT_CLOSE = re.compile(r"'(?<=[A-Za-z.,;:!?]')(?![A-Za-z])")

_COMMA_OR_APOSTROPHE = re.compile("[,\u2019]")

#: A double quote mark in text read the legacy way (``“`` as ``&``, ``”`` as
#: ``8``, so that a second run reads what the first did): ``"``, an ``&``
#: before a letter, an ``8`` not inside a number.
_DOUBLE_QUOTE = re.compile('"|&(?=[A-Za-z])|(?<![0-9])8|8(?![0-9])')

#: How many words a quote opened by a straight ``'`` or a backtick may hold
#: before its closing comma: such quotes mark a term (``'cooling down,``);
#: longer ones quote speech, with commas of its own.
STRAIGHT_QUOTE_WORDS = 3

#: ... and when it opens on a lowercase word (a phrase, not a name or a
#: sentence quoted with its own commas: ``'take it or leave it,``).
STRAIGHT_PHRASE_WORDS = 8

#: How far (characters) a straight quote's own straight close is looked for.
STRAIGHT_REACH = 2000


def straight_single_open(text: str, i: int) -> int:
    """How many words the quote the ``'`` or backtick at ``i`` opens may
    hold before a legacy comma closes it, or 0 if it opens none: it must
    start a word, and no straight ``'`` close it before the paragraph ends.  ``'cooling down, that`` → ``'cooling down’
    that``; `` `sell, Taiwan`` → `` `sell’ Taiwan``; not ``'cooling down,
    he said, is over'`` (its own ``'`` closes it).

    A capitalised word after it from a vowel, or one in capitals, is a name
    with an elided first letter (Arabic ``ʿayn``: ``'Ali``, ``'ADNAN``), not
    a quotation.

    >>> [straight_single_open(t, 0) for t in ("'cool down, it", "'Cool Down, it", "'cool down, he said, is over' x", "'90s, x", "'Anisi, who")]
    [8, 3, 0, 0, 0]
    """
    if STRAIGHT_OPEN.match(text, i) is None:
        return 0
    word = run_after(text, i + 1)
    if word[0] in "AEIOU" or word in ("s", "S"):
        return 0  # an elided letter, no quote: "'ALI HASAN", "'Anisi", "XXXX 's"
    if word.isupper() and word in _FUNCTION_WORDS_UPPER or text[max(0, i - 16) : i].rstrip()[-1:] == ":":
        return 0  # speech, with commas of its own: "SAID:  'THE PLO, AS", "'NO, NO I WON'T"
    if word.lower() in ("forties", "fifties", "sixties", "seventies", "eighties", "nineties", "em"):
        return 0  # "in the 'forties,": an elided century
    end = min(len(text), i + STRAIGHT_REACH)
    close = STRAIGHT_CLOSE.search(text, i + 1, end)
    if close is not None and _BLANK_LINE.search(text, i, close.start()) is None:
        return 0  # closed straight in its paragraph
    first = _COMMA_OR_APOSTROPHE.search(text, i, end)  # (a repaired comma too)
    comma = first.start() if first else -1
    if comma >= 0 and _DOUBLE_QUOTE.search(text[i:comma].translate(AS_LEGACY)) is not None:
        return 0  # "'borderline racist." In short,": closed with the double quote around it
    if word[1:2].isalpha() and not set(word[:2].lower()) & set("aeiouy") and word[:2].lower() not in _ONSETS:
        return 0  # "'Ndrangheta": no English word starts so, a letter is elided
    return STRAIGHT_PHRASE_WORDS if word.islower() else STRAIGHT_QUOTE_WORDS


#: Words of a clause, not of a term: a longer quotation that holds one is
#: speech, with commas of its own (``'we're proud of being Hondurans, but``).
_CLAUSE_WORDS = frozenset("i we you he she they it is are was were will would can could must".split())


def straight_quote_waits(text: str) -> bool:
    """Whether some straight ``'`` or backtick in ``text`` opens a quote a
    comma may close (else the scan need not visit every comma).

    >>> straight_quote_waits("the 'cool down, it"), straight_quote_waits("the 'cool down' and don't")
    (True, False)
    """
    if "'" not in text and "`" not in text:
        return False
    return any(straight_single_open(text, m.start()) for m in STRAIGHT_OPEN.finditer(text))


def straight_inner_comma(text: str, opened: int, i: int) -> bool:
    """Whether the comma at ``i`` after a straight ``'`` is one of the
    quotation's own: before a closing double quote (``'natural ally,8``) or
    in a list whose last item the quote closes (``'bribe, extort, and
    trick,``; ``'bad cop, good cop,``; but ``'mail-order, or 'Internet,``
    is two quotes); or, in a quotation of more than three words, a
    clause's (``'is a crucial step, and``); or one of three words or more
    before a conjunction (``'keeping the ambition, and not``); or one
    word in capitals (``'SOUTSOUVIS, A TERRORIST``: a name as likely).

    >>> straight_inner_comma("'bad cop, good cop, routine", 0, 8), straight_inner_comma("'cool down, that is", 0, 10)
    (True, False)
    """
    if char_at(text, i + 1) in ("8", CLOSE_QUOTE):
        return True
    words = text[opened + 1 : i].split()
    if len(words) > STRAIGHT_QUOTE_WORDS and any(w.lower().split(",")[0] in _CLAUSE_WORDS for w in words):
        return True
    if len(words) == 1 and words[0].isupper() and text[opened] == "'":
        return True  # "'SOUTSOUVIS, A TERRORIST": in capitals, a name as likely as a term
    after = next_tokens(text, i + 1, 2)
    if len(words) >= 3 and after[:1] in (["and"], ["or"], ["but"]) and after[1:2] != [] and after[1][0] not in "'`":
        return True  # "`keeping the ambition, and not messing up": a clause goes on
    # (a comma the repair made ’ is read as the comma it was: a second run reads as the first)
    return any(t.endswith((",", APOSTROPHE)) and t[0] not in "'`" for t in next_tokens(text, i + 1, STRAIGHT_QUOTE_WORDS))


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
