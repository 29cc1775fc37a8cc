"""The ``cablefix`` command: clean, fix, split, explain and parse whole corpora.

    cablefix clean [FILE …]        the whole repair (clean()); FILE or stdin
    cablefix fix [FILE …]          the legacy transliteration only
    cablefix split [FILE …]        one JSON line per cable segment
    cablefix explain [FILE …]      one line per change (--doubts: also those left alone)
    cablefix parse [FILE …]        the cable's fields as one JSON line

Formats (``--format``, guessed from the extension when absent): ``text``,
``jsonl``, ``csv`` (with a header row) and ``cables-csv`` (the WikiLeaks
``cables.csv``); ``--column`` names the text field.  Records are processed
on ``--jobs`` processes and written in input order.

Exit status: 0; 1 when a record was malformed (reported with its line number,
passed through unchanged; ``--strict`` stops at the first); 2 when a file
could not be read or the command line is wrong.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import io
import json
import os
import signal
import sys
import tempfile
from typing import IO, Callable, Iterable, Iterator, Optional, Sequence

from . import __version__
from .clean import CleanConfig, clean
from .parse import parse
from .records import FORMATS, MalformedRecord, Record, Writer, guess_format, read_csv, read_jsonl, read_text, utf8_lines
from .repair import RepairConfig, explain, fix_transliteration
from .split import split

EXIT_OK, EXIT_MALFORMED, EXIT_INPUT = 0, 1, 2
COMMANDS = ("clean", "fix", "split", "explain", "parse")
#: Records sent to a worker process at a time.
CHUNK = 128
#: Chunks in flight per worker process: enough that a worker finishing one
#: finds the next already waiting (2 left workers idle; 3–6 measured alike).
IN_FLIGHT = 3


class Stop(Exception):
    """A failure that ends the run with ``status`` after ``message``."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


# --------------------------------------------------------------------------
# The work on one text (module level: it runs in worker processes)
# --------------------------------------------------------------------------


def _work(task: tuple[str, dict, list[str]]) -> list[object]:
    command, settings, texts = task
    return [_one(command, settings, text) for text in texts]


def _one(command: str, settings: dict, text: str) -> object:
    if command == "clean":
        return clean(text, CleanConfig(**settings["clean"]))
    if command == "fix":
        return fix_transliteration(text, RepairConfig(settings["min_confidence"]))
    if command == "explain":
        edits = explain(text, doubts=settings["doubts"], config=RepairConfig(settings["min_confidence"]))
        return [(e.start, e.before, e.after, e.rule, e.confidence, e.applied) for e in edits]
    if command == "split":
        return [
            {
                "start": s.start,
                "end": s.end,
                "reference_id": s.cable.reference_id,
                "classification": s.cable.classification,
                "subject": s.cable.subject,
                "text": s.text,
            }
            for s in split(text)
        ]
    cable = parse(text)
    return cable.as_json()  # dates and datetimes as ISO strings


def ordered_map(
    func: Callable[[tuple[str, dict, list[str]]], list[object]],
    command: str,
    settings: dict,
    records: Iterable[Record],
    jobs: int,
) -> Iterator[tuple[Record, object]]:
    """``(record, result)`` for every record, in input order.  Records with
    no text (malformed, header rows) come back with ``None``.  With several
    jobs, at most ``IN_FLIGHT × jobs`` chunks are in flight, so memory stays
    bounded on a stream of any length.  This process only reads, hands out
    and writes: it keeps the workers fed rather than cleaning a chunk itself
    (which, measured, left them waiting for input)."""

    def chunks() -> Iterator[list[Record]]:
        chunk: list[Record] = []
        for record in records:
            chunk.append(record)
            if len(chunk) >= CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def run(chunk: list[Record], results: list[object]) -> Iterator[tuple[Record, object]]:
        it = iter(results)
        for record in chunk:
            yield record, (next(it) if record.text is not None else None)

    def task(chunk: list[Record]) -> tuple[str, dict, list[str]]:
        if command == "parse":  # a cables.csv row's fields come first, in the row form
            return command, settings, [r.prefix + r.text for r in chunk if r.text is not None]
        return command, settings, [r.text for r in chunk if r.text is not None]

    if jobs <= 1:
        for chunk in chunks():
            yield from run(chunk, func(task(chunk)))
        return
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: collections.deque = collections.deque()
        for chunk in chunks():
            pending.append((chunk, pool.submit(func, task(chunk))))
            while pending and (pending[0][1].done() or len(pending) > IN_FLIGHT * jobs):
                done, future = pending.popleft()
                yield from run(done, future.result())
        while pending:
            done, future = pending.popleft()
            yield from run(done, future.result())


