"""Read the fields of one cable: header, classification line, body opening.

:func:`parse` takes a cable's text, or a fragment of one (a header block, a
``REF:`` line, a signature), in raw legacy or repaired form, and returns a
:class:`Cable`.  Fields that are absent are ``None`` or empty.  It never
raises on a ``str`` and reads the text in linear time.

The seed's second cable, for example, parses to ``reference_id='08SEOUL55'``
(with the year hint 2008 the splitter passes on), ``classification='SECRET'``,
``tags=('PREL', 'PARM', 'MNUC', 'MARR', 'KS', 'CH')``, ``subject='ROKG TO
CONTINUE PRESSURE ON CHINA REGARDING ASAT TEST'``, ``references=('08STATE1265',
'07SEOUL210')``, ``signature='VERSHBOW'``.

:func:`body_mismatch` says when a record's body is another cable's: its
classification line names another station or serial than the record's
reference id.
"""

from __future__ import annotations

import datetime as _dt
import html
import numbers
import re
from dataclasses import dataclass
from typing import Mapping, Optional

from .decode import require_str
from .detect import with_newlines
from .structure import (
    DATE_LINE,
    DATE_TIME_GROUP,
    ROUTING_INDICATOR,
    classification_line,
    classification_lines,
    csv_rows,
)

