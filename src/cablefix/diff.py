"""A unified diff of a text and its repair, in time linear in the text.

``cablefix clean --diff`` shows what would change.  A repair changes lines in
place and drops some (captions, blank lines); it never moves text.  So the
two texts are walked side by side, and where lines differ the next line both
share is looked for within :data:`WINDOW` lines ahead: linear in the text,
where :mod:`difflib` can be quadratic on a long one.  Applying the diff to
the text gives the repair exactly, whatever the alignment.
"""

from __future__ import annotations

from typing import Iterator

#: How far ahead (lines) the walk looks for a line both texts share again.
WINDOW = 64
#: Lines of context around each change.
CONTEXT = 3

_RED, _GREEN, _CYAN, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[0m"


def _resync(a: list[str], b: list[str], i: int, j: int) -> tuple[int, int]:
    """The nearest ``(i2, j2)`` past a difference at ``(i, j)`` where the
    lines agree again, within :data:`WINDOW`; the ends of both texts if none.
    Nearest: on a line with words rather than a blank one (blank lines agree
    everywhere), then fewest lines skipped, then lines only dropped or only
    added rather than changed."""
    ahead: dict[str, int] = {}
    for k in range(j, min(len(b), j + WINDOW)):
        ahead.setdefault(b[k], k)
    best, best_key = (len(a), len(b)), (True, 2 * WINDOW + 1, WINDOW)
    for k in range(i, min(len(a), i + WINDOW)):
        m = ahead.get(a[k])
        if m is not None:
            key = (not a[k].strip(), (k - i) + (m - j), min(k - i, m - j))
            if key < best_key:
                best, best_key = (k, m), key
    return best


def _opcodes(a: list[str], b: list[str]) -> Iterator[tuple[bool, int, int, int, int]]:
    """``(same, i1, i2, j1, j2)`` runs covering both line lists in order."""
    i = j = 0
    while i < len(a) or j < len(b):
        start_i, start_j = i, j
        while i < len(a) and j < len(b) and a[i] == b[j]:
            i += 1
            j += 1
        if i > start_i:
            yield True, start_i, i, start_j, j
            continue
        i2, j2 = _resync(a, b, i, j)
        yield False, i, i2, j, j2
        i, j = i2, j2


def _hunks(a: list[str], b: list[str]) -> Iterator[list[tuple[bool, int, int, int, int]]]:
    """The runs grouped into hunks, each with :data:`CONTEXT` lines of its
    equal runs around its changes."""
    hunk: list[tuple[bool, int, int, int, int]] = []
    for same, i1, i2, j1, j2 in _opcodes(a, b):
        if not same:
            hunk.append((same, i1, i2, j1, j2))
            continue
        if not hunk:  # leading context only
            i1, j1 = max(i1, i2 - CONTEXT), max(j1, j2 - CONTEXT)
            hunk.append((True, i1, i2, j1, j2))
            continue
        if i2 - i1 > 2 * CONTEXT:  # close this hunk, open the next with context
            hunk.append((True, i1, i1 + CONTEXT, j1, j1 + CONTEXT))
            if any(not op[0] for op in hunk):
                yield hunk
            hunk = [(True, i2 - CONTEXT, i2, j2 - CONTEXT, j2)]
        else:
            hunk.append((True, i1, i2, j1, j2))
    if any(not op[0] for op in hunk):
        if hunk[-1][0] and hunk[-1][2] - hunk[-1][1] > CONTEXT:
            same, i1, i2, j1, j2 = hunk[-1]
            hunk[-1] = (True, i1, i1 + CONTEXT, j1, j1 + CONTEXT)
        yield hunk


def _lines(text: str) -> list[str]:
    """The lines of ``text``, each with its ``\\n`` (only a line feed ends a
    line here, as in a unified diff: not ``\\u2028`` or a form feed)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return lines + [parts[-1]] if parts[-1] else lines


def _line(mark: str, text: str, colour: str) -> str:
    body = text[:-1] if text.endswith("\n") else text
    shown = f"{colour}{mark}{body}{_RESET}" if colour else mark + body
    return shown + "\n" + ("" if text.endswith("\n") else "\\ No newline at end of file\n")


def unified_diff(before: str, after: str, label: str, colour: bool = False) -> str:
    """The unified diff from ``before`` to ``after`` (``''`` when they are
    equal), both named ``label``; ANSI colours when ``colour``.

    >>> print(unified_diff("1. the Regime,s view\\n2. ok\\n", "1. the Regime’s view\\n2. ok\\n", "seed.txt"), end="")
    --- seed.txt
    +++ seed.txt (repaired)
    @@ -1,2 +1,2 @@
    -1. the Regime,s view
    +1. the Regime’s view
     2. ok
    """
    if before == after:
        return ""
    a, b = _lines(before), _lines(after)
    bold, cyan, red, green = (_BOLD, _CYAN, _RED, _GREEN) if colour else ("", "", "", "")
    out = [_line("--- ", label + "\n", bold), _line("+++ ", label + " (repaired)\n", bold)]
    for hunk in _hunks(a, b):
        i1, i2 = hunk[0][1], hunk[-1][2]
        j1, j2 = hunk[0][3], hunk[-1][4]
        out.append(_line("@@ ", f"-{_range(i1, i2)} +{_range(j1, j2)} @@\n", cyan))
        for same, a1, a2, b1, b2 in hunk:
            if same:
                out.extend(_line(" ", line, "") for line in a[a1:a2])
            else:
                out.extend(_line("-", line, red) for line in a[a1:a2])
                out.extend(_line("+", line, green) for line in b[b1:b2])
    return "".join(out)


def _range(start: int, end: int) -> str:
    """A hunk's line range as unified diffs write it (1-based; ``n,0`` empty)."""
    length = end - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"
