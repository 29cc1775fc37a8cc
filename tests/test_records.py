"""The record formats of the command line, read and written back: the real
``cables.csv`` dialect, JSONL and CSV fidelity, and the record's own fields
for ``parse`` and ``split``.  The CLI runs in-process (``cli.main``)."""

from __future__ import annotations

import io
import re
import json
import pathlib
import subprocess
import sys

import pytest

from cablefix import clean, cli, records
from cablefix.records import RELEASE, STANDARD, read_csv, read_jsonl, utf8_lines

from . import release_csv
from .conftest import ROOT, SHARED

REAL_CABLES_CSV = SHARED / "corpus" / "large" / "cables.csv"


def real_cables_csv() -> bytes:
    if not REAL_CABLES_CSV.exists():
        pytest.skip(f"{REAL_CABLES_CSV} not found")
    return REAL_CABLES_CSV.read_bytes()


def cli_run(tmp_path: pathlib.Path, capsys, *args: str, data: bytes, name: str = "in.txt") -> tuple[int, bytes, str]:
    """Run ``cablefix ARGS FILE -o OUT`` in-process on ``data``: exit
    status, the output's bytes, standard error."""
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / ("out-" + name)
    capsys.readouterr()
    status = cli.main([*args, str(src), "-o", str(out)])
    return status, out.read_bytes(), capsys.readouterr().err


# ---- the real cables.csv -------------------------------------------------------------


def test_real_cables_csv_cleans_row_for_row_in_its_own_dialect(tmp_path, capsys) -> None:
    data = real_cables_csv()
    source = release_csv.raw_rows(data.decode("utf-8"))
    assert len(source) == 2000
    status, out1, err = cli_run(tmp_path, capsys, "clean", data=data, name="cables.csv")  # guessed: cables-csv
    assert (status, err) == (0, "")
    status2, out2, _ = cli_run(tmp_path, capsys, "clean", "--jobs", "2", "--format", "cables-csv", data=data, name="x.csv")
    assert status2 == 0 and out2 == out1  # --jobs 2 is byte-identical to --jobs 1
    rows = release_csv.raw_rows(out1.decode("utf-8"))
    assert len(rows) == 2000 and all(len(r) == 8 for r in rows)
    assert [r[:7] for r in rows] == [r[:7] for r in source]  # the seven other fields, byte for byte
    assert [release_csv.value(r[7]) for r in rows] == [clean(release_csv.value(r[7])) for r in source]
    # written in the release dialect throughout, as read: every ' and " inside a field escaped
    unescaped = re.sub(r"\\.", "", out1.decode("utf-8"), flags=re.S)
    assert unescaped.count("'") == 0 and unescaped.count('"') == 16 * 2000


def test_cables_csv_column_names_one_of_its_eight_fields(tmp_path, capsys) -> None:
    row = "1,\"2008-01-09 08:01\",\"08SEOUL55\",\"Embassy Seoul\",\"CONFIDENTIAL\",\"\",\"the Regime,s header\",\"the Regime,s body\"\n"
    data = row.encode()
    status, out, err = cli_run(tmp_path, capsys, "clean", "--format", "cables-csv", "--column", "nope", data=data)
    assert status == 1 and out == data and "no column 'nope'" in err and "'body'" in err
    status, out, err = cli_run(tmp_path, capsys, "clean", "--format", "cables-csv", "--column", "header", data=data)
    assert (status, err) == (0, "") and out.decode() == row.replace("Regime,s header", "Regime\u2019s header")
    status, out, _ = cli_run(tmp_path, capsys, "clean", "--format", "cables-csv", data=data)
    assert status == 0 and out.decode() == row.replace("Regime,s body", "Regime\u2019s body")


