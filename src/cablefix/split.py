"""Split a record that runs on into other cables.

In the legacy archive a cable can stop mid-paragraph and the tail of another
cable's routing header and its body follow (the seed: the MTCR cable stops
at ``the Partners took the following decision:`` and ``-- RUEHTV/AMEMBASSY
TEL AVIV PRIORITY 0596 … S E C R E T SEOUL 000055 …`` follows).

A new cable is recognised by its classification line with a station and
serial that differ from the cable in progress (``SECTION 02 OF 03 ANKARA
007215`` of the same cable is no new cable; its first line again after
its body and routing entries is a second record of it), backed by a second sign: routing
entries before it (``RUEHTV/…``, ``FM``, ``TO``, ``INFO``, a date-time group)
or the opening of a body after it (``SIPDIS``, ``E.O. 12958:``, ``TAGS``,
``SUBJECT``).  A ``cables.csv`` row (``136637 1/8/2008 20:42 08STATE2034``)
after body text is a new record by itself, and so is a row an export pasted
whole (``12055,11/12/2003 16:26,03THEHAGUE2835,"Embassy The Hague",…``): its
segment's cable takes the row's fields and its body unquoted.  A cable whose
record lost its classification line starts at its routing (``DE RUEHBJ
#0207/01``, ``FM AMEMBASSY …``, routing entries just above ``SIPDIS``).  The
segment starts where the header tail begins: the walk back from the
classification line over routing tokens (and the header formats mirrors
wrote) stops at the last word of the previous cable's text, its signature
and ``NNNN`` staying with it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Mapping, NamedTuple, Optional

from .parse import Cable, parse, year_hint
from .decode import require_str
from .detect import as_read, with_newlines
from .structure import (
    BODY_OPENING,
    CSV_RECORD,
    DATE_LINE,
    ROUTING_INDICATOR,
    ROW_LEAD,
    cable_key,
    classification_lines,
    csv_records,
    csv_rows,
    read_csv_record,
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


#: The labels of the metadata some mirrors put before a cable's body
#: (``ID: 190648`` ``ORIGIN: 09KUWAIT110`` ``SOURCE: Embassy Kuwait``; ``To:``
#: ``From:`` ``Captions: None``): a line that starts with one belongs to the
#: header, whatever its value.
_STRONG_FIELD = re.compile(
    r"[ \t]*(?:(?:ID|ORIGIN|DATE|SOURCE|CLASSIFICATION|MISC|DESTINATION|To|From|Action|Captions|Cable Text|Class|Date|Key"
    r"|id|refid|date|origin|classification|destination|header):(?:[ \t]|$)"
    r"|-{5,}[ \t]*header ends"  # "id: 144905⏎date: …⏎header:⏎<routing>⏎----- header ends -----"
    r"|This record is a partial extract of the original cable)"  # the header field of an extract
)
#: Labels a header shares with a body's opening (``TAGS:``, ``SUBJECT:``):
#: header lines only below a line that is surely one, or they would take a
#: cable cut in its opening (``… TAGS: EAID ECON\nSUBJECT:\nRUCNDT/…``).
_WEAK_FIELD = re.compile(r"[ \t]*(?:TAGS|SUBJECT|REF|Tags|Subject|Ref):(?:[ \t]|$)")
#: A field label in capitals inside a run of routing tokens: a mirror's
#: metadata (``PRIORITY ID:``) or an old telegram's distribution and
#: clearances (``CXABU: ACTION: POL INFO: AMB DCM DISSEMINATION: POL CHARGE:
#: PROG APPROVED: AMB:MMWAHBA DRAFTED: POL:STWILLIAMS CLEARED: …``).
_FIELD_TOKEN = re.compile(
    r"(?:ID|ORIGIN|DATE|SOURCE|CLASSIFICATION|MISC|DESTINATION|id|refid|header"
    r"|CX[A-Z]{2,8}|ACTION|INFO|DISSEMINATION|DISTRIBUTION|CHARGE|APPROVED|DRAFTED|CLEARED):"
)
#: An office and a clearer's initials, one of a list (``A/DCM:TEWILLIAMS;``).
_CLEARANCE = re.compile(r"[A-Z0-9/&.-]+:[A-Z0-9/&.-]+;")
#: The rule under an old telegram form's fields, above its classification
#: line (``Subject: … Ref: None ____ C O N F I D E N T I A L``).
_FORM_RULE = re.compile(r"_{10,}")
#: The form's last field before that rule.
_FORM_REF = re.compile(r"(?<!\S)Ref:\s")
#: Who signed a State header's lines (``DRAFTED BY:``); ``CLASSIFIED BY:``
#: opens a body.
_SIGNED = re.compile(r"(?:DRAFTED|APPROVED|CLEARED|RELEASED)[ \t]+BY:")
#: A date inside a header after a ``--`` (``DRAFTED BY: DS/DSS/CC:X -- 06/19/2009``).
_HEADER_DATE = re.compile(r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}(?!\d))")  # (or "10/06/03")
#: The origin field of a ``cables.csv`` record laid out one field a line
#: (``Embassy Nairobi``, ``Secretary of State``).
_ORIGIN_LINE = re.compile(
    r"[ \t]*(?:Embassy|Consulate|Mission|US Mission|US Office|Secretary of State)(?:[ \t][A-Z][\w.'-]*){0,4}[ \t]*"
)
#: How many lines :func:`_sure_header_above` looks up.
_LINES_UP = 12


def _is_header_token(token: str) -> bool:
    """Whether a token can belong to a routing header: no lowercase letter,
    no sentence punctuation at its end (``RUEHTV/AMEMBASSY``, ``0596``), or a
    field label in capitals (``ID:``, ``CLEARED:``) or a clearance
    (``A/DCM:TEWILLIAMS;``)."""
    if _FIELD_TOKEN.fullmatch(token.lstrip(".")) or _CLEARANCE.fullmatch(token):
        return True  # ("...id:": a mirror's cut mark glued to its label)
    return bool(token) and token != "--" and not _LOWER.search(token) and not token.endswith(_SENTENCE_END)


def _line_start(text: str, i: int, floor: int) -> int:
    return max(text.rfind("\n", floor, i) + 1, floor)


#: A token only a header has: a cable id (``09NAIROBI2497``), a date and
#: time (``12/16/2009``), a channel (``VZCZCXRO7793``).
_HEADER_ONLY_TOKEN = re.compile(r"\d{2}[A-Z]{3,}\d{1,6}|\d{1,2}([/.])\d{1,2}\1\d{4}|VZCZC\w*")


#: Routing words no title in capitals has (not ``TO``, ``INFO``: ``OF INFO
#: RELATED TO FLIGHTS`` is a subject's second line).
_SURE_ROUTING_WORDS = _ROUTING_WORDS - {"FM", "TO", "INFO", "BT", "ZEN", "ZFR"}


def _sure_header_line(line: str) -> bool:
    """A metadata field, a ``cables.csv`` origin, or routing tokens only with
    one a header alone has (``RUEHKH/AMEMBASSY KHARTOUM 0002``) — not a
    line in capitals of a body's opening (``TAGS PREL, PGOV, AG``,
    ``MILITARY LEADERSHIP``)."""
    if _STRONG_FIELD.match(line) or _ORIGIN_LINE.fullmatch(line):
        return True
    tokens = line.split()
    return (
        bool(tokens)
        and all(_is_header_token(t) for t in tokens)
        and any(
            t in _SURE_ROUTING_WORDS or ROUTING_INDICATOR.match(t) or _HEADER_ONLY_TOKEN.fullmatch(t)
            for t in tokens
        )
    )


def _sure_header_above(text: str, i: int, floor: int) -> bool:
    """Whether, over blank and ``TAGS:``/``SUBJECT:`` lines, the first line
    above the one starting at ``i`` is surely a header line."""
    for _ in range(_LINES_UP):
        if i <= floor:
            return False
        start = _line_start(text, i - 1, floor)
        line = text[start : i - 1]
        if line.strip() and not _WEAK_FIELD.match(line):
            return _sure_header_line(line)
        i = start
    return False


def _header_line_before(text: str, i: int, floor: int, routed: bool = False) -> int:
    """Where the header goes on above offset ``i``, where the token walk of
    :func:`header_tail_start` stopped: the start of the line before when
    ``i`` opens a line and that one is a metadata field (``SOURCE: Embassy
    Kuwait``), a ``cables.csv`` origin (``Embassy Nairobi``) or blank; the
    start of ``i``'s own line when it opens with a field label (``To: No
    Action Addressee Action: …``) and no ``--`` joins it to other text;
    else ``i``.  A ``TAGS:``/``SUBJECT:``/``REF:`` line is not taken once
    the walk has passed routing entries (``routed``): no header has routing
    below those, so they open another cable, cut there.
    """
    line = _line_start(text, i, floor)
    head = text[line:i]
    if head.strip():
        joined = head.rfind("-- ")
        if joined >= 0 and _STRONG_FIELD.match(text, line, i):
            joined = -1  # "----------------- header ends -----"
        start = line if joined < 0 else line + joined + 3  # "… Mallorca. -- To: No Action …": from the joint
        if _STRONG_FIELD.match(text, start, i):
            return start
        if _FORM_RULE.match(text, i) and _FORM_REF.search(text, start, i):
            return start  # "Subject: UAE TO … Ref: None ____": an old telegram form, all header
        # a weak label only at the line's start (or after a leading "-- ")
        if not head[: max(joined, 0)].strip(" -") and _WEAK_FIELD.match(text, start, i):
            return start if not routed and _sure_header_above(text, line, floor) else i
        return i
    if line <= floor:
        return i
    before = _line_start(text, line - 1, floor)
    above = text[before : line - 1]
    if not above.strip() or _STRONG_FIELD.match(above) or _ORIGIN_LINE.fullmatch(above):
        return before
    if not routed and _WEAK_FIELD.match(above) and _sure_header_above(text, before, floor):
        return before
    return i


def _opening_label_above(text: str, start: int, floor: int) -> int:
    """Where the ``TAGS:``/``SUBJECT:``/``REF:`` line just above a header
    tail starts (over blank lines; or the tail's own line, before a ``--``
    joint: ``REF: 09 STATE 122115; -- OO RUEHLH …``), else -1: the opening of
    a cable cut in its header, as mirrors that keep the header in the body
    have it (``… RUEHKH/AMEMBASSY KHARTOUM 0002⏎TAGS:⏎⏎RUEAIIA/CIA …``)."""
    line = _line_start(text, start, floor)
    for _ in range(_LINES_UP):
        if text[line:start].strip() not in ("", "--"):  # (a "-- " joint is no text)
            return line if _WEAK_FIELD.match(text, line, start) else -1
        if line <= floor:
            return -1
        start = line - 1
        line = _line_start(text, start, floor)
    return -1


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
    dated = _CABLE_DATED.search(text, max(floor, i - 8), i + 6)
    signs = 0
    if dated and dated.end() == i + 6:
        i = dated.start()  # "Cable dated:2005-08-17T21:24:00]C O N F I D E N T I A L"
        signs = 1
    j = i
    while j > floor and text[j - 1].isspace():
        j -= 1
    date = DATE_LINE.search(text, max(floor, j - 40), j)
    if date:
        i = date.start()
    while True:
        j = i
        while j > floor and text[j - 1].isspace():
            j -= 1
        k = j
        while k > floor and not text[k - 1].isspace():
            k -= 1
        token = text[k:j]
        if token == "--" and _HEADER_DATE.match(text, i):
            i = k  # "DRAFTED BY: DS/DSS/CC:JBACIGALUPO -- 06/19/2009": inside a State header
            continue
        if token == "BY:":
            signed = _SIGNED.search(text, max(floor, k - 12), j)
            if signed and signed.end() == j:
                i = signed.start()  # "DRAFTED BY:"
                continue
        if k < j and not _is_header_token(token):
            if _TITLE_MONTH.fullmatch(token) and _DTG_TIME.search(text, max(floor, k - 10), k):
                i = k  # "292031Z Sep 05": a date-time group with the month in title case
                continue
            note = _header_note(text, k, j, floor)
            if note >= 0:
                i = note  # "… Cable dated:2009-12-03T09:52:00", "This record is a partial extract …"
                signs += 1
                continue
            lead = _row_lead(text, k, j, floor)
            if lead >= 0:  # "96338⇥2007-02-13 06:01:00⇥07TASHKENT237⇥Embassy Tashkent⇥CONFIDENTIAL"
                signs += 1
                if _BLANK_LINE_END.search(text, max(floor, lead - 8), lead) or lead <= floor:
                    return lead, signs  # after a blank line a record starts there
                i = lead  # else routing lines can come before it
                continue
        if k == j or not _is_header_token(token):
            back = _header_line_before(text, i, floor, signs > 0)
            if back >= i:
                return i, signs
            i = back  # a metadata line: "SOURCE: Embassy Kuwait", "Embassy Nairobi"
            continue
        if token in _ROUTING_WORDS or ROUTING_INDICATOR.match(token) or _FIELD_TOKEN.fullmatch(token):
            signs += 1
        i = k


#: A mirror's date glued before a classification line.
_CABLE_DATED = re.compile(r"\[?Cable[ \t]+dated:")
#: Notes mirrors and the release wrote into a header, with lowercase letters:
#: ``Cable dated:2009-12-03T09:52:00``, the header field of an extract.
_HEADER_NOTE = re.compile(
    r"\[?Cable[ \t]+dated:[0-9T:-]{0,20}\]?"
    r"|This record is a partial extract of the original cable\."
    r"(?:[ \t]*The full text of the original cable is not available\.)?"
)
_TITLE_MONTH = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_DTG_TIME = re.compile(r"\d{6}Z[ \t]+$")


def _header_note(text: str, k: int, j: int, floor: int) -> int:
    """Where a :data:`_HEADER_NOTE` that holds the token ``text[k:j]`` starts, else -1."""
    for note in _HEADER_NOTE.finditer(text, max(floor, k - 120), min(len(text), j + 120)):
        if note.start() <= k and note.end() >= j - 2:  # (the token may end in a "\\" or ":")
            return note.start()
    return -1
_BLANK_LINE_END = re.compile(r"\n[ \t]*\n[ \t]*$")


#: A mirror's date line (see :data:`DATE_LINE`).
_DAY_DATE = re.compile(r"day, \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2}")
#: A line that ends a telegram: ``NNNN``, ``BT``.
_END_OF_MESSAGE = re.compile(r"\s*(?:NNNN|BT)[ \t]*\n")
#: A signer's name on a line of its own: ``WILLIAMSON``, ``Leslie BASSETT``.
_SIGNATURE_LINE = re.compile(r"[A-Z][A-Za-z'-]{1,20}(?:[ \t][A-Z][A-Z'-]{1,20})?[ \t]*\n")


def _after_signature(text: str, start: int, pos: int, signs: int) -> int:
    """Where the header tail ``text[start:pos]`` before a classification line
    at ``pos`` starts once the end of the cable before is taken off it:

    - with no routing in it, what stands on lines above the classification
      line's own is that cable's (``… response.⏎WILLIAMSON⏎⏎UNCLAS OTTAWA
      001075``; ``TAGS: PGOV PREL PHUM RU GG⏎UNCLAS SECTION 01 OF 02 HO CHI
      MINH CITY 001388``, a cable cut in its opening), unless a token only a
      header has is there (``VZCZCXRO7793``, ``09NAIROBI2497``);
    - its first line a signer's name alone (``DJEREJIAN⏎FM AMEMBASSY CAIRO``),
      and the end-of-message lines below it (``THAYER⏎⏎NNNN⏎ZNY CCCCC ZZH``).
    """
    first = start
    while first < pos and text[first].isspace():
        first += 1
    if not signs:
        line = text.rfind("\n", first, pos)
        above = text[first:line] if line >= 0 else ""
        if line >= 0 and not (
            any(_HEADER_ONLY_TOKEN.fullmatch(t) for t in above.split()) or _DAY_DATE.search(above)
        ):
            return line
        return start
    end = start
    name = _SIGNATURE_LINE.match(text, first, pos)
    if name is not None and not any(
        t in _ROUTING_WORDS or ROUTING_INDICATOR.match(t) for t in text[first : name.end()].split()
    ):
        end = first = name.end() - 1
    while True:  # the end of the message below the name: "THAYER⏎⏎NNNN⏎ZNY CCCCC ZZH …"
        marker = _END_OF_MESSAGE.match(text, first, pos)
        if marker is None:
            return end
        end = first = marker.end() - 1


#: A routing line that names a cable: ``DE RUEHBJ #0207/01``, or ``FM`` and
#: an addressee (``O 261055Z JAN 10 ZDK FM AMEMBASSY BEIJING``).
_ROUTING_ANCHOR = re.compile(
    r"DE[ \t]+(?<![A-Za-z0-9]DE[ \t])R[A-Z]{3,6}[ \t]*#(?P<serial>\d{1,4})(?![0-9])"
    r"|FM[ \t]+(?<![A-Za-z0-9]FM[ \t])(?:AMEMBASSY|AMCONSUL|USMISSION|SECSTATE|USDEL)[ \t]+"
    r"(?P<station>[A-Z]+(?:[ \t][A-Z]+)?)"
)
#: The first words of a body that can follow routing entries with no
#: classification line between (a cable whose record lost it).
#: (Each a literal first, searched for fast.)
_UNLINED_OPENINGS = tuple(
    re.compile(p)
    for p in ("SIPDIS", "Sipdis", "sipdis", r"E\.[ \t]?[Oo]\.[ \t]*1[23]\d{3}", r"e\.[ \t]?o\.[ \t]*1[23]\d{3}")
)


def _unlined_openings(text: str) -> "list[int]":
    """Where ``SIPDIS`` (in any of its cases) or ``E.O. 12958`` stand as words, in order."""
    found = []
    for pattern in _UNLINED_OPENINGS:
        for m in pattern.finditer(text):
            if not (m.start() and text[m.start() - 1].isalpha()) and not text[m.end() : m.end() + 1].isalpha():
                found.append(m.start())
    return sorted(found)
#: How far after a routing line a body's opening may start, and how far no
#: classification line may, for it to open a cable that has none.
ROUTING_REACH = 3000


class _Openings:
    """The first body opening (:data:`BODY_OPENING`) at or after a position,
    for positions asked in increasing order: each stretch of the text is
    searched once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.scanned = 0  # no opening starts in [the last position asked, scanned) but found
        self.found: Optional[int] = None

    def first(self, pos: int, end: int) -> Optional[int]:
        """Where the first opening in ``[pos, end)`` starts, else ``None``."""
        if self.found is not None and self.found >= pos:
            return self.found if self.found < end else None
        m = BODY_OPENING.search(self.text, max(pos, self.scanned), end)
        self.found = m.start() if m else None
        self.scanned = m.start() if m else max(end, self.scanned)
        return self.found


