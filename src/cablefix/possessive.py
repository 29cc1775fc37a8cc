"""Plural possessives before a blank, decided by a learned model.

``the Partners, interest in`` is ``Partners’ interest``; ``the Russians, tend
to view`` is a comma.  The legacy conversion made both look the same, and the
difference is grammar no short rule captures.  This module reads a candidate
comma (:func:`is_candidate`), describes its context as a handful of named
features (:func:`features`: the owner word, the words around it, their case
and suffixes, the word classes the corpus teaches, list and clause cues, what
the rest of the document shows), and scores them with a logistic regression
trained on ten thousand real cables by ``tools/train_possessive.py``
(``data/possessive_model.json``).  :func:`decide` gives a calibrated
probability that the comma was ``’``, and the features that weighed most.

The same :func:`features` function makes the training examples and reads the
text at run time.  The model is pure data: a weight per slot and key, loaded
once, on first use.
"""

from __future__ import annotations

import json
import math
import re
from importlib import resources
from typing import Any, NamedTuple, Optional

from . import lexicon

APOSTROPHE = "\u2019"

#: Words in ``s`` that are no plural noun (``its``, ``this``, ``was``,
#: ``various``): after one, a comma is a comma.  Grammar, not a tuned list.
NOT_A_POSSESSOR: frozenset[str] = lexicon.FUNCTION_WORDS | lexicon.S_FINAL_NON_NOUNS

#: The slots whose key is a word: the model ships one weight per word for each
#: (its own weight and that of its corpus-learned word classes, summed), and a
#: weight for words it does not know (key ``""``) from the classes alone.
WORD_SLOTS = ("owner", "prev", "next", "second")

#: How far a sentence is read back from the owner (characters).
SENTENCE_REACH = 250

_LOWER = re.compile("[a-z]")
_SENTENCE_BREAK = re.compile(r"(?s).*(?:[.?!:;][ \t\n]|\n[ \t]*\n)")
_LEGACY_S = re.compile(r"[A-Za-z]{2},[stST]\b")
_TRUE_S = re.compile("[A-Za-z]{2}['\u2019][stST]\\b")
_CANDIDATE_OWNERS = re.compile(r"([A-Za-z]{2,}[sS])[,\u2019] [A-Za-z]")
_LIST_WORDS = frozenset(("and", "or", "etc"))

#: Words after the comma that rule a possessive out: a possessive is followed
#: by what is possessed or what qualifies it, never by a preposition,
#: conjunction, pronoun or auxiliary (``the Russians, tend to``'s ``to`` is
#: the next word's).  In the typed large corpus 39,331 such commas follow an
#: ``s`` and 134 apostrophes, most of those closing quotes (``'rights' and``).
#: The function words that can qualify a noun stay candidates (``the
#: Parties' other concerns``, ``most``, ``only``, ``stated``).
NEVER_POSSESSED: frozenset[str] = lexicon.FUNCTION_WORDS - frozenset(
    "most other only few many more much stated own said".split()
)


def is_candidate(text: str, i: int) -> bool:
    """Whether the comma at ``i`` is one the model decides: after a word of
    three letters or more in ``s`` that can be a plural (not ``its``,
    ``this``, ``various``: :data:`NOT_A_POSSESSOR`), before a blank and a

    letter, and not before a word that cannot follow a possessive
    (:data:`NEVER_POSSESSED`).

    >>> is_candidate("the Partners, interest", 12), is_candidate("and its, view", 7)
    (True, False)
    >>> is_candidate("the Russians, tend to", 12), is_candidate("the Russians, and", 12)
    (True, False)
    """
    if text[i + 1 : i + 2] != " " or not text[i + 2 : i + 3].isalpha() or text[i - 1 : i] not in ("s", "S"):
        return False
    j = i - 1
    while j >= 0 and text[j].isalpha():
        j -= 1
    owner = text[j + 1 : i]
    if len(owner) < 3 or owner.lower() in NOT_A_POSSESSOR:
        return False
    e = i + 2
    while text[e : e + 1].isalpha():
        e += 1
    return text[i + 2 : e].lower() not in NEVER_POSSESSED


def _shape(word: str) -> str:
    if not word:
        return "-"
    if word.islower():
        return "l"
    if word.isupper():
        return "U"
    return "C" if word[0].isupper() else "m"


