"""Review what :func:`~cablefix.clean` would change, and publish only what a
person accepted.

``cablefix review FILE… -o review.html`` writes one self-contained HTML page
(inline CSS and JS, no network) that shows each change :func:`clean` makes,
lets the reader accept or reject each one, and exports a JSON *decisions*
file; ``cablefix clean --decisions FILE`` then applies exactly the accepted
changes.

The unit of review is a :class:`ReviewChange`: the changes of
:func:`~cablefix.clean_and_explain` that touch the same stretch of the input
(steps can change the same characters: ``,`` → ``’`` → ``'`` with
``quotes="ascii"``) merged into one, so that the changes of a text never
overlap and any subset of them can be made.

>>> text = "the Regime,s view )  \\n"
>>> changes = review_changes(text)
>>> [(c.id, c.start, c.before, c.after, c.rule) for c in changes]
[(1, 10, ',', '’', 'contraction'), (2, 18, ')', '—', 'em_dash'), (3, 19, '  ', '', 'strip_trailing_spaces')]
>>> apply_decisions(text, changes, [{"offset": 18, "before": ")", "after": "—", "accepted": False}])
'the Regime’s view )\\n'
"""

from __future__ import annotations

import argparse
import base64
import bisect
import hashlib
import html
import json
import os
import re
import sys
from importlib import resources
from typing import IO, Any, Iterable, Iterator, Mapping, NamedTuple, Optional, Sequence

from .clean import Change, CleanConfig, apply_changes, clean, clean_and_explain
from .decode import require_str
from .records import FORMATS, MalformedRecord, Record, guess_format
from .records import read_records as read_stream
from .repair import Edit, RepairConfig, explain

#: What a decisions file says in its ``format`` field, and its version.
DECISIONS_FORMAT = "cablefix-decisions"
DECISIONS_VERSION = 1

#: What happens to a change a decisions file does not list.
DEFAULTS = ("accept", "reject")

#: Records a review page holds at most unless ``--max-records`` says otherwise
#: (the page carries every text it shows).
MAX_RECORDS = 1000

class DecisionsError(ValueError):
    """A decisions file that is malformed or does not match the text."""


class ReviewChange(NamedTuple):
    """One change to review: ``id`` (1, 2, … in order of position within its
    text), ``start``/``end`` and ``before`` (the input there), ``after`` (what
    :func:`clean` writes there), the ``rule`` that decided (or the step's name
    when the step has no rules), its ``confidence`` (``None`` for the steps
    that do not weigh evidence: captions, trailing spaces, mojibake) and the
    ``steps`` that took part."""

    id: int
    start: int
    end: int
    before: str
    after: str
    rule: str
    confidence: Optional[float]
    steps: tuple[str, ...]


# --------------------------------------------------------------------------
# Changes, and making a chosen subset of them
# --------------------------------------------------------------------------


def review_changes(text: str, config: Optional[CleanConfig] = None, **options: object) -> list[ReviewChange]:
    """The changes :func:`clean` makes to ``text``, merged where they touch the
    same stretch, sorted, never overlapping; making all of them gives
    ``clean(text)``.

    >>> [(c.before, c.after, c.steps) for c in review_changes("a Regime,s", quotes="ascii")]
    [(',', "'", ('fix_transliteration', 'ascii_quotes'))]
    """
    require_str(text, "review_changes")
    cleaned, changes = clean_and_explain(text, config, **options)
    if not changes:
        return []
    ordered = sorted(range(len(changes)), key=lambda k: (changes[k].start, changes[k].end, k))
    for touching in (False, True):  # merge more only when the finer grouping does not add up
        merged = _merge(text, cleaned, _groups([changes[k] for k in ordered], touching))
        if merged is not None:
            return merged
    whole = _merge(text, cleaned, [(min(c.start for c in changes), max(c.end for c in changes), [changes[k] for k in ordered])])
    assert whole is not None, "one change over the whole span always adds up"
    return whole


