"""Shared fixtures of the review-app tests: a copy of the seed article and a fixed checker
(snapshots must not change when the real rules change)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tui_helpers import fixed_checker

from tqkit.document import Document
from tqkit.findings import Finding

DATA = Path(__file__).parent / "data"
SEED = DATA / "silent-front.en.txt"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    dest = tmp_path / SEED.name
    shutil.copyfile(SEED, dest)
    return dest


@pytest.fixture
def short_pair(tmp_path: Path) -> tuple[Path, Path]:
    tgt = tmp_path / "short.en.txt"
    src = tmp_path / "short.bg.txt"
    shutil.copyfile(DATA / "short.en.txt", tgt)
    shutil.copyfile(DATA / "short.bg.txt", src)
    return tgt, src


@pytest.fixture
def checker() -> Callable[[Document, Document | None], list[Finding]]:
    return fixed_checker
