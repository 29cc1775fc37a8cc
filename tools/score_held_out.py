#!/usr/bin/env python3
"""The shared scorers on cables the possessive model never saw.

The shipped model is trained on all of ``corpus/large``, so the scorers' large
figures are in-sample for the plural possessives.  This tool gives the honest
ones: for each of the five folds (a stable hash of the cable id, as in
training), ``tools/train_possessive.py --hold-out K`` trains a model without
that fold's cables (word classes, weights, calibration and threshold alike),
and ``score_typed.py`` and ``score_transliteration.py`` score the fold's
cables with it, and with the words ``tools/inner_words.py --hold-out K``
learned from the other folds' cables.  The counts are summed over the folds.  For the typed cables
it also counts the changed commas after an ``s`` that the hand-read labels
(``fixtures/possessive-labels.json``) call possessives the source typed with
a comma (``The hostages, fate``): the scorer counts them wrong, and the
precision with them counted right is given beside it (a lower bound: only
the labelled ones count).

With ``--curve`` it also pools the model's candidates of every fold (the
examples ``tools/possessive_examples.py`` extracts, hand-read labels
applied), each scored by the model that never saw it, and gives precision
and recall at fixed thresholds and at each fold's own: the held-out
precision/recall curve of the training procedure, with how many of the
false repairs no reader has seen (``unread``), and the same for the typed and the gold cables apart
(``candidates by source``).  ``--curve-only`` skips the
scorers; ``--dump FILE`` also writes every held-out candidate, highest
probability first, to read the errors.  ``--threshold X`` scores the repair
at one possessive threshold (``RepairConfig.possessive_threshold``) in every
fold instead of each model's own.

Usage: python tools/score_held_out.py ../shared/corpus/large [--folds 5] [--json] [--curve] [--curve-only]
       [--dump FILE] [--threshold X]
(about two minutes a fold).
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
from typing import NamedTuple

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from possessive_examples import around, eval_module, examples, fold_of, hand_read, read_labels, typed_cables  # noqa: E402

from cablefix import fix_transliteration  # noqa: E402
from cablefix.repair import apostrophes, possessive  # noqa: E402

TOOLS = pathlib.Path(__file__).resolve().parent
MODEL_VARIABLE = "CABLEFIX_HELD_OUT_MODEL"
SPELLINGS_VARIABLE = "CABLEFIX_HELD_OUT_SPELLINGS"
#: A possessive threshold for every fold instead of each model's own (``--threshold``).
THRESHOLD_VARIABLE = "CABLEFIX_HELD_OUT_THRESHOLD"


def threshold() -> float | None:
    """The ``--threshold`` the scorers were given, or ``None``: each model's own."""
    value = os.environ.get(THRESHOLD_VARIABLE)
    return float(value) if value else None


def fix(text: str) -> str:
    """``fix_transliteration`` with the model named by the environment (the
    scorers' ``--fix`` hook)."""
    return fix_transliteration(text, possessive_threshold=threshold())


if os.environ.get(MODEL_VARIABLE):  # (imported by a scorer: decide with the held-out model and spellings)
    possessive.use_model(os.environ[MODEL_VARIABLE])
    if os.environ.get(SPELLINGS_VARIABLE):
        apostrophes.use_spellings(os.environ[SPELLINGS_VARIABLE])


