"""Patterns of cable structure that both the splitter and the parser read.

Every pattern here is anchored on literal text and bounded in what it
repeats, so matching it at every position of a text stays linear.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple, Optional

_SPACED = {
    "CONFIDENTIAL": "C O N F I D E N T I A L",
    "SECRET": "S E C R E T",
    "UNCLASSIFIED": "U N C L A S S I F I E D",
}


def _spaced_any_case(word: str) -> str:
    """``S [Ee] [Cc] …``: the first letter stays a capital (``S e c r e t``)."""
    return " ".join([word[0]] + [f"[{c}{c.lower()}]" for c in word[1:]])


def _loosely_spaced(word: str) -> str:
    return " ?".join(word)


def _first_letter_lost(word: str) -> str:
    """``E C R E T``: a body cut one character late, in capitals (its twin,
    ``SS E C R E T``, a character early, is a token the line starts inside)."""
    return " ".join(word[1:])


#: A level whose first letter the cut lost, and the level it is.
_BEHEADED = {w[1:]: w for w in _SPACED}


#: The classification line that opens a cable's body:
#: ``C O N F I D E N T I A L SECTION 01 OF 03 ANKARA 007215``,
#: ``S E C R E T SEOUL 000055``, ``UNCLAS STATE 123456``,
#: ``S e c r e t state 068250`` (a mirror that lowercased it), ``E C R E T
#: SANAA 000473`` (a body cut a character late), ``UNCLAS E F T O LONDON
#: 002239`` (the old marking "encrypt for transmission only").
#: Groups: ``level``, ``caveat`` (``//NOFORN``), ``section``, ``of``,
#: ``station``, ``serial``.  Use :func:`classification_lines`, which also
#: checks what stands before (a pattern that starts with a lookbehind cannot
#: be searched for fast).
CLASSIFICATION_LINE = re.compile(
    r"(?P<level>"
    + "|".join(_spaced_any_case(w) for w in _SPACED)
    + "|"
    + "|".join(_loosely_spaced(w) for w in _SPACED)
    + "|"
    + "|".join(_first_letter_lost(w) for w in _SPACED)
    + r"|UNCLAS|LIMITED OFFICIAL USE)"
    r"(?:[ \t]+E[ \t]?F[ \t]?T[ \t]?O(?=[ \t]))?"  # "UNCLAS E F T O LONDON 002239": encrypt for transmission only
    r"(?P<caveat>[ \t]*//?[ \t]*[A-Z][A-Z/ ]{0,30}?(?=[ \t]))?"
    r"[ \t]+(?:(?i:SECTION)[ \t]+(?P<section>\d{1,2})[ \t]+(?i:OF)[ \t]+(?P<of>\d{1,2})[ \t]+)?"
    r"(?P<station>[A-Za-z][A-Za-z.-]{0,20}(?:[ \t][A-Za-z][A-Za-z.-]{0,20}){0,3})"
    r"[ \t]+(?P<serial>\d{1,7})(?:(?![0-9A-Za-z])|(?=SIPDIS))"  # "LIMA 003571SIPDIS": line breaks lost
)

#: A row of the WikiLeaks ``cables.csv`` flattened into text, as the seed has
#: it: ``136637 1/8/2008 20:42 08STATE2034 Secretary of State CONFIDENTIAL``.
CSV_ROW = re.compile(
    r"(?P<record_id>\d{1,6})[ \t]+(?P<date>\d{1,2}/\d{1,2}/\d{4}[ \t]+\d{1,2}:\d{2})[ \t]+"
    r"(?P<reference_id>\d{2}[A-Z][A-Z-]{1,20}\d{1,7})(?![\w])"
)

#: The first fields of a ``cables.csv`` record as mirrors wrote them before a
#: header, up to the origin: ``96338⇥2007-02-13 06:01:00⇥07TASHKENT237⇥Embassy
#: Tashkent``, ``136637 1/8/2008 20:42 08STATE2034 Secretary of State``,
#: ``09STATE49854,Secretary of State,``.  Groups: ``reference_id``, ``origin``.
ROW_LEAD = re.compile(
    r'(?:\d{1,6}"?[ \t,]+"?)?'
    r'(?:(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})[ \t]+\d{1,2}:\d{2}(?::\d{2})?"?[ \t,]+"?)?'
    r'(?P<reference_id>\d{2}[A-Z][A-Z-]{1,20}\d{1,7})"?[ \t,]+"?'
    r"(?P<origin>[A-Z][A-Za-z.'-]*(?:,?[ ][A-Za-z][A-Za-z.'-]*){0,5})"
)

#: A routing indicator with its addressee: ``RUEHTV/AMEMBASSY TEL AVIV``.
ROUTING_INDICATOR = re.compile(r"R(?<![A-Z0-9]R)[A-Z]{3,6}/")  # the literal first: searched fast

#: A date-time group: ``R 082042Z JAN 08``, ``P 131914Z DEC 89``, ``O R 1212Z``.
DATE_TIME_GROUP = re.compile(
    r"(?<![A-Za-z0-9])(?P<precedence>(?:[ZOPR][ \t]){1,2})?(?P<dtg>\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2,4})(?![0-9])"
)

#: The line some mirrors put before a body: ``Tuesday, 20 January 2004, 09:44``
#: (searched for at the end of a window, so anchored with ``$``).
DATE_LINE = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2}[ \t]*$"
)

#: What follows a classification line in a cable's first lines.
BODY_OPENING = re.compile(
    r"(?i)\b(?:SIPDIS|SIPNET|NOFORN|E\.? ?O\.?[ \t]*1[23]\d{3}|TAGS?\b|SUBJ(?:ECT)?\b|CLASSIFIED BY|REF(?:S|\(S\))?:)"
)


class ClassificationLine(NamedTuple):
    """The parts of a classification line.

    >>> m = CLASSIFICATION_LINE.search("S E C R E T SECTION 01 OF 02 SEOUL 000055")
    >>> classification_line(m)
    ClassificationLine(level='SECRET', caveat='', section=1, of=2, station='SEOUL', serial=55)
    >>> classification_line(CLASSIFICATION_LINE.search("E C R E T SANAA 000473")).level
    'SECRET'
    """

    level: str
    caveat: str
    section: Optional[int]
    of: Optional[int]
    station: str
    serial: int


def classification_line(match: "re.Match[str]") -> ClassificationLine:
    """The parts of a :data:`CLASSIFICATION_LINE` match, normalised."""
    level = match["level"].replace(" ", "").upper()
    level = _BEHEADED.get(level, level)
    if level == "UNCLAS":
        level = "UNCLASSIFIED"
    elif level == "LIMITEDOFFICIALUSE":
        level = "LIMITED OFFICIAL USE"
    caveat = _BLANKS.sub("", match["caveat"] or "").upper()
    section = int(match["section"]) if match["section"] else None
    of = int(match["of"]) if match["of"] else None
    station, serial = cable_key(match)
    return ClassificationLine(level, caveat, section, of, station, serial)


def cable_key(match: "re.Match[str]") -> tuple[str, int]:
    """The station and serial of a :data:`CLASSIFICATION_LINE` match: what
    the sections of one cable share.

    >>> cable_key(CLASSIFICATION_LINE.search("S E C R E T SECTION 01 OF 02 SEOUL 000055"))
    ('SEOUL', 55)
    """
    return " ".join(match["station"].upper().split()), int(match["serial"])


_BLANKS = re.compile(r"[ \t]+")


def classification_lines(text: str, pos: int = 0, endpos: Optional[int] = None) -> "Iterator[re.Match[str]]":
    """:data:`CLASSIFICATION_LINE` matches that do not start inside a word.

    >>> [m["station"] for m in classification_lines("xSECRET A 1 S E C R E T SEOUL 000055")]
    ['SEOUL']
    >>> [m["station"] for m in classification_lines("CONFIDENTIAL PAGE 01 CAPE T 00097 01 OF 03")]
    []
    >>> [m["station"] for m in classification_lines("UNCLASSIFIED LIMITED OFFICIAL USE SECTION 01 OF 09 ZAGREB  02038")]
    ['ZAGREB']
    """
    end = len(text) if endpos is None else endpos
    m = CLASSIFICATION_LINE.search(text, pos, end)
    while m is not None:
        before = text[m.start() - 1] if m.start() else " "
        if _SECTION_WORD.search(m["station"]):
            # "UNCLASSIFIED LIMITED OFFICIAL USE SECTION 01 OF 09 ZAGREB 02038" read as the
            # level UNCLAS... and the station "LIMITED OFFICIAL USE SECTION": look again inside it
            m = CLASSIFICATION_LINE.search(text, m.start() + 1, end)
            continue
        # a digit may stand before a spaced level, glued to it by a lost line break
        # ("… VAIHINGEN GE 167579C O N F I D E N T I A L LONDON 002197")
        glued = before.isdigit() and " " not in m["level"]
        if not (before.islower() or glued or m["station"][:4].upper() == "PAGE"):
            yield m  # (not an old telegram's page line: "CONFIDENTIAL PAGE 01 CAPE T 00097 01 OF 03")
        m = CLASSIFICATION_LINE.search(text, m.end(), end)


#: A station holds no word ``SECTION``: the line's own section number stands there.
_SECTION_WORD = re.compile(r"(?i)(?<![A-Za-z])SECTION(?![A-Za-z])")


def csv_rows(text: str, pos: int = 0, endpos: Optional[int] = None) -> "Iterator[re.Match[str]]":
    """:data:`CSV_ROW` matches that do not start inside a number or a path.

    >>> [m["reference_id"] for m in csv_rows("x 136637 1/8/2008 20:42 08STATE2034 Secretary")]
    ['08STATE2034']
    """
    end = len(text) if endpos is None else endpos
    last = pos
    for hit in _CSV_DATE.finditer(text, pos, end):  # "/8/2008 ": a literal to look for first
        m = CSV_ROW.search(text, max(last, hit.start() - 24), min(end, hit.end() + 40))
        if m is None or m.start() > hit.start():
            continue
        before = text[m.start() - 1] if m.start() else " "
        if not (before.isalnum() or before in "_/"):
            last = m.end()
            yield m


_CSV_DATE = re.compile(r"/\d{1,2}/\d{4}[ \t]")