def _word_after(text: str, j: int) -> tuple[str, int]:
    """The letters from ``j`` (after at most one line break of blanks)."""
    n = len(text)
    k = j
    while k < n and text[k] in " \t":
        k += 1
    if k < n and text[k] == "\n":
        k += 1
        while k < n and text[k] in " \t":
            k += 1
    e = k
    while e < n and text[e].isalpha():
        e += 1
    return text[k:e], e


class _Document(NamedTuple):
    text: str
    state: str  # "legacy", "intact" or "none"
    legacy: int  # how many legacy apostrophes (``Regime,s``)
    owners: dict[str, int]  # how often each owner stands before a candidate comma
    upper: bool  # the whole text is in capitals


_last: list[Optional[_Document]] = [None]


def document(text: str) -> _Document:
    """What the whole text tells about its commas, read once per text."""
    doc = _last[0]
    if doc is not None and doc.text is text:
        return doc
    legacy = len(_LEGACY_S.findall(text))
    true = len(_TRUE_S.findall(text))
    state = "legacy" if legacy and legacy >= true else "intact" if true else "none"
    owners: dict[str, int] = {}
    for m in _CANDIDATE_OWNERS.finditer(text):
        w = m.group(1).lower()
        owners[w] = owners.get(w, 0) + 1
    doc = _Document(text, state, legacy, owners, _LOWER.search(text) is None)
    _last[0] = doc
    return doc


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n <= 3 else "4"


def features(text: str, i: int) -> list[tuple[str, str]]:
    """The context of the candidate comma at ``i`` as (slot, key) pairs.

    >>> dict(features("He noted the Partners, interest in it.", 21))["next"]
    'interest'
    """
    doc = document(text)
    j = i - 1
    while j >= 0 and text[j].isalpha():
        j -= 1
    owner = text[j + 1 : i]
    before = text[j : j + 1] if j >= 0 else ""
    # the word before the owner, or the mark that ends what comes before
    k = j
    while k >= 0 and text[k] in " \t\n":
        k -= 1
    e = k + 1
    while k >= 0 and text[k].isalpha():
        k -= 1
    prev = text[k + 1 : e] if e > k + 1 else (text[e - 1 : e] if e > 0 else "^")
    nxt, after1 = _word_after(text, i + 1)
    stop = text[after1 : after1 + 1]
    second = ""
    if stop in (" ", "\n"):
        second, after2 = _word_after(text, after1)
        stop2 = text[after2 : after2 + 1] if second else text[after1 : after1 + 1].strip()[:1]
        if not second:
            k2 = after1
            while k2 < len(text) and text[k2] in " \t\n":
                k2 += 1
            stop2 = text[k2 : k2 + 1]
            second = "<" + (stop2 if stop2 and not stop2.isalnum() else "#") + ">"
        else:
            stop2 = text[after2 : after2 + 1]
    else:
        stop2 = ""
    # the sentence before the owner
    lo = max(0, j + 1 - SENTENCE_REACH)
    m = _SENTENCE_BREAK.match(text, lo, j + 1)
    start = m.end() if m else lo
    clause = text[start : j + 1]
    words = clause.split()
    first = words[0].strip("(\"'\u201c").lower() if words else "^"
    commas = clause.count(",") + clause.count(APOSTROPHE + " ")
    # the phrase after the comma: a list goes on when and/or comes within five
    # words before any other mark, or another comma within three
    listing = "-"
    count = 0
    pos = i + 1
    n = len(text)
    while count < 6:
        word, end = _word_after(text, pos)
        if not word:
            break
        count += 1
        if word.lower() in _LIST_WORDS and count <= 5:
            listing = "and"
            break
        mark = text[end : end + 1]
        if mark in (",", APOSTROPHE):
            listing = "comma" + (str(count) if count <= 3 else "+")
            break
        if mark not in (" ", "\n", "\t", "-", "/"):
            listing = "stop" + (str(count) if count <= 3 else "+")
            break
        pos = end + 1 if mark in "-/" else end
        if pos >= n:
            break
    window = text[max(0, i - 120) : i + 120]
    upper = doc.upper or _LOWER.search(window) is None
    lower_owner = owner.lower()
    shapes = _shape(owner) + _shape(nxt) + ("U" if upper else "m")
    stop_kind = stop if stop in (".", ",", ";", ":", "") else " " if stop in (" ", "\n", "\t") else "o"
    return [
        ("next_stop", nxt.lower() + "|" + stop_kind),
        ("prev_shape", prev.lower() + "|" + shapes),
        ("first_commas", (first if first.isalpha() else "<>") + "|" + _bucket(commas) + "|" + _bucket(len(words))),
        ("clause_words", _bucket(len(words)) + "|" + shapes),
        ("owner", lower_owner),
        ("owner_end", lower_owner[-4:]),
        ("prev", prev.lower()),
        ("next", nxt.lower()),
        ("next_end", nxt.lower()[-3:]),
        ("second", second.lower()),
        ("stops", (stop if stop not in ("\t",) else " ") + "|" + stop2),
        ("case", shapes + ("^" if prev in (".", "^", ":") else "")),
        ("before", before if not before.isalnum() else "#"),
        ("first", first if first.isalpha() else "<" + first[:1] + ">"),
        ("commas", _bucket(commas)),
        ("list", listing),
        ("doc", doc.state + _bucket(doc.legacy)),
        ("repeats", _bucket(doc.owners.get(lower_owner, 1) - 1)),
    ]


