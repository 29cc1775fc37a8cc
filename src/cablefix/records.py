"""Reading and writing the input formats of the ``cablefix`` command.

``text`` (a file is one record), ``jsonl`` (one JSON object a line),
``csv`` (a header row; other columns pass through untouched) and
``cables-csv`` (the WikiLeaks ``cables.csv``: no header; id, date, reference
id, origin, classification, references, header, body; multi-line quoted
fields).  Every reader streams: a 1.6 GB file never sits in memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from typing import IO, Any, Iterator, Optional

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


class _Watched(io.RawIOBase):
    """A binary stream read through in large blocks, noting what the readers
    need to know of it: how many ``"`` bytes it held (``quotes``: an odd
    count is a quoted field never closed) and whether any bytes were not
    UTF-8 (``not_utf8``: until then no record needs checking).  Closing it
    leaves the stream it reads open."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.quotes = 0
        self.not_utf8 = False
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        # what is there now, without waiting for a whole block (a pipe stays live)
        self._read = getattr(raw, "read1", raw.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._read(len(buffer))
        self.quotes += data.count(b'"')
        ascii_only = data.isascii() and not self._utf8.getstate()[0]  # nothing to decode: most blocks
        if not self.not_utf8 and not ascii_only:
            try:
                self._utf8.decode(data, final=not data)
            except UnicodeDecodeError:
                self.not_utf8 = True
        buffer[: len(data)] = data
        return len(data)


def utf8_lines(stream: IO[bytes], newline: Optional[str] = "\n") -> "io.TextIOWrapper":
    """The lines of a binary stream as text, decoded in large blocks.  Bytes
    that are not UTF-8 are kept as ``surrogateescape`` code points, so a
    record holding them can be reported and written back byte for byte (open
    the output with ``errors="surrogateescape"``).  ``newline`` as for
    :func:`open` (``""`` for CSV).  What was seen of the bytes is in
    ``watched(lines)``."""
    buffered = io.BufferedReader(_Watched(stream), buffer_size=1 << 20)
    return io.TextIOWrapper(buffered, encoding="utf-8", errors="surrogateescape", newline=newline)


def watched(lines: "io.TextIOWrapper") -> _Watched:
    """The :class:`_Watched` stream under lines from :func:`utf8_lines`."""
    return lines.buffer.raw  # type: ignore[attr-defined, no-any-return]


def _not_utf8(text: str) -> Optional[str]:
    bad = _UNDECODABLE.search(text)
    return None if bad is None else f"not UTF-8 (byte 0x{ord(bad.group()) - 0xDC00:02x} at character {bad.start()}); passed through unchanged"


def read_jsonl(stream: "io.TextIOWrapper", column: Optional[str]) -> Iterator[Record]:
    """One record per non-empty line (from :func:`utf8_lines`); the text is
    the ``column`` field."""
    seen = watched(stream)
    number = 0
    for line_no, line in enumerate(stream, 1):
        if not line.strip():
            continue
        number += 1
        problem = _not_utf8(line) if seen.not_utf8 else None
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


def read_csv(stream: "io.TextIOWrapper", column: Optional[str], cables: bool) -> Iterator[Record]:
    """Rows of a CSV file (from :func:`utf8_lines` with ``newline=""``).  A
    header row (unless ``cables``) comes first as record 0, which passes
    through unchanged.  A row with bytes that are not UTF-8 passes through
    unchanged; a file that ends inside a quoted field has its last record
    flagged as truncated (its text is still cleaned)."""
    yield from _read_csv(stream, column, cables)
    if watched(stream).quotes % 2:  # an odd count: a quote never closed
        yield Record(-1, 0, None, error="the file ends inside a quoted field (truncated?)")


def _read_csv(stream: "io.TextIOWrapper", column: Optional[str], cables: bool) -> Iterator[Record]:
    seen = watched(stream)
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
        problem = next(filter(None, map(_not_utf8, row)), None) if seen.not_utf8 else None
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
            if self.fmt == "cables-csv":  # every field quoted: what csv.writer writes, faster
                self.out.write(",".join(['"' + field.replace('"', '""') + '"' for field in row]) + "\n")
            else:
                self.csv.writerow(row)
