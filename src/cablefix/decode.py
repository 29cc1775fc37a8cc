"""Bytes of unknown encoding to text: UTF-8 when it is, else chardet decides.

Files of cables exist in Windows-1252 and Latin-1 as well as UTF-8.
"""

from __future__ import annotations

from typing import Any

#: Encodings chardet may name for cable files that are really Windows-1252
#: (a superset of Latin-1 for the printable range).
_AS_CP1252 = frozenset({"ascii", "iso-8859-1", "latin-1", "iso-8859-15"})


def decode(data: bytes) -> str:
    """Decode ``data``: UTF-8 (with or without a BOM) when it is valid, else
    the encoding chardet detects, read leniently (an undecodable byte
    becomes U+FFFD rather than an error).

    >>> decode("Ukraine’s".encode("utf-8")), decode("Ukraine’s".encode("cp1252"))
    ('Ukraine’s', 'Ukraine’s')
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    import chardet

    guess = chardet.detect(data[:1_000_000])
    encoding = (guess.get("encoding") or "cp1252").lower()
    if encoding in _AS_CP1252 or guess.get("confidence", 0) < 0.5:
        encoding = "cp1252"
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")


def require_str(value: Any, func: str) -> None:
    """Raise the ``TypeError`` every public function gives for a non-``str``;
    for bytes it says to call :func:`decode` first.

    >>> require_str(b"x", "clean")
    Traceback (most recent call last):
    TypeError: clean() takes a str, not bytes (call cablefix.decode(data) first)
    """
    if not isinstance(value, str):
        hint = " (call cablefix.decode(data) first)" if isinstance(value, (bytes, bytearray, memoryview)) else ""
        raise TypeError(f"{func}() takes a str, not {type(value).__name__}{hint}")
