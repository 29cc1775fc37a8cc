"""What the repair decides and how an edit is made: :class:`Edit` (one
decision), :class:`RepairConfig` (how sure a rule must be), and
:func:`splice` (the edits made), which ``clean`` uses too.
"""

from __future__ import annotations

import gc
import numbers
import threading
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, NamedTuple, Optional

APOSTROPHE = "\u2019"
OPEN_QUOTE = "\u201c"
CLOSE_QUOTE = "\u201d"
EM_DASH = "\u2014"

#: What each typographic character became in the legacy conversion.
LEGACY = {APOSTROPHE: ",", OPEN_QUOTE: "&", CLOSE_QUOTE: "8", EM_DASH: ")"}

#: A text read as the legacy conversion left it (``str.translate``): a rule
#: that reads a repaired ``’ ” “ —`` as the ``, 8 & )`` it was decides on a
#: second run as it did on the first.
AS_LEGACY = str.maketrans(LEGACY)


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
    repair more of them (``0.92``: on held-out cables 52.0% of them against
    42.3%, 97.6% of those repairs right against 98.2%).

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

    >>> from cablefix import explain
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



def edit_at(i: int, before: str, after: str, rule: str, conf: float, config: RepairConfig) -> Edit:
    """The edit of the one character at ``i``, applied if ``conf`` reaches
    ``config.min_confidence``.

    >>> edit_at(3, "8", "\u201d", "quote_pair", 0.99, DEFAULT_CONFIG).applied
    True
    """
    return Edit(i, i + 1, before, after, rule, conf, conf >= config.min_confidence)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large list of edits is
    built, and restore it after (as :mod:`timeit` does).

    Edits hold only strings and numbers, so they form no cycles; but CPython
    walks every tracked object again each time their number grows by a
    quarter, which for a million edits is more than half the time.  Pauses
    in several threads at once share one pause: the collector is on again
    when the last ends, if it was on when the first began.
    """
    with _PAUSES_LOCK:  # (threads pause and resume it together: the last one out restores it)
        if not _pauses[0]:
            _pauses[1] = gc.isenabled()
            gc.disable()
        _pauses[0] += 1
    try:
        yield
    finally:
        with _PAUSES_LOCK:
            _pauses[0] -= 1
            if not _pauses[0] and _pauses[1]:
                gc.enable()


_PAUSES_LOCK = threading.Lock()
#: How many pauses are running, in all threads, and whether the collector
#: was on when the first of them began.
_pauses: list[Any] = [0, False]



def splice(text: str, replacements: Iterable[Any]) -> str:
    """``text`` with each replacement (anything with ``start``, ``end`` and
    ``after``; sorted, non-overlapping) made.  Used for edits and changes.

    >>> from cablefix import explain
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

    >>> from cablefix import explain
    >>> apply_edits("don,t", explain("don,t"))
    'don’t'
    """
    return splice(text, (e for e in edits if e.applied))

