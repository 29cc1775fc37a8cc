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

The modules, in the order of the repair:

- :mod:`~cablefix.repair.edits`: :class:`Edit`, :class:`RepairConfig`, and
  :func:`splice`, which makes the edits (``clean`` uses them too);
- :mod:`~cablefix.repair.apostrophes`, :mod:`~cablefix.repair.quotes`,
  :mod:`~cablefix.repair.dashes`: the rules for ``,`` ``&``/``8`` and ``)``;
- :mod:`~cablefix.repair.possessive`: the learned model that alone decides a
  plural possessive (``the Partners, interest``);
- :mod:`~cablefix.repair.rules`: the table of rules, which the scan reads;
- :mod:`~cablefix.repair.scan`: the candidate events, the scan over them,
  :func:`fix_transliteration` and :func:`explain`.
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
