"""Fixtures of the audit tests (helpers in audit_helpers.py)."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("distributed")
pytest.importorskip("matplotlib")

from audit_helpers import make_articles


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the parsed-glossary cache out of the user's home."""
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "glossary-cache"))


@pytest.fixture(scope="session")
def articles() -> list[dict[str, Any]]:
    return make_articles(24)
