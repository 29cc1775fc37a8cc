"""Look at the text around one character: the words, the sentence, the quote.

Every helper here reads a bounded window (``WINDOW`` characters at most), so
a rule that calls a fixed number of them costs O(1) and a scan over the text
stays linear in its length, whatever the input.
"""

from __future__ import annotations

import re
from html.entities import html5

#: The most characters any helper reads on either side of a position.
WINDOW = 300

#: What may stand right after a closing quote (``&functional8,``).
AFTER_CLOSE = frozenset(" \t\r\n.,;:!?)]}/-\u2014\u2019'\"*")

#: What may stand right before a closing ``8`` that follows punctuation inside
#: the quote (``&value added.8``, ``challenges,8``).
PUNCT_BEFORE_CLOSE = frozenset(".,;:!?)]\u2019'%")


#: Everything up to the last sentence separator, for :func:`sentence_start`:
#: ``. ? ! : ;`` then a blank or line break (``\n`` or ``\r``), or a blank line (blanks and tabs
#: on it count as nothing: ``clean`` removes them, and must not change where a
#: sentence starts).  A line break alone is not one: legacy cables are wrapped
#: at about 70 characters, mid-sentence.  The greedy ``.*`` backs off from
#: the end, so the cost is the distance to that separator (each run of
#: blanks is read once, after its own line break).
BLANK_LINE = re.compile("\n[ \t]*\n")
_SEPARATOR = "[.?!:;][ \t\r\n]|" + BLANK_LINE.pattern  # (a lone \r ends a line too: clean drops "\t" in "!\t\r")
_UP_TO_SENTENCE_END = re.compile("(?s).*(?:" + _SEPARATOR + ")")
#: The next sentence separator, for :func:`sentence_end`.
_NEXT_SENTENCE_END = re.compile(_SEPARATOR)


def char_at(text: str, i: int) -> str:
    """The character at ``i``, or ``""`` outside the text.

    >>> char_at("R&D", 1), char_at("R&D", 3)
    ('&', '')
    """
    return text[i] if 0 <= i < len(text) else ""


def run_before(text: str, i: int, kind: str = "alpha") -> str:
    """The run of letters (``kind="alpha"``) or letters and digits
    (``"alnum"``) that ends just before ``i``.

    >>> run_before("the Regime,s view", 10)
    'Regime'
    """
    test = str.isalpha if kind == "alpha" else str.isalnum
    j = i
    stop = max(0, i - WINDOW)
    while j > stop and test(text[j - 1]):
        j -= 1
    return text[j:i]


def run_after(text: str, i: int, kind: str = "alpha") -> str:
    """The run of letters (or letters and digits) that starts at ``i``.

    >>> run_after("d,Ivoire is", 2)
    'Ivoire'
    """
    test = str.isalpha if kind == "alpha" else str.isalnum
    j = i
    stop = min(len(text), i + WINDOW)
    while j < stop and test(text[j]):
        j += 1
    return text[i:j]


def word_before(text: str, i: int) -> str:
    """The whitespace-delimited token that ends before ``i`` (spaces skipped).

    >>> word_before("the EU states, revised", 7)
    'EU'
    """
    return token_before(text, i)[0]


def token_before(text: str, i: int) -> tuple[str, int]:
    """Like :func:`word_before`, with the offset where the token starts.

    >>> token_before("1 ) first", 2)
    ('1', 0)
    """
    j = i
    stop = max(0, i - WINDOW)
    while j > stop and text[j - 1] in " \t":
        j -= 1
    k = j
    while k > stop and not text[k - 1].isspace():
        k -= 1
    return text[k:j], k


def word_after(text: str, i: int) -> str:
    """The whitespace-delimited token that starts at ``i`` (spaces skipped).

    >>> word_after("Partners, interest in", 9)
    'interest'
    """
    return next_word(text, i)[0]


def next_word(text: str, i: int) -> tuple[str, int]:
    """Like :func:`word_after`, with the offset where the token ends.

    >>> next_word("revised proposal for", 7)
    ('proposal', 16)
    """
    stop = min(len(text), i + WINDOW)
    while i < stop and text[i] in " \t":
        i += 1
    j = i
    while j < stop and not text[j].isspace():
        j += 1
    return text[i:j], j


