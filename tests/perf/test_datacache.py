"""Parsed YAML from the data cache equals the parser's own result; bad YAML still fails."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tqkit.datacache import yaml_data

PROFILES = sorted((Path(__file__).resolve().parents[2] / "glossaries" / "profiles").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path))


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_same_data_as_the_parser(path: Path, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    want = yaml.safe_load(text)
    assert yaml_data(text) == want  # parsed, entry written
    assert list((tmp_path / "data").glob("yaml-*.marshal"))
    assert yaml_data(text) == want  # from the entry


def test_damaged_entry_and_bad_yaml(tmp_path: Path) -> None:
    assert yaml_data("a: [1, 2]\n") == {"a": [1, 2]}
    for p in (tmp_path / "data").glob("yaml-*.marshal"):
        p.write_bytes(b"garbage")
    assert yaml_data("a: [1, 2]\n") == {"a": [1, 2]}
    with pytest.raises(yaml.YAMLError):
        yaml_data("a: [1, 2\n")


def test_dates_are_not_cached(tmp_path: Path) -> None:
    assert str(yaml_data("d: 2024-01-02\n")["d"]) == "2024-01-02"
    assert not list((tmp_path / "data").glob("yaml-*.marshal"))