class Model(NamedTuple):
    """The shipped model: a bias, a weight per (slot, key), the Platt
    calibration of the raw score (``a * score + b``), and the threshold the
    training chose."""

    bias: float
    weights: dict[str, dict[str, float]]
    calibration: tuple[float, float]
    threshold: float
    info: dict[str, Any]


_model: list[Optional[Model]] = [None]


def load_model() -> Model:
    """The model in ``cablefix/data/possessive_model.json``, read once."""
    if _model[0] is None:
        raw = json.loads(resources.files("cablefix").joinpath("data/possessive_model.json").read_text("utf-8"))
        _model[0] = Model(
            raw["bias"], raw["weights"], tuple(raw["calibration"]), raw["threshold"], raw.get("info", {})
        )
    return _model[0]


def score(model: Model, feats: list[tuple[str, str]]) -> tuple[float, list[tuple[float, str]]]:
    """The raw score (log-odds before calibration) and each feature's part."""
    total = model.bias
    parts = []
    weights = model.weights
    for slot, key in feats:
        table = weights.get(slot)
        if table is None:
            continue
        w = table.get(key)
        if w is None:
            w = table.get("", 0.0) if slot in WORD_SLOTS else 0.0
        total += w
        parts.append((w, slot + "=" + key))
    return total, parts


def probability(model: Model, raw: float) -> float:
    """The calibrated probability of an apostrophe for a raw score."""
    a, b = model.calibration
    z = a * raw + b
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


class Decision(NamedTuple):
    """How sure the model is that the comma was ``’``, and why."""

    confidence: float
    why: tuple[str, ...]


def decide(text: str, i: int) -> Optional[Decision]:
    """The model's decision about the candidate comma at ``i``, or ``None``
    when it is no candidate (:func:`is_candidate`).  The confidence is the
    calibrated probability that the comma was ``’`` (three places); ``why``
    names the three features that weighed most, with their signed weights.
    In a text whose apostrophes are intact (``Russia's``, no ``Regime,s``) a
    comma is what was typed: the confidence is at most :data:`INTACT_CAP`.

    >>> d = decide("The Regime,s view. The EU states, revised proposal was made.", 32)
    >>> d.confidence >= load_model().threshold
    True
    """
    if not is_candidate(text, i):
        return None
    model = load_model()
    doc = document(text)
    raw, parts = score(model, features(text, i))
    p = probability(model, raw)
    parts.sort(key=lambda wp: -abs(wp[0]))
    why = tuple(f"{name} {w:+.1f}" for w, name in parts[:3])
    if doc.state == "intact":
        return Decision(round(min(p, INTACT_CAP), 3), ("apostrophes intact",) + why[:2])
    return Decision(round(p, 3), why)


#: The most a possessive may score in a text whose apostrophes are intact
#: (``Russia's`` beside no ``Regime,s``): there a comma is what was typed.
INTACT_CAP = 0.5