# --------------------------------------------------------------------------
# Output of each command
# --------------------------------------------------------------------------


def _emit(command: str, writer: Writer, out: IO[str], name: str, record: Record, result: object, multi: bool) -> None:
    if command in ("clean", "fix"):
        writer.write(record, result if isinstance(result, str) else None)
        return
    if result is None:
        return
    where = f"{name}:{record.number}" if multi else name
    if command == "explain":
        assert isinstance(result, list)
        for start, before, after, rule, confidence, applied in result:
            mark = "" if applied else "\t(left alone)"
            out.write(f"{where}:{start}\t{before!r} -> {after!r}\t{rule}\t{confidence:.2f}{mark}\n")
    elif command == "split":
        assert isinstance(result, list)
        for segment in result:
            row = {"record": record.number, **segment} if multi else segment
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        assert isinstance(result, dict)
        row = {"record": record.number, **result} if multi else result
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------


def _open_input(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as err:
        raise Stop(f"cablefix: {path}: {err.strerror or err}", EXIT_INPUT) from None


def _records(stream: IO[bytes], fmt: str, column: Optional[str]) -> Iterator[Record]:
    if fmt == "text":
        return read_text(stream)
    if fmt == "jsonl":
        return read_jsonl(utf8_lines(stream), column)
    return read_csv(utf8_lines(stream, newline=""), column, cables=fmt == "cables-csv")


def _progress(records: Iterator[Record], enabled: bool, name: str) -> Iterator[Record]:
    if not enabled:
        return records
    from tqdm import tqdm

    return iter(tqdm(records, desc=name, unit=" records", file=sys.stderr, dynamic_ncols=True))


# --------------------------------------------------------------------------
# Arguments and main
# --------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cablefix",
        description="Repair the text of the Cablegate diplomatic cables.",
        epilog="Exit status: 0 ok, 1 a malformed record (passed through), 2 unreadable input or bad usage.",
    )
    parser.add_argument("--version", action="version", version=f"cablefix {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    helps = {
        "clean": "the whole repair: mojibake, legacy , & 8 ), eaten quotes, SIPDIS captions, trailing spaces",
        "fix": "only the legacy transliteration (, & 8 ) -> ’ “ ” —); keeps the length",
        "split": "split merged records: one JSON line per cable segment",
        "explain": "one line per repair: offset, before -> after, rule, confidence",
        "parse": "the cable's fields as one JSON line per record",
    }
    for name in COMMANDS:
        cmd = sub.add_parser(name, help=helps[name], description=helps[name])
        cmd.add_argument("files", nargs="*", metavar="FILE", help="input files; none or - for standard input")
        cmd.add_argument("--format", choices=FORMATS, help="input format (default: from the extension; text)")
        cmd.add_argument("--column", help="the text field of jsonl/csv input (default: body, text or content)")
        cmd.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
        cmd.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default: 1)")
        cmd.add_argument("--progress", action="store_true", help="progress bar on stderr even when it is no terminal")
        cmd.add_argument("--strict", action="store_true", help="stop at the first malformed record")
        cmd.add_argument(
            "--min-confidence", type=float, default=RepairConfig().min_confidence, help="see RepairConfig (default: %(default)s)"
        )
        if name in ("clean", "fix"):
            cmd.add_argument("--in-place", action="store_true", help="rewrite each FILE (atomically)")
        if name == "clean":
            cmd.add_argument("--quotes", choices=("unicode", "ascii"), default="unicode", help="output quotes (default: unicode)")
            for flag in ("mojibake", "transliteration", "entity-quotes", "captions", "trailing-spaces"):
                cmd.add_argument(f"--no-{flag}", action="store_true", help=f"skip the {flag.replace('-', ' ')} step")
        if name == "explain":
            cmd.add_argument("--doubts", action="store_true", help="also list candidates left alone")
    return parser


