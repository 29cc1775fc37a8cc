"""Reading and writing the input formats of the ``cablefix`` command.

``text`` (a file is one record), ``jsonl`` (one JSON object a line),
``csv`` (a header row; other columns pass through untouched) and
``cables-csv`` (the WikiLeaks ``cables.csv``: no header; id, date, reference
id, origin, classification, references, header, body).

Every record keeps the text it was read from (``raw``) and where its text
field lies in it (``span``): it is written back with only that token
replaced, so every other byte stays as it was, and a record whose text did
not change is written byte for byte.  Every reader streams: a 1.6 GB file
never sits in memory.

The CSV reader knows two dialects; ``cables-csv`` takes the one its rows
show (:func:`detect_dialect`), ``csv`` is standard:

* ``release``: the dialect of the release ``cables.csv``: every field quoted,
  a quote inside a field written ``\\"``, an apostrophe ``\\'``, a backslash
  ``\\\\`` (the escapes of PHP's ``addslashes``: never a doubled quote), line
  breaks inside fields as they are;
* ``standard``: RFC 4180 quoting, ``""`` for a quote inside a quoted field.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from dataclasses import dataclass, field
from typing import IO, Any, Callable, Iterator, Mapping, NamedTuple, Optional, Union

from .decode import decode

FORMATS = ("text", "jsonl", "csv", "cables-csv")

#: The columns of the WikiLeaks ``cables.csv``.
CABLES_CSV_COLUMNS = ("id", "date", "reference_id", "origin", "classification", "references", "header", "body")
CABLES_CSV_BODY = CABLES_CSV_COLUMNS.index("body")

#: Field names tried, in order, when ``--column`` is not given.
DEFAULT_COLUMNS = ("body", "text", "content")

#: Characters read from the stream at a time (what is there: a pipe stays live).
BLOCK = 1 << 20


class MalformedRecord(ValueError):
    """A record that cannot be read; ``line`` is where it starts."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


def _same(text: str) -> str:
    return text


@dataclass
class Record:
    """One record: its number (1-based; 0 for a header row or a blank line,
    which are no records; -1 for a notice about the file), the line it
    starts on, the text to work on (``None``: nothing to work on, the record
    passes through unchanged) and how to write it back: ``raw`` is the
    record as read, ``span`` where the text's token lies in it and
    ``encode`` what turns a new text into such a token."""

    number: int
    line: int
    text: Optional[str]
    raw: str = ""
    span: tuple[int, int] = (0, 0)
    encode: Callable[[str], str] = _same
    error: Optional[str] = None
    #: the record's fields by name (decoded when asked: only parse and split need them)
    values: Optional[Callable[[], Mapping[str, object]]] = field(default=None, repr=False)

    def fields(self) -> Mapping[str, object]:
        """The record's fields by name (its text among them); empty for text."""
        return self.values() if self.values is not None else {}

    def rewritten(self, text: Optional[str]) -> str:
        """The record as it is written with ``text`` (``None``: unchanged)."""
        if text is None or text == self.text:
            return self.raw
        start, end = self.span
        return self.raw[:start] + self.encode(text) + self.raw[end:]


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


def sniff_format(stream: IO[bytes]) -> str:
    """``jsonl`` when the first line the stream holds (peeked, not consumed)
    is a JSON object, else ``text``: how standard input is read when no
    ``--format`` is given.

    >>> sniff_format(io.BufferedReader(io.BytesIO(b'{"body": "don,t"}\\n'))), sniff_format(io.BufferedReader(io.BytesIO(b"{ not json")))
    ('jsonl', 'text')
    >>> sniff_format(io.BufferedReader(io.BytesIO(b'{"Quoted" heading} don,t')))
    'text'
    """
    peek = getattr(stream, "peek", None)
    if peek is None:
        return "text"
    head = peek(1 << 16)[: 1 << 16]
    first = head.split(b"\n", 1)[0].lstrip(b"\xef\xbb\xbf \t\r")
    if not first.startswith(b"{"):
        return "text"
    try:
        return "jsonl" if isinstance(json.loads(first), dict) else "text"
    except ValueError:
        # a first line longer than the peek (a pipe's buffer holds 8 KB; a
        # cable's line is often longer): an object's first key tells; a
        # short line that does not parse is text (``{"Quoted" heading}``)
        long = b"\n" not in head and len(head) >= LONG_FIRST_LINE
        return "jsonl" if long and re.match(rb'\{\s*"', first) else "text"


