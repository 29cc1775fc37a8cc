"""The installed ``cablefix`` console script, run in a subprocess as a user
runs it, over text, JSONL, CSV and cables.csv input."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from cablefix import clean

from . import release_csv
from .conftest import DEV, FIXTURES, SEED, needs_seed

CABLES_CSV = FIXTURES / "cli" / "cables.csv"


def run(*args: str, stdin: bytes | str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    exe = shutil.which("cablefix")
    cmd = [exe] if exe else [sys.executable, "-m", "cablefix"]
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    out = subprocess.run(cmd + list(args), input=data, capture_output=True, env=env)
    out.stdout = out.stdout.decode("utf-8")  # type: ignore[assignment]
    out.stderr = out.stderr.decode("utf-8")  # type: ignore[assignment]
    return out


def test_help_lists_the_commands() -> None:
    out = run("--help")
    assert out.returncode == 0
    for command in ("clean", "fix", "split", "explain", "parse"):
        assert command in out.stdout


# ---- the seed ----------------------------------------------------------------


def test_clean_seed(seed_text: str) -> None:
    out = run("clean", str(SEED))
    assert out.returncode == 0 and out.stdout == clean(seed_text)
    assert "that some issues are more sensitive" in out.stdout and "SIPDIS" not in out.stdout


def test_split_seed_gives_two_json_lines(seed_text: str) -> None:
    out = run("split", str(SEED))
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["reference_id"] for r in rows] == ["08STATE2034", "08SEOUL55"]
    assert "".join(r["text"] for r in rows) == seed_text
    assert rows[1]["text"].startswith("RUEHTV/AMEMBASSY TEL AVIV")


@needs_seed
def test_explain_seed_lists_every_change_clean_makes() -> None:
    from cablefix.review import review_changes

    text = SEED.read_text(encoding="utf-8")
    changes = review_changes(text)
    out = run("explain", str(SEED))
    lines = out.stdout.splitlines()
    repairs = sum("known_failure" not in e for e in json.loads((FIXTURES / "seed-edits.json").read_text(encoding="utf-8"))["edits"])
    assert out.returncode == 0 and len(lines) == len(changes) > repairs  # the repairs, and captions, blanks …
    assert {line.split("\t")[2] for line in lines} >= {"em_dash", "contraction", "remove_captions"}
    assert lines[0] == f"{SEED}:782\t'SIPDIS\\n\\n' -> ''\tremove_captions\t-"
    doubts = run("explain", "--doubts", str(SEED)).stdout.splitlines()
    assert len(doubts) > len(lines) and any("(left alone" in line for line in doubts)
    # a possessive doubt names the features that weighed most against it
    at = text.index("materials, goods") + 9  # (a real comma the model doubts)
    doubted = [line for line in doubts if line.startswith(f"{SEED}:{at}\t") and "\tplural_possessive\t" in line]
    assert len(doubted) == 1 and len(doubted[0].split("(left alone: ")[1].split(", ")) >= 2
    only = run("explain", "--no-captions", "--no-trailing-spaces", "--no-mojibake", "--no-entity-quotes", str(SEED))
    assert len(only.stdout.splitlines()) == repairs  # the transliteration alone


@needs_seed
def test_explain_json_gives_offsets_lines_and_columns() -> None:
    text = SEED.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in run("explain", "--json", str(SEED)).stdout.splitlines()]
    assert rows and all(row["applied"] for row in rows)
    for row in rows:
        assert text[row["start"] : row["end"]] == row["before"]
        line_start = text.rfind("\n", 0, row["start"]) + 1
        assert (row["line"], row["column"]) == (text.count("\n", 0, row["start"]) + 1, row["start"] - line_start + 1)
    jsonl = '{"body": "the Regime,s view"}\n{"body": "nothing"}\n{"body": "don,t"}\n'
    rows = [json.loads(line) for line in run("explain", "--json", "--format", "jsonl", stdin=jsonl).stdout.splitlines()]
    assert [(r["record"], r["start"], r["after"]) for r in rows] == [(1, 10, "’"), (3, 3, "’")]


def test_check_writes_nothing_and_exits_1_when_a_file_would_change(tmp_path) -> None:
    damaged, fine = tmp_path / "damaged.txt", tmp_path / "fine.txt"
    damaged.write_text("the Regime,s view\n", encoding="utf-8")
    fine.write_text("the Regime’s view\n", encoding="utf-8")
    out = run("clean", "--check", str(damaged), str(fine))
    assert out.returncode == 1 and out.stdout == ""
    assert f"would change {damaged} (1 record)" in out.stderr and str(fine) not in out.stderr.replace("1 of 2", "")
    assert damaged.read_text(encoding="utf-8") == "the Regime,s view\n"  # untouched
    assert run("fix", "--check", str(fine)).returncode == 0
    assert run("clean", "--check", "--in-place", str(damaged)).returncode == 2  # nothing to write in place


@needs_seed
def test_diff_shows_what_would_change_and_patch_applies_it(tmp_path) -> None:
    src = tmp_path / "seed.txt"
    text = SEED.read_text(encoding="utf-8")
    src.write_text(text, encoding="utf-8")
    out = run("clean", "--diff", str(src))
    assert out.returncode == 0 and out.stdout.startswith(f"--- {src}\n+++ {src} (repaired)\n@@ ")
    assert "-2. (C) The Partners also held in-depth discussions ) in both" in out.stdout
    assert "\x1b[" not in out.stdout  # no colour when it is no terminal
    assert src.read_text(encoding="utf-8") == text
    if shutil.which("patch"):
        assert subprocess.run(["patch", "-s", str(src)], input=out.stdout.encode()).returncode == 0
        assert src.read_text(encoding="utf-8") == clean(text)
    coloured = run("clean", "--diff", "--color", "always", str(SEED)).stdout
    assert "\x1b[31m-" in coloured and "\x1b[32m+" in coloured
    checked = run("clean", "--diff", "--check", str(SEED))
    assert checked.returncode == 1 and checked.stdout == out.stdout.replace(str(src), str(SEED))


def test_quiet_hides_record_notices_but_not_the_status(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"body": "don,t"}\nnot json\n', encoding="utf-8")
    loud = run("clean", str(src))
    quiet = run("clean", "--quiet", str(src))
    assert loud.returncode == quiet.returncode == 1
    assert "line 2" in loud.stderr and quiet.stderr == "" and quiet.stdout == loud.stdout


@needs_seed
def test_progress_counts_the_bytes_of_the_file(tmp_path) -> None:
    src = tmp_path / "seed.txt"
    src.write_bytes(SEED.read_bytes())
    out = run("fix", "--progress", str(src))
    assert out.returncode == 0 and out.stdout == run("fix", str(src)).stdout
    size = src.stat().st_size
    assert f"{size / 1024:.1f}k/{size / 1024:.1f}k" in out.stderr  # a total, reached
    assert run("fix", "--progress", "--quiet", str(src)).stderr == ""


@needs_seed
def test_parse_seed() -> None:
    row = json.loads(run("parse", str(SEED)).stdout)
    assert row["reference_id"] == "08STATE2034" and row["record_id"] == "136637"


def test_fix_stdin() -> None:
    out = run("fix", "-", stdin="the Regime,s &Watch List8 ) done\n")
    assert out.stdout == "the Regime\u2019s \u201cWatch List\u201d \u2014 done\n"


# ---- formats -------------------------------------------------------------------


def test_jsonl_other_fields_pass_through(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    records = [{"id": i, "meta": {"k": [1, 2]}, "body": f"the Regime,s view {i}"} for i in range(5)]
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = run("clean", str(src))
    got = [json.loads(line) for line in out.stdout.splitlines()]
    assert [g["body"] for g in got] == [f"the Regime\u2019s view {i}" for i in range(5)]
    assert [(g["id"], g["meta"]) for g in got] == [(r["id"], r["meta"]) for r in records]


def test_jsonl_column_and_malformed_records(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "don,t"}\nnot json\n{"text": 5}\n{"text": "won,t"}\n', encoding="utf-8")
    out = run("clean", "--column", "text", str(src))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert lines == ['{"text": "don\u2019t"}', "not json", '{"text": 5}', '{"text": "won\u2019t"}']
    assert "line 2" in out.stderr and "line 3" in out.stderr and "Traceback" not in out.stderr
    strict = run("clean", "--column", "text", "--strict", str(src))
    assert strict.returncode == 1 and strict.stdout.splitlines() == ['{"text": "don\u2019t"}']


def test_csv_with_header_and_jobs_keep_order(tmp_path) -> None:
    if not DEV.exists():
        pytest.skip("no dev corpus")
    records = [json.loads(line) for line in (DEV / "legacy.jsonl").read_text(encoding="utf-8").splitlines()]
    src = tmp_path / "legacy.csv"
    with open(src, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "origin", "body"])
        writer.writerows([r["id"], r["origin"], r["body"]] for r in records)
    out = run("clean", "--jobs", "2", str(src))
    assert out.returncode == 0
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0] == ["id", "origin", "body"]
    assert [r[0] for r in rows[1:]] == [r["id"] for r in records]
    assert [r[2] for r in rows[1:]] == [clean(r["body"]) for r in records]


def test_cables_csv_stream(tmp_path) -> None:
    # the fixture is in the release dialect (\" and \' escapes), as the real cables.csv
    out = run("clean", str(CABLES_CSV))
    assert out.returncode == 0 and out.stderr == ""
    rows = release_csv.raw_rows(out.stdout)
    source = release_csv.raw_rows(CABLES_CSV.read_text(encoding="utf-8"))
    assert len(rows) == len(source) == 5
    assert [r[:7] for r in rows] == [r[:7] for r in source]  # byte for byte
    body = [release_csv.value(r[7]) for r in rows]
    assert "the Regime\u2019s control criteria" in body[0] and "\u201cWatch List\u201d" in body[0]
    assert "SIPDIS" not in body[1] and body[2] == clean(release_csv.value(source[2][7]))
    assert '\\"QUOTED\\" TITLE' in rows[2][7]
    parsed = [json.loads(line) for line in run("parse", str(CABLES_CSV)).stdout.splitlines()]
    assert [p["record"] for p in parsed] == [1, 2, 3, 4, 5]
    assert [p["reference_id"] for p in parsed] == ["08STATE2034", "08SEOUL55", "08KYIV55", "04BRATISLAVA328", "04BRATISLAVA940"]


def test_format_flag_overrides_the_extension(tmp_path) -> None:
    src = tmp_path / "data.txt"
    src.write_text('{"body": "don,t", "note": "won,t"}\n', encoding="utf-8")
    as_jsonl = json.loads(run("clean", "--format", "jsonl", str(src)).stdout)
    assert as_jsonl == {"body": "don\u2019t", "note": "won,t"}  # only the text column
    as_text = json.loads(run("clean", str(src)).stdout)  # .txt: the whole file is the text
    assert as_text == {"body": "don\u2019t", "note": "won\u2019t"}


# ---- encodings -----------------------------------------------------------------


def test_windows_1252_and_mojibake_files(tmp_path) -> None:
    cp1252 = tmp_path / "cp1252.txt"
    cp1252.write_bytes("Ukraine\u2019s caf\u00e9 and the Regime,s view\n".encode("cp1252"))
    assert run("clean", str(cp1252)).stdout == "Ukraine\u2019s caf\u00e9 and the Regime\u2019s view\n"
    moji = tmp_path / "mojibake.txt"
    moji.write_text("Ukraine\u00e2\u20ac\u2122s view and the Regime,s plan\n", encoding="utf-8")
    assert run("clean", str(moji)).stdout == "Ukraine\u2019s view and the Regime\u2019s plan\n"


# ---- errors and in-place -----------------------------------------------------------


def test_missing_file_named_exit_2_others_processed(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("don,t", encoding="utf-8")
    out = run("clean", str(tmp_path / "missing.txt"), str(good))
    assert out.returncode == 2 and "missing.txt" in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == "don\u2019t"


def test_in_place_is_atomic_and_only_on_request(tmp_path) -> None:
    src = tmp_path / "cable.txt"
    src.write_text("the Regime,s view \n", encoding="utf-8")
    assert run("clean", str(src), "-o", str(tmp_path / "out.txt")).returncode == 0
    assert src.read_text(encoding="utf-8") == "the Regime,s view \n"
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "the Regime\u2019s view\n"
    assert run("clean", "--in-place", str(src)).returncode == 0
    assert src.read_text(encoding="utf-8") == "the Regime\u2019s view\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".cablefix-")] == []
    assert run("clean", "--in-place").returncode == 2  # no FILE: refused


def test_in_place_strict_leaves_the_file_alone(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    original = '{"body": "don,t"}\nbroken\n'
    src.write_text(original, encoding="utf-8")
    out = run("clean", "--in-place", "--strict", str(src))
    assert out.returncode == 1 and src.read_text(encoding="utf-8") == original


def test_progress_bar_on_request(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"body": "a"}\n' * 3, encoding="utf-8")
    assert "100%" in run("clean", "--progress", str(src)).stderr  # bytes read of the file's size
    assert run("clean", str(src)).stderr == ""


@pytest.mark.parametrize("args", [[], ["unknown"], ["clean", "--jobs", "0"], ["clean", "--format", "xml"]])
def test_usage_errors_exit_2(args) -> None:
    assert run(*args).returncode == 2


# ---- faults ----------------------------------------------------------------------


def test_truncated_csv_is_reported_and_kept(tmp_path) -> None:
    src = tmp_path / "cut.csv"
    src.write_text('"1","1/8/2008 20:42","08STATE2034","X","SECRET","","H","the Regime,s view\n', encoding="utf-8")
    out = run("clean", "--format", "cables-csv", str(src))
    assert out.returncode == 1 and "truncated" in out.stderr
    assert "the Regime\u2019s view" in out.stdout


def test_field_over_the_default_csv_limit(tmp_path) -> None:
    src = tmp_path / "long.csv"
    body = "x" * 300_000 + " don,t"
    src.write_text(f'id,body\n1,"{body}"\n', encoding="utf-8")
    out = run("clean", str(src))
    assert out.returncode == 0 and out.stdout.splitlines()[1].endswith('don\u2019t"')  # quoted as it was


def test_invalid_utf8_in_the_middle_passes_through(tmp_path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_bytes(b'{"body": "don,t"}\n{"body": "caf\xe9 won,t"}\n{"body": "can,t"}\n')
    exe = shutil.which("cablefix") or "cablefix"
    out = subprocess.run([exe, "clean", str(src)], capture_output=True)
    assert out.returncode == 1 and b"line 2" in out.stderr and b"not UTF-8" in out.stderr
    assert out.stdout.split(b"\n")[:3] == [
        '{"body": "don\u2019t"}'.encode(),
        b'{"body": "caf\xe9 won,t"}',
        '{"body": "can\u2019t"}'.encode(),
    ]


def test_broken_pipe_is_a_clear_message(tmp_path) -> None:
    src = tmp_path / "many.jsonl"
    src.write_text('{"body": "the Regime,s view"}\n' * 200_000, encoding="utf-8")
    exe = shutil.which("cablefix") or "cablefix"
    proc = subprocess.Popen([exe, "clean", str(src)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "broken pipe" in err and "Traceback" not in err


def test_interrupt_leaves_an_in_place_file_alone(tmp_path) -> None:
    import signal
    import time

    src = tmp_path / "big.jsonl"
    original = '{"body": "the Regime,s view"}\n' * 300_000
    src.write_text(original, encoding="utf-8")
    exe = shutil.which("cablefix") or "cablefix"
    proc = subprocess.Popen([exe, "clean", "--in-place", str(src)], stderr=subprocess.PIPE)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130
    assert "interrupted" in proc.stderr.read().decode()  # type: ignore[union-attr]
    assert src.read_text(encoding="utf-8") == original
    assert [p.name for p in tmp_path.iterdir()] == ["big.jsonl"]


@pytest.mark.parametrize("fmt", ["jsonl", "cables-csv"])
def test_invalid_utf8_after_the_first_megabytes_is_still_caught(tmp_path, fmt: str) -> None:
    # the reader notes bad bytes block by block (1 MB): records read before stay unchecked,
    # the one that holds them, two blocks in, must still be reported and kept byte for byte
    if fmt == "jsonl":
        good = b'{"body": "don,t ' + b"x" * 1000 + b'"}\n'
        bad = b'{"body": "caf\xe9 won,t"}\n'
    else:
        good = b'"1","d","08X1","o","c","","h","don,t ' + b"x" * 1000 + b'"\n'
        bad = b'"2","d","08X2","o","c","","h","caf\xe9 won,t"\n'
    src = tmp_path / "late.txt"
    src.write_bytes(good * 2500 + bad + good)
    out = subprocess.run([shutil.which("cablefix") or "cablefix", "clean", "--format", fmt, str(src)], capture_output=True)
    assert out.returncode == 1 and b"not UTF-8" in out.stderr
    lines = out.stdout.split(b"\n")
    assert lines[2500] == bad.rstrip(b"\n") and "don\u2019t".encode() in lines[2501] and len(lines) == 2503
