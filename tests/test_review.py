"""The review page's library side: the changes to review, decisions made on
them, the decisions file, the page's escaping, and the two commands
(``cablefix review``, ``cablefix clean --decisions``).  The page in a real
browser: test_review_browser.py."""

from __future__ import annotations

import json
import pathlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablefix import clean, clean_and_explain
from cablefix.review import (
    DECISIONS_FORMAT,
    DecisionsError,
    apply_decisions,
    read_decisions,
    record_data,
    render_page,
    resolve_decisions,
    review_changes,
    review_doubts,
)

from .conftest import FIXTURES, SEED, needs_seed
from .test_cli import run


def decide(changes, rejected=(), accepted=()):
    """Decisions for the changes with the given ids."""
    out = []
    for c in changes:
        if c.id in rejected or c.id in accepted:
            out.append({"offset": c.start, "before": c.before, "after": c.after, "accepted": c.id in accepted})
    return out


def fixture_texts() -> list[str]:
    texts = []
    for path in sorted(FIXTURES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        cases = data if isinstance(data, list) else data.get("cases", [])
        for case in cases:
            if isinstance(case, dict):
                texts.extend(v for k, v in case.items() if k in ("input", "text", "original") and isinstance(v, str))
    return texts


# ---- the changes ---------------------------------------------------------------


def test_seed_changes_are_clean_s_changes(seed_text: str) -> None:
    changes = review_changes(seed_text)
    _, raw = clean_and_explain(seed_text)
    assert len(changes) == len(raw) > 50  # on the seed no two steps touch the same characters
    assert [c.id for c in changes] == list(range(1, len(changes) + 1))
    assert all(a.end <= b.start for a, b in zip(changes, changes[1:]))
    assert all(seed_text[c.start : c.end] == c.before for c in changes)
    assert {c.rule for c in changes} == {"contraction", "quote_pair", "em_dash", "remove_captions", "plural_possessive"}


def test_accept_all_is_clean_and_reject_all_is_the_input(seed_text: str) -> None:
    changes = review_changes(seed_text)
    assert apply_decisions(seed_text, changes, []) == clean(seed_text)
    assert apply_decisions(seed_text, changes, decide(changes, accepted={c.id for c in changes})) == clean(seed_text)
    assert apply_decisions(seed_text, changes, decide(changes, rejected={c.id for c in changes})) == seed_text
    assert apply_decisions(seed_text, changes, [], default="reject") == seed_text


def test_a_mixed_set_on_the_seed_checked_by_hand(seed_text: str) -> None:
    changes = review_changes(seed_text)

    def at(context: str, before: str) -> int:  # the id of the change on ``before`` in ``context``
        where = seed_text.index(context) + context.index(before)
        (found,) = [c.id for c in changes if c.start == where]
        return found

    # the four rejected, as read in the seed
    dash = at("discussions ) in both", ")")
    caption = at("that some\n\nSIPDIS issues", "\n\nSIPDIS ")
    possessive = at("the Partners, interest in", ",")
    contraction = at("Australia,s offer", ",")
    by_id = {c.id: c for c in changes}
    assert (by_id[dash].rule, by_id[possessive].rule, by_id[contraction].rule) == ("em_dash", "plural_possessive", "contraction")
    accepted = {at("the Plenary ) on", ")"), at("the Regime,s control", ",")}
    out = apply_decisions(seed_text, changes, decide(changes, rejected={dash, caption, possessive, contraction}, accepted=accepted))
    expected = clean(seed_text)
    for made, kept in [
        ("discussions — in both", "discussions ) in both"),
        ("that some issues are", "that some\n\nSIPDIS issues are"),
        ("the Partners’ interest in", "the Partners, interest in"),
        ("Australia’s offer", "Australia,s offer"),
    ]:
        assert expected.count(made) == 1
        expected = expected.replace(made, kept)
    assert out == expected
    assert "the Plenary — on a U.S." in out and "the Regime’s control criteria" in out  # accepted


def test_steps_on_the_same_characters_are_one_change() -> None:
    text = "the Regime,s &Watch List8 view"
    changes = review_changes(text, quotes="ascii")
    assert [(c.before, c.after, c.rule, c.steps) for c in changes] == [
        (",", "'", "contraction", ("fix_transliteration", "ascii_quotes")),
        ("&", '"', "quote_pair", ("fix_transliteration", "ascii_quotes")),
        ("8", '"', "quote_pair", ("fix_transliteration", "ascii_quotes")),
    ]
    assert apply_decisions(text, changes, decide(changes, rejected={1}), default="accept") == 'the Regime,s "Watch List" view'


def test_changes_after_a_removed_caption_keep_their_offsets() -> None:
    text = "the mission says that some\n\nSIPDIS issues are the Regime,s own. \n"
    changes = review_changes(text)
    assert [(c.before, c.after) for c in changes] == [("\n\nSIPDIS ", " "), (",", "’"), (" ", "")]
    assert all(text[c.start : c.end] == c.before for c in changes)
    assert apply_decisions(text, changes, decide(changes, rejected={1})) == "the mission says that some\n\nSIPDIS issues are the Regime’s own.\n"


def test_doubts_are_the_candidates_left_alone(seed_text: str) -> None:
    changes = review_changes(seed_text)
    doubts = review_doubts(seed_text, changes)
    starts = [d.start for d in doubts]
    assert starts == sorted(starts) and all((d.rule, d.applied) == ("plural_possessive", False) for d in doubts)
    # a real comma the model weighs and leaves (``any items, materials, goods``), among them
    assert seed_text.index("materials, goods") + 9 in starts
    assert not any(c.start < d.end and d.start < c.end for c in changes for d in doubts)


#: Pieces of damaged cable text: legacy characters, captions, mojibake, an eaten quote.
legacy_text = st.lists(st.sampled_from(list("ab Ab.,&8)’\n\t“”—") + ["SIPDIS", "Regime,s", "\n\n", "â€™", "¬ "]), max_size=60).map("".join)


@given(legacy_text, st.sampled_from(["unicode", "ascii"]), st.data())
def test_every_subset_is_a_choice_between_input_and_clean(text: str, quotes: str, data: st.DataObject) -> None:
    changes = review_changes(text, quotes=quotes)
    assert apply_decisions(text, changes, []) == clean(text, quotes=quotes)
    assert apply_decisions(text, changes, [], default="reject") == text
    rejected = data.draw(st.sets(st.sampled_from([c.id for c in changes]))) if changes else set()
    out = apply_decisions(text, changes, decide(changes, rejected=rejected))
    # each change is made or left, nothing else: splice the kept ones by hand
    pieces, pos = [], 0
    for c in changes:
        pieces.append(text[pos : c.start])
        pieces.append(c.before if c.id in rejected else c.after)
        pos = c.end
    assert out == "".join(pieces) + text[pos:]


def test_accept_all_is_clean_on_every_fixture() -> None:
    texts = fixture_texts()
    assert len(texts) > 50
    for text in texts:
        for quotes in ("unicode", "ascii"):
            changes = review_changes(text, quotes=quotes)
            assert apply_decisions(text, changes, []) == clean(text, quotes=quotes)
            assert apply_decisions(text, changes, [], default="reject") == text
        assert rebuild(record_data("f", 1, text)) == text


def rebuild(record: dict) -> str:
    """A record's text, read back from the pieces the page draws it from."""
    return "".join(
        p if isinstance(p, str) else (record["changes"][p["c"]]["before"] if "c" in p else record["doubts"][p["d"]]["before"]) for p in record["pieces"]
    )


# ---- decisions that do not fit -----------------------------------------------------


def test_a_decision_on_other_text_is_refused(seed_text: str) -> None:
    changes = review_changes(seed_text)
    c = changes[1]
    with pytest.raises(DecisionsError, match=r"at offset 2316 the text has ' ', the decision says '\)'"):
        apply_decisions(seed_text, changes, [{"offset": c.start + 1, "before": c.before, "after": c.after, "accepted": False}])
    with pytest.raises(DecisionsError, match="not the text that was reviewed"):
        apply_decisions(seed_text.replace(")", "]"), review_changes(seed_text.replace(")", "]")), [{"offset": c.start, "before": ")", "after": "—", "accepted": False}])
    with pytest.raises(DecisionsError, match=r"clean writes '—' there\): were the decisions made with other options"):
        apply_decisions(seed_text, changes, [{"offset": c.start, "before": ")", "after": "--", "accepted": False}])
    with pytest.raises(DecisionsError, match="both accepted and rejected"):
        apply_decisions(seed_text, changes, [{"offset": c.start, "before": ")", "after": "—", "accepted": a} for a in (True, False)])
    with pytest.raises(DecisionsError, match="needs offset, before, after and accepted"):
        apply_decisions(seed_text, changes, [{"offset": c.start, "before": ")"}])
    with pytest.raises(DecisionsError, match="accepted true or false"):
        apply_decisions(seed_text, changes, [{"offset": c.start, "before": ")", "after": "—", "accepted": "no"}])
    with pytest.raises(ValueError, match="default must be one of"):
        apply_decisions(seed_text, changes, [], default="maybe")
    with pytest.raises(TypeError):
        apply_decisions(b"bytes", [], [])  # type: ignore[arg-type]


def test_resolve_names_each_change_by_its_id() -> None:
    text = "the Regime,s view ) here"
    changes = review_changes(text)
    assert resolve_decisions(text, changes, decide(changes, rejected={2}, accepted={1})) == {1: True, 2: False}


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "not a JSON file"),
        ("[]", "not a cablefix decisions file"),
        ('{"format": "cablefix-decisions", "version": 9, "decisions": []}', "version 9"),
        ('{"format": "cablefix-decisions", "version": 1, "decisions": {}}', "must be a list"),
        ('{"format": "cablefix-decisions", "version": 1, "decisions": [{"offset": 1}]}', 'decision 1 needs "file"'),
        ('{"format": "cablefix-decisions", "version": 1, "decisions": [{"file": "a", "record": 1, "offset": -1, "before": "", "after": "", "accepted": true}]}', "whole number"),
    ],
)
def test_a_malformed_decisions_file_is_named(tmp_path: pathlib.Path, content: str, message: str) -> None:
    path = tmp_path / "d.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DecisionsError, match=message):
        read_decisions(str(path))


