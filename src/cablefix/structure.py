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
    r"(?:[ \t]+N[ \t]O[ \t]F[ \t]O[ \t]R[ \t]N(?=[ \t]))?"  # "S E C R E T N O F O R N MOGADISHU 01643"
    r"(?P<caveat>[ \t]*//?[ \t]*[A-Z][A-Z/ ]{0,30}?(?=[ \t]))?"
    r"[ \t]+(?:(?i:SECTION)[ \t]+(?P<section>\d{1,2})[ \t]+(?i:OF)[ \t]+(?P<of>\d{1,2})[ \t]+)?"
    r"(?P<station>[A-Za-z][A-Za-z.-]{0,20}(?:[ \t][A-Za-z][A-Za-z.-]{0,20}){0,3})"
    r"[ \t]+(?P<serial>\d{1,7})(?![0-9a-z])"  # (a capital after it: see classification_lines)
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
_SEP = r'"?(?:[ \t,]+|[ \t]*\n)"?'  # (or one field a line: "12/16/2009 14:15⏎09NAIROBI2497⏎Embassy Nairobi")
ROW_LEAD = re.compile(
    rf"(?<![\w:./-])(?:\d{{1,6}}{_SEP})?"  # (no number inside a time: "11:16")
    rf"(?:(?:\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"[ \t]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?{_SEP})?"
    # (not "051506ZJUN2008"; a damaged export spaced it: "10 BUENOSAIRES 91,")
    rf"(?<![0-9A-Za-z])(?P<reference_id>\d{{2}}[ ]?[A-Z][A-Z-]{{1,20}}[ ]?\d{{1,7}}){_SEP}"
    r"(?P<origin>[A-Z][A-Za-z'-]{2,}\.?(?:,?[ ][A-Za-z][A-Za-z.'-]*){0,5})"
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
    r"(?i)(?<![A-Z])(?:SIPDIS|SIPNET|NOFORN|E\.? ?O\.?[ \t]*1[23]\d{3}|TAGS?\b|SUBJ(?:ECT)?\b|CLASSIFIED BY|REF(?:S|\(S\))?:)"
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
        # a capital after the serial: line breaks lost after a spaced level ("LIMA 003571SIPDIS",
        # "ANKARA 008305S/CT FOR"), never after "SECRET" or "UNCLAS"
        after = text[m.end() : m.end() + 6]
        run_on = after[:1].isupper() and not (" " in m["level"] or after == "SIPDIS")
        if not (before.islower() or glued or run_on or m["station"][:4].upper() == "PAGE"):
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


# --------------------------------------------------------------------------
# A cables.csv row pasted into a body
# --------------------------------------------------------------------------

#: The first fields of a row of the release file ``cables.csv`` that an export
#: pasted into a body, at a line's start: ``12055,11/12/2003 16:26,03THEHAGUE2835,``
#: (the release file itself quotes every field: ``"21164","10/1/2004 9:09","04TAIPEI3050",``).
CSV_RECORD = re.compile(
    r'"?(?P<record_id>\d{1,6})"?,"?(?P<date>\d{1,2}/\d{1,2}/\d{4}[ \t]+\d{1,2}:\d{2})"?,'
    r'"?(?P<reference_id>\d{2}[A-Z][A-Z-]{1,20}\d{1,7})"?,'
)
_CSV_RECORD_DATE = re.compile(r'/\d{1,2}/\d{4}[ \t]+\d{1,2}:\d{2}"?,')  # a literal-led part to look for first
#: A line wrap inside a reference (``05THEHAGUE24⏎36``), a blank before its serial (``09BUENOSAIRES 750``).
_REF_GAP = re.compile(r"\r?\n|\r|(?<=[A-Z])[ \t]+(?=\d)")
_QUOTED_CHUNK = re.compile(r'[^"\\]+')
_REFERENCE_ID = re.compile(r"\d{2}[A-Z][A-Z-]{1,20}\d{1,7}")
#: The release's classification values, keyed by their letters (an export
#: wrapped or garbled their blanks: ``UNCLASSIFIED//FOR OFFICIA LUSEONLY``).
_CSV_LEVELS = {
    re.sub(r"[^A-Z]", "", level): level
    for level in (
        "UNCLASSIFIED",
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "CONFIDENTIAL",
        "CONFIDENTIAL//NOFORN",
        "SECRET",
        "SECRET//NOFORN",
    )
}


