"""The pandas entry point: each text repaired as cablefix.clean would, the
index, name and dtype kept, missing values passed through."""

from __future__ import annotations

import json

import pytest

import cablefix

from .conftest import DEV

pd = pytest.importorskip("pandas")
cf_pandas = pytest.importorskip("cablefix.pandas")


def _bodies(limit: int = 40) -> list[str]:
    if not DEV.exists():
        pytest.skip("no dev corpus")
    lines = (DEV / "legacy.jsonl").read_text(encoding="utf-8").splitlines()[:limit]
    return [json.loads(line)["body"] for line in lines]


def test_clean_equals_the_function_on_each_value() -> None:
    bodies = _bodies()
    series = pd.Series(bodies, index=[f"r{i}" for i in range(len(bodies))], name="body", dtype=object)
    result = series.cablefix.clean()
    assert result.tolist() == [cablefix.clean(b) for b in bodies]
    assert result.index.equals(series.index) and result.name == "body"
    assert cf_pandas.clean(series, quotes="ascii").tolist() == [cablefix.clean(b, quotes="ascii") for b in bodies]


def test_fix_transliteration_takes_a_config_or_options() -> None:
    series = pd.Series(["the Regime,s view", "the Partners, interest in"], dtype=object)
    strict = cablefix.RepairConfig(min_confidence=0.99)
    expected = [cablefix.fix_transliteration(t, strict) for t in series]
    assert cf_pandas.fix_transliteration(series, strict).tolist() == expected
    assert series.cablefix.fix_transliteration(min_confidence=0.99).tolist() == expected


@pytest.mark.parametrize("missing", [None, float("nan"), "NA"])
def test_missing_values_pass_through(missing: object) -> None:
    value = pd.NA if missing == "NA" else missing
    series = pd.Series(["a &Watch List8", value, "don,t"], dtype=object)
    result = series.cablefix.clean()
    assert result[0] == "a “Watch List”" and result[2] == "don’t"
    assert pd.isna(result[1])


def test_a_string_dtype_is_kept() -> None:
    series = pd.Series(["the Regime,s view", None], dtype="string")
    result = series.cablefix.clean()
    assert isinstance(result.dtype, pd.StringDtype)
    assert result[0] == "the Regime’s view" and pd.isna(result[1])


def test_a_value_of_another_type_is_named() -> None:
    series = pd.Series(["fine", 42], index=["a", "b"], dtype=object)
    with pytest.raises(TypeError, match="'b'"):
        series.cablefix.clean()
    with pytest.raises(TypeError, match="Series"):
        cf_pandas.clean(["not", "a", "series"])  # type: ignore[arg-type]


def test_an_unknown_option_is_a_type_error_as_for_one_text() -> None:
    series = pd.Series(["the Regime,s view"])
    with pytest.raises(TypeError, match="quotes"):
        series.cablefix.fix_transliteration(quotes="ascii")  # (a clean option, not the repair's)
    with pytest.raises(TypeError, match="RepairConfig"):
        cf_pandas.fix_transliteration(series, cablefix.CleanConfig())  # type: ignore[arg-type]