def test_real_cables_csv_fields_decode_and_encode_back_to_the_same_bytes() -> None:
    text = real_cables_csv().decode("utf-8")
    rows = list(read_csv(io.BytesIO(text.encode("utf-8")), None, cables=True))
    assert len(rows) == 2000 and not any(r.error for r in rows)
    tokens = release_csv.raw_rows(text)
    for record, row in zip(rows, tokens):
        values = record.fields()
        assert [RELEASE.quote(values[name]) for name in records.CABLES_CSV_COLUMNS] == row
        assert [values[name] for name in records.CABLES_CSV_COLUMNS] == [release_csv.value(t) for t in row]
        assert record.rewritten(record.text) == record.raw
        assert record.rewritten(record.text + " ") != record.raw  # the body really is re-encoded


def test_unchanged_rows_are_written_byte_for_byte_changed_ones_only_in_the_body(tmp_path, capsys) -> None:
    row1 = '"1","1/8/2008 20:42","08STATE2034","Secretary of State","SECRET","","H \\"x\\"","nothing to do\n"\n'
    row2 = '"2","1/8/2008 20:43","08STATE2035","Embassy X","SECRET","","H","the Regime,s \\"Watch\\" C:\\\\ it\\\'s\n"\n'
    status, out, _ = cli_run(tmp_path, capsys, "clean", "--format", "cables-csv", data=(row1 + row2).encode())
    assert status == 0
    text = out.decode()
    assert text.startswith(row1)
    assert text[len(row1) :] == '"2","1/8/2008 20:43","08STATE2035","Embassy X","SECRET","","H","the Regime\u2019s \\"Watch\\" C:\\\\ it\\\'s\n"\n'


def test_standard_quoting_still_reads_and_is_written_back_in_it(tmp_path, capsys) -> None:
    rows = [
        ["1", "1/8/2008 20:42", "08STATE2034", "Secretary of State", "SECRET", "", 'a "header"', 'the Regime,s "view"\nline'],
        ["2", "1/8/2008 20:43", "08STATE2035", "Embassy X", "SECRET", "", "H", "don,t"],
    ]
    data = "".join(",".join('"' + f.replace('"', '""') + '"' for f in row) + "\n" for row in rows)
    status, out, err = cli_run(tmp_path, capsys, "clean", "--format", "cables-csv", data=data.encode())
    assert (status, err) == (0, "")
    lines = out.decode()
    assert '"a ""header"""' in lines and '"the Regime\u2019s ""view""\nline"' in lines and '"don\u2019t"' in lines
    assert records.detect_dialect(data, 8, RELEASE) is STANDARD


def test_a_row_that_does_not_parse_passes_raw_and_the_rows_after_it_still_read(tmp_path, capsys) -> None:
    good = '"{n}","1/8/2008","08X{n}","o","c","","h","don,t {n}\n"\n'
    broken = '"2","1/8/2008","08X2","o","c","","h","a "stray" quote\nand more\n"\n'
    data = good.format(n=1) + broken + good.format(n=3) + '"4","only","three"\n' + good.format(n=5)
    status, out, err = cli_run(tmp_path, capsys, "clean", "--format", "cables-csv", data=data.encode())
    assert status == 1
    assert "line 3: record 2:" in err and "line 8: record 4:" in err and err.count("cablefix:") == 2
    text = out.decode()
    assert text == good.format(n=1).replace("don,t", "don\u2019t") + broken + good.format(n=3).replace(
        "don,t", "don\u2019t"
    ) + '"4","only","three"\n' + good.format(n=5).replace("don,t", "don\u2019t")


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64, 200])
def test_standard_rows_read_alike_whatever_the_blocks(monkeypatch, block: int) -> None:
    # a block may end between the two quotes of a pair: that quote closes no field
    data = ('"1","d","08X1","o","c","","h","the ""One UN"" plan, ""x"""\n' * 3 + '"2","d","","o","c","","","""q"" e\\p"\n').encode()
    expected = [(r.text, r.raw, r.error) for r in read_csv(io.BytesIO(data), None, cables=True)]
    assert [t for t, _, _ in expected] == ['the "One UN" plan, "x"'] * 3 + ['"q" e\\p'] and not any(e for *_, e in expected)
    monkeypatch.setattr(records, "BLOCK", block)
    assert [(r.text, r.raw, r.error) for r in read_csv(io.BytesIO(data), None, cables=True)] == expected


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64])
def test_rows_read_alike_whatever_the_blocks_the_stream_comes_in(monkeypatch, block: int) -> None:
    data = (
        '\ufeff"1","d","08X1","o","c","","h","a \\"b\\" \\\\ c,\r\nd"\n'
        '"2","d","08X2","o","c","","h\nh","broken "here"\n"\n'
        '"3","d","08X3","o","c","","","e\'s"\r\n'
        '"4","d","08X4","o","c","","h","the end'
    ).encode()
    expected = [(r.number, r.line, r.text, r.raw, r.error) for r in read_csv(io.BytesIO(data), None, cables=True)]
    monkeypatch.setattr(records, "BLOCK", block)
    got = [(r.number, r.line, r.text, r.raw, r.error) for r in read_csv(io.BytesIO(data), None, cables=True)]
    assert got == expected
    assert "".join(raw for _, _, _, raw, _ in got) == data.decode()
    assert [n for n, *_ in got] == [1, 2, 3, 4, -1]  # the last: the notice of the open field
    assert got[0][2] == 'a "b" \\ c,\r\nd' and got[1][4] and got[2][2] == "e's" and got[3][2] == "the end"


