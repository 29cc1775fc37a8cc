"""The ``cablefix`` command: clean, fix, split, explain and parse whole corpora.

    cablefix clean [FILE …]        the whole repair (clean()); FILE or stdin
    cablefix fix [FILE …]          the legacy transliteration only
    cablefix split [FILE …]        one JSON line per cable segment
    cablefix explain [FILE …]      one line per change (--doubts: also those left alone)
    cablefix parse [FILE …]        the cable's fields as one JSON line
    cablefix review FILE … -o OUT  an HTML page to accept or reject each change (see review)

Formats (``--format``, guessed from the extension when absent): ``text``,
``jsonl``, ``csv`` (with a header row) and ``cables-csv`` (the WikiLeaks
``cables.csv``); ``--column`` names the text field.  Records are processed
on ``--jobs`` processes and written in input order.

Inputs may be gzip, bz2 or xz compressed (known by their first bytes); a
directory is walked with ``--output-dir`` or ``--in-place``.  Binary data is
refused.  ``-o``, ``--output-dir`` and ``--in-place`` write through a
temporary file renamed at the end; nothing is written over an input unless
``--in-place`` asks for it (see docs/reliability.md).

Exit status: 0; 1 when a record was malformed (reported with its line number,
passed through unchanged; ``--strict`` stops at the first); 2 when a file
could not be read, was refused or could not be written, or the command line
is wrong; 130 on Ctrl-C, 141 when the output closed early, 143 on SIGTERM.
"""

from __future__ import annotations

import argparse
import codecs
import collections
import concurrent.futures
import concurrent.futures.process
import contextlib
import dataclasses
import errno
import io
import json
import lzma
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import zlib
from typing import IO, Callable, Iterable, Iterator, Optional, Sequence

from . import __version__
from .clean import CleanConfig, clean
from .decode import looks_binary
from .parse import body_mismatch, parse
from .problems import problems
from .progress import counted
from .diff import unified_diff
from .records import (
    FORMATS,
    MalformedRecord,
    Record,
    Writer,
    guess_format,
    read_records,
    record_metadata,
)
from .repair import RepairConfig, fix_transliteration
from .split import split

EXIT_OK, EXIT_MALFORMED, EXIT_INPUT = 0, 1, 2
#: ``--check``: an input would change (as black and ruff say it).
EXIT_CHANGED = 1
EXIT_INTERRUPTED = 128 + signal.SIGINT  # 130
EXIT_PIPE = 128 + signal.SIGPIPE  # 141
EXIT_TERMINATED = 128 + signal.SIGTERM  # 143
#: The signals held while a result is put in place, and in starting workers.
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
#: What reading a damaged or truncated compressed file raises (besides OSError).
DAMAGED = (EOFError, lzma.LZMAError, zlib.error)
#: The name standard output goes by in messages.
STDOUT = "standard output"
COMMANDS = ("clean", "fix", "split", "explain", "parse", "check")
#: Records sent to a worker process at a time: at most CHUNK records, and
#: fewer once they hold CHUNK_CHARS characters (text files of a run share
#: chunks, and a text file is one record however long it is).
CHUNK = 128
CHUNK_CHARS = 1 << 22
#: Chunks in flight per worker process: enough that a worker finishing one
#: finds the next already waiting (2 left workers idle; 3–6 measured alike).
IN_FLIGHT = 3


