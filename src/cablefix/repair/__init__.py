"""Undo the legacy one-for-one transliteration: ``,`` ``&`` ``8`` ``)``.

The conversion replaced ``’`` with ``,``, ``“`` with ``&``, ``”`` with ``8``
and ``—`` with ``)``.  Each rule is a named function that looks at one
candidate character and its bounded context and returns a confidence (0–1)
that it stands for the typographic character, or ``None`` when it has no
opinion.  :func:`fix_transliteration` applies what reaches
:attr:`RepairConfig.min_confidence`; :func:`explain` reports every decision,
and with ``doubts=True`` also the candidates that were left alone.

The scan visits only candidate characters, once, in order; every rule reads
a bounded window, so the whole repair is linear in the length of the text.

The files, in the order of the repair:

- ``edits.py``: ``Edit`` (one decision), ``RepairConfig`` (how sure a rule
  must be), ``splice`` (making the edits; ``clean`` uses them too);
- ``apostrophes.py``, ``quotes.py``, ``dashes.py``: the rules for ``,``,
  ``&``/``8`` and ``)``, a function each;
- ``possessive.py``: the learned model that alone decides a plural
  possessive (``the Partners, interest``);
- ``rules.py``: ``RULES``, the table of rules, one row each;
- ``scan.py``: the candidate events, the one pass over them that asks the
  rules, ``fix_transliteration`` and ``explain``.
"""

from .edits import DEFAULT_CONFIG, LEGACY, Edit, RepairConfig, apply_edits, splice
from .rules import RULES, Rule
from .scan import explain, fix_transliteration

__all__ = [
    "DEFAULT_CONFIG",
    "LEGACY",
    "RULES",
    "Edit",
    "RepairConfig",
    "Rule",
    "apply_edits",
    "explain",
    "fix_transliteration",
    "splice",
]
