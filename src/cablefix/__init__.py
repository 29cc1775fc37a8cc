"""cablefix: repair the text of the Cablegate diplomatic cables.

>>> import cablefix
>>> cablefix.fix_transliteration("the Regime,s view of a &Watch List8")
'the Regime’s view of a “Watch List”'
"""

from .repair import Edit, RepairConfig, explain, fix_transliteration

__all__ = ["Edit", "RepairConfig", "explain", "fix_transliteration"]
__version__ = "0.1.0"