def fold_corpus(corpus: pathlib.Path, k: int, folds: int, out: pathlib.Path) -> None:
    """The cables of fold ``k`` of each file of ``corpus``, in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for name in ("plain.jsonl", "legacy.jsonl", "unicode.jsonl"):
        with open(corpus / name, encoding="utf-8") as f, open(out / name, "w", encoding="utf-8") as g:
            for line in f:
                if fold_of(json.loads(line)["id"], folds) == k:
                    g.write(line)


def spellings_of(model: pathlib.Path) -> pathlib.Path:
    """The held-out spellings beside the held-out ``model``."""
    return model.with_name(model.stem + "-spellings.json")


def score(script: str, corpus: pathlib.Path, model: pathlib.Path) -> dict:
    env = dict(os.environ, **{MODEL_VARIABLE: str(model), SPELLINGS_VARIABLE: str(spellings_of(model))})
    env["PYTHONPATH"] = str(TOOLS) + os.pathsep + env.get("PYTHONPATH", "")
    shared_eval = corpus.resolve().parent.parent / "eval"
    out = subprocess.run(
        [sys.executable, str(shared_eval / script), str(corpus), "--json", "--fix", "score_held_out:fix"],
        env=env, capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def source_typed(corpus: pathlib.Path, model: pathlib.Path) -> int:
    """How many of the commas after an ``s`` the repair changes in the typed
    cables of ``corpus`` (as ``score_typed.py`` reads them) are possessives
    the source itself typed with a comma, by the hand-read labels
    (``fixtures/possessive-labels.json``): the scorer counts them wrong."""
    typed_mod = eval_module(corpus.resolve().parent.parent / "eval", "score_typed")
    labels = read_labels()
    possessive.use_model(str(model))
    apostrophes.use_spellings(str(spellings_of(model)))
    found = 0
    try:
        for cable_id, orig, bad in typed_cables(corpus, typed_mod):
            out = fix_transliteration(bad, possessive_threshold=threshold())
            for i, (o, b, r) in enumerate(zip(orig, bad, out)):
                if b == "," == o and r != b and bad[i - 1 : i] in ("s", "S"):
                    found += hand_read(labels, cable_id, bad, i) == 1
    finally:
        possessive.use_model(None)
        apostrophes.use_spellings(None)
    return found


#: The thresholds at which ``--curve`` pools the held-out candidates.
CURVE = (0.7, 0.75, 0.8, 0.88, 0.9, 0.92, 0.93, 0.95, 0.96, 0.98)


class Scored(NamedTuple):
    """One held-out candidate: its cable and comma, its label, whether the
    label was hand-read (``fixtures/possessive-labels.json``), the
    probability the model that never saw it gives, that model's threshold,
    the text around the comma, and whether the cable is a gold one
    (``unicode.jsonl``) rather than a typed plain one."""

    id: str
    offset: int
    label: int
    read: bool
    probability: float
    threshold: float
    text: str
    gold: bool = False


def candidate_scores(corpus: pathlib.Path, model: pathlib.Path, fixed: float | None = None) -> list[Scored]:
    """Every candidate of the examples of ``corpus``
    (``tools/possessive_examples.py``: the typed and gold cables, the
    hand-read labels applied), scored by ``model`` as the repair reads it
    (0 where it is not asked: a text whose apostrophes are intact); its
    threshold is ``fixed``, or the model's own."""
    read = read_labels(unsure=True)
    threshold = json.loads(model.read_text(encoding="utf-8"))["threshold"] if fixed is None else fixed
    with open(corpus / "unicode.jsonl", encoding="utf-8") as f:
        gold = {json.loads(line)["id"] for line in f}
    possessive.use_model(str(model))
    try:
        return [Scored(cable.id, i, y, hand_read(read, cable.id, cable.text, i) is not None,
                       0.0 if (d := possessive.decide(cable.text, i)) is None else d.confidence, threshold,
                       around(cable.text, i), cable.id in gold)
                for cable in examples(corpus) for i, y in cable.candidates]
    finally:
        possessive.use_model(None)


def curve(scored: list[Scored]) -> list[dict]:
    """Repairs, precision and recall of the pooled held-out candidates at
    each of :data:`CURVE` and at each fold's own threshold (``"own"``: the
    ``--threshold`` given, if one was), and
    how many of the wrong repairs no one has hand-read (``unread``: the
    rest are real commas by a reader, not by the source's typing alone)."""
    positives = sum(c.label for c in scored)
    rows = []
    for t in CURVE + ("own",):
        chosen = [c for c in scored if c.probability >= (c.threshold if t == "own" else t)]
        right = sum(c.label for c in chosen)
        rows.append({"threshold": t, "repairs": len(chosen), "right": right,
                     "precision": round(right / len(chosen), 4) if chosen else 1.0,
                     "recall": round(right / positives, 4) if positives else 1.0,
                     "unread": sum(not c.label and not c.read for c in chosen)})
    return rows


def counts(result: dict) -> dict[str, int]:
    """The counts behind a scorer's rates (``tp`` from recall × positives)."""
    c: dict[str, int] = {}
    for key, v in result.items():
        if isinstance(v, dict) and "positives" in v:
            c[key + ".positives"] = v["positives"]
            c[key + ".tp"] = round(v["recall"] * v["positives"])
            for extra in ("false_changes", "real_commas_after_s", "of_them_changed"):
                if extra in v:
                    c[key + "." + extra] = v[extra]
        elif key == "legacy_obvious_artifacts":
            c["artifacts.before"], c["artifacts.after"] = v["before"], v["after"]
    return c