def _groups(changes: list[Change], touching: bool) -> list[tuple[int, int, list[Change]]]:
    """Sorted changes gathered into runs that overlap (or, with ``touching``,
    also meet), two insertions at the same place counting as overlapping."""
    groups: list[tuple[int, int, list[Change]]] = []
    for c in changes:
        if groups:
            start, end, members = groups[-1]
            same_point = c.start == c.end == start == end
            if c.start < end or same_point or (touching and c.start <= end):
                members.append(c)
                if c.end > end:
                    groups[-1] = (start, c.end, members)
                continue
        groups.append((c.start, c.end, [c]))
    return groups


def _merge(text: str, cleaned: str, groups: list[tuple[int, int, list[Change]]]) -> Optional[list[ReviewChange]]:
    """Each group as one :class:`ReviewChange`, its ``after`` read from
    ``cleaned``; ``None`` when the text between the groups is not the same in
    ``text`` and ``cleaned`` (the grouping is too fine)."""
    result: list[ReviewChange] = []
    pos = out = 0
    for start, end, members in groups:
        gap = start - pos
        if cleaned[out : out + gap] != text[pos:start]:
            return None
        out += gap
        length = (end - start) + sum(len(c.after) - len(c.before) for c in members)
        if length < 0:
            return None
        after = cleaned[out : out + length]
        out += length
        pos = end
        if after == text[start:end]:
            continue  # steps that undid each other: nothing to review
        steps = tuple(dict.fromkeys(c.step for c in members))
        rule = next((c.rule for c in members if c.rule), members[0].step)
        scores = [c.confidence for c in members if c.confidence is not None]
        confidence = min(scores) if scores else None
        result.append(ReviewChange(len(result) + 1, start, end, text[start:end], after, rule, confidence, steps))
    if cleaned[out:] != text[pos:]:
        return None
    return result


def review_doubts(text: str, changes: Sequence[ReviewChange], config: Optional[CleanConfig] = None) -> list[Edit]:
    """The candidates the transliteration repair left alone (``applied=False``)
    that no change covers, sorted, not overlapping.

    >>> [(e.before, e.rule) for e in review_doubts("the boys, toys", [])]
    [(',', 'plural_possessive')]
    """
    config = config or CleanConfig()
    if not config.transliteration:
        return []
    starts = [c.start for c in changes]
    doubts = []
    for e in explain(text, doubts=True, config=config.repair):
        k = bisect.bisect_left(starts, e.end) - 1  # the last change that starts before the doubt ends
        if e.applied or (k >= 0 and e.start < max(changes[k].end, changes[k].start + 1)):
            continue
        if doubts and e.start < doubts[-1].end:
            continue  # one mark per place
        doubts.append(e)
    return doubts


def _decision_fields(decision: Mapping[str, Any], where: str) -> tuple[int, str, str, bool]:
    try:
        offset, before, after, accepted = (decision[k] for k in ("offset", "before", "after", "accepted"))
    except (KeyError, TypeError):
        raise DecisionsError(f"{where}: a decision needs offset, before, after and accepted") from None
    if type(offset) is not int or offset < 0 or not isinstance(before, str) or not isinstance(after, str) or not isinstance(accepted, bool):
        raise DecisionsError(f"{where}: offset must be a whole number ≥ 0, before and after strings, accepted true or false")
    return offset, before, after, accepted