def _unlined_cable(
    m: "re.Match[str]", lines: list[int], openings: _Openings, current: Optional[tuple[str, int]]
) -> bool:
    """Whether the routing line ``m`` heads a cable whose body has no
    classification line (``… RUEKJCS/JOINT STAFF WASHDC PRIORITY SIPDIS⏎⏎E.O.
    12958: …``, ``FM SECSTATE WASHDC TO … Sipdis⏎⏎Sensitive⏎⏎E.o. 12958:``):
    a body's opening follows and no classification line does within
    :data:`ROUTING_REACH`, and it routes no serial or station of the cable in
    progress (an old telegram repeats its own routing above each part)."""
    at = bisect.bisect_left(lines, m.start())
    if at < len(lines) and lines[at] < m.end() + ROUTING_REACH:
        return False
    if openings.first(m.end(), m.end() + ROUTING_REACH) is None:
        return False
    if current is not None:
        if m["serial"] and int(m["serial"]) == current[1] % 10_000:
            return False
        if m["station"] and current[0].startswith(m["station"].split()[0]):
            return False
    return True


def _row_lead(text: str, k: int, j: int, floor: int) -> int:
    """Where the first fields of a ``cables.csv`` record start when its
    origin ends in the token ``text[k:j]`` (``Tashkent`` of ``… 07TASHKENT237⇥Embassy
    Tashkent⇥CONFIDENTIAL``, ``State,SECRET`` of ``09STATE49854,Secretary of
    State,SECRET NOFORN``), else -1."""
    for lead in ROW_LEAD.finditer(text, max(floor, k - 160), j):
        bare = lead.start() == lead.start("reference_id")  # no record id or date before it
        if bare and text[lead.end("reference_id") : lead.end("reference_id") + 1] not in (",", "\t"):
            continue  # "09STATE49854,Secretary of State", not any id before a capitalised word
        if k <= lead.end("origin") <= j:
            return lead.start()
    return -1


