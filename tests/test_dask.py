"""The pure functions run unchanged on Dask (the ``cablefix[dask]`` extra),
on Dask's local schedulers."""

from __future__ import annotations

import json

import pytest

import cablefix

from .conftest import DEV

bag = pytest.importorskip("dask.bag")


def _bodies(limit: int = 60) -> list[str]:
    if not DEV.exists():
        pytest.skip("no dev corpus")
    lines = (DEV / "legacy.jsonl").read_text(encoding="utf-8").splitlines()[:limit]
    return [json.loads(line)["body"] for line in lines]


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_clean_on_a_dask_bag(scheduler: str) -> None:
    bodies = _bodies()
    result = bag.from_sequence(bodies, npartitions=4).map(cablefix.clean).compute(scheduler=scheduler)
    assert result == [cablefix.clean(b) for b in bodies]


def test_split_and_parse_on_a_dask_bag() -> None:
    bodies = _bodies(20)
    segments = bag.from_sequence(bodies, npartitions=2).map(cablefix.split).flatten()
    ids = segments.map(lambda s: s.cable.station).compute(scheduler="processes")
    assert ids == [s.cable.station for b in bodies for s in cablefix.split(b)]
