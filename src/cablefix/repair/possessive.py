"""Plural possessives before a blank, decided by a learned model.

``the Partners, interest in`` is ``Partners’ interest``; ``the Russians, tend
to view`` is a comma.  The legacy conversion made both look the same, and the
difference is grammar no short rule captures.  This module reads a candidate
comma (:func:`is_candidate`), describes its context as a handful of named
features (:func:`features`: the owner word, the words around it, their case
and suffixes, the word classes the corpus teaches, list and clause cues, what
the rest of the document shows), and scores them with a logistic regression
trained on ten thousand real cables by ``tools/train_possessive.py``
(``data/possessive_model.json``).  Where that gives the comma a fair chance,
small gradient-boosted trees (:class:`Trees`) read its score again, part by
part and beside the same owner's score elsewhere in the text, and give the
probability.  :func:`decide` gives a calibrated probability that the comma
was ``’``, and the features that weighed most.

The same :func:`features` function makes the training examples and reads the
text at run time.  The model is pure data: a weight per slot and key and the
trees' nodes, loaded once, on first use.
"""

from __future__ import annotations

import json
import math
import re
import threading
from importlib import resources
from typing import Any, NamedTuple, Optional

from .. import lexicon
from .edits import AS_LEGACY

APOSTROPHE = "\u2019"


#: Words in ``s`` that are no plural noun (``its``, ``this``, ``was``,
#: ``various``): after one, a comma is a comma.  Grammar, not a tuned list.
NOT_A_POSSESSOR: frozenset[str] = lexicon.FUNCTION_WORDS | lexicon.S_FINAL_NON_NOUNS

#: The slots whose key is a word: the model ships one weight per word for each
#: (its own weight and that of its corpus-learned word classes, summed), and a
#: weight for words it does not know (key :data:`UNKNOWN`) from the classes
#: alone.
WORD_SLOTS = ("owner", "prev", "next", "second")
#: The key of a word slot's weight for a word without classes (no word: an
#: empty ``next`` is a word of its own).
UNKNOWN = "<unknown>"

#: The word classes the corpus teaches (``tools/train_possessive.py``), one
#: digit each per word, ``0`` … ``6`` (``3``: as often as any word): how often
#: the word follows a determiner, ``to``, a modal; precedes ``of``, a
#: determiner, a full stop, a comma; follows a comma; is capitalised inside a
#: sentence; follows a possessive (``their``, ``'s``), a subject pronoun, a
#: word in ``s``.
CLASS_NAMES = ("det", "to", "modal", "of", "det_next", "end", "comma", "after_comma", "cap", "poss", "subj", "after_s")
_DET, _TO, _MODAL, _POSS, _SUBJ = (CLASS_NAMES.index(c) for c in ("det", "to", "modal", "poss", "subj"))


#: The classes :func:`tag` last read (by identity: a classes dict is never
#: changed once made) and the tags it gave them, by word.
_tags: list[Any] = [None, {}]


def tag(word: str, classes: dict[str, str]) -> str:
    """A coarse part of speech from a word's classes: ``F`` a function word,
    ``V`` verb-like (it follows ``they``, ``to``, ``will``), ``N`` noun-like
    (it follows ``the``, ``their``), ``o`` neither, ``?`` unknown, ``-`` no
    word.

    >>> tag("the", {}), tag("", {}), tag("views", {"views": "633333333633"})
    ('F', '-', 'N')
    """
    if not word or not word[0].isalpha():
        return "-"
    low = word.lower()
    if _tags[0] is not classes:
        _tags[:] = [classes, {}]
    known = _tags[1].get(low)
    if known is not None:
        return known
    if low in lexicon.FUNCTION_WORDS:
        made = "F"
    else:
        digits = classes.get(low)
        if digits is None:
            made = "?"
        else:
            verb = max(digits[_TO], digits[_MODAL], digits[_SUBJ])
            noun = max(digits[_DET], digits[_POSS])
            made = "V" if verb >= "5" and verb > noun else "N" if noun >= "5" else "o"
    if len(_tags[1]) < 100_000:  # (bounded: words of one text, or of a corpus)
        _tags[1][low] = made
    return made