def _leading_prose(text: str, start: int, end: int, capitals: bool = True) -> bool:
    """Whether ``text[start:end]`` reads like the body of another cable (with
    ``capitals``, also an old telegram's, all in capitals)."""
    chunk = text[max(start, end - 5 * LEADING_PROSE) : end]
    if len(chunk.strip()) < LEADING_PROSE:
        return False
    # an old telegram's prose is in capitals: more sentences than a header's "E.O. 12356:", "U.S."
    if _LOWER.search(chunk):
        return chunk.count(". ") >= 2
    return capitals and chunk.count(". ") >= 4


def _body_opens(text: str, m: "re.Match[str]", limit: int) -> bool:
    """Whether a body's opening (``SIPDIS``, ``E.O. 12958:``, ``TAGS``)
    follows the classification line ``m`` closely, before ``limit`` (where
    the next one starts)."""
    return BODY_OPENING.search(text, m.end(), min(m.end() + BODY_OPENING_REACH, limit)) is not None


def _opens_again(m: "re.Match[str]") -> bool:
    """Whether a classification line can open a cable whose key is already
    in progress: no section, or the first (``S E C R E T TRIPOLI 000943``
    again after ``-- INFO RUEHMO/AMEMBASSY MOSCOW …``: a second record of
    the cable).  ``SECTION 02 OF 03`` goes on with the cable."""
    return m["section"] is None or int(m["section"]) == 1