class Stop(Exception):
    """A failure that ends the run with ``status`` after ``message``."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class _Incomplete(Exception):
    """An input of the run's ``-o`` output could not be read: the output is
    left as it was rather than replaced by the rest."""


# --------------------------------------------------------------------------
# The work on one text (module level: it runs in worker processes)
# --------------------------------------------------------------------------


def _work(task: tuple[str, dict, list]) -> list[object]:
    command, settings, items = task
    return [_one(command, settings, item) for item in items]


def _one(command: str, settings: dict, item: object) -> object:
    if command in ("split", "parse", "check"):  # (text, the record's own fields)
        text, metadata = item  # type: ignore[misc]
    else:
        text, metadata = item, {}
    if command == "clean":
        if settings.get("decisions"):  # clean --decisions: only the accepted changes
            from .review import clean_decided

            return clean_decided(text, CleanConfig(**settings["clean"]), settings["decisions"])
        return clean(text, CleanConfig(**settings["clean"]))
    if command == "fix":
        return fix_transliteration(text, RepairConfig(settings["min_confidence"], settings.get("possessive_threshold")))
    if command == "explain":
        return _explained(text, CleanConfig(**settings["clean"]), settings["doubts"])
    if command == "check":
        found = problems(text, year=settings.get("year"), metadata=metadata)
        own = {"reference_id": metadata["reference_id"]} if isinstance(metadata.get("reference_id"), str) else {}
        return [{**own, "kind": p.kind, "start": p.start, "detail": p.detail} for p in found]
    used = {"record_fields": sorted(metadata)} if metadata else {}
    if command == "split":
        return [
            {
                "start": s.start,
                "end": s.end,
                "reference_id": s.cable.reference_id,
                "classification": s.cable.classification,
                "subject": s.cable.subject,
                "text": s.text,
                **(used if n == 0 else {}),
            }
            for n, s in enumerate(split(text, year=settings.get("year"), metadata=metadata))
        ]
    cable = parse(text, year=settings.get("year"), metadata=metadata)
    own_id = metadata.get("reference_id")
    if isinstance(own_id, str):  # is the body the cable the record names?
        used["body_mismatch"] = body_mismatch(cable, own_id)
    return {**cable.as_json(), **used}  # dates and datetimes as ISO strings


def _explained(text: str, config: CleanConfig, doubts: bool) -> list[dict]:
    """Every change ``clean`` makes to ``text`` (and, with ``doubts``, the
    candidates left alone), in order, each with its offset and its line and
    column (1-based) in the text."""
    from .review import review_changes, review_doubts

    changes = review_changes(text, config)
    rows = [
        {"start": c.start, "end": c.end, "before": c.before, "after": c.after, "rule": c.rule, "confidence": c.confidence, "applied": True}
        for c in changes
    ]
    if doubts:
        rows += [
            {
                "start": e.start, "end": e.end, "before": e.before, "after": e.after,
                "rule": e.rule, "confidence": e.confidence, "applied": False, "why": list(e.why),
            }
            for e in review_doubts(text, changes, config)
        ]
        rows.sort(key=lambda row: row["start"])
    line, line_start, pos = 1, 0, 0
    for row in rows:  # one pass over the text for all of them
        start = row["start"]
        breaks = text.count("\n", pos, start)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", pos, start) + 1
        pos = start
        row["line"], row["column"] = line, start - line_start + 1
    return rows


def ordered_map(
    func: Callable[[tuple[str, dict, list]], list[object]],
    command: str,
    settings: dict,
    records: Iterable[Record],
    jobs: int,
    pool: Optional[concurrent.futures.Executor] = None,
) -> Iterator[tuple[Record, object]]:
    """``(record, result)`` for every record, in input order.  Records with
    no text (malformed, header rows) come back with ``None``.  With several
    jobs, at most ``IN_FLIGHT × jobs`` chunks are in flight, so memory stays
    bounded on a stream of any length.  This process only reads, hands out
    and writes: it keeps the workers fed rather than cleaning a chunk itself
    (which, measured, left them waiting for input).  ``pool``: the worker
    processes to use (one for the whole run, see :func:`worker_pool`);
    without it, one is started for this call."""

    def chunks() -> Iterator[list[Record]]:
        chunk: list[Record] = []
        size = 0
        for record in records:
            chunk.append(record)
            size += len(record.text or "")
            if len(chunk) >= CHUNK or size >= CHUNK_CHARS:
                yield chunk
                chunk = []
                size = 0
        if chunk:
            yield chunk

    def run(chunk: list[Record], results: list[object]) -> Iterator[tuple[Record, object]]:
        it = iter(results)
        for record in chunk:
            yield record, (next(it) if record.text is not None else None)

    def task(chunk: list[Record]) -> tuple[str, dict, list]:
        if command in ("parse", "split", "check"):  # with the record's own fields (reference id, date, …)
            return command, settings, [(r.text, record_metadata(r.fields())) for r in chunk if r.text is not None]
        return command, settings, [r.text for r in chunk if r.text is not None]

    if jobs <= 1:
        for chunk in chunks():
            yield from run(chunk, func(task(chunk)))
        return
    if pool is None:
        with worker_pool(jobs) as own:
            yield from ordered_map(func, command, settings, records, jobs, own)
        return
    pending: collections.deque = collections.deque()
    try:
        for chunk in chunks():
            pending.append((chunk, pool.submit(func, task(chunk))))
            while pending and (pending[0][1].done() or len(pending) > IN_FLIGHT * jobs):
                done, future = pending.popleft()
                yield from run(done, future.result())
        while pending:
            done, future = pending.popleft()
            yield from run(done, future.result())
    finally:  # stopped early (--strict, an error): the chunks not yet started are dropped
        for _, future in pending:
            future.cancel()


def _worker_start() -> None:
    """In each worker: Ctrl-C is the main process's to handle (it reaches
    the whole process group), SIGTERM ends the worker as by default."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def _ready() -> None:
    """A task that does nothing: it makes the pool start its workers."""


def worker_pool(jobs: int) -> concurrent.futures.ProcessPoolExecutor:
    """``jobs`` worker processes, started now with Ctrl-C and SIGTERM held
    (a signal in between is handled once they ignore it), for one whole run."""
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start)
    with _signals_held():
        concurrent.futures.wait([pool.submit(_ready) for _ in range(jobs)])
    return pool


# --------------------------------------------------------------------------
# Output of each command
# --------------------------------------------------------------------------


def shown_confidence(p: float | None) -> str:
    """A confidence as ``explain`` prints it: two decimals, or three where two
    would round a doubt up to certainty (a possessive left alone at 0.998
    under a threshold of 0.9999 is not ``1.00``).

    >>> shown_confidence(0.946), shown_confidence(0.998), shown_confidence(1.0), shown_confidence(None)
    ('0.95', '0.998', '1.00', '-')
    """
    if p is None:
        return "-"
    two = f"{p:.2f}"
    return f"{int(p * 1000) / 1000:.3f}" if two == "1.00" and p < 1 else two


def _emit(
    command: str, writer: Writer, out: IO[str], name: str, record: Record, result: object, multi: bool, as_json: bool = False
) -> None:
    if command in ("clean", "fix"):
        writer.write(record, result if isinstance(result, str) else None)
        return
    if result is None:
        return
    where = f"{name}:{record.number}" if multi else name
    if command == "explain":
        assert isinstance(result, list)
        for row in result:
            if as_json:
                out.write(json.dumps({"record": record.number, **row} if multi else row, ensure_ascii=False) + "\n")
                continue
            confidence = shown_confidence(row["confidence"])
            why = f": {', '.join(row['why'])}" if row.get("why") else ""
            mark = "" if row["applied"] else f"\t(left alone{why})"
            out.write(f"{where}:{row['start']}\t{row['before']!r} -> {row['after']!r}\t{row['rule']}\t{confidence}{mark}\n")
    elif command in ("split", "check"):
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