#: Bytes of a first line without its end that :func:`sniff_format` takes for
#: a JSON line longer than the peek (half a pipe's buffer).
LONG_FIRST_LINE = 4096


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


# --------------------------------------------------------------------------
# Reading bytes: blocks and lines, noting bytes that are not UTF-8
# --------------------------------------------------------------------------


def read_records(stream: IO[bytes], fmt: Optional[str], column: Optional[str] = None) -> tuple[str, Iterator[Record]]:
    """The format (``None``: sniffed from the first bytes, :func:`sniff_format`)
    and the records of a binary stream, as the ``cablefix`` command reads them."""
    fmt = fmt or sniff_format(stream)
    if fmt == "text":
        return fmt, read_text(stream)
    if fmt == "jsonl":
        return fmt, read_jsonl(utf8_lines(stream), column)
    return fmt, read_csv(stream, column, cables=fmt == "cables-csv")


def read_text(stream: IO[bytes]) -> Iterator[Record]:
    """The whole stream as one record, decoded (UTF-8, else chardet)."""
    text = decode(stream.read())
    yield Record(1, 1, text, raw=text, span=(0, len(text)))


#: Bytes that were not UTF-8, as ``surrogateescape`` decoding keeps them.
_UNDECODABLE = re.compile("[\udc80-\udcff]")
#: Any surrogate code point: in a JSON string only an escaped lone one.
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Watched(io.RawIOBase):
    """A binary stream read through in large blocks, noting whether any
    bytes were not UTF-8 (``not_utf8``: until then no record needs
    checking).  Closing it leaves the stream it reads open."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.not_utf8 = False
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        # what is there now, without waiting for a whole block (a pipe stays live)
        self._read = getattr(raw, "read1", raw.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._read(len(buffer))
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
    :func:`open`; the default splits at ``\\n`` only and keeps ``\\r\\n``.
    What was seen of the bytes is in ``watched(lines)``."""
    buffered = io.BufferedReader(_Watched(stream), buffer_size=BLOCK)
    return io.TextIOWrapper(buffered, encoding="utf-8", errors="surrogateescape", newline=newline)


def watched(lines: "io.TextIOWrapper") -> _Watched:
    """The :class:`_Watched` stream under lines from :func:`utf8_lines`."""
    return lines.buffer.raw  # type: ignore[attr-defined, no-any-return]