#: How far a sentence is read back from the owner (characters).
SENTENCE_REACH = 250

_LOWER = re.compile("[a-z]")
_WORD = re.compile("[A-Za-z]+")
_GAP = re.compile("[ \t\r]*\n?[ \t\r]*")
_PHRASE = re.compile("[A-Za-z]+(?:(?:[ \t\r/-]+\n?|\n)[ \t\r]*[A-Za-z]+){0,5}")
#: Blanks read as one: a line break inside a sentence is where a line was
#: wrapped, and ``clean`` drops blanks before one.
_BLANKS = str.maketrans({"\n": " ", "\t": " ", "\r": " "})
#: What ends a sentence or clause before the owner (two characters each).
_BREAKS = (". ", ".\n", "? ", "! ", ": ", ":\n", "; ")
#: An apostrophe the legacy way (``Regime,s``, ``don,t``) and the real way,
#: after two letters (each pattern is led by its mark, so it is searched for
#: fast, and looks behind for the letters).
_LEGACY_S = re.compile(r",(?<=[^\W\d_]{2},)[stST]\b")
_STRAIGHT_S = re.compile("'(?<=[^\\W\\d_]{2}')[stST]\\b")
_REPAIRED_S = re.compile("\u2019(?<=[^\\W\\d_]{2}\u2019)[stST]\\b")
#: How far either side of a candidate the same owner before a comma (or a
#: repaired ``’``) is counted (:func:`repeats`): about a page.
REPEAT_REACH = 3000
_LIST_WORDS = frozenset(("and", "or", "etc"))
#: How far back the start of the owner's line is looked for (characters).
LINE_REACH = 200

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


#: Adverbs that cannot head what a possessive owns when they end the phrase
#: after the comma (``praise from the donors, alike.``, ``with the
#: Americans, first.``, ``the Egyptians, today.``); before a noun they can
#: qualify one (``the inspectors’ first visit``), so only there.
ADVERBS: frozenset[str] = frozenset(
    "first last next alike earlier later together abroad respectively today tonight tomorrow yesterday ago "
    "overall anyway afterwards meanwhile".split()
)
_PHRASE_ENDS = frozenset(".,;:!?)")
_TIME_STARTS = frozenset(("last", "next", "this", "every"))


def is_candidate(text: str, i: int) -> bool:
    """Whether the comma at ``i`` is one the model decides: after a word of
    three letters or more in ``s`` that can be a plural (not ``its``,
    ``this``, ``various``: :data:`NOT_A_POSSESSOR`), before a blank or a line
    break and a word (:func:`word_after`), and not before a word that cannot follow a possessive
    (:data:`NEVER_POSSESSED`), an adverb that ends the phrase
    (:data:`ADVERBS`) or a time adverbial (``last week.``).

    >>> is_candidate("the Partners, interest", 12), is_candidate("and its, view", 7)
    (True, False)
    >>> is_candidate("the Russians, tend to", 12), is_candidate("the Russians, and", 12)
    (True, False)
    >>> is_candidate("with the Americans, first.", 18), is_candidate("the inspectors, first visit", 14)
    (False, True)
    >>> is_candidate("He met the ministers, last week.", 20), is_candidate("the ministers, last week in office", 13)
    (False, True)
    """
    if text[i - 1 : i] not in ("s", "S"):
        return False
    w = word_after(text, i)
    if w < 0:
        return False
    j = i - 1
    while j >= 0 and text[j].isalpha():
        j -= 1
    owner = text[j + 1 : i]
    if len(owner) < 3 or owner.lower() in NOT_A_POSSESSOR:
        return False
    e = w
    while text[e : e + 1].isalpha():
        e += 1
    word = text[w:e].lower()
    if word in NEVER_POSSESSED:
        return False
    if word in _TIME_STARTS and text[e : e + 1] == " ":
        f = e + 1
        while text[f : f + 1].isalpha():
            f += 1
        if text[e + 1 : f].lower() in lexicon.TIME_WORDS and text[f : f + 1] in _PHRASE_ENDS:
            return False  # "the ministers, last week.": a time adverbial
    return not (word in ADVERBS and text[e : e + 1] in _PHRASE_ENDS)