#: Compressed files, read transparently, known by their first bytes: gzip
#: (with deflate), xz, and bz2 ("BZh", the block size, then the magic of a
#: first block or of the end of an empty stream), so no text is taken for one.
MAGIC = ((b"\x1f\x8b\x08", "gzip"), (b"\xfd7zXZ\x00", "xz"))
BZ2_MAGIC = re.compile(rb"BZh[1-9](?:\x31\x41\x59\x26\x53\x59|\x17\x72\x45\x38\x50\x90)")
#: File name endings of compressed files, and their kind (dropped to guess
#: the format; an output so named is written so).
COMPRESSION = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz"}
COMPRESSED_SUFFIXES = tuple(COMPRESSION)
#: The first bytes of an input looked at to tell text from binary data.
SNIFF = 8192


def _compression(head: bytes) -> Optional[str]:
    """The compression ``head``, a file's first bytes, announces, if any."""
    if BZ2_MAGIC.match(head):
        return "bz2"
    return next((kind for magic, kind in MAGIC if head.startswith(magic)), None)


def _open_compressed(kind: str, source: "str | IO[bytes]") -> IO[bytes]:
    import bz2
    import gzip
    import lzma

    opener = {"gzip": gzip.open, "bz2": bz2.open, "xz": lzma.open}[kind]
    return opener(source, "rb")  # type: ignore[no-any-return, operator]


def _open_input(path: str) -> IO[bytes]:
    """``path`` (``-``: standard input) for reading, decompressed when it is
    gzip, bz2 or xz; refused (:class:`Stop`, exit 2) when it is a directory,
    cannot be opened, or is binary data rather than text."""
    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            if sys.stdin is None:
                raise Stop("cablefix: standard input is closed", EXIT_INPUT)
            stream: IO[bytes] = sys.stdin.buffer
            if not hasattr(stream, "peek"):
                stream = io.BufferedReader(stream)  # type: ignore[arg-type]
        elif os.path.isdir(path):
            raise Stop(f"cablefix: {path}: is a directory (to walk it, use --output-dir DIR, or --in-place with clean and fix)", EXIT_INPUT)
        else:
            stream = open(path, "rb")
        kind = _compression(stream.peek(10)[:10])  # type: ignore[attr-defined]
        if kind and path == "-":
            stream = _open_compressed(kind, stream)
        elif kind:
            stream.close()
            stream = _open_compressed(kind, path)
        if looks_binary(stream.peek(SNIFF)[:SNIFF]):  # type: ignore[attr-defined]
            _close(stream)
            raise Stop(f"cablefix: {name}: binary data, not text (left alone)", EXIT_INPUT)
        return stream
    except OSError as err:
        raise Stop(f"cablefix: {name}: {err.strerror or err}", EXIT_INPUT) from None
    except DAMAGED as err:
        raise Stop(f"cablefix: {name}: damaged compressed data ({err})", EXIT_INPUT) from None


def _close(stream: IO[bytes]) -> None:
    if stream is not getattr(sys.stdin, "buffer", None):
        stream.close()


def _format(args: argparse.Namespace, path: str) -> Optional[str]:
    """The format of ``path``: ``--format``, else its extension (that of the
    file inside, for a compressed one); ``None`` for standard input, whose
    format is read from its first bytes."""
    if args.format:
        return args.format
    if path == "-":
        return None
    for suffix in COMPRESSED_SUFFIXES:
        if path.lower().endswith(suffix):
            path = path[: -len(suffix)]
    return guess_format(path)


def _shows_progress(args: argparse.Namespace) -> bool:
    """A progress bar: asked for, or standard error is a terminal; never with ``--quiet``."""
    if args.quiet:
        return False
    return bool(args.progress or (sys.stderr is not None and sys.stderr.isatty()))


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


class OutputError(Stop):
    """The output could not be written: the run ends there.  ``kept``: a
    temporary file left in place, as it holds the only complete result."""

    kept: Optional[str] = None


class _Sink:
    """Text written to ``stream``; a failed write raises an
    :class:`OutputError` that names ``name`` (a closed pipe stays a
    ``BrokenPipeError``, which :func:`main` reports)."""

    def __init__(self, stream: IO[str], name: str, replaces: bool = False) -> None:
        self.stream = stream
        self.name = name
        self.replaces = replaces  # (renamed over ``name`` at the end: a failed run can leave it as it was)

    def _failed(self, err: OSError) -> OutputError:
        return OutputError(f"cablefix: {self.name}: cannot write ({err.strerror or err})", EXIT_INPUT)

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise self._failed(err) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as err:
            raise self._failed(err) from None


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then act as usual."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _like(fd: int, old: Optional[os.stat_result]) -> None:
    """Give the new file ``fd`` the owner and mode of the file it replaces
    (the owner where permitted), or the mode a new file gets."""
    if old is None:
        os.fchmod(fd, 0o666 & ~_umask())
        return
    new = os.fstat(fd)
    if (new.st_uid, new.st_gid) != (old.st_uid, old.st_gid):
        for uid in (old.st_uid, -1):  # not root: at least the group, if a group of ours
            try:
                os.fchown(fd, uid, old.st_gid)
                break
            except OSError:
                pass
    os.fchmod(fd, stat.S_IMODE(old.st_mode))


