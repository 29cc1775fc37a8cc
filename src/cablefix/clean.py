"""The whole repair as one call: :func:`clean`, and what each step changed.

Steps, in order (each a named function, each switchable in
:class:`CleanConfig`):

1. ``fix_mojibake`` — ``Ukraineâ€™s`` → ``Ukraine’s`` through ftfy, only on
   lines that show mojibake, with ftfy's quote-uncurling, HTML unescaping,
   lossy-sequence replacement and normalisation turned off so it undoes
   nothing and loses nothing;
2. ``remove_captions`` — ``SIPDIS``/``SIPNET`` caption lines, rejoining a
   sentence they cut in two (before the repairs, so that they see the
   sentence whole);
3. ``fix_entity_quotes`` — ``¬ one additional soldier8`` → ``“not one
   additional soldier”``: an opening quote an HTML renderer ate together
   with the start of the word;
4. ``strip_trailing_spaces`` — spaces at the ends of lines (before the
   repair, which then reads the text as a second call will);
5. ``fix_transliteration`` — ``Regime,s`` ``&Watch List8`` ``)`` (see
   ``repair``);
6. ``ascii_quotes`` — with ``quotes="ascii"``, ``’ ‘ “ ” —`` → ``' ' " " --``.

Each step computes a list of :class:`Change` on its own input;
:func:`clean_and_explain` maps them back to offsets in the original text.
When mojibake was repaired, or ``quotes="ascii"`` changed the text, the steps
run again (at most ``MAX_ROUNDS``), so that ``clean(clean(x)) == clean(x)``.
"""

from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate, repeat
import unicodedata
from html.entities import html5
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Optional

from . import lexicon
from .decode import require_str
from .detect import TOKEN, as_read
from .repair.edits import DEFAULT_CONFIG, RepairConfig, check_probability, collector_paused, splice
from .repair.quotes import closing_quote_kind
from .repair.scan import decisions, fix_transliteration

#: ``quotes=`` values.
QUOTE_STYLES = ("unicode", "ascii")


class _CleanFields(NamedTuple):
    mojibake: bool = True
    transliteration: bool = True
    min_confidence: float = 0.8
    entity_quotes: bool = True
    captions: bool = True
    trailing_spaces: bool = True
    quotes: str = "unicode"
    possessive_threshold: Optional[float] = None


def _check_switch(value: object, name: str) -> bool:
    """``value`` as a step's on/off setting: ``True`` or ``False`` (``1``,
    ``0`` and numpy's booleans too), else a ``TypeError`` that says so."""
    if isinstance(value, str) or value not in (True, False):
        raise TypeError(f"{name} must be True or False, not {type(value).__name__} {value!r}")
    return bool(value)