def test_a_truncated_last_field_is_cleaned_and_left_open(tmp_path, capsys) -> None:
    data = '"1","d","08X1","o","c","","h","don,t\n"\n"2","d","08X2","o","c","","h","won,t'
    status, out, err = cli_run(tmp_path, capsys, "clean", "--format", "cables-csv", data=data.encode())
    assert status == 1 and "line 3" in err and "truncated" in err
    assert out.decode() == '"1","d","08X1","o","c","","h","don\u2019t\n"\n"2","d","08X2","o","c","","h","won\u2019t'


def test_the_benchmark_generator_writes_the_release_dialect(tmp_path) -> None:
    dev = SHARED / "corpus" / "dev"
    if not dev.exists():
        pytest.skip("no dev corpus")
    out = tmp_path / "cables.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_cables_csv.py"), str(out), "--mb", "0.5", "--corpus", str(dev)],
        check=True,
        capture_output=True,
    )
    text = out.read_text(encoding="utf-8")
    rows = release_csv.raw_rows(text)
    assert len(rows) > 10 and all(len(r) == 8 and all(t.startswith('"') for t in r) for r in rows)
    assert "\\'" in text and '""' not in text.replace(',"",', ",,")
    parsed = list(read_csv(io.BytesIO(text.encode()), None, cables=True))
    assert len(parsed) == len(rows) and not any(r.error for r in parsed)


# ---- parse and split take the record's own fields -----------------------------------------


def test_parse_takes_the_cables_csv_rows_own_fields(tmp_path, capsys) -> None:
    row = '"15639","4/2/2004 13:34","04BRATISLAVA328","Embassy Bratislava","UNCLASSIFIED","04STATE68205","R 021334Z APR 04\nFM AMEMBASSY BRATISLAVA","UNCLAS SECTION 01 OF 02 BRATISLAVA 000328\n\nSUBJECT: X\n\nREF: STATE 68205\n"\n'
    status, out, _ = cli_run(tmp_path, capsys, "parse", "--format", "cables-csv", data=row.encode())
    got = json.loads(out)
    assert status == 0
    assert (got["reference_id"], got["record_id"], got["record_date"], got["year"]) == ("04BRATISLAVA328", "15639", "4/2/2004 13:34", 2004)
    assert (got["origin"], got["classification"], got["references"]) == ("Embassy Bratislava", "UNCLASSIFIED", ["04STATE68205"])
    assert got["from_"] == "AMEMBASSY BRATISLAVA" and got["date_time_group"] == "R 021334Z APR 04"  # the header field
    assert "reference_id" in got["record_fields"] and "origin" in got["record_fields"]
    split = [json.loads(line) for line in cli_run(tmp_path, capsys, "split", "--format", "cables-csv", data=row.encode())[1].splitlines()]
    assert len(split) == 1 and split[0]["reference_id"] == "04BRATISLAVA328" and split[0]["text"].startswith("UNCLAS")