#: The routing line that names a cable's serial: ``DE RUEHNR #2497/01
#: 3501415`` (the serial's last four digits).
_ROUTING_SERIAL = re.compile(r"\bDE[ \t]+[A-Z]{4,7}[ \t]*#(\d{1,4})(?![0-9])")


def _routed_as_another(text: str, start: int, pos: int, m: "re.Match[str]") -> bool:
    """Whether the last routing line in ``text[start:pos]``, before the
    classification line ``m``, routes another serial (``DE RUEHNR #2497``
    above ``AMMAN 001288``): the header there is another cable's, cut before
    its body, and ``m`` opens the next cable.

    >>> text = "DE RUEHNR #2497/01 3501415\\nTAGS: MARR\\nREF: 09 STATE 122115; -- S E C R E T AMMAN 001288"
    >>> m = next(classification_lines(text))
    >>> _routed_as_another(text, 0, m.start(), m)
    True
    """
    last = None
    for last in _ROUTING_SERIAL.finditer(text, start, pos):
        pass
    return (
        last is not None
        and int(last[1]) != int(m["serial"]) % 10_000
        # cut in its opening: a header alone, its lines and routing only, is no cable of its own
        # ("DE RUCNAI #0003/01" above "PARTO 040301": a delegation numbers its own way)
        and BODY_OPENING.search(text, last.end(), pos) is not None
    )


