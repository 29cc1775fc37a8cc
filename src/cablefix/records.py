"""Reading and writing the input formats of the ``cablefix`` command.

``text`` (a file is one record), ``jsonl`` (one JSON object a line),
``csv`` (a header row; other columns pass through untouched) and
``cables-csv`` (the WikiLeaks ``cables.csv``: no header; id, date, reference
id, origin, classification, references, header, body; multi-line quoted
fields).  Every reader streams: a 1.6 GB file never sits in memory.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from typing import IO, Iterable, Iterator, Optional

from .decode import decode

FORMATS = ("text", "jsonl", "csv", "cables-csv")

#: The columns of the WikiLeaks ``cables.csv``.
CABLES_CSV_COLUMNS = ("id", "date", "reference_id", "origin", "classification", "references", "header", "body")
CABLES_CSV_BODY = CABLES_CSV_COLUMNS.index("body")

#: Field names tried, in order, when ``--column`` is not given.
DEFAULT_COLUMNS = ("body", "text", "content")


def _raise_csv_limit() -> None:
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


_raise_csv_limit()


class MalformedRecord(ValueError):
    """A record that cannot be read; ``line`` is where it starts."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass
class Record:
    """One record: its number (1-based), the line it starts on, the text to
    work on, and what is needed to write it back (``raw`` for a record that
    could not be read, which passes through unchanged)."""

    number: int
    line: int
    text: Optional[str]
    container: object = None
    key: object = None
    raw: Optional[str] = None
    error: Optional[str] = None
    prefix: str = ""


def guess_format(path: str) -> str:
    """The format a file name suggests: ``.jsonl`` → ``jsonl``, ``cables.csv``
    → ``cables-csv``, ``.csv`` → ``csv``, anything else ``text``.

    >>> guess_format("cables.csv"), guess_format("legacy.jsonl"), guess_format("seed.txt")
    ('cables-csv', 'jsonl', 'text')
    """
    name = path.lower().rsplit("/", 1)[-1]
    if name.endswith((".jsonl", ".ndjson", ".jsonl.txt")):
        return "jsonl"
    if name == "cables.csv" or name.endswith(".cables.csv"):
        return "cables-csv"
    if name.endswith(".csv"):
        return "csv"
    return "text"


def _describe(names: list[str]) -> str:
    shown = [repr(n[:30] + ("…" if len(n) > 30 else "")) for n in names[:8]]
    return ", ".join(shown) + (f" and {len(names) - 8} more" if len(names) > 8 else "")


def _pick_column(names: list[str], column: Optional[str], line: int) -> str:
    if column:
        if column not in names:
            raise MalformedRecord(line, f"no column {column!r} (columns: {_describe(names)})")
        return column
    for name in DEFAULT_COLUMNS:
        if name in names:
            return name
    hint = (
        "; this looks like a WikiLeaks cables.csv: use --format cables-csv"
        if len(names) == len(CABLES_CSV_COLUMNS) and names[0].isdigit()
        else "; name one with --column"
    )
    raise MalformedRecord(line, f"no text column (columns: {_describe(names)}){hint}")


def read_text(stream: IO[bytes]) -> Iterator[Record]:
    """The whole stream as one record, decoded (UTF-8, else chardet)."""
    yield Record(1, 1, decode(stream.read()))


#: Bytes that were not UTF-8, as ``surrogateescape`` decoding keeps them.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def utf8_lines(stream: IO[bytes]) -> Iterator[str]:
    """The lines of a binary stream as text.  Bytes that are not UTF-8 are
    kept as ``surrogateescape`` code points, so a record holding them can be
    reported and written back byte for byte (open the output with
    ``errors="surrogateescape"``)."""
    for raw in stream:
        yield raw.decode("utf-8", errors="surrogateescape")


