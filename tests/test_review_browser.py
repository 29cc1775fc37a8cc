"""The review page in a real browser: Debian's ``chromium``, headless, started
by each test.  Skipped where ``chromium`` is not installed, unless
``CABLEFIX_REQUIRE_CHROMIUM=1`` (CI sets it) turns the skip into a failure.

The page reports itself into the DOM, which ``--dump-dom`` prints:
``#status`` is ``ready`` once its script ran without an error (or the
errors), and ``#selftest=…`` in the address makes it apply decisions, render
every record and write what it counted and the decisions it would export
into ``#selftest-result``."""

from __future__ import annotations

import html
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest

from cablefix import clean
from cablefix.review import apply_decisions, record_data, render_page, review_changes, review_doubts

from .conftest import SEED
from .test_cli import run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0",
]


@pytest.fixture(scope="module")
def chromium() -> str:
    if CHROMIUM is None:
        if os.environ.get("CABLEFIX_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium is not installed and CABLEFIX_REQUIRE_CHROMIUM=1")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    return CHROMIUM


def browse(chromium: str, page: pathlib.Path, fragment: str = "", *args: str, profile: str = "") -> tuple[str, str]:
    """Open ``page`` (a file:// address) headless, in a new profile unless
    ``profile`` names one; its DOM after the scripts ran (with
    ``--dump-dom``) and the browser's log."""
    with tempfile.TemporaryDirectory(prefix="cablefix-chromium-") as fresh:
        out = subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile or fresh}", *(args or ("--dump-dom",)), page.resolve().as_uri() + fragment],
            capture_output=True, timeout=60,
        )
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")[-2000:]
    return out.stdout.decode("utf-8"), out.stderr.decode("utf-8", "replace")


def element_text(dom: str, element_id: str) -> str:
    m = re.search(rf'<pre id="{element_id}"[^>]*>(.*?)</pre>', dom, re.S)
    assert m, f"no #{element_id} in the page"
    return html.unescape(m.group(1))


def console_errors(log: str) -> list[str]:
    return [line for line in log.splitlines() if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]


