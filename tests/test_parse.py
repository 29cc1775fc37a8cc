"""parse(): fields of real headers and bodies (fixtures/parse.json), fragments,
and a parser that never raises."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablefix import Cable, parse, split

from .conftest import FIXTURES

CASES = json.loads((FIXTURES / "parse.json").read_text(encoding="utf-8"))


def _fields(cable: Cable) -> dict:
    out = {k: (list(v) if isinstance(v, tuple) else v) for k, v in dataclasses.asdict(cable).items()}
    out["paragraph_numbers"] = [p.number for p in cable.paragraphs]
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_parse_case(case: dict, seed_text: str) -> None:
    if "seed_segment" in case:
        cable = split(seed_text)[case["seed_segment"]].cable
    else:
        cable = parse(case["text"], year=case.get("year"))
    got = _fields(cable)
    for field, want in case["expected"].items():
        assert got[field] == want, field


def test_classification_normalised() -> None:
    assert parse("C O N F I D E N T I A L STATE 002034").classification == "CONFIDENTIAL"
    assert parse("S E C R E T//NOFORN STATE 012345").classification == "SECRET//NOFORN"
    assert parse("UNCLAS SECTION 01 OF 02 BRASILIA 000244\n\nSENSITIVE\n").classification == "UNCLASSIFIED//SENSITIVE"
    assert parse("S E C R E T NAIROBI 000181\nSENSITIVE\nSIPDIS\nNOFORN\n").classification == "SECRET//NOFORN"


def test_reference_id_needs_a_year() -> None:
    assert parse("S E C R E T SEOUL 000055").reference_id is None
    assert parse("S E C R E T SEOUL 000055", year=2008).reference_id == "08SEOUL55"
    assert parse("R 082042Z JAN 08\nS E C R E T SEOUL 000055").reference_id == "08SEOUL55"


def test_non_str_raises_type_error() -> None:
    with pytest.raises(TypeError, match="str"):
        parse(b"S E C R E T")


@given(st.text())
def test_parse_never_raises(text: str) -> None:
    cable = parse(text)
    assert isinstance(cable, Cable)


@given(st.text(alphabet=st.sampled_from(list("SECRT CONFIDAL0123456789/:.()-\nREFTAGSUBJ,RUEH"))))
def test_parse_never_raises_on_cable_like_noise(text: str) -> None:
    parse(text, year=2008)
