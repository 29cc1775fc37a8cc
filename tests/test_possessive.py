"""The plural-possessive model: it loads, it is what decides, it holds its
figures on a sample of the large corpus, and retraining is deterministic."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import time

import pytest

from cablefix import RepairConfig, explain, fix_transliteration
from cablefix.repair import possessive

from .conftest import ROOT, SHARED, typed_sample

LARGE = SHARED / "corpus" / "large"


def _tool(name: str):
    """The module ``tools/<name>.py``."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)


def test_the_model_file_loads_and_is_used() -> None:
    model = possessive.load_model()
    assert 0.5 < model.threshold < 1 and model.weights["next"] and model.classes
    assert possessive.load_model() is model  # read once
    text = "The Regime,s view. He welcomed the Partners, interest in discussing it."
    (edit,) = [e for e in explain(text) if e.rule == "plural_possessive"]
    assert edit.confidence >= model.threshold and edit.why
    assert fix_transliteration(text, RepairConfig(possessive_threshold=1.0)).count("\u2019") == 1


def test_loading_the_model_is_fast() -> None:
    code = (
        "import time, cablefix.repair.possessive as p; t = time.perf_counter(); p.load_model(); "
        "print(time.perf_counter() - t)"
    )
    took = min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout) for _ in range(3))
    assert took < 0.15  # about 15 ms on an idle machine; a loaded one may triple it


def test_the_model_is_small() -> None:
    assert (ROOT / "src" / "cablefix" / "data" / "possessive_model.json").stat().st_size <= 2_000_000


def test_case_is_a_feature_and_words_are_compared_lower_cased() -> None:
    feats = dict(possessive.features("THE REGIME,S VIEW. THE PARTNERS, INTEREST IN IT.", 31))
    assert feats["owner"] == "partners" and feats["next"] == "interest" and feats["case"].startswith("UUU")


def _sample_figures(n: int) -> dict:
    """score_typed.py's comparison, on the first ``n`` plain cables of the large corpus."""
    right = wrong = positives = 0
    for orig, bad in typed_sample(n):
        for e in explain(bad):
            if e.rule == "plural_possessive":
                if orig[e.start] == e.after:
                    right += 1
                else:
                    wrong += 1
        positives += sum(
            1 for i, c in enumerate(orig) if c == "\u2019" and orig[i - 1 : i] in ("s", "S") and orig[i + 1 : i + 2] in (" ", "\n")
        )
    return {"right": right, "wrong": wrong, "positives": positives}


def test_a_sample_of_the_large_corpus_holds_its_figures() -> None:
    """The first 1,500 plain cables (in the training data: in-sample figures;
    the held-out ones are in docs/accuracy.md): plural-possessive repairs at
    least 98% right (469 and 3 when written; 2 of the 3 are possessives the
    source typed with a comma, fixtures/possessive-labels.json, the third
    ``Seguros,(INS,)``), and 52% of the s-final apostrophes (469 of 886)."""
    if not LARGE.exists():
        pytest.skip("no large corpus")
    got = _sample_figures(1500)
    assert got["right"] / (got["right"] + got["wrong"]) >= 0.98, got
    assert got["right"] / got["positives"] >= 0.52, got


