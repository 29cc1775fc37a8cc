"""The scan: one pass over the candidate characters (:data:`EVENTS`), in
order, that asks the rules (:mod:`cablefix.repair.rules`) and pairs quotes
and parentheses within a stretch; :func:`fix_transliteration` and
:func:`explain` run it.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import Any, Iterator, Optional

from ..decode import require_str
from ..detect import AFTER_CLOSE, as_read, blank_runs, char_at, in_url
from .apostrophes import (
    SINGLE_QUOTE_WORDS,
    closing_single_quote,
    straight_inner_comma,
    straight_quote_waits,
    straight_single_open,
)
from . import possessive
from .dashes import _CLOSER_AHEAD, _dash, dash_in_parentheses, spaced_dashes
from .edits import (
    APOSTROPHE,
    CLOSE_QUOTE,
    EM_DASH,
    OPEN_QUOTE,
    Edit,
    RepairConfig,
    collector_paused,
    edit_at,
    repair_config,
    splice,
)
from .quotes import (
    GLUED_PARTNER,
    GLUED_WORDS,
    QUOTE_MARK,
    closing_quote_kind,
    glued_closing_quote,
    opening_quote,
    unpaired_closing_quote,
)
from .rules import comma_rules

def _char_class(chars: frozenset[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


#: Candidates every text needs, written so that a character no rule could
#: change is never visited (an adversarial text can be nothing else):
#:
#: - ``&`` with no letter, digit or ``&`` before it and a word after
#:   (``a &Watch``; not ``R&D``, ``S & T``, ``&&``);
#: - ``8`` not after a space, not in a number of four digits or more unless
#:   they make a year (``&in 20078.``: ``in 2007”.``), and
#:   followed by what may follow a closing quote (``List8,``; not ``F18A``);
#: - runs of ``(`` or ``)`` (one event per run: ``)))`` holds no dash), and
#:   runs of ``)`` with only blanks between (``) ) )``: decided together);
#:   a parenthesis closed against its last word with nothing inside a rule
#:   reads (``(TEM)``, ``(C)``; no quote mark) is one event, which changes
#:   nothing;
#: - a blank line, which ends a stretch.  (A double quote mark, which ends
#:   a pending ``&`` and a glued quote's search, is no event: the scan looks
#:   for one with :data:`QUOTE_MARK` only while something is pending.)
#:
#: Every branch opens with a literal character (``\(\(*``, not ``\(+``), so
#: the search skips to the next candidate fast.
_COMMON_EVENTS = (
    r"&(?<![^\W_]&)(?<!&&)(?=[^\s&;=#])"
    r"|8(?<=\S8)(?:(?<![0-9]{3}8)|(?<=[^0-9](?:19|20)[0-9]{2}8))(?=" + _char_class(AFTER_CLOSE) + r"|\Z)"
    r"|8(?<=[\n.,;:!?-]8)(?=[A-Za-z]{4})"
    "|\\)(?:[ \t]+\\))+|\\([^()\n,&8\u2018\u2019\u201c\u201d\"]*[^()\\s,&8\u2018\u2019\u201c\u201d\"]\\)|\\(\\(*|\\)\\)*|\n[ \t\r]*\n"
)

#: Every candidate, for text with a ``‘`` or a straight single quote that
#: opens one (where each comma can close it or end its stretch): the common
#: events, all commas, ``‘`` ``’`` ``'`` and the backtick.
EVENTS = re.compile("[,\u2018\u2019'`]|" + _COMMON_EVENTS)

#: The candidates for text with no ``‘``: the common events, and commas a
#: rule can change: between two letters or digits (``Regime,s``); after a
#: one-letter word — a capital or ``o d l``, not a list item after ``(``
#: ``,`` ``’`` — before a name or syllable, or ``m`` ``d`` (``d,Ivoire``,
#: ``Yar A,dua``, ``I,ll``, ``I,m``, ``CHARGE D,AFFAIRES``, ``N,SII``: ``O,O,O,`` is no
#: candidate, so it is read at full speed); after a compound's last letter or
#: an elided name's before ``s`` (``HUJI-B,s``, ``Khamene,i,s``), a lettered
#: name's (``Claimant B,s``), an abbreviation's (``Inc.,s``) or after a word
#: and a space before ``s`` (``XXXXXXXXXXXX ,s``); before a digit after a
#: space, ``-`` or ``(`` or at the start (``mid-,90s``); and after three
#: letters ending in ``s`` before a blank, a line break or ``)``
#: (``Partners, interest``, ``Partners,⏎interest``).
EVENTS_FAST = re.compile(
    _COMMON_EVENTS
    + r"|,(?:(?=[^\W_])(?:(?<=[^\W_][^\W_],)|(?<=[A-Zodl],)(?<![\w,\u2019(][A-Zodl],)(?=[A-Za-z][a-z]|[mdMD](?![^\W_]))"
    r"|(?<=[A-Z],)(?<![\w,\u2019(][A-Z],)(?=[A-Z]{2})|(?=[sS])(?:(?<=[-/,\u2019][^\W_],)|(?<=[^\W_]{2} ,)|(?<=[a-z] [A-Z],)|(?<=[A-Za-z]\.,)))"
    r"|(?=\d)(?<![^ \t\n(-],)|(?=[ )\t\r\n])(?<=[^\W\d_]{2}[sS],))"
)


class _Reach:
    """The words from an anchor (a ``‘``, a glued ``8``) to a later offset,
    counted as the scan moves on: each stretch is read once."""

    __slots__ = ("at", "words")

    def __init__(self, at: int) -> None:
        self.at = at
        self.words = 1

    def words_to(self, text: str, i: int) -> int:
        self.words += blank_runs(text, self.at, i)
        self.at = i
        return self.words



def _closed_after_word(text: str, lo: int, hi: int) -> bool:
    """Whether a repaired ``”`` after a word stands between ``lo`` and ``hi``:
    it ends a straight quote's wait for its comma, as the legacy ``8`` it was
    does (:func:`closing_quote_kind` ``"word"``).

    >>> _closed_after_word("'d’ire” s,", 0, 9), _closed_after_word("'d ” s,", 0, 6)
    (True, False)
    """
    k = text.find(CLOSE_QUOTE, lo, hi)
    while k >= 0:
        if k and not text[k - 1].isspace():
            return True
        k = text.find(CLOSE_QUOTE, k + 1, hi)
    return False


def _scan(text: str, config: RepairConfig) -> Iterator[Edit]:
    """Every decision about every candidate, in no particular order."""
    depth = 0  # open parentheses in this stretch
    open_at: Optional[int] = None  # an opening & still waiting for its 8
    open_conf = 0.0
    digit_close: Optional[int] = None  # first 8-after-digit since open_at
    single_open = -1  # where a ‘ waits for its first comma, or -1
    single_words = SINGLE_QUOTE_WORDS  # how many words it may hold (fewer after a straight ')
    single_reach = _Reach(0)  # the words from it
    ahead: Optional["re.Match[str]"] = None  # for dash_in_parentheses: valid for ")" before ahead_from
    ahead_from = -1
    ahead_words = 0  # the blank runs from ahead_at to the ahead, once counted
    ahead_at = -1  # where they were counted from, or -1
    spaced_open = False  # the outermost open "(" has a blank after it
    glued_open = -1  # where an 8 glued before a word waits for its partner, or -1
    glued_reach = _Reach(0)  # the words from it

    def close_pending() -> Iterator[Edit]:
        if open_at is None:
            return
        if digit_close is not None:
            yield edit_at(open_at, "&", OPEN_QUOTE, "quote_pair_after_digit", 0.85, config)
            yield edit_at(digit_close, "8", CLOSE_QUOTE, "quote_pair_after_digit", 0.85, config)
        else:
            yield edit_at(open_at, "&", OPEN_QUOTE, "opening_quote", open_conf, config)

    # (a straight quote may wait for a legacy comma only where the text's own
    # apostrophes are not intact: "don't" typed straight types quotes so too)
    events = EVENTS_FAST
    if "\u2018" in text or (
        ("'" in text or "`" in text)
        and possessive.document(text).state != "intact"
        and straight_quote_waits(text)
    ):
        events = EVENTS
    quote_from = 0  # where the search for a double quote mark goes on from
    for m in events.finditer(text):
        i = m.start()
        if (open_at is not None or glued_open >= 0) and QUOTE_MARK.search(text, quote_from, i) is not None:
            # a repaired opening quote: the & before it stays unpaired; and a double
            # quote of any kind ends the search for a glued quote's partner (”: it may
            # be that partner repaired).  Looked for only while one is pending: each
            # stretch between events is searched once at most.
            yield from close_pending()
            open_at = digit_close = None
            glued_open = -1
        quote_from = m.end()
        ch = text[i]
        if ch == ",":
            conf: Optional[float] = None
            edit: Optional[Edit] = None  # one decision a comma: the surest opinion
            for rule in comma_rules(text, i):
                if rule.edit is not None:  # the model decides, with its own threshold
                    edit = rule.edit(text, i, config)
                    if edit is not None:
                        conf = edit.confidence
                        break
                    continue
                conf = rule.decide(text, i)
                if conf is not None:
                    edit = edit_at(i, ",", APOSTROPHE, rule.name, conf, config)
                    break
            if 0 <= single_open and single_reach.words_to(text, i) <= single_words and not (
                single_words < SINGLE_QUOTE_WORDS and _closed_after_word(text, single_open, i)
            ):  # ("'d’ire” s,": a straight quote closed by a double one repaired, as by its 8)
                if edit is None or not edit.applied:
                    quote = closing_single_quote(text, i)
                    if single_words < SINGLE_QUOTE_WORDS and straight_inner_comma(text, single_open, i):
                        quote = None
                    if quote is not None:
                        # (instead of the doubt, not beside it: one comma, one decision, or
                        # it would be replaced twice; and whatever the doubt's confidence, as
                        # a second run may not ask the possessive model, whose doubt the
                        # first run's repairs can make a text it does not read)
                        edit = edit_at(i, ",", APOSTROPHE, "closing_single_quote", quote, config)
                elif char_at(text, i + 1).isalpha():
                    if edit is not None:
                        yield edit
                    continue  # "‘just wasn,t mine,": an apostrophe inside a word, the quote still open
            single_open = -1
            if edit is not None:
                yield edit
        elif ch == "8":
            if char_at(text, i + 1).isalpha():  # "asked,8will": glued to the next word
                conf = glued_closing_quote(text, i)
                if conf is None:
                    continue
                if open_at is not None:  # "&big bet in China.8XXXXXXXXXXXX said"
                    yield edit_at(open_at, "&", OPEN_QUOTE, "quote_pair", 0.99, config)
                    yield edit_at(i, "8", CLOSE_QUOTE, "quote_pair", 0.9, config)
                    open_at = digit_close = None
                else:  # "⏎8NATIONAL COORDINATOR8": its partner is one too
                    yield edit_at(i, "8", CLOSE_QUOTE, "glued_closing_quote", conf, config)
                    glued_open = i
                    glued_reach = _Reach(i)
                continue
            kind = closing_quote_kind(text, i)
            if kind is None:
                continue
            if single_words < SINGLE_QUOTE_WORDS and kind == "word":
                single_open = -1  # "'borderline racist.8": a straight quote closed by a double one
            if 0 <= glued_open and glued_reach.words_to(text, i) > GLUED_WORDS:
                glued_open = -1
            if open_at is None and 0 <= glued_open and kind == "word" and not in_url(text, i):
                yield edit_at(i, "8", CLOSE_QUOTE, "glued_closing_quote", GLUED_PARTNER, config)
                glued_open = -1
                continue
            if open_at is not None:
                if kind == "word":
                    yield edit_at(open_at, "&", OPEN_QUOTE, "quote_pair", 0.99, config)
                    yield edit_at(i, "8", CLOSE_QUOTE, "quote_pair", 0.99, config)
                    open_at = digit_close = None
                elif digit_close is None:
                    digit_close = i
            elif kind == "word":
                conf = unpaired_closing_quote(text, i)
                if conf is not None:
                    yield edit_at(i, "8", CLOSE_QUOTE, "unpaired_closing_quote", conf, config)
        elif ch == "&":
            conf = opening_quote(text, i)
            if conf is not None:
                yield from close_pending()
                open_at, open_conf, digit_close = i, conf, None
        elif ch == ")":
            end = m.end()
            if end - i == 1:
                if depth == 1 and not spaced_open and text[i - 1] in " \t":
                    if ahead_from <= i:  # the next closer, "(" or blank line: one search serves every ")" before it
                        ahead = _CLOSER_AHEAD.search(text, i + 1)
                        ahead_from = ahead.start() if ahead else len(text)
                        ahead_at = -1
                    if ahead is not None and text[ahead.end() - 1] == ")":
                        # words to the closer, counted once for all the ")" before it
                        if ahead_at < 0:
                            ahead_words = blank_runs(text, i, ahead.start())
                        else:
                            ahead_words -= blank_runs(text, ahead_at, i)
                        ahead_at = i
                    conf = dash_in_parentheses(text, i, ahead, ahead_words)
                    if conf is not None:
                        yield edit_at(i, ")", EM_DASH, "dash_in_parentheses", conf, config)
                        continue
                if depth:
                    depth -= 1
                else:
                    yield from _dash(text, i, config)
            elif text[i + 1] == ")":  # "))": only a lone ")" can be a dash
                depth = max(0, depth - (end - i))
            else:  # ") ) )": the first close what is open, the rest are dashes
                while depth and i >= 0:
                    depth -= 1
                    i = text.find(")", i + 1, end)
                if i >= 0:
                    yield from spaced_dashes(text, i, end, config)
        elif ch == "(":
            if text[m.end() - 1] == ")":  # "(TEM)": opened and closed, nothing to decide
                continue
            if not depth:
                # "( C )": spaced both sides; a line break counts ("( " at a line's end is
                # "(" once clean drops the trailing blank, and must read the same)
                spaced_open = text[i + 1 : i + 2].isspace()
            depth += m.end() - i
        elif ch == "\u2018":
            single_open, single_words = i, SINGLE_QUOTE_WORDS
            single_reach = _Reach(i)
        elif ch == "\u2019":
            if not char_at(text, i + 1).isalpha():
                single_open = -1  # the single quote is closed already (not "wasn’t")
        elif ch in "'`":
            words = straight_single_open(text, i)
            if words:
                single_open, single_words = i, words
                single_reach = _Reach(i)
            elif ch == "'" and not char_at(text, i + 1).isalpha():
                single_open = -1  # "down'": closed straight (not "don't")
        else:  # a blank line ends the stretch
            yield from close_pending()
            open_at = digit_close = None
            depth = 0
            single_open = glued_open = -1
    yield from close_pending()


_START = itemgetter(0)


def explain(text: str, doubts: bool = False, config: Optional[RepairConfig] = None, **options: Any) -> list[Edit]:
    """The edits :func:`fix_transliteration` makes, in order of position: one
    for each decision.  A run of blank-separated dashes decided together
    (:func:`spaced_dashes`) is one edit over the run: ``) ) )`` → ``— — —``.

    With ``doubts=True`` the candidates it left alone are listed too, with
    ``applied=False`` and the confidence that fell short.  Keyword options
    override fields of ``config`` (a :class:`RepairConfig`), as in
    :func:`fix_transliteration`.

    >>> [(e.before, e.after, e.rule) for e in explain("a &Watch List8 of items")]
    [('&', '“', 'quote_pair'), ('8', '”', 'quote_pair')]
    >>> [(e.rule, e.applied) for e in explain("a b,c ) d", doubts=True, min_confidence=0.99)]
    [('em_dash', False)]
    """
    require_str(text, "explain")
    return decisions(text, repair_config(config, options), doubts)



def decisions(text: str, config: RepairConfig, doubts: bool) -> list[Edit]:
    """The scan's edits in order of position (:func:`explain` without the
    type check), read with lone ``\\r`` as line ends (:func:`as_read`).  The collector is paused
    meanwhile: a large text can give a hundred thousand edits, a dense one a
    million."""
    with collector_paused():
        edits = list(_scan(as_read(text), config))
        if not doubts:
            edits = [e for e in edits if e.applied]
        edits.sort(key=_START)
    return edits



def fix_transliteration(text: str, config: Optional[RepairConfig] = None, **options: Any) -> str:
    """Replace each legacy artifact with the character it stood for.

    The result has the same length as ``text``; nothing but ``, & 8 )``
    changes, and only where a rule is at least ``config.min_confidence`` sure.
    Keyword options override fields of ``config`` (a :class:`RepairConfig`):

    >>> fix_transliteration("the Regime,s view of a &Watch List8 ) in full")
    'the Regime’s view of a “Watch List” — in full'
    >>> fix_transliteration("the Partners, interest in", min_confidence=0.999)
    'the Partners, interest in'
    """
    require_str(text, "fix_transliteration")
    return splice(text, decisions(text, repair_config(config, options), doubts=False))