# ---- the page ---------------------------------------------------------------------

HOSTILE = 'He said </script><script>alert(1)</script> & <img src=x onerror="alert(2)"> the Regime,s &quot;x8 ) <!-- 😀 \u2028 {{DATA}} done'


def test_the_page_cannot_be_broken_out_of() -> None:
    page = render_page([record_data("x</title><b>.txt", 1, HOSTILE)], 'x</title><script>alert(3)</script>"', {})
    assert page.count("</script>") == 3 and page.count("<script") == 3  # the page's own three
    assert "<img" not in page and "alert(3)" not in page.split("</title>")[0].replace("&lt;script&gt;alert(3)", "")
    assert "<title>cablefix review: x&lt;/title&gt;&lt;script&gt;" in page
    blob = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S).group(1)
    assert not set("<>&") & set(blob) and blob.isascii()
    data = json.loads(blob)
    assert rebuild(data["records"][0]) == HOSTILE


def test_pieces_cut_the_text_at_each_change_and_doubt(seed_text: str) -> None:
    record = record_data("seed.txt", 1, seed_text)
    marks = [p for p in record["pieces"] if not isinstance(p, str)]
    changes = review_changes(seed_text)
    assert [p["c"] for p in marks if "c" in p] == list(range(len(changes)))
    assert [p["d"] for p in marks if "d" in p] == list(range(len(review_doubts(seed_text, changes))))
    assert [c["offset"] for c in record["changes"]][:3] == [782, 2315, 2377]


