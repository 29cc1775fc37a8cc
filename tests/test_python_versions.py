"""The package's ``requires-python`` claim is tested: it imports and runs
under every pyenv interpreter on the machine that the claim covers."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Imports every module (but ``__main__``, and those that need an extra, which
#: are only compiled) and calls the str -> str functions once, on text without
#: mojibake (so only the standard library is needed: no ftfy).
SMOKE = """
import pkgutil, sys
sys.path.insert(0, sys.argv[1])
import cablefix
EXTRAS = {"pandas"}  # cablefix.pandas needs the pandas extra
for module in pkgutil.iter_modules(cablefix.__path__):
    if module.name in EXTRAS:
        path = cablefix.__path__[0] + "/" + module.name + ".py"
        compile(open(path, encoding="utf-8").read(), path, "exec")
    elif module.name != "__main__":  # (runs the command)
        __import__("cablefix." + module.name)
text = "the Regime,s &Watch List8 ) view \\n\\nSIPDIS\\n\\nend"
assert cablefix.clean(text) == "the Regime\\u2019s \\u201cWatch List\\u201d \\u2014 view\\n\\nend", cablefix.clean(text)
assert cablefix.fix_transliteration(text, min_confidence=0.9).startswith("the Regime\\u2019s")
print("ok", sys.version.split()[0])
"""


def claimed_minimum() -> tuple[int, int]:
    """``requires-python = ">=3.X"`` from pyproject.toml, as ``(3, X)``."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r'^requires-python\s*=\s*">=\s*(\d+)\.(\d+)"', text, re.MULTILINE)
    assert m, "requires-python is no '>=3.X' claim"
    return int(m.group(1)), int(m.group(2))


def pyenv_interpreters() -> list[tuple[tuple[int, int], Path]]:
    """``((major, minor), path)`` of each CPython under pyenv's versions
    directory."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = []
    for python in sorted(root.glob("*/bin/python")):
        m = re.fullmatch(r"(\d+)\.(\d+)\.\d+", python.parent.parent.name)
        if m:
            found.append(((int(m.group(1)), int(m.group(2))), python))
    return found


def test_package_imports_under_every_claimed_interpreter() -> None:
    minimum = claimed_minimum()
    covered = [(version, python) for version, python in pyenv_interpreters() if version >= minimum]
    if not covered:
        pytest.skip(f"no pyenv interpreter >= {minimum[0]}.{minimum[1]} on this machine")
    failures = []
    for version, python in covered:
        run = subprocess.run(
            [str(python), "-I", "-c", SMOKE, str(ROOT / "src")], capture_output=True, text=True, timeout=120
        )
        if run.returncode != 0 or not run.stdout.startswith("ok"):
            failures.append(f"{python}: {run.stderr.strip().splitlines()[-1:] or run.stdout}")
    assert not failures, failures
