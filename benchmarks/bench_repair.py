#!/usr/bin/env python3
"""Throughput of cablefix's functions against ftfy.fix_text, in one run.

Reads every cable body of the dev corpus (unicode, legacy and plain sets),
runs each function over all of them ``--repeat`` times and keeps the best
time of each, then prints MB/s (UTF-8 bytes) and the ratio.  Not a test:
timings depend on the machine; the ratio is what docs/performance.md quotes.

Usage: python benchmarks/bench_repair.py [../shared/corpus/dev] [--repeat 3] [--json]
ftfy is a dependency of cablefix.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import platform
import time
from typing import Callable

import ftfy

import cablefix

DEFAULT_CORPUS = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def load(corpus: pathlib.Path) -> list[str]:
    bodies = []
    for name in ("unicode.jsonl", "legacy.jsonl", "plain.jsonl"):
        with open(corpus / name, encoding="utf-8") as f:
            bodies.extend(json.loads(line)["body"] for line in f)
    return bodies


def best_time(func: Callable[[str], object], texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            func(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=pathlib.Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = load(args.corpus)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    ftfy_s = best_time(ftfy.fix_text, texts, args.repeat)
    result: dict = {
        "corpus_MB": round(megabytes, 2),
        "cables": len(texts),
        "ftfy.fix_text_MB_per_s": round(megabytes / ftfy_s, 2),
    }
    for name, func in (
        ("fix_transliteration", cablefix.fix_transliteration),
        ("clean", cablefix.clean),
        ("split", cablefix.split),
        ("parse", cablefix.parse),
    ):
        seconds = best_time(func, texts, args.repeat)
        result[f"{name}_MB_per_s"] = round(megabytes / seconds, 2)
        result[f"{name}_ratio"] = round(ftfy_s / seconds, 2)
    result.update(python=platform.python_version(), ftfy=ftfy.__version__)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