def _commit(tmp: str, real: str, old: Optional[os.stat_result], name: str) -> None:
    """Put the complete result ``tmp`` in place of ``real``.  A file with
    several hard links keeps its inode: the result is
    copied into it (room reserved first, Ctrl-C and SIGTERM held meanwhile),
    so every name sees it; any other file is replaced by a rename."""
    if old is None or old.st_nlink <= 1:
        os.replace(tmp, real)
        return
    size = os.path.getsize(tmp)
    with _signals_held(), open(real, "r+b") as dst, open(tmp, "rb") as src:
        try:
            os.posix_fallocate(dst.fileno(), 0, max(size, 1))
        except OSError as err:
            dst.truncate(old.st_size)
            if err.errno not in (errno.EOPNOTSUPP, errno.EINVAL):
                raise OutputError(f"cablefix: {name}: cannot write ({err.strerror or err}); left unchanged", EXIT_INPUT) from None
        try:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.truncate()
            dst.flush()
            os.fsync(dst.fileno())
        except OSError as err:
            why = f"writing it back failed ({err.strerror or err}); the complete result is in {tmp}"
            failed = OutputError(f"cablefix: {name}: {why}", EXIT_INPUT)
            failed.kept = tmp
            raise failed from None
    os.unlink(tmp)


#: ``-o`` names that are standard output itself.
STDOUT_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def _packer(path: str, binary: IO[bytes]) -> IO[bytes]:
    """``binary``, compressed as the name ``path`` ends (``.gz``, ``.bz2``,
    ``.xz``, as inputs are read) or as it is; closing the compressor leaves
    ``binary`` open."""
    import bz2
    import gzip

    kind = next((k for suffix, k in COMPRESSION.items() if path.lower().endswith(suffix)), None)
    if kind == "gzip":
        return gzip.GzipFile(filename="", mode="wb", fileobj=binary, mtime=0)  # type: ignore[return-value]
    if kind == "bz2":
        return bz2.BZ2File(binary, "wb")  # type: ignore[return-value]
    if kind == "xz":
        return lzma.LZMAFile(binary, "wb")  # type: ignore[return-value]
    return binary


@contextlib.contextmanager
def _replacing(path: str, bom: bool = False) -> Iterator[IO[str]]:
    """Text output that becomes ``path`` only once complete: written to a
    temporary ``.cablefix-*`` file beside it (through a symbolic link:
    beside its target, which is what is rewritten), with the mode and owner
    of the file it replaces, synced, then renamed over it (see
    :func:`_commit` for hard links); compressed when the name ends so
    (``out.jsonl.gz``: :func:`_packer`).  On any failure or interruption the
    temporary file is removed and ``path`` is as it was.  A device or a pipe
    (``/dev/null``) is written to directly; a read-only file is refused.
    ``bom``: start with a UTF-8 BOM."""
    real = os.path.realpath(path)
    try:
        old: Optional[os.stat_result] = os.stat(path)
    except FileNotFoundError:
        old = None
    except OSError as err:
        raise OutputError(f"cablefix: {path}: {err.strerror or err}", EXIT_INPUT) from None
    if old is not None and stat.S_ISREG(old.st_mode) and (not old.st_mode & 0o222 or not os.access(path, os.W_OK)):
        raise OutputError(f"cablefix: {path}: read-only; left unchanged", EXIT_INPUT)
    if old is not None and not stat.S_ISREG(old.st_mode):
        try:
            direct = open(path, "w", encoding="utf-8", errors="surrogateescape", newline="")
        except OSError as err:
            raise OutputError(f"cablefix: {path}: {err.strerror or err}", EXIT_INPUT) from None
        try:
            sink = _Sink(direct, path)
            yield sink  # type: ignore[misc]
            sink.flush()
        finally:
            with contextlib.suppress(OSError):
                direct.close()
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=".cablefix-", dir=os.path.dirname(real))
    except OSError as err:
        raise OutputError(f"cablefix: {path}: cannot write a temporary file beside it ({err.strerror or err})", EXIT_INPUT) from None
    binary = os.fdopen(fd, "wb")
    packed = _packer(path, binary)
    out = io.TextIOWrapper(packed, encoding="utf-8", errors="surrogateescape", newline="")
    try:
        _like(fd, old)
        sink = _Sink(out, path, replaces=True)
        if bom:
            sink.write("\ufeff")
        yield sink  # type: ignore[misc]
        sink.flush()
        try:
            if packed is not binary:
                packed.close()  # (the compressed stream's end; the file stays open)
            binary.flush()
            os.fsync(fd)
        except OSError as err:
            raise sink._failed(err) from None
        binary.close()
        _commit(tmp, real, old, path)
    except BaseException as err:
        with contextlib.suppress(OSError, ValueError):
            out.close()
        with contextlib.suppress(OSError):
            binary.close()
        if not (isinstance(err, OutputError) and err.kept == tmp):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise


@contextlib.contextmanager
def _stdout() -> Iterator[IO[str]]:
    """Standard output as UTF-8 text (bytes that were not UTF-8 written back
    as they were); ``sys.stdout`` is left open."""
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="surrogateescape", newline="", write_through=False)
    sink = _Sink(stream, STDOUT)
    try:
        yield sink  # type: ignore[misc]
        sink.flush()
    finally:
        with contextlib.suppress(ValueError, OSError):
            stream.detach()


# --------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------


