"""Split a record that runs on into other cables.

In the legacy archive a cable can stop mid-paragraph and the tail of another
cable's routing header and its body follow (the seed: the MTCR cable stops
at ``the Partners took the following decision:`` and ``-- RUEHTV/AMEMBASSY
TEL AVIV PRIORITY 0596 … S E C R E T SEOUL 000055 …`` follows).

A new cable is recognised by its classification line with a station and
serial that differ from the cable in progress (``SECTION 02 OF 03 ANKARA
007215`` of the same cable is no new cable), backed by a second sign: routing
entries before it (``RUEHTV/…``, ``FM``, ``TO``, ``INFO``, a date-time group)
or the opening of a body after it (``SIPDIS``, ``E.O. 12958:``, ``TAGS``,
``SUBJECT``).  A ``cables.csv`` row (``136637 1/8/2008 20:42 08STATE2034``)
after body text is a new record by itself.  The segment starts where the
header tail begins: the walk back from the classification line over routing
tokens stops at the last word of the previous cable's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .parse import Cable, parse
from .decode import require_str
from .structure import (
    BODY_OPENING,
    DATE_LINE,
    ROUTING_INDICATOR,
    cable_key,
    classification_lines,
    csv_rows,
)

#: How far after a classification line the opening of a body may start.
BODY_OPENING_REACH = 400

#: How much prose must precede a cable's first classification line for it to
#: start a second cable (the first cable lost its own classification line).
LEADING_PROSE = 300

#: Tokens of a routing header that prove one is there.
_ROUTING_WORDS = frozenset(
    "FM TO INFO AMEMBASSY AMCONSUL SECSTATE USMISSION PRIORITY IMMEDIATE ROUTINE "
    "WASHDC COLLECTIVE ZEN ZFR BT".split()
)
_SENTENCE_END = (".", ":", ";", "?", "!", '"', "\u201d")
_LOWER = re.compile(r"[a-z]")


@dataclass(frozen=True)
class Segment:
    """One cable's stretch of a record.

    ``start``/``end`` are offsets into the input, ``text`` is
    ``input[start:end]`` and ``cable`` the fields parsed from it.
    """

    start: int
    end: int
    text: str
    cable: Cable


def _is_header_token(token: str) -> bool:
    """Whether a token can belong to a routing header: no lowercase letter,
    no sentence punctuation at its end (``RUEHTV/AMEMBASSY``, ``0596``)."""
    return bool(token) and token != "--" and not _LOWER.search(token) and not token.endswith(_SENTENCE_END)


def header_tail_start(text: str, pos: int, floor: int) -> tuple[int, int]:
    """Where the routing header tail before ``pos`` begins, and how many
    routing signs it holds.  Never looks before ``floor``.

    >>> text = "the following decision: -- RUEHTV/AMEMBASSY TEL AVIV PRIORITY 0596 S E C R E T"
    >>> start, signs = header_tail_start(text, text.index("S E C"), 0)
    >>> text[start:start + 6], signs
    ('RUEHTV', 2)
    """
    i = pos
    while i > floor and not text[i - 1].isspace():
        i -= 1  # the line starts inside a token: "SS E C R E T"
    j = i
    while j > floor and text[j - 1].isspace():
        j -= 1
    date = DATE_LINE.search(text, max(floor, j - 40), j)
    if date:
        i = date.start()
    signs = 0
    while True:
        j = i
        while j > floor and text[j - 1].isspace():
            j -= 1
        k = j
        while k > floor and not text[k - 1].isspace():
            k -= 1
        token = text[k:j]
        if k == j or not _is_header_token(token):
            return i, signs
        if token in _ROUTING_WORDS or ROUTING_INDICATOR.match(token):
            signs += 1
        i = k


def _leading_prose(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` reads like the body of another cable."""
    chunk = text[max(start, end - 5 * LEADING_PROSE) : end]
    return len(chunk.strip()) >= LEADING_PROSE and chunk.count(". ") >= 2 and bool(_LOWER.search(chunk))


def boundaries(text: str) -> list[int]:
    """Offsets where a new cable starts (after the first), in order.

    >>> seed = "the following decision: -- RUEHTV/AMEMBASSY TEL AVIV PRIORITY 0596 S E C R E T SEOUL 000055 SIPDIS"
    >>> boundaries("C O N F I D E N T I A L STATE 002034 ... " + seed)
    [68]
    """
    found: list[int] = []
    events = sorted(
        [(m.start(), 0, m) for m in csv_rows(text)] + [(m.start(), 1, m) for m in classification_lines(text)],
        key=lambda e: (e[0], e[1]),
    )
    current: Optional[tuple[str, int]] = None
    floor = 0  # the walk back never crosses the previous cable's opening
    last_start = 0
    for pos, kind, m in events:
        if kind == 0:  # a cables.csv row
            if pos > last_start and _leading_prose(text, last_start, pos):
                found.append(pos)
                last_start = pos
                current = None
        else:
            key = cable_key(m)
            if key != current:  # not a section of the cable in progress
                start, signs = header_tail_start(text, pos, floor)
                opening = BODY_OPENING.search(text, m.end(), m.end() + BODY_OPENING_REACH) is not None
                if current is None:
                    is_new = start > last_start and _leading_prose(text, last_start, start) and (signs or opening)
                else:
                    is_new = signs > 0 or opening
                if is_new:
                    found.append(start)
                    last_start = start
                current = key
        floor = m.end()
    return found


def split(text: str) -> list[Segment]:
    """The cables in ``text``, in order; together they are exactly ``text``.

    A single cable gives one segment.  Works on raw legacy text, repaired
    text and the ``cables.csv`` row form.

    A segment without a date of its own takes the year of the one before
    (the seed's Seoul cable is ``08SEOUL55``, after the 2008 MTCR cable).

    >>> [s.cable.classification for s in split("S E C R E T SEOUL 000055 SUBJECT: X")]
    ['SECRET']
    """
    require_str(text, "split")
    cuts = [0] + boundaries(text) + [len(text)]
    segments: list[Segment] = []
    year: Optional[int] = None
    for a, b in zip(cuts, cuts[1:]):
        cable = parse(text[a:b], year=year)
        year = cable.year
        segments.append(Segment(a, b, text[a:b], cable))
    return segments
