"""Quotes: ``&`` for ``“`` and ``8`` for ``”``.  What each ``&`` or ``8``
may be on its own; the scan pairs them (:mod:`cablefix.repair.scan`).
"""

from __future__ import annotations

import re
from typing import Optional

from ..detect import AFTER_CLOSE, PUNCT_BEFORE_CLOSE, char_at, in_url, is_html_entity, run_before
from .edits import APOSTROPHE, CLOSE_QUOTE, EM_DASH

#: A double quote mark of any kind (``“ ” "``: each may be another's ASCII
#: form): it ends a pending ``&`` and a glued quote's search for its partner.
QUOTE_MARK = re.compile('[\u201c\u201d"]')



def opening_quote(text: str, i: int) -> Optional[float]:
    """``&`` that starts a word: ``a &Watch List8`` → ``a “Watch List”``.

    Not ``R&D``, ``AT&T`` (a letter before), ``S & T`` (a space after), ``&&``
    or an HTML entity such as ``&amp;``.
    """
    before, after = char_at(text, i - 1), char_at(text, i + 1)
    if before.isalnum() or before == "&" or not after or after.isspace() or after in "&;=#":
        return None
    if is_html_entity(text, i):
        return None
    return 0.9 if after.isalnum() else 0.6


def closing_quote_kind(text: str, i: int) -> Optional[str]:
    """Whether the ``8`` at ``i`` can close a quote: ``"word"`` after a letter
    or punctuation (``List8``, ``added.8``), ``"digit"`` after one or two
    digits or a year (``&Gate 18``, ``&a candidate in 20078.``; weak: ``1718``
    is a number), else ``None``.  Never before a full stop glued to more of
    a word or number (``file8.txt``, ``R8.5``), nor inside a URL
    (``www.state.gov/page8/``, ``page8?id=1``: :func:`inside_url`).

    >>> closing_quote_kind("&Gate 18 was", 7), closing_quote_kind("in 20078.", 7), closing_quote_kind("in 2008,", 6)
    ('digit', 'digit', None)
    >>> closing_quote_kind("see file8.txt", 8), closing_quote_kind("www.state.gov/page8/", 18)
    (None, None)
    """
    before, after = char_at(text, i - 1), char_at(text, i + 1)
    if after and after not in AFTER_CLOSE:
        return None
    if after == "." and (text[i + 2 : i + 3].isalnum() or text[i + 2 : i + 3] == CLOSE_QUOTE):
        return None  # "file8.txt": a file name ("8.8" as "8.”": the second may close)
    if before.isalpha() or before in PUNCT_BEFORE_CLOSE:
        kind = "word"
    elif before.isdigit():
        run = run_before(text, i, "alnum")
        if not (len(run) <= 2 or (len(run) == 4 and run.isdigit() and run[:2] in ("19", "20"))):
            return None  # "&Gate 18", "&a candidate in 20078." (a year); not "September 2008,"
        kind = "digit"
    else:
        return None
    return None if inside_url(text, i) else kind


#: What may follow a closing quote before its token ends (``page8.``,
#: ``URL8),``), legacy and repaired alike (``8`` ``”``, ``,`` ``’``, ``)`` ``—``).
_CLOSING_RUN = frozenset(".,;:!?)]}'\"*8" + APOSTROPHE + CLOSE_QUOTE + EM_DASH)


def inside_url(text: str, i: int) -> bool:
    """Whether the ``8`` at ``i`` stands inside a URL, more of the URL after
    it (``www.state.gov/page8/index``, ``page8?id=1``), not at its end
    (``page8.``, which may close a quote opened before the URL).

    >>> inside_url("www.state.gov/page8/x", 18), inside_url("www.state.gov/page8).", 18), inside_url("&a8-b", 2)
    (True, False, False)
    """
    j = i + 1
    while j < i + 4 and j < len(text) and text[j] in _CLOSING_RUN:
        j += 1
    return j < len(text) and not text[j].isspace() and in_url(text, i)


def glued_closing_quote(text: str, i: int) -> Optional[float]:
    """An ``8`` glued to the start of a word after a line break or
    punctuation: ``asked,8will a Kabul conference``, ``China.8XXXXXXXXXXXX
    said``, ``HIM AS⏎8NATIONAL COORDINATOR8`` → ``”``.  The original had a
    ``”`` there — closing a quote and glued to the next word, or typed where
    an opening quote belonged; no number is written so (the dev legacy and
    plain cables have no ``8`` before four letters at all).  Not after a
    hyphen that ends a name: ``F-8Crusader``.

    >>> glued_closing_quote("Karzai agreed but asked,8will a Kabul conference", 24)
    0.85
    >>> glued_closing_quote("the F-8Crusader fleet", 6) is None
    True
    """
    before = char_at(text, i - 1)
    if before not in "\n.,;:!?-" or not text[i + 1 : i + 5].isalpha():
        return None
    if before == "-" and (char_at(text, i - 2).isalnum() or char_at(text, i - 2) == CLOSE_QUOTE):
        # "F-8Crusader": a model number; and after a word's closing quote, as after the
        # 8 it was ("cww8-8cscw" must read the same once the first 8 is "”")
        return None
    return 0.85


def is_glued_quote(text: str, j: int) -> bool:
    """Whether ``text[j]`` is a legacy ``8`` that :func:`glued_closing_quote`
    takes for ``”``: the apostrophe rules read it as the quote it becomes, not
    as a digit of the word after (a second run must decide as the first).

    >>> is_glued_quote("asked,8will a", 6), is_glued_quote("the F18 jets", 6)
    (True, False)
    """
    return text[j : j + 1] == "8" and glued_closing_quote(text, j) is not None


def unpaired_closing_quote(text: str, i: int) -> Optional[float]:
    """``8`` after a lowercase word with no ``&`` before it in the stretch:
    ``¬ one additional soldier8`` → ``…soldier”``.  ``G8``, ``F18``,
    ``para 8`` and ``p.8`` stay (a digit, a capital or a single letter), and
    so does the ``8`` that ends a URL (``www.state.gov/page8``): only a quote
    opened before the URL closes there.
    """
    j = i - 1 if char_at(text, i - 1) in PUNCT_BEFORE_CLOSE else i
    word = run_before(text, j)
    k = j - len(word) - 1
    # (a glued quote before the word is the ”, not a digit: "&.8xxxx8" reads as "“.”xxxx8")
    if (char_at(text, k).isdigit() and not is_glued_quote(text, k)) or len(word) < 2:
        return None
    if word.islower():
        conf = 0.85 if len(word) >= 3 else 0.6
    elif word[0].isupper() and word[1:].islower() and len(word) >= 4:
        conf = 0.6
    else:
        conf = 0.3
    return None if in_url(text, i) else conf


#: How sure the ``8`` that ends a phrase after a :func:`glued_closing_quote`
#: is: ``⏎8VACATION8 TO REJOIN`` → ``”VACATION”`` (the writer's own quotes,
#: both typed as closing ones).
GLUED_PARTNER = 0.9

#: How many words after a :func:`glued_closing_quote` its partner may end
#: (counted in words, as :data:`SINGLE_QUOTE_WORDS`).
GLUED_WORDS = 16