def word_after(text: str, i: int) -> int:
    """Where the word after the comma at ``i`` starts, when a blank or a
    line break stands between them (``Partners, interest``; a line wrapped
    after the comma: ``Partners,⏎interest``, ``Partners, ⏎ interest``; an
    opening quote before it: ``Fabius, &accountant8``), or
    -1 (``1,000``, ``Smith,)``, a blank line).

    >>> word_after("a Partners, interest", 10), word_after("Partners, \\n interest", 8), word_after("x,\\n\\ny", 1)
    (12, 12, -1)
    >>> word_after("Fabius, &accountant8 mentality", 6)
    9
    """
    k = i + 1
    c = text[k : k + 1]
    if c == " " or c == "\t":
        k += 1
        c = text[k : k + 1]
        if c.isalpha():
            return k  # (most candidates: one blank, then the word)
        while c == " " or c == "\t":
            k += 1
            c = text[k : k + 1]
    if c == "\r":
        k += 1
        c = text[k : k + 1]
    if c == "\n":
        k += 1
        c = text[k : k + 1]
        while c == " " or c == "\t":
            k += 1
            c = text[k : k + 1]
    elif k == i + 1:
        return -1  # nothing between: no candidate
    if c == "&" or c == "\u201c":  # an opening quote, legacy or repaired: ``Fabius, &accountant8 mentality``
        k += 1
        c = text[k : k + 1]
    return k if c.isalpha() else -1


def meeting_ahead(text: str, w: int) -> str:
    """In capitals, how many words from ``w`` (``1`` … ``4``) the first noun
    of what someone had (:data:`lexicon.MEETING_NOUNS`) stands — ``U/S
    HORMATS, MEETINGS WITH``, ``BURNS, JUNE 12 DINNER MEETING`` — before any
    word not in capitals, ``AND`` or ``OR``; else ``-``.

    >>> meeting_ahead("HORMATS, MEETINGS WITH", 9), meeting_ahead("VISITS, AND MEETINGS", 8)
    ('1', '-')
    """
    for k, word in enumerate(text[w : w + 60].split()[:4]):
        word = word.rstrip(":;.,")
        if word in lexicon.MEETING_NOUNS:
            return str(k + 1)
        if not (word.isupper() or word.replace("-", "").isdigit()) or word in ("AND", "OR"):
            return "-"
    return "-"


def governor(words: list[str]) -> str:
    """The nearest function word among the three words before the word
    before the owner (``words``: the clause up to the owner, lower-cased and
    read the legacy way; the word just before is a feature of its own), with
    how far back it stands: what governs the owner's phrase (``of the
    shipping lines,`` → ``the2``; ``aware of Dr. Powers,`` → ``of2``), or ``-``.

    >>> governor("of the shipping".split()), governor("aware of dr.".split()), governor("antonio carlos".split())
    ('the2', 'of2', '-')
    """
    for k in range(2, min(len(words), 4) + 1):
        low = words[-k].strip(".,;:()\"'&8")
        if low in lexicon.FUNCTION_WORDS:
            return low + str(k)
    return "-"


def _after_blank_line(text: str, lo: int, hi: int) -> int:
    """Where the text after the last blank line (blanks on it count as
    nothing) between ``lo`` and ``hi`` begins, or ``lo``.

    >>> _after_blank_line("a\\n \\nb c", 0, 6)
    4
    """
    k = hi
    while True:
        nl = text.rfind("\n", lo, k)
        if nl < 0:
            return lo
        before = text.rfind("\n", lo, nl)
        if before < 0:
            return lo
        if not text[before + 1 : nl].strip(" \t\r"):
            return nl + 1
        k = nl


def _shape(word: str) -> str:
    if not word:
        return "-"
    if word.islower():
        return "l"
    if word.isupper():
        return "U"
    return "C" if word[0].isupper() else "m"