def resolve_decisions(
    text: str, changes: Sequence[ReviewChange], decisions: Iterable[Mapping[str, Any]], where: str = "decisions"
) -> dict[int, bool]:
    """``{change id: accepted}`` for the changes ``decisions`` name (by
    ``offset``, ``before`` and ``after``).  A :class:`DecisionsError` when a
    decision does not match the text, names no change of it, or contradicts
    another.

    >>> resolve_decisions("a Regime,s", review_changes("a Regime,s"), [{"offset": 8, "before": ",", "after": "’", "accepted": False}])
    {1: False}
    >>> resolve_decisions("a Regime;s", review_changes("a Regime;s"), [{"offset": 8, "before": ",", "after": "’", "accepted": False}])
    Traceback (most recent call last):
      ...
    cablefix.review.DecisionsError: decisions: at offset 8 the text has ';', the decision says ',': not the text that was reviewed
    """
    by_place = {(c.start, c.before): c for c in changes}
    chosen: dict[int, bool] = {}
    for decision in decisions:
        offset, before, after, accepted = _decision_fields(decision, where)
        found = text[offset : offset + len(before)]
        if found != before:
            raise DecisionsError(f"{where}: at offset {offset} the text has {found!r}, the decision says {before!r}: not the text that was reviewed")
        change = by_place.get((offset, before))
        if change is None or change.after != after:
            raise DecisionsError(
                f"{where}: no change {before!r} -> {after!r} at offset {offset}"
                + (f" (clean writes {change.after!r} there)" if change else "")
                + ": were the decisions made with other options?"
            )
        if chosen.get(change.id, accepted) != accepted:
            raise DecisionsError(f"{where}: change at offset {offset} both accepted and rejected")
        chosen[change.id] = accepted
    return chosen


def apply_decisions(
    text: str, changes: Sequence[ReviewChange], decisions: Iterable[Mapping[str, Any]], default: str = "accept"
) -> str:
    """``text`` with the accepted ``changes`` made and the rejected ones left as
    they are; a change ``decisions`` does not name follows ``default``
    (``"accept"``: made, as :func:`clean` makes it; ``"reject"``: left).
    Each decision is a mapping with ``offset``, ``before``, ``after`` and
    ``accepted`` (the entries of a decisions file).

    >>> t = "the Regime,s view"
    >>> apply_decisions(t, review_changes(t), []), apply_decisions(t, review_changes(t), [], default="reject")
    ('the Regime’s view', 'the Regime,s view')
    """
    require_str(text, "apply_decisions")
    if default not in DEFAULTS:
        raise ValueError(f"default must be one of {DEFAULTS}, not {default!r}")
    chosen = resolve_decisions(text, changes, decisions)
    keep = [c for c in changes if chosen.get(c.id, default == "accept")]
    return apply_changes(text, [Change(c.rule, c.start, c.end, c.before, c.after) for c in keep])


# --------------------------------------------------------------------------
# The decisions file
# --------------------------------------------------------------------------


def read_decisions(path: str) -> dict[str, Any]:
    """A decisions file, checked for its shape (a :class:`DecisionsError` if it
    is not one)."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as err:
        raise DecisionsError(f"{path}: {err.strerror or err}") from None
    except ValueError as err:
        raise DecisionsError(f"{path}: not a JSON file ({err})") from None
    if not isinstance(data, dict) or data.get("format") != DECISIONS_FORMAT:
        raise DecisionsError(f"{path}: not a cablefix decisions file (no \"format\": \"{DECISIONS_FORMAT}\")")
    if data.get("version") != DECISIONS_VERSION:
        raise DecisionsError(f"{path}: decisions file version {data.get('version')!r}; this cablefix reads version {DECISIONS_VERSION}")
    if not isinstance(data.get("decisions"), list) or not isinstance(data.get("files", []), list):
        raise DecisionsError(f"{path}: \"decisions\" must be a list")
    for k, d in enumerate(data["decisions"]):
        if not isinstance(d, dict) or not isinstance(d.get("file"), str) or type(d.get("record")) is not int:
            raise DecisionsError(f"{path}: decision {k + 1} needs \"file\" (a string) and \"record\" (a number)")
        _decision_fields(d, f"{path}: decision {k + 1}")
    return data


def _same_file(recorded: str, given: str) -> bool:
    return os.path.normpath(recorded) == os.path.normpath(given) or os.path.basename(recorded) == os.path.basename(given)


def text_key(text: str) -> str:
    """The key a record's decisions are found by when cleaning: a hash of its
    text (records travel to worker processes without their numbers)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