class TextOfRecord(HTMLParser):
    """The text shown in ``#text``, read two ways: as the input (without the
    ``<ins>`` of each change) and as written (accepted: the ``<ins>``;
    rejected: the ``<del>``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.stack: list[tuple[str, dict]] = []
        self.edits: list[dict] = []
        self.doubts = 0
        self.tags: set[str] = set()
        self.input: list[str] = []
        self.written: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if a.get("id") == "text":
            self.depth = 1
            return
        if not self.depth:
            return
        self.depth += 1
        self.tags.add(tag)
        if "data-edit" in a:
            self.edits.append(a)
        if "data-doubt" in a:
            self.doubts += 1
        self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if self.stack and self.depth:
                self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        inside = {tag for tag, _ in self.stack}
        state = next((a.get("data-state") for _, a in reversed(self.stack) if "data-edit" in a), None)
        if "ins" not in inside:
            self.input.append(data)
        if ("ins" in inside and state == "accepted") or ("del" in inside and state == "rejected") or not inside & {"ins", "del"}:
            self.written.append(data)


def read_record(dom: str) -> TextOfRecord:
    reader = TextOfRecord()
    reader.feed(dom)
    return reader


def write_page(tmp_path: pathlib.Path, records: list[tuple[str, int, str]], title: str = "test") -> pathlib.Path:
    page = tmp_path / "review.html"
    page.write_text(render_page([record_data(f, n, t) for f, n, t in records], title, {"min_confidence": 0.8}), encoding="utf-8")
    return page


def test_the_seed_page_loads_and_shows_every_change(chromium: str, tmp_path: pathlib.Path, seed_text: str) -> None:
    page = write_page(tmp_path, [(SEED.name, 1, seed_text)])
    dom, log = browse(chromium, page, "#change=44")
    assert element_text(dom, "status") == "ready" and not console_errors(log)
    shown = read_record(dom)
    changes = review_changes(seed_text)
    assert len(shown.edits) == len(changes) > 50
    assert shown.doubts == len(review_doubts(seed_text, changes)) > 0
    assert [(int(e["data-edit"]), e["data-rule"], e["data-before"], e["data-after"]) for e in shown.edits] == [
        (c.id, c.rule, c.before, c.after) for c in changes
    ]
    assert "".join(shown.input) == seed_text  # the text itself, every character where it was
    assert "".join(shown.written) == clean(seed_text)  # all accepted at first: what clean writes
    # the change the address names is selected, its card open
    assert "selected" in re.search(r'<span[^>]*data-edit="44"[^>]*>', dom).group()
    assert "hidden" not in re.search(r'<div id="pop"[^>]*>', dom).group()
    assert f"Change 44 of {len(changes)} · plural_possessive" in html.unescape(dom)


def test_decisions_round_trip_through_the_page(chromium: str, tmp_path: pathlib.Path, seed_text: str) -> None:
    page = write_page(tmp_path, [(SEED.name, 1, seed_text)])
    dom, log = browse(chromium, page, "#selftest=reject:em_dash,reject:@34,accept:@2")
    assert element_text(dom, "status") == "ready" and not console_errors(log)
    result = json.loads(element_text(dom, "selftest-result"))
    assert result["errors"] == []
    changes = review_changes(seed_text)
    n, doubts = len(changes), len(review_doubts(seed_text, changes))
    assert result["records"] == [{"file": SEED.name, "record": 1, "changes": n, "edits": n, "doubts": doubts, "rejected": 8}]
    exported = result["decisions"]
    assert exported["format"] == "cablefix-decisions" and exported["files"] == [SEED.name]
    rejected = {d["edit"] for d in exported["decisions"] if not d["accepted"]}
    changes = review_changes(seed_text)
    assert rejected == {c.id for c in changes if c.rule == "em_dash" and c.id != 2} | {34}
    out = apply_decisions(seed_text, changes, exported["decisions"])
    assert "discussions — in both" in out and "the Plenary ) on a U.S." in out and "that some\n\nSIPDIS issues" in out
    assert out.count("—") == 1 and out == apply_decisions(seed_text, changes, exported["decisions"][::-1])
    shown = read_record(dom)  # the page shows what the decisions write
    assert "".join(shown.written) == out


HOSTILE = 'He said </script><script>document.title="pwned"</script> & <img src=x onerror="document.title=1"> the Regime,s &quot;x8 ) <!-- 😀 at the Regime,s end\r\n'


def test_a_hostile_multi_record_file_is_shown_as_text(chromium: str, tmp_path: pathlib.Path) -> None:
    texts = ["the Regime,s view ) here\n\nSIPDIS\n\nend", "nothing to change", HOSTILE]
    page = write_page(tmp_path, [("in</b>.jsonl", k + 1, t) for k, t in enumerate(texts)], title='x"><script>alert(1)</script>')
    dom, log = browse(chromium, page, "#record=3&selftest=reject:contraction")  # the page opens on record 3
    assert element_text(dom, "status") == "ready" and not console_errors(log)
    result = json.loads(element_text(dom, "selftest-result"))
    counts = [len(review_changes(t)) for t in texts]
    assert [(r["record"], r["changes"], r["edits"]) for r in result["records"]] == [(1, counts[0], counts[0]), (2, 0, 0), (3, counts[2], counts[2])]
    assert dom.count("<script") == 3 and "<img" not in dom.split('id="review-data"')[0]
    shown = read_record(dom)
    assert shown.tags <= {"span", "del", "ins"}
    assert "".join(shown.input) == HOSTILE  # record 3, as the address asked, after the self-test
    # the emoji before the last change: offsets stay Python's, the page never counts them
    out = apply_decisions(HOSTILE, review_changes(HOSTILE), [d for d in result["decisions"]["decisions"] if d["record"] == 3])
    assert out.count("Regime,s") == 2 and "x8 — <!-- 😀" in out
    assert "".join(shown.written) == out


def test_a_screenshot_of_the_seed(chromium: str, tmp_path: pathlib.Path, seed_text: str) -> None:
    page = write_page(tmp_path, [(SEED.name, 1, seed_text)])
    shot = tmp_path / "review.png"
    browse(chromium, page, "#change=9", f"--screenshot={shot}", "--window-size=1400,900")
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1400, 900)
    assert len(png) > 50_000  # the page drawn, not a blank sheet


def test_a_failing_script_is_seen(chromium: str, tmp_path: pathlib.Path) -> None:
    """The checks above can fail: a page whose script throws is reported both
    in the DOM and in the browser's log."""
    page = write_page(tmp_path, [("a.txt", 1, "the Regime,s view")])
    broken = page.read_text(encoding="utf-8").replace('"use strict";', '"use strict"; noSuchFunction();', 1)
    page.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", broken), encoding="utf-8")  # (it would block the changed script)
    dom, log = browse(chromium, page)
    assert element_text(dom, "status").startswith("error: ") and "noSuchFunction" in element_text(dom, "status")
    assert any("noSuchFunction" in line for line in console_errors(log))


def test_only_the_page_s_own_scripts_run(chromium: str, tmp_path: pathlib.Path) -> None:
    """Were a text ever to slip out as HTML, its script would not run: the
    page's Content-Security-Policy names its own scripts by hash."""
    page = write_page(tmp_path, [("a.txt", 1, "the Regime,s view")])
    html_text = page.read_text(encoding="utf-8")
    page.write_text(html_text.replace("<main>", '<main><script>document.title = "pwned";</script>', 1), encoding="utf-8")
    dom, log = browse(chromium, page)
    assert element_text(dom, "status") == "ready" and "<title>cablefix review: test</title>" in dom
    assert "Content Security Policy" in log