def _not_utf8(text: str) -> Optional[str]:
    bad = _UNDECODABLE.search(text)
    return None if bad is None else f"not UTF-8 (byte 0x{ord(bad.group()) - 0xDC00:02x} at character {bad.start()}); passed through unchanged"


def read_jsonl(stream: Iterable[str], column: Optional[str]) -> Iterator[Record]:
    """One record per non-empty line; the text is the ``column`` field."""
    number = 0
    for line_no, line in enumerate(stream, 1):
        if not line.strip():
            continue
        number += 1
        problem = _not_utf8(line)
        if problem:
            yield Record(number, line_no, None, raw=line, error=problem)
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise MalformedRecord(line_no, "not a JSON object")
            key = _pick_column(list(obj), column, line_no)
            if not isinstance(obj[key], str):
                raise MalformedRecord(line_no, f"field {key!r} is not a string")
            yield Record(number, line_no, obj[key], obj, key)
        except (ValueError, MalformedRecord) as err:
            reason = err.reason if isinstance(err, MalformedRecord) else f"not JSON ({err})"
            yield Record(number, line_no, None, raw=line, error=reason)


class _QuoteCounter:
    """Passes lines on to the csv reader and counts their ``"`` characters:
    an odd count at the end means a quoted field was never closed."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = iter(lines)
        self.quotes = 0

    def __iter__(self) -> "_QuoteCounter":
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.quotes += line.count('"')
        return line


def read_csv(stream: Iterable[str], column: Optional[str], cables: bool) -> Iterator[Record]:
    """Rows of a CSV file.  A header row (unless ``cables``) comes first as
    record 0, which passes through unchanged.  A row with bytes that are not
    UTF-8 passes through unchanged; a file that ends inside a quoted field
    has its last record flagged as truncated (its text is still cleaned)."""
    counter = _QuoteCounter(stream)
    for record in _read_csv(counter, column, cables):
        yield record
    if counter.quotes % 2:
        yield Record(-1, 0, None, error="the file ends inside a quoted field (truncated?)")


def _read_csv(stream: Iterable[str], column: Optional[str], cables: bool) -> Iterator[Record]:
    reader = csv.reader(stream)
    key = CABLES_CSV_BODY
    name = "body"
    if not cables:
        header = next(reader, None)
        if header is None:
            return
        yield Record(0, 1, None, header, None)
        name = _pick_column(header, column, 1)
        key = header.index(name)
    number = 0
    line = reader.line_num + 1
    for row in reader:
        number += 1
        problem = next(filter(None, map(_not_utf8, row)), None)
        if problem:
            yield Record(number, line, None, row, None, error=problem)
        elif len(row) <= key:
            yield Record(number, line, None, row, None, error=f"{len(row)} fields, no {name!r}")
        elif cables:  # parse reads the row's own fields in the cables.csv row form
            yield Record(number, line, row[key], row, key, prefix=" ".join(row[:key]) + "\n")
        else:
            yield Record(number, line, row[key], row, key)
        line = reader.line_num + 1


class Writer:
    """Writes records back in their format, each with its text replaced."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        self.out = out
        self.fmt = fmt
        if fmt == "cables-csv":
            self.csv = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
        else:
            self.csv = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")

    def write(self, record: Record, text: Optional[str]) -> None:
        """Write ``record``; ``text`` replaces its text (``None``: unchanged)."""
        if record.number < 0:  # a notice about the file, no data
            return
        if self.fmt == "text":
            self.out.write(text if text is not None else (record.text or ""))
        elif self.fmt == "jsonl":
            if not isinstance(record.container, dict):
                raw = record.raw or ""
                self.out.write(raw if raw.endswith("\n") or not raw else raw + "\n")
                return
            obj = dict(record.container)
            if text is not None:
                obj[record.key] = text
            self.out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        else:
            row = list(record.container) if isinstance(record.container, list) else []
            if text is not None and isinstance(record.key, int):
                row[record.key] = text
            self.csv.writerow(row)
