"""The rules, one row each: a name, the candidate it decides and the function
that decides it.  For a comma, the row also says what must follow the comma;
the scan tries the rows for that in the table's order, and the first rule with
an opinion decides.  Adding a comma rule is adding a row.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, Optional

from .apostrophes import (
    caps_elision,
    classified_website,
    closing_single_quote,
    contraction,
    decade,
    known_spelling,
    measure_possessive,
    name_elision,
    named_for_members,
    plural_possessive,
    possessive_edit,
)
from .dashes import dash_in_parentheses, em_dash
from .edits import Edit, RepairConfig
from .possessive import word_after
from .quotes import closing_quote_kind, glued_closing_quote, opening_quote, unpaired_closing_quote

#: What follows a comma, as :func:`comma_rules` reads it: a letter
#: (``Regime,s`` ``d,Ivoire``), a digit (``mid-,90s``); after an ``s``, a
#: blank or a line break and a capital (``Paris, Classified Website``,
#: ``Donors, Conference``, ``HORMATS, MEETINGS``), or a lowercase letter
#: (``two hours, notice``, ``Partners, interest``), or ``)`` (``the
#: United States,)``).
LETTER = "letter"
DIGIT = "digit"
S_THEN_CAPITAL = "s, capital"
S_THEN_WORD = "s, word"
S_THEN_PARENTHESIS = "s,)"


class Rule(NamedTuple):
    """One rule: its ``name`` (as in :attr:`Edit.rule`), the legacy character
    it decides (``candidate``), what must follow a comma for the scan to try
    it (``follows``; empty for a rule the scan asks while a quote or a
    parenthesis is pending, where it knows what the candidate may pair with),
    and the function that decides (``decide``: a confidence from 0 to 1, or
    ``None`` for no opinion).  ``edit``: for the rule that makes its own
    edit (the possessive model applies its own threshold, and says why).

    >>> RULES[0]
    Rule(name='contraction', candidate=',', follows=('letter',), decide=contraction)
    """

    name: str
    candidate: str
    follows: tuple[str, ...]
    decide: Callable[..., Any]
    edit: Optional[Callable[[str, int, RepairConfig], Optional[Edit]]] = None

    def __repr__(self) -> str:
        made = f", edit={self.edit.__name__}" if self.edit else ""
        return f"Rule(name={self.name!r}, candidate={self.candidate!r}, follows={self.follows!r}, decide={self.decide.__name__}{made})"


#: Every rule.  The comma rules come first, in the order the scan tries them.
RULES: tuple[Rule, ...] = (
    Rule("contraction", ",", (LETTER,), contraction),
    Rule("name_elision", ",", (LETTER,), name_elision),
    Rule("caps_elision", ",", (LETTER,), caps_elision),
    Rule("known_spelling", ",", (LETTER,), known_spelling),
    Rule("decade", ",", (DIGIT,), decade),
    Rule("classified_website", ",", (S_THEN_CAPITAL,), classified_website),
    Rule("named_for_members", ",", (S_THEN_CAPITAL,), named_for_members),
    Rule("measure_possessive", ",", (S_THEN_WORD,), measure_possessive),
    Rule("plural_possessive", ",", (S_THEN_CAPITAL, S_THEN_WORD, S_THEN_PARENTHESIS), plural_possessive, possessive_edit),
    # asked by the scan while something is pending: a ‘ (its closing comma),
    # an & (its 8), a glued 8 (its partner), an open ( (a dash inside it)
    Rule("closing_single_quote", ",", (), closing_single_quote),
    Rule("opening_quote", "&", (), opening_quote),
    Rule("quote_pair", "&", (), closing_quote_kind),  # (its 8 after a word, or glued to the next one)
    Rule("quote_pair_after_digit", "&", (), closing_quote_kind),  # (its 8 after a digit)
    Rule("glued_closing_quote", "8", (), glued_closing_quote),
    Rule("unpaired_closing_quote", "8", (), unpaired_closing_quote),
    Rule("em_dash", ")", (), em_dash),
    Rule("dash_in_parentheses", ")", (), dash_in_parentheses),
)

#: The rules by name.
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}


def _tried(follows: str) -> tuple[Rule, ...]:
    return tuple(rule for rule in RULES if follows in rule.follows)


_BEFORE_LETTER = _tried(LETTER)
_BEFORE_DIGIT = _tried(DIGIT)
_BEFORE_CAPITAL = _tried(S_THEN_CAPITAL)
_BEFORE_WORD = _tried(S_THEN_WORD)
_BEFORE_PARENTHESIS = _tried(S_THEN_PARENTHESIS)


def comma_rules(text: str, i: int) -> tuple[Rule, ...]:
    """The rules worth trying on the comma at ``i`` (most commas: none), in
    the order of :data:`RULES`.

    >>> [r.name for r in comma_rules("Regime,s", 6)], comma_rules("a, b", 1)
    (['contraction', 'name_elision', 'caps_elision', 'known_spelling'], ())
    >>> [r.name for r in comma_rules("the Partners, interest", 12)]
    ['measure_possessive', 'plural_possessive']
    """
    nxt = text[i + 1 : i + 2]  # (slices: the comma is in the text; faster than char_at)
    if nxt.isalpha():
        return _BEFORE_LETTER
    if nxt.isdigit():
        return _BEFORE_DIGIT
    if text[i - 1 : i] not in ("s", "S"):
        return ()
    if nxt == ")":
        return _BEFORE_PARENTHESIS
    w = word_after(text, i)  # (a blank or a line break, then a word)
    if w < 0:
        return ()
    return _BEFORE_WORD if text[w].islower() else _BEFORE_CAPITAL