#: The CleanConfig fields a decisions file records, in the CLI's spelling.
_OPTION_FLAGS = {
    "min_confidence": "--min-confidence",
    "possessive_threshold": "--possessive-threshold",
    "quotes": "--quotes",
    "mojibake": "--no-mojibake",
    "transliteration": "--no-transliteration",
    "entity_quotes": "--no-entity-quotes",
    "captions": "--no-captions",
    "trailing_spaces": "--no-trailing-spaces",
}


def decisions_for_clean(
    path: str, files: Sequence[str], fmt: Optional[str], column: Optional[str], options: Mapping[str, Any], default: str
) -> dict[str, Any]:
    """What ``cablefix clean --decisions PATH FILE…`` needs: every decision
    checked against the records of ``files`` before anything is written, then
    ``{"default": …, "by_text": {text_key: {change id: accepted}}}``.  A
    :class:`DecisionsError` for a decisions file that does not fit."""
    data = read_decisions(path)
    recorded = data.get("options")
    if isinstance(recorded, dict):
        # (an option a file does not record was its default: files from before
        # ``possessive_threshold`` was recorded were reviewed at the model's own)
        was = {k: recorded.get(k, CleanConfig._field_defaults[k]) for k in _OPTION_FLAGS}
        differ = [k for k in _OPTION_FLAGS if k in options and was[k] != options[k]]
        if differ:
            said = ", ".join(f"{k}={was[k]!r}" for k in differ)
            raise DecisionsError(f"{path}: the changes were reviewed with {said}; give clean the same options ({', '.join(_OPTION_FLAGS[k] for k in differ)})")
    if "-" in files:
        raise DecisionsError("--decisions needs FILE arguments (standard input cannot be read twice)")
    config = CleanConfig(**options)
    by_text: dict[str, dict[int, bool]] = {}
    unused = {(d["file"], d["record"]) for d in data["decisions"]}
    for name in files:
        mine = [d for d in data["decisions"] if _same_file(d["file"], name)]
        named = [f for f in data.get("files", []) if isinstance(f, str) and _same_file(f, name)]
        if not mine and not named:
            held = sorted({d["file"] for d in data["decisions"]} | {f for f in data.get("files", []) if isinstance(f, str)})
            raise DecisionsError(f"{path} holds no decisions for {name} (it is about: {', '.join(held) or 'nothing'})")
        per_record: dict[int, list[dict]] = {}
        for d in mine:
            per_record.setdefault(d["record"], []).append(d)
        try:
            for record in read_records(name, fmt, column):
                if record.text is None or record.number not in per_record:
                    continue
                where = f"{path}: {name}: record {record.number}"
                chosen = resolve_decisions(record.text, review_changes(record.text, config), per_record[record.number], where)
                key = text_key(record.text)
                if by_text.get(key, chosen) != chosen:
                    raise DecisionsError(f"{where}: the same text is in another record with other decisions")
                by_text[key] = chosen
                unused -= {(d["file"], record.number) for d in per_record[record.number]}
        except OSError as err:
            raise DecisionsError(f"{name}: {err.strerror or err}") from None
        except (MalformedRecord, UnicodeDecodeError) as err:
            raise DecisionsError(f"{name}: {err}") from None
    if unused:
        missing = ", ".join(f"{f} record {n}" for f, n in sorted(unused)[:5])
        raise DecisionsError(f"{path}: decisions for records not found in the input: {missing}")
    return {"default": default, "by_text": by_text}


def clean_decided(text: str, config: CleanConfig, decided: Mapping[str, Any]) -> str:
    """``clean`` with the decisions :func:`decisions_for_clean` found for this
    text (a text without any follows the default for all its changes)."""
    chosen = decided["by_text"].get(text_key(text), {})
    accept = decided["default"] == "accept"
    if accept and not chosen:
        return clean(text, config)
    changes = review_changes(text, config)
    keep = [c for c in changes if chosen.get(c.id, accept)]
    return apply_changes(text, [Change(c.rule, c.start, c.end, c.before, c.after) for c in keep])


