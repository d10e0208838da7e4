"""Shared fixtures. Tests never touch the network or ../shared; data lives in the repo."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings as _hypothesis_settings

# Timings belong in benchmarks: on a loaded 2-core CI machine a property example may take longer
# than hypothesis's default 200 ms deadline without anything being wrong.
_hypothesis_settings.register_profile("tqkit", deadline=None)
_hypothesis_settings.load_profile("tqkit")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "silent-front.en.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED
