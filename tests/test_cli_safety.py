"""The command never loses data: what it refuses, what it never writes over,
how it writes (atomically, keeping a file's mode, owner, links), how it ends
(one line, an exit status, no traceback, no temporary file left).

In-process through ``cablefix.cli.main([...])``; through a subprocess
(``sys.executable -m cablefix``) where signals, closed streams or devices
matter."""

from __future__ import annotations

import bz2
import concurrent.futures
import gzip
import json
import lzma
import os
import pathlib
import random
import signal
import stat
import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablefix import RepairConfig, cli, decode, fix_transliteration
from cablefix.decode import looks_binary

from .conftest import DEV, SHARED

LARGE = SHARED / "corpus" / "large"
LEGACY = "the Regime,s view of the &Watch List8\n"
FIXED = "the Regime\u2019s view of the \u201cWatch List\u201d\n"


def cablefix(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cablefix", *args], capture_output=True, **kwargs)


def leftovers(folder: pathlib.Path) -> list[str]:
    return [p.name for p in folder.rglob(".cablefix-*")]


def write(path: pathlib.Path, text: str = LEGACY) -> pathlib.Path:
    path.write_text(text, encoding="utf-8")
    return path


def wait_for_temporary_file(folder: pathlib.Path, proc: subprocess.Popen) -> None:
    """Until the command writes (a ``.cablefix-*`` file exists), at most 30 s."""
    deadline = time.monotonic() + 30
    while not leftovers(folder) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert leftovers(folder), "the command never started writing"


def big_jsonl(path: pathlib.Path, lines: int = 300_000) -> str:
    text = '{"body": "the Regime,s view"}\n' * lines
    path.write_text(text, encoding="utf-8")
    return text


# ---- never over an input ----------------------------------------------------------


@pytest.mark.parametrize("how", ["same name", "symlink", "hard link"])
def test_output_that_is_the_input_is_refused(tmp_path, capsys, how: str) -> None:
    src = write(tmp_path / "f.txt")
    out = tmp_path / "out.txt"
    if how == "same name":
        out = src
    elif how == "symlink":
        out.symlink_to(src.name)
    else:
        os.link(src, out)
    assert cli.main(["clean", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "refusing" in err and "Traceback" not in err
    assert src.read_text(encoding="utf-8") == LEGACY and leftovers(tmp_path) == []


def test_output_dir_over_its_inputs_is_refused(tmp_path, capsys) -> None:
    folder = tmp_path / "cables"
    folder.mkdir()
    write(folder / "a.txt")
    assert cli.main(["clean", str(folder), "--output-dir", str(folder)]) == 2
    assert "refusing" in capsys.readouterr().err
    assert (folder / "a.txt").read_text(encoding="utf-8") == LEGACY
    # two inputs of one name would land on one output: refused before anything is written
    write(tmp_path / "b.txt")
    other = tmp_path / "other"
    other.mkdir()
    write(other / "b.txt")
    assert cli.main(["clean", str(tmp_path / "b.txt"), str(other / "b.txt"), "--output-dir", str(tmp_path / "out")]) == 2
    assert "both" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_standard_streams_that_are_the_input_are_refused(tmp_path) -> None:
    src = write(tmp_path / "f.txt")
    with open(src, "rb") as stdin:  # cablefix clean -o f.txt < f.txt
        out = cablefix("clean", "-o", str(src), stdin=stdin)
    assert out.returncode == 2 and b"standard input" in out.stderr
    with open(src, "ab") as stdout:  # cablefix clean f.txt >> f.txt (it would read its own output)
        out = subprocess.run([sys.executable, "-m", "cablefix", "clean", str(src)], stdout=stdout, stderr=subprocess.PIPE)
    assert out.returncode == 2 and b"standard output is the input" in out.stderr
    assert src.read_text(encoding="utf-8") == LEGACY


# ---- --in-place ---------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_in_place_keeps_the_mode(tmp_path, mode: int) -> None:
    src = write(tmp_path / "f.txt")
    src.chmod(mode)
    assert cli.main(["fix", "--in-place", str(src)]) == 0
    assert stat.S_IMODE(src.stat().st_mode) == mode and src.read_text(encoding="utf-8") == FIXED


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_in_place_keeps_the_owner(tmp_path) -> None:
    src = write(tmp_path / "f.txt")
    os.chown(src, 4321, 4322)
    assert cli.main(["fix", "--in-place", str(src)]) == 0
    assert (src.stat().st_uid, src.stat().st_gid) == (4321, 4322) and src.read_text(encoding="utf-8") == FIXED


def test_in_place_refuses_a_read_only_file(tmp_path, capsys) -> None:
    src = write(tmp_path / "f.txt")
    src.chmod(0o444)
    other = write(tmp_path / "g.txt")
    assert cli.main(["fix", "--in-place", str(src), str(other)]) == 2
    err = capsys.readouterr().err
    assert str(src) in err and "read-only" in err
    assert src.read_text(encoding="utf-8") == LEGACY and stat.S_IMODE(src.stat().st_mode) == 0o444
    assert other.read_text(encoding="utf-8") == FIXED  # the others are still done


def test_in_place_through_a_symlink_rewrites_the_target(tmp_path) -> None:
    target = write(tmp_path / "target.txt")
    link = tmp_path / "link.txt"
    link.symlink_to("target.txt")
    assert cli.main(["fix", "--in-place", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == "target.txt"
    assert target.read_text(encoding="utf-8") == FIXED and leftovers(tmp_path) == []


def test_in_place_over_a_folder_rewrites_nothing_outside_it(tmp_path) -> None:
    folder, outside = tmp_path / "folder", tmp_path / "outside"
    (folder / "sub").mkdir(parents=True)
    outside.mkdir()
    far = write(outside / "far.txt")
    near = write(folder / "near.txt")
    (folder / "sub" / "far-link.txt").symlink_to(far)
    (folder / "near-link.txt").symlink_to(near)
    assert cli.main(["fix", "--in-place", str(folder)]) == 0
    assert far.read_text(encoding="utf-8") == LEGACY  # a link out of the folder is left out
    assert near.read_text(encoding="utf-8") == FIXED and (folder / "near-link.txt").is_symlink()
    assert cli.main(["fix", "--in-place", str(folder / "sub" / "far-link.txt")]) == 0  # named: its target is rewritten
    assert far.read_text(encoding="utf-8") == FIXED


def test_in_place_keeps_hard_links(tmp_path) -> None:
    src = write(tmp_path / "f.txt")
    twin = tmp_path / "twin.txt"
    os.link(src, twin)
    inode = src.stat().st_ino
    assert cli.main(["fix", "--in-place", str(src)]) == 0
    assert src.stat().st_ino == twin.stat().st_ino == inode and src.stat().st_nlink == 2
    assert twin.read_text(encoding="utf-8") == FIXED and leftovers(tmp_path) == []
    # a shorter result: the file is cut to it
    write(src, "the Regime,s view  \n" * 50)
    assert cli.main(["clean", "--in-place", str(twin)]) == 0
    assert src.read_text(encoding="utf-8") == "the Regime\u2019s view\n" * 50


def test_in_place_keeps_a_bom(tmp_path) -> None:
    src = tmp_path / "bom.txt"
    src.write_bytes(b"\xef\xbb\xbf" + LEGACY.encode())
    assert cli.main(["fix", "--in-place", str(src)]) == 0
    assert src.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()


@pytest.mark.parametrize("command", ["clean", "fix"])
def test_a_text_files_bom_comes_back_on_every_output(tmp_path, command: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    src = folder / "bom.txt"
    src.write_bytes(b"\xef\xbb\xbf" + LEGACY.encode())
    piped = cablefix(command, str(src))
    assert piped.returncode == 0 and piped.stdout.startswith(b"\xef\xbb\xbfthe Regime\xe2\x80\x99s")
    assert cli.main([command, str(src), "-o", str(tmp_path / "out.txt")]) == 0
    assert cli.main([command, str(folder), "--output-dir", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out.txt").read_bytes() == (tmp_path / "out" / "bom.txt").read_bytes() == piped.stdout
    if command == "fix":  # length kept, the BOM with it
        assert len(piped.stdout.decode()) == len(src.read_bytes().decode())
    # a text read as Windows-1252 keeps its BOM as it was read: never two
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"\xef\xbb\xbf" + ("caf\xe9 na\xefve r\xe9sum\xe9 don,t " * 20).encode("cp1252") + b"\n")
    once = cablefix(command, str(latin)).stdout
    assert once.count(b"\xef\xbb\xbf") + once.count("\u00ef\u00bb\u00bf".encode()) == 1
    # no BOM where the input had none, and none inside explain's lines
    assert not cablefix(command, "-", input=LEGACY.encode()).stdout.startswith(b"\xef\xbb\xbf")
    assert not cablefix("explain", str(src)).stdout.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_during_in_place_leaves_the_file_and_no_temporary_file(tmp_path, sig) -> None:
    src = tmp_path / "big.jsonl"
    original = big_jsonl(src)
    proc = subprocess.Popen([sys.executable, "-m", "cablefix", "clean", "--in-place", str(src)], stderr=subprocess.PIPE)
    wait_for_temporary_file(tmp_path, proc)
    time.sleep(0.3)
    proc.send_signal(sig)
    assert proc.wait(timeout=60) == 128 + sig
    err = proc.stderr.read().decode()  # type: ignore[union-attr]
    assert ("terminated" if sig == signal.SIGTERM else "interrupted") in err and "Traceback" not in err
    assert src.read_text(encoding="utf-8") == original and leftovers(tmp_path) == []


def test_interrupted_output_is_not_left_half_written(tmp_path) -> None:
    src = tmp_path / "big.jsonl"
    big_jsonl(src)
    out = write(tmp_path / "out.jsonl", "the previous result\n")
    proc = subprocess.Popen([sys.executable, "-m", "cablefix", "clean", str(src), "-o", str(out)], stderr=subprocess.PIPE)
    wait_for_temporary_file(tmp_path, proc)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 143
    assert out.read_text(encoding="utf-8") == "the previous result\n" and leftovers(tmp_path) == []


@pytest.mark.parametrize("command", ["clean", "fix", "split", "parse", "explain", "check"])
@pytest.mark.parametrize("bad", ["missing", "directory", "binary"])
def test_output_is_left_as_it_was_when_an_input_cannot_be_read(tmp_path, capsys, command: str, bad: str) -> None:
    good = write(tmp_path / "good.txt")
    unreadable = tmp_path / "input"
    if bad == "directory":
        unreadable.mkdir()
    elif bad == "binary":
        unreadable.write_bytes(random.Random(3).randbytes(4096))
    out = write(tmp_path / "out.txt", "the previous result\n")
    for inputs in ([unreadable], [good, unreadable], [unreadable, good]):
        assert cli.main([command, *map(str, inputs), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert "out.txt: left unchanged" in err and out.read_text(encoding="utf-8") == "the previous result\n"
    assert leftovers(tmp_path) == []
    assert cli.main([command, str(good), "-o", str(out)]) == 0 and out.read_text(encoding="utf-8") != "the previous result\n"


def test_output_to_standard_output_by_name_or_a_pipe_is_not_called_unchanged(tmp_path) -> None:
    good = write(tmp_path / "good.txt")
    # -o /dev/stdout redirected to a file: written where the file stands, not renamed over it
    log = tmp_path / "log.txt"
    script = f'{{ echo header; "{sys.executable}" -m cablefix fix "{good}" -o /dev/stdout; echo footer; }} > "{log}"'
    assert subprocess.run(["bash", "-c", script]).returncode == 0
    assert log.read_text(encoding="utf-8") == "header\n" + FIXED + "footer\n"
    # a failing input: what was written stays written, and nothing says "unchanged"
    piped = cablefix("fix", str(good), str(tmp_path / "missing.txt"), "-o", "/dev/stdout")
    assert piped.returncode == 2 and piped.stdout.decode() == FIXED and b"left unchanged" not in piped.stderr


def test_output_file_gets_the_mode_of_a_new_file(tmp_path) -> None:
    src = write(tmp_path / "f.txt")
    out = tmp_path / "out.txt"
    mask = os.umask(0o022)
    try:
        assert cli.main(["fix", str(src), "-o", str(out)]) == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644 and out.read_text(encoding="utf-8") == FIXED


# ---- binary and compressed input ------------------------------------------------------


def test_binary_input_is_refused(tmp_path, capsys) -> None:
    data = random.Random(15).randbytes(4096)
    src = tmp_path / "blob.dat"
    src.write_bytes(data)
    assert cli.main(["fix", "--in-place", str(src)]) == 2
    assert "binary" in capsys.readouterr().err and src.read_bytes() == data
    assert cli.main(["clean", str(src), "-o", str(tmp_path / "out.txt")]) == 2
    assert "blob.dat: binary" in capsys.readouterr().err


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_look_binary(seed: int) -> None:
    data = random.Random(seed).randbytes(8192)
    assert looks_binary(data) and looks_binary(data.replace(b"\x00", b"\x01"))  # by NUL, and by control bytes


def test_no_real_cable_looks_binary() -> None:
    files = sorted(LARGE.glob("*.jsonl")) + sorted(DEV.glob("*.jsonl"))
    if not files:
        pytest.skip("no corpus")
    bodies = 0
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            for key in ("body", "text", "content"):
                if isinstance(record.get(key), str):
                    data = record[key].encode("utf-8", "surrogatepass")
                    assert not looks_binary(data[: cli.SNIFF]), (path.name, record.get("id"))
                    assert not looks_binary(data[: cli.SNIFF].decode("utf-8", "ignore").encode("cp1252", "ignore"))
                    bodies += 1
                    break
    assert bodies > 10_000


def test_utf16_with_a_bom_is_text() -> None:
    assert not looks_binary("the Regime,s view".encode("utf-16"))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_a_bom_is_read_as_utf16(tmp_path, encoding: str) -> None:
    src = tmp_path / "cable.txt"
    src.write_bytes(LEGACY.encode(encoding))
    assert not looks_binary(src.read_bytes()[: cli.SNIFF])
    out = tmp_path / "out.txt"
    assert cli.main(["fix", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == FIXED  # written as UTF-8


@pytest.mark.parametrize("kind", ["gzip", "bz2", "xz"])
def test_compressed_input_is_read(tmp_path, kind: str) -> None:
    compress = {"gzip": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress}[kind]
    suffix = {"gzip": ".gz", "bz2": ".bz2", "xz": ".xz"}[kind]
    text = tmp_path / f"cable.txt{suffix}"
    text.write_bytes(compress(LEGACY.encode()))
    jsonl = tmp_path / f"cables.jsonl{suffix}"
    jsonl.write_bytes(compress(b'{"body": "don,t", "id": 1}\n{"body": "won,t", "id": 2}\n'))
    out = tmp_path / "out.txt"
    assert cli.main(["fix", str(text), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == FIXED
    assert cli.main(["fix", str(jsonl), "-o", str(out)]) == 0  # the format from the name inside: jsonl
    assert out.read_text(encoding="utf-8") == '{"body": "don\u2019t", "id": 1}\n{"body": "won\u2019t", "id": 2}\n'
    piped = cablefix("fix", "--format", "jsonl", input=jsonl.read_bytes())
    assert piped.returncode == 0 and piped.stdout.decode() == out.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["gzip", "bz2", "xz"])
def test_an_output_named_compressed_is_written_compressed(tmp_path, kind: str) -> None:
    compress = {"gzip": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress}[kind]
    expand = {"gzip": gzip.decompress, "bz2": bz2.decompress, "xz": lzma.decompress}[kind]
    suffix = {"gzip": ".gz", "bz2": ".bz2", "xz": ".xz"}[kind]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"cable.txt{suffix}").write_bytes(compress(LEGACY.encode()))
    (folder / "plain.txt").write_text(LEGACY, encoding="utf-8")
    assert cli.main(["fix", str(folder), "--output-dir", str(tmp_path / "out")]) == 0
    assert expand((tmp_path / "out" / f"cable.txt{suffix}").read_bytes()).decode() == FIXED  # the name it mirrors
    assert (tmp_path / "out" / "plain.txt").read_text(encoding="utf-8") == FIXED
    out = tmp_path / f"one.txt{suffix}"
    assert cli.main(["fix", str(folder / "plain.txt"), "-o", str(out)]) == 0
    assert expand(out.read_bytes()).decode() == FIXED and leftovers(tmp_path) == []


def test_compressed_file_is_not_rewritten_in_place(tmp_path, capsys) -> None:
    src = tmp_path / "cable.txt.gz"
    data = gzip.compress(LEGACY.encode())
    src.write_bytes(data)
    assert cli.main(["fix", "--in-place", str(src)]) == 2
    err = capsys.readouterr().err
    assert "cable.txt.gz: gzip-compressed" in err and "-o" in err and src.read_bytes() == data


def test_damaged_compressed_input_is_one_line(tmp_path, capsys) -> None:
    src = tmp_path / "cut.txt.gz"
    src.write_bytes(gzip.compress(LEGACY.encode() * 1000)[:-40])
    assert cli.main(["fix", str(src), "-o", str(tmp_path / "out.txt")]) == 2
    assert "cut.txt.gz" in capsys.readouterr().err


# ---- decoding ------------------------------------------------------------------------


def test_one_stray_byte_does_not_turn_utf8_into_mojibake(tmp_path) -> None:
    data = "caf\u00e9 and the Regime,s view of the \u201cList\u201d ".encode() + b"na\xefve\n"
    assert decode(data) == "caf\u00e9 and the Regime,s view of the \u201cList\u201d na\u00efve\n"
    src = tmp_path / "mixed.txt"
    src.write_bytes(data)
    out = tmp_path / "out.txt"
    assert cli.main(["fix", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "caf\u00e9 and the Regime\u2019s view of the \u201cList\u201d na\u00efve\n"


def _real_bodies(min_non_ascii: int) -> list[str]:
    if not DEV.exists():
        pytest.skip("no dev corpus")
    bodies = [json.loads(line)["body"] for line in (DEV / "unicode.jsonl").read_text(encoding="utf-8").splitlines()]
    return [b for b in bodies if sum(c > "\x7f" for c in b) >= min_non_ascii and all(c in _CP1252_TEXT for c in b)][:20]


#: Characters Windows-1252 can write (the cables a Windows-1252 file can hold).
_CP1252_TEXT = set(bytes(range(0x20, 0x7F)).decode() + "\n\r\t" + bytes(range(0xA0, 0x100)).decode("cp1252") + "’‘“”—–…€")


def test_real_utf8_cables_with_a_stray_byte() -> None:
    bodies = _real_bodies(3)
    assert bodies
    for body in bodies:
        cut = body.index(" ", len(body) // 2)
        data = body[:cut].encode() + "\u2019".encode("cp1252") + body[cut:].encode()  # one Windows-1252 byte in UTF-8
        assert decode(data) == body[:cut] + "\u2019" + body[cut:]
        assert decode(body.encode("cp1252")) == body  # a whole Windows-1252 file still reads


def test_in_place_refuses_text_that_is_not_utf8(tmp_path, capsys) -> None:
    src = tmp_path / "cp1252.txt"
    data = "Ukraine\u2019s caf\u00e9 and the Regime,s view\n".encode("cp1252")
    src.write_bytes(data)
    assert cli.main(["fix", "--in-place", str(src)]) == 2
    err = capsys.readouterr().err
    assert "cp1252.txt: not UTF-8" in err and src.read_bytes() == data
    out = tmp_path / "out.txt"
    assert cli.main(["fix", str(src), "-o", str(out)]) == 0  # a UTF-8 copy, on request
    assert out.read_text(encoding="utf-8") == "Ukraine\u2019s caf\u00e9 and the Regime\u2019s view\n"


# ---- failures end in one line ----------------------------------------------------------


def test_full_disk_is_one_line(tmp_path) -> None:
    src = write(tmp_path / "f.txt", LEGACY * 20_000)
    out = cablefix("fix", str(src), "-o", "/dev/full")
    assert out.returncode == 2 and out.stderr.decode().strip() == "cablefix: /dev/full: cannot write (No space left on device)"
    with open("/dev/full", "wb") as full:
        out = subprocess.run([sys.executable, "-m", "cablefix", "fix", str(src)], stdout=full, stderr=subprocess.PIPE)
    assert out.returncode == 2 and out.stderr.decode().count("\n") == 1 and b"Traceback" not in out.stderr


def test_closed_stdout_is_one_line(tmp_path) -> None:
    src = write(tmp_path / "f.txt")
    out = subprocess.run(
        [sys.executable, "-m", "cablefix", "fix", str(src)], stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1)
    )
    assert out.returncode == 2 and b"standard output is closed" in out.stderr and b"Traceback" not in out.stderr


def test_ctrl_c_with_jobs_is_one_line(tmp_path) -> None:
    src = tmp_path / "big.jsonl"
    big_jsonl(src)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cablefix", "clean", "--jobs", "2", str(src), "-o", str(tmp_path / "out.jsonl")],
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    wait_for_temporary_file(tmp_path, proc)
    time.sleep(1.0)  # the workers busy
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    assert proc.wait(timeout=60) == 130
    err = proc.stderr.read().decode()  # type: ignore[union-attr]
    assert err == "cablefix: interrupted\n"
    assert not (tmp_path / "out.jsonl").exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("value", ["5", "-1", "nan", "inf", "1.5", "high"])
def test_min_confidence_outside_0_to_1_is_refused(value: str, capsys) -> None:
    assert cli.main(["fix", "--min-confidence", value, "-"]) == 2
    assert "--min-confidence" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "1", "0.5"])
def test_min_confidence_in_0_to_1_is_taken(value: str, tmp_path) -> None:
    src = write(tmp_path / "f.txt")
    out = tmp_path / "out.txt"
    assert cli.main(["fix", "--min-confidence", value, str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == fix_transliteration(LEGACY, RepairConfig(float(value)))


@pytest.mark.parametrize("command", ["split", "parse", "check"])
def test_commands_that_repair_nothing_take_no_confidence(command: str, capsys) -> None:
    assert cli.main([command, "--min-confidence", "0.5", "-"]) == 2  # (a flag that would do nothing)
    assert "unrecognized arguments: --min-confidence" in capsys.readouterr().err


def test_possessive_threshold_reaches_every_repairing_command(tmp_path, capsys) -> None:
    src = tmp_path / "p.txt"
    src.write_text("The Regime,s view. We noted the Partners, interest in talks.\n", encoding="utf-8")
    for command in ("fix", "clean"):
        out = tmp_path / f"{command}.txt"
        assert cli.main([command, str(src), "-o", str(out)]) == 0
        assert "Partners\u2019 interest" in out.read_text(encoding="utf-8")
        assert cli.main([command, "--possessive-threshold", "0.9999", str(src), "-o", str(out)]) == 0
        assert out.read_text(encoding="utf-8") == "The Regime\u2019s view. We noted the Partners, interest in talks.\n"
    capsys.readouterr()

    def possessive_line(*flags: str) -> str:
        assert cli.main(["explain", "--doubts", *flags, str(src)]) == 0
        return next(line for line in capsys.readouterr().out.splitlines() if "plural_possessive" in line)

    assert "left alone" not in possessive_line()
    doubt = possessive_line("--possessive-threshold", "0.9999")
    assert "left alone" in doubt and "\t1.00\t" not in doubt  # (a doubt is never shown as certain)
    assert cli.main(["clean", "--possessive-threshold", "2", str(src)]) == 2
    assert "--possessive-threshold" in capsys.readouterr().err


# ---- --jobs over many files ---------------------------------------------------------


def test_one_worker_pool_for_many_files(tmp_path, monkeypatch) -> None:
    texts = ["the Regime,s view\n", "&Watch List8 ) done\n", "don,t\n", "plain\n"] * 10
    paths = [str(write(tmp_path / f"{i:02d}.txt", t)) for i, t in enumerate(texts)]
    started = []
    real = concurrent.futures.ProcessPoolExecutor

    def counting(*args, **kwargs):
        started.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counting)
    assert cli.main(["fix", "--jobs", "2", *paths, "-o", str(tmp_path / "two.out")]) == 0
    assert len(started) == 1
    assert cli.main(["fix", "--jobs", "1", *paths, "-o", str(tmp_path / "one.out")]) == 0
    assert (tmp_path / "two.out").read_text(encoding="utf-8") == (tmp_path / "one.out").read_text(encoding="utf-8")
    assert (tmp_path / "one.out").read_text(encoding="utf-8") == "".join(fix_transliteration(t) for t in texts)


# ---- directories ---------------------------------------------------------------------


def _tree(root: pathlib.Path) -> dict[str, str]:
    (root / "sub").mkdir(parents=True)
    write(root / "a.txt")
    write(root / "sub" / "b.txt", "don,t\n")
    (root / "sub" / "c.jsonl").write_text('{"body": "won,t"}\n', encoding="utf-8")
    (root / ".hidden").write_text("can,t\n", encoding="utf-8")
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file()}


def test_a_directory_without_output_dir_says_how(tmp_path, capsys) -> None:
    root = tmp_path / "cables"
    before = _tree(root)
    assert cli.main(["clean", str(root), "-o", str(tmp_path / "out.txt")]) == 2
    err = capsys.readouterr().err
    assert "cables: is a directory" in err and "--output-dir" in err
    assert _contents(root) == before


def _contents(root: pathlib.Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file()}


def test_output_dir_mirrors_a_directory(tmp_path) -> None:
    root = tmp_path / "cables"
    before = _tree(root)
    out = tmp_path / "clean"
    assert cli.main(["fix", str(root), "--output-dir", str(out)]) == 0
    assert _contents(root) == before  # inputs untouched
    assert _contents(out) == {"a.txt": FIXED, "sub/b.txt": "don\u2019t\n", "sub/c.jsonl": '{"body": "won\u2019t"}\n'}


def test_output_dir_inside_the_walked_directory(tmp_path) -> None:
    root = tmp_path / "cables"
    _tree(root)
    assert cli.main(["fix", str(root), "--output-dir", str(root / "fixed")]) == 0
    assert cli.main(["fix", str(root), "--output-dir", str(root / "fixed")]) == 0  # its own output is not an input
    assert sorted(p.relative_to(root / "fixed").as_posix() for p in (root / "fixed").rglob("*") if p.is_file()) == [
        "a.txt",
        "sub/b.txt",
        "sub/c.jsonl",
    ]


def test_in_place_walks_a_directory(tmp_path) -> None:
    root = tmp_path / "cables"
    _tree(root)
    os.mkfifo(root / "sub" / "fifo")  # never opened: it would wait for a writer
    assert cli.main(["fix", "--in-place", str(root)]) == 0
    assert _contents(root) == {"a.txt": FIXED, "sub/b.txt": "don\u2019t\n", "sub/c.jsonl": '{"body": "won\u2019t"}\n', ".hidden": "can,t\n"}
    assert (root / "sub" / "fifo").is_fifo()


def test_usage_errors_return_2_without_raising(capsys) -> None:
    assert cli.main(["clean", "--jobs", "0"]) == 2
    assert cli.main(["fix", "-o", "x", "--output-dir", "y", "f"]) == 2
    assert cli.main(["fix", "--output-dir", "y"]) == 2  # standard input has no name
    assert cli.main(["--version"]) == 0


def test_output_to_a_device_or_a_pipe_is_written_directly(tmp_path) -> None:
    src = write(tmp_path / "f.txt")
    out = cablefix("fix", str(src), "-o", "/dev/stdout")  # a pipe: no temporary file beside it
    assert out.returncode == 0 and out.stdout.decode() == FIXED
    assert cli.main(["fix", str(src), "-o", os.devnull]) == 0 and leftovers(tmp_path) == []


def test_output_over_a_read_only_file_is_refused(tmp_path, capsys) -> None:
    src = write(tmp_path / "f.txt")
    out = write(tmp_path / "out.txt", "kept\n")
    out.chmod(0o444)
    assert cli.main(["fix", str(src), "-o", str(out)]) == 2
    assert "out.txt: read-only" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "kept\n"


def test_text_that_starts_like_a_magic_number_is_text(tmp_path) -> None:
    src = write(tmp_path / "bz.txt", "BZh9 said the Regime,s view\n")  # "BZh" opens a bz2 file
    out = tmp_path / "out.txt"
    assert cli.main(["fix", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "BZh9 said the Regime\u2019s view\n"
    assert cli.main(["fix", "--in-place", str(src)]) == 0
    assert bz2.decompress(bz2.compress(b"")) == b"" and cli._compression(bz2.compress(b"")) == "bz2"


def test_hard_linked_file_on_a_full_disk_is_left_unchanged(tmp_path, monkeypatch, capsys) -> None:
    src = write(tmp_path / "f.txt")
    os.link(src, tmp_path / "twin.txt")

    def full(fd: int, offset: int, length: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "posix_fallocate", full)
    assert cli.main(["fix", "--in-place", str(src)]) == 2
    assert "No space left" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == LEGACY and leftovers(tmp_path) == []


def test_failed_write_back_names_the_complete_result(tmp_path, monkeypatch, capsys) -> None:
    src = write(tmp_path / "f.txt")
    os.link(src, tmp_path / "twin.txt")

    def failing(*args, **kwargs) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(cli.shutil, "copyfileobj", failing)
    assert cli.main(["fix", "--in-place", str(src)]) == 2
    err = capsys.readouterr().err
    kept = leftovers(tmp_path)
    assert len(kept) == 1 and kept[0] in err and (tmp_path / kept[0]).read_text(encoding="utf-8") == FIXED


def _mixed_inputs(tmp_path: pathlib.Path) -> list[str]:
    paths = []
    for i in range(30):
        if i % 7 == 3:
            p = tmp_path / f"{i:02d}.jsonl"
            p.write_text('{"body": "don,t"}\nbroken\n' + '{"body": "the Regime,s view"}\n' * 200, encoding="utf-8")
        elif i % 11 == 5:
            p = tmp_path / f"{i:02d}.dat"
            p.write_bytes(random.Random(i).randbytes(512))
        elif i == 20:
            p = tmp_path / "missing.txt"
        else:
            p = write(tmp_path / f"{i:02d}.txt", f"cable {i}: the Regime,s &Watch List8 ) done\n")
        paths.append(str(p))
    return paths


@pytest.mark.parametrize("command", ["fix", "split", "explain", "parse"])
def test_jobs_over_many_files_gives_what_one_job_gives(tmp_path, capsys, command: str) -> None:
    paths = _mixed_inputs(tmp_path)
    runs = []
    for jobs in ("1", "2"):
        status = cli.main([command, "--jobs", jobs, *paths])
        captured = capsys.readouterr()
        runs.append((status, captured.out, captured.err))
    assert runs[0] == runs[1]
    status, text, err = runs[0]
    assert status == 2 and "missing.txt" in err and "binary" in err and "line 2" in err
    if command == "fix":
        # 22 text files, 4 jsonl of 200 good records, 3 binary, 1 missing
        assert text.count("\u201cWatch List\u201d") == 22 and text.count("Regime\u2019s view") == 4 * 200


def test_jobs_with_output_dir_and_in_place(tmp_path) -> None:
    root = tmp_path / "cables"
    root.mkdir()
    texts = {f"{i:03d}.txt": f"cable {i}: the Regime,s view\n" for i in range(150)}
    for name, text in texts.items():
        write(root / name, text)
    assert cli.main(["fix", "--jobs", "2", str(root), "--output-dir", str(tmp_path / "out")]) == 0
    assert _contents(tmp_path / "out") == {n: fix_transliteration(t) for n, t in texts.items()}
    assert cli.main(["fix", "--jobs", "2", "--in-place", str(root)]) == 0
    assert _contents(root) == _contents(tmp_path / "out") and leftovers(tmp_path) == []


def test_strict_in_place_stops_at_the_malformed_file(tmp_path, capsys) -> None:
    first = write(tmp_path / "a.txt")
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"body": "don,t"}\nbroken\n', encoding="utf-8")
    last = write(tmp_path / "c.txt")
    assert cli.main(["fix", "--strict", "--in-place", str(first), str(bad), str(last)]) == 1
    assert "b.jsonl: stopped at the first malformed record (--strict); left unchanged" in capsys.readouterr().err
    assert first.read_text(encoding="utf-8") == FIXED and last.read_text(encoding="utf-8") == LEGACY
    assert bad.read_text(encoding="utf-8") == '{"body": "don,t"}\nbroken\n' and leftovers(tmp_path) == []


def test_long_texts_are_not_read_128_at_a_time(monkeypatch) -> None:
    texts = [cli.Record(i, 1, "x" * 1_000_000) for i in range(1, 21)]
    sizes = []

    def work(task):
        sizes.append(len(task[2]))
        return cli._work(task)

    list(cli.ordered_map(work, "fix", {"min_confidence": 0.8}, texts, 1))
    assert sum(sizes) == 20 and max(sizes) <= cli.CHUNK_CHARS // 1_000_000 + 1


@given(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1).filter(lambda s: not s.isascii()),
    st.integers(0x80, 0xFF),
    st.data(),
)
def test_decode_reads_a_stray_byte_alone(text: str, byte: int, data) -> None:
    """Any text with a non-ASCII character, one byte that is not UTF-8 put
    between two of its characters: the text comes back, the byte read as
    Windows-1252 (the C1 control for the five bytes it leaves undefined)."""
    at = data.draw(st.integers(0, len(text)))
    raw = text[:at].encode() + bytes([byte]) + text[at:].encode()
    stray = bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)
    expected = (text[:at] + stray + text[at:]).removeprefix("\ufeff")
    assert decode(raw) == expected


def test_an_output_dir_file_that_cannot_be_written_is_one_failure(tmp_path, capsys) -> None:
    root = tmp_path / "cables"
    _tree(root)
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file where a folder should be\n", encoding="utf-8")
    assert cli.main(["fix", str(root), "--output-dir", str(out)]) == 2
    assert "sub/b.txt" in capsys.readouterr().err
    assert _contents(out) == {"a.txt": FIXED, "sub": "a file where a folder should be\n"} and leftovers(tmp_path) == []