class CleanConfig(_CleanFields):
    """What :func:`clean` does; every field can also be given as a keyword.

    ``mojibake`` (``True``): repair mojibake such as ``Ukraineâ€™s`` with ftfy.

    ``transliteration`` (``True``): repair the legacy ``, & 8 )`` artifacts.

    ``min_confidence`` (``0.8``): how sure a transliteration rule must be.

    ``entity_quotes`` (``True``): restore quotes whose opening was eaten by an
    HTML renderer (``¬ one additional soldier8``).

    ``captions`` (``True``): remove ``SIPDIS``/``SIPNET`` caption lines.

    ``trailing_spaces`` (``True``): remove spaces and tabs at line ends.

    ``quotes`` (``"unicode"``): ``"ascii"`` writes ``' " --`` for ``’ “ ” —``.

    ``possessive_threshold`` (``None``: the model's own): the probability a
    plural possessive needs, as in :class:`RepairConfig` (``0.92`` repairs
    more at a lower precision: ``docs/accuracy.md``).

    A ``min_confidence`` or ``possessive_threshold`` outside ``[0, 1]`` or
    ``nan``, or a ``quotes`` not in :data:`QUOTE_STYLES`, is a ``ValueError``
    (also through ``_replace``); a step's switch that is no ``True`` or
    ``False`` (``captions="false"``, from a YAML file or the environment) is a
    ``TypeError``.

    >>> CleanConfig(quotes="ascii").quotes
    'ascii'
    >>> CleanConfig(quotes="smart")
    Traceback (most recent call last):
    ...
    ValueError: quotes must be one of ('unicode', 'ascii'), not 'smart'
    >>> CleanConfig(captions="false")
    Traceback (most recent call last):
    ...
    TypeError: captions must be True or False, not str 'false'
    """

    __slots__ = ()

    def __new__(
        cls,
        mojibake: bool = True,
        transliteration: bool = True,
        min_confidence: float = 0.8,
        entity_quotes: bool = True,
        captions: bool = True,
        trailing_spaces: bool = True,
        quotes: str = "unicode",
        possessive_threshold: Optional[float] = None,
    ) -> "CleanConfig":
        mojibake, transliteration, entity_quotes, captions, trailing_spaces = (
            _check_switch(value, name) for value, name in (
                (mojibake, "mojibake"), (transliteration, "transliteration"), (entity_quotes, "entity_quotes"),
                (captions, "captions"), (trailing_spaces, "trailing_spaces"))
        )
        if quotes not in QUOTE_STYLES:
            raise ValueError(f"quotes must be one of {QUOTE_STYLES}, not {quotes!r}")
        min_confidence = check_probability(min_confidence)
        if possessive_threshold is not None:
            possessive_threshold = check_probability(possessive_threshold, "possessive_threshold")
        return super().__new__(cls, mojibake, transliteration, min_confidence, entity_quotes, captions, trailing_spaces, quotes,
                               possessive_threshold)

    @property
    def repair(self) -> RepairConfig:
        """The settings of the transliteration step.

        >>> CleanConfig(min_confidence=0.9, possessive_threshold=0.92).repair
        RepairConfig(min_confidence=0.9, possessive_threshold=0.92)
        """
        return RepairConfig(self.min_confidence, self.possessive_threshold)

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> "CleanConfig":  # _replace makes its copy here
        return cls(*iterable)


class Change(NamedTuple):
    """One change a step made: ``step``, ``start``/``end`` (offsets into the
    step's input, or into the original text in :func:`clean_and_explain`),
    ``before``, ``after``, and ``confidence`` where the step has one."""

    step: str
    start: int
    end: int
    before: str
    after: str
    confidence: Optional[float] = None
    rule: Optional[str] = None


def apply_changes(text: str, changes: list[Change]) -> str:
    """``text`` with sorted, non-overlapping ``changes`` made.

    >>> apply_changes("ab", [Change("x", 1, 2, "b", "c")])
    'ac'
    """
    return splice(text, changes)


# --------------------------------------------------------------------------
# Steps: each returns its changes; the str -> str form applies them
# --------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _ftfy_config() -> Any:  # imported lazily: ftfy is only needed when mojibake shows
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        replace_lossy_sequences=False,
        normalization=None,
        explain=False,
    )


