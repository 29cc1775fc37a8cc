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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Optional

from .decode import require_str
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


# --------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------

#: Keywords that open a field of the body's opening lines; fields may run
#: together on one line (``DECL: 01/09/2018 TAGS: PREL SUBJECT: …``).
_FIELD = re.compile(
    r"(?<![A-Za-z])(?:"
    r"(?P<eo>[Ee]\.?[ \t]?[Oo]\.?[ \t]*(?=1[23]\d{3}))"
    r"|(?P<tags>(?:TAGS?|Tags?)(?:[ \t]*:|[ \t]+(?=[A-Z]{2})))"
    r"|(?P<subject>(?:SUBJECT|SUBJ|Subject|Subj)[ \t]*[:.]?)"
    r"|(?P<ref>(?:REFS?|Refs?|REF\(S\)|Ref\(s\))[ \t]*:|(?<=\n)REFS?(?=[ \t]+[A-Z(]))"
    r"|(?P<classified_by>(?:Classified|CLASSIFIED|classified)[ \t]+(?:By|BY|by)[ \t]*:?)"
    r")"
)
_DECL = re.compile(r"(?i)DECL(?:ASSIFY(?:[ \t]+ON)?)?[ \t]*:?[ \t]*(\S+(?:[ \t]+\S+)?)")
_REASONS = re.compile(r"(?i)reasons?[ \t]*:?[ \t]*|for[ \t]+reasons?[ \t]*")
_REASON_LETTER = re.compile(r"(?<![A-Za-z])([a-hA-H])(?![A-Za-z])")
_PARAGRAPH = re.compile(r"(?m)^[ \t]*(\d{1,3})\.[ \t]+(?:\((?P<mark>[A-Z][A-Za-z/ ]{0,15})\)[ \t]*)?")
#: (``SUMMARY``/``Summary`` and ``END SUMMARY`` in any case; each pattern
#: starts with a character class, which the search skips to fast.)
_SUMMARY = re.compile(r"[Ss](?<![A-Za-z][Ss])(?i:UMMARY)[ \t]*[:.]?[ \t]*")
_END_SUMMARY = re.compile(r"[Ee](?i:ND[ \t]+(?:OF[ \t]+)?SUMMARY)")
_SIGNATURE = re.compile(r"[.!?)\u201d\"][ \t]*\n?[ \t]*([A-Z][A-Z'\u2019-]{2,}(?:[ \t][A-Z][A-Z'\u2019-]{2,})?)[ \t]*(?=\n|$)")
_NOT_SIGNATURES = frozenset(
    "END SUMMARY COMMENT NOTE BT NNNN SIPDIS NOFORN CONFIDENTIAL SECRET UNCLASSIFIED TEXT".split()
)
_CABLE_REF = re.compile(
    r"(?<![A-Za-z0-9])(?:(?P<yy>\d{2})[ \t]*)?(?P<station>[A-Za-z]{2,}(?:[ \t][A-Za-z]{2,}){0,2})[ \t]+(?P<serial>\d{1,7})(?![0-9/])"
)
_NOT_STATIONS = frozenset(
    "PARA PARAS PARAGRAPH SECTION OF AND POC PAGE NO NUMBER JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT "
    "OCT NOV DEC JANUARY FEBRUARY MARCH APRIL JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER".split()
)
_REF_ID = re.compile(r"(?<![A-Za-z0-9])(\d{2})([A-Z][A-Z-]{1,20})(\d{1,7})(?![0-9])")
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
    """Cable references in a ``REF:`` value, as reference ids; references
    without a year take ``year``.

    >>> parse_references("A. SECSTATE 1265 B. 07 SEOUL 210", 2008)
    ('08STATE1265', '07SEOUL210')
    >>> parse_references("07STATE156270")
    ('07STATE156270',)
    """
    found: list[str] = []
    for m in _REF_ID.finditer(text):
        found.append(m.group(0))
    for m in _CABLE_REF.finditer(text):
        station = m["station"].upper()
        if station.split()[-1] in _NOT_STATIONS:
            continue
        yy = int(m["yy"]) if m["yy"] else None
        ref = reference_id(_year4(yy) if yy is not None else year, station, int(m["serial"]))
        if ref and ref not in found:
            found.append(ref)
    return tuple(found)


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