def _routed_as_own(text: str, start: int, pos: int, m: "re.Match[str]") -> bool:
    """Whether the last routing line in ``text[start:pos]``, above the header
    tail of the classification line ``m``, routes its serial (``DE RUEHKI
    #0189/01`` above ``TAGS: … SUBJECT: … kinshasa 000189``): the text above
    is that cable's own header, kept in its body, whatever prose its subject
    and references hold."""
    last = None
    for last in _ROUTING_SERIAL.finditer(text, start, pos):
        pass
    return last is not None and int(last[1]) == int(m["serial"]) % 10_000


#: The word that opens a telegram repeated inside another (``FOLLOWING BAGHDAD
#: 04258 … BEING REPEATED FOR YOUR INFO: QUOTE: C O N F I D E N T I A L
#: BAGHDAD 04258``): the line after it is the quoted cable's, within this one.
_QUOTE = re.compile(r"(?<![A-Za-z])QUOTE[ \t]*:?[ \t]*$")


def _quoted(text: str, pos: int, floor: int) -> bool:
    """Whether the classification line at ``pos`` follows ``QUOTE`` (over
    blanks): a repeated telegram, part of the cable that repeats it."""
    j = pos
    while j > floor and text[j - 1].isspace():
        j -= 1
    return _QUOTE.search(text, max(floor, j - 12), j) is not None