# --------------------------------------------------------------------------
# Reading the inputs
# --------------------------------------------------------------------------


def read_records(path: str, fmt: Optional[str], column: Optional[str]) -> Iterator[Record]:
    """The records of a file, as the ``cablefix`` command reads them.  An
    unreadable file raises :class:`OSError`."""
    with open(path, "rb") as stream:
        yield from read_stream(stream, fmt or guess_format(path), column)[1]


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------


def record_data(name: str, number: int, text: str, config: Optional[CleanConfig] = None, label: str = "") -> dict[str, Any]:
    """One record as the page reads it: the text cut into ``pieces`` (plain
    strings between the changes and doubts, ``{"c": k}`` for change ``k``,
    ``{"d": k}`` for doubt ``k``), so that the page never counts offsets
    itself (JavaScript counts UTF-16 units, Python code points)."""
    changes = review_changes(text, config)
    doubts = review_doubts(text, changes, config)
    marks = sorted([(c.start, c.end, "c", k) for k, c in enumerate(changes)] + [(d.start, d.end, "d", k) for k, d in enumerate(doubts)])
    pieces: list[Any] = []
    pos = 0
    for start, end, kind, k in marks:
        if start < pos:
            continue  # (review_doubts leaves none: changes and doubts do not overlap)
        if start > pos:
            pieces.append(text[pos:start])
        pieces.append({kind: k})
        pos = max(pos, end)
    if pos < len(text):
        pieces.append(text[pos:])
    return {
        "file": name,
        "record": number,
        "label": label,
        "pieces": pieces,
        "changes": [
            {"id": c.id, "offset": c.start, "before": c.before, "after": c.after, "rule": c.rule, "confidence": c.confidence, "steps": list(c.steps)}
            for c in changes
        ],
        "doubts": [{"offset": d.start, "before": d.before, "after": d.after, "rule": d.rule, "confidence": d.confidence} for d in doubts],
    }