#: Characters that start typical mojibake (UTF-8 read as Windows-1252/Latin-1).
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00c5\u00e2\u00ef\u00f0][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


_LINES = re.compile(r"[^\n]*\n|[^\n]+")


def mojibake_changes(text: str) -> list[Change]:
    """Lines that show mojibake, fixed by ftfy (narrowed to what differs).

    >>> [c.after for c in mojibake_changes("Ukraineâ€™s view")]
    ['’']
    """
    if text.isascii() or not _MOJIBAKE_HINT.search(text):
        return []
    import ftfy
    from ftfy.badness import is_bad

    changes = []
    pos = 0
    for line in _LINES.findall(text):  # only \n ends a line: \x85 and \u2028 may be mojibake
        if _MOJIBAKE_HINT.search(line) and is_bad(line):
            fixed = line
            for _ in range(3):  # until ftfy has nothing more to fix (c1 controls can need two rounds)
                again = ftfy.fix_text(fixed, _ftfy_config())
                if again == fixed:
                    break
                fixed = again
            if fixed != line:
                a = 0
                while a < min(len(line), len(fixed)) and line[a] == fixed[a]:
                    a += 1
                b = 0
                while b < min(len(line), len(fixed)) - a and line[-1 - b] == fixed[-1 - b]:
                    b += 1
                changes.append(Change("fix_mojibake", pos + a, pos + len(line) - b, line[a : len(line) - b], fixed[a : len(fixed) - b]))
        pos += len(line)
    return changes


def transliteration_changes(text: str, config: RepairConfig = DEFAULT_CONFIG) -> list[Change]:
    """The legacy transliteration repairs (``repair.explain``) as changes."""
    fields = (("fix_transliteration", e.start, e.end, e.before, e.after, e.confidence, e.rule) for e in decisions(text, config, doubts=False))
    return list(map(_new_change, fields))


#: ``Change`` from a tuple of all seven fields (defaults do not apply), without
#: a Python-level call.
_new_change = functools.partial(tuple.__new__, Change)


def _entity_table() -> dict[str, str]:
    """Symbol → the entity name a renderer collapsed into it (``¬`` → ``not``):
    lowercase names only, the shortest for each symbol; letters, ASCII, the
    typographic quotes and dashes, and spaces, controls and spacing accents
    (``´`` is typed for an apostrophe: ``China´s``, ``the ´big countries´``)
    are left out."""
    table: dict[str, str] = {}
    for name, value in html5.items():
        word = name.rstrip(";")
        if len(value) != 1 or not word.isalpha() or not word.islower() or ord(value) < 128:
            continue
        if value in "\u2018\u2019\u201c\u201d\u2014\u2013\u2026":
            continue
        category = unicodedata.category(value)
        if category.startswith(("L", "Z", "C")) and value != "\u00b5" or category == "Sk":
            continue
        if value not in table or len(word) < len(table[value]):
            table[value] = word
    return table


#: ``¬`` → ``not``, ``£`` → ``pound``, ``¢`` → ``cent``, ``µ`` → ``micro`` …
ENTITY_NAMES = _entity_table()
_ENTITY_CHAR = re.compile("[" + re.escape("".join(sorted(ENTITY_NAMES))) + "]")
_CLOSE_CANDIDATE = re.compile("(?<=\\S)[\u201d8]")
#: How many words after a collapsed opening quote its closing quote may end
#: (counted in whole tokens: the blanks ``clean`` drops move nothing).
ENTITY_QUOTE_WORDS = 40


#: What ends the search for an entity-collapsed quote's closing quote: a
#: blank line, another opening quote (``“``, ``&`` before a word, or another
#: entity character: ``¬ ) ¬a8`` has one pair, not two).  Each search ends
#: at the next entity character, so the searches never overlap (linear).
_ENTITY_QUOTE_STOP = re.compile("\n[ \t]*\n|[\u201c&]\\w|" + _ENTITY_CHAR.pattern)


_TO_LINE_END = re.compile(r"[ \t]*(?:[\r\n]|\Z)")


def entity_word(text: str, i: int) -> Optional[str]:
    """The entity name the character at ``i`` stands for when it reads as the
    start of a word: glued to the letters that follow (``£ing``:
    ``pounding``; ``¢rales``), standing alone when the name is an English
    word (``¬ one``: ``not``; :data:`lexicon.ENTITY_WORDS`), or before a
    hyphen and a letter when it is a word or prefix (``µ-trafficking``:
    ``micro``; :data:`lexicon.ENTITY_PREFIXES`); only a blank, an opening
    bracket, a hyphen, a slash or a dash may stand before it (``—``, or the
    legacy ``)`` it may be repaired into: a second call reads as the first).  ``the ¶ sign``,
    ``® trademark`` and ``China´s`` stay.

    >>> entity_word("he said ¬ one", 8), entity_word("and £ing on", 4), entity_word("the ¶ sign", 4)
    ('not', 'pound', None)
    >>> entity_word("as µ-trafficking", 3), entity_word("a ®-x", 2), entity_word("a ¬one", 2)
    ('micro', None, 'not')
    """
    name = ENTITY_NAMES.get(text[i])
    before = text[i - 1] if i else " "
    if name is None or not (before.isspace() or before in "([/-\u2014)"):
        return None
    after = text[i + 1 : i + 2]
    if after.isascii() and after.isalpha():
        return name  # "¢rales", "®ulations"
    if after.isspace():
        if _TO_LINE_END.match(text, i + 1):
            return None  # at a line's end (blanks clean drops aside) it opens no quote on the line
        return name if name in lexicon.ENTITY_WORDS else None  # "¬ one"; not "the ¶ sign"
    if after == "-" and text[i + 2 : i + 3].isalpha():
        return name if name in lexicon.ENTITY_WORDS or name in lexicon.ENTITY_PREFIXES else None
    return None


def entity_quote_changes(text: str) -> list[Change]:
    """Opening quotes that an HTML renderer decoded with the start of a word:
    ``&not one`` became ``¬ one``, ``&pounding`` ``£ing`` (:func:`entity_word`).
    Restored when a closing quote (``”`` or a legacy ``8``, where
    :func:`~cablefix.repair.quotes.closing_quote_kind` reads one after a word)
    follows within :data:`ENTITY_QUOTE_WORDS` words, before a blank line or
    another opening quote.  Run before the transliteration, which then reads
    the whole word (``¶s,s8``: ``“paras’s”``).

    >>> apply_changes("he said ¬ one more soldier8 would go", entity_quote_changes("he said ¬ one more soldier8 would go"))
    'he said “not one more soldier” would go'
    """
    changes = []
    for m in _ENTITY_CHAR.finditer(text):
        i = m.start()
        name = entity_word(text, i)
        if name is None:
            continue
        stop = _ENTITY_QUOTE_STOP.search(text, i + 1)  # a blank line, another opening quote
        end = stop.start() if stop else len(text)
        for count, token in enumerate(TOKEN.finditer(text, i + 1, end), 1):
            if count == ENTITY_QUOTE_WORDS:
                end = token.end()
                break
        close = None
        for c in _CLOSE_CANDIDATE.finditer(text, i + 1, end):
            # a ” the repair made of an 8 reads as the 8 did: a second call decides the same
            if closing_quote_kind(text, c.start()) == "word":
                close = c.start()
                break
        if close is None:
            continue
        changes.append(Change("fix_entity_quotes", i, i + 1, m.group(), "\u201c" + name, 0.9))
        if text[close] == "8":
            changes.append(Change("fix_entity_quotes", close, close + 1, "8", "\u201d", 0.9))
    changes.sort(key=lambda c: c.start)
    return changes


_CAPTION = re.compile("SIP(?:DIS|NET)")


def _line_break_in_sentence(text: str, k: int) -> int:
    """Where the line break before ``k`` starts, blanks before it included,
    when the line above ends in a lowercase letter or a comma (a caption was
    dropped into a sentence: ``that some⏎⏎SIPDIS issues are``); else -1.

    >>> _line_break_in_sentence("that some  \\nSIPDIS issues", 12), _line_break_in_sentence("Done.\\nSIPDIS x", 6)
    (9, -1)
    """
    j = k - 1 if text[k - 1 : k] == "\n" else k
    j = j - 1 if text[j - 1 : j] == "\r" and j > 0 else j
    if j == k:
        return -1
    while j > 0 and text[j - 1] in " \t":  # all of them: the trailing-space step takes them all
        j -= 1
    return j if j > 0 and text[j - 1] in _SENTENCE_GOES_ON else -1


_SENTENCE_GOES_ON = frozenset("abcdefghijklmnopqrstuvwxyz,")


def _line_start(text: str, pos: int, floor: int) -> int:
    """Where the line holding ``pos`` starts (after ``\\n`` or ``\\r``), not
    before ``floor``.  Reads back in steps, so the cost is the line's length
    (one ``rfind`` to ``floor`` would read to the start of a text without
    ``\\r`` every time).

    >>> _line_start("ab\\ncd", 4, 0), _line_start("abcd", 3, 1)
    (3, 1)
    """
    hi = pos
    while hi > floor:
        lo = max(floor, hi - 256)
        k = max(text.rfind("\n", lo, hi), text.rfind("\r", lo, hi))
        if k >= 0:
            return k + 1
        hi = lo
    return floor


def _caption_line_start(text: str, pos: int) -> int:
    """Where the line of the caption at ``pos`` starts, or ``-1`` when more
    than blanks stand before it on its line (looking back 80 characters)."""
    k = pos
    floor = max(0, pos - 80)
    while k > floor and text[k - 1] in " \t":
        k -= 1
    return k if k == 0 or text[k - 1] in "\r\n" else -1


def _after_blank_line(text: str, start: int) -> bool:
    """Whether a blank line (or the start of the text) stands before ``start``."""
    before = text[max(0, start - 40) : start].rstrip(" \t")
    return before.replace("\r", "").endswith("\n\n") or (start < 40 and before in ("", "\n", "\r\n"))


#: Caption lines that follow a caption line (blanks around each bounded, so
#: that each is a caption line exactly as :func:`caption_changes` reads one).
_MORE_CAPTION_LINES = re.compile(r"(?:[ \t]{0,40}SIP(?:DIS|NET)[ \t]{0,40}(?:\r\n?|\n))+")
_REST_OF_LINE = re.compile(r"[ \t]*(?:\r\n?|\n|\Z)")
_BLANK_LINE = re.compile(r"[ \t]*\r?\n")
_WORD_AFTER = re.compile(r"[ \t]+(?=[a-z])")


def caption_changes(text: str) -> list[Change]:
    """``SIPDIS``/``SIPNET`` distribution captions: a caption line goes (with
    one blank line after it when one stands before it, so paragraphs stay one
    blank line apart), and a caption dropped into a sentence is replaced by a
    space.

    >>> apply_changes("that some\\n\\nSIPDIS issues are", caption_changes("that some\\n\\nSIPDIS issues are"))
    'that some issues are'
    >>> apply_changes("000055\\n\\nSIPDIS\\n\\nE.O. 12958", caption_changes("000055\\n\\nSIPDIS\\n\\nE.O. 12958"))
    '000055\\n\\nE.O. 12958'
    """
    return [_new_change(("remove_captions", a, b, text[a:b], after, None, None)) for a, b, after in _caption_spans(text)]


def remove_captions(text: str) -> str:
    """Remove ``SIPDIS``/``SIPNET`` captions, rejoining sentences:
    ``that some⏎⏎SIPDIS issues are`` → ``that some issues are``."""
    return splice(text, _caption_spans(text))


class _Span(NamedTuple):
    """Where a caption goes, and what replaces it."""

    start: int
    end: int
    after: str


_new_span = functools.partial(tuple.__new__, _Span)


def _caption_spans(text: str) -> list[_Span]:
    """``(start, end, replacement)`` of each caption, sorted, not overlapping
    (lone ``\\r`` read as line ends: :func:`cablefix.detect.as_read`)."""
    text = as_read(text)
    spans: list[_Span] = []
    midsentence = False
    pos = 0
    while True:
        m = _CAPTION.search(text, pos)
        if m is None:
            break
        pos = m.end()
        line_start = _caption_line_start(text, m.start())
        if line_start < 0:
            continue
        after = _REST_OF_LINE.match(text, m.end())  # (no end bound: \Z is the text's end)
        if after:  # a caption line
            end = after.end()
            if line_start == 0 or _after_blank_line(text, line_start):
                blank = _BLANK_LINE.match(text, end, end + 80)
                if blank:
                    end = blank.end()
            spans.append(_new_span((line_start, end, "")))
            ended = end == after.end() and text[end - 1 : end] in ("\n", "\r")  # a line end, no blank line
            more = _MORE_CAPTION_LINES.match(text, end) if ended else None
            if more:  # caption lines right below: each goes, with nothing else
                bounds = list(accumulate(map(len, more.group().splitlines(keepends=True)), initial=end))
                spans.extend(map(_new_span, zip(bounds, bounds[1:], repeat(""))))
                pos = more.end()
            continue
        tail = _WORD_AFTER.match(text, m.end(), m.end() + 20)
        if not tail:
            continue
        k = line_start  # skip back over blank and caption lines: they go too
        while k > 0:
            above = _line_start(text, k - 1, 0)
            if text[above:k].strip() not in ("", "SIPDIS", "SIPNET"):
                break
            k = above
        gap = _line_break_in_sentence(text, k)
        if gap >= 0:
            spans.append(_new_span((gap, tail.end(), " ")))
            midsentence = True
    if not midsentence:
        return spans
    spans.sort(key=lambda span: (span.start, -span.end))
    kept: list[_Span] = []
    for span in spans:  # a caption in a sentence covers the caption lines above it
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def trailing_space_changes(text: str) -> list[Change]:
    """Spaces and tabs at the ends of lines.

    >>> apply_changes("a \\nb\\t\\n", trailing_space_changes("a \\nb\\t\\n"))
    'a\\nb\\n'
    """
    found = list(_TRAILING.finditer(text))
    starts, ends, blanks = map(re.Match.start, found), map(re.Match.end, found), map(re.Match.group, found)
    return list(map(_new_change, zip(repeat("strip_trailing_spaces"), starts, ends, blanks, repeat(""), repeat(None), repeat(None))))


def strip_trailing_spaces(text: str) -> str:
    """Remove spaces and tabs at line ends: ``"a \\nb\\t"`` → ``"a\\nb"``."""
    if "\r" in text:
        return _TRAILING.sub("", text)
    return "\n".join([line.rstrip(" \t") for line in text.split("\n")])  # the same, three times as fast


#: A run of blanks before a line end (``\n``, ``\r\n``, a lone ``\r``) or
#: the end of the text.  It may only start where a run starts (the
#: lookbehind), so each run is tried once; backing off inside a run can
#: only meet another blank, never a line end, so a run that fails costs its
#: length once (linear, however long; no possessive ``*+``, which needs
#: Python 3.11).
_TRAILING = re.compile(r"[ \t](?<![ \t][ \t])[ \t]*(?=[\r\n]|\Z)")


_ASCII = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "--"}
_ASCII_RE = re.compile("[\u2019\u2018\u201c\u201d\u2014]")


