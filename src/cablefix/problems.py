"""What is wrong with a record as one cable: the anomalies a corpus holds.

A record of a cable corpus is meant to be one cable.  Some are not:

- ``run_on``: another cable runs on after this one (the seed: a Seoul cable
  after the MTCR one), found by :func:`cablefix.split`;
- ``embedded_row``: an export pasted a whole ``cables.csv`` row into the body;
- ``truncated``: the text breaks off with ``...`` before such a row or at its
  end (an extract, not the cable);
- ``body_mismatch``: the body's own station and serial are another cable's
  (:func:`cablefix.body_mismatch` against the record's reference id).

``cablefix check FILE`` prints them, one JSON line each.
"""

from __future__ import annotations

import re
from typing import Mapping, NamedTuple, Optional

from .decode import require_str
from .parse import body_mismatch
from .split import split

#: A text that breaks off: ``...`` at its end, before blanks, quotes and commas.
BREAKS_OFF = re.compile(r"\.\.\.[\s\",]*\Z")


class Problem(NamedTuple):
    """One anomaly: its ``kind`` (see the module), where in the text it
    starts, and what it is, in words."""

    kind: str
    start: int
    detail: str


def problems(text: str, *, year: Optional[int] = None, metadata: Optional[Mapping[str, object]] = None) -> list[Problem]:
    """The anomalies of one record's text, in order; ``metadata``: the
    record's own fields, as :func:`cablefix.parse` takes them.

    >>> seed = "S E C R E T STATE 002034 SUBJECT: X\\n\\n1. Text.\\n\\nS E C R E T SEOUL 000055\\n\\nSUBJECT: Y\\n\\n1. More."
    >>> [p.kind for p in problems(seed, year=2008)]
    ['run_on']
    >>> problems("S E C R E T SECTION 01 OF 04 MOSCOW 005154", metadata={"reference_id": "07PARIS2725"})[0].detail
    'the body is MOSCOW 5154, not PARIS 2725'
    """
    require_str(text, "problems")
    metadata = metadata or {}
    found: list[Problem] = []
    segments = split(text, year=year, metadata=metadata)
    own_record = metadata.get("record_id")
    own_id = metadata.get("reference_id")
    if isinstance(own_id, str):
        why = body_mismatch(segments[0].cable, own_id)
        if why:
            found.append(Problem("body_mismatch", 0, why))
    for n, segment in enumerate(segments):
        cable = segment.cable
        pasted = cable.record_id is not None and cable.record_id != own_record and (n > 0 or bool(metadata))
        if n > 0 or pasted:
            name = cable.reference_id or "a cable"
            if pasted:
                found.append(Problem("embedded_row", segment.start, f"a pasted cables.csv row: record {cable.record_id}, {name}"))
            else:
                found.append(Problem("run_on", segment.start, f"{name} runs on from here"))
        cut = BREAKS_OFF.search(segment.text) if len(segments) > 1 else None
        if cut:
            found.append(Problem("truncated", segment.start + cut.start(), "the text breaks off ('...') here"))
    return found