#: A whole token: what :func:`next_tokens` and the phrase readers count.
TOKEN = re.compile(r"\S+")
_BLANK_RUN = re.compile(r"\s+")


def blank_runs(text: str, start: int, end: int) -> int:
    """How many runs of white space lie between ``start`` and ``end``: the
    words a span adds, whatever blanks ``clean`` drops (a run stays a run).

    >>> blank_runs("a  b\\t \\nc d", 0, 8)
    2
    """
    return len(_BLANK_RUN.findall(text, start, end)) if start < end else 0


def next_tokens(text: str, pos: int, n: int) -> list[str]:
    """The next ``n`` whole tokens from ``pos``, however far (a window of
    characters would cut the last one where blanks differ, and a repair
    must read its own cleaned output as it read its input).

    >>> next_tokens("a   b,\\n\\nc d", 0, 3)
    ['a', 'b,', 'c']
    """
    tokens: list[str] = []
    for m in TOKEN.finditer(text, pos):
        tokens.append(m.group())
        if len(tokens) == n:
            break
    return tokens


def previous_tokens(text: str, pos: int, n: int) -> list[str]:
    """The ``n`` whole tokens before ``pos``, nearest last, however far (as
    :func:`next_tokens`, backwards).

    >>> previous_tokens("a b,\\n\\n  c d", 11, 3)
    ['b,', 'c', 'd']
    """
    tokens: list[str] = []
    j = pos
    while len(tokens) < n and j > 0:
        while j > 0 and text[j - 1].isspace():
            j -= 1
        k = j
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        if k < j:
            tokens.append(text[k:j])
        j = k
    tokens.reverse()
    return tokens


def sentence_start(text: str, i: int) -> int:
    """Where the sentence (or clause after ``;`` ``:``) holding ``i`` begins.

    Looks back at most :data:`WINDOW` characters.

    >>> text = "It failed. In recent days, delegations came"
    >>> text[sentence_start(text, 25):25]
    'In recent days'
    >>> text = "It failed.\\nIn recent\\ndays, delegations came"
    >>> text[sentence_start(text, 25):25]
    'In recent\\ndays'
    """
    lo = max(0, i - WINDOW)
    m = _UP_TO_SENTENCE_END.match(text, lo, i)
    return m.end() if m else lo


def sentence_end(text: str, i: int) -> int:
    """Where the sentence (or clause before ``;`` ``:``) holding ``i`` ends:
    at its separator, the same ones :func:`sentence_start` knows.  Looks
    ahead at most :data:`WINDOW` characters.

    >>> text = "Among the lawyers, judges take the line. Others"
    >>> text[18:sentence_end(text, 18)]
    ' judges take the line'
    """
    hi = min(len(text), i + WINDOW)
    m = _NEXT_SENTENCE_END.search(text, i, hi)
    return m.start() if m else hi


#: What may close a quotation or parenthesis right after a sentence's full
#: stop: ``failure.”``, ``failure.8`` (the legacy ``”``), ``(ref A).)``.
CLOSERS_AFTER_STOP = frozenset("\"'\u201d\u2019)]8")


def ends_sentence(text: str, i: int) -> bool:
    """Whether the ``.``, ``?`` or ``!`` at ``i`` ends a sentence: after it
    (and any closing quote, :data:`CLOSERS_AFTER_STOP`) the text ends, or a
    blank comes and then neither a lowercase letter (``esp. the``) nor a
    digit on the same line (``approx. 40``).

    >>> ends_sentence("their lives. An", 11), ends_sentence("the failure.8\\n\\n11.", 11)
    (True, True)
    >>> ends_sentence("officials, esp. the", 14), ends_sentence("approx. 40", 6)
    (False, False)
    """
    if text[i : i + 1] not in (".", "?", "!"):  # (not char_at: "" is in every string)
        return False
    # read to the next character however far: only the one or two words
    # before a full stop ask about it, and the blanks clean drops (trailing
    # ones, before a line break) must not move what is read
    m = _AFTER_STOP.match(text, i + 1)
    blanks = m.group(1) if m else ""  # (the pattern matches the empty string)
    j = m.end() if m else i + 1
    if j >= len(text):
        return True
    if not blanks:
        return False  # "U.S.-led", "failure.8x": no blank after the stop
    newline = "\n" in blanks or "\r" in blanks
    return not text[j].islower() and (newline or not text[j].isdigit())


