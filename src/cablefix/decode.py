"""Bytes of unknown encoding to text: UTF-8 where it is, Windows-1252 for the
bytes that are not, chardet only for a file that is not mostly UTF-8.

Files of cables exist in Windows-1252 and Latin-1 as well as UTF-8, and
UTF-8 files with a stray Windows-1252 byte pasted in.
"""

from __future__ import annotations

import codecs
from typing import Any, Optional

#: Encodings chardet may name for cable files that are really Windows-1252
#: (a superset of Latin-1 for the printable range).
_AS_CP1252 = frozenset({"ascii", "iso-8859-1", "latin-1", "iso-8859-15"})

#: The error handler :func:`decode` reads the bytes that are not UTF-8 with.
STRAY_BYTES = "cablefix.cp1252"

#: Byte order marks of the UTF-16 and UTF-32 encodings (text with NUL bytes).
WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

#: Control bytes no text file holds in numbers: all below 0x20 but tab, line
#: feed, vertical tab, form feed and carriage return; and DEL.
CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\v\f\r") + b"\x7f"

#: The share of control bytes above which a block is binary.  Random bytes
#: hold 10.5 %; the most a cable of the corpus holds is 0.16 % (BEL).
CONTROL_SHARE = 0.05


def _cp1252_byte(byte: int) -> str:
    # the five bytes Windows-1252 leaves undefined read as Latin-1 (C1 controls)
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_CP1252 = tuple(_cp1252_byte(b) for b in range(256))


def _stray_bytes(err: UnicodeError) -> tuple[str, int]:
    """Read each byte UTF-8 could not decode as Windows-1252."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return "".join(_CP1252[b] for b in err.object[err.start : err.end]), err.end


codecs.register_error(STRAY_BYTES, _stray_bytes)


def _mostly_utf8(data: bytes) -> bool:
    """Whether ``data`` holds at least as many well-formed multi-byte UTF-8
    characters as bytes that are not UTF-8 (text in another encoding almost
    never forms a UTF-8 sequence by chance)."""
    text = data.decode("utf-8", errors="ignore")
    stray = len(data) - len(text.encode("utf-8"))
    multibyte = len(text) - len(text.encode("ascii", errors="ignore"))
    return multibyte > 0 and multibyte >= stray


#: The share of a block's pairs of bytes that must hold a NUL on the same side
#: for :func:`utf16_without_bom` (text in UTF-16 of a script written in ASCII
#: letters has a NUL in every pair; binary data rarely has one on one side only).
UTF16_NUL_SHARE = 0.9


def utf16_without_bom(block: bytes) -> Optional[str]:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``block`` reads as UTF-16 text
    with no byte order mark (most pairs hold a NUL on one side and none on
    the other), else ``None``.

    >>> utf16_without_bom("the Regime’s view".encode("utf-16-le")), utf16_without_bom(b"the Regime,s view")
    ('utf-16-le', None)
    """
    block = block[: len(block) & ~1]
    if len(block) < 8 or block.startswith(WIDE_BOMS):
        return None
    low, high = block[0::2], block[1::2]
    for nul_side, other, name in ((high, low, "utf-16-le"), (low, high, "utf-16-be")):
        if other.count(0) == 0 and nul_side.count(0) >= UTF16_NUL_SHARE * len(nul_side):
            return name
    return None


def decode(data: bytes) -> str:
    """Decode ``data``: UTF-8 (with or without a BOM) where it is UTF-8, and
    each byte that is not as Windows-1252, when the text is mostly UTF-8;
    otherwise the encoding chardet detects, read leniently (an undecodable
    byte becomes U+FFFD rather than an error).

    >>> decode("Ukraine’s".encode("utf-8")), decode("Ukraine’s".encode("cp1252"))
    ('Ukraine’s', 'Ukraine’s')
    >>> decode("café and a naïve view".encode("utf-8").replace(b"\\xc3\\xaf", b"\\xef"))
    'café and a naïve view'
    >>> decode(codecs.BOM_UTF8 + "café naïve résumé ".encode("cp1252") * 20)[:5]
    'café '

    UTF-16 with or without a byte order mark is read as such (its NUL bytes
    would otherwise pass for UTF-8):

    >>> decode("the Regime’s view".encode("utf-16-le")), decode("don’t".encode("utf-16"))
    ('the Regime’s view', 'don’t')
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    wide = utf16_without_bom(data[:8192])
    if wide:
        return data.decode(wide, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8-sig", errors=STRAY_BYTES)
    import chardet

    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]  # (a BOM is one whatever the rest is: never ``ï»¿``)
    guess = chardet.detect(data[:1_000_000])
    encoding = (guess.get("encoding") or "cp1252").lower()
    if encoding in _AS_CP1252 or guess.get("confidence", 0) < 0.5:
        encoding = "cp1252"
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")


def looks_binary(block: bytes) -> bool:
    """Whether the first block of a file is no text: it holds a NUL byte
    (and no UTF-16 or UTF-32 byte order mark, nor reads as UTF-16 without
    one: :func:`utf16_without_bom`), or more than
    :data:`CONTROL_SHARE` of its bytes are control bytes.

    >>> looks_binary("the Regime,s view\\r\\n\\f".encode()), looks_binary(b"PK\\x03\\x04\\x14\\x00")
    (False, True)
    """
    if not block or block.startswith(WIDE_BOMS) or utf16_without_bom(block):
        return False
    if b"\x00" in block:
        return True
    controls = len(block) - len(block.translate(None, CONTROL_BYTES))
    return controls > CONTROL_SHARE * len(block)


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
