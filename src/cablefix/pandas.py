"""cablefix on a pandas column: each text repaired, missing values kept.

Importing this module (``pip install "cablefix[pandas]"``) registers a
``.cablefix`` accessor on every ``Series``:

>>> import pandas as pd
>>> import cablefix.pandas
>>> bodies = pd.Series(["the Regime,s &Watch List8", None], index=["08STATE2034", "x"])
>>> cleaned = bodies.cablefix.clean()
>>> cleaned["08STATE2034"]
'the Regime’s “Watch List”'
>>> cleaned.isna().tolist()
[False, True]
>>> cablefix.pandas.fix_transliteration(bodies, min_confidence=0.95)["08STATE2034"]
'the Regime’s “Watch List”'

The result keeps the index, the name and a ``string`` dtype when the column
had one.  A value that is neither a ``str`` nor missing (``None``, ``NaN``,
``pd.NA``) raises ``TypeError`` naming its index label, as ``cablefix.clean``
does for one value.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional

import pandas as pd

from .clean import CleanConfig
from .clean import clean as _clean_text
from .repair import RepairConfig
from .repair import fix_transliteration as _fix_text
from .repair.edits import repair_config


def _map(series: "pd.Series[Any]", func: Callable[[str], str]) -> "pd.Series[Any]":
    if not isinstance(series, pd.Series):
        raise TypeError(f"takes a pandas Series, not {type(series).__name__}")
    values = []
    for label, value in series.items():
        if isinstance(value, str):
            values.append(func(value))
        elif value is None or value is pd.NA or (isinstance(value, float) and value != value):
            values.append(value)
        else:
            raise TypeError(f"value at {label!r} is a {type(value).__name__}, not a str or a missing value")
    dtype = series.dtype if isinstance(series.dtype, pd.StringDtype) else object
    return pd.Series(values, index=series.index, name=series.name, dtype=dtype)


def clean(series: "pd.Series[Any]", config: Optional[CleanConfig] = None, **options: Any) -> "pd.Series[Any]":
    """``cablefix.clean`` on every text of ``series``; missing values kept."""
    return _map(series, functools.partial(_clean_text, config=config, **options))


def fix_transliteration(series: "pd.Series[Any]", config: Optional[RepairConfig] = None, **options: Any) -> "pd.Series[Any]":
    """``cablefix.fix_transliteration`` on every text of ``series``; missing values kept."""
    # (an unknown option or a config of another type is a TypeError, as for one text, and before any is read)
    return _map(series, functools.partial(_fix_text, config=repair_config(config, options)))


@pd.api.extensions.register_series_accessor("cablefix")
class CablefixAccessor:
    """``series.cablefix.clean(**options)`` and ``series.cablefix.fix_transliteration(**options)``."""

    def __init__(self, series: "pd.Series[Any]") -> None:
        self._series = series

    def clean(self, config: Optional[CleanConfig] = None, **options: Any) -> "pd.Series[Any]":
        """See :func:`cablefix.pandas.clean`."""
        return clean(self._series, config, **options)

    def fix_transliteration(self, config: Optional[RepairConfig] = None, **options: Any) -> "pd.Series[Any]":
        """See :func:`cablefix.pandas.fix_transliteration`."""
        return fix_transliteration(self._series, config, **options)