def test_parse_takes_jsonl_and_csv_columns(tmp_path, capsys) -> None:
    line = {"id": "05ANKARA7215", "date": "2005-12-20 11:00", "origin": "Embassy Ankara", "classification": "SECRET", "body": "fragment REF: ANKARA 123"}
    _, out, _ = cli_run(tmp_path, capsys, "parse", data=(json.dumps(line) + "\n").encode(), name="in.jsonl")
    got = json.loads(out)
    assert (got["reference_id"], got["origin"], got["classification"], got["year"]) == ("05ANKARA7215", "Embassy Ankara", "SECRET", 2005)
    assert got["references"] == ["05ANKARA123"]  # the reference without a year takes the record's
    csv_data = "reference_id,date,body\r\n08SEOUL55,1/9/2008,S E C R E T SEOUL 000055 SUBJECT: X\r\n"
    _, out, _ = cli_run(tmp_path, capsys, "parse", data=csv_data.encode(), name="in.csv")
    got = json.loads(out)
    assert (got["reference_id"], got["year"], got["record_fields"]) == ("08SEOUL55", 2008, ["record_date", "reference_id"])


def test_year_for_plain_text(tmp_path, capsys) -> None:
    text = b"S E C R E T SEOUL 000055\n\nSUBJECT: ASAT TEST\nREF: A. SECSTATE 1265\n"
    _, out, _ = cli_run(tmp_path, capsys, "parse", data=text)
    assert json.loads(out)["reference_id"] is None  # no date in the text
    _, out, _ = cli_run(tmp_path, capsys, "parse", "--year", "2008", data=text)
    got = json.loads(out)
    assert (got["reference_id"], got["references"]) == ("08SEOUL55", ["08STATE1265"])
    _, out, _ = cli_run(tmp_path, capsys, "split", "--year", "2008", data=text)
    assert json.loads(out)["reference_id"] == "08SEOUL55"
    assert cli.main(["parse", "--year", "08"]) == 2  # a usage error: argparse says why


# ---- JSONL ------------------------------------------------------------------------------


def test_jsonl_lone_surrogates_are_reported_and_passed_through(tmp_path, capsys) -> None:
    data = b'{"body": "a \\ud800 x"}\n{"body": "don,t"}\n{"body": "b \\udc80 y"}\n{"body": "pair \\ud83d\\ude00 won,t"}\n'
    status, out, err = cli_run(tmp_path, capsys, "clean", data=data, name="in.jsonl")
    assert status == 1 and "Traceback" not in err and "line 1" in err and "line 3" in err
    out.decode("utf-8")  # valid UTF-8
    assert out.split(b"\n") == [
        b'{"body": "a \\ud800 x"}',
        '{"body": "don\u2019t"}'.encode(),
        b'{"body": "b \\udc80 y"}',
        b'{"body": "pair \\ud83d\\ude00 won\\u2019t"}',  # written as it was: with \u escapes
        b"",
    ]


def test_jsonl_other_bytes_of_a_line_stay_as_they_were(tmp_path, capsys) -> None:
    data = (
        '\ufeff{"n": 1e400, "x": 1.10000000000000000001, "body": "dup", "body": "don,t", "k": [1, {"body": 2}]}\r\n'
        "\n"
        '  {"body":"won,t" ,"t":true}  \r\n'
        "   \n"
        '{"body": "unchanged", "z": 1.0}'
    ).encode()
    status, out, err = cli_run(tmp_path, capsys, "clean", data=data, name="in.jsonl")
    assert (status, err) == (0, "")
    assert out == data.replace(b'"don,t"', '"don\u2019t"'.encode()).replace(b'"won,t"', '"won\u2019t"'.encode())


def test_jsonl_value_span_finds_the_last_top_level_string() -> None:
    line = '{"a": {"body": "inner"}, "body" : "outer \\" q", "c": ["body", "x"]}'
    start, end = records.json_value_span(line, "body")
    assert line[start:end] == '"outer \\" q"'
    assert records.json_value_span('{"body": "x", "body": 5}', "body") is None
    assert records.json_value_span('{"b\\u006fdy": "esc"}', "body") == (14, 19)


def test_jsonl_on_standard_input_is_detected_and_read_with_the_flag() -> None:
    data = '{"body": "don,t", "note": "won,t"}\n'
    for args in (["clean"], ["clean", "--format", "jsonl"], ["clean", "-"]):
        out = subprocess.run([sys.executable, "-m", "cablefix", *args], input=data.encode(), capture_output=True)
        assert out.returncode == 0 and json.loads(out.stdout) == {"body": "don\u2019t", "note": "won,t"}
    text = subprocess.run([sys.executable, "-m", "cablefix", "clean"], input=b"{don,t}\n", capture_output=True)
    assert text.stdout.decode() == "{don\u2019t}\n"  # not JSON: text


def test_jsonl_on_standard_input_with_a_first_line_longer_than_the_pipe_buffer_is_jsonl() -> None:
    line = json.dumps({"subject": "Turkey,s plan", "body": "the Regime,s view  \n" + "x" * 20_000}) + "\n"
    # a peek returns at most the buffer (8 KB on a pipe): the line is cut
    assert records.sniff_format(io.BufferedReader(io.BytesIO(line.encode()), buffer_size=8192)) == "jsonl"
    assert records.sniff_format(io.BufferedReader(io.BytesIO(b"{not json " * 2000), buffer_size=8192)) == "text"
    out = subprocess.run([sys.executable, "-m", "cablefix", "clean"], input=line.encode(), capture_output=True)
    assert out.returncode == 0
    assert json.loads(out.stdout) == {"subject": "Turkey,s plan", "body": "the Regime\u2019s view\n" + "x" * 20_000}
    # a short first line that starts so but is no JSON is text, with or without its end
    for data in (b'{"Quoted" heading} don,t', b'{"Quoted" heading} don,t\nmore\n'):
        out = subprocess.run([sys.executable, "-m", "cablefix", "clean"], input=data, capture_output=True)
        assert out.returncode == 0 and out.stdout.decode().startswith('{"Quoted" heading} don\u2019t')


# ---- CSV ----------------------------------------------------------------------------------


def test_csv_with_a_byte_order_mark_reads_its_header(tmp_path, capsys) -> None:
    data = '\ufeffid,body\r\n1,"don,t"\r\n2,plain\r\n'.encode()
    status, out, err = cli_run(tmp_path, capsys, "clean", data=data, name="in.csv")
    assert (status, err) == (0, "")
    assert out.decode() == '\ufeffid,body\r\n1,"don\u2019t"\r\n2,plain\r\n'


def test_csv_without_a_text_column_passes_every_row_and_says_so_once(tmp_path, capsys) -> None:
    data = b'id,note\n1,"don,t"\n2,x\n'
    status, out, err = cli_run(tmp_path, capsys, "clean", data=data, name="in.csv")
    assert status == 1 and out == data
    assert err.count("cablefix:") == 1 and "no text column" in err and "--column" in err