_AFTER_STOP = re.compile("[" + re.escape("".join(sorted(CLOSERS_AFTER_STOP))) + r"]*(\s*)")


def token_start(text: str, i: int) -> int:
    """Where the token holding ``i`` starts: after the last blank or line
    break before ``i`` (looking back at most :data:`WINDOW` characters).

    >>> token_start("see www.state.gov/page8", 22)
    4
    """
    start = max(max(0, i - WINDOW), text.rfind(" ", max(0, i - WINDOW), i) + 1)
    for c in "\n\t\r":  # (each looked for after the last space only)
        start = max(start, text.rfind(c, start, i) + 1)
    return start


#: The most letters :func:`in_url` reads back for a domain's last part.
TLD_LETTERS = 24


def in_url(text: str, i: int) -> bool:
    """Whether the token holding ``i`` is a URL up to ``i``: it holds
    ``www.`` or its first ``/`` comes after a scheme (``http://``) or a
    domain (``state.gov/``).  A few searches of the token, no regex: an
    adversarial text can ask at every other character.

    >>> in_url("see www.state.gov/page8", 22), in_url("at http://x.org/a8", 17), in_url("(ref A)/8", 8)
    (True, True, False)
    >>> in_url("WWW.FDA.GOV/X8", 13), in_url("and/or8", 6), in_url("U.S./UN8", 7)
    (True, False, False)
    """
    lo = max(0, i - WINDOW)
    if text.rfind("/", lo, i) < 0 and text.rfind("www.", lo, i) < 0 and text.rfind("WWW.", lo, i) < 0:
        return False  # fast: most tokens hold neither
    start = token_start(text, i)
    if text.find("www.", start, i) >= 0 or text.find("WWW.", start, i) >= 0:
        return True
    slash = text.find("/", start, i)
    if slash < 0:
        return False
    if text[slash - 1 : slash + 2] == "://" and slash - 1 > start:
        return True
    k = slash  # a domain before the slash: "state.gov/", "ue.eu.int/"
    while k > max(start, slash - TLD_LETTERS) and text[k - 1].isascii() and text[k - 1].isalpha():
        k -= 1
    return slash - k >= 2 and k - 2 >= start and text[k - 1] == "." and text[k - 2].isalnum()


def is_html_entity(text: str, i: int) -> bool:
    """Whether the ``&`` at ``i`` starts a named entity such as ``&amp;``.

    A legacy closing quote right after the ``;`` makes it a quote with a
    semicolon inside: ``&in;8`` is “in;”.

    >>> is_html_entity("AT&amp;T", 2), is_html_entity("a &Watch List8", 2), is_html_entity("&in;8", 0)
    (True, False, False)
    """
    name = run_after(text, i + 1, "alnum")
    end = i + 1 + len(name)
    return bool(name) and char_at(text, end) == ";" and char_at(text, end + 1) != "8" and name + ";" in html5


def first_word(phrase: str) -> str:
    """The first word of ``phrase``, lowercased, past paragraph numbers and
    classification markings.

    >>> first_word("8. (C) For ten years"), first_word("3.(C) Iranians want"), first_word("( the Regime")
    ('for', 'iranians', 'the')
    """
    for token in phrase.split():
        number, stop, rest = token.partition(".")
        if stop and number.isdigit():
            token = rest  # "8." or "3.(C)": a paragraph number
        if not token or token[:1] == "(" and token[-1:] == ")":
            continue
        if set(token) <= set("-*"):
            continue
        word = token.strip("(\"\u201c").lower()
        if word:  # a lone "(" or quote mark is no word
            return word
    return ""


#: A carriage return that is a line end of its own (not the first half of ``\r\n``).
_LONE_CR = re.compile("\r(?!\n)")


def as_read(text: str) -> str:
    """The text as the rules read it (the repair, the captions): a lone
    ``\\r`` (an old Mac line end) as the ``\\n`` it stands for, so that a text
    decides alike whatever its line ends (the same length: every offset is
    the input's).

    >>> as_read("a\\rb\\r\\nc")
    'a\\nb\\r\\nc'
    """
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def with_newlines(text: str) -> str:
    """``text`` with every line end a ``\\n`` (``\\r\\n`` and a lone ``\\r``
    too): how the fields of a cable come out.

    >>> with_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