def test_decisions_are_kept_in_the_browser(chromium: str, tmp_path: pathlib.Path, seed_text: str) -> None:
    page = write_page(tmp_path, [(SEED.name, 1, seed_text)])
    profile = tmp_path / "profile"
    browse(chromium, page, "#selftest=reject:em_dash", profile=str(profile))
    dom, _ = browse(chromium, page, profile=str(profile))  # opened again, later
    assert dom.count('data-state="rejected"') == 8
    assert "Restored the decisions saved in this browser (8 rejected)" in note(dom)
    (tmp_path / "other").mkdir()
    other = write_page(tmp_path / "other", [(SEED.name, 1, seed_text.replace("Regime,s", "Regime,s x"))])
    dom, _ = browse(chromium, other, profile=str(profile))  # another page: nothing restored
    assert dom.count('data-state="rejected"') == 0 and note(dom) == ""


def note(dom: str) -> str:
    return html.unescape(re.search(r'<div class="note" id="note">(.*?)</div>', dom, re.S).group(1))


def test_the_controls_act_as_a_reader_uses_them(chromium: str, tmp_path: pathlib.Path, seed_text: str) -> None:
    page = write_page(tmp_path, [(SEED.name, 1, seed_text)])
    changes = review_changes(seed_text)
    unsure = {c.id for c in changes if c.confidence is not None and c.confidence <= 0.97}
    captions = {c.id for c in changes if c.rule == "remove_captions"}
    dashes = {c.id for c in changes if c.rule == "em_dash"}
    assert unsure and 4 not in unsure and 6 not in unsure and len(captions) == 4 and len(dashes) == 8
    steps = [
        # the slider at 0.97, then "Reject shown": the unsure and the captions (no score, shown)
        ("conf:0.97,button:reject-shown", unsure | captions),
        # captions muted by their checkbox: "Reject shown" leaves them
        ("button:reset,hide:remove_captions,button:reject-shown", unsure),
        # a click and the keys: r rejects the selected change, n steps to the next shown, p back, a accepts
        ("button:reset,hide:remove_captions,conf:1,click:@4,key:r,key:n,key:r,key:n,key:r,key:p,key:a", {4, 6}),
        # a rule row's ✗ and ✓
        ("button:reset,rule-reject:em_dash,rule-reject:quote_pair,rule-accept:quote_pair", dashes),
        ("button:reset", set()),
        # what Export writes, Import reads back
        ("rule-reject:contraction,reject:@44,reimport:", {c.id for c in changes if c.rule == "contraction"} | {44}),
    ]
    dom, log = browse(chromium, page, "#selftest=" + ",".join(ops + ",snap:" for ops, _ in steps))
    assert element_text(dom, "status") == "ready" and not console_errors(log)
    result = json.loads(element_text(dom, "selftest-result"))
    assert result["errors"] == []
    assert [set(snap[0]) for snap in result["snaps"]] == [want for _, want in steps]
    assert f"{len(changes)} decisions loaded" in dom


def test_export_then_clean_with_the_downloaded_file(chromium: str, tmp_path: pathlib.Path, seed_text: str) -> None:
    """The whole journey: cablefix review, decisions made in the page, the
    Export button's download, cablefix clean --decisions with that file."""
    page = tmp_path / "review.html"
    assert run("review", str(SEED), "-o", str(page)).returncode == 0
    profile, downloads = tmp_path / "profile", tmp_path / "downloads"
    (profile / "Default").mkdir(parents=True)
    downloads.mkdir()
    prefs = {"download": {"default_directory": str(downloads), "prompt_for_download": False}}
    (profile / "Default" / "Preferences").write_text(json.dumps(prefs), encoding="utf-8")
    dom, _ = browse(chromium, page, "#selftest=reject:em_dash,accept:@2,reject:remove_captions,button:export", profile=str(profile))
    assert element_text(dom, "status") == "ready"
    saved = downloads / (SEED.stem + ".decisions.json")
    assert [p.name for p in downloads.iterdir()] == [saved.name]
    out = run("clean", "--decisions", str(saved), str(SEED))
    assert out.returncode == 0, out.stderr
    changes = review_changes(seed_text)
    rejected = {c.id for c in changes if c.rule in ("em_dash", "remove_captions")} - {2}
    assert out.stdout == apply_decisions(seed_text, changes, [
        {"offset": c.start, "before": c.before, "after": c.after, "accepted": c.id not in rejected} for c in changes
    ])
    assert out.stdout.count("SIPDIS") == seed_text.count("SIPDIS") and out.stdout.count("—") == 1
