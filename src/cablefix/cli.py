"""The ``cablefix`` command.

``cablefix fix FILE`` prints the text of FILE (``-`` for standard input) with
the legacy transliteration repaired; ``cablefix explain FILE`` prints one line
per change.  A file that cannot be read is named on standard error and the
exit status is 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from . import __version__
from .repair import RepairConfig, explain, fix_transliteration

#: Exit status for input that could not be read.
EXIT_INPUT = 2


def _read(path: str) -> str:
    """The text of ``path`` (``-``: standard input), as UTF-8."""
    if path == "-":
        return sys.stdin.buffer.read().decode("utf-8")
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cablefix",
        description="Repair the text of the Cablegate diplomatic cables.",
    )
    parser.add_argument("--version", action="version", version=f"cablefix {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in (
        ("fix", "print FILE with the legacy transliteration repaired (, & 8 ) -> ’ “ ” —)"),
        ("explain", "print one line per repair: offset, before -> after, rule, confidence"),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument("files", nargs="+", metavar="FILE", help="a UTF-8 text file, or - for stdin")
        cmd.add_argument(
            "--min-confidence",
            type=float,
            default=RepairConfig().min_confidence,
            help="change only what a rule is this sure of (default: %(default)s)",
        )
        if name == "explain":
            cmd.add_argument("--doubts", action="store_true", help="also list candidates left alone")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    config = RepairConfig(min_confidence=args.min_confidence)
    status = 0
    for path in args.files:
        try:
            text = _read(path)
        except (OSError, UnicodeDecodeError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            print(f"cablefix: {path}: {reason}", file=sys.stderr)
            status = EXIT_INPUT
            continue
        try:
            if args.command == "fix":
                sys.stdout.write(fix_transliteration(text, config))
            else:
                for e in explain(text, doubts=args.doubts, config=config):
                    mark = "" if e.applied else "  (left alone)"
                    sys.stdout.write(
                        f"{path}:{e.start}\t{e.before!r} -> {e.after!r}\t{e.rule}\t{e.confidence:.2f}{mark}\n"
                    )
            sys.stdout.flush()
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): not an error
            return status
    return status


if __name__ == "__main__":
    sys.exit(main())
