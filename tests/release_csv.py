"""An independent reader of the release ``cables.csv`` dialect for the tests
(every field quoted, ``\\"`` ``\\'`` ``\\\\`` escapes, raw line breaks): rows
as lists of raw field tokens, quotes included, so the tests can compare the
bytes of each field as well as its value."""

from __future__ import annotations

import re

_FIELD = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)


def raw_rows(text: str) -> list[list[str]]:
    """The rows of ``text``, each a list of its fields' raw tokens."""
    rows: list[list[str]] = []
    row: list[str] = []
    pos = 0
    while pos < len(text):
        m = _FIELD.match(text, pos)
        assert m is not None, f"not the release dialect at {pos}: {text[pos:pos + 60]!r}"
        row.append(m.group())
        pos = m.end()
        sep = text[pos : pos + 1]
        assert sep in (",", "\n", ""), f"{sep!r} after a field at {pos}"
        pos += 1
        if sep != ",":
            rows.append(row)
            row = []
    return rows


def value(token: str) -> str:
    """A raw token's value: quotes off, escapes undone."""
    return re.sub(r"\\(.)", lambda m: m.group(1), token[1:-1], flags=re.S)


def rows(text: str) -> list[list[str]]:
    """The rows of ``text`` as values."""
    return [[value(t) for t in row] for row in raw_rows(text)]


def quote(value: str) -> str:
    """A value as a field of the release dialect (backslash before a
    backslash, a quote, an apostrophe)."""
    return '"' + re.sub(r"([\\\"'])", r"\\\1", value) + '"'