def test_csv_rows_with_more_or_fewer_fields_than_the_header_pass_through_reported(tmp_path, capsys) -> None:
    # an unquoted comma shifts the columns: what sits in the body's place is not the body
    data = b'id,body,note\n1,&Watch,List8,ok\n2,"the Regime,s view"\n3,"the Regime,s view",x\n'
    status, out, err = cli_run(tmp_path, capsys, "clean", data=data, name="in.csv")
    assert status == 1
    assert out.decode() == 'id,body,note\n1,&Watch,List8,ok\n2,"the Regime,s view"\n3,"the Regime\u2019s view",x\n'
    assert "line 2: record 1: 4 fields, not 3" in err and "line 3: record 2: 2 fields, not 3" in err


def test_csv_quote_inside_a_field_is_no_truncation(tmp_path, capsys) -> None:
    data = b'id,body\n1,"a 5"" screen, don,t"\n2,a 5" screen\n3,"the end"\n'
    status, out, err = cli_run(tmp_path, capsys, "clean", data=data, name="in.csv")
    assert (status, err) == (0, "")
    assert out.decode() == 'id,body\n1,"a 5"" screen, don\u2019t"\n2,a 5" screen\n3,"the end"\n'
    cut = b'id,body\n1,"x"\n2,"never closed\n'
    status, _, err = cli_run(tmp_path, capsys, "clean", data=cut, name="cut.csv")
    assert status == 1 and "line 3" in err and "truncated" in err


def test_csv_a_value_that_needs_quotes_gets_them(tmp_path, capsys) -> None:
    data = b"id,body\n1,x&y8 a\n"
    status, out, _ = cli_run(tmp_path, capsys, "clean", "--quotes", "ascii", data=data, name="in.csv")
    assert status == 0
    (row,) = list(__import__("csv").reader(io.StringIO(out.decode().split("\n", 1)[1])))
    assert row == ["1", clean("x&y8 a", quotes="ascii")]


def test_old_readers_api_still_reads_lines() -> None:
    lines = utf8_lines(io.BytesIO(b'{"body": "x"}\n'))
    assert [r.text for r in read_jsonl(lines, None)] == ["x"]


@pytest.mark.parametrize("dialect", ["release", "standard"])
def test_the_dialect_is_taken_from_the_first_row_that_shows_it(dialect: str) -> None:
    # rows without an escaped or doubled quote read alike in both; the first that has one decides
    plain = '"{n}","d","08X{n}","o","c","","h","plain {n}"\n'
    shows = '"9","d","08X9","o","c","","h","it\\\'s \\"x\\" C:\\\\"\n' if dialect == "release" else '"9","d","08X9","o","c","","h","a ""x"" C:\\p"\n'
    data = "".join(plain.format(n=n) for n in range(3)) + shows + plain.format(n=4)
    got = list(read_csv(io.BytesIO(data.encode()), None, cables=True))
    assert not any(r.error for r in got)
    assert got[3].text == ("it's \"x\" C:\\" if dialect == "release" else 'a "x" C:\\p')
    written = got[3].rewritten('say "y"')  # written back in the dialect read
    assert written == '"9","d","08X9","o","c","","h",' + ('"say \\"y\\""\n' if dialect == "release" else '"say ""y"""\n')


def test_parse_says_when_the_body_is_another_cables(tmp_path, capsys) -> None:
    records = [
        {"id": "07PARIS2725", "body": "S E C R E T SECTION 01 OF 04 MOSCOW 005154\n\nSIPDIS\n\nSUBJECT: X\n"},
        {"id": "08SEOUL55", "body": "S E C R E T SEOUL 000055\n\nSIPDIS\n\nSUBJECT: ROKG TO CONTINUE\n"},
        {"body": "S E C R E T SEOUL 000055\n\nSUBJECT: no record id\n"},
    ]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    status, out, _ = cli_run(tmp_path, capsys, "parse", data=data, name="in.jsonl")
    got = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len(got) == 3
    assert got[0]["body_mismatch"] == "the body is MOSCOW 5154, not PARIS 2725"
    assert got[1]["body_mismatch"] is None
    assert "body_mismatch" not in got[2]  # nothing to compare with