def pooled(c: dict[str, int]) -> dict[str, float]:
    """Rates from summed counts."""
    out: dict[str, float] = {}
    for key in sorted(k[: -len(".positives")] for k in c if k.endswith(".positives")):
        pos, tp = c[key + ".positives"], c[key + ".tp"]
        out[key + " recall"] = round(tp / pos, 4) if pos else 1.0
        if key + ".false_changes" in c:
            fp = c[key + ".false_changes"]
            out[key + " precision"] = round(tp / (tp + fp), 4) if tp + fp else 1.0
        if key + ".of_them_changed" in c:
            changed = c[key + ".of_them_changed"]
            out[key + " commas after s changed"] = changed
            out[key + " of real commas after s"] = c[key + ".real_commas_after_s"]
            out[key + " precision"] = round(tp / (tp + changed), 4) if tp + changed else 1.0
            if "source_typed" in c:  # (the hand-read possessives the source typed with a comma, counted right)
                out[key + " of them hand-read possessives"] = c["source_typed"]
                out[key + " precision by the hand-read labels"] = (
                    round((tp + c["source_typed"]) / (tp + changed), 4) if tp + changed else 1.0)
    for key in ("artifacts.before", "artifacts.after"):
        if key in c:
            out[key] = c[key]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--curve", action="store_true",
                        help="also the model's candidates, pooled over the folds: precision and recall by threshold")
    parser.add_argument("--dump", type=pathlib.Path, default=None, metavar="FILE",
                        help="(implies --curve) every held-out candidate as a JSON line (id, offset, label, read, "
                             "probability, threshold, text, gold), to read the errors")
    parser.add_argument("--curve-only", action="store_true", help="the curve without the scorers (faster)")
    parser.add_argument("--threshold", type=float, default=None, metavar="X",
                        help="score the repair at this possessive threshold (RepairConfig.possessive_threshold), "
                             "not each fold model's own")
    args = parser.parse_args()
    if args.threshold is not None:
        os.environ[THRESHOLD_VARIABLE] = str(args.threshold)  # (the scorers' processes read it too)
    args.curve = args.curve or args.curve_only or args.dump is not None
    total: dict[str, dict[str, int]] = {"typed": {}, "transliteration": {}}
    scored: list[Scored] = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.folds):
            model = pathlib.Path(tmp) / f"model-{k}.json"
            subprocess.run([sys.executable, str(TOOLS / "train_possessive.py"), str(args.corpus), "--hold-out", str(k),
                            "--folds", str(args.folds), "--of", str(args.folds), "--out", str(model)], check=True, capture_output=True)
            subprocess.run([sys.executable, str(TOOLS / "inner_words.py"), str(args.corpus), "--hold-out", str(k),
                            "--folds", str(args.folds), "--out", str(spellings_of(model))], check=True, capture_output=True)
            held = pathlib.Path(tmp) / f"fold-{k}" / "corpus" / "large"
            fold_corpus(args.corpus, k, args.folds, held)
            (held.parent.parent / "eval").symlink_to(args.corpus.resolve().parent.parent / "eval")
            if args.curve:
                scored += candidate_scores(held, model, args.threshold)
            if args.curve_only:
                continue
            for name, script in (("typed", "score_typed.py"), ("transliteration", "score_transliteration.py")):
                c = counts(score(script, held, model))
                if name == "typed":
                    c["source_typed"] = source_typed(held, model)
                for key, v in c.items():
                    total[name][key] = total[name].get(key, 0) + v
                print(f"fold {k} {name}: {json.dumps(pooled(c))}", file=sys.stderr)
    result: dict = {name: pooled(c) for name, c in total.items() if c}
    if args.curve:
        result["candidates"] = curve(scored)
        result["candidates by source"] = {name: curve([c for c in scored if c.gold == is_gold])
                                          for name, is_gold in (("typed", False), ("gold", True))}
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for c in sorted(scored, key=lambda c: -c.probability):
                f.write(json.dumps(c._asdict(), ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps(result))
    else:
        for name, figures in result.items():
            print(f"{name}: {json.dumps(figures)}")


if __name__ == "__main__":
    main()
