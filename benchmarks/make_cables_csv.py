#!/usr/bin/env python3
"""Write a cables.csv-format file of a given size from the dev corpus, for
the command-line benchmark (benchmarks/bench_cli.sh).

Rows cycle through the dev cables (unicode ones garbled the legacy way), with
record ids counting up, in the WikiLeaks column order: id, date, reference
id, origin, classification, references, header, body; in the release file's
own dialect: every field quoted, backslash escapes for a quote, an
apostrophe and a backslash (never a doubled quote), line breaks inside
fields as they are, each row ending with a quote and a line feed.

Usage: python benchmarks/make_cables_csv.py OUT.csv [--mb 1000] [--corpus ../shared/corpus/dev]
"""
from __future__ import annotations

import argparse
import json
import pathlib

GARBLE = str.maketrans({"\u2019": ",", "\u201c": "&", "\u201d": "8", "\u2014": ")"})


def release_field(value: str) -> str:
    r"""A value as the release cables.csv quotes it (the escapes of PHP's
    addslashes: backslash, quote, apostrophe, NUL).

    >>> print(release_field('it\'s "x" C:\\'))
    "it\'s \"x\" C:\\"
    """
    value = value.replace("\\", "\\\\").replace('"', '\\"').replace("'", "\\'").replace("\0", "\\0")
    return '"' + value + '"'


DEFAULT_CORPUS = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--mb", type=float, default=1000)
    parser.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    rows = []
    for name in ("unicode", "legacy", "plain"):
        for line in (args.corpus / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            body = r["body"].translate(GARBLE) if name == "unicode" else r["body"]
            day, time = r["date"].split(" ")
            y, m, d = day.split("-")
            rows.append([f"{int(m)}/{int(d)}/{y} {time}", r["id"], r["origin"], r["classification"], "", r["header"], body])
    limit = int(args.mb * 1e6)
    written = 0
    n = 0
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        while written < limit:
            row = rows[n % len(rows)]
            n += 1
            line = ",".join(release_field(field) for field in [str(n)] + row) + "\n"
            f.write(line)
            written += len(line)
    print(f"{args.out}: {n} rows, about {written / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
