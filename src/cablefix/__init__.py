"""cablefix: repair the text of the Cablegate diplomatic cables.

>>> import cablefix
>>> cablefix.fix_transliteration("the Regime,s view of a &Watch List8")
'the Regime’s view of a “Watch List”'
"""

from .clean import Change, CleanConfig, clean, clean_and_explain
from .decode import decode
from .parse import Cable, Paragraph, body_mismatch, parse
from .repair import Edit, RepairConfig, explain, fix_transliteration
from .split import Segment, split

__all__ = [
    "Cable",
    "Change",
    "CleanConfig",
    "clean",
    "clean_and_explain",
    "decode",
    "Edit",
    "Paragraph",
    "body_mismatch",
    "RepairConfig",
    "Segment",
    "explain",
    "fix_transliteration",
    "parse",
    "split",
]
__version__ = "0.1.0"
