#!/usr/bin/env python3
"""Measure encoding detectors on real cable text written in other encodings.

Each real cable body of the corpus that an encoding can hold is written in it
(Windows-1252, Latin-1, UTF-16 with and without a byte order mark, KOI8-R
for the cables that quote Russian), and each detector is asked to read the
bytes back.  A detector is right when the text it gives is the cable's text.

    python tools/measure_encodings.py ../shared/corpus/large [--limit N] [--json]

Detectors: ``chardet.detect``, ``charset_normalizer.from_bytes(…).best()``,
``ftfy.guess_bytes`` and ``cablefix.decode`` (what the command uses).  Those
not installed are left out.  Prints, per encoding and detector, how many
files came back exactly.
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path
from typing import Callable, Iterator, Optional

#: Encodings a cable file is met in, each with the test a body must pass to be
#: written in it (some characters it cannot hold, or nothing to tell).
ENCODINGS: dict[str, Callable[[str], bool]] = {
    "cp1252": lambda t: not t.isascii(),
    "latin-1": lambda t: not t.isascii(),
    "utf-16": lambda t: True,
    "utf-16-le": lambda t: True,
    "koi8-r": lambda t: any("\u0400" <= c <= "\u04ff" for c in t),
}


def bodies(corpus: Path, limit: Optional[int]) -> Iterator[str]:
    """Cable bodies, in a fixed order (a stable hash of the id)."""
    rows = []
    for name in ("unicode.jsonl", "legacy.jsonl", "plain.jsonl"):
        path = corpus / name
        if path.exists():
            for line in path.open(encoding="utf-8"):
                record = json.loads(line)
                rows.append((zlib.crc32(record["id"].encode()), record["body"]))
    rows.sort()
    for _, body in rows[:limit] if limit else rows:
        yield body


def detectors() -> dict[str, Callable[[bytes], str]]:
    found: dict[str, Callable[[bytes], str]] = {}
    try:
        import chardet

        def by_chardet(data: bytes) -> str:
            return data.decode(chardet.detect(data)["encoding"] or "ascii", errors="replace")

        found["chardet"] = by_chardet
    except ImportError:
        pass
    try:
        import charset_normalizer

        def by_normalizer(data: bytes) -> str:
            best = charset_normalizer.from_bytes(data).best()
            return str(best) if best is not None else ""

        found["charset-normalizer"] = by_normalizer
    except ImportError:
        pass
    try:
        import ftfy

        found["ftfy.guess_bytes"] = lambda data: ftfy.guess_bytes(data)[0]
    except ImportError:
        pass
    import cablefix

    found["cablefix.decode"] = cablefix.decode
    return found


def main(argv: list[str]) -> int:
    corpus = Path(argv[0])
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    readers = detectors()
    table: dict[str, dict[str, list[int]]] = {enc: {name: [0, 0] for name in readers} for enc in ENCODINGS}
    for body in bodies(corpus, limit):
        body = body.replace("\r\n", "\n")
        for encoding, fits in ENCODINGS.items():
            if not fits(body):
                continue
            try:
                data = body.encode(encoding)
            except UnicodeEncodeError:
                continue
            for name, read in readers.items():
                try:
                    ok = read(data).lstrip("\ufeff") == body
                except Exception:  # a detector that fails is wrong on that file
                    ok = False
                cell = table[encoding][name]
                cell[0] += ok
                cell[1] += 1
    if "--json" in argv:
        print(json.dumps(table, indent=1))
        return 0
    names = list(readers)
    print("| encoding | files | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for encoding, row in table.items():
        files = next(iter(row.values()))[1]
        cells = [f"{ok / n:.1%}" if n else "–" for ok, n in row.values()]
        print(f"| {encoding} | {files} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
