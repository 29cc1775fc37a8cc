"""split(): the seed, real multi-section cables, and properties on generated
cables: segments partition the input, merged cables split back where the
second begins, a single cable never splits."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablefix import fix_transliteration, split

from .conftest import DEV


def test_seed_splits_in_two_at_the_routing_tail(seed_text: str) -> None:
    segments = split(seed_text)
    assert len(segments) == 2
    second = segments[1]
    assert second.text.startswith("RUEHTV/AMEMBASSY TEL AVIV PRIORITY 0596")
    assert seed_text[: second.start].endswith("the Partners took the following decision:\n\n-- ")
    assert [s.cable.reference_id for s in segments] == ["08STATE2034", "08SEOUL55"]
    assert segments[1].text.rstrip().endswith("Subsequent comments are not delayed.")


def test_seed_splits_the_same_after_repair(seed_text: str) -> None:
    assert [s.start for s in split(fix_transliteration(seed_text))] == [s.start for s in split(seed_text)]


def test_sections_of_one_cable_do_not_split() -> None:
    text = (
        "C O N F I D E N T I A L SECTION 01 OF 02 ANKARA 007215\n\nSIPDIS\n\nE.O. 12958: DECL: 01/01/2015\n"
        "TAGS: PGOV\nSUBJECT: X\n\n1. (C) The first part. REF: ANKARA 7000.\n"
        "ANKARA 00007215 002 OF 002\n\n"
        "C O N F I D E N T I A L SECTION 02 OF 02 ANKARA 007215\n\nSIPDIS\n\n2. (C) The rest.\nWILSON\n"
    )
    assert len(split(text)) == 1


TRIPOLI = (
    "S E C R E T TRIPOLI 000943 \n\nSIPDIS \n\nE.O. 12958: DECL: 11/6/2032 \nTAGS: PREL LY\n"
    "SUBJECT: OVER-FLIGHT CLEARANCE\n\n1. (S) The talks went on. Access to detainees was discussed.\n"
    "2. (S) The Foundation has the lead on access to returned detainees, the official said, and the "
    "ministry will answer in writing. He asked that the request be made again through the usual channel. "
    "We will report the answer when it comes.\n"
)


def test_a_second_record_of_the_same_cable_splits() -> None:
    again = "-- INFO RUEHMO/AMEMBASSY MOSCOW IMMEDIATE 0102 RUEAIIA/CIA WASHDC "
    text = TRIPOLI + again + TRIPOLI
    assert [s.start for s in split(text)] == [0, len(TRIPOLI) + 3]


def test_a_later_section_after_routing_goes_on_with_the_cable() -> None:
    section = TRIPOLI.replace("TRIPOLI 000943", "SECTION 02 OF 02 TRIPOLI 000943")
    text = TRIPOLI + "-- INFO RUEHMO/AMEMBASSY MOSCOW IMMEDIATE 0102 " + section
    assert len(split(text)) == 1
    page_line = TRIPOLI + "PAGE 02 RUEHFRA2440 " + TRIPOLI  # the same line again, no routing before it
    assert len(split(page_line)) == 1


def test_an_old_telegram_repeating_its_line_after_its_routing_is_one_cable() -> None:
    form = (
        "Subject:  UAE TO SUPPORT JORDAN OIL NEEDS Ref:      None ____________ "
        "C O N F I D E N T I A L        ABU DHABI 02641 SIPDIS CXABU: ACTION: POL INFO:   AMB DCM "
        "APPROVED: AMB:MMWAHBA DRAFTED: POL:STWILLIAMS VZCZCADI319 OO RUEHC RUEHAM DE RUEHAD #2641 1541250 "
        "ZNY CCCCC ZZH O 031250Z JUN 03 FM AMEMBASSY ABU DHABI TO RUEHC/SECSTATE WASHDC IMMEDIATE 0227 "
        "C O N F I D E N T I A L ABU DHABI 002641 \n\nSIPDIS \n\n1. (C) The UAE will supply oil.\n"
    )
    assert len(split(form)) == 1
    text = TRIPOLI + "-- " + form
    assert [s.start for s in split(text)] == [0, len(TRIPOLI) + 3]


#: A record that keeps its header in the body (a ``cables.csv`` record one
#: field a line), cut after its ``TAGS:`` label.
NAIROBI_CUT_IN_HEADER = (
    "RUEHKH/AMEMBASSY KHARTOUM 0002 >\n12/16/2009 14:15\n09NAIROBI2497\nEmbassy Nairobi\nSECRET//NOFORN\n"
    "VZCZCXRO7793\nOO RUEHROV\nDE RUEHNR #2497/01 3501415\nZNY SSSSS ZZH\nO R 161415Z DEC 09\n"
    "FM AMEMBASSY NAIROBI\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 0140\nRUEHKH/AMEMBASSY KHARTOUM 0002\nTAGS:\n"
)
ROUTING_TO_SANAA = "\n-- RUEAIIA/CIA WASHDC RHEFDIA/DIA WASHDC RUEKJCS/SECDEF WASHDC "


def test_a_cable_cut_in_its_header_between_two_others_is_a_segment() -> None:
    previous = PREVIOUS + (
        "2.  (C) The ministry said the investigation would go on. It asked for help with the search. "
        "The embassy will follow the case and report further developments.\n"
    )
    text = previous + "\n-- " + NAIROBI_CUT_IN_HEADER + ROUTING_TO_SANAA + BODY
    starts = [s.start for s in split(text)]
    assert starts == [0, len(previous) + 4, text.index("RUEAIIA/CIA")]


def test_a_record_that_starts_cut_in_its_header_splits_before_the_next_routing() -> None:
    text = NAIROBI_CUT_IN_HEADER + ROUTING_TO_SANAA + BODY
    assert [s.start for s in split(text)] == [0, text.index("RUEAIIA/CIA")]


def test_a_header_routing_another_serial_ends_before_the_next_classification_line() -> None:
    # 09NAIROBI2497's header cut after its REF line, then another cable's first line
    # (tools/sweep_split.py --cuts 6): the routing says #2497, the line AMMAN 001288
    header = NAIROBI_CUT_IN_HEADER + " MARR MCAP\nSUBJECT: Kenya responds to Sudan tank demarche\nREF: 09 STATE 122115;"
    text = header + "\n-- " + "S E C R E T SECTION 01 OF 02 AMMAN 001288\n\nSIPDIS\n\nEO 12958 DECL: 02/19/2014\n"
    assert [s.start for s in split(text)] == [0, text.index("S E C R E T")]
    # its own line, the serial the routing names, goes on with it
    own = header + "\n\n\nS E C R E T SECTION 01 OF 02 NAIROBI 002497\n\nSIPDIS\n"
    assert [s.start for s in split(own)] == [0]


def test_dev_cables_never_split() -> None:
    if not DEV.exists():
        pytest.skip("no dev corpus")
    for name in ("unicode", "legacy", "plain"):
        with open(DEV / f"{name}.jsonl", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                assert len(split(record["body"])) == 1, record["id"]


#: The tails of headers some mirrors wrote before a cable's body, each from a
#: dev record, after the last sentence of another cable.
PREVIOUS = (
    "C O N F I D E N T I A L SECTION 01 OF 02 SANAA 001632\n\nSIPDIS\n\nE.O. 12958: DECL: 08/23/2019\n"
    "TAGS: PTER PGOV KFIN YM\nSUBJECT: AQAP LIFTS $500K IN ADEN HEIST?\n\n"
    "1.  (C) The aircraft had crashed in international waters and had not been recovered.\n"
)
HEADER_TAILS = {
    "metadata block (09KUWAIT110)": (
        "RHBVAKS/COMUSNAVCENT  PRIORITY ID: 190648\nORIGIN: 09KUWAIT110\nDATE: 2009-02-05 16:36:00\n"
        "SOURCE: Embassy Kuwait\nCLASSIFICATION: SECRET//NOFORN\nMISC: 09KUWAIT95\n"
        "DESTINATION: VZCZCXRO3981RUEHDE RUEHDIRRUEHKU #0110/01 0361636SSSSS ZZH051636Z FEB 09AMEMBASSY KUWAIT"
        "RUEHC/SECSTATE WASHDC PRIORITY 2777\n"
    ),
    "cables.csv fields a line, then TAGS and SUBJECT (09NAIROBI2497)": (
        "RUEHKH/AMEMBASSY KHARTOUM 0002 >\n12/16/2009 14:15\n09NAIROBI2497\nEmbassy Nairobi\nSECRET//NOFORN\n"
        "09NAIROBI2487|09STATE122115\nVZCZCXRO7793\nOO RUEHROV\nDE RUEHNR #2497/01 3501415\nZNY SSSSS ZZH\n"
        "O R 161415Z DEC 09\nFM AMEMBASSY NAIROBI\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 0140\n"
        "RUEHKH/AMEMBASSY KHARTOUM 0002\nTAGS: MARR MCAP MOPS MASS PARM PINR PTER PREL KE UG UP SU\n"
        "SUBJECT: Kenya responds to Sudan tank demarche \nREF: 09 STATE 122115; 09 NAIROBI 2487\n\n\n"
    ),
    "a State header with its signers (SOURCE: CBLEXCLS)": (
        "DSCC-00  SCA-00   SAS-00   FA-00    SRAP-00  GSWA-00 (TEDE) /000R 063860 SOURCE: CBLEXCLS.000423 "
        "DRAFTED BY: DS/DSS/CC:JBACIGALUPO -- 06/19/2009  571-345-3132 APPROVED BY: DS/DSS/CC:JBACIGALUPO "
        "------------------7CAAD7  191822Z /38 P 191717Z JUN 09 FM SECSTATE WASHDC TO SECURITY OFFICER "
        "COLLECTIVE PRIORITY AMEMBASSY TRIPOLI PRIORITY "
    ),
    "an old telegram's page line (CAPE TOWN 97)": (
        "CONFIDENTIAL PAGE 01        CAPE T  00097  01 OF 03  182017Z ACTION AF-00 INFO  LOG-00   ADS-00 "
        "/037 W ------------------352654  200910Z /23 R 171512Z JAN 90 FM AMCONSUL CAPE TOWN TO SECSTATE "
        "WASHDC 5365 INFO AMEMBASSY PRETORIA "
    ),
    "a form on one line (ABU DHABI 2641)": (
        "To:       No Action Addressee Action:   Unknown From:     AMEMBASSY ABU DHABI (ABU DHABI 2641 - UNKNOWN) "
        "TAGS:     PREL, EPET, EAID, PGOV Captions: None Subject:  UAE TO SUPPORT JORDAN OIL NEEDS "
        "Ref:      None ____________ "
    ),
    "the form from its subject (ABU DHABI 2641)": (
        "Subject:  UAE TO SUPPORT JORDAN OIL NEEDS FOR THREE MORE MONTHS, PROVIDED $40 MILLION TO RABAT "
        "AFTER TERROR ATTACKS Ref:      None ____________ "
    ),
    "the form's distribution and clearances (ABU DHABI 2641)": (
        "CXABU: ACTION: POL INFO:   AMB DCM P/M ECON RSO DISSEMINATION: POL CHARGE: PROG APPROVED: AMB:MMWAHBA "
        "DRAFTED: POL:STWILLIAMS CLEARED: A/DCM:TEWILLIAMS; ECON:CMCRUMPLER VZCZCADI319 OO RUEHC RUEHAM "
        "DE RUEHAD #2641 1541250 ZNY CCCCC ZZH O 031250Z JUN 03 FM AMEMBASSY ABU DHABI TO RUEHC/SECSTATE "
        "WASHDC IMMEDIATE 0227 "
    ),
}
BODY = "S E C R E T SANAA 000473 \n\nSIPDIS \n\nE.O. 12958: DECL: 03/31/2017 \nTAGS: PREL MASS YM\n"


@pytest.mark.parametrize("joint", ["\n", "\n\n", "\n-- "])
@pytest.mark.parametrize("tail", sorted(HEADER_TAILS))
def test_a_segment_starts_where_a_mirror_header_starts(tail: str, joint: str) -> None:
    text = PREVIOUS + joint + HEADER_TAILS[tail] + BODY
    segments = split(text)
    assert len(segments) == 2
    assert text[: segments[1].start].rstrip(" -\n") == PREVIOUS.rstrip()


@pytest.mark.parametrize(
    "opening",
    [
        "TAGS: EAID ECON EFIN PGOV PREL GM\nSUBJECT:\n",  # cut in the opening: the labels stay with it
        "SUBJECT: SPAIN/CIA FLIGHTS: JUDGE ORDERS DECLASSIFICATION\nOF INFO RELATED TO FLIGHTS\n\nREF:\n\n",
        "SUBJECT: Venezuela: Italian Ambassador Briefs on Eni Oil Deals \nCLASSIFIED BY:\n\n",
    ],
)
def test_a_cable_cut_in_its_opening_keeps_its_labels(opening: str) -> None:
    first = "C O N F I D E N T I A L SECTION 01 OF 03 MADRID 000173\n\nSIPDIS\n\nE.O. 12958: DECL: 02/01/2017\n" + opening
    text = first + "RUEHRO/AMEMBASSY ROME 0057 RUEHSA/AMEMBASSY PRETORIA 0031 " + BODY
    segments = split(text)
    assert len(segments) == 2
    assert text[: segments[1].start].rstrip() == first.rstrip()
    assert segments[1].text.lstrip().startswith("RUEHRO/AMEMBASSY ROME")


def test_empty_and_non_str() -> None:
    assert [(s.start, s.end, s.text) for s in split("")] == [(0, 0, "")]
    with pytest.raises(TypeError, match="str"):
        split(None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# Generated cables
# --------------------------------------------------------------------------

STATIONS = st.sampled_from(["SEOUL", "ANKARA", "ABU DHABI", "STATE", "TEL AVIV", "KYIV", "PARIS"])
LEVELS = st.sampled_from(["C O N F I D E N T I A L", "S E C R E T", "UNCLAS", "SECRET", "CONFIDENTIAL"])
WORDS = st.sampled_from("the minister said that talks on trade would resume and the embassy will report".split())
sentence = st.lists(WORDS, min_size=3, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")


@st.composite
def cable(draw: st.DrawFn, serial: int | None = None) -> str:
    station = draw(STATIONS)
    serial = serial if serial is not None else draw(st.integers(1, 999999))
    sections = draw(st.integers(1, 3))
    paras = draw(st.lists(st.lists(sentence, min_size=2, max_size=5).map(" ".join), min_size=2, max_size=6))
    level = draw(LEVELS)
    head = f"{level} SECTION 01 OF {sections:02d} " if sections > 1 else f"{level} "
    text = f"{head}{station} {serial:06d}\n\nSIPDIS\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL, PGOV\nSUBJECT: A TEST\n\n"
    for n, para in enumerate(paras, 1):
        text += f"{n}. (C) {para}\n\n"
        if sections > 1 and n == 1:
            text += f"{station} {serial:08d} 002 OF {sections:03d}\n\n{level} SECTION 02 OF {sections:02d} {station} {serial:06d}\n\n"
    return text + draw(st.sampled_from(["VERSHBOW\n", "RICE\n", ""]))


ROUTING = st.lists(
    st.tuples(st.sampled_from(["RUEHTV", "RUEHKO", "RUEKJCS", "RHEHNSC", "RUEAIIA"]), st.sampled_from(
        ["AMEMBASSY TEL AVIV PRIORITY 0596", "SECDEF WASHINGTON DC", "NSC WASHDC PRIORITY", "CIA WASHDC"]
    )).map("/".join),
    min_size=0,
    max_size=8,
).map(lambda entries: " ".join(entries) + (" " if entries else ""))


def _cut(text: str, fraction: float) -> str:
    ends = [i + 1 for i, c in enumerate(text) if c in ".:;" and text[i + 1 : i + 2] == " "]
    ends = [e for e in ends if e > 120] or [len(text.rstrip())]
    return text[: ends[int(fraction * (len(ends) - 1))]].rstrip()


@settings(max_examples=150)
@given(cable(), cable(), ROUTING, st.sampled_from(["\n\n-- ", "\n\n", " -- ", "\n-- ", "\n"]), st.floats(0, 1))
def test_two_cables_split_back_where_the_second_begins(first, second, tail, joiner, fraction) -> None:
    head = _cut(first, fraction) + joiner
    text = head + tail + second
    if first.split("\n", 1)[0].split()[-1] == second.split("\n", 1)[0].split()[-1]:
        return  # the same serial: indistinguishable from a section of one cable
    starts = [s.start for s in split(text)]
    assert len(starts) == 2
    assert starts[1] <= len(head) and text[starts[1] : len(head)].strip(" \n-") == ""


@given(cable())
def test_a_single_cable_never_splits(text: str) -> None:
    assert len(split(text)) == 1


@given(st.text())
def test_segments_partition_the_input(text: str) -> None:
    segments = split(text)
    assert "".join(s.text for s in segments) == text
    assert segments[0].start == 0 and segments[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(segments, segments[1:]))
    assert all(text[s.start : s.end] == s.text for s in segments)
