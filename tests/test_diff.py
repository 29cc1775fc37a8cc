"""cablefix.diff: a unified diff that `patch` applies to give the repair,
in time linear in the text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cablefix
from cablefix.diff import unified_diff

from .conftest import DEV

_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def apply(before: str, diff: str) -> str:
    """The diff applied to ``before``, by the unified format's rules (an
    applier written here, independent of the writer)."""
    if not diff:
        return before
    old = before.split("\n")
    old = [line + "\n" for line in old[:-1]] + ([old[-1]] if old[-1] else [])
    out: list[str] = []
    pos = 0
    lines = diff.split("\n")[2:]  # (--- and +++)
    k = 0
    while k < len(lines) and lines[k]:
        m = _HUNK.fullmatch(lines[k])
        assert m, lines[k]
        start = int(m.group(1)) - (0 if m.group(2) == "0" else 1)
        out.extend(old[pos:start])
        pos = start
        k += 1
        while k < len(lines) and lines[k] and not lines[k].startswith("@@"):
            mark, body = lines[k][0], lines[k][1:]
            ends = not (k + 1 < len(lines) and lines[k + 1].startswith("\\ No newline"))
            text = body + ("\n" if ends else "")
            if mark == " ":
                assert old[pos] == text, (old[pos], text)
                out.append(text)
                pos += 1
            elif mark == "-":
                assert old[pos] == text, (old[pos], text)
                pos += 1
            elif mark == "+":
                out.append(text)
            k += 1 if ends else 2
    out.extend(old[pos:])
    return "".join(out)


LINES = st.lists(st.sampled_from(["a", "b", "the Regime,s view", "", "SIPDIS", "x y", "c"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(LINES, st.lists(st.tuples(st.integers(0, 39), st.sampled_from(["drop", "change", "add"])), max_size=8), st.booleans())
def test_the_diff_applied_gives_the_new_text(lines: list[str], edits: list[tuple[int, str]], final_newline: bool) -> None:
    new = list(lines)
    for at, what in edits:
        if not new:
            break
        at %= len(new)
        if what == "drop":
            del new[at]
        elif what == "change":
            new[at] = new[at] + "’"
        else:
            new.insert(at, "new")
    end = "\n" if final_newline else ""
    before, after = "\n".join(lines) + end, "\n".join(new) + end
    diff = unified_diff(before, after, "t.txt")
    assert apply(before, diff) == after
    assert (diff == "") == (before == after)


def test_real_repairs_round_trip_through_patch(tmp_path) -> None:
    if not DEV.exists():
        pytest.skip("no dev corpus")
    lines = (DEV / "legacy.jsonl").read_text(encoding="utf-8").splitlines()[:25]
    for n, line in enumerate(lines):
        body = json.loads(line)["body"]
        cleaned = cablefix.clean(body)
        diff = unified_diff(body, cleaned, f"c{n}.txt")
        assert apply(body, diff) == cleaned
        if shutil.which("patch") and n < 5:  # and the real patch agrees
            src = tmp_path / f"c{n}.txt"
            src.write_text(body, encoding="utf-8")
            run = subprocess.run(["patch", "-s", str(src)], input=diff.encode(), capture_output=True)
            assert run.returncode == 0, run.stderr
            assert src.read_text(encoding="utf-8") == cleaned


def test_colour_wraps_marked_lines_only() -> None:
    diff = unified_diff("x\nthe Regime,s\ny\n", "x\nthe Regime’s\ny\n", "t", colour=True)
    assert "\x1b[31m-the Regime,s\x1b[0m" in diff and "\x1b[32m+the Regime’s\x1b[0m" in diff
    assert "\n x\n" in diff  # context uncoloured