def ascii_quote_changes(text: str) -> list[Change]:
    """``’ ‘ “ ” —`` → ``' ' " " --`` for pipelines that want ASCII.

    >>> apply_changes("“Regime’s” — x", ascii_quote_changes("“Regime’s” — x"))
    '"Regime\\'s" -- x'
    """
    return [Change("ascii_quotes", m.start(), m.end(), m.group(), _ASCII[m.group()]) for m in _ASCII_RE.finditer(text)]


def ascii_quotes(text: str) -> str:
    """``’ ‘ “ ” —`` → ``' ' " " --``: ``“Regime’s”`` → ``"Regime's"``."""
    return text.translate(_ASCII_TABLE)


_ASCII_TABLE = str.maketrans(_ASCII)


def _as_fix(changes: Callable[[str], list[Change]], name: str, doc: str) -> Callable[[str], str]:
    def fix(text: str) -> str:
        return apply_changes(text, changes(text))

    fix.__name__ = fix.__qualname__ = name
    fix.__doc__ = doc
    return fix


fix_mojibake = _as_fix(mojibake_changes, "fix_mojibake", "``Ukraineâ€™s`` → ``Ukraine’s`` (ftfy, on lines that show mojibake).")
fix_entity_quotes = _as_fix(entity_quote_changes, "fix_entity_quotes", "``¬ one soldier8`` → ``“not one soldier”``.")