# ---- the commands -----------------------------------------------------------------


def review_page(tmp_path: pathlib.Path, *files: str, args: tuple[str, ...] = ()) -> dict:
    page = tmp_path / "review.html"
    out = run("review", *files, "-o", str(page), *args)
    assert out.returncode == 0, out.stderr
    blob = re.search(r'id="review-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S).group(1)
    return json.loads(blob)


def decisions_file(tmp_path: pathlib.Path, data: dict, reject: set[int]) -> pathlib.Path:
    """What the page exports, with the changes ``reject`` names rejected."""
    decisions = [
        {"file": r["file"], "record": r["record"], "edit": c["id"], "offset": c["offset"], "before": c["before"], "after": c["after"],
         "rule": c["rule"], "confidence": c["confidence"], "accepted": c["id"] not in reject}
        for r in data["records"] for c in r["changes"]
    ]
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps({"format": DECISIONS_FORMAT, "version": 1, "options": data["options"], "files": data["files"], "decisions": decisions}), encoding="utf-8")
    return path


def test_review_then_clean_with_the_decisions(tmp_path: pathlib.Path, seed_text: str) -> None:
    data = review_page(tmp_path, str(SEED))
    assert data["files"] == [str(SEED)] and len(data["records"]) == 1 and len(data["records"][0]["changes"]) == len(review_changes(seed_text))
    path = decisions_file(tmp_path, data, reject={2, 34, 44, 53})
    out = run("clean", "--decisions", str(path), str(SEED))
    assert out.returncode == 0, out.stderr
    changes = review_changes(seed_text)
    assert out.stdout == apply_decisions(seed_text, changes, decide(changes, rejected={2, 34, 44, 53}))
    assert "discussions ) in both" in out.stdout and "the Regime’s control" in out.stdout