def _script_json(value: object) -> str:
    """JSON that can sit inside ``<script>``: no ``<``, ``>`` or ``&`` (so no
    ``</script>`` or ``<!--``), ASCII only."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(records: Sequence[Mapping[str, Any]], title: str, options: Mapping[str, Any], note: str = "") -> str:
    """The review page for ``records`` (from :func:`record_data`): one HTML
    document, everything inline."""
    template = resources.files("cablefix").joinpath("review.html").read_text(encoding="utf-8")
    data = {
        "format": DECISIONS_FORMAT,
        "version": DECISIONS_VERSION,
        "title": title,
        "note": note,
        "options": dict(options),
        "files": sorted({r["file"] for r in records}),
        "records": list(records),
    }
    fill = {"{{TITLE}}": html.escape(title, quote=True), "{{DATA}}": _script_json(data), "{{SCRIPT_HASHES}}": _script_hashes(template)}
    return re.sub(r"\{\{(?:TITLE|DATA|SCRIPT_HASHES)\}\}", lambda m: fill[m.group()], template)  # one pass: a title may hold "{{DATA}}"


def _script_hashes(template: str) -> str:
    """The page's own scripts as CSP hashes: the browser runs those and no
    other script, whatever a text might hold."""
    scripts = re.findall(r"<script>(.*?)</script>", template, re.S)
    digests = (base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") for body in scripts)
    return " ".join(f"'sha256-{d}'" for d in digests)


#: Fields that name a record in the picker, tried in order (jsonl, csv).
LABEL_FIELDS = ("reference_id", "id", "identifier", "name", "title")


def _label(fmt: str, record: Record) -> str:
    """A short name for the record picker: a naming field of the record (the
    reference id of a ``cables.csv`` row), else the reference id the text's
    head shows, else nothing."""
    fields = record.fields()
    for name in LABEL_FIELDS:
        value = fields.get(name)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()[:60]
    if fmt == "text" or not record.text:
        return ""
    from .parse import parse

    return parse(record.text[:2000]).reference_id or ""


def _parser() -> argparse.ArgumentParser:
    from .cli import _confidence  # (the command line's reading of a probability)

    parser = argparse.ArgumentParser(
        prog="cablefix review",
        description="Write one self-contained HTML page to review, accept or reject each change clean makes.",
        epilog="Exit status: 0 ok, 1 a malformed record (left out of the page), 2 unreadable input or bad usage.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="input files")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the page to write (e.g. review.html)")
    parser.add_argument("--format", choices=FORMATS, help="input format (default: from the extension; text)")
    parser.add_argument("--column", help="the text field of jsonl/csv input (default: body, text or content)")
    parser.add_argument("--max-records", type=int, default=MAX_RECORDS, metavar="N", help="records on the page at most (default: %(default)s)")
    parser.add_argument("--min-confidence", type=_confidence, default=RepairConfig().min_confidence, help="see RepairConfig (default: %(default)s)")
    parser.add_argument("--possessive-threshold", type=_confidence, default=None, metavar="X",
                        help="the probability a plural possessive needs, see RepairConfig (default: the model's own)")
    parser.add_argument("--quotes", choices=("unicode", "ascii"), default="unicode", help="output quotes (default: unicode)")
    for flag in ("mojibake", "transliteration", "entity-quotes", "captions", "trailing-spaces"):
        parser.add_argument(f"--no-{flag}", action="store_true", help=f"skip the {flag.replace('-', ' ')} step")
    return parser


def main(argv: Optional[Sequence[str]] = None, stderr: IO[str] = sys.stderr) -> int:
    """``cablefix review FILE… -o OUT``; the exit status."""
    args = _parser().parse_args(argv)
    from .cli import clean_options  # (the command's own reading of the options)

    options = clean_options(args)
    try:
        config = CleanConfig(**options)
        clean_and_explain("", config)  # the options checked as clean checks them
    except ValueError as err:
        print(f"cablefix review: {err}", file=stderr)
        return 2
    if args.max_records < 1:
        print("cablefix review: --max-records must be at least 1", file=stderr)
        return 2
    if "-" in args.files:
        print("cablefix review: needs FILE names, not standard input (the decisions file names the files)", file=stderr)
        return 2
    if any(os.path.abspath(args.output) == os.path.abspath(f) for f in args.files):
        print(f"cablefix review: {args.output} is an input file; name another page", file=stderr)
        return 2
    status = 0
    records: list[dict[str, Any]] = []
    note = ""
    for name in args.files:
        fmt = args.format or guess_format(name)
        try:
            for record in read_records(name, fmt, args.column):
                if record.error:
                    print(f"cablefix review: {name}: record {record.number}: {record.error}; left out", file=stderr)
                    status = 1
                if record.text is None:
                    continue
                if len(records) >= args.max_records:
                    note = f"The page holds the first {args.max_records} records (--max-records); clean --decisions applies the default to the others."
                    print(f"cablefix review: {note}", file=stderr)
                    break
                records.append(record_data(name, record.number, record.text, config, _label(fmt, record)))
        except OSError as err:
            print(f"cablefix review: {name}: {err.strerror or err}", file=stderr)
            return 2
        except MalformedRecord as err:
            print(f"cablefix review: {name}: {err}", file=stderr)
            return 2
        except UnicodeDecodeError as err:
            print(f"cablefix review: {name}: not UTF-8 at byte {err.start} ({err.reason}); use --format text", file=stderr)
            return 2
        if note:
            break
    if not records:
        print("cablefix review: no record to review", file=stderr)
        return 2
    title = ", ".join(os.path.basename(f) for f in args.files)
    page = render_page(records, title, options, note)
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(page)
    except OSError as err:
        print(f"cablefix review: {args.output}: {err.strerror or err}", file=stderr)
        return 2
    total = sum(len(r["changes"]) for r in records)
    print(f"cablefix review: {args.output}: {len(records)} record(s), {total} change(s)", file=stderr)
    return status
