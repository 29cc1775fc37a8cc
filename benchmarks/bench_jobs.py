#!/usr/bin/env python3
"""``cablefix clean --jobs N`` against ``--jobs 1`` on one cables.csv file.

Runs the two commands in turn, ``--rounds`` times each (alternating, so a
drift in the machine's speed touches both alike), and prints every wall time,
the best of each and their ratio.  The outputs must be identical (checked).
Not a test.

Usage: python benchmarks/bench_jobs.py FILE [--jobs 2] [--rounds 3]
(make FILE with benchmarks/make_cables_csv.py)
"""
from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
import time


def wall(jobs: int, source: str, target: str) -> float:
    """Seconds for one ``cablefix clean`` run over ``source``."""
    command = [sys.executable, "-m", "cablefix", "clean", "--format", "cables-csv", "--jobs", str(jobs), source, "-o", target]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    times: dict[int, list[float]] = {1: [], args.jobs: []}
    with tempfile.TemporaryDirectory() as tmp:
        outputs = {jobs: os.path.join(tmp, f"out{jobs}.csv") for jobs in times}
        for _ in range(args.rounds):
            for jobs in times:
                times[jobs].append(wall(jobs, args.file, outputs[jobs]))
                print(f"--jobs {jobs}: {times[jobs][-1]:.1f} s", flush=True)
        if not filecmp.cmp(outputs[1], outputs[args.jobs], shallow=False):
            sys.exit("the outputs differ")
    one, many = min(times[1]), min(times[args.jobs])
    print(f"best --jobs 1 {one:.1f} s, --jobs {args.jobs} {many:.1f} s: ratio {one / many:.2f}")


if __name__ == "__main__":
    main()