class Step(NamedTuple):
    """A step of :func:`clean` in its two forms: ``changes`` lists what it
    would change (for :func:`clean_and_explain`), ``fix`` just makes the
    changes (for :func:`clean`, often much faster).  Both agree:
    ``fix(t) == apply_changes(t, changes(t))``.  ``same_length``: no change
    it makes alters the length (offsets after it stay as they were)."""

    changes: Callable[[str], list[Change]]
    fix: Callable[[str], str]
    same_length: bool = False


MOJIBAKE = Step(mojibake_changes, fix_mojibake)
CAPTIONS = Step(caption_changes, remove_captions)
ENTITY_QUOTES = Step(entity_quote_changes, fix_entity_quotes)
TRAILING_SPACES = Step(trailing_space_changes, strip_trailing_spaces)
ASCII_QUOTES = Step(ascii_quote_changes, ascii_quotes)


# --------------------------------------------------------------------------
# Offsets back to the input
# --------------------------------------------------------------------------


class _OffsetMap:
    """Maps offsets in a step's output back to offsets in its input."""

    def __init__(self, changes: list[Change]) -> None:
        self.changes = changes
        self.out_starts: list[int] = []
        self.items: list[tuple[int, int, int, int]] = []  # out_start, out_end, in_start, in_end

    def _build(self) -> None:  # on first use: after the last step that changes anything, never
        shift = 0
        for c in self.changes:
            out_start = c.start + shift
            out_end = out_start + len(c.after)
            self.out_starts.append(out_start)
            self.items.append((out_start, out_end, c.start, c.end))
            shift += len(c.after) - (c.end - c.start)

    def __call__(self, pos: int, end: bool = False) -> int:
        """The input offset of output offset ``pos``; a position inside a
        replacement maps to its start, or to its end for an ``end`` offset
        (which ends before a deletion there: ``view )··⏎`` keeps the dash's
        change apart from the blanks')."""
        if not self.items and self.changes:
            self._build()
        k = (bisect.bisect_left if end else bisect.bisect_right)(self.out_starts, pos) - 1
        if k < 0:
            return pos
        out_start, out_end, in_start, in_end = self.items[k]
        if pos >= out_end:
            return in_end + (pos - out_end)
        return in_end if end and pos > out_start else in_start


