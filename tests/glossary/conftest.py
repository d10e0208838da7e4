from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
BROKEN = FIXTURES / "broken"
SCHEMA = HERE / "schema" / "TBX-Basic_DCA.rng"
ROOT = HERE.parent.parent
SHIPPED = ROOT / "glossaries"


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the parsed-glossary cache out of the user's home."""
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "glossary-cache"))


@pytest.fixture
def run():
    from tqkit.cli import cli

    def _run(*args: str, input: str | None = None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return _run
