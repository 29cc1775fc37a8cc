"""parse(): fields of real headers and bodies (fixtures/parse.json), fragments,
and a parser that never raises."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablefix import Cable, parse, split
from cablefix.parse import body_mismatch

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


# --------------------------------------------------------------------------
# The parse gold: real fragments of corpus/large, scored field by field
# --------------------------------------------------------------------------

GOLD = json.loads((FIXTURES / "parse-gold.json").read_text(encoding="utf-8"))["entries"]

#: Accuracy floors per field on the gold (the figures `python
#: tools/score_parse.py` reports; see docs/parse.md).
GOLD_FLOORS = {
    "station": 1.0,
    "serial": 1.0,
    "sent": 1.0,
    "eo": 1.0,
    "declassify_on": 1.0,
    "declassify_date": 1.0,
    "tags": 1.0,
    "subject": 1.0,
    "subject_marking": 1.0,
    "references": 1.0,
    "classified_by": 1.0,
    "signature": 1.0,
}


def _plain(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def test_gold_is_large_and_spread() -> None:
    assert len(GOLD) >= 300
    years = {e["year"] // 10 * 10 for e in GOLD}
    assert {1970, 1980, 1990, 2000, 2010} <= years
    sources = {e["source"].split()[0] for e in GOLD}
    assert sources == {"corpus/large/legacy.jsonl", "corpus/large/plain.jsonl", "corpus/large/unicode.jsonl"}
    assert all(e["checked"] for e in GOLD)


def test_gold_per_field_floors() -> None:
    correct: dict[str, int] = {}
    total: dict[str, int] = {}
    for entry in GOLD:
        cable = parse(entry["text"], year=entry["year"])
        for field, want in entry["expected"].items():
            total[field] = total.get(field, 0) + 1
            correct[field] = correct.get(field, 0) + (_plain(getattr(cable, field)) == want)
    assert set(total) == set(GOLD_FLOORS)
    low = {f: round(correct[f] / total[f], 4) for f in total if correct[f] / total[f] < GOLD_FLOORS[f]}
    assert not low, low


# --------------------------------------------------------------------------
# Each field form
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, year, want",
    [
        ("REF: A. 07 STATE 71143 B. 08 SEOUL 55", 2009, ("07STATE71143", "08SEOUL55")),
        ("REF: TBILISI 1605", 2009, ("09TBILISI1605",)),  # no year: the cable's
        ("REF: A) SECSTATE 49343 B. 2009 BAKU 972", 2010, ("10STATE49343", "09BAKU972")),
        ("REF: A. RANGOON 00183\n     B. 02 RANGOON 1493 C. 02\n     RANGOON 1624", 2003,
         ("03RANGOON183", "02RANGOON1493", "02RANGOON1624")),
        ("REF: a. 05 state 201650\n\nB. 05 berlin 3726\nc. 05 state 211408", 2008,
         ("05STATE201650", "05BERLIN3726", "05STATE211408")),
        ("REFS.:  A.  BEIJING 14038  B.  BEIJING 14039\n-       C.  BEIJING 14037", 1989,
         ("89BEIJING14038", "89BEIJING14039", "89BEIJING14037")),
        ("REFTEL:  BEIRUT 01535 (NOTAL)", 1986, ("86BEIRUT1535",)),
        ("REFERENCE: (A) 98 RIYADH 04122; (B) JEDDAH 01368", 1999, ("98RIYADH4122", "99JEDDAH1368")),
        ("REF: A. THE HAGUE 11\n     B. REYKJAVIK 13", 2010, ("10THEHAGUE11", "10REYKJAVIK13")),
        ("REF: SECDEF MSG DTG 301601Z JAN 08; PARAS 22 THRU 10", 2008, ()),
        ("REF: A. MAIER - QUINN EMAIL MAIL 06 MARCH 06  B. FBIS LD0711185788; C) FBIS 201404Z APR 94", 2006, ()),
        ("REF: A) STATE 338430, B) 91JAKARTA14899\n\nFOLLOWING IS POST CONTRIBUTION FOR 1992 REPORT.", 1992,
         ("92STATE338430", "91JAKARTA14899")),
        ("REF: A. STATE 40721\nPAGE 02 ROME 01196 01 OF 02 082030Z  B. ROME 1098", 2002, ("02STATE40721", "02ROME1098")),
        ("REF:  1. ROME 1902, 2. STATE 31565  3. STATE 014859 \n \n \n1.  SECRET ENTIRE TEXT.", 1985,
         ("85ROME1902", "85STATE31565", "85STATE14859")),  # a numbered list, not a paragraph
    ],
)
def test_references(text: str, year: int, want: tuple) -> None:
    assert parse(text, year=year).references == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("TAGS:  P'ER, GR\nSUBJECT:  TERRORIST UPDATE", ("P'ER", "GR")),
        ("TAGS PREL, PGOV, PTER, PK\nSUBJECT: AMBASSADOR MEETS KAYANI", ("PREL", "PGOV", "PTER", "PK")),
        ("TAGS: PREL PGOV PTER MARR MOPS VZ AR BH BR CI CS\nCU, ES, HO, MX, CO\nSUBJECT: CJCS VISIT",
         ("PREL", "PGOV", "PTER", "MARR", "MOPS", "VZ", "AR", "BH", "BR", "CI", "CS", "CU", "ES", "HO", "MX", "CO")),
        ("TAGS: PHUM. PREL  PTER, TU, US", ("PHUM", "PREL", "PTER", "TU", "US")),
        ("TAGS: PREF, PHUM, HR, PHUM, HR, BK, War Crimes", ("PREF", "PHUM", "HR", "BK", "WAR CRIMES")),
        ("TAGS: War Crimes", ("WAR CRIMES",)),
        ("TAGS: IS, KMDR, MEDIA REACTION REPORT", ("IS", "KMDR", "MEDIA REACTION REPORT")),
        ("Tags: parm, prel, ettc", ("PARM", "PREL", "ETTC")),
        ("E.O. 12958: N/A TAGS: PGOV PINR BR\nSUBJECT: SAO PAULO", ("PGOV", "PINR", "BR")),
        ("TAGS: PREL\nTHE SUBJECT OF THE NEXT LINE", ("PREL",)),  # never the next line's words
    ],
)
def test_tags(text: str, want: tuple) -> None:
    assert parse(text).tags == want


@pytest.mark.parametrize(
    "text, want, marking",
    [
        ("SUBJECT:  POLITICAL RAMIFICATIONS OF WEST BEIRUT\nFIGHTING\n\nREF:  (A) BEIRUT 2279",
         "POLITICAL RAMIFICATIONS OF WEST BEIRUT FIGHTING", None),
        ("SUBJECT: CODEL DORGAN VISIT TO EGYPT DECEMBER 13-14  REF: A. CAIRO 2542", "CODEL DORGAN VISIT TO EGYPT DECEMBER 13-14", None),
        ("SUBJECT: BRAZIL: AMBASSADOR PRESENTS CREDENTIALS CLASSIFIED BY: Thomas A. Shannon, Ambassador",
         "BRAZIL: AMBASSADOR PRESENTS CREDENTIALS", None),
        ("SUBJECT: SYRIAN-IRANIAN SHOW OF SOLIDARITY\nDAMASCUS 00000880 001.2 OF 004\nClassified By: CDA",
         "SYRIAN-IRANIAN SHOW OF SOLIDARITY", None),
        ("SUBJECT: PRETORIA MEETS THE PRESS\nPRETORIA 00000954 001.2 OF 004", "PRETORIA MEETS THE PRESS", None),
        ("SUBJECT: THE ART OF EDITING\n-------\nSUMMARY", "THE ART OF EDITING", None),
        ("SUBJECT: LIBYA SEEKS TO DOWNPLAY\n1. (C) Summary: text", "LIBYA SEEKS TO DOWNPLAY", None),
        ("SUBJECT: (C) CHIRAC VISIT TO LIBYA MODESTLY SUCCESSFUL, BUT NOT\nHAPPY", "CHIRAC VISIT TO LIBYA MODESTLY SUCCESSFUL, BUT NOT HAPPY", "C"),
        ("SUBJECT:  (SBU) PARTNERS MEET", "PARTNERS MEET", "SBU"),
        ("Subject: german test chamber sold to\niran's dio (s)", "german test chamber sold to iran's dio", "S"),
        ("SUBJECT: U.S. &amp; EU VIEWS ON THE &#8220;ROADMAP&#8221;", "U.S. & EU VIEWS ON THE \u201cROADMAP\u201d", None),
        ("SUBJECT: THE &DO IT YOURSELF8 AIRLINE", "THE &DO IT YOURSELF8 AIRLINE", None),  # legacy quotes, no entity
        ("SUBJECT:  CGYOOL -- DEL CALLS\n-         FOR RECOGNITION", "CGYOOL -- DEL CALLS FOR RECOGNITION", None),
        ("SUBJECT: GOC ANNOUNCES END, SEEKS DIRECT \\\nCONTACT WITH FARC \\\n \\", "GOC ANNOUNCES END, SEEKS DIRECT CONTACT WITH FARC", None),
        ("SUBJECT: CASE OF THE (MTCR) REGIME (HDZ)", "CASE OF THE (MTCR) REGIME (HDZ)", None),
    ],
)
def test_subject(text: str, want: str, marking: Optional[str]) -> None:
    cable = parse(text)
    assert (cable.subject, cable.subject_marking) == (want, marking)


@pytest.mark.parametrize(
    "text, want",
    [
        ("CLASSIFIED BY: ROBERT P. FINN, AMBASSADOR. REASON: 1.5 (B), (D)", "ROBERT P. FINN, AMBASSADOR"),
        ("Classified By: A/DCM Patrick Linehan, Reasons 1.4 (b,d).", "A/DCM Patrick Linehan"),
        ("Classified By: AMBASSADOR ROBERT P. FINN FOR REASONS\n1.5 (B) AND (D)", "AMBASSADOR ROBERT P. FINN"),
        ("Classified By: Political Counselor Richard M. Mills, Jr. for reasons\n1.4 (b) and (d).",
         "Political Counselor Richard M. Mills, Jr."),
        ("Classified By: Acting Political-Economic Counselor Eric Falls for reaso \nns 1.4 (b) and (d).",
         "Acting Political-Economic Counselor Eric Falls"),
        ("Classified By: DCM PETER BRENNAN PER 1.5(d)", "DCM PETER BRENNAN"),
        ("1. CLASSIFIED BY DCM THEODORE KATTOUF - 1.5 B,D.", "DCM THEODORE KATTOUF"),
        ("Classified By: Ambassador John R. Beyrle: Reasons 1.4 (b, d).", "Ambassador John R. Beyrle"),
        ("CLASSIFIED BY: Gregory L. Berry, Chief of Mission, U.S. Liaison\nOffice, Tripoli, Libya.\nREASON: 1.4 (b), (d)",
         "Gregory L. Berry, Chief of Mission, U.S. Liaison Office, Tripoli, Libya"),
        ("1. (U) CLASSIFIED BY POLITICAL COUNSELOR TOM PRICE.\nREASON 1.5 (D).", "POLITICAL COUNSELOR TOM PRICE"),
        ("E.O. 12065: GDS 10/25/85 (TOMSETH, VICTOR L.) OR-P\nTAGS: PINT, IR", "TOMSETH, VICTOR L."),
    ],
)
def test_classified_by(text: str, want: str) -> None:
    assert parse(text).classified_by == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("S E C R E T SEOUL 000055\n\n1. (S) The talks went well.\n\nVERSHBOW\n", "VERSHBOW"),
        ("1. TEXT ENDS HERE.\n\nGALBRAITH\n\n                       CONFIDENTIAL\n\nNNNN\n", "GALBRAITH"),
        ("1. TEXT.\n\nBERRY\n\n\nNNNN\n\nO 161036Z DEC 04\nFM USLO TRIPOLI\nTO AMEMBASSY PARIS IMMEDIATE\n", "BERRY"),
        ("1. TEXT.\nNEITZKE\n  UNCLASSIFIED\nPAGE 04        ZAGREB  02405  05 OF 05  161632Z\nUNCLASSIFIED\nNNNN", "NEITZKE"),
        ("1. TEXT.\nBT\n#2725\nNNNN", None),
        ("1. END COMMENT.\nSHAPIRO\nNNNN\n      2004CARACA01727 - UNCLASSIFIED", "SHAPIRO"),
        ("1. The CODEL cleared this message. SCOBEY", "SCOBEY"),
        ("1. Text. Visit London's Classified Website: XXXXXXXXXXXX LEBARON", "LEBARON"),
        ("1. Text.\n\nMINIMIZE CONSIDERED\nLA LIME", "LA LIME"),
        ("1. Text.\n\nClinton", "Clinton"),
        ("1. Text. Please visit Paris\u2019 Classified Website at: http://www.state.sgov.gov/p/eur/paris/index.c fm \nHofmann",
         "Hofmann"),
        ("2. CRISIS RESOLUTION IS ANOTHER COUP. WAITING FOR\nTHAT TO HAPPEN IS THE MAIN POLITICAL PROSPECT FOR\nPANAMA IN 1990.\n",
         None),  # never a word of the last sentence
        ("3. EXECUTIVE COMMITTEE.  PLO CHAIRMAN ARAFAT DID NOT\nCONDEMN THIS ACTION", None),
        ("1. lobby the Germans on this particular question in\nSeptember.", None),
    ],
)
def test_signature(text: str, want: Optional[str]) -> None:
    assert parse(text).signature == want


@pytest.mark.parametrize(
    "text, marker, date",
    [
        ("E.O. 12958: DECL: 11/22/2012", "11/22/2012", dt.date(2012, 11, 22)),
        ("E.O. 12958: DECL: 2020/02/23", "2020/02/23", dt.date(2020, 2, 23)),
        ("E.O. 12958:  DECL:  6/30/08", "6/30/08", dt.date(2008, 6, 30)),
        ("E.O. 12356: DECL: OADR", "OADR", None),
        ("E.O. 12356:      OADR:DECL", "OADR", None),
        ("E.O. 12958: N/A", "N/A", None),
        ("E.O. 12356: DECL: N/A", "N/A", None),
        ("E.O. 12958: DECL: 1.6 FIVE YEARS AFTER CLOSURE OF ICTY", "1.6 FIVE YEARS AFTER CLOSURE OF ICTY", None),
        ("E.O. 12065: GDS 10/25/85 (TOMSETH, VICTOR L.) OR-P", "GDS 10/25/85", dt.date(1985, 10, 25)),
        ("E.O. 11652: GDS", "GDS", None),
        ("E.O. 12356: 9/30/00", "9/30/00", dt.date(2000, 9, 30)),
        ("E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006", None, None),
        ("E.O. 12958: DECL: 13/45/2019", "13/45/2019", None),  # no calendar date: the marker alone
    ],
)
def test_declassification(text: str, marker: Optional[str], date: Optional[dt.date]) -> None:
    cable = parse(text)
    assert (cable.declassify_on, cable.declassify_date) == (marker, date)


def test_eo_forms() -> None:
    assert parse("E.O.:  12356:  DECL:OADR").eo == "12356"
    assert parse("EO 12958 DECL: 10/06/2019").eo == "12958"
    assert parse("ZEYALONDON FOR TSOUE.O. 12958: DECL: 01/04/2016").declassify_on == "01/04/2016"


def test_dates_as_datetime() -> None:
    utc = dt.timezone.utc
    assert parse("R 082042Z JAN 08\nFM SECSTATE WASHDC\nC O N F I D E N T I A L STATE 002034").sent == dt.datetime(
        2008, 1, 8, 20, 42, tzinfo=utc
    )
    assert parse("O R 141149Z MAR 86\nUNCLAS KAMPALA 00745").sent == dt.datetime(1986, 3, 14, 11, 49, tzinfo=utc)
    assert parse("201444Z Aug 92\nUNCLAS ZAGREB 01526").sent == dt.datetime(1992, 8, 20, 14, 44, tzinfo=utc)
    assert parse("PAGE 02 ZAGREB 01526 01 OF 02 201443Z\nUNCLAS ZAGREB 01526").sent is None
    assert parse("R 082042Z JAN 08\nS E C R E T SEOUL 000055").year == 2008
    row = parse("136637 1/8/2008 20:42 08STATE2034 Secretary of State CONFIDENTIAL C O N F I D E N T I A L STATE 002034")
    assert row.record_datetime == dt.datetime(2008, 1, 8, 20, 42)
    assert Cable(record_date="2008-11-21 14:02").record_datetime == dt.datetime(2008, 11, 21, 14, 2)
    assert Cable(record_date="not a date").record_datetime is None


def test_as_json_is_json() -> None:
    cable = parse("R 082042Z JAN 08\nS E C R E T SEOUL 000055\nE.O. 12958: DECL: 01/09/2018\n1. (S) Text.\nVERSHBOW")
    out = json.loads(json.dumps(cable.as_json()))
    assert out["sent"] == "2008-01-08T20:42:00+00:00"
    assert out["declassify_date"] == "2018-01-09"
    assert out["paragraphs"][0]["marking"] == "S"
    assert out["signature"] == "VERSHBOW"


def test_station_past_a_second_level_or_a_glued_serial() -> None:
    cable = parse("UNCLASSIFIED LIMITED OFFICIAL USE SECTION 01 OF 02 ZAGREB 01090\n")
    assert (cable.station, cable.serial) == ("ZAGREB", 1090)
    cable = parse("C O N F I D E N T I A L SECTION 01 OF 02 LIMA 003571SIPDISEB FOR A/S WAYNE")
    assert (cable.station, cable.serial) == ("LIMA", 3571)
    cable = parse("C O N F I D E N T I A L SECTION 01 OF 02 TEL AVIV \n\nSIPDIS\n")
    assert (cable.station, cable.serial) == (None, None)
    cable = parse("UNCLAS E F T O SECTION 01 OF 02 TEGUCIGALPA 000552 \n\nSIPDIS\nTAGS: ASEC, HO", year=2003)
    assert (cable.station, cable.serial, cable.reference_id, cable.tags) == ("TEGUCIGALPA", 552, "03TEGUCIGALPA552", ("ASEC", "HO"))


def test_csv_row_further_on_is_not_the_records() -> None:
    text = "UNCLAS CAIRO 000211 \nSIPDIS\n1. Text.\n190588 2/5/2009 13:20 09CAIRO210 Embassy Cairo UNCLASSIFIED\nUNCLAS CAIRO 000210"
    cable = parse(text, year=2009)
    assert (cable.station, cable.serial, cable.reference_id, cable.record_id) == ("CAIRO", 211, "09CAIRO211", None)


# --------------------------------------------------------------------------
# A body that is another cable's
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, reference_id, flagged",
    [
        ("S E C R E T SECTION 01 OF 04 MOSCOW 005154\n", "07PARIS2725", True),
        ("C O N F I D E N T I A L SECTION 01 OF 02 NAIROBI 004428\n", "07NAIROBI4427", True),
        ("C O N F I D E N T I A L PARIS 002725\n", "07PARIS2725", False),
        ("UNCLAS SECSTATE 012345\n", "08STATE12345", False),
        ("UNCLAS STATE 012345\n", "08STATE12345", False),
        ("C O N F I D E N T I A L THE HAGUE 000088\n", "10THEHAGUE88", False),
        ("S E C R E T USUN NEW YORK 000210\n", "07USUNNEWYORK210", False),
        ("S E C R E T SECTION 01 OF 02 RPO DUBAI 000023\n", "07IRANRPODUBAI23", False),
        ("no classification line here", "07PARIS2725", False),
    ],
)
def test_body_mismatch(body: str, reference_id: str, flagged: bool) -> None:
    assert (body_mismatch(parse(body), reference_id) is not None) == flagged


def test_body_mismatch_says_what_the_body_is() -> None:
    said = body_mismatch(parse("S E C R E T SECTION 01 OF 04 MOSCOW 005154"), "07PARIS2725")
    assert said == "the body is MOSCOW 5154, not PARIS 2725"
    assert body_mismatch(parse("S E C R E T MOSCOW 005154"), "not an id") is None
    with pytest.raises(TypeError):
        body_mismatch(parse(""), 2725)  # type: ignore[arg-type]