def _opening_fields(head: str, year: Optional[int]) -> tuple[dict, int]:
    """E.O., TAGS, SUBJECT, REF and Classified By from a body's first lines,
    and where the last of those fields starts its value (0: none)."""
    out: dict = {}
    matches = list(_FIELD.finditer(head))
    for m, nxt in zip(matches, matches[1:] + [None]):
        kind = m.lastgroup
        value = head[m.end() : nxt.start() if nxt else len(head)]
        blank = re.search(r"\n[ \t]*\n", value)
        if blank and kind != "ref":
            value = value[: blank.start()]
        if kind == "eo" and "eo" not in out:
            num = re.match(r"1[23]\d{3}", value)
            out["eo"] = num.group(0) if num else None
            decl = _DECL.search(value)
            if decl:
                out["declassify_on"] = decl.group(1).split()[0].rstrip(".,")
            elif re.search(r"(?i)N/A", value):
                out["declassify_on"] = "N/A"
        elif kind == "tags" and "tags" not in out:
            out["tags"] = tuple(t.upper() for t in re.split(r"[\s,;]+", value.split("\n", 1)[0].strip()) if t)
        elif kind == "subject" and "subject" not in out:
            out["subject"] = _squash(value).rstrip() or None
        elif kind == "ref" and "references" not in out:
            para = _PARAGRAPH.search(value)
            out["references"] = parse_references(value[: para.start() if para else len(value)], year)
        elif kind == "classified_by" and "classified_by" not in out:
            line = value.split("\n\n", 1)[0]
            reason = _REASONS.search(line)
            who = line[: reason.start()] if reason else line
            out["classified_by"] = _squash(who).rstrip(" ,;.") or None
            if reason:
                after = line[reason.end() :]
                after = re.split(r"\.(?:\s|$)", after.split("1.4", 1)[-1][:80], maxsplit=1)[0]
                out["reasons"] = tuple(
                    f"1.4({x.lower()})" for x in dict.fromkeys(l.lower() for l in _REASON_LETTER.findall(after))
                )
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


def _signature(body: str, start: int) -> Optional[str]:
    """The drafter's name that closes the body (``VERSHBOW``), after ``start``."""
    last = None
    for m in _SIGNATURE.finditer(body, start):
        if m.group(1) not in _NOT_SIGNATURES:
            last = m.group(1)
    return last


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


def parse(text: str, *, year: Optional[int] = None, metadata: Optional[Mapping[str, object]] = None) -> Cable:
    """The fields of one cable's text, or of a fragment of one.

    ``year`` is a hint for fragments that carry no date: a reference such as
    ``TBILISI 1605`` and the cable's own reference id take it.

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
    own = _record_fields(metadata) if metadata else {}
    fields: dict = {}
    csv = next(csv_rows(text, 0, min(len(text), HEAD_REACH)), None)
    start = csv.end() if csv else 0
    line = next(classification_lines(text, start, min(len(text), start + CLASSIFICATION_REACH)), None)
    head_end = line.start() if line else min(len(text), HEAD_REACH)
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
        fields.update({k: v for k, v in _header_fields(record_header).items() if v and not fields.get(k)})
    fields.update({k: v for k, v in _header_fields(header).items() if k not in fields or not fields[k]})
    if own.get("year") is not None:
        fields["year"] = own["year"]
    if fields.get("year") is None:
        fields["year"] = year
    if not fields.get("origin"):
        fields["origin"] = _origin(fields.get("from_"))
    body = text[line.start() :] if line else text  # a fragment: look for every field
    if line:
        parts = classification_line(line)
        fields["station"], fields["serial"] = parts.station, parts.serial
        if "classification" not in fields:
            fields["classification"] = parts.level + (parts.caveat or _caveat(text, line.end(), parts.level))
        if "reference_id" not in fields:
            fields["reference_id"] = reference_id(fields["year"], parts.station, parts.serial)
    numbered = list(_PARAGRAPH.finditer(body))
    first_para = numbered[0] if numbered and numbered[0].start() < HEAD_REACH else None
    head = body[: first_para.start() if first_para else min(len(body), HEAD_REACH)]
    opening, last_field = _opening_fields(head, fields["year"])
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