def _settings(args: argparse.Namespace) -> dict:
    settings: dict = {"min_confidence": args.min_confidence, "doubts": getattr(args, "doubts", False)}
    if args.command == "clean":
        settings["clean"] = {
            "min_confidence": args.min_confidence,
            "quotes": args.quotes,
            "mojibake": not args.no_mojibake,
            "transliteration": not args.no_transliteration,
            "entity_quotes": not args.no_entity_quotes,
            "captions": not args.no_captions,
            "trailing_spaces": not args.no_trailing_spaces,
        }
    return settings


def _run_file(args: argparse.Namespace, path: str, out: IO[str], settings: dict) -> int:
    """Process one input into ``out``; the exit status it earns."""
    fmt = args.format or (guess_format(path) if path != "-" else "text")
    name = "<stdin>" if path == "-" else path
    status = EXIT_OK
    stream = _open_input(path)
    try:
        records = _records(stream, fmt, args.column)
        multi = fmt != "text"
        show = multi and (args.progress or sys.stderr.isatty())
        writer = Writer(out, fmt)

        for record, result in ordered_map(_work, args.command, settings, _progress(records, show, name), args.jobs):
            if record.error:
                where = f"line {record.line}: record {record.number}: " if record.number >= 0 else ""
                print(f"cablefix: {name}: {where}{record.error}", file=sys.stderr)
                status = EXIT_MALFORMED
                if args.strict:
                    raise Stop(f"cablefix: {name}: stopped at the first malformed record (--strict)", EXIT_MALFORMED)
            _emit(args.command, writer, out, name, record, result, multi)
    except MalformedRecord as err:
        raise Stop(f"cablefix: {name}: {err}", EXIT_MALFORMED) from None
    except UnicodeDecodeError as err:
        raise Stop(f"cablefix: {name}: not UTF-8 at byte {err.start} ({err.reason}); convert it or use --format text", EXIT_INPUT) from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return status


def _in_place(args: argparse.Namespace, path: str, settings: dict) -> int:
    """Rewrite ``path`` atomically: a temporary file beside it, then rename."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".cablefix-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="") as out:
            status = _run_file(args, path, out, settings)
        if status != EXIT_OK and args.strict:
            raise Stop(f"cablefix: {path}: left unchanged", status)
        os.replace(tmp, path)
        return status
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    if args.jobs < 1:
        print("cablefix: --jobs must be at least 1", file=sys.stderr)
        return EXIT_INPUT
    files = args.files or ["-"]
    if getattr(args, "in_place", False) and ("-" in files or args.output):
        print("cablefix: --in-place needs FILE arguments and no -o", file=sys.stderr)
        return EXIT_INPUT
    settings = _settings(args)
    status = EXIT_OK
    out: Optional[IO[str]] = None
    stdout: Optional[io.TextIOWrapper] = None
    try:
        if not getattr(args, "in_place", False):
            if args.output:
                out = open(args.output, "w", encoding="utf-8", errors="surrogateescape", newline="")
            else:
                out = stdout = io.TextIOWrapper(
                    sys.stdout.buffer, encoding="utf-8", errors="surrogateescape", newline="", write_through=False
                )
        for path in files:
            try:
                if out is None:
                    status = max(status, _in_place(args, path, settings))
                else:
                    status = max(status, _run_file(args, path, out, settings))
            except Stop as stop:
                print(stop, file=sys.stderr)
                status = max(status, stop.status)
                if args.strict:
                    break
        if out is not None:
            out.flush()
    except BrokenPipeError:
        # the reader went away (| head): say so, and keep Python quiet at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        print("cablefix: output closed before the end (broken pipe)", file=sys.stderr)
        return 128 + signal.SIGPIPE
    except KeyboardInterrupt:
        print("cablefix: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    except OSError as err:
        print(f"cablefix: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
        return EXIT_INPUT
    finally:
        if out is not None and args.output:
            out.close()
        elif stdout is not None:
            try:
                stdout.detach()  # leave sys.stdout open
            except (ValueError, OSError):
                pass
    return status


if __name__ == "__main__":
    sys.exit(main())