class _Document:
    """What a text tells about all its candidates, read once per text."""

    __slots__ = ("text", "state", "legacy", "owners", "upper", "base", "best", "decided")

    def __init__(self, text: str, state: str, legacy: int, upper: bool) -> None:
        self.text = text
        self.state = state  # "legacy", "intact" or "none"
        self.legacy = legacy  # legacy apostrophes (``Regime,s``) and typographic ones
        self.owners: dict[str, int] = {}  # owner → commas after it near its first candidate
        self.upper = upper  # the whole text is in capitals
        # position → (raw score, parts, owner, passage) of every candidate, when read
        self.base: Optional[dict[int, tuple[float, list[tuple[float, str, str]], str, str]]] = None
        # owner → (best raw score, its passage, best raw score of another passage)
        self.best: Optional[dict[str, tuple[float, str, Optional[float]]]] = None
        self.decided: dict[int, Decision] = {}  # position → the decision, once made


class _Last(threading.local):
    """The last text each thread read (threads repairing other texts at once
    keep their own: a document's evidence is read in the order its scan asks)."""

    doc: Optional[_Document] = None


_last = _Last()


def document(text: str) -> _Document:
    """What the whole text tells about its commas, read once per text (the
    last text read in this thread is kept)."""
    doc = _last.doc
    if doc is not None and doc.text is text:
        return doc
    legacy = len(_LEGACY_S.findall(text))
    if not legacy:  # (most texts: one search tells)
        state = "intact" if _STRAIGHT_S.search(text) or _REPAIRED_S.search(text) else "none"
        curly = 0
    else:
        curly = len(_REPAIRED_S.findall(text))
        state = "legacy" if legacy >= curly + len(_STRAIGHT_S.findall(text)) else "intact"
    # (the apostrophes the repair may have made count with the legacy ones:
    # a second run reads the text as the first did)
    legacy += curly
    doc = _Document(text, state, legacy, _LOWER.search(text) is None)
    _last.doc = doc
    return doc


def repeats(doc: _Document, owner: str, i: int) -> int:
    """How often ``owner`` (as written) stands before ``,`` or ``’`` within
    :data:`REPEAT_REACH` of ``i``, this one included; counted once per owner
    and text (bounded: linear in the text).

    >>> t = "the Partners, view and the Partners, interest"
    >>> repeats(document(t), "Partners", 12)
    2
    """
    n = doc.owners.get(owner)
    if n is None:
        text = doc.text
        lo, hi = max(0, i - REPEAT_REACH), i + REPEAT_REACH
        n = text.count(owner + ",", lo, hi) + text.count(owner + APOSTROPHE, lo, hi)
        doc.owners[owner] = n
    return n


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n <= 3 else "4"


