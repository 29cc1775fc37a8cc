"""Shared paths for the tests."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_0004bd97de2e5e5c.txt"
DEV = SHARED / "corpus" / "dev"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"{SEED} not found: the shared folder must sit beside the project")
    return SEED.read_text(encoding="utf-8")