def _config(config: Optional[CleanConfig], options: dict) -> CleanConfig:
    if config is None:
        config = CleanConfig()
    elif not isinstance(config, CleanConfig):
        raise TypeError(f"config must be a CleanConfig, not {type(config).__name__}")
    unknown = set(options) - set(CleanConfig._fields)
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}; see CleanConfig")
    return config._replace(**options) if options else config


def _steps(config: CleanConfig) -> list[Step]:
    steps: list[Step] = []
    if config.mojibake:
        steps.append(MOJIBAKE)
    if config.captions:  # before the repairs, which then see the rejoined sentences
        steps.append(CAPTIONS)
    if config.entity_quotes:  # before the repairs, which then read the whole word: "¶s,s8" is "“paras’s”"
        steps.append(ENTITY_QUOTES)
    if config.trailing_spaces:  # before the repair, which then reads the text as the next call will
        steps.append(TRAILING_SPACES)
    if config.transliteration:
        repair = config.repair
        steps.append(Step(lambda t: transliteration_changes(t, repair), lambda t: fix_transliteration(t, repair), True))
    if config.quotes == "ascii":
        steps.append(ASCII_QUOTES)
    return steps


#: Above one change in this many characters, :func:`clean_and_explain`
#: makes a step's changes by running the step's ``fix`` rather than splicing.
DENSE = 16