def test_clean_refuses_decisions_that_do_not_match(tmp_path: pathlib.Path, seed_text: str) -> None:
    data = review_page(tmp_path, str(SEED))
    data["records"][0]["changes"][1]["offset"] += 3
    path = decisions_file(tmp_path, data, reject=set())
    result = tmp_path / "out.txt"
    out = run("clean", "--decisions", str(path), str(SEED), "-o", str(result))
    assert out.returncode == 2 and "at offset 2318 the text has" in out.stderr and "not the text that was reviewed" in out.stderr
    assert not result.exists() or result.read_text() == ""
    other = tmp_path / "other.txt"
    other.write_text(seed_text, encoding="utf-8")
    out = run("clean", "--decisions", str(path), str(other))
    assert out.returncode == 2 and "holds no decisions for" in out.stderr
    out = run("clean", "--decisions", str(path), "--min-confidence", "0.9", str(SEED))
    assert out.returncode == 2 and "min_confidence=0.8" in out.stderr and "--min-confidence" in out.stderr
    out = run("clean", "--decisions", str(tmp_path / "nope.json"), str(SEED))
    assert out.returncode == 2 and "nope.json" in out.stderr
    out = run("clean", "--decisions", str(path), stdin=seed_text)
    assert out.returncode == 2 and "standard input" in out.stderr and out.stdout == ""


@needs_seed
def test_decisions_record_the_possessive_threshold(tmp_path: pathlib.Path) -> None:
    """A review made with ``--possessive-threshold`` shows fewer possessive
    changes, records the setting, and ``clean --decisions`` asks for it."""
    default = review_page(tmp_path, str(SEED))
    strict = review_page(tmp_path, str(SEED), args=("--possessive-threshold", "0.9999"))
    assert strict["options"]["possessive_threshold"] == 0.9999 and default["options"]["possessive_threshold"] is None

    def possessives(data: dict) -> int:
        return sum(c["rule"] == "plural_possessive" for r in data["records"] for c in r["changes"])

    assert possessives(strict) < possessives(default)
    path = decisions_file(tmp_path, strict, reject=set())
    out = run("clean", "--decisions", str(path), str(SEED))
    assert out.returncode == 2 and "--possessive-threshold" in out.stderr
    out = run("clean", "--decisions", str(path), "--possessive-threshold", "0.9999", str(SEED))
    assert out.returncode == 0, out.stderr
    assert out.stdout == run("clean", "--possessive-threshold", "0.9999", str(SEED)).stdout
    # a file from before the setting was recorded was reviewed at the model's own
    old = decisions_file(tmp_path, default, reject=set())
    data = json.loads(old.read_text(encoding="utf-8"))
    del data["options"]["possessive_threshold"]
    old.write_text(json.dumps(data), encoding="utf-8")
    out = run("clean", "--decisions", str(old), "--possessive-threshold", "0.92", str(SEED))
    assert out.returncode == 2 and "possessive_threshold=None" in out.stderr and "--possessive-threshold" in out.stderr
    out = run("clean", "--decisions", str(old), str(SEED))
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("flag,value", [("--min-confidence", "5"), ("--possessive-threshold", "2"), ("--possessive-threshold", "nan")])
def test_review_refuses_a_setting_outside_0_to_1(tmp_path: pathlib.Path, flag: str, value: str) -> None:
    page = tmp_path / "review.html"
    out = run("review", str(SEED), "-o", str(page), flag, value)
    assert out.returncode == 2 and flag in out.stderr and "Traceback" not in out.stderr
    assert not page.exists()


def test_clean_in_place_with_decisions(tmp_path: pathlib.Path, seed_text: str) -> None:
    copy = tmp_path / SEED.name
    copy.write_text(seed_text, encoding="utf-8")
    data = review_page(tmp_path, str(copy))
    path = decisions_file(tmp_path, data, reject={c.id for c in review_changes(seed_text) if c.rule == "quote_pair"})
    out = run("clean", "--decisions", str(path), "--in-place", str(copy))
    assert out.returncode == 0, out.stderr
    written = copy.read_text(encoding="utf-8")
    assert "&Watch List8" in written and "the Regime’s control" in written and "SIPDIS" in seed_text.split("PARIS FOR")[0]
    assert "SIPDIS\n\nPARIS FOR" not in written


