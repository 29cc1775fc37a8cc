"""The installed ``cablefix`` console script, run as a user runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .conftest import SEED


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    exe = shutil.which("cablefix")
    cmd = [exe] if exe else [sys.executable, "-m", "cablefix"]
    return subprocess.run(cmd + list(args), input=stdin, capture_output=True, text=True, encoding="utf-8")


def test_help() -> None:
    out = run("--help")
    assert out.returncode == 0 and "fix" in out.stdout and "explain" in out.stdout


def test_fix_stdin() -> None:
    out = run("fix", "-", stdin="the Regime,s &Watch List8 ) done\n")
    assert out.returncode == 0
    assert out.stdout == "the Regime\u2019s \u201cWatch List\u201d \u2014 done\n"


def test_fix_seed(seed_text: str) -> None:
    out = run("fix", str(SEED))
    assert out.returncode == 0
    assert "the Regime\u2019s control criteria" in out.stdout
    assert "discussions \u2014 in both" in out.stdout
    assert len(out.stdout) == len(seed_text)


def test_explain_seed(seed_text: str) -> None:
    out = run("explain", str(SEED))
    lines = out.stdout.splitlines()
    assert out.returncode == 0 and len(lines) == 51
    assert lines[0].endswith("em_dash\t0.97")


def test_missing_file_is_named_with_exit_2(tmp_path) -> None:
    missing = tmp_path / "nope.txt"
    out = run("fix", str(missing))
    assert out.returncode == 2
    assert str(missing) in out.stderr and "Traceback" not in out.stderr


def test_invalid_utf8_is_named_with_exit_2(tmp_path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\u00e9 Regime,s".encode("latin-1"))
    out = run("fix", str(bad))
    assert out.returncode == 2 and str(bad) in out.stderr and "Traceback" not in out.stderr


def test_good_files_still_processed_after_a_bad_one(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("don,t", encoding="utf-8")
    out = run("fix", str(tmp_path / "missing.txt"), str(good))
    assert out.returncode == 2 and out.stdout == "don\u2019t"


@pytest.mark.parametrize("args", [[], ["fix"], ["unknown", "x"]])
def test_usage_errors(args) -> None:
    out = run(*args)
    assert out.returncode == 2 and "usage" in out.stderr