def boundaries(text: str) -> list[int]:
    """Offsets where a new cable starts (after the first), in order.

    >>> seed = "the following decision: -- RUEHTV/AMEMBASSY TEL AVIV PRIORITY 0596 S E C R E T SEOUL 000055 SIPDIS"
    >>> boundaries("C O N F I D E N T I A L STATE 002034 ... " + seed)
    [68]
    """
    read = as_read(text)  # (as split reads it: a lone \r is a line end)
    return _boundaries(read, _row_spans(read))


class _RowSpan(NamedTuple):
    """Where a pasted ``cables.csv`` row starts and ends (its fields are read
    again where they are needed, up to the segment's end)."""

    start: int
    end: int


def _row_spans(text: str) -> list[_RowSpan]:
    """The spans of the rows :func:`csv_records` finds, each row's fields let
    go as soon as it is read: a row whose body lost its closing quote runs
    to the end of the text, and keeping every such body would hold memory
    in the square of the text's length."""
    return [_RowSpan(r.start, r.end) for r in csv_records(text)]


def _boundaries(text: str, records: list[_RowSpan]) -> list[int]:
    """:func:`boundaries`, given the ``cables.csv`` rows (comma form) in ``text``."""
    found: list[int] = []
    events: list = sorted(
        [(r.start, -1, r) for r in records]
        + [(m.start(), 0, m) for m in csv_rows(text)]
        + [(m.start(), 1, m) for m in classification_lines(text)]
        + [(m.start(), 2, m) for m in _ROUTING_ANCHOR.finditer(text)]
        + [(at, 3, None) for at in _unlined_openings(text)],
        key=lambda e: (e[0], e[1]),
    )
    lines = [e[0] for e in events if e[1] == 1]
    stops = [e[0] for e in events if e[1] < 2]
    inside = 0  # the end of the pasted row read last: its lines are its own
    openings = _Openings(text)
    probed = 0  # where the last look back from a routing line or an unlined opening started
    current: Optional[tuple[str, int]] = None
    seen: set[tuple[str, int]] = set()  # the cables read since the last boundary (a repeated one too)
    floor = 0  # the walk back never crosses the previous cable's opening
    last_start = 0
    for n, (pos, kind, m) in enumerate(events):
        # where the next classification line or row starts (the end of this line's opening)
        after = bisect.bisect_right(stops, pos)
        limit = stops[after] if after < len(stops) else len(text)
        if kind == -1:  # a cables.csv row pasted whole: its first fields, header and body
            if text[last_start:pos].strip(' \t\n",'):  # after another record's text
                found.append(pos)
                last_start = pos
            current, seen = None, set()
            inside = floor = m.end
            continue
        if pos < inside:
            continue
        if kind == 2:  # a routing line: a cable whose body has no classification line?
            if _unlined_cable(m, lines, openings, current):
                start, signs = header_tail_start(text, pos, max(floor, probed, pos - ROUTING_REACH))
                probed = pos  # the next look back stops here: each character walked once
                if start > last_start and _leading_prose(text, max(floor, last_start), start):
                    found.append(start)
                    last_start = start
                    current, seen = None, set()
                    floor = pos
            continue
        if kind == 3:  # a body's opening right after routing entries, no classification line between
            at = bisect.bisect_left(lines, pos - BODY_OPENING_REACH)
            if at < len(lines) and lines[at] < pos:
                continue  # (the opening of the cable whose line stands just above)
            start, signs = header_tail_start(text, pos, max(floor, probed, pos - ROUTING_REACH))
            probed = pos
            walked = text[start:pos].split()
            if (
                signs >= 2
                and any(ROUTING_INDICATOR.match(t) for t in walked)
                and start > last_start
                and _leading_prose(text, max(floor, last_start), start)  # not the opening's addressees
            ):
                found.append(start)  # "… -- RUEKJCS/JOINT STAFF WASHDC PRIORITY SIPDIS⏎⏎E.O. 12958: …"
                last_start = start
                current, seen = None, set()
                floor = pos
            continue
        if kind == 0:  # a cables.csv row
            if pos > last_start and _leading_prose(text, last_start, pos):
                found.append(pos)
                last_start = pos
                current = None
                seen = set()
            else:
                floor = pos  # the walk back from the next line may reach the row's start
                continue
        else:
            key = cable_key(m)
            if _quoted(text, m.start(), floor) or (key in seen and not _opens_again(m)):
                # a telegram repeated in this one, or a later section of one read since
                # the boundary (the repeating cable's own SECTION 02 after the repeated one)
                current = key
                seen.add(key)
                floor = m.end()
                continue
            # not a later section of the cable in progress (nor its line again without a body between)
            if key != current or (_opens_again(m) and pos - floor >= LEADING_PROSE):
                start, signs = header_tail_start(text, pos, floor)
                start = _after_signature(text, start, pos, signs)
                label = _opening_label_above(text, start, floor) if signs else -1
                if label >= 0:  # above: a cable cut in its header's opening, its own header before
                    above, above_signs = header_tail_start(text, label, floor)
                    if above > last_start and above_signs and _leading_prose(text, last_start, above):
                        found.append(above)
                        last_start = above
                        seen = set()
                if current is None:
                    is_new = (
                        start > last_start
                        and (signs or _body_opens(text, m, limit))
                        and (label >= 0 or _leading_prose(text, last_start, start))
                        and not _routed_as_own(text, max(floor, last_start), start, m)
                    )
                    if not is_new and pos > last_start and _routed_as_another(text, max(floor, last_start), pos, m):
                        start, is_new = pos, True  # the header above is another cable's, cut before its body
                elif key == current:
                    # a second record of the same cable: its body, then routing again (an old
                    # telegram form repeats the line after its own routing, with no prose between)
                    # (not an old telegram's own second copy: "NNNN … CONFIDENTIAL PTQ2121 PAGE 01 ROME 01196")
                    is_new = signs > 0 and _leading_prose(text, floor, start, capitals=False)
                else:
                    is_new = signs > 0 or _body_opens(text, m, limit)
                if is_new:
                    found.append(start)
                    last_start = start
                    seen = set()
                current = key
                seen.add(key)
        floor = m.end()
    return found