def test_the_default_for_changes_not_listed(tmp_path: pathlib.Path, seed_text: str) -> None:
    data = review_page(tmp_path, str(SEED))
    data["records"][0]["changes"] = [c for c in data["records"][0]["changes"] if c["rule"] == "em_dash"]
    path = decisions_file(tmp_path, data, reject=set())  # the 8 dashes accepted, the others not listed
    accept = run("clean", "--decisions", str(path), str(SEED))
    reject = run("clean", "--decisions", str(path), "--decisions-default", "reject", str(SEED))
    assert accept.returncode == reject.returncode == 0
    assert accept.stdout == clean(seed_text)
    changes = review_changes(seed_text)
    assert reject.stdout == apply_decisions(seed_text, changes, decide(changes, accepted={c.id for c in changes if c.rule == "em_dash"}), default="reject")
    assert reject.stdout.count("—") == 8 and "Regime,s" in reject.stdout


def test_review_and_clean_a_jsonl_file(tmp_path: pathlib.Path) -> None:
    texts = ["the Regime,s view ) here", "nothing to do", HOSTILE, "Russia,s &offer8"]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": k, "body": t}) + "\n" for k, t in enumerate(texts)), encoding="utf-8")
    data = review_page(tmp_path, str(src))
    assert [r["record"] for r in data["records"]] == [1, 2, 3, 4]
    assert [len(r["changes"]) for r in data["records"]] == [len(review_changes(t)) for t in texts]
    reject = {1}  # the first change of every record
    path = decisions_file(tmp_path, data, reject=reject)
    out = run("clean", "--decisions", str(path), "--jobs", "2", str(src))
    assert out.returncode == 0, out.stderr
    got = [json.loads(line)["body"] for line in out.stdout.split("\n") if line]  # (not splitlines: U+2028 is in a text)
    assert got == [apply_decisions(t, review_changes(t), decide(review_changes(t), rejected=reject)) for t in texts]
    assert got[0] == "the Regime,s view — here" and got[3] == "Russia,s “offer”"


def test_review_usage_errors(tmp_path: pathlib.Path) -> None:
    out = run("review", str(SEED))
    assert out.returncode == 2 and "-o" in out.stderr
    out = run("review", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "r.html"))
    assert out.returncode == 2 and "nope.txt" in out.stderr and not (tmp_path / "r.html").exists()
    copy = tmp_path / "c.txt"
    copy.write_text("a Regime,s", encoding="utf-8")
    out = run("review", str(copy), "-o", str(copy))
    assert out.returncode == 2 and "is an input file" in out.stderr and copy.read_text() == "a Regime,s"
    assert "review" in run("--help").stdout


def test_review_a_cables_csv_names_each_record(tmp_path: pathlib.Path) -> None:
    src = FIXTURES / "cli" / "cables.csv"
    data = review_page(tmp_path, str(src))
    assert [r["label"] for r in data["records"]][:2] == ["08STATE2034", "08SEOUL55"] and data["note"] == ""
    few = review_page(tmp_path, str(src), args=("--max-records", "1"))
    assert len(few["records"]) == 1 and "--max-records" in few["note"]
    path = decisions_file(tmp_path, few, reject={c["id"] for c in few["records"][0]["changes"]})
    out = run("clean", "--decisions", str(path), str(src))
    assert out.returncode == 0, out.stderr
    cleaned = run("clean", str(src)).stdout
    rows = src.read_text(encoding="utf-8")
    # record 1 left as it was, the others (not on the page) cleaned as usual
    assert out.stdout.split('"\n"')[1:] == cleaned.split('"\n"')[1:] and out.stdout != cleaned
    assert "SIPDIS" in out.stdout.split('"\n"')[0] and rows.count("SIPDIS") > out.stdout.count("SIPDIS")


def test_review_refuses_standard_input(tmp_path: pathlib.Path) -> None:
    out = run("review", "-", "-o", str(tmp_path / "r.html"), stdin="a Regime,s")
    assert out.returncode == 2 and "standard input" in out.stderr and not (tmp_path / "r.html").exists()
