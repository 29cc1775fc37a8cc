"""Undo the legacy one-for-one transliteration: ``,`` ``&`` ``8`` ``)``.

The conversion replaced ``’`` with ``,``, ``“`` with ``&``, ``”`` with ``8``
and ``—`` with ``)``.  Each rule below is a named function that looks at one
candidate character and its bounded context and returns a confidence (0–1)
that it stands for the typographic character, or ``None`` when it has no
opinion.  :func:`fix_transliteration` applies what reaches
:attr:`RepairConfig.min_confidence`; :func:`explain` reports every decision,
and with ``doubts=True`` also the candidates that were left alone.

The scan visits only candidate characters, once, in order; every rule reads
a bounded window, so the whole repair is linear in the length of the text.
"""

from __future__ import annotations

import gc
import numbers
import re
from contextlib import contextmanager
from operator import itemgetter
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Optional

from . import lexicon, possessive
from .decode import require_str
from .detect import (
    AFTER_CLOSE,
    EVENTS,
    EVENTS_FAST,
    PUNCT_BEFORE_CLOSE,
    QUOTE_MARK,
    STRAIGHT_CLOSE,
    STRAIGHT_OPEN,
    blank_runs,
    char_at,
    first_word,
    in_url,
    is_html_entity,
    next_tokens,
    run_after,
    run_before,
    sentence_end,
    sentence_start,
    token_before,
    word_before,
)

APOSTROPHE = "\u2019"
OPEN_QUOTE = "\u201c"
CLOSE_QUOTE = "\u201d"
EM_DASH = "\u2014"

#: What each typographic character became in the legacy conversion.
LEGACY = {APOSTROPHE: ",", OPEN_QUOTE: "&", CLOSE_QUOTE: "8", EM_DASH: ")"}


