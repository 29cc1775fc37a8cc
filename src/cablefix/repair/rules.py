"""The comma rules by what follows the comma, tried in order: the first
with an opinion decides.
"""

from __future__ import annotations

from typing import Callable, Optional

from ..detect import char_at
from .apostrophes import (
    capitals_meeting,
    classified_website,
    contraction,
    decade,
    measure_possessive,
    name_elision,
    named_for_members,
    plural_possessive,
)

CommaRule = Callable[[str, int], Optional[float]]

#: Comma rules by what follows the comma, tried in order; the first with an
#: opinion decides.  ``,`` then a letter: ``Regime,s`` ``d,Ivoire``; then a
#: digit: ``mid-,90s``; after an ``s``, then a space and a capital: ``Paris,
#: Classified Website``, ``Donors, Conference``, ``HORMATS, MEETINGS``; then a
#: space and a lowercase letter: ``two hours, notice``, ``Partners,
#: interest``; then ``)``: ``the United States,)``.
COMMA_RULES_BEFORE_LETTER: tuple[CommaRule, ...] = (contraction, name_elision)
COMMA_RULES_BEFORE_DIGIT: tuple[CommaRule, ...] = (decade,)
COMMA_RULES_BEFORE_CAPITAL: tuple[CommaRule, ...] = (
    classified_website,
    named_for_members,
    capitals_meeting,
    plural_possessive,
)
COMMA_RULES_BEFORE_WORD: tuple[CommaRule, ...] = (measure_possessive, plural_possessive)
COMMA_RULES_BEFORE_PARENTHESIS: tuple[CommaRule, ...] = (plural_possessive,)


def comma_rules(text: str, i: int) -> tuple[CommaRule, ...]:
    """The rules worth trying on the comma at ``i`` (most commas: none).

    >>> [r.__name__ for r in comma_rules("Regime,s", 6)], comma_rules("a, b", 1)
    (['contraction', 'name_elision'], ())
    >>> [r.__name__ for r in comma_rules("the Partners, interest", 12)]
    ['measure_possessive', 'plural_possessive']
    """
    nxt = char_at(text, i + 1)
    if nxt.isalpha():
        return COMMA_RULES_BEFORE_LETTER
    if nxt.isdigit():
        return COMMA_RULES_BEFORE_DIGIT
    if char_at(text, i - 1) not in ("s", "S"):
        return ()
    if nxt == " ":
        after = char_at(text, i + 2)
        if after.islower():
            return COMMA_RULES_BEFORE_WORD
        return COMMA_RULES_BEFORE_CAPITAL if after.isupper() or after == "\n" else ()
    return COMMA_RULES_BEFORE_PARENTHESIS if nxt == ")" else ()