def features(text: str, i: int, classes: Optional[dict[str, str]] = None) -> list[tuple[str, str]]:
    """The context of the candidate comma at ``i`` as (slot, key) pairs
    (``classes``: the word classes, by default the shipped model's).

    >>> dict(features("He noted the Partners, interest in it.", 21))["next"]
    'interest'
    """
    doc = document(text)
    if classes is None:
        classes = load_model().classes
    j = i - 1
    while j >= 0 and text[j].isalpha():
        j -= 1
    owner = text[j + 1 : i]
    before = text[j : j + 1].translate(AS_LEGACY).translate(_BLANKS) if j >= 0 else ""
    # the word before the owner, or the mark that ends what comes before
    k = j
    while k >= 0 and text[k] in " \t\n\r":
        k -= 1
    e = k + 1
    while k >= 0 and text[k].isalpha():
        k -= 1
    prev = text[k + 1 : e] if e > k + 1 else (text[e - 1 : e].translate(AS_LEGACY) if e > 0 else "^")
    # the phrase after the comma: up to six words, across blanks, one line
    # break, ``-`` and ``/``
    w = word_after(text, i)
    m = _PHRASE.match(text, w) if w >= 0 else None
    phrase = m.group() if m else ""
    pwords = _WORD.findall(phrase)
    nxt = pwords[0] if pwords else ""
    after1 = w + len(nxt)
    stop = text[after1 : after1 + 1].translate(AS_LEGACY).translate(_BLANKS)
    if len(pwords) > 1:
        second = pwords[1]
        at = phrase.find(second, len(nxt)) + len(second) + w
        stop2 = text[at : at + 1].translate(AS_LEGACY).translate(_BLANKS)
    else:
        g = _GAP.match(text, after1).end() if stop == " " else after1
        mark = text[g : g + 1].translate(AS_LEGACY)
        second = "<" + (mark if mark and not mark.isalnum() else "#") + ">"
        stop2 = ""
    # the sentence before the owner
    lo = max(0, j + 1 - SENTENCE_REACH)
    start = -1
    for b in _BREAKS:
        k = text.rfind(b, lo, j + 1)
        if k > start:
            start = k
    start += 2
    if start < lo + 2:
        start = lo
    start = max(start, _after_blank_line(text, start, j + 1))
    clause = text[start : j + 1].translate(AS_LEGACY)  # (a repaired ’ is read as the comma it was)
    lows = clause.lower().split()
    first = lows[0].strip("(\"'&") if lows else "^"
    commas = clause.count(",")
    # whether the clause has its verb before the owner: a word of
    # :data:`lexicon.VERBS` or in ``-ed`` (``In the past two years, decision``
    # has none: an introductory phrase the comma may end)
    verb = "-"
    for low in lows[:-1]:
        low = low.strip(".,;:()\"'&8")
        if low in lexicon.VERBS:
            verb = "aux"
            break
        if len(low) > 4 and low.endswith("ed"):
            verb = "ed"
    # the owner starts its line (after a list marker): a heading or a list
    lo = max(0, j + 1 - LINE_REACH)
    line = text.rfind("\n", lo, j + 1)
    line_start = (line >= 0 or lo == 0) and not text[line + 1 : j + 1].translate(AS_LEGACY).strip(" \t-*.()0123456789")
    # a list goes on when and/or comes within five words before any other
    # mark, or another comma within three
    count = len(pwords)
    if any(w.lower() in _LIST_WORDS for w in pwords[:5]):
        listing = "and"
    elif count <= 5:
        mark = text[w + len(phrase) : w + len(phrase) + 1]
        listing = ("comma" if mark in (",", APOSTROPHE) else "stop") + (str(count) if count <= 3 else "+")
    else:
        listing = "-"
    upper = doc.upper or _LOWER.search(text, max(0, i - 120), i + 120) is None
    lower_owner = owner.lower()
    shapes = _shape(owner) + _shape(nxt) + ("U" if upper else "m")
    stop_kind = stop if stop in (".", ",", ";", ":", "", " ") else "o"
    after_tags = tag(nxt, classes) + tag(second, classes)
    return [
        ("next_stop", nxt.lower() + "|" + stop_kind),
        ("next_second", nxt.lower() + "|" + second.lower()),
        ("ends", lower_owner[-3:] + "|" + nxt.lower()[-3:]),
        ("prev_next", prev.lower() + "|" + nxt.lower()),
        ("prev_shape", prev.lower() + "|" + shapes),
        ("first_commas", (first if first.isalpha() else "<>") + "|" + _bucket(commas) + "|" + _bucket(len(lows))),
        ("clause_words", _bucket(len(lows)) + "|" + shapes),
        ("owner", lower_owner),
        ("owner_end", lower_owner[-4:]),
        ("prev", prev.lower()),
        ("next", nxt.lower()),
        ("next_end", nxt.lower()[-3:]),
        ("second", second.lower()),
        ("stops", stop + "|" + stop2),
        ("case", shapes + ("^" if prev in (".", "^", ":") else "")),
        ("before", before if not before.isalnum() else "#"),
        ("first", first if first.isalpha() else "<" + first[:1] + ">"),
        ("commas", _bucket(commas)),
        ("list", listing),
        ("doc", ("legacy" if doc.state == "legacy" else "none") + _bucket(doc.legacy)),
        ("repeats", _bucket(repeats(doc, owner, i) - 1)),
        ("wrap", ("nl" if "\n" in text[i + 1 : w] else "-") + ("q" if text[w - 1] in ("&", "\u201c") else "")),
        ("verb", (first if first.isalpha() else "<>") + "|" + verb),
        ("line_start", "yes" if line_start else "no"),
        ("governs", governor(lows)),
        ("meeting", meeting_ahead(text, w) if owner.isupper() else "-"),
        ("pair", lower_owner + "|" + nxt.lower()),
        ("tags", tag(prev, classes) + tag(owner, classes) + "|" + after_tags),
        ("intro", (first if first in lexicon.INTRODUCTORY or first in lexicon.SUBORDINATORS else "-") + "|" + verb
         + "|" + after_tags),
    ]


