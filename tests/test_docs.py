"""The examples in README.md and docs/ give what they show: each page's
``python``/``pycon`` blocks run as one doctest session, from the project's
folder (the paths the pages use, ``../shared/...``, are from there)."""

from __future__ import annotations

import doctest
import pathlib
import re

import pytest

from .conftest import ROOT, SHARED

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: A fenced Python block: its body.
FENCE = re.compile(r"^```(?:python|pycon)[ \t]*\n(.*?)^```", re.S | re.M)


def examples(page: pathlib.Path) -> list[str]:
    """The fenced blocks of ``page`` that hold ``>>>`` examples."""
    return [block for block in FENCE.findall(page.read_text(encoding="utf-8")) if ">>>" in block]


def test_the_pages_have_examples_to_run() -> None:
    assert sum(len(examples(page)) for page in PAGES) >= 5  # (the fence pattern still finds them)


@pytest.mark.parametrize("page", [p for p in PAGES if examples(p)], ids=lambda p: p.name)
def test_a_pages_examples_give_what_it_shows(page: pathlib.Path, monkeypatch) -> None:
    blocks = examples(page)
    if any("../shared" in block for block in blocks) and not SHARED.exists():
        pytest.skip(f"{SHARED} not found: the shared folder must sit beside the project")
    monkeypatch.chdir(ROOT)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    session = "\n".join(blocks)  # (one session: a block may use what an earlier one made)
    runner.run(parser.get_doctest(session, {}, page.name, str(page), 0), out=report.append)
    assert runner.failures == 0, "".join(report)
