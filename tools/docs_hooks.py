"""mkdocs hook: doctest blocks in docstrings render as code.

Docstrings here are written for ``help()`` and doctest, not for Markdown: an
example's output such as ``['SECRET']`` would otherwise read as a Markdown
link.  This hook adds a preprocessor that fences every run of ``>>>`` lines
and the output under them (up to a blank line) as ``pycon``; mkdocstrings
renders docstrings with the same Markdown extensions as the pages.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor


class _FenceDoctests(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        in_example = in_fence = False
        for line in lines:
            if line.lstrip().startswith("```"):
                in_fence = not in_fence
            elif not in_fence and not in_example and line.startswith(">>> "):
                out.append("```pycon")
                in_example = True
            elif in_example and not line.strip():
                out.append("```")
                in_example = False
            out.append(line)
        if in_example:
            out.append("```")
        return out


class DoctestBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.preprocessors.register(_FenceDoctests(md), "doctest_blocks", 29)  # before fenced_code (25) reads the fences


def on_config(config: Any) -> Any:
    config["markdown_extensions"].append(DoctestBlocks())
    return config