def _confidence(value: str) -> float:
    """``--min-confidence``, ``--possessive-threshold``: a number from 0 to 1."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0.0 <= number <= 1.0:  # nan fails both comparisons
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return number


def _jobs(value: str) -> int:
    """``--jobs``: a whole number, at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cablefix",
        description="Repair the text of the Cablegate diplomatic cables.",
        epilog=(
            "Exit status: 0 ok; 1 a malformed record (passed through); 2 bad usage, or an input "
            "unreadable or refused, or an output that could not be written; 130 interrupted; "
            "141 output closed early; 143 terminated."
        ),
    )
    parser.add_argument("--version", action="version", version=f"cablefix {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    helps = {
        "clean": "the whole repair: mojibake, legacy , & 8 ), eaten quotes, SIPDIS captions, trailing spaces",
        "fix": "only the legacy transliteration (, & 8 ) -> ’ “ ” —); keeps the length",
        "split": "split merged records: one JSON line per cable segment",
        "explain": "one line per change clean makes: record:offset, before -> after, rule, confidence",
        "parse": "the cable's fields as one JSON line per record",
        "check": "a corpus's anomalies: one JSON line per run-on cable, pasted row, mismatched body, truncated extract",
    }
    for name in COMMANDS:
        cmd = sub.add_parser(name, help=helps[name], description=helps[name])
        cmd.add_argument("files", nargs="*", metavar="FILE", help="input files or directories; none or - for standard input")
        cmd.add_argument("--format", choices=FORMATS, help="input format (default: from the extension; text)")
        cmd.add_argument("--column", help="the text field of jsonl/csv input (default: body, text or content)")
        cmd.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output (atomically; never over an input)")
        cmd.add_argument(
            "--output-dir",
            metavar="DIR",
            help="write each FILE's result to DIR under its name (a directory FILE: each file under it, by its path in it)",
        )
        cmd.add_argument("--jobs", type=_jobs, default=1, metavar="N", help="worker processes (default: 1)")
        cmd.add_argument("--progress", action="store_true", help="progress bar on stderr (bytes read of each file) even when it is no terminal")
        cmd.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no notice about single records (the exit status still tells)")
        cmd.add_argument("--strict", action="store_true", help="stop at the first malformed record")
        if name in ("clean", "fix", "explain"):  # (the commands that repair)
            cmd.add_argument(
                "--min-confidence",
                type=_confidence,
                default=RepairConfig().min_confidence,
                metavar="X",
                help="from 0 to 1, see RepairConfig (default: %(default)s)",
            )
            cmd.add_argument(
                "--possessive-threshold",
                type=_confidence,
                default=None,
                metavar="X",
                help="from 0 to 1: the probability a plural possessive needs, see RepairConfig (default: the model's own)",
            )
        if name in ("clean", "fix"):
            cmd.add_argument("--in-place", action="store_true", help="rewrite each FILE, or the files under a directory FILE (atomically)")
            cmd.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file would change, naming it")
            cmd.add_argument("--diff", action="store_true", help="write a unified diff of what would change instead of the result")
            cmd.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the diff (default: auto, on a terminal)")
        if name in ("clean", "explain"):
            cmd.add_argument("--quotes", choices=("unicode", "ascii"), default="unicode", help="output quotes (default: unicode)")
            for flag in ("mojibake", "transliteration", "entity-quotes", "captions", "trailing-spaces"):
                cmd.add_argument(f"--no-{flag}", action="store_true", help=f"skip the {flag.replace('-', ' ')} step")
            cmd.add_argument("--decisions", metavar="JSON", help="make only the changes accepted in this decisions file (from cablefix review)")
            cmd.add_argument("--decisions-default", choices=("accept", "reject"), default="accept", help="what happens to a change the decisions file does not list (default: accept)")
        if name in ("parse", "split", "check"):
            cmd.add_argument("--year", type=_year, help="the year of text without a date: its references and ids take it")
        if name == "explain":
            cmd.add_argument("--doubts", action="store_true", help="also list candidates left alone")
            cmd.add_argument("--json", action="store_true", help="one JSON object per change, with its line and column")
    sub.add_parser("review", help="an HTML page to accept or reject each change clean makes (cablefix review -h)", add_help=False)
    return parser


def _year(value: str) -> int:
    if not (value.isdigit() and 1900 <= int(value) <= 2099):
        raise argparse.ArgumentTypeError(f"not a year (YYYY): {value!r}")
    return int(value)


def _settings(args: argparse.Namespace) -> dict:
    settings: dict = {"min_confidence": getattr(args, "min_confidence", None), "possessive_threshold": getattr(args, "possessive_threshold", None), "doubts": getattr(args, "doubts", False), "year": getattr(args, "year", None)}
    if args.command in ("clean", "explain"):
        settings["clean"] = clean_options(args)
    return settings


def clean_options(args: argparse.Namespace) -> dict[str, object]:
    """The ``CleanConfig`` fields the command line chose (``--quotes``,
    ``--no-captions`` …, ``--min-confidence``, ``--possessive-threshold``)."""
    return {
        "min_confidence": args.min_confidence,
        "possessive_threshold": args.possessive_threshold,
        "quotes": args.quotes,
        "mojibake": not args.no_mojibake,
        "transliteration": not args.no_transliteration,
        "entity_quotes": not args.no_entity_quotes,
        "captions": not args.no_captions,
        "trailing_spaces": not args.no_trailing_spaces,
    }


# --------------------------------------------------------------------------
# The records of the whole run
# --------------------------------------------------------------------------