class Trees(NamedTuple):
    """The second stage: gradient-boosted trees over what the first read,
    so that one cue may weigh differently beside another (``views`` after
    an introductory phrase).  Their inputs (:func:`tree_inputs`): the raw
    score, the part of each slot of ``inputs``, and the best raw score of the
    same owner in another passage (:data:`NO_OTHER` when none).  Each tree
    is five lists, one entry per node: the input it splits on (-1 at a
    leaf; ``<=`` the threshold goes left), the threshold, the left and right
    child, the leaf's value.  ``calibration``: Platt's ``a * score + b`` of
    their summed score; ``gate``: the first stage's probability below which
    they are not asked."""

    inputs: tuple[str, ...]
    base: float
    trees: tuple[tuple[list[int], list[float], list[int], list[int], list[float]], ...]
    calibration: tuple[float, float]
    gate: float


#: The trees' input for "no other passage with this owner".
NO_OTHER = -30.0


class Model(NamedTuple):
    """The shipped model: a bias and a weight per (slot, key) (the raw
    score of one candidate); the Platt calibration of that score
    (``a * score + b``: the probability where the trees are not asked);
    the trees (:class:`Trees`, or ``None``: the first stage alone); and the
    threshold the training chose."""

    bias: float
    weights: dict[str, dict[str, float]]
    calibration: tuple[float, float]
    trees: Optional[Trees]
    threshold: float
    info: dict[str, Any]
    classes: dict[str, str]  # word → its class buckets, one digit per class
    class_weights: dict[str, list[dict[str, float]]]  # slot → per class: bucket → weight
    memo: dict[tuple[str, str], float]  # (slot, word) → weight from its classes, when first needed


_model: list[Optional[Model]] = [None]


def load_model() -> Model:
    """The model in ``cablefix/data/possessive_model.json``, read once (or
    the one :func:`use_model` set)."""
    if _model[0] is None:
        _model[0] = read_model(resources.files("cablefix").joinpath("data/possessive_model.json").read_text("utf-8"))
    return _model[0]


def read_model(text: str) -> Model:
    """A model from the JSON ``tools/train_possessive.py`` writes."""
    raw = json.loads(text)
    if "stack" in raw:
        raise ValueError("the model is from an older trainer (a document stage, no trees): retrain it")
    if any(UNKNOWN not in raw["weights"].get(slot, {UNKNOWN: 0}) for slot in WORD_SLOTS):
        raise ValueError(f"the model is from an older trainer (no {UNKNOWN} weight for unknown words): retrain it")
    names = raw["class_names"]
    if tuple(names) != CLASS_NAMES:
        raise ValueError(f"the model's word classes {names} are not {list(CLASS_NAMES)}")
    class_weights = {
        slot: [{d: table.get(f"{c}={d}", 0.0) for d in "0123456?"} for c in names]
        for slot, table in raw["class_weights"].items()
    }
    stage = raw.get("trees")
    trees = None
    if stage is not None:
        trees = Trees(tuple(stage["inputs"]), stage["base"], tuple(tuple(t) for t in stage["trees"]),
                      tuple(stage["calibration"]), stage["gate"])
    return Model(
        raw["bias"], raw["weights"], tuple(raw["calibration"]), trees, raw["threshold"],
        raw.get("info", {}), raw["classes"], class_weights, {},
    )


def use_model(path: Optional[str] = None) -> Model:
    """Decide with the model in the JSON file ``path`` (one retrained by
    ``tools/train_possessive.py --out``), or again with the shipped one
    (``None``)."""
    _model[0] = None if path is None else read_model(open(path, encoding="utf-8").read())
    _last.doc = None  # (the scores read with the other model; other threads' are theirs)
    return load_model()


