"""A property of the command line over its record formats: random records
(quotes, backslashes, commas, line breaks, CRLF, non-ASCII, the legacy
``,`` ``&`` ``8`` ``)``) written in each format come out as many, in order,
every byte outside the text as it was, the text as the library repairs it.

Each example runs ``cablefix.cli.main`` in-process on files in a temporary
folder; ``HYPOTHESIS_PROFILE=more`` runs more of them."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablefix import RepairConfig, clean, cli, fix_transliteration

from . import release_csv

PIECES = st.sampled_from(
    ["\r\n", "\n", ",", "&", "8", ")", "'", '"', "\\", '\\"', '""', "don,t", "&Watch List8", " ) ", "Regime,s", "a 5\" screen", "caf\u00e9", "\u2019", "\u201c", "\u2014", " ", "SIPDIS", "\t"]
)
CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
TEXT = st.lists(st.one_of(PIECES, st.text(CHARS, max_size=4)), max_size=10).map("".join)
COMMANDS = st.sampled_from(["clean", "fix"])
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def expected(command: str, text: str) -> str:
    return clean(text) if command == "clean" else fix_transliteration(text, RepairConfig())


def run(command: str, name: str, data: bytes, *args: str) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        src, out = Path(folder) / name, Path(folder) / "out"
        src.write_bytes(data)
        status = cli.main([command, *args, str(src), "-o", str(out)])
        return status, out.read_bytes().decode("utf-8")


@FUZZ
@given(command=COMMANDS, text=TEXT.filter(bool))
def test_text_file(command: str, text: str) -> None:
    status, out = run(command, "in.txt", text.encode("utf-8"))
    assert status == 0 and out == expected(command, text)


@FUZZ
@given(
    command=COMMANDS,
    rows=st.lists(st.tuples(TEXT, TEXT, st.booleans(), st.sampled_from(["\n", "\r\n"])), min_size=1, max_size=6),
)
def test_jsonl(command: str, rows: list[tuple[str, str, bool, str]]) -> None:
    heads, tails, data = [], [], []
    for n, (body, note, ascii_only, end) in enumerate(rows):
        head = f'{{"id": {n}, "note": {json.dumps(note, ensure_ascii=ascii_only)}, "x": 1.10000000000000000001, "body": '
        tail = ', "n": 1e400, "body2": "dup"}' + end
        heads.append(head)
        tails.append(tail)
        data.append(head + json.dumps(body, ensure_ascii=ascii_only) + tail)
    status, out = run(command, "in.jsonl", "".join(data).encode("utf-8"))
    assert status == 0
    lines = out.splitlines(keepends=True)
    assert len(lines) == len(rows)
    for line, head, tail, (body, *_rest) in zip(lines, heads, tails, rows):
        assert line.startswith(head) and line.endswith(tail)
        assert json.loads(line[len(head) : len(line) - len(tail)]) == expected(command, body)


_STANDARD_TOKEN = re.compile(r'"(?:[^"]|"")*"|[^,"\r\n]*')


def standard_token(value: str, always: bool) -> str:
    if always or any(c in value for c in ',"\r\n') or not value:
        return '"' + value.replace('"', '""') + '"'
    return value


@FUZZ
@given(
    command=COMMANDS,
    rows=st.lists(st.tuples(TEXT, TEXT, st.booleans(), st.sampled_from(["\n", "\r\n"])), min_size=1, max_size=6),
    header_end=st.sampled_from(["\n", "\r\n"]),
)
def test_csv(command: str, rows: list[tuple[str, str, bool, str]], header_end: str) -> None:
    header = "id,note,body,after" + header_end
    heads, tails = [], []
    data = [header]
    for n, (body, note, always, end) in enumerate(rows):
        heads.append(f"{n},{standard_token(note, always)},")
        tails.append(f",{standard_token(note[:3], not always)}{end}")
        data.append(heads[-1] + standard_token(body, always) + tails[-1])
    status, out = run(command, "in.csv", "".join(data).encode("utf-8"))
    assert status == 0 and out.startswith(header)
    pos = len(header)
    for head, tail, (body, *_rest) in zip(heads, tails, rows):  # the records in order, read independently
        assert out.startswith(head, pos)
        pos += len(head)
        token = _STANDARD_TOKEN.match(out, pos).group()  # type: ignore[union-attr]
        value = token[1:-1].replace('""', '"') if token.startswith('"') else token
        assert value == expected(command, body)
        pos += len(token)
        assert out.startswith(tail, pos)
        pos += len(tail)
    assert pos == len(out)


@FUZZ
@given(command=COMMANDS, rows=st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=6))
def test_cables_csv_in_the_release_dialect(command: str, rows: list[tuple[str, str]]) -> None:
    source = [
        [str(n + 1), "1/8/2008 20:42", f"08STATE{n + 1}", "Embassy X", "SECRET", "", header, body]
        for n, (body, header) in enumerate(rows)
    ]
    data = "".join(",".join(release_csv.quote(v) for v in row) + "\n" for row in source)
    status, out = run(command, "cables.csv", data.encode("utf-8"))
    assert status == 0
    got = release_csv.raw_rows(out)
    assert len(got) == len(source)
    for row, want in zip(got, source):
        assert row[:7] == [release_csv.quote(v) for v in want[:7]]
        assert release_csv.value(row[7]) == expected(command, want[7])


@FUZZ
@given(command=COMMANDS, rows=st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=6))
def test_cables_csv_in_standard_quoting(command: str, rows: list[tuple[str, str]]) -> None:
    # the first row shows the dialect (a doubled quote inside a field): a row such as
    # "don,t\'" alone reads in both dialects, with two values, and is read as the release's
    rows = [("", 'a "quoted" header')] + rows
    source = [
        [str(n + 1), "1/8/2008 20:42", f"08STATE{n + 1}", "Embassy X", "SECRET", "", header, body]
        for n, (body, header) in enumerate(rows)
    ]
    data = "".join(",".join(standard_token(v, True) for v in row) + "\n" for row in source)
    status, out = run(command, "cables.csv", data.encode("utf-8"))
    assert status == 0
    pos = 0
    for want in source:  # the records in order, read independently
        for n, value in enumerate(want):
            token = _STANDARD_TOKEN.match(out, pos).group()  # type: ignore[union-attr]
            if n < 7:
                assert token == standard_token(value, True)
            else:
                assert token[1:-1].replace('""', '"') == expected(command, value)
            pos += len(token)
            assert out[pos] == ("," if n < 7 else "\n")
            pos += 1
    assert pos == len(out)