def test_retraining_on_a_fixed_sample_is_deterministic(tmp_path) -> None:
    pytest.importorskip("sklearn")
    if not LARGE.exists():
        pytest.skip("no large corpus")
    outs = []
    for k in range(2):
        out = tmp_path / f"model{k}.json"
        subprocess.run(
            [sys.executable, str(ROOT / "tools" / "train_possessive.py"), str(LARGE), "--limit", "150", "--out", str(out)],
            capture_output=True, text=True, check=True, timeout=300,
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    model = json.loads(outs[0])
    assert model["threshold"] and model["weights"]["next"] and "trees" in model and "stack" not in model


def test_held_out_figures_are_pooled_from_counts() -> None:
    """tools/score_held_out.py sums each fold's counts and takes the rates of
    the sums (not the mean of the folds' rates)."""
    held = _tool("score_held_out")
    fold_a = held.counts({"s_final_possessive": {"positives": 100, "recall": 0.5, "real_commas_after_s": 900, "of_them_changed": 1},
                          "all": {"positives": 1000, "recall": 0.9, "precision": 0.99, "false_changes": 9}})
    fold_b = held.counts({"s_final_possessive": {"positives": 300, "recall": 0.4, "real_commas_after_s": 2000, "of_them_changed": 3},
                          "all": {"positives": 1000, "recall": 0.8, "precision": 0.99, "false_changes": 8}})
    total = {k: fold_a[k] + fold_b[k] for k in fold_a}
    figures = held.pooled(total)
    assert figures["s_final_possessive recall"] == round((50 + 120) / 400, 4)
    assert figures["s_final_possessive commas after s changed"] == 4
    assert figures["s_final_possessive precision"] == round(170 / 174, 4)
    assert figures["all precision"] == round(1700 / 1717, 4)


def test_line_breaks_and_opening_quotes_make_candidates() -> None:
    assert possessive.is_candidate("the Partners,\ninterest", 12)
    assert possessive.is_candidate("the Partners, \n  interest", 12)
    assert possessive.is_candidate("the Partners, &interest8", 12)
    assert not possessive.is_candidate("the Partners,\n\ninterest", 12)  # a blank line ends the sentence
    assert not possessive.is_candidate("He met the ministers, last week.", 20)
    text = "The Regime,s view. He welcomed the Partners,\ninterest in discussing it."
    assert "Partners\u2019\ninterest" in fix_transliteration(text)


def test_word_classes_of_some_folds_read_only_their_cables(tmp_path) -> None:
    """The trainer counts words once per fold; the classes it makes without a
    fold know nothing of that fold's words (a fold's model must not read its
    own labels through them)."""
    pytest.importorskip("sklearn")
    train = _tool("train_possessive")
    fold_of = train.fold_of

    ids = [f"09POST{n}" for n in range(40)]
    lone = next(i for i in ids if fold_of(i, 10) == 3)
    records = [{"id": i, "body": "The ministers met the envoys. " * 5} for i in ids]
    records.append({"id": lone, "body": "The zanzibaris discussed the zanzibaris today. " * 30})
    (tmp_path / "plain.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    for name in ("legacy.jsonl", "unicode.jsonl"):
        (tmp_path / name).write_text("")
    by_fold = train.count_words(tmp_path, 10)
    assert sum(wc.n["zanzibaris"] for wc in by_fold.values()) == by_fold[3].n["zanzibaris"] == 60
    assert "zanzibaris" in train.word_classes(by_fold, 20)
    assert "zanzibaris" not in train.word_classes(by_fold, 20, frozenset({3}))
    assert "ministers" in train.word_classes(by_fold, 20, frozenset({3}))


def test_held_out_curve_pools_candidates_at_fixed_and_own_thresholds() -> None:
    held = _tool("score_held_out")
    # (label, hand-read, probability, that fold's threshold): two folds with their own thresholds
    rows_in = [(1, False, 0.99, 0.97), (0, True, 0.97, 0.97), (1, False, 0.94, 0.97),
               (1, False, 0.96, 0.93), (0, False, 0.91, 0.93), (1, False, 0.5, 0.93)]
    scored = [held.Scored("C", n, y, read, p, own, "") for n, (y, read, p, own) in enumerate(rows_in)]
    rows = {r["threshold"]: r for r in held.curve(scored)}
    assert rows[0.9] == {"threshold": 0.9, "repairs": 5, "right": 3, "precision": 0.6, "recall": 0.75, "unread": 1}
    assert rows[0.95] == {"threshold": 0.95, "repairs": 3, "right": 2, "precision": 0.6667, "recall": 0.5, "unread": 0}
    assert rows[0.98]["repairs"] == 1 and rows[0.98]["precision"] == 1.0
    assert rows["own"] == {"threshold": "own", "repairs": 3, "right": 2, "precision": 0.6667, "recall": 0.5, "unread": 0}


def test_held_out_fix_reads_the_threshold_from_the_environment(monkeypatch) -> None:
    """``score_held_out.py --threshold X`` reaches the repair the scorers
    call (through the environment, as the fold's model does)."""
    held = _tool("score_held_out")
    text = "The Regime,s view. We noted the Partners, interest in talks."
    monkeypatch.delenv(held.THRESHOLD_VARIABLE, raising=False)
    assert "Partners\u2019 interest" in held.fix(text)
    monkeypatch.setenv(held.THRESHOLD_VARIABLE, "0.9999")
    assert held.threshold() == 0.9999 and "Partners, interest" in held.fix(text)


def test_two_held_out_dumps_compare_by_recall_at_a_precision(tmp_path) -> None:
    """tools/compare_held_out.py reads the most recall at a precision from
    each dump; the same dump twice differs by nothing in every draw, and a
    trial that ranks a false repair below every possessive gains recall at
    a precision the base could not reach as far."""
    pytest.importorskip("numpy")
    cmp = _tool("compare_held_out")
    import numpy as np

    p, y = np.array([0.9, 0.8, 0.7, 0.6]), np.array([1, 0, 1, 1])
    assert cmp.recall_at(p, y, np.ones(4), 0.75) == 1.0
    assert cmp.recall_at(p, y, np.ones(4), 0.9) == pytest.approx(1 / 3)
    assert cmp.recall_at(np.array([0.9, 0.9, 0.5]), np.array([1, 0, 1]), np.ones(3), 0.9) == 0.0  # (a tie is not split)
    base = {(f"C{n}", 5): (label, prob) for n, (label, prob) in enumerate(
        [(1, 0.99), (0, 0.98), (1, 0.97), (1, 0.96), (1, 0.95), (0, 0.5)] * 20)}
    rows = {r["precision"]: r for r in cmp.compare(base, base, draws=50)}
    assert all(r["difference"] == 0 and r["90% interval"] == [0, 0] for r in rows.values())
    trial = {k: (y, 0.1 if (y, pr) == (0, 0.98) else pr) for k, (y, pr) in base.items()}
    rows = {r["precision"]: r for r in cmp.compare(base, trial, draws=50)}
    assert rows[0.99]["base recall"] < rows[0.99]["trial recall"] == 1.0
    assert rows[0.99]["90% interval"][0] > 0
    with pytest.raises(SystemExit):
        cmp.compare(base, dict(list(trial.items())[1:]), draws=5)


def test_a_held_out_fold_is_whole_folds_of_the_training() -> None:
    """``--hold-out K --of M`` with ``--folds F`` leaves out the folds of F
    whose cables are fold K of M, and refuses what would leave out none."""
    pytest.importorskip("sklearn")
    train = _tool("train_possessive")
    fold_of = train.fold_of

    held = train.held_out_folds(2, 5, 10)
    for n in range(300):
        cable = f"0{n % 10}POST{n}"
        assert (fold_of(cable, 10) in held) == (fold_of(cable, 5) == 2)
    for k, of in ((5, 5), (-1, 5), (0, 3), (0, 0)):
        with pytest.raises(ValueError):
            train.held_out_folds(k, of, 10)