def score(model: Model, feats: list[tuple[str, str]]) -> tuple[float, list[tuple[float, str, str]]]:
    """The raw score (log-odds before calibration) and each feature's part:
    (weight, slot, key)."""
    total = model.bias
    parts = []
    weights = model.weights
    for slot, key in feats:
        table = weights.get(slot)
        if table is None:
            continue
        w = table.get(key)
        if w is None:
            w = from_classes(model, slot, key) if slot in WORD_SLOTS else 0.0  # (a key never trained on)
        total += w
        parts.append((w, slot, key))
    return total, parts


def from_classes(model: Model, slot: str, word: str) -> float:
    """The weight of a word outside the slot's vocabulary: that of its
    corpus-learned classes (each bucket's weight, summed), or the slot's
    weight for an unknown word.  Remembered per slot and word (at most the
    class table's size)."""
    digits = model.classes.get(word)
    if digits is None:
        return model.weights[slot].get(UNKNOWN, 0.0)
    w = model.memo.get((slot, word))
    if w is None:
        w = sum(table[d] for table, d in zip(model.class_weights[slot], digits))
        model.memo[(slot, word)] = w
    return w


def _sigmoid(z: float) -> float:
    """The logistic function (0 far below: no overflow)."""
    return 0.0 if z < -30 else 1.0 / (1.0 + math.exp(-z))


def tree_inputs(trees: Trees, raw: float, parts: list[tuple[float, str, str]], other: Optional[float]) -> list[float]:
    """The trees' inputs: the raw score, each input slot's part of it (0 for
    a slot the candidate lacks), the same owner's best raw score in another
    passage (:data:`NO_OTHER`: none).

    >>> trees = Trees(("next", "owner"), 0.0, (), (1.0, 0.0), 0.2)
    >>> tree_inputs(trees, 1.5, [(2.0, "next", "interest"), (-0.5, "case", "Clm")], None)
    [1.5, 2.0, 0.0, -30.0]
    """
    by_slot: dict[str, float] = {}
    for w, slot, _ in parts:
        by_slot[slot] = by_slot.get(slot, 0.0) + w
    return [raw] + [by_slot.get(slot, 0.0) for slot in trees.inputs] + [NO_OTHER if other is None else other]


def tree_probability(trees: Trees, x: list[float]) -> float:
    """The calibrated probability the trees give for the inputs ``x``.

    >>> one = ([0, -1, -1], [0.5, 0.0, 0.0], [1, 0, 0], [2, 0, 0], [0.0, -2.0, 2.0])  # x[0] <= 0.5: -2, else 2
    >>> trees = Trees((), 0.0, (one,), (1.0, 0.0), 0.2)
    >>> round(tree_probability(trees, [0.0]), 3), round(tree_probability(trees, [1.0]), 3)
    (0.119, 0.881)
    """
    z = trees.base
    for feature, threshold, left, right, value in trees.trees:
        n = 0
        f = feature[0]
        while f >= 0:
            n = left[n] if x[f] <= threshold[n] else right[n]
            f = feature[n]
        z += value[n]
    a, b = trees.calibration
    return _sigmoid(a * z + b)


def owner_and_passage(text: str, i: int) -> tuple[str, str]:
    """The owner before the comma at ``i`` (lowercased) and the passage
    around it, as legacy text with single blanks: two candidates with the
    same passage are one passage the text repeats, not two pieces of
    evidence.

    >>> owner_and_passage("the Partners’  interest", 12)
    ('partners', 'the Partners, interest')
    """
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    passage = " ".join(text[max(0, i - PASSAGE) : i + PASSAGE].translate(AS_LEGACY).split())
    return text[j:i].lower(), passage


#: A comma (or a ``’`` the repair made) after an ``s``, before a blank or a
#: line break: where :func:`is_candidate` may say yes.
_MARK_AFTER_S = re.compile("[,\u2019](?<=[sS][,\u2019])(?=[ \t\r\n])")

