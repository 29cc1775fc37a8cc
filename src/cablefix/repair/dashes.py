"""Dashes: ``)`` for ``—``.  A ``)`` that closes no ``(`` (:func:`em_dash`),
one inside a parenthesis that a later ``word)`` closes
(:func:`dash_in_parentheses`), and runs of them decided together.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from ..detect import blank_runs, char_at, token_before
from .edits import EM_DASH, Edit, RepairConfig, edit_at


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
        yield edit_at(i, ")", EM_DASH, "em_dash", conf, config)