def check_probability(value: object, name: str = "min_confidence") -> float:
    """``value`` as a probability setting (``min_confidence``,
    ``possessive_threshold``): a number from 0 to 1, else a ``TypeError`` or
    ``ValueError`` that says so.

    >>> check_probability(1)
    1.0
    >>> check_probability(1.5)
    Traceback (most recent call last):
    ...
    ValueError: min_confidence must be a number from 0 to 1, not 1.5
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number from 0 to 1, not {type(value).__name__} {value!r}")
    if not 0 <= value <= 1:  # (nan fails both comparisons)
        raise ValueError(f"{name} must be a number from 0 to 1, not {value!r}")
    return float(value)


class _RepairFields(NamedTuple):
    min_confidence: float = 0.8
    possessive_threshold: Optional[float] = None


class RepairConfig(_RepairFields):
    """Settings of the repair.

    ``min_confidence`` (default ``0.8``, from 0 to 1): a candidate is changed
    only when the rule that decided it is at least this sure.  Lower it to
    repair more and risk more; raise it to change only the unmistakable
    (``RepairConfig(min_confidence=0.99)`` leaves plural possessives such as
    ``the Partners, interest`` alone).

    ``possessive_threshold`` (default ``None``: the threshold shipped with
    the model, chosen so that its repairs were 99% right on cables held out
    from training; see docs/accuracy.md): the probability a plural
    possessive (:func:`plural_possessive`) needs to be repaired.  Lower it to
    repair more of them (``0.9``: about twice as many, 97% right).

    A value outside ``[0, 1]`` or ``nan`` is a ``ValueError``, also through
    ``_replace``.

    >>> RepairConfig(0.9)
    RepairConfig(min_confidence=0.9, possessive_threshold=None)
    """

    __slots__ = ()

    def __new__(cls, min_confidence: float = 0.8, possessive_threshold: Optional[float] = None) -> "RepairConfig":
        if possessive_threshold is not None:
            possessive_threshold = check_probability(possessive_threshold, "possessive_threshold")
        return super().__new__(cls, check_probability(min_confidence), possessive_threshold)

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> "RepairConfig":  # _replace makes its copy here
        return cls(*iterable)


DEFAULT_CONFIG = RepairConfig()


def repair_config(config: Optional[RepairConfig], options: dict[str, Any]) -> RepairConfig:
    """``config`` (default :data:`DEFAULT_CONFIG`) with keyword ``options``
    overriding its fields; an unknown option is a ``TypeError``.

    >>> repair_config(None, {"min_confidence": 0.9})
    RepairConfig(min_confidence=0.9, possessive_threshold=None)
    """
    if config is None:
        config = DEFAULT_CONFIG
    elif not isinstance(config, RepairConfig):
        raise TypeError(f"config must be a RepairConfig, not {type(config).__name__}")
    if not options:
        return config
    unknown = set(options) - set(RepairConfig._fields)
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}; see RepairConfig")
    return config._replace(**options)


class Edit(NamedTuple):
    """One decision (an immutable named tuple, cheap to make: an adversarial
    text can hold a candidate every few characters).  Most are about one
    character; a run of blank-separated dashes decided together is one edit
    over the run (``before=') ) )'``, ``after='— — —'``).

    ``start``/``end`` are offsets into the input, ``before``/``after`` the
    text there and its replacement, ``rule`` the name of the rule that decided,
    ``confidence`` how sure it is (0–1), ``applied`` whether
    :func:`fix_transliteration` makes the change (``False`` for a doubt),
    and ``why`` (plural possessives, decided by a model) the features that
    weighed most, with their signed weights (``'next=interest +2.1'``).

    >>> explain("the Regime,s view")[0]
    Edit(start=10, end=11, before=',', after='’', rule='contraction', confidence=0.99, applied=True)
    """

    start: int
    end: int
    before: str
    after: str
    rule: str
    confidence: float
    applied: bool = True
    why: tuple[str, ...] = ()

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in zip(self._fields, self) if k != "why" or v)
        return f"Edit({fields})"


# --------------------------------------------------------------------------
# Apostrophes: ``,`` for ``’``
# --------------------------------------------------------------------------


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
    space), ``Khamene,i,s``.  The list markers of ``1.4 (b,d)`` (one letter
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
        if prev and char_at(text, i - 2) in (",", APOSTROPHE) and len(run_before(text, i - 2)) >= 3:
            return 0.95  # a name with an elision: "Khamene,i,s hands"
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
    ``Ba,athist``, ``Khamene,i``.

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
    if not word_ends(text, end) or before.isalnum() or before in (",", "/", "(") or after in ("/", "("):
        return None
    if after == "," and run_after(text, end + 1) != "S" or before == " " and char_at(text, i - len(prev) - 2) == ",":
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


def capitals_meeting(text: str, i: int) -> Optional[float]:
    """A possessive in a subject line or heading in capitals, before what
    someone had: ``SUBJECT: U/S HORMATS, MEETINGS WITH BEIJING`` →
    ``HORMATS’``, ``SECRETARY GATES, TURKEY BILATERAL VISIT``, ``PERMREPS,
    DISCUSSION`` — the noun (:data:`lexicon.MEETING_NOUNS`) next or after up
    to three words in capitals (``BURNS, JUNE 12 DINNER MEETING``).  Not in a
    list (``VISITS, MEETINGS``; ``AND``, ``OR``).  In the plain cables the
    pattern has 8 apostrophes and no comma.

    >>> capitals_meeting("SUBJECT: U/S HORMATS, MEETINGS WITH BEIJING", 20)
    0.9
    >>> capitals_meeting("SUBJECT: CODEL VISITS, MEETINGS WITH MINISTERS", 21) is None
    True
    """
    if text[i - 1 : i] != "S" or char_at(text, i + 1) != " ":
        return None  # fast: a word in capitals before
    owner = run_before(text, i)
    if len(owner) < 3 or not owner.isupper() or owner in lexicon.MEETING_NOUNS:
        return None
    for word in text[i + 2 : i + 60].split()[:4]:
        word = word.rstrip(":;.,")
        if word in lexicon.MEETING_NOUNS:
            return 0.9
        if not (word.isupper() or word.replace("-", "").isdigit()) or word in ("AND", "OR"):
            return None
    return None


#: Everything up to the last comma that ends a phrase (one before white
#: space).  ``’`` counts too, because it may be such a comma repaired (the
#: repair must read its own output as it read its input, or a second run
#: would decide differently).
_UP_TO_CLAUSE_BREAK = re.compile("(?s).*[,\u2019](?=\\s)")


def plural_possessive(text: str, i: int) -> Optional[float]:
    """``s,`` then a blank and a word, as in ``the Partners, interest in`` →
    ``Partners’``, ``MARTYRS, FAMILIES`` → ``MARTYRS’``: the probability of
    the apostrophe that the learned model gives (:mod:`cablefix.possessive`,
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
        return None if conf is None else _edit(i, ",", APOSTROPHE, "plural_possessive", conf, config)
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


CommaRule = Callable[[str, int], Optional[float]]

#: Comma rules by what follows the comma, tried in order; the first with an
#: opinion decides.  ``,`` then a letter: ``Regime,s`` ``d,Ivoire``; then a
#: digit: ``mid-,90s``; after an ``s``, then a space and a capital: ``Paris,
#: Classified Website``, ``Donors, Conference``, ``HORMATS, MEETINGS``; then a
#: space and a lowercase letter: ``two hours, notice``, ``Partners,
#: interest``; then ``)``: ``the United States,)``.
COMMA_RULES_BEFORE_LETTER: tuple[CommaRule, ...] = (contraction, name_elision, caps_elision)
COMMA_RULES_BEFORE_DIGIT: tuple[CommaRule, ...] = (decade,)
COMMA_RULES_BEFORE_CAPITAL: tuple[CommaRule, ...] = (
    classified_website,
    named_for_members,
    capitals_meeting,
    plural_possessive,
)
COMMA_RULES_BEFORE_WORD: tuple[CommaRule, ...] = (measure_possessive, plural_possessive)
COMMA_RULES_BEFORE_PARENTHESIS: tuple[CommaRule, ...] = (plural_possessive,)


def comma_rules(text: str, i: int) -> tuple[CommaRule, ...]:
    """The rules worth trying on the comma at ``i`` (most commas: none).

    >>> [r.__name__ for r in comma_rules("Regime,s", 6)], comma_rules("a, b", 1)
    (['contraction', 'name_elision', 'caps_elision'], ())
    >>> [r.__name__ for r in comma_rules("the Partners, interest", 12)]
    ['measure_possessive', 'plural_possessive']
    """
    nxt = char_at(text, i + 1)
    if nxt.isalpha():
        return COMMA_RULES_BEFORE_LETTER
    if nxt.isdigit():
        return COMMA_RULES_BEFORE_DIGIT
    if char_at(text, i - 1) not in ("s", "S"):
        return ()
    if nxt == " ":
        after = char_at(text, i + 2)
        if after.islower():
            return COMMA_RULES_BEFORE_WORD
        return COMMA_RULES_BEFORE_CAPITAL if after.isupper() or after == "\n" else ()
    return COMMA_RULES_BEFORE_PARENTHESIS if nxt == ")" else ()


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
    comma = text.find(",", i, end)
    if comma >= 0 and QUOTE_MARK.search(text, i, comma) is not None:
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
    if char_at(text, i + 1) == "8":
        return True
    words = text[opened + 1 : i].split()
    if len(words) > STRAIGHT_QUOTE_WORDS and any(w.lower().split(",")[0] in _CLAUSE_WORDS for w in words):
        return True
    if len(words) == 1 and words[0].isupper() and text[opened] == "'":
        return True  # "'SOUTSOUVIS, A TERRORIST": in capitals, a name as likely as a term
    after = next_tokens(text, i + 1, 2)
    if len(words) >= 3 and after[:1] in (["and"], ["or"], ["but"]) and after[1:2] != [] and after[1][0] not in "'`":
        return True  # "`keeping the ambition, and not messing up": a clause goes on
    return any(t.endswith(",") and t[0] not in "'`" for t in next_tokens(text, i + 1, STRAIGHT_QUOTE_WORDS))


#: The two consonants an English word can start with.
_ONSETS = frozenset(
    "bl br ch cl cr dr dw fl fr gl gn gr kn kr ph pl pr ps qu rh sc sh sk sl sm sn sp sq st sw th tr ts tw wh wr".split()
)

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


# --------------------------------------------------------------------------
# Quotes: ``&`` for ``“`` and ``8`` for ``”``
# --------------------------------------------------------------------------


def opening_quote(text: str, i: int) -> Optional[float]:
    """``&`` that starts a word: ``a &Watch List8`` → ``a “Watch List”``.

    Not ``R&D``, ``AT&T`` (a letter before), ``S & T`` (a space after), ``&&``
    or an HTML entity such as ``&amp;``.
    """
    before, after = char_at(text, i - 1), char_at(text, i + 1)
    if before.isalnum() or before == "&" or not after or after.isspace() or after in "&;=#":
        return None
    if is_html_entity(text, i):
        return None
    return 0.9 if after.isalnum() else 0.6


def closing_quote_kind(text: str, i: int) -> Optional[str]:
    """Whether the ``8`` at ``i`` can close a quote: ``"word"`` after a letter
    or punctuation (``List8``, ``added.8``), ``"digit"`` after one or two
    digits or a year (``&Gate 18``, ``&a candidate in 20078.``; weak: ``1718``
    is a number), else ``None``.  Never before a full stop glued to more of
    a word or number (``file8.txt``, ``R8.5``), nor inside a URL
    (``www.state.gov/page8/``, ``page8?id=1``: :func:`inside_url`).

    >>> closing_quote_kind("&Gate 18 was", 7), closing_quote_kind("in 20078.", 7), closing_quote_kind("in 2008,", 6)
    ('digit', 'digit', None)
    >>> closing_quote_kind("see file8.txt", 8), closing_quote_kind("www.state.gov/page8/", 18)
    (None, None)
    """
    before, after = char_at(text, i - 1), char_at(text, i + 1)
    if after and after not in AFTER_CLOSE:
        return None
    if after == "." and (text[i + 2 : i + 3].isalnum() or text[i + 2 : i + 3] == CLOSE_QUOTE):
        return None  # "file8.txt": a file name ("8.8" as "8.”": the second may close)
    if before.isalpha() or before in PUNCT_BEFORE_CLOSE:
        kind = "word"
    elif before.isdigit():
        run = run_before(text, i, "alnum")
        if not (len(run) <= 2 or (len(run) == 4 and run.isdigit() and run[:2] in ("19", "20"))):
            return None  # "&Gate 18", "&a candidate in 20078." (a year); not "September 2008,"
        kind = "digit"
    else:
        return None
    return None if inside_url(text, i) else kind


#: What may follow a closing quote before its token ends (``page8.``,
#: ``URL8),``), legacy and repaired alike (``8`` ``”``, ``,`` ``’``, ``)`` ``—``).
_CLOSING_RUN = frozenset(".,;:!?)]}'\"*8" + APOSTROPHE + CLOSE_QUOTE + EM_DASH)


def inside_url(text: str, i: int) -> bool:
    """Whether the ``8`` at ``i`` stands inside a URL, more of the URL after
    it (``www.state.gov/page8/index``, ``page8?id=1``), not at its end
    (``page8.``, which may close a quote opened before the URL).

    >>> inside_url("www.state.gov/page8/x", 18), inside_url("www.state.gov/page8).", 18), inside_url("&a8-b", 2)
    (True, False, False)
    """
    j = i + 1
    while j < i + 4 and j < len(text) and text[j] in _CLOSING_RUN:
        j += 1
    return j < len(text) and not text[j].isspace() and in_url(text, i)


def glued_closing_quote(text: str, i: int) -> Optional[float]:
    """An ``8`` glued to the start of a word after a line break or
    punctuation: ``asked,8will a Kabul conference``, ``China.8XXXXXXXXXXXX
    said``, ``HIM AS⏎8NATIONAL COORDINATOR8`` → ``”``.  The original had a
    ``”`` there — closing a quote and glued to the next word, or typed where
    an opening quote belonged; no number is written so (the dev legacy and
    plain cables have no ``8`` before four letters at all).  Not after a
    hyphen that ends a name: ``F-8Crusader``.

    >>> glued_closing_quote("Karzai agreed but asked,8will a Kabul conference", 24)
    0.85
    >>> glued_closing_quote("the F-8Crusader fleet", 6) is None
    True
    """
    before = char_at(text, i - 1)
    if before not in "\n.,;:!?-" or not text[i + 1 : i + 5].isalpha():
        return None
    if before == "-" and (char_at(text, i - 2).isalnum() or char_at(text, i - 2) == CLOSE_QUOTE):
        # "F-8Crusader": a model number; and after a word's closing quote, as after the
        # 8 it was ("cww8-8cscw" must read the same once the first 8 is "”")
        return None
    return 0.85


def is_glued_quote(text: str, j: int) -> bool:
    """Whether ``text[j]`` is a legacy ``8`` that :func:`glued_closing_quote`
    takes for ``”``: the apostrophe rules read it as the quote it becomes, not
    as a digit of the word after (a second run must decide as the first).

    >>> is_glued_quote("asked,8will a", 6), is_glued_quote("the F18 jets", 6)
    (True, False)
    """
    return text[j : j + 1] == "8" and glued_closing_quote(text, j) is not None


def unpaired_closing_quote(text: str, i: int) -> Optional[float]:
    """``8`` after a lowercase word with no ``&`` before it in the stretch:
    ``¬ one additional soldier8`` → ``…soldier”``.  ``G8``, ``F18``,
    ``para 8`` and ``p.8`` stay (a digit, a capital or a single letter), and
    so does the ``8`` that ends a URL (``www.state.gov/page8``): only a quote
    opened before the URL closes there.
    """
    j = i - 1 if char_at(text, i - 1) in PUNCT_BEFORE_CLOSE else i
    word = run_before(text, j)
    k = j - len(word) - 1
    # (a glued quote before the word is the ”, not a digit: "&.8xxxx8" reads as "“.”xxxx8")
    if (char_at(text, k).isdigit() and not is_glued_quote(text, k)) or len(word) < 2:
        return None
    if word.islower():
        conf = 0.85 if len(word) >= 3 else 0.6
    elif word[0].isupper() and word[1:].islower() and len(word) >= 4:
        conf = 0.6
    else:
        conf = 0.3
    return None if in_url(text, i) else conf


#: How sure the ``8`` that ends a phrase after a :func:`glued_closing_quote`
#: is: ``⏎8VACATION8 TO REJOIN`` → ``”VACATION”`` (the writer's own quotes,
#: both typed as closing ones).
GLUED_PARTNER = 0.9

#: How many words after a :func:`glued_closing_quote` its partner may end
#: (counted in words, as :data:`SINGLE_QUOTE_WORDS`).
GLUED_WORDS = 16


# --------------------------------------------------------------------------
# Dashes: ``)`` for ``—``
# --------------------------------------------------------------------------


#: Blanks that run to a line's end (or the text's): what ``clean`` drops.
_BLANKS_TO_LINE_END = re.compile(r"[ \t]*(?:[\r\n]|\Z)")
_BLANKS_AFTER = re.compile(r"\s*")


def em_dash(text: str, i: int) -> Optional[float]:
    """A ``)`` with no open ``(`` before it in the stretch, between words:
    ``discussions ) in both`` → ``discussions — in both``.

    List markers (``1)``, ``b)``, and ``1 )`` at the start of a line) stay.
    Blanks after the ``)`` up to a line's end read as that end (``clean``
    drops them, and the next call must decide the same).
    """
    before = text[i - 1] if i else ""
    after = text[i + 1 : i + 2]
    if (after == " " or after == "\t") and _BLANKS_TO_LINE_END.match(text, i + 1):
        after = "\n"
    if before == " " or before == "\t":
        if is_list_marker(text, i):
            return None
        if after == " " or after == "\t":
            return 0.97
        if after in ("\n", "\r", ""):
            return 0.85  # (after a word or a number, a quote: "in 2008 ) ⏎")
        return None
    if before in ("\n", "") and after == " ":
        return 0.8  # a dash that opens a line: "— Elections are critical"
    if before.isalpha() and after.isalpha():
        return 0.6
    return None


def is_list_marker(text: str, i: int) -> bool:
    """Whether the ``)`` at ``i`` follows one letter or digit, a space apart,
    at the start of a line: ``1 ) first``.

    >>> is_list_marker("1 ) first", 2), is_list_marker("is 1 ) more", 5)
    (True, False)
    """
    last = text[i - 2] if i >= 2 else ""
    if last == " " or last == "\t":  # more blanks: read the whole token
        prev, start = token_before(text, i)
        return len(prev) == 1 and prev.isalnum() and char_at(text, start - 1) in ("\n", "")
    return last.isalnum() and (i < 3 or text[i - 3] == "\n")


#: How many words after a ``)`` between blanks the ``)`` that closes its
#: parenthesis may stand, for :func:`dash_in_parentheses` (in words, not
#: characters: ``clean`` drops blanks, and the next call must reach as far).
PARENTHESIS_WORDS = 60

#: How far :func:`dash_in_parentheses` reads over blanks for the nearest
#: character on each side.
BLANKS_REACH = 64

#: What decides :func:`dash_in_parentheses`: a ``)`` written against a word of
#: two characters or more and not glued to the next (a closing parenthesis;
#: ``a)`` may be a list marker, ``end)such`` a dash; nor before ``8`` or ``”``,
#: which the repair turns one into the other), a ``(`` or a blank line (no
#: decision).
_CLOSER_AHEAD = re.compile("[^\\s()\u2014]{2}\\)(?![^\\W_]|\u201d)|\\(|\n[ \t\r]*\n")


def dash_in_parentheses(
    text: str, i: int, ahead: Optional["re.Match[str]"], words: Optional[int] = None
) -> Optional[float]:
    """A ``)`` between blanks (after it a line break counts as one) inside an
    open parenthesis that a ``)`` written
    against a word closes later (``ahead``: the first :data:`_CLOSER_AHEAD`
    after ``i``): ``(COMMENT: successors ) such as X ) have not. END
    COMMENT.)`` → ``successors — such as X — have``.  A closing parenthesis
    is written against its last word; one between blanks, with the real one
    still to come, is a dash.  Only for one open parenthesis, itself written
    against its first word (``(a (b ) c)`` and ``( C ) and (D)`` stay), and
    not next to another ``)`` or dash (a run is decided as one).  ``words``:
    the blank runs from ``i`` to ``ahead`` if known (the scan counts them as
    it goes), else counted here.

    >>> ahead = _CLOSER_AHEAD.search("(the Union ) CDU) won", 12)
    >>> dash_in_parentheses("(the Union ) CDU) won", 11, ahead)
    0.9
    """
    if ahead is None or text[ahead.end() - 1] != ")":
        return None
    if (blank_runs(text, i, ahead.start()) if words is None else words) > PARENTHESIS_WORDS:
        return None
    before = text[max(0, i - BLANKS_REACH) : i]
    if before[-1:] not in (" ", "\t") or not text[i + 1 : i + 2].isspace():
        return None
    # after it, a line break counts as a blank (clean drops the blanks before one,
    # and the next call must read the same), and the blanks are read however many
    j = _BLANKS_AFTER.match(text, i + 1).end()
    nearest = text[j : j + 1]
    if before.rstrip(" \t")[-1:] in ("", ")", EM_DASH) or nearest in ("", ")", EM_DASH):
        return None
    conf = em_dash(text, i)
    return None if conf is None else min(conf, 0.9)


def spaced_dashes(text: str, start: int, end: int, config: RepairConfig) -> Iterator[Edit]:
    """The dashes of a run of ``)`` between blanks, none closing a ``(``:
    ``a ) ) ) b`` → ``a — — — b``, from the ``)`` at ``start`` to the one
    before ``end``.  The first and last are decided by :func:`em_dash`; those
    between all have blanks on each side and a ``)`` before, so one decision
    holds for all of them, and it comes as one edit over their span.
    """
    yield from _dash(text, start, config)
    last = end - 1
    if last == start:
        return
    second = text.find(")", start + 1, last)
    if second >= 0:
        inner_end = text.rfind(")", second, last) + 1
        conf = em_dash(text, second)
        if conf is not None:
            span = text[second:inner_end]
            yield Edit(second, inner_end, span, span.replace(")", EM_DASH), "em_dash", conf, conf >= config.min_confidence)
    yield from _dash(text, last, config)


def _dash(text: str, i: int, config: RepairConfig) -> Iterator[Edit]:
    conf = em_dash(text, i)
    if conf is not None:
        yield _edit(i, ")", EM_DASH, "em_dash", conf, config)


# --------------------------------------------------------------------------
# The scan
# --------------------------------------------------------------------------


class _Reach:
    """The words from an anchor (a ``‘``, a glued ``8``) to a later offset,
    counted as the scan moves on: each stretch is read once."""

    __slots__ = ("at", "words")

    def __init__(self, at: int) -> None:
        self.at = at
        self.words = 1

    def words_to(self, text: str, i: int) -> int:
        self.words += blank_runs(text, self.at, i)
        self.at = i
        return self.words


def _edit(i: int, before: str, after: str, rule: str, conf: float, config: RepairConfig) -> Edit:
    return Edit(i, i + 1, before, after, rule, conf, conf >= config.min_confidence)


def _scan(text: str, config: RepairConfig) -> Iterator[Edit]:
    """Every decision about every candidate, in no particular order."""
    depth = 0  # open parentheses in this stretch
    open_at: Optional[int] = None  # an opening & still waiting for its 8
    open_conf = 0.0
    digit_close: Optional[int] = None  # first 8-after-digit since open_at
    single_open = -1  # where a ‘ waits for its first comma, or -1
    single_reach = _Reach(0)  # the words from it
    single_words = SINGLE_QUOTE_WORDS  # how many words it may hold (fewer after a straight ')
    ahead: Optional["re.Match[str]"] = None  # for dash_in_parentheses: valid for ")" before ahead_from
    ahead_from = -1
    ahead_words = 0  # the blank runs from ahead_at to the ahead, once counted
    ahead_at = -1  # where they were counted from, or -1
    spaced_open = False  # the outermost open "(" has a blank after it
    glued_open = -1  # where an 8 glued before a word waits for its partner, or -1
    glued_reach = _Reach(0)  # the words from it

    def close_pending() -> Iterator[Edit]:
        if open_at is None:
            return
        if digit_close is not None:
            yield _edit(open_at, "&", OPEN_QUOTE, "quote_pair_after_digit", 0.85, config)
            yield _edit(digit_close, "8", CLOSE_QUOTE, "quote_pair_after_digit", 0.85, config)
        else:
            yield _edit(open_at, "&", OPEN_QUOTE, "opening_quote", open_conf, config)

    events = EVENTS if "\u2018" in text or straight_quote_waits(text) else EVENTS_FAST
    quote_from = 0  # where the search for a double quote mark goes on from
    for m in events.finditer(text):
        i = m.start()
        if (open_at is not None or glued_open >= 0) and QUOTE_MARK.search(text, quote_from, i) is not None:
            # a repaired opening quote: the & before it stays unpaired; and a double
            # quote of any kind ends the search for a glued quote's partner (”: it may
            # be that partner repaired).  Looked for only while one is pending: each
            # stretch between events is searched once at most.
            yield from close_pending()
            open_at = digit_close = None
            glued_open = -1
        quote_from = m.end()
        ch = text[i]
        if ch == ",":
            conf: Optional[float] = None
            edit: Optional[Edit] = None  # one decision a comma: the surest opinion
            for rule in comma_rules(text, i):
                if rule is plural_possessive:  # the model decides, with its own threshold
                    edit = possessive_edit(text, i, config)
                    if edit is not None:
                        conf = edit.confidence
                        break
                    continue
                conf = rule(text, i)
                if conf is not None:
                    edit = _edit(i, ",", APOSTROPHE, rule.__name__, conf, config)
                    break
            if 0 <= single_open and single_reach.words_to(text, i) <= single_words:
                if conf is None or conf < config.min_confidence:
                    quote = closing_single_quote(text, i)
                    if single_words < SINGLE_QUOTE_WORDS and straight_inner_comma(text, single_open, i):
                        quote = None
                    if quote is not None and (conf is None or quote >= conf):
                        # (instead of the doubt, not beside it: one comma, one decision, or
                        # it would be replaced twice)
                        edit = _edit(i, ",", APOSTROPHE, "closing_single_quote", quote, config)
                elif char_at(text, i + 1).isalpha():
                    if edit is not None:
                        yield edit
                    continue  # "‘just wasn,t mine,": an apostrophe inside a word, the quote still open
            single_open = -1
            if edit is not None:
                yield edit
        elif ch == "8":
            if char_at(text, i + 1).isalpha():  # "asked,8will": glued to the next word
                conf = glued_closing_quote(text, i)
                if conf is None:
                    continue
                if open_at is not None:  # "&big bet in China.8XXXXXXXXXXXX said"
                    yield _edit(open_at, "&", OPEN_QUOTE, "quote_pair", 0.99, config)
                    yield _edit(i, "8", CLOSE_QUOTE, "quote_pair", 0.9, config)
                    open_at = digit_close = None
                else:  # "⏎8NATIONAL COORDINATOR8": its partner is one too
                    yield _edit(i, "8", CLOSE_QUOTE, "glued_closing_quote", conf, config)
                    glued_open = i
                    glued_reach = _Reach(i)
                continue
            kind = closing_quote_kind(text, i)
            if kind is None:
                continue
            if single_words < SINGLE_QUOTE_WORDS and kind == "word":
                single_open = -1  # "'borderline racist.8": a straight quote closed by a double one
            if 0 <= glued_open and glued_reach.words_to(text, i) > GLUED_WORDS:
                glued_open = -1
            if open_at is None and 0 <= glued_open and kind == "word" and not in_url(text, i):
                yield _edit(i, "8", CLOSE_QUOTE, "glued_closing_quote", GLUED_PARTNER, config)
                glued_open = -1
                continue
            if open_at is not None:
                if kind == "word":
                    yield _edit(open_at, "&", OPEN_QUOTE, "quote_pair", 0.99, config)
                    yield _edit(i, "8", CLOSE_QUOTE, "quote_pair", 0.99, config)
                    open_at = digit_close = None
                elif digit_close is None:
                    digit_close = i
            elif kind == "word":
                conf = unpaired_closing_quote(text, i)
                if conf is not None:
                    yield _edit(i, "8", CLOSE_QUOTE, "unpaired_closing_quote", conf, config)
        elif ch == "&":
            conf = opening_quote(text, i)
            if conf is not None:
                yield from close_pending()
                open_at, open_conf, digit_close = i, conf, None
        elif ch == ")":
            end = m.end()
            if end - i == 1:
                if depth == 1 and not spaced_open and text[i - 1] in " \t":
                    if ahead_from <= i:  # the next closer, "(" or blank line: one search serves every ")" before it
                        ahead = _CLOSER_AHEAD.search(text, i + 1)
                        ahead_from = ahead.start() if ahead else len(text)
                        ahead_at = -1
                    if ahead is not None and text[ahead.end() - 1] == ")":
                        # words to the closer, counted once for all the ")" before it
                        if ahead_at < 0:
                            ahead_words = blank_runs(text, i, ahead.start())
                        else:
                            ahead_words -= blank_runs(text, ahead_at, i)
                        ahead_at = i
                    conf = dash_in_parentheses(text, i, ahead, ahead_words)
                    if conf is not None:
                        yield _edit(i, ")", EM_DASH, "dash_in_parentheses", conf, config)
                        continue
                if depth:
                    depth -= 1
                else:
                    yield from _dash(text, i, config)
            elif text[i + 1] == ")":  # "))": only a lone ")" can be a dash
                depth = max(0, depth - (end - i))
            else:  # ") ) )": the first close what is open, the rest are dashes
                while depth and i >= 0:
                    depth -= 1
                    i = text.find(")", i + 1, end)
                if i >= 0:
                    yield from spaced_dashes(text, i, end, config)
        elif ch == "(":
            if text[m.end() - 1] == ")":  # "(TEM)": opened and closed, nothing to decide
                continue
            if not depth:
                # "( C )": spaced both sides; a line break counts ("( " at a line's end is
                # "(" once clean drops the trailing blank, and must read the same)
                spaced_open = text[i + 1 : i + 2].isspace()
            depth += m.end() - i
        elif ch == "\u2018":
            single_open, single_words = i, SINGLE_QUOTE_WORDS
            single_reach = _Reach(i)
        elif ch == "\u2019":
            if not char_at(text, i + 1).isalpha():
                single_open = -1  # the single quote is closed already (not "wasn’t")
        elif ch in "'`":
            words = straight_single_open(text, i)
            if words:
                single_open, single_words = i, words
                single_reach = _Reach(i)
            elif ch == "'" and not char_at(text, i + 1).isalpha():
                single_open = -1  # "down'": closed straight (not "don't")
        else:  # a blank line ends the stretch
            yield from close_pending()
            open_at = digit_close = None
            depth = 0
            single_open = glued_open = -1
    yield from close_pending()


_START = itemgetter(0)


def explain(text: str, doubts: bool = False, config: Optional[RepairConfig] = None, **options: Any) -> list[Edit]:
    """The edits :func:`fix_transliteration` makes, in order of position: one
    for each decision.  A run of blank-separated dashes decided together
    (:func:`spaced_dashes`) is one edit over the run: ``) ) )`` → ``— — —``.

    With ``doubts=True`` the candidates it left alone are listed too, with
    ``applied=False`` and the confidence that fell short.  Keyword options
    override fields of ``config`` (a :class:`RepairConfig`), as in
    :func:`fix_transliteration`.

    >>> [(e.before, e.after, e.rule) for e in explain("a &Watch List8 of items")]
    [('&', '“', 'quote_pair'), ('8', '”', 'quote_pair')]
    >>> [(e.rule, e.applied) for e in explain("a b,c ) d", doubts=True, min_confidence=0.99)]
    [('em_dash', False)]
    """
    require_str(text, "explain")
    return decisions(text, repair_config(config, options), doubts)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large list of edits is
    built, and restore it after (as :mod:`timeit` does).

    Edits hold only strings and numbers, so they form no cycles; but CPython
    walks every tracked object again each time their number grows by a
    quarter, which for a million edits is more than half the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def decisions(text: str, config: RepairConfig, doubts: bool) -> list[Edit]:
    """The scan's edits in order of position (:func:`explain` without the
    type check).  The collector is paused
    meanwhile: a large text can give a hundred thousand edits, a dense one a
    million."""
    with collector_paused():
        edits = list(_scan(text, config))
        if not doubts:
            edits = [e for e in edits if e.applied]
        edits.sort(key=_START)
    return edits


def splice(text: str, replacements: Iterable[Any]) -> str:
    """``text`` with each replacement (anything with ``start``, ``end`` and
    ``after``; sorted, non-overlapping) made.  Used for edits and changes.

    >>> splice("don,t", explain("don,t"))
    'don’t'
    """
    parts = []
    last = 0
    for r in replacements:
        parts.append(text[last : r.start])
        parts.append(r.after)
        last = r.end
    parts.append(text[last:])
    return "".join(parts)


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with the applied ``edits`` (sorted, non-overlapping) made.

    >>> apply_edits("don,t", explain("don,t"))
    'don’t'
    """
    return splice(text, (e for e in edits if e.applied))


def fix_transliteration(text: str, config: Optional[RepairConfig] = None, **options: Any) -> str:
    """Replace each legacy artifact with the character it stood for.

    The result has the same length as ``text``; nothing but ``, & 8 )``
    changes, and only where a rule is at least ``config.min_confidence`` sure.
    Keyword options override fields of ``config`` (a :class:`RepairConfig`):

    >>> fix_transliteration("the Regime,s view of a &Watch List8 ) in full")
    'the Regime’s view of a “Watch List” — in full'
    >>> fix_transliteration("the Partners, interest in", min_confidence=0.995)
    'the Partners, interest in'
    """
    require_str(text, "fix_transliteration")
    return splice(text, decisions(text, repair_config(config, options), doubts=False))