class CsvRecord(NamedTuple):
    """A ``cables.csv`` row found in a text, its fields unquoted.

    ``start``/``end``: where the row starts and where its body field ends
    (the text's end when its closing quote is lost).  ``header`` and
    ``body`` are the text of those fields (``""`` and ``\\"`` read as ``"``).
    """

    start: int
    end: int
    record_id: str
    date: str
    reference_id: str
    origin: str
    classification: str
    references: tuple[str, ...]
    header: str
    body: str

    @property
    def year(self) -> int:
        """The year of the row's date (``11/12/2003 16:26`` → 2003)."""
        return int(self.date.split("/")[2][:4])


def _csv_field(text: str, i: int, end: int, last: bool) -> tuple[str, int]:
    """One field of a row from offset ``i``, and where the next one starts.

    A quoted field ends at its closing quote (``""`` and a backslash escape
    are a quote inside it); what stands between that quote and the next comma
    is kept as written (a damaged export).  An unquoted field ends at the next
    comma, the last one (the body) at ``end``.
    """
    if i < end and text[i] == '"':
        out: list[str] = []
        j = i + 1
        while j < end:
            chunk = _QUOTED_CHUNK.match(text, j, end)
            if chunk:
                out.append(chunk.group(0))
                j = chunk.end()
                continue
            if text[j] == "\\":
                if j + 1 < end and text[j + 1] in "\"'\\":
                    out.append(text[j + 1])
                    j += 2
                else:
                    out.append("\\")
                    j += 1
                continue
            if j + 1 < end and text[j + 1] == '"':  # a doubled quote
                out.append('"')
                j += 2
                continue
            j += 1  # the closing quote
            break
        if last:
            return "".join(out), j
        comma = text.find(",", j, end)
        comma = end if comma < 0 else comma
        return "".join(out) + text[j:comma], min(comma + 1, end)
    if last:
        return text[i:end], end
    comma = text.find(",", i, end)
    comma = end if comma < 0 else comma
    return text[i:comma], min(comma + 1, end)


def _squash_field(value: str) -> str:
    """A short field with its line wraps and stray quotes gone (``"Embassy The⏎Hague"``)."""
    return " ".join(value.replace('"', " ").split())


def read_csv_record(text: str, m: "re.Match[str]", end: Optional[int] = None) -> CsvRecord:
    """The fields of the row whose first fields :data:`CSV_RECORD` matched.

    >>> text = '12055,11/12/2003 16:26,03THEHAGUE2835,"Embassy The\\nHague",SECRET//NOFORN,03THEHAGUE2568,"x","S E C R E T ""A"" B"'
    >>> r = read_csv_record(text, CSV_RECORD.match(text))
    >>> r.reference_id, r.origin, r.classification, r.references, r.body
    ('03THEHAGUE2835', 'Embassy The Hague', 'SECRET//NOFORN', ('03THEHAGUE2568',), 'S E C R E T "A" B')
    """
    end = len(text) if end is None else end
    i = m.end()
    values = []
    for n in range(5):
        value, i = _csv_field(text, i, end, last=n == 4)
        values.append(value)
    origin, level, refs, header, body = values
    level = _squash_field(level)
    level = _CSV_LEVELS.get(re.sub(r"[^A-Z]", "", level), level)
    references = tuple(
        dict.fromkeys(r for r in re.split(r"[|,;\s]+", _REF_GAP.sub("", refs)) if _REFERENCE_ID.fullmatch(r))
    )
    return CsvRecord(
        m.start(),
        i,
        m["record_id"],
        " ".join(m["date"].split()),
        m["reference_id"],
        _squash_field(origin),
        level,
        references,
        header,
        body,
    )


def csv_records(text: str, pos: int = 0, endpos: Optional[int] = None) -> "Iterator[CsvRecord]":
    """The ``cables.csv`` rows in ``text`` that start a line, in order.

    >>> [r.reference_id for r in csv_records('… TA...\\n",\\n12055,11/12/2003 16:26,03THEHAGUE2835,"Embassy",SECRET,,"","B"')]
    ['03THEHAGUE2835']
    """
    end = len(text) if endpos is None else endpos
    last = pos
    for hit in _CSV_RECORD_DATE.finditer(text, pos, end):
        if hit.start() < last:
            continue
        line = max(text.rfind("\n", last, hit.start()) + 1, last)
        if hit.start() - line > 16:
            continue
        m = CSV_RECORD.match(text, line, end)
        if m is None:
            continue
        record = read_csv_record(text, m, end)
        # past a closed body; inside one whose closing quote is lost, a later row at a
        # line's start is still one
        last = record.end if record.end < end else m.end()
        yield record
