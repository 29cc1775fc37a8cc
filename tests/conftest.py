"""Shared paths for the tests."""

from __future__ import annotations

import pathlib
from typing import Iterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_0004bd97de2e5e5c.txt"
DEV = SHARED / "corpus" / "dev"
LARGE = SHARED / "corpus" / "large"


#: For a test that reads the seed file itself (the fixture below skips alike).
needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"{SEED} not found: the shared folder must sit beside the project")


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"{SEED} not found: the shared folder must sit beside the project")
    return SEED.read_text(encoding="utf-8")


def typed_sample(n: int) -> Iterator[tuple[str, str]]:
    """(the cable typed with typographic characters, the same garbled the
    legacy way) of each of the first ``n`` plain cables of the large corpus
    that ``eval/score_typed.py`` scores, as it types and garbles them."""
    import importlib
    import json
    import sys

    sys.path.insert(0, str(SHARED / "eval"))
    try:
        typed = importlib.import_module("score_typed")
    finally:
        sys.path.pop(0)
    with open(LARGE / "plain.jsonl", encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k >= n:
                break
            body = json.loads(line)["body"]
            if typed.DAMAGED.search(body) or any(c in body for c in typed.GARBLE):
                continue
            orig = typed.typed(body)
            yield orig, "".join(typed.GARBLE.get(c, c) for c in orig)


# Hypothesis profiles: the default for every run, "more" and "thorough" on demand
# (HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py).
import os  # noqa: E402

from hypothesis import settings  # noqa: E402

settings.register_profile("thorough", max_examples=20_000, deadline=None)
settings.register_profile("more", max_examples=2_000, deadline=None)
settings.register_profile("default", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