#: Characters either side of a candidate that make its passage.
PASSAGE = 40


def base_scores(doc: _Document, model: Model) -> dict[int, tuple[float, list[tuple[float, str, str]], str, str]]:
    """Every candidate of the text (a comma, or a ``’`` the repair made, so
    that a second run reads the same evidence) with its raw score, parts,
    owner and passage: read once per text."""
    if doc.base is None:
        text = doc.text
        base = {}
        for m in _MARK_AFTER_S.finditer(text):
            k = m.start()
            if is_candidate(text, k):
                raw, parts = score(model, features(text, k, model.classes))
                base[k] = (raw, parts) + owner_and_passage(text, k)
        doc.base = base
    return doc.base


def best_elsewhere(doc: _Document, i: int) -> Optional[float]:
    """The best raw score among the candidates with the owner of ``i`` and
    another passage (:func:`owner_and_passage`), or ``None``.  Per owner the
    best score and the best from another passage than that one are kept, so
    each question is answered in constant time.

    >>> t = "The Regime,s aims. He met the Partners, chair. The Partners, interest in it grew."
    >>> doc = document(t); base = base_scores(doc, load_model())
    >>> sorted(base)
    [38, 59]
    >>> best_elsewhere(doc, 38) == base[59][0], best_elsewhere(doc, 59) == base[38][0]
    (True, True)
    """
    assert doc.base is not None
    if doc.best is None:
        best: dict[str, tuple[float, str, Optional[float]]] = {}
        for raw, _, owner, passage in doc.base.values():
            top = best.get(owner)
            if top is None:
                best[owner] = (raw, passage, None)
            elif raw > top[0]:
                second = top[0] if top[1] != passage else top[2]
                best[owner] = (raw, passage, second)
            elif passage != top[1] and (top[2] is None or raw > top[2]):
                best[owner] = (top[0], top[1], raw)
        doc.best = best
    _, _, owner, passage = doc.base[i]
    raw_a, passage_a, raw_b = doc.best[owner]
    if passage != passage_a:
        return raw_a
    return raw_b


class Decision(NamedTuple):
    """How sure the model is that the comma was ``’``, and why."""

    confidence: float
    why: tuple[str, ...]


def decide(text: str, i: int) -> Optional[Decision]:
    """The model's decision about the candidate comma at ``i``, or ``None``
    when it is no candidate (:func:`is_candidate`) or the text's apostrophes
    are intact (``Russia's``, no ``Regime,s``: there a comma before a blank is
    what was typed, and the model is not asked).  The confidence is the
    calibrated probability that the comma was ``’`` (three places), from the
    first stage or, where it gives at least the trees' gate, the trees;
    ``why`` names the three features that weighed most in the first stage,
    with their signed weights, and what the trees made of its probability.

    >>> d = decide("The Regime,s view. He welcomed the Partners, interest in it.", 43)
    >>> d.confidence >= load_model().threshold, d.why[0].startswith("next=interest +")
    (True, True)
    >>> d = decide("The Regime,s view. The Russians, tend to view it so.", 31)
    >>> d.confidence < load_model().threshold
    True
    """
    doc = document(text)
    if doc.state == "intact":
        return None
    model = load_model()
    entry = base_scores(doc, model).get(i)  # (every candidate of the text, read once)
    if entry is None:
        return None
    made = doc.decided.get(i)
    if made is not None:
        return made
    raw, parts = entry[:2]
    a, b = model.calibration
    p = _sigmoid(a * raw + b)
    top = sorted(parts, key=_weight_size, reverse=True)[:3]
    why = tuple(f"{slot}={key} {w:+.1f}" for w, slot, key in top)
    trees = model.trees
    if trees is not None and p >= trees.gate:
        other = best_elsewhere(doc, i)
        read = tree_probability(trees, tree_inputs(trees, raw, parts, other))
        why += (f"read together {p:.2f} → {read:.2f}" + (" (same owner elsewhere)" if other is not None else ""),)
        p = read
    made = doc.decided[i] = Decision(round(p, 3), why)
    return made


def _weight_size(part: tuple[float, str, str]) -> float:
    return abs(part[0])


