"""cablefix check / problems(): every anomaly record of the large corpus is
found, and almost no single cable is."""

from __future__ import annotations

import json

import pytest

from cablefix import cli
from cablefix.problems import problems

from .conftest import LARGE, SEED, needs_seed


def _records(name: str) -> list[dict]:
    path = LARGE / name
    if not path.exists():
        pytest.skip("no large corpus")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def test_every_anomaly_is_found_with_its_kind() -> None:
    for record in _records("anomalies.jsonl"):
        kinds = {p.kind for p in problems(record["body"], metadata={"reference_id": record["id"]})}
        expected = "embedded_row" if record["kind"] == "embedded_csv_row" else "body_mismatch"
        assert expected in kinds, (record["id"], kinds)


def test_few_single_cables_are_flagged() -> None:
    records = _records("legacy.jsonl")[:400] + _records("unicode.jsonl")[:200] + _records("plain.jsonl")[:1400]
    flagged = [r["id"] for r in records if problems(r["body"], metadata={"reference_id": r["id"]})]
    assert len(flagged) <= 0.003 * len(records), flagged  # measured: 12 of 10,947 over the whole corpus


@needs_seed
def test_the_seed_runs_on_and_check_prints_it(tmp_path, capsys) -> None:
    assert [p.kind for p in problems(SEED.read_text(encoding="utf-8"))] == ["run_on"]
    out = tmp_path / "problems.jsonl"
    assert cli.main(["check", str(SEED), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == [{"kind": "run_on", "start": 22606, "detail": "08SEOUL55 runs on from here"}]


def test_a_problem_names_its_record(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "07PARIS2725", "body": "S E C R E T SECTION 01 OF 04 MOSCOW 005154\n\nSUBJECT: X\n"}) + "\n"
        + json.dumps({"id": "08SEOUL55", "body": "S E C R E T SEOUL 000055\n\nSUBJECT: Y\n"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "problems.jsonl"
    assert cli.main(["check", str(src), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == [
        {"record": 1, "reference_id": "07PARIS2725", "kind": "body_mismatch", "start": 0, "detail": "the body is MOSCOW 5154, not PARIS 2725"}
    ]