class _Blocks:
    """A binary stream as text in blocks of what is there (at most
    ``BLOCK`` characters), decoded as :func:`utf8_lines` does."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.watched = _Watched(stream)
        self._buffered = io.BufferedReader(self.watched, buffer_size=BLOCK)
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
        self.eof = False

    def read(self) -> str:
        """The next block ('' at the end; then ``eof`` is set)."""
        while not self.eof:
            data = self._buffered.read1(BLOCK)
            text = self._decoder.decode(data, final=not data)
            if not data:
                self.eof = True
            if text or self.eof:
                return text
        return ""


def _not_utf8(text: str) -> Optional[str]:
    bad = _UNDECODABLE.search(text)
    return None if bad is None else f"not UTF-8 (byte 0x{ord(bad.group()) - 0xDC00:02x} at character {bad.start()}); passed through unchanged"


# --------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------

#: A JSON string token, or a character of the structure around values.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]')


def json_value_span(line: str, key: str) -> Optional[tuple[int, int]]:
    """Where the string value of ``key`` (its last occurrence, as
    :func:`json.loads` reads it) lies in ``line``, a valid JSON object, with
    its quotes; ``None`` when that value is no string.

    >>> line = '{"body": "x", "n": 1e400, "body": "don,t"}'
    >>> start, end = json_value_span(line, "body"); line[start:end]
    '"don,t"'
    """
    found: Optional[tuple[int, int]] = None
    depth = 0
    last_key: Optional[str] = None
    expect_key = False
    after_colon = -1  # where the value of last_key starts, once its ':' is read
    for m in _JSON_TOKEN.finditer(line):
        token = m.group()
        if token[0] == '"':
            if depth == 1 and after_colon >= 0:
                if last_key == key:
                    found = (m.start(), m.end()) if not line[after_colon : m.start()].strip() else None
                after_colon = -1
            elif depth == 1 and expect_key:
                last_key = token[1:-1] if "\\" not in token else json.loads(token)
                expect_key = False
            continue
        if token in "{[":
            if depth == 1 and after_colon >= 0:
                if last_key == key:
                    found = None  # the key's value is an object or array
                after_colon = -1
            depth += 1
            expect_key = token == "{" and depth == 1
        elif token in "}]":
            depth -= 1
        elif token == ":":
            if depth == 1:
                after_colon = m.end()
        elif token == "," and depth == 1:
            if after_colon >= 0 and last_key == key:
                found = None  # a number, true, false or null
            after_colon = -1
            expect_key = True
    if after_colon >= 0 and last_key == key:
        found = None
    return found


def _json_encoder(token: str) -> Callable[[str], str]:
    """Writes a text as a JSON string the way ``token`` was written: with
    ``\\uXXXX`` escapes if it used them, else UTF-8."""
    ascii_only = "\\u" in token
    return lambda text: json.dumps(text, ensure_ascii=ascii_only)


def read_jsonl(stream: "io.TextIOWrapper", column: Optional[str]) -> Iterator[Record]:
    """One record per non-blank line (from :func:`utf8_lines`); the text is
    the ``column`` field, a JSON string.  Blank lines, ``\\r\\n`` endings, a
    byte-order mark and every other byte of a line are kept as they are."""
    seen = watched(stream)
    number = 0
    for line_no, line in enumerate(stream, 1):
        skip = 1 if line_no == 1 and line.startswith("\ufeff") else 0
        body = line[skip:]
        if not body.strip():
            yield Record(0, line_no, None, raw=line)
            continue
        number += 1
        problem = _not_utf8(line) if seen.not_utf8 else None
        if problem:
            yield Record(number, line_no, None, raw=line, error=problem)
            continue
        try:
            obj = json.loads(body)
            if not isinstance(obj, dict):
                raise MalformedRecord(line_no, "not a JSON object")
            key = _pick_column(list(obj), column, line_no)
            text = obj[key]
            span = json_value_span(body, key) if isinstance(text, str) else None
            if span is None:
                raise MalformedRecord(line_no, f"field {key!r} is not a string")
            bad = _SURROGATE.search(text)
            if bad:
                raise MalformedRecord(
                    line_no, f"field {key!r} holds a lone surrogate (\\u{ord(bad.group()):04x}), which is no text; passed through unchanged"
                )
            token = body[span[0] : span[1]]
            yield Record(
                number, line_no, text, raw=line, span=(span[0] + skip, span[1] + skip), encode=_json_encoder(token), values=lambda obj=obj: obj
            )
        except (ValueError, MalformedRecord, RecursionError) as err:
            reason = err.reason if isinstance(err, MalformedRecord) else f"not JSON ({err})"
            yield Record(number, line_no, None, raw=line, error=reason)


# --------------------------------------------------------------------------
# CSV: two dialects, one row scanner
# --------------------------------------------------------------------------


class Dialect(NamedTuple):
    """How a CSV dialect quotes: the pattern of a quoted field from its
    opening quote to its closing one (group 1: what is between), and the
    functions between that and the field's value."""

    name: str
    quoted: "re.Pattern[str]"
    unquote: Callable[[str], str]
    quote: Callable[[str], str]
    #: characters that make a value need quotes
    special: str


_UNESCAPE = re.compile(r"\\(.)", re.S)


def _unslash(content: str) -> str:
    r"""The value of a field in the release dialect: ``\x`` is ``x`` (``\0``
    a NUL character).

    >>> _unslash(r"Taiwan\'s \"policy\" C:\\")
    'Taiwan\'s "policy" C:\\'
    """
    if "\\" not in content:
        return content
    if "\\0" not in content:
        return _UNESCAPE.sub(r"\1", content)  # (a template: no call per escape)
    return _UNESCAPE.sub(lambda m: "\0" if m.group(1) == "0" else m.group(1), content)


def _slash(value: str) -> str:
    r"""A value as a quoted field of the release dialect (``addslashes``).

    >>> print(_slash('Taiwan\'s "policy" C:\\'))
    "Taiwan\'s \"policy\" C:\\"
    """
    value = value.replace("\\", "\\\\").replace('"', '\\"').replace("'", "\\'").replace("\0", "\\0")
    return '"' + value + '"'