#: Rounds of the whole pipeline at most, while the mojibake repair still
#: changes something or would now (a repaired quote can complete a mojibake
#: sequence, and repaired mojibake can complete a legacy ``Regime,s``), and,
#: with ``quotes="ascii"``, while a round changes the text: the repairs read
#: an ASCII mark otherwise than the typographic one it replaces (a ``'`` in a
#: plain cable is a real apostrophe, a ``’`` may be a repaired comma), so the
#: next call could decide otherwise; the rounds end where it would not.
MAX_ROUNDS = 3

#: Rounds at most with ``quotes="ascii"``: each round but the last turns
#: more legacy characters, and a text with many plural-possessive doubts about
#: one possessor can take several (``the lawyers, march leaders, reactions on
#: Morales, vision`` twice at ``min_confidence=0.5``: four).
ASCII_ROUNDS = 8


def _run(text: str, config: CleanConfig, found: Optional[list[Change]]) -> str:
    """Run the steps, in rounds while mojibake was repaired or ASCII quotes
    written (:data:`MAX_ROUNDS`, :data:`ASCII_ROUNDS`); append the
    changes, with offsets into the original text, to ``found`` if given."""
    maps: list[_OffsetMap] = []
    steps = _steps(config)
    for _ in range(ASCII_ROUNDS if config.quotes == "ascii" else MAX_ROUNDS):
        mojibake_fixed = ascii_written = False
        round_start = text
        for step in steps:
            if found is None:
                fixed = step.fix(text)
                mojibake_fixed |= step is MOJIBAKE and fixed != text
                ascii_written |= step is ASCII_QUOTES and fixed != text
                text = fixed
                continue
            changes = step.changes(text)
            if not changes:
                continue
            mojibake_fixed |= step is MOJIBAKE
            ascii_written |= step is ASCII_QUOTES
            found.extend(_to_input_offsets(changes, maps))
            if not step.same_length:
                maps.append(_OffsetMap(changes))
            # the step's own fix gives the same text (tested), and is faster than
            # splicing when changes are dense (an adversarial text)
            text = step.fix(text) if len(changes) * DENSE > len(text) else apply_changes(text, changes)
        if ascii_written:
            continue  # (the ASCII step's output is what the next call reads)
        if not mojibake_fixed and not (MOJIBAKE in steps and text != round_start and mojibake_changes(text)):
            break  # (a later step can make mojibake whole: "ï," + a repaired ’ reads as "ï’")
    return text