#: How far into a cable its header and body opening may reach.
HEAD_REACH = 6000
#: How far into a cable its classification line, which opens the body, may
#: stand: past the longest header (1.6 kB in the dev corpus; lists of
#: addressees run to a few kB).  Beyond it the text is a fragment.
CLASSIFICATION_REACH = 50_000
#: How far from the end of a body its signature may stand (a mirror's page
#: footer can follow it).
SIGNATURE_REACH = 2000


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph: ``2. (C) The Partners also held …``."""

    number: int
    marking: Optional[str]
    text: str


@dataclass(frozen=True)
class Cable:
    """The fields of one cable; ``None`` or empty where the text has none.

    See ``docs/parse.md`` for each field with the seed as the example.
    """

    reference_id: Optional[str] = None
    record_id: Optional[str] = None
    record_date: Optional[str] = None
    origin: Optional[str] = None
    classification: Optional[str] = None
    precedence: Optional[str] = None
    date_time_group: Optional[str] = None
    from_: Optional[str] = None
    to: tuple[str, ...] = ()
    info: tuple[str, ...] = ()
    routing: tuple[str, ...] = ()
    station: Optional[str] = None
    serial: Optional[int] = None
    eo: Optional[str] = None
    declassify_on: Optional[str] = None
    tags: tuple[str, ...] = ()
    subject: Optional[str] = None
    references: tuple[str, ...] = ()
    classified_by: Optional[str] = None
    reasons: tuple[str, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    summary: Optional[str] = None
    signature: Optional[str] = None
    body: str = ""
    year: Optional[int] = None
    # (these last, so that building a Cable by position keeps the order above)
    subject_marking: Optional[str] = None
    declassify_date: Optional[_dt.date] = None
    sent: Optional[_dt.datetime] = None

    @property
    def record_datetime(self) -> Optional[_dt.datetime]:
        """``record_date`` as a ``datetime``: ``'1/8/2008 20:42'`` and
        ``'2008-01-08 20:42'`` → ``datetime(2008, 1, 8, 20, 42)``; ``None``
        when there is none or it does not read as a date."""
        return record_datetime(self.record_date)

    def as_json(self) -> dict:
        """The fields as JSON-ready values: tuples as lists, dates and
        datetimes as ISO strings, paragraphs as dicts."""
        out: dict = {}
        for name in self.__dataclass_fields__:
            out[name] = _json_value(getattr(self, name))
        return out


# --------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------

#: Keywords that open a field of the body's opening lines; fields may run
#: together on one line (``DECL: 01/09/2018 TAGS: PREL SUBJECT: …``).
_FIELD = re.compile(
    r"(?:(?<![A-Za-z])|(?=E\.O\.[ \t]))(?:"
    r"(?P<eo>[Ee]\.?[ \t]?[Oo]\.?[ \t]*:?[ \t]*(?=1[1-3]\d{3}))"
    r"|(?P<tags>(?:TAGS?|Tags?)(?:[ \t]*:|[ \t]+(?=[A-Z]{2})))"
    r"|(?P<subject>(?:SUBJECT|SUBJ|Subject|Subj)[ \t]*[:.]?)"
    r"|(?P<ref>(?:REF(?:S|TEL|ERENCES?|\(S\))?|Ref(?:s|tel|erences?|\(s\))?)\.?[ \t]*:"
    r"|(?<=\n)REFS?(?=[ \t]+[A-Z(]))"
    r"|(?P<classified_by>(?:Classified|CLASSIFIED|classified)[ \t]+(?:By|BY|by)[ \t]*:?)"
    r")"
)
_REASONS = re.compile(r"(?i)reasons?[ \t]*:?[ \t]*|for[ \t]+reasons?[ \t]*")
_REASON_LETTER = re.compile(r"(?<![A-Za-z])([a-hA-H])(?![A-Za-z])")
_PARAGRAPH = re.compile(r"(?m)^[ \t]*(\d{1,3})\.[ \t]+(?:\((?P<mark>[A-Z][A-Za-z/ ]{0,15})\)[ \t]*)?")
#: (``SUMMARY``/``Summary`` and ``END SUMMARY`` in any case; each pattern
#: starts with a character class, which the search skips to fast.)
_SUMMARY = re.compile(r"[Ss](?<![A-Za-z][Ss])(?i:UMMARY)[ \t]*[:.]?[ \t]*")
_END_SUMMARY = re.compile(r"[Ee](?i:ND[ \t]+(?:OF[ \t]+)?SUMMARY)")

#: Month names of date-time groups and references.
_MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
#: A date-time group, wherever it stands: ``082042Z JAN 08``, ``201444Z Aug 92``.
_DTG = re.compile(r"(?<![A-Za-z0-9])(\d{2})(\d{2})(\d{2})Z[ \t]+([A-Za-z]{3})[ \t]+(\d{4}|\d{2})(?![0-9])")
#: A date as cables write it: ``11/22/2012``, ``6/30/08``, ``2020/02/23``.
_DATE = re.compile(r"(?<![0-9/])(?:(\d{4})/(\d{1,2})/(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}))(?![0-9/])")
#: ``DECL:``, ``DECLASSIFY ON:`` (not ``DECLASSIFIED JUNE 21, 2006``).
_DECL = re.compile(r"(?i)(?<![A-Za-z])DECL(?!ASSIFIED)(?:ASSIFY(?:[ \t]+ON)?)?[ \t]*:?[ \t]*")
#: The declassification schedules of E.O. 11652 and 12065: ``GDS``,
#: ``XGDS-2``, ``RDS-3 10/25/99``; a classifier in brackets may follow.
_SCHEDULE = re.compile(
    r"(?i)(X?GDS|RDS)(-\d)?(?:[ \t]+(\d{1,2}/\d{1,2}/\d{2,4}))?(?:[ \t]+\(([^()\n]{2,60})\))?"
)
#: Where a ``Classified By`` value ends: ``Reason(s)``/``for reasons`` (also
#: wrapped inside a word, ``reaso ns``), ``PER 1.5(d)``, ``- 1.5 B,D``,
#: ``, 1.4 (b/ d)``, ``E.O. 12958``, a blank line, a ruler.
_CLASSIFIED_BY_END = re.compile(
    r"(?i)\s*(?:[,;:]?\s*(?:(?<![A-Za-z])f\s{0,3}o\s{0,3}r\s+)?(?<![A-Za-z])r\s{0,3}e\s{0,3}a\s{0,3}s\s{0,3}o\s{0,3}n"
    r"|[,;]?[ \t]+(?:per|-)[ \t]+1\.\d"
    r"|[,;][ \t]*1\.[4-7]"
    r"|[,;]?[ \t]*(?<![A-Za-z])E\.?[ \t]?O\.?[ \t]*1\d{4}"
    r"|\n[ \t]*\n|\n[ \t]*-{3,}|\n[ \t]*\d{1,2}\.[ \t])"
)
#: A paragraph marking: ``(C)``, ``(SBU)``, ``(S/NF)``, ``(C//REL NATO)``.
_MARKING = re.compile(r"\(((?i:U|C|S|TS|SBU|LOU|FOUO)(?:/{1,2}[A-Za-z ]{1,12})?)\)")
#: What ends a subject: a blank line, a ruler, a numbered paragraph, a
#: classification footer, an old (``PAGE 02 …``) or new (``PRETORIA
#: 00000954 001.2 OF 004``) page header.
_SUBJECT_END = re.compile(
    r"\n[ \t]*(?:\n|-{3,}|={3,}|\*{3,}|_{3,}|\d{1,2}\.[ \t]|PAGE[ \t]+\d"
    r"|(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|UNCLAS)[ \t]*(?:\n|$)"
    r"|[A-Z][A-Za-z .'-]{1,30}[ \t]\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3})"
)
#: Page headers inside a field block: ``PAGE 02 ROME 01196 01 OF 02 082030Z``,
#: ``RABAT 00000034 001.2 OF 002``.
_PAGE_HEADER = re.compile(
    r"PAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z .]{1,30}?[ \t]+\d{3,7}(?:[ \t]+\d{2}[ \t]+OF[ \t]+\d{2})?(?:[ \t]+\d{6}Z)?"
    r"|[A-Z][A-Z .'-]{1,30}[ \t]\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}"
)
#: An HTML entity with its semicolon (``&amp;``, ``&#8217;``); without one,
#: ``&`` is the legacy transliteration of an opening quote.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
#: A cable reference in a ``REF`` value: ``07 STATE 71143``, ``SECSTATE 1265``,
#: ``2009 BAKU 972``, ``02⏎ RANGOON 1624``, ``USUN NY 03993``.
_CABLE_REF = re.compile(
    r"(?<![A-Za-z0-9])(?:(?P<yy>(?:19|20)\d{2}|\d{2})[ \t]*(?:\n[ \t]*){0,2})?"
    r"(?P<station>[A-Za-z][A-Za-z'-]{0,19}[A-Za-z](?:[ \t][A-Za-z]{2,20}){0,2})(?:[ \t]+|[ \t]*\n[ \t]*)(?P<serial>\d{1,7})(?![0-9/A-Za-z])"
)
#: Words that are no station: a reference of another kind (``FBIS``,
#: ``EMAIL``, ``IIR``, ``PARA 5``, ``SECTION 900``), a month.
_NOT_STATIONS = frozenset(
    "PARA PARAS PARAGRAPH PARAGRAPHS SECTION OF AND OR FOR TO IN ON AT BY POC PAGE NO NUMBER SERIAL "
    "EMAIL E-MAIL MAIL FAX LETTER MEMO MEMCON TELCON TELECON IIR FBIS DATED DTD DATE REPORT NOTE DIPNOTE "
    "SEPTEL NOTAL REFTEL MESSAGE MSG DTG CABLE TELEGRAM AIRGRAM ITEM THRU THROUGH "
    "JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC JANUARY FEBRUARY MARCH APRIL JUNE JULY AUGUST "
    "SEPTEMBER OCTOBER NOVEMBER DECEMBER".split()
)
_REF_ID = re.compile(r"(?<![A-Za-z0-9])(\d{2})([A-Z][A-Z-]{1,20})(\d{1,7})(?![0-9])")
#: A line that continues a ``REF`` block after a blank line: a list marker
#: and a reference (``B. 05 berlin 3726``).
_REF_CONTINUES = re.compile(
    r"[ \t]*-?[ \t]*(?:[A-Za-z]|\d{1,2})[.)][ \t]*(?:\([A-Za-z]\)[ \t]*)?(?:\d{2,4}[ \t]*)?[A-Za-z][A-Za-z '-]{1,40}?[ \t]\d{1,7}(?![0-9/])"
    r"|[ \t]*\([A-Za-z]\)[ \t]*(?:\d{2,4}[ \t]*)?[A-Za-z][A-Za-z '-]{1,40}?[ \t]\d{1,7}(?![0-9/])"
)
#: Words of a classification line that are no station: the line went on
#: with a second level or its section.
_NOT_A_STATION = re.compile(r"(?i)\b(?:SECTION|OF|LIMITED|OFFICIAL|USE)\b")
#: The section, station and serial of a classification line whose serial a
#: mirror glued to the next word: ``SECTION 01 OF 02 LIMA 003571SIPDIS``.
_SECTION_STATION = re.compile(
    r"(?i:SECTION)[ \t]+\d{1,2}[ \t]+(?i:OF)[ \t]+\d{1,2}[ \t]+"
    r"(?P<station>[A-Za-z][A-Za-z.-]{0,20}(?:[ \t][A-Za-z][A-Za-z.-]{0,20}){0,3})[ \t]+(?P<serial>\d{1,7})(?![0-9])"
)
#: A classification line with the EFTO caveat before its section, which
#: :data:`~cablefix.structure.CLASSIFICATION_LINE` does not read:
#: ``UNCLAS E F T O SECTION 01 OF 02 TEGUCIGALPA 000552``.
_EFTO_LINE = re.compile(
    r"(?P<level>UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|C O N F I D E N T I A L|S E C R E T)[ \t]+E[ \t]?F[ \t]?T[ \t]?O[ \t]+"
    r"(?:(?i:SECTION)[ \t]+\d{1,2}[ \t]+(?i:OF)[ \t]+\d{1,2}[ \t]+)?"
    r"(?P<station>[A-Za-z][A-Za-z.-]{0,20}(?:[ \t][A-Za-z][A-Za-z.-]{0,20}){0,3})[ \t]+(?P<serial>\d{1,7})(?![0-9])"
)
#: ``Classified By`` opening the first paragraph.
_CLASSIFIED_BY_IN_PARAGRAPH = re.compile(r"[ \t]*(?:\([A-Za-z/]{1,8}\)[ \t]*)?(?:Classified|CLASSIFIED)[ \t]+(?:By|BY|by)[ \t]*:?")
#: Words that make a line of capitals prose, not tags (``IN`` and ``IS``
#: are country codes).
_NOT_TAGS = frozenset("THE AND OF FOR TO ON AT BY WITH FROM".split())
#: A tag-only line that continues a ``TAGS`` line: ``CU, ES, HO, MX``.
_TAG_LINE = re.compile(r"[ \t]*[A-Z]{2,6}(?:(?:[ \t]*[,;][ \t]*|[ \t]+)[A-Z]{2,6})*[ \t]*[,;]?[ \t]*")
_CSV_LEVEL = re.compile(r"(?<![A-Z])(UNCLASSIFIED|CONFIDENTIAL|SECRET)(//[A-Z /]+?)?(?=[ \t]|$)")
_LINE_CAVEAT = re.compile(r"(?m)^[ \t]*(NOFORN|SENSITIVE(?: BUT UNCLASSIFIED)?)[ \t]*$")
_ADDRESSEE_START = re.compile(
    r"(?<![A-Z/])(?:R[A-Z]{3,6}/|AMEMBASSY|AMCONSUL|USMISSION|SECSTATE|SECDEF|AIT|USEU|USDEL|USNATO|"
    r"USUN|JOINT STAFF|NSC|CIA|DIA|DEPT OF)(?![A-Z])"
)
_ORIGIN_PREFIX = (("AMEMBASSY ", "Embassy "), ("AMCONSUL ", "Consulate "), ("USMISSION ", "Mission "))
_MONTH_YEAR = re.compile(r"[A-Z]{3}[ \t]+(\d{2,4})$")


# --------------------------------------------------------------------------
# Helpers (each reads a bounded part of the text)
# --------------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def _year4(yy: int) -> int:
    """``08`` → 2008, ``89`` → 1989, ``2008`` → 2008."""
    if yy >= 100:
        return yy
    return 2000 + yy if yy < 50 else 1900 + yy


def reference_id(year: Optional[int], station: str, serial: int) -> Optional[str]:
    """The Cablegate reference id: ``reference_id(2008, "SEOUL", 55)`` →
    ``'08SEOUL55'``; ``SECSTATE`` counts as ``STATE``.

    >>> reference_id(2008, "SEOUL", 55), reference_id(2007, "USUN NEW YORK", 210)
    ('08SEOUL55', '07USUNNEWYORK210')
    """
    if year is None:
        return None
    station = station.replace(" ", "").upper()
    if station == "SECSTATE":
        station = "STATE"
    return f"{year % 100:02d}{station}{serial}"


def parse_references(text: str, year: Optional[int] = None) -> tuple[str, ...]:
    """Cable references in a ``REF:`` value, as reference ids in the order
    they stand; each keeps its own year, references without one take
    ``year``; ``SECSTATE`` is ``STATE``.  Other kinds of reference (an
    e-mail, an FBIS item, a paragraph, a date) are left out.

    >>> parse_references("A. 07 STATE 71143 B. 08 SEOUL 55")
    ('07STATE71143', '08SEOUL55')
    >>> parse_references("A. SECSTATE 1265 B. 07 SEOUL 210", 2008)
    ('08STATE1265', '07SEOUL210')
    >>> parse_references("07STATE156270; C) 2009 BAKU 972; D) FBIS 201404Z APR 94; MAY 16 E-MAIL")
    ('07STATE156270', '09BAKU972')
    """
    text = _PAGE_HEADER.sub(" ", text)
    found: list[tuple[int, str]] = []
    for m in _REF_ID.finditer(text):
        if m.group(2).rstrip("-") not in _NOT_STATIONS:
            found.append((m.start(), m.group(0)))
    for m in _CABLE_REF.finditer(text):
        words = m["station"].upper().split()
        if any(w in _NOT_STATIONS for w in words) or len(words[0]) < 2:
            continue
        yy = m["yy"]
        ref_year = _year4(int(yy)) if yy is not None else year
        ref = reference_id(ref_year, " ".join(words), int(m["serial"]))
        if ref:
            found.append((m.start(), ref))
    found.sort()
    return tuple(dict.fromkeys(ref for _, ref in found))


def _ref_block(value: str) -> str:
    """The lines of a ``REF`` value: up to a blank line that no lettered
    reference (``B. 05 berlin 3726``) follows."""
    pos = 0
    while True:
        blank = re.search(r"\n[ \t]*\n", value[pos:])
        if not blank:
            return value
        end = pos + blank.start()
        rest = value[pos + blank.end() :].lstrip("\n \t")
        dangling = re.search(r"(?:(?<![A-Za-z])[A-Za-z][.)]|\([A-Za-z]\)|(?<![0-9])\d{2})[ \t]*$", value[:end])
        if not (_REF_CONTINUES.match(rest) or dangling):
            return value[:end]
        pos = pos + blank.end()


def _addressees(block: str) -> tuple[str, ...]:
    """Split an addressee list, on lines when it has them, else before each
    ``AMEMBASSY``/``RUEH…/`` style entry."""
    block = block.strip()
    if not block:
        return ()
    if "\n" in block:
        parts = [_squash(line) for line in block.split("\n") if not DATE_LINE.match(line.strip())]
    else:
        cuts = [m.start() for m in _ADDRESSEE_START.finditer(block)]
        cuts = [0] + [c for c in cuts if c > 0] + [len(block)]
        parts = [_squash(block[a:b]) for a, b in zip(cuts, cuts[1:])]
    return tuple(p for p in parts if p)


def _origin(from_: Optional[str]) -> Optional[str]:
    """``AMEMBASSY SEOUL`` → ``Embassy Seoul``; ``SECSTATE WASHDC`` →
    ``Secretary of State``."""
    if not from_:
        return None
    if from_.startswith("SECSTATE"):
        return "Secretary of State"
    for prefix, name in _ORIGIN_PREFIX:
        if from_.startswith(prefix):
            return name + from_[len(prefix) :].title()
    return from_


def _header_fields(header: str) -> dict:
    """FM/TO/INFO, routing entries and the date-time group of a header."""
    out: dict = {}
    dtg = DATE_TIME_GROUP.search(header)
    if dtg:
        out["precedence"] = (dtg["precedence"] or "").strip() or None
        out["date_time_group"] = _squash(dtg.group(0))
        year = _MONTH_YEAR.search(dtg["dtg"])
        if year:
            out["year"] = _year4(int(year.group(1)))
    marks = {}
    for word in ("FM", "TO", "INFO"):
        m = re.search(rf"(?<![A-Z/]){word}[ \t]+(?=[A-Z])", header)
        if m:
            marks[word] = m
    order = sorted(marks.items(), key=lambda kv: kv[1].start())
    for (word, m), nxt in zip(order, order[1:] + [(None, None)]):
        end = nxt[1].start() if nxt[1] else len(header)
        value = header[m.end() : end]
        if word == "FM":
            out["from_"] = _squash(value.split("\n", 1)[0]) or None
        else:
            out["to" if word == "TO" else "info"] = _addressees(value)
    starts = [m.start() for m in ROUTING_INDICATOR.finditer(header)]
    routing = []
    for a, b in zip(starts, starts[1:] + [len(header)]):
        entry = _squash(header[a:b].split("\n", 1)[0])
        entry = re.sub(r"[ \t]+(?:INFO|TO)$", "", entry)
        routing.append(entry)
    out["routing"] = tuple(routing)
    return out


def _date(text: str) -> Optional[_dt.date]:
    """The first date in ``text``: ``11/22/2012``, ``6/30/08`` (month first),
    ``2020/02/23`` (year first); ``None`` when there is none or it is no
    calendar date.

    >>> _date("11/22/2012"), _date("GDS 6/30/08"), _date("2020/02/23"), _date("13/45/2001")
    (datetime.date(2012, 11, 22), datetime.date(2008, 6, 30), datetime.date(2020, 2, 23), None)
    """
    m = _DATE.search(text)
    if not m:
        return None
    if m.group(1):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        mo, d, y = int(m.group(4)), int(m.group(5)), _year4(int(m.group(6)))
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        return None


def date_time_group(text: str) -> Optional[_dt.datetime]:
    """The first date-time group in ``text`` as a UTC ``datetime``.

    >>> date_time_group("R 082042Z JAN 08")
    datetime.datetime(2008, 1, 8, 20, 42, tzinfo=datetime.timezone.utc)
    >>> date_time_group("201444Z Aug 92").isoformat(), date_time_group("PAGE 02 ZAGREB 01526 201443Z")
    ('1992-08-20T14:44:00+00:00', None)
    """
    for m in _DTG.finditer(text):
        month = _MONTHS.get(m.group(4).upper())
        if month is None:
            continue
        try:
            return _dt.datetime(
                _year4(int(m.group(5))), month, int(m.group(1)), int(m.group(2)), int(m.group(3)),
                tzinfo=_dt.timezone.utc,
            )
        except ValueError:
            continue
    return None


def record_datetime(value: Optional[str]) -> Optional[_dt.datetime]:
    """A record's date as a ``datetime``: the ``cables.csv`` form
    ``1/8/2008 20:42`` and the ISO form ``2008-01-08 20:42``.

    >>> record_datetime("1/8/2008 20:42"), record_datetime("2008-01-08 20:42")
    (datetime.datetime(2008, 1, 8, 20, 42), datetime.datetime(2008, 1, 8, 20, 42))
    """
    if not value:
        return None
    m = re.match(r"[ \t]*(?:(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2}))(?:[ T]+(\d{1,2}):(\d{2}))?", value)
    if not m:
        return None
    if m.group(1):
        mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        y, mo, d = int(m.group(4)), int(m.group(5)), int(m.group(6))
    hour, minute = (int(m.group(7)), int(m.group(8))) if m.group(7) else (0, 0)
    try:
        return _dt.datetime(y, mo, d, hour, minute)
    except ValueError:
        return None


def _json_value(value: object) -> object:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, Paragraph):
        return {"number": value.number, "marking": value.marking, "text": value.text}
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


def _declassification(value: str) -> dict:
    """``eo``, ``declassify_on`` (the marker as written: a date, ``OADR``,
    ``N/A``, ``GDS 10/25/85``, ``1.6 FIVE YEARS AFTER CLOSURE OF ICTY``),
    ``declassify_date`` and, in the E.O. 12065 form, ``classified_by``, from
    the text after ``E.O.``."""
    out: dict = {}
    line = value.split("\n", 1)[0][:200]
    num = re.match(r"1[1-3]\d{3}", line)
    out["eo"] = num.group(0) if num else None
    rest = line[num.end() if num else 0 :].lstrip(" \t:;,")
    marker: Optional[str] = None
    decl = _DECL.search(rest)
    schedule = _SCHEDULE.match(rest)
    if rest[:4].upper() == "OADR":
        marker = "OADR"  # also "OADR:DECL"
    elif decl:
        after = rest[decl.end() :].strip()
        date = _DATE.match(after)
        marker = date.group(0) if date else after.rstrip(" .,;\\").strip() or None
        if marker and marker.upper().startswith("N/A"):
            marker = "N/A"
    elif rest[:3].upper() == "N/A":
        marker = "N/A"
    elif schedule:
        marker = " ".join(x for x in (schedule.group(1).upper() + (schedule.group(2) or ""), schedule.group(3)) if x)
        if schedule.group(4):
            out["classified_by"] = _squash(schedule.group(4))
    elif _DATE.match(rest):
        marker = _DATE.match(rest).group(0)  # type: ignore[union-attr]
    elif rest[:4].upper() == "OADR":
        marker = "OADR"
    if marker:
        out["declassify_on"] = marker
        out["declassify_date"] = _date(marker)
    return out


def _split_tags(value: str) -> tuple[str, ...]:
    """TAGS, comma- or space-separated, upper-cased, each once; a phrase tag
    stays whole (``War Crimes``, ``COUNTER TERRORISM``, ``USEU BRUSSELS``)."""
    value = value.strip().strip(".,;")
    tags: list[str] = []
    if re.search(r"[,;]|\.[ \t]", value):
        for item in re.split(r"[,;]|\.(?=[ \t])", value):
            words = item.split()
            if len(words) > 1 and all(len(w) <= 5 and w.isupper() for w in words):
                tags.extend(words)  # "PREL  PTER": a lost comma
            elif words:
                tags.append(" ".join(words))
    else:
        tags = [m.group(0) for m in re.finditer(r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+|\S+", value)]
    return tuple(dict.fromkeys(_squash(t).upper().rstrip(".") for t in tags if t.strip(".")))


def _tags(value: str) -> tuple[str, ...]:
    """The TAGS of a ``TAGS`` value: its line and the tag-only lines after it."""
    lines = value.split("\n")
    taken = [lines[0]]
    for line in lines[1:4]:
        if not line.strip() or not _TAG_LINE.fullmatch(line) or _NOT_TAGS & set(re.findall(r"[A-Z]+", line)):
            break
        taken.append(line)
    return _split_tags(" ".join(taken))


def _marking(subject: str) -> tuple[str, Optional[str]]:
    """A subject without its paragraph marking, and the marking:
    ``(C) CHIRAC VISIT`` → ``('CHIRAC VISIT', 'C')``; ``… TO IRAN'S DIO (s)``
    → ``('… TO IRAN'S DIO', 'S')``."""
    m = _MARKING.match(subject)
    if m:
        return subject[m.end() :].lstrip(" :-"), m.group(1).upper()
    tail = re.search(r"[ \t]*" + _MARKING.pattern + r"[ \t.]*$", subject)
    if tail and tail.start() > 0:
        return subject[: tail.start()], tail.group(1).upper()
    return subject, None


def _subject(value: str) -> tuple[Optional[str], Optional[str]]:
    """The subject and its marking from a ``SUBJECT`` value: all its lines,
    up to a blank line, a ruler, a paragraph, a footer or a page header;
    line-continuation marks (a leading ``-``, a trailing backslash) dropped,
    HTML entities decoded."""
    end = _SUBJECT_END.search(value)
    value = value[: end.start()] if end else value
    lines = []
    for i, line in enumerate(value.split("\n")):
        line = line.strip().rstrip("\\").rstrip()
        if i and re.match(r"-(?!-)", line):
            line = line[1:]
        lines.append(line)
    text = _squash(" ".join(lines))
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text, marking = _marking(text)
    return text.strip() or None, marking


def _classified_by(value: str) -> dict:
    """``classified_by`` (name and title) and ``reasons`` from the text after
    ``Classified By``."""
    value = value[:400]
    out: dict = {}
    end = _CLASSIFIED_BY_END.search(value)
    who = value[: end.start()] if end else value.split("\n\n", 1)[0]
    who = re.sub(r"[ ,;:]*(?:\.\.\.|\u2026)$", "", _squash(who)).strip(" ,;:\\")
    last = who.rsplit(" ", 1)[-1]
    if who.endswith(".") and len(last) > 3 and "." not in last[:-1]:
        who = who[:-1].rstrip(" ,;:")  # a sentence's period, not "Jr." or "a.i."
    out["classified_by"] = who or None
    reason = _REASONS.search(value, end.start() if end else 0)
    if reason:
        after = value[reason.end() :]
        after = re.split(r"\.(?:\s|$)", after.split("1.4", 1)[-1][:80], maxsplit=1)[0]
        out["reasons"] = tuple(
            f"1.4({x.lower()})" for x in dict.fromkeys(l.lower() for l in _REASON_LETTER.findall(after))
        )
    return out


def _opening_fields(head: str, year: Optional[int]) -> tuple[dict, int]:
    """E.O., TAGS, SUBJECT, REF and Classified By from a body's first lines,
    and where the last of those fields starts its value (0: none)."""
    out: dict = {}
    classifier: Optional[str] = None
    matches = list(_FIELD.finditer(head))
    for m, nxt in zip(matches, matches[1:] + [None]):
        kind = m.lastgroup
        value = head[m.end() : nxt.start() if nxt else len(head)]
        if kind == "eo" and "eo" not in out:
            found = _declassification(value)
            classifier = found.pop("classified_by", None)
            out.update(found)
        elif kind == "tags" and "tags" not in out:
            out["tags"] = _tags(value)
        elif kind == "subject" and "subject" not in out:
            out["subject"], out["subject_marking"] = _subject(value)
        elif kind == "ref" and "references" not in out:
            first_line = value.find("\n")  # "REF:  1. ROME 1902, 2. STATE 31565": a numbered list, no paragraph
            para = _PARAGRAPH.search(value, first_line + 1) if first_line >= 0 else None
            block = _ref_block(value[: para.start() if para else len(value)][:3000])
            out["references"] = parse_references(block, year)
        elif kind == "classified_by" and not out.get("classified_by"):
            out.update(_classified_by(value))
    if classifier and not out.get("classified_by"):
        out["classified_by"] = classifier  # "E.O. 12065: GDS 10/25/85 (TOMSETH, VICTOR L.)"
    return out, (matches[-1].end() if matches else 0)


def _caveat(text: str, start: int, level: str) -> str:
    """``//NOFORN`` when a NOFORN line follows the classification line;
    ``//SENSITIVE`` for an unclassified cable marked SENSITIVE."""
    marks = {m.group(1).split()[0] for m in _LINE_CAVEAT.finditer(text, start, start + 200)}
    if "NOFORN" in marks:
        return "//NOFORN"
    if "SENSITIVE" in marks and level == "UNCLASSIFIED":
        return "//SENSITIVE"
    return ""


def _paragraphs(body: str, found: list["re.Match[str]"]) -> tuple[Paragraph, ...]:
    paras = []
    for m, nxt in zip(found, found[1:] + [None]):
        text = body[m.end() : nxt.start() if nxt else len(body)].strip()
        paras.append(Paragraph(int(m.group(1)), m["mark"], text))
    return tuple(paras)


def _summary(body: str) -> Optional[str]:
    start = _SUMMARY.search(body)
    if not start:
        return None
    end = _END_SUMMARY.search(body, start.end())
    if not end:
        return None
    return _squash(body[start.end() : end.start()]).rstrip(" .") or None


#: Lines that close a body after its signature: ends of transmission,
#: classification footers, page headers, mirror footers and rulers.
_TRAILER = re.compile(
    r"[ \t]*(?:NNNN?|BT|#+|>|\"|\[\.\.\.\]"
    r"|(?:(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|UNCLAS|SENSITIVE|NOFORN)[ \t/]*)+"
    r"|C O N F I D E N T I A L|S E C R E T|U N C L A S S I F I E D"
    r"|PAGE[ \t]+\d.*|[A-Z][A-Z .'-]{1,30}[ \t]\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t]*"
    r"|\d{4}[A-Z]{3,12}\d{3,6}[ \t]+-[ \t]+.*|[-=*_]{3,}.*"
    r"|Declassified/Released.*|Systematic Review.*|SIPDIS|.*\bhttps?://\S*|\S*gov\.gov\S*\"?)[ \t]*"
)
#: A name on a line of its own: ``VERSHBOW``, ``Clinton``, ``LA LIME``,
#: ``HINSON-JONES``, ``O'NEILL``, ``CDA Griffiths``, ``van Voorst``, with a
#: date stamp some mirrors add (``STEVENS 0 03/03/2008``).
_NAME_LINE = re.compile(
    r"[ \t]*((?:(?:van|von|de|da|del|di|du|le|la)[ \t]+)?[A-Z](?:[A-Za-z'\u2019.-]*[A-Za-z'\u2019-])?"
    r"(?:[ \t]+(?:(?:van|von|de|da|del|di|du|le|la)[ \t]+)?[A-Z][A-Za-z'\u2019-]*){0,2})"
    r"(?:[ \t]+\d{1,2}[ \t]+\d{1,2}/\d{1,2}/\d{4})?[ \t]*"
)
#: A name that ends the last line after its sentence: ``… End Comment.
#: SCOBEY``, ``MINIMIZE CONSIDERED SHANNON``, ``… index. cfm TUTTLE``,
#: ``… Website: XXXXXXXXXXXX LEBARON``, ``… into Europe. Edelman``.
_TAIL_NAME = re.compile(
    r"[.!?)\"\u201d\u2019:][ \t]+((?!X{4})[A-Z][A-Z'\u2019-]+(?:[ \t][A-Z][A-Z'\u2019-]+)?|[A-Z][a-z'\u2019-]+)[ \t]*$"
    r"|(?:(?i:considered|end comment|cfm)|XXXX|\*{3}|\S*[/_]\S*)[ \t]+((?!X{4})[A-Z][A-Z'\u2019-]+(?:[ \t][A-Z][A-Z'\u2019-]+)?)[ \t]*$"
)
_NOT_NAMES = frozenset(
    "END SUMMARY COMMENT COMMENTS NOTE TEXT BT NNNN NNN SIPDIS NOFORN CONFIDENTIAL SECRET UNCLASSIFIED "
    "UNCLAS EXEMPT QUOTE UNQUOTE REGARDS THANKS CLEARED BACKGROUND INTRODUCTION ACTION REQUEST "
    "MINIMIZE CONSIDERED SENSITIVE DECONTROL FYI".split()
)


def _is_name(words: str) -> bool:
    return not any(w.upper().strip(".") in _NOT_NAMES for w in words.split())


def _signature(body: str, start: int) -> Optional[str]:
    """The signer's name that closes the body (``VERSHBOW``), after
    ``start``: past ends of transmission (``NNNN``, ``BT``, and what a
    mirror repeats after them), classification footers and page headers;
    never a word of the last sentence."""
    tail = body[start:]
    end = re.search(r"\n[ \t]*(?:NNNN|BT)[ \t]*(?:\n|$)", tail)
    if end and end.start() > 0:
        tail = tail[: end.start()]  # a routing header may follow NNNN
    lines = [line.rstrip().rstrip("\\").rstrip() for line in tail.split("\n")]
    while lines and (not lines[-1].strip() or _TRAILER.fullmatch(lines[-1])):
        lines.pop()
    if not lines:
        return None
    found = _last_line_name(lines)
    if found:
        return found
    # a page's footer after the cable ("Category: Breaking News"): the name
    # that ends the last paragraph (a blank line after it) instead
    for i in range(len(lines) - 2, -1, -1):
        if not lines[i + 1].strip() and lines[i].strip():
            paragraph_end = _TAIL_NAME.search(lines[i][-120:])
            name = paragraph_end and paragraph_end.group(1)
            if name and name.isupper() and _is_name(name):
                return name
    return None


def _last_line_name(lines: list[str]) -> Optional[str]:
    """The signer's name on the last of ``lines``, or ending it."""
    last = lines[-1]
    name = _NAME_LINE.fullmatch(last)
    if name and _is_name(name.group(1)) and len(name.group(1)) <= 40:
        words = name.group(1).split()
        if len(words) == 2 and words[0].lower() == words[1].lower():
            words = words[:1]  # "SHANNON Shannon"
        prev = lines[-2].strip() if len(lines) > 1 else ""
        if (
            (len(words) == 1 and words[0].isupper())  # a capitalised name on a line of its own
            or not prev
            or len(prev) < 30
            or re.search(r"[.!?:;)\]\"'\u201d\u2019]$|X{4}$|https?://|www\.", prev)
            or _TRAILER.fullmatch(prev)
        ):
            return " ".join(words)
        return None  # "… ARAFAT DID NOT⏎CONDEMN THIS ACTION": a cut sentence
    tail_name = _TAIL_NAME.search(last[-120:])
    found = tail_name and (tail_name.group(1) or tail_name.group(2))
    if found and _is_name(found):
        return found
    return None


# --------------------------------------------------------------------------
# parse
# --------------------------------------------------------------------------


#: The fields of a record that ``parse(metadata=…)`` takes; the record's
#: ``header`` is read for ``from_``, ``to``, ``info``, ``routing`` and the
#: date-time group.
METADATA_FIELDS = ("reference_id", "record_id", "record_date", "origin", "classification", "references", "header")


def _record_fields(metadata: Mapping[str, object]) -> dict:
    """The Cable fields a record's own fields give (non-empty ones only),
    with the year of its date (else of its reference id)."""
    out: dict = {}
    for key in METADATA_FIELDS[:5]:
        value = metadata.get(key)
        if isinstance(value, str) and value.strip():
            out[key] = _squash(value)
    refs = metadata.get("references")
    if isinstance(refs, str):
        refs = tuple(m.group(0) for m in _REF_ID.finditer(refs))
    if isinstance(refs, (list, tuple)) and refs:
        out["references"] = tuple(str(r) for r in refs)
    year = re.search(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)", out.get("record_date", ""))
    if year:
        out["year"] = int(year.group(0))
    elif re.match(r"\d{2}[A-Z]", out.get("reference_id", "")):
        out["year"] = _year4(int(out["reference_id"][:2]))
    return out


def year_hint(year: Optional[int]) -> Optional[int]:
    """``year`` where it can be a hint for a text without a date (1900 to
    2099: a reference id's two digits then name one year), else ``None``
    (a damaged date's ``0001``, ``3008``).

    >>> year_hint(2008), year_hint(1), year_hint(None)
    (2008, None, None)
    """
    return year if year is not None and 1900 <= year <= 2099 else None


def parse(text: str, *, year: Optional[int] = None, metadata: Optional[Mapping[str, object]] = None) -> Cable:
    """The fields of one cable's text, or of a fragment of one.

    ``year`` is a hint for fragments that carry no date: a reference such as
    ``TBILISI 1605`` and the cable's own reference id take it (an ``int``
    from 1900 to 2099, or a float such as ``2008.0``: another type is a
    ``TypeError``, another number a ``ValueError``).

    Line ends may be ``\\n``, ``\\r\\n`` or a lone ``\\r``; the fields come out
    with ``\\n``.

    ``metadata`` holds the fields of the record the text comes from (a
    ``cables.csv`` row, a JSON object), by the names of
    :data:`METADATA_FIELDS`: those that are not empty win over what the text
    says, and the year of ``record_date`` over ``year``.

    >>> parse("UNCLAS KYIV 000055 SUBJECT: X", metadata={"reference_id": "08KYIV55", "record_date": "1/9/2008 11:00"}).year
    2008

    >>> cable = parse("S E C R E T SEOUL 000055 SUBJECT: ASAT TEST REF: A. SECSTATE 1265", year=2008)
    >>> cable.reference_id, cable.classification, cable.subject, cable.references
    ('08SEOUL55', 'SECRET', 'ASAT TEST', ('08STATE1265',))
    """
    require_str(text, "parse")
    text = with_newlines(text)  # (fields are read by line: \r\n and a lone \r are line ends as \n is, and come out so)
    if year is not None:
        if isinstance(year, float) and year.is_integer():
            year = int(year)  # (a year column with missing values is float: 2008.0)
        if isinstance(year, bool) or not isinstance(year, numbers.Integral):
            raise TypeError(f"year must be an int such as 2008, not {type(year).__name__} {year!r}")
        if year_hint(int(year)) is None:
            raise ValueError(f"year must be a year of four digits from 1900 to 2099, not {year!r}")
    own = _record_fields(metadata) if metadata else {}
    fields: dict = {}
    first = next(classification_lines(text, 0, min(len(text), CLASSIFICATION_REACH)), None)
    # a cables.csv row heads the record, before its classification line (a
    # row further on is another cable's, pasted into this one)
    csv = next(csv_rows(text, 0, min(len(text), HEAD_REACH, first.start() if first else len(text))), None)
    start = csv.end() if csv else 0
    line = next(classification_lines(text, start, min(len(text), start + CLASSIFICATION_REACH)), None)
    efto = _EFTO_LINE.search(text, start, line.start() if line else min(len(text), start + CLASSIFICATION_REACH))
    opening_at = efto.start() if efto else (line.start() if line else None)
    head_end = opening_at if opening_at is not None else min(len(text), HEAD_REACH)
    header = text[csv.end() if csv else 0 : head_end]
    if csv:
        fields["record_id"] = csv["record_id"]
        fields["record_date"] = _squash(csv["date"])
        fields["reference_id"] = csv["reference_id"]
        level = _CSV_LEVEL.search(header)
        if level:
            fields["origin"] = _squash(header[: level.start()]) or None
            fields["classification"] = (level.group(1) + (level.group(2) or "")).strip()
            rest = header[level.end() :]
            dtg = DATE_TIME_GROUP.search(rest)
            refs = rest[: dtg.start()] if dtg else rest[:200]
            fields["references"] = tuple(m.group(0) for m in _REF_ID.finditer(refs))
            header = rest
        year_match = re.search(r"\d{4}", csv["date"])
        fields["year"] = int(year_match.group(0)) if year_match else None
    record_header = metadata.get("header") if metadata else None
    if isinstance(record_header, str) and record_header.strip():
        record_header = with_newlines(record_header)  # (read by line, as the text is)
        fields.update({k: v for k, v in _header_fields(record_header).items() if v and not fields.get(k)})
    fields.update({k: v for k, v in _header_fields(header).items() if k not in fields or not fields[k]})
    if own.get("year") is not None:
        fields["year"] = own["year"]
    fields["sent"] = date_time_group(header[:HEAD_REACH])
    if fields.get("year") is None:
        fields["year"] = fields["sent"].year if fields["sent"] else year
    if not fields.get("origin"):
        fields["origin"] = _origin(fields.get("from_"))
    body = text[opening_at:] if opening_at is not None else text  # a fragment: look for every field
    if efto:  # "UNCLAS E F T O SECTION 01 OF 02 TEGUCIGALPA 000552"
        level = efto["level"].replace(" ", "").upper()
        fields["station"], fields["serial"] = _squash(efto["station"]).upper(), int(efto["serial"])
        fields.setdefault("classification", "UNCLASSIFIED" if level == "UNCLAS" else level)
        if "reference_id" not in fields:
            fields["reference_id"] = reference_id(fields["year"], fields["station"], fields["serial"])
    elif line:
        parts = classification_line(line)
        if _NOT_A_STATION.search(line["station"]):  # "UNCLASSIFIED LIMITED OFFICIAL USE SECTION 01 OF 02 ZAGREB 01090"
            again = next(classification_lines(text, line.start("station"), min(len(text), line.end() + 80)), None)
            glued = _SECTION_STATION.match(text, line.start("station"), min(len(text), line.end() + 80))
            if again is not None and again.start() == line.start("station"):
                parts = parts._replace(**{k: v for k, v in classification_line(again)._asdict().items() if k != "level"})
            elif glued:  # "SECTION 01 OF 02 LIMA 003571SIPDIS"
                parts = parts._replace(station=_squash(glued["station"]).upper(), serial=int(glued["serial"]))
            else:  # "SECTION 01 OF 02 TEL AVIV" and no serial
                parts = parts._replace(station=None, serial=None)  # type: ignore[arg-type]
        fields["station"], fields["serial"] = parts.station, parts.serial
        if "classification" not in fields:
            fields["classification"] = parts.level + (parts.caveat or _caveat(text, line.end(), parts.level))
        if "reference_id" not in fields and parts.station:
            fields["reference_id"] = reference_id(fields["year"], parts.station, parts.serial)
    numbered = list(_PARAGRAPH.finditer(body))
    first_para = numbered[0] if numbered and numbered[0].start() < HEAD_REACH else None
    head = body[: first_para.start() if first_para else min(len(body), HEAD_REACH)]
    opening, last_field = _opening_fields(head, fields["year"])
    if fields["sent"] is None and line:  # a mirror put the routing header after the classification line
        first_field = _FIELD.search(head)
        fields["sent"] = date_time_group(head[: first_field.start() if first_field else 0])
    if first_para and not opening.get("classified_by"):  # "1. (U) CLASSIFIED BY AMBASSADOR ESCUDERO.  REASON: …"
        said = _CLASSIFIED_BY_IN_PARAGRAPH.match(body, first_para.end(), min(len(body), first_para.end() + 40))
        if said:
            opening.update(_classified_by(body[said.end() : said.end() + 400]))
    if fields.get("references"):
        opening["references"] = tuple(dict.fromkeys(fields["references"] + opening.get("references", ())))
    fields.update(opening)
    fields.update(own)  # the record's own fields win
    own_id = fields.get("reference_id")
    if own_id and own_id in fields.get("references", ()):
        fields["references"] = tuple(r for r in fields["references"] if r != own_id)
    fields["paragraphs"] = _paragraphs(body, numbered)
    fields["summary"] = _summary(body)
    # the signature comes after the opening: the first paragraph, else the last field
    after_opening = first_para.start() if first_para else last_field
    fields["signature"] = _signature(body, max(after_opening, len(body) - SIGNATURE_REACH))
    fields["body"] = body
    return Cable(**fields)


# --------------------------------------------------------------------------
# A body that is another cable's
# --------------------------------------------------------------------------

_REFERENCE_ID = re.compile(r"[ \t]*(\d{2})([A-Z][A-Z-]*?[A-Z])0*(\d{1,7})[ \t]*")


def _station_key(station: str) -> str:
    """A station as reference ids spell it: ``THE HAGUE`` → ``THEHAGUE``,
    ``SECSTATE`` → ``STATE``."""
    key = re.sub(r"[^A-Z]", "", station.upper())
    return "STATE" if key == "SECSTATE" else key


def body_mismatch(cable: Cable, reference_id: str) -> Optional[str]:
    """Why ``cable``'s body is not the cable ``reference_id`` names, or
    ``None``: the station and serial of the body's classification line
    against those of the record's reference id (``SECSTATE`` is ``STATE``,
    blanks and leading zeros do not count, and a station written shorter in
    one of the two, ``RPO DUBAI`` for ``IRANRPODUBAI``, agrees).  ``None``
    too when either has no station and serial to compare.

    >>> body_mismatch(parse("S E C R E T SECTION 01 OF 04 MOSCOW 005154"), "07PARIS2725")
    'the body is MOSCOW 5154, not PARIS 2725'
    >>> body_mismatch(parse("UNCLAS THE HAGUE 000088"), "10THEHAGUE88") is None
    True
    """
    require_str(reference_id, "body_mismatch")
    own = _REFERENCE_ID.fullmatch(reference_id.upper())
    if own is None or cable.station is None or cable.serial is None:
        return None
    station, serial = _station_key(own.group(2)), int(own.group(3))
    body_station = _station_key(cable.station)
    same_station = body_station == station or (
        min(len(body_station), len(station)) >= 4 and (body_station in station or station in body_station)
    )
    if same_station and cable.serial == serial:
        return None
    return f"the body is {cable.station} {cable.serial}, not {own.group(2)} {serial}"
