"""Shared fixtures. Tests never touch the network or ../shared; data lives in the repo."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

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


@pytest.fixture(scope="session")
def quality_mtgrammar() -> ModuleType:
    """``bench/quality_mtgrammar.py`` as a module: the MT grammar rules' data readers and
    their professional-English precision check, shared by the grammar tests."""
    spec = importlib.util.spec_from_file_location("quality_mtgrammar", ROOT / "bench" / "quality_mtgrammar.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