RELEASE = Dialect(
    "release",
    re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"', re.S),
    _unslash,
    _slash,
    ',"\r\n\\\'\0',
)
STANDARD = Dialect(
    "standard",
    re.compile(r'"([^"]*(?:""[^"]*)*)"(?!")'),  # (not the first quote of a pair: the block may end after it)
    lambda content: content.replace('""', '"'),
    lambda value: '"' + value.replace('"', '""') + '"',
    ',"\r\n',
)
#: Rows read before one shows the dialect, which read alike in both, are
#: read as release rows and written back with an apostrophe bare, which
#: both read alike; once a row's escapes (``\\'``) lean to the release
#: dialect, rows are written in it.
UNDECIDED = RELEASE._replace(
    name="release or standard",
    quote=lambda value: '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\0", "\\0") + '"',
)
DIALECTS = {d.name: d for d in (RELEASE, STANDARD)}

#: A field that does not start with a quote runs to the next comma or line end.
_UNQUOTED = re.compile(r'(?!")[^,\n]*')


class _Row(NamedTuple):
    """A row found by :func:`_scan_row`: the spans of its fields (each with
    whether it was quoted), where it ends (after its line end) and whether
    the stream ended inside its last field."""

    fields: list[tuple[int, int, bool]]
    end: int
    truncated: bool = False


class _Bad(NamedTuple):
    """A row that does not parse: where the scan failed and why."""

    at: int
    reason: str


_MORE = None  # the row may go on past what has been read


def _scan_row(buf: str, pos: int, final: bool, dialect: Dialect, most: int) -> Union[_Row, _Bad, None]:
    """The row starting at ``pos`` in ``buf``; ``None`` when it may go on
    past ``buf`` (unless ``final``: the stream ends there).  At most
    ``most`` fields (beyond: malformed)."""
    fields: list[tuple[int, int, bool]] = []
    n = len(buf)
    i = pos
    while True:
        if len(fields) >= most:
            return _Bad(i, f"more than {most} fields")
        if i < n and buf[i] == '"':
            m = dialect.quoted.match(buf, i)
            if m is None:  # no closing quote before the end of what was read
                if not final:
                    return _MORE
                fields.append((i, n, True))
                return _Row(fields, n, truncated=True)
            end, quoted = m.end(), True
        else:
            m = _UNQUOTED.match(buf, i)
            if m is None:
                return _Bad(i, "a quote inside an unquoted field")  # (not reached: a field starts here)
            end, quoted = m.end(), False
            if end > i and buf[end - 1] == "\r" and end < n:
                end -= 1  # the \r of a \r\n line end
        if end >= n:
            if not final:
                return _MORE
            fields.append((i, end, quoted))
            return _Row(fields, n)
        fields.append((i, end, quoted))
        c = buf[end]
        if c == ",":
            i = end + 1
        elif c == "\n":
            return _Row(fields, end + 1)
        elif c == "\r" and end + 1 < n and buf[end + 1] == "\n":
            return _Row(fields, end + 2)
        elif c == "\r" and end + 1 >= n and not final:
            return _MORE
        else:
            where = "a closing quote" if quoted else "a field"
            return _Bad(end, f"{buf[end]!r} after {where} (not {dialect.name} CSV quoting?)")


#: A backslash and what it escapes.
_ESCAPE = re.compile(r"\\(.)", re.S)
#: What the release dialect escapes (``addslashes``): nothing else follows a backslash there.
_SLASHED = frozenset("\\'\"0")
#: A doubled quote inside a field (not an empty field ``""``).
_DOUBLED = re.compile(r'(?<![,\n])""|""(?![,\r\n]|$)')


def _sign(raw: str) -> Optional[Dialect]:
    """The dialect a row's raw text shows, if it shows one: a backslash
    before anything ``addslashes`` does not escape is no release row; ``\\'``,
    ``\\"`` or ``\\\\`` is one; a doubled quote inside a field is standard;
    both are no sign."""
    doubled = '""' in raw and _DOUBLED.search(raw) is not None
    if "\\" in raw:
        escaped = {m.group(1) for m in _ESCAPE.finditer(raw)}
        if not escaped <= _SLASHED:
            return STANDARD
        if escaped - {"0"}:
            return None if doubled else RELEASE  # (both: no sign)
    return STANDARD if doubled else None


def _good(row: Union[_Row, _Bad, None], width: Optional[int], dialect: Dialect) -> bool:
    """Whether a row reads whole and ``width`` wide (in the release
    dialect: every field quoted, as it writes them)."""
    if not isinstance(row, _Row) or row.truncated or (width is not None and len(row.fields) != width):
        return False
    return dialect is not RELEASE or all(quoted for _a, _b, quoted in row.fields)


def detect_dialect(buf: str, width: Optional[int], default: Dialect) -> Dialect:
    r"""The dialect of the CSV rows ``buf`` starts with: the first row that
    parses in one dialect only, or that shows one (:func:`_sign`), decides;
    ``default`` when none does (then both read the rows alike).

    >>> detect_dialect('"1","Taiwan\\\'s \\"policy\\""\n', 2, STANDARD).name
    'release'
    >>> detect_dialect('"1","a ""quoted"" word"\n', 2, RELEASE).name
    'standard'
    """
    scanner = _Scanner(io.BytesIO(buf.encode("utf-8", "surrogateescape")))
    scanner.dialect = default
    for _ in scanner.rows(width):
        if scanner.decided:
            break
    return scanner.dialect


class _Scanner:
    """The rows of a CSV stream in order, each with its raw text: a row
    that does not parse is given raw, up to the next line where a row of
    ``width`` fields parses, with the reason."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.blocks = _Blocks(stream)
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.first = True  # (a byte-order mark may open the first row)
        self.dialect = STANDARD
        self.decided = False
        self.leans: Optional[Dialect] = None  # what the rows' escapes showed, while undecided

    @property
    def not_utf8(self) -> bool:
        return self.blocks.watched.not_utf8

    def fill(self, least: int = 0) -> bool:
        """Read on (dropping what was consumed): at least ``least`` more
        characters if there are; whether anything came."""
        self.buf = self.buf[self.pos :]
        self.pos = 0
        got = False
        want = max(least, 1)
        while want > 0 and not self.blocks.eof:
            block = self.blocks.read()
            self.buf += block
            want -= len(block)
            got = got or bool(block)
        return got

    def _decide(self, row: Union[_Row, _Bad], start: int, most: int, width: Optional[int]) -> Union[_Row, _Bad, None]:
        """While the dialect is open: the row at ``start`` in the dialect
        it decides, if it decides (it parses in one dialect only, or shows
        one); else as read (``None``: more of the stream is needed)."""
        if isinstance(row, _Row) and not row.truncated:
            raw = self.buf[start : row.end]
            if "\\" not in raw and '""' not in raw:
                return row  # read alike in both dialects
        other = STANDARD if self.dialect is RELEASE else RELEASE
        again = _scan_row(self.buf, start, self.blocks.eof, other, most)
        if again is None:
            return None
        here, there = _good(row, width, self.dialect), _good(again, width, other)
        sure = True
        if here != there:
            decided: Optional[Dialect] = self.dialect if here else other
        elif not here:
            return row
        else:
            decided = None
            if row.end != again.end:  # type: ignore[union-attr]
                # whole rows of different lengths: the dialect whose next row reads too
                after = [self._reads_on(r.end, d, most, width) for r, d in ((row, self.dialect), (again, other))]  # type: ignore[union-attr]
                if None in after:
                    return None
                decided = None if after[0] == after[1] else self.dialect if after[0] else other
            if decided is None:  # a sign only leans: a row that reads in one dialect only decides
                decided, sure = _sign(self.buf[start : row.end]), False  # type: ignore[union-attr]
                self.leans = decided or self.leans
        if decided is not None:
            self.decided = sure
            if decided is other:
                self.dialect = other
                return again
        return row

    def _reads_on(self, pos: int, dialect: Dialect, most: int, width: Optional[int]) -> Optional[bool]:
        """Whether the stream ends at ``pos`` or a whole row starts there
        (``None``: more of the stream is needed)."""
        if pos >= len(self.buf):
            return True if self.blocks.eof else None
        row = _scan_row(self.buf, pos, self.blocks.eof, dialect, most)
        return None if row is None else _good(row, width, dialect)

    def rows(self, width: Optional[int]) -> Iterator[tuple[int, str, Union[_Row, _Bad], Dialect]]:
        """``(line, raw, row, dialect)`` for each row on, ``row``'s spans
        relative to ``raw``; ``width``: how many fields a row has
        (``None``: any).  Until a row decides the dialect (see
        :func:`detect_dialect`), rows are read in the one the scanner
        starts with: they read alike in both."""
        most = width if width is not None else 1 << 16
        while True:
            if self.pos >= len(self.buf) and not self.fill():
                return
            lead = 1 if self.first and self.buf.startswith("\ufeff", self.pos) else 0
            row = _scan_row(self.buf, self.pos + lead, self.blocks.eof, self.dialect, most)
            if row is not None and not self.decided:
                row = self._decide(row, self.pos + lead, most, width)
            if row is None:
                self.fill(len(self.buf) - self.pos)  # (at least doubles what is held: linear)
                continue
            if isinstance(row, _Row):
                end = row.end
                base = self.pos
                row = _Row([(a - base, b - base, q) for a, b, q in row.fields], end - base, row.truncated)
            else:
                end = self._resync(row.at, width)
                if end is None:
                    self.fill(len(self.buf) - self.pos)
                    continue
                row = _Bad(row.at - self.pos, row.reason)
            raw = self.buf[self.pos : end]
            line = self.line
            self.line += raw.count("\n")
            self.pos = end
            self.first = False
            sure = self.decided or self.dialect is STANDARD or self.leans is self.dialect
            yield line, raw, row, self.dialect if sure else UNDECIDED

    def _resync(self, at: int, width: Optional[int]) -> Optional[int]:
        """Where the rows go on after a row that failed at ``at``: the
        first line start from ``at``'s line on where a whole row of
        ``width`` fields parses (the end of the stream if none does);
        ``None`` when that needs more of the stream."""
        buf = self.buf
        most = width if width is not None else 1 << 16
        i = buf.rfind("\n", self.pos, at) + 1
        if i <= self.pos:
            i = buf.find("\n", at) + 1
        while 0 < i < len(buf):
            row = _scan_row(buf, i, self.blocks.eof, self.dialect, most)
            if row is None:
                return None
            if isinstance(row, _Row) and not row.truncated and (width is None or len(row.fields) == width):
                return i
            i = buf.find("\n", i) + 1
        if not self.blocks.eof:
            return None
        return len(buf)


def _field_encoder(dialect: Dialect, quoted: bool) -> Callable[[str], str]:
    """Writes a value as its field was: quoted, or bare if it needs no quotes."""
    if quoted:
        return dialect.quote
    special = dialect.special
    return lambda value: dialect.quote(value) if any(c in value for c in special) else value


def _value(dialect: Dialect, raw: str, span: tuple[int, int, bool], truncated: bool = False) -> str:
    a, b, quoted = span
    if not quoted:
        return raw[a:b]
    return dialect.unquote(raw[a + 1 : b if truncated else b - 1])


def read_csv(stream: IO[bytes], column: Optional[str], cables: bool) -> Iterator[Record]:
    """Rows of a CSV stream (bytes): standard CSV with a header row, or
    (``cables``) a ``cables.csv`` in the dialect its rows show
    (:func:`detect_dialect`; ``release`` until one does).  A header row (unless ``cables``) comes first as record
    0, which passes through unchanged; without a text column every row
    passes through unchanged (reported once, on the header).  A row that
    does not parse, or has bytes that are not UTF-8, passes through
    unchanged with the reason; the rows after it are read on.  A stream that
    ends inside a quoted field has its last row cleaned and a notice."""
    scanner = _Scanner(stream)
    if cables:
        names: list[str] = list(CABLES_CSV_COLUMNS)
        width: int = len(names)
        scanner.dialect = RELEASE
        key = CABLES_CSV_BODY
        if column and column not in names:
            yield Record(-1, 1, None, error=f"no column {column!r} (a cables.csv has {_describe(names)}); every row passed through unchanged")
            yield from _passed_through(scanner)
            return
        if column:
            key = names.index(column)  # ("header": the cable's header field)
    else:
        scanner.dialect, scanner.decided = STANDARD, True  # (a header row: standard CSV)
        header = next(scanner.rows(None), None)
        if header is None:
            return
        line, raw, row, dialect = header
        if isinstance(row, _Bad):
            yield Record(0, line, None, raw=raw, error=f"the header does not parse: {row.reason}")
            yield from _passed_through(scanner)
            return
        names = [_value(dialect, raw, f).lstrip("\ufeff") for f in row.fields]  # (standard)
        width = len(names)
        try:
            key = names.index(_pick_column(names, column, line))
        except MalformedRecord as err:
            yield Record(0, line, None, raw=raw, error=f"{err.reason}; every row passed through unchanged")
            yield from _passed_through(scanner)
            return
        yield Record(0, line, None, raw=raw)
    number = 0
    for line, raw, row, dialect in scanner.rows(width if cables else None):
        if isinstance(row, _Row) and len(row.fields) == 1 and row.fields[0][0] == row.fields[0][1] and not raw.strip():
            yield Record(0, line, None, raw=raw)  # a blank line
            continue
        number += 1
        if isinstance(row, _Bad):
            yield Record(number, line, None, raw=raw, error=f"{row.reason}; the row passed through unchanged")
            continue
        problem = _not_utf8(raw) if scanner.not_utf8 else None
        if problem:
            yield Record(number, line, None, raw=raw, error=problem)
            continue
        count = len(row.fields)
        if count <= key or count > width or (count < width and not row.truncated):  # (a cut row is short: see below)
            yield Record(number, line, None, raw=raw, error=f"{count} fields, not {width}; the row passed through unchanged")
            continue
        spans = row.fields
        last = row.truncated and key == len(spans) - 1
        text = _value(dialect, raw, spans[key], last)
        a, b, quoted = spans[key]
        encode = _field_encoder(dialect, quoted)
        if last:
            encode = (lambda enc: lambda value: enc(value)[:-1])(encode)  # leave the field open as it was
        values = (lambda raw=raw, spans=spans, truncated=row.truncated, dialect=dialect: {
            name: _value(dialect, raw, s, truncated and i == len(spans) - 1) for i, (name, s) in enumerate(zip(names, spans))
        })
        yield Record(number, line, text, raw=raw, span=(a, b), encode=encode, values=values)
        if row.truncated:
            yield Record(-1, line, None, error=f"line {line}: the file ends inside a quoted field (truncated?)")


def _passed_through(scanner: _Scanner) -> Iterator[Record]:
    """Every row left, unchanged (no text column to work on)."""
    for number, (line, raw, _row, _dialect) in enumerate(scanner.rows(None), 1):
        yield Record(number, line, None, raw=raw)


#: Record fields that name a cable field :func:`cablefix.parse` can take
#: (``metadata``), by their lower-case names.
METADATA_COLUMNS = {
    "reference_id": "reference_id",
    "referenceid": "reference_id",
    "record_id": "record_id",
    "date": "record_date",
    "record_date": "record_date",
    "origin": "origin",
    "classification": "classification",
    "references": "references",
    "header": "header",
}
#: A Cablegate reference id (``08STATE2034``), as an ``id`` field may hold.
_REFERENCE_ID = re.compile(r"\d{2}[A-Z][A-Z-]{1,30}\d{1,7}")


def record_metadata(fields: Mapping[str, object]) -> dict[str, object]:
    """The fields of a record that :func:`cablefix.parse` takes as
    ``metadata``: ``reference_id``, ``date``, ``origin``, ``classification``,
    ``references``, ``header`` (any case), and ``id``, a reference id
    (``08STATE2034``) or a record number (``136637``).  Empty fields are
    left out: the text is read for those.

    >>> record_metadata({"id": "08SEOUL55", "Date": "2008-01-09", "body": "…", "origin": ""})
    {'reference_id': '08SEOUL55', 'record_date': '2008-01-09'}
    >>> record_metadata({"id": "136637", "reference_id": "08STATE2034"})
    {'record_id': '136637', 'reference_id': '08STATE2034'}
    """
    out: dict[str, object] = {}
    for name, value in fields.items():
        if not isinstance(name, str):
            continue
        low = name.lower()
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if low == "id" and isinstance(value, str):
            key = "reference_id" if _REFERENCE_ID.fullmatch(value.strip()) else "record_id" if value.strip().isdigit() else None
        else:
            key = METADATA_COLUMNS.get(low)
        if key is None or key in out and low not in METADATA_COLUMNS:
            continue
        if key == "references" and isinstance(value, (list, tuple)):
            value = tuple(v for v in value if isinstance(v, str) and v.strip())
        if (isinstance(value, str) and value.strip()) or (isinstance(value, tuple) and value):
            out[key] = value
    return out


class Writer:
    """Writes records back as they were read, each with its text replaced."""

    def __init__(self, out: IO[str], fmt: str = "") -> None:
        self.out = out
        self.fmt = fmt

    def write(self, record: Record, text: Optional[str]) -> None:
        """Write ``record``; ``text`` replaces its text (``None``: unchanged)."""
        if record.number < 0:  # a notice about the file, no data
            return
        self.out.write(record.rewritten(text))