def _is_utf8(stream: IO[bytes]) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while block := stream.read(1 << 20):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _rewritable(path: str, fmt: Optional[str]) -> bool:
    """Refuse (:class:`Stop`, exit 2) a file ``--in-place`` must not
    rewrite: no regular file, read-only, binary, compressed, or text that is
    not UTF-8 (it would come back in another encoding).  Whether it is text
    that starts with a UTF-8 BOM (written back)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise Stop(f"cablefix: {path}: not a regular file; left alone", EXIT_INPUT)
        if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
            raise Stop(f"cablefix: {path}: read-only; left unchanged (--in-place does not write over a read-only file)", EXIT_INPUT)
        with open(path, "rb") as stream:
            head = stream.read(SNIFF)
            kind = _compression(head)
            if not kind and looks_binary(head):
                raise Stop(f"cablefix: {path}: binary data, not text (left alone)", EXIT_INPUT)
            if kind:
                why = "--in-place does not write compressed files: use -o"
                raise Stop(f"cablefix: {path}: {kind}-compressed; left unchanged ({why})", EXIT_INPUT)
            stream.seek(0)
            if fmt == "text" and not _is_utf8(stream):
                raise Stop(
                    f"cablefix: {path}: not UTF-8; left unchanged (--in-place would rewrite it in another encoding: "
                    "write a UTF-8 copy with -o)",
                    EXIT_INPUT,
                )
    except OSError as err:
        raise Stop(f"cablefix: {path}: {err.strerror or err}", EXIT_INPUT) from None
    return fmt == "text" and head.startswith(codecs.BOM_UTF8)


@dataclasses.dataclass
class _Input:
    """One input of the run: its format, where its result goes (``target``
    with ``--output-dir``), and why it failed, if it did."""

    path: str
    target: Optional[str]
    fmt: Optional[str]  # None: read from the first bytes (standard input)
    name: str
    failure: Optional[Stop] = None
    bom: bool = False
    changed: int = 0  # records that would change (--check, --diff)


#: The kinds of what :func:`_read_inputs` yields: the start of an input
#: (before its records, after it was opened or refused), one of its records,
#: or its failure part way (unreadable, damaged: ``_Input.failure``).
START, RECORD, FAILED = "start", "record", "failed"


def _read_inputs(args: argparse.Namespace, inputs: list[_Input], tags: collections.deque) -> Iterator[Record]:
    """The records of every input in turn, as one stream, so that
    :func:`ordered_map` hands out chunks across files (300 files of one cable
    are a few chunks, not 300 round trips).  Each yield appends ``(input,
    kind)`` to ``tags``: ordered_map gives the records back in the same
    order.  A start or a failure is a record with no text.  An input that
    cannot be read fails here, and the others are still read."""
    in_place = getattr(args, "in_place", False)
    for item in inputs:
        try:
            if in_place:
                item.bom = _rewritable(item.path, item.fmt)
            stream = _open_input(item.path)
        except Stop as stop:
            item.failure = stop
            tags.append((item, START))
            yield Record(-2, 0, None)
            continue
        reading = counted(stream, item.name, _shows_progress(args))
        try:
            head = stream.peek(3)[:3]  # type: ignore[attr-defined]
            item.fmt, records = read_records(reading, item.fmt, args.column)  # (standard input: sniffed)
            # a text file's BOM comes back where its text does (jsonl and csv keep theirs in the records)
            item.bom = item.fmt == "text" and args.command in ("clean", "fix") and head.startswith(codecs.BOM_UTF8)
            tags.append((item, START))
            yield Record(-2, 0, None)
            for record in records:
                tags.append((item, RECORD))
                yield record
        except MalformedRecord as err:
            item.failure = Stop(f"cablefix: {item.name}: {err}", EXIT_MALFORMED)
        except UnicodeDecodeError as err:
            why = f"not UTF-8 at byte {err.start} ({err.reason}); convert it or use --format text"
            item.failure = Stop(f"cablefix: {item.name}: {why}", EXIT_INPUT)
        except OSError as err:
            item.failure = Stop(f"cablefix: {item.name}: cannot read ({err.strerror or err})", EXIT_INPUT)
        except DAMAGED as err:
            item.failure = Stop(f"cablefix: {item.name}: damaged compressed data ({err})", EXIT_INPUT)
        finally:
            if reading is not stream:
                reading.close()  # (the bar)
            _close(stream)
        if item.failure is not None:
            tags.append((item, FAILED))
            yield Record(-2, 0, None)


class _OwnOutput:
    """The output file of the input being written, when it has one
    (``--in-place``, ``--output-dir``): opened at the input's start,
    committed at its end, discarded (the target as it was) if it fails."""

    def __init__(self) -> None:
        self.context: Optional[contextlib.AbstractContextManager] = None
        self.out: Optional[IO[str]] = None

    def open(self, path: str, bom: bool) -> IO[str]:
        context = _replacing(path, bom=bom)
        self.out = context.__enter__()
        self.context = context
        return self.out

    def commit(self) -> None:
        context, self.context, self.out = self.context, None, None
        if context is not None:
            context.__exit__(None, None, None)

    def discard(self) -> None:
        context, self.context, self.out = self.context, None, None
        if context is not None:
            stop = Stop("discarded", EXIT_INPUT)
            with contextlib.suppress(Stop):
                context.__exit__(Stop, stop, None)


def _run(args: argparse.Namespace, plan: list[tuple[str, Optional[str]]], pool: Optional[concurrent.futures.Executor]) -> int:
    """Process every input of ``plan`` into its output; the exit status."""
    settings = _settings(args)
    if getattr(args, "decisions", None):  # every decision checked against the input before anything is written
        from .review import DecisionsError, decisions_for_clean

        try:
            paths = [path for path, _ in plan]
            settings["decisions"] = decisions_for_clean(args.decisions, paths, args.format, args.column, settings["clean"], args.decisions_default)
        except (DecisionsError, OSError, ValueError) as err:
            _say(f"cablefix: {err}")
            return EXIT_INPUT
    in_place = getattr(args, "in_place", False)
    inputs = [_Input(path, target, _format(args, path), "<stdin>" if path == "-" else path) for path, target in plan]
    tags: collections.deque = collections.deque()
    status = EXIT_OK
    incomplete = False

    def failed(stop: Stop) -> bool:  # report; whether the run stops here
        nonlocal status
        _say(str(stop))
        status = max(status, stop.status)
        return bool(args.strict)

    check, diff = getattr(args, "check", False), getattr(args, "diff", False)
    colour = diff and _colour(args)
    with contextlib.ExitStack() as stack:
        shared: Optional[IO[str]] = None
        stack.enter_context(contextlib.suppress(_Incomplete))  # (left last: after -o discarded its file)
        if check and not diff:
            pass  # nothing is written
        elif args.output and os.path.abspath(args.output) not in STDOUT_NAMES:
            shared = stack.enter_context(_replacing(args.output))
        elif not in_place and not args.output_dir:
            shared = stack.enter_context(_stdout())  # (-o /dev/stdout too: a file it is redirected to is not replaced)
        own = _OwnOutput()
        stack.callback(own.discard)  # interrupted, or the shared output failed: the input's own output as it was
        results = stack.enter_context(
            contextlib.closing(ordered_map(_work, args.command, settings, _read_inputs(args, inputs, tags), args.jobs, pool))
        )
        out, writer, skip = shared, None, False
        for record, result in results:
            item, kind = tags.popleft()
            if kind == START:
                try:
                    own.commit()  # the input before, complete
                except OutputError as stop:
                    if failed(stop):
                        break
                skip = item.failure is not None
                if skip:
                    if failed(item.failure):  # type: ignore[arg-type]
                        break
                    continue
                if check or diff:
                    continue
                if in_place or item.target is not None:
                    try:
                        if item.target is not None:
                            _make_folder(item.target)
                        out = own.open(item.target or item.path, item.bom and in_place)
                    except OutputError as stop:
                        skip = True
                        if failed(stop):
                            break
                        continue
                writer = Writer(out, item.fmt)  # type: ignore[arg-type]
                continue
            if kind == FAILED:
                if not skip:
                    own.discard()
                    skip = True
                    if failed(item.failure):  # type: ignore[arg-type]
                        break
                continue
            if skip:
                continue
            if record.error:
                where = f"line {record.line}: record {record.number}: " if record.number >= 0 else ""
                if not args.quiet:
                    _say(f"cablefix: {item.name}: {where}{record.error}")
                status = max(status, EXIT_MALFORMED)
                if args.strict:
                    own.discard()
                    left = "; left unchanged" if in_place else ""
                    failed(Stop(f"cablefix: {item.name}: stopped at the first malformed record (--strict){left}", EXIT_MALFORMED))
                    break
            if check or diff:
                if isinstance(result, str) and record.text is not None and result != record.text:
                    item.changed += 1
                    if diff:
                        label = item.name if item.fmt == "text" else f"{item.name}:{record.number}"
                        out.write(unified_diff(record.text, result, label, colour))  # type: ignore[union-attr]
                continue
            try:
                if item.bom and not in_place:
                    out.write("\ufeff")  # type: ignore[union-attr]  # (the decoder took it off the text)
                _emit(args.command, writer, out, item.name, record, result, item.fmt != "text", getattr(args, "json", False))  # type: ignore[arg-type]
            except OutputError as stop:
                if own.out is None:  # the run's one output: the run ends
                    raise
                own.discard()
                skip = True
                if failed(stop):
                    break
        else:
            try:
                own.commit()
            except OutputError as stop:
                failed(stop)
        if isinstance(shared, _Sink) and shared.replaces and status >= EXIT_INPUT:  # (-o OUT, not a device or a pipe)
            incomplete = True
            raise _Incomplete
    if incomplete:
        _say(f"cablefix: {args.output}: left unchanged (an input could not be read)")
    if check:
        would = [item for item in inputs if item.changed]
        for item in would:
            _say(f"cablefix: would change {item.name} ({item.changed} record{'s' if item.changed > 1 else ''})")
        if not args.quiet:
            _say(f"cablefix: {len(would)} of {len(inputs)} input{'s' if len(inputs) > 1 else ''} would change")
        if would:
            status = max(status, EXIT_CHANGED)
    return status


def _make_folder(target: str) -> None:
    try:
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    except OSError as err:
        raise OutputError(f"cablefix: {target}: {err.strerror or err}", EXIT_INPUT) from None


# --------------------------------------------------------------------------
# The run: which files, where to, and main
# --------------------------------------------------------------------------


def _walk(top: str, skip: Optional[str], inside: bool = False) -> list[str]:
    """The regular files under ``top`` (a symbolic link to one too), in name
    order, hidden ones (``.name``) and the folder ``skip`` (an output
    directory inside it) left out: a FIFO or a device is never opened.
    ``inside`` (``--in-place``): a link to a file outside ``top`` is left
    out too, so that rewriting a folder rewrites nothing else."""
    skip_real = os.path.realpath(skip) if skip else None
    top_real = os.path.join(os.path.realpath(top), "")
    found = []
    for folder, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and os.path.realpath(os.path.join(folder, d)) != skip_real)
        for n in sorted(names):
            path = os.path.join(folder, n)
            if n.startswith(".") or not os.path.isfile(path):
                continue
            if inside and os.path.islink(path) and not os.path.realpath(path).startswith(top_real):
                continue
            found.append(path)
    return found


def _plan(args: argparse.Namespace, files: list[str]) -> list[tuple[str, Optional[str]]]:
    """``(input, target)`` for every file to process: ``target`` is the
    ``--output-dir`` path, else ``None`` (the shared output, or the file
    itself with ``--in-place``).  A directory is walked with
    ``--output-dir`` or ``--in-place``; without them it stays (and is
    refused when opened)."""
    out_dir = args.output_dir
    plan: list[tuple[str, Optional[str]]] = []
    for path in files:
        if path != "-" and os.path.isdir(path) and (out_dir or getattr(args, "in_place", False)):
            plan += [(f, os.path.join(out_dir, os.path.relpath(f, path)) if out_dir else None) for f in _walk(path, out_dir, inside=not out_dir)]
        else:
            plan.append((path, os.path.join(out_dir, os.path.basename(path)) if out_dir else None))
    return plan


def _identity(path: str) -> Optional[tuple[int, int]]:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _fd_identity(stream: object) -> Optional[tuple[int, int]]:
    """The file behind a standard stream, when it is a regular file."""
    try:
        info = os.fstat(stream.fileno())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _overwrites(args: argparse.Namespace, plan: list[tuple[str, Optional[str]]]) -> Optional[str]:
    """Why the run would write over one of its inputs (the same file by
    device and inode: through a symbolic or a hard link too), or ``None``.
    Checked before any output is opened."""
    inputs: dict[tuple[int, int], str] = {}
    for path, _ in plan:
        key = _identity(path) if path != "-" else _fd_identity(sys.stdin)
        if key is not None:
            inputs.setdefault(key, "standard input" if path == "-" else path)
    if args.output:
        key = _identity(args.output)
        if key in inputs:
            return f"cablefix: {args.output}: is the input {inputs[key]}; refusing to write over it (--in-place rewrites a file)"
    elif args.output_dir:
        targets: dict[str, str] = {}
        for path, target in plan:
            assert target is not None
            key = _identity(target)
            if key in inputs:
                return f"cablefix: {target}: is the input {inputs[key]}; refusing to write over it"
            real = os.path.realpath(target)
            if real in targets:
                return f"cablefix: {target}: both {targets[real]} and {path} would be written there"
            targets[real] = path
    elif not getattr(args, "in_place", False):
        key = _fd_identity(sys.stdout)
        if key in inputs:
            return f"cablefix: standard output is the input {inputs[key]}; refusing to write into it"
    return None


def _colour(args: argparse.Namespace) -> bool:
    """Whether the diff is coloured: ``--color always``, or ``auto`` on a
    terminal that is the output, unless ``NO_COLOR`` is set."""
    if args.color != "auto":
        return bool(args.color == "always")
    if args.output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout is not None and sys.stdout.isatty()


def _say(message: str) -> None:
    if sys.stderr is not None:
        print(message, file=sys.stderr)


def _quiet_stdout() -> None:
    """After standard output failed: point it at /dev/null, so that Python's
    own flush at exit finds nothing to complain about."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _usage_error(args: argparse.Namespace, files: list[str]) -> Optional[str]:
    if (getattr(args, "check", False) or getattr(args, "diff", False)) and (args.in_place or args.output_dir):
        return "cablefix: --check and --diff write no result: no --in-place or --output-dir"
    if getattr(args, "check", False) and not args.diff and args.output:
        return "cablefix: --check writes nothing: no -o (add --diff to write the diff there)"
    if getattr(args, "in_place", False) and ("-" in files or args.output or args.output_dir):
        return "cablefix: --in-place needs FILE arguments, and no -o or --output-dir"
    if args.output and args.output_dir:
        return "cablefix: -o and --output-dir exclude each other"
    if args.output_dir and "-" in files:
        return "cablefix: --output-dir needs FILE arguments (standard input has no name)"
    if not (args.output or args.output_dir or getattr(args, "in_place", False)) and sys.stdout is None:
        return "cablefix: standard output is closed (use -o OUT)"
    return None


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that cleanup runs."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _main(argv: Optional[Sequence[str]]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as done:  # --help, --version, a usage error (argparse said why)
        return done.code if isinstance(done.code, int) else EXIT_INPUT
    files = args.files or ["-"]
    problem = _usage_error(args, files)
    plan = [] if problem else _plan(args, files)
    problem = problem or _overwrites(args, plan)
    if problem:
        _say(problem)
        return EXIT_INPUT
    if args.jobs <= 1:
        return _run(args, plan, None)
    pool = worker_pool(args.jobs)
    try:
        return _run(args, plan, pool)
    finally:
        with _signals_held():  # a Ctrl-C meanwhile is reported by main once the workers are gone
            pool.shutdown(wait=True, cancel_futures=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status.  Every way it ends is
    one line on stderr at most, never a traceback."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["review"]:
        from . import review

        return review.main(argv[1:])
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread
        previous = None
    try:
        return _main(argv)
    except BrokenPipeError:  # the reader went away (| head)
        _quiet_stdout()
        _say("cablefix: output closed before the end (broken pipe)")
        return EXIT_PIPE
    except OutputError as stop:
        if stop.args[0].startswith(f"cablefix: {STDOUT}:"):
            _quiet_stdout()
        _say(str(stop))
        return stop.status
    except KeyboardInterrupt:
        _say("cablefix: interrupted")
        return EXIT_INTERRUPTED
    except Terminated:
        _say("cablefix: terminated")
        return EXIT_TERMINATED
    except OSError as err:  # anything not named on the way (a file that vanished, a folder not writable)
        _say(f"cablefix: {err.filename}: {err.strerror or err}" if err.filename else f"cablefix: {err.strerror or err}")
        return EXIT_INPUT
    except concurrent.futures.process.BrokenProcessPool:
        _say("cablefix: a worker process ended unexpectedly")
        return EXIT_INPUT
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