def _to_input_offsets(changes: list[Change], maps: list[_OffsetMap]) -> Iterator[Change]:
    """``changes`` with their offsets mapped back through earlier steps."""
    if not maps:
        yield from changes
        return
    for c in changes:
        start, end = c.start, c.end
        for back in reversed(maps):
            start, end = back(start), back(end, end=True)
        yield c._replace(start=start, end=max(start, end))


def clean_and_explain(text: str, config: Optional[CleanConfig] = None, **options: object) -> tuple[str, list[Change]]:
    """The cleaned text and every change each step made, with offsets into
    the input ``text``, step by step; a change's ``before`` is what its step
    read there (the input, or what an earlier step made of it).

    >>> cleaned, changes = clean_and_explain("the Regime,s view \\n")
    >>> cleaned, [(c.step, c.start, c.before, c.after) for c in changes]
    ('the Regime’s view\\n', [('strip_trailing_spaces', 17, ' ', ''), ('fix_transliteration', 10, ',', '’')])
    """
    require_str(text, "clean_and_explain")
    found: list[Change] = []
    with collector_paused():  # an adversarial text can give a million changes
        return _run(text, _config(config, options), found), found


def clean(text: str, config: Optional[CleanConfig] = None, **options: object) -> str:
    """The text a reader or an NLP pipeline wants: mojibake, the legacy
    transliteration and eaten quotes repaired, captions and trailing spaces
    removed; nothing else lost.  ``clean(clean(x)) == clean(x)``.

    Options override fields of ``config`` (a :class:`CleanConfig`):

    >>> clean("the Regime,s &Watch List8 ) \\n\\nSIPDIS\\n\\nend")
    'the Regime’s “Watch List” —\\n\\nend'
    >>> clean("the Regime,s &Watch List8", quotes="ascii")
    'the Regime\\'s "Watch List"'
    """
    require_str(text, "clean")
    return _run(text, _config(config, options), None)
