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


class RuleCases:
    """The checks every rule test makes on one sentence: the rule fires once on exactly the
    expected words as a warning with a message, stays quiet on professional copy, and its first
    fix gives the expected text with the expected safety."""

    @staticmethod
    def fires_once_at(code: str, text: str, span: str) -> None:
        from tqkit.api import check_text
        from tqkit.findings import Severity

        found = check_text(text, select=[code])
        assert [text[f.start : f.end] for f in found] == [span]
        assert all(f.severity == Severity.WARNING and f.message for f in found)

    @staticmethod
    def quiet(code: str, text: str) -> None:
        from tqkit.api import check_text

        assert check_text(text, select=[code]) == []

    @staticmethod
    def first_fix(code: str, text: str) -> tuple[str, bool]:
        """(the text after the only finding's first fix, whether that fix is safe)."""
        from tqkit.api import check_text
        from tqkit.findings import apply_edits

        (finding,) = check_text(text, select=[code])
        fix = finding.fixes[0]
        return apply_edits(text, fix.edits), fix.safe


@pytest.fixture(scope="session")
def rule_cases() -> RuleCases:
    return RuleCases()