def split(text: str, *, year: Optional[int] = None, metadata: Optional[Mapping[str, object]] = None) -> list[Segment]:
    """The cables in ``text``, in order; together they are exactly ``text``.

    A single cable gives one segment.  Works on raw legacy text, repaired
    text and the ``cables.csv`` row form.

    A segment without a date of its own takes the year of the one before
    (the seed's Seoul cable is ``08SEOUL55``, after the 2008 MTCR cable);
    the first takes ``year``.  ``metadata``, the fields of the record the
    text comes from (see :func:`cablefix.parse`), is the first segment's.

    >>> [s.cable.classification for s in split("S E C R E T SEOUL 000055 SUBJECT: X")]
    ['SECRET']
    """
    require_str(text, "split")
    read = as_read(text)  # (a lone \r is a line end: the boundaries are the same with any; offsets are the input's)
    records = _row_spans(read)
    cuts = [0] + _boundaries(read, records) + [len(text)]
    opening = {r.start: r for r in records}
    segments: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        lead = a + len(read[a:b]) - len(read[a:b].lstrip())
        record = opening.get(lead)
        if record:  # a pasted cables.csv row: the row's own fields
            cable = _record_cable(read, record, b, year)
        else:
            cable = parse(read[a:b], year=year, metadata=metadata if a == 0 else None)
        year = year_hint(cable.year)  # (the next segment's hint: not a damaged date's year)
        segments.append(Segment(a, b, text[a:b], cable))
    return segments


#: How far into a pasted row's body its classification line, wrapped, may reach.
_WRAPPED_LINE = 160


def _record_cable(text: str, record: _RowSpan, end: int, year: Optional[int]) -> Cable:
    r"""The cable of a segment that opens with a pasted ``cables.csv`` row:
    the row's reference id, record id and date, origin, classification and
    references (then those its body names), its other fields parsed from the
    row's header and body, and its body the row's, unquoted.

    >>> row = '12055,11/12/2003 16:26,03THEHAGUE2835,"Embassy The Hague",SECRET//NOFORN,03THEHAGUE2568,'
    >>> row += '"","S E C R E T THE HAGUE 002835 ""X"" Y"'
    >>> c = split("… E.O. 12958: DECL: … TA...\n\",\n" + row)[1].cable
    >>> c.reference_id, c.record_date, c.origin, c.classification, c.references
    ('03THEHAGUE2835', '11/12/2003 16:26', 'Embassy The Hague', 'SECRET//NOFORN', ('03THEHAGUE2568',))
    >>> c.body
    'S E C R E T THE HAGUE 002835 "X" Y'
    """
    m = CSV_RECORD.match(text, record.start, end)
    if m is None:  # (cannot happen: the row was found there)
        return parse(text[record.start : end], year=year)
    row = read_csv_record(text, m, end)  # up to the segment's end: a row whose body lost its closing quote
    cable = parse(row.header + "\n" + row.body, year=year_hint(row.year))  # (a damaged row's date: no hint)
    own = row.reference_id
    references = tuple(r for r in (row.references or cable.references) if r != own)
    station, serial = cable.station, cable.serial
    if station is None:  # the export wrapped the classification line: "… SECTION 01 OF 04 THE⏎HAGUE 000196"
        line = next(classification_lines(" ".join(row.body[:_WRAPPED_LINE].split())), None)
        if line is not None:
            station, serial = cable_key(line)
    return replace(
        cable,
        station=station,
        serial=serial,
        reference_id=own,
        record_id=row.record_id,
        record_date=row.date,
        origin=row.origin or cable.origin,
        classification=row.classification or cable.classification,
        references=references,
        body=with_newlines(row.body),
        year=row.year,
    )
