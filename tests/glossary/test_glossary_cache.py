"""The glossary cache is data only, versioned, validated and bounded (issue 10, item 11)."""

from __future__ import annotations

import shutil
from pathlib import Path

import msgpack
import pytest

from tqkit.glossary import cache as gload
from tqkit.glossary import load as gparse
from tqkit.glossary.cache import load_cached
from tqkit.glossary.load import load_file

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(cache))
    monkeypatch.setattr(gload, "CACHE_MIN_SECONDS", 0.0)
    path = tmp_path / "g.yaml"
    shutil.copy(FIXTURES / "mini.yaml", path)
    load_cached(path)
    [entry] = list((cache / "glossary").glob("*.msgpack"))
    return path, entry


def test_entry_is_plain_msgpack_with_format_and_version(
    cached: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, entry = cached
    monkeypatch.setattr(gload, "parse_fast", None)  # a hit must not parse the YAML again
    doc = msgpack.unpackb(entry.read_bytes(), raw=False)
    assert doc["format"] == "tqkit-glossary-cache" and doc["version"] == gload.CACHE_VERSION
    assert isinstance(doc["data"], dict) and "concepts" in doc["data"]
    assert [c.id for c in load_cached(path)[1]] == [c.id for c in load_file(path, with_lines=True)[1]]
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "content",
    [
        b"not msgpack at all",
        b"\x80\x03c__builtin__\neval\n.",  # a pickle: never unpickled
        msgpack.packb({"format": "tqkit-glossary-cache", "version": 1, "key": "x", "data": {}}),
        msgpack.packb(msgpack.ExtType(1, b"code")),
    ],
)
def test_corrupt_entry_is_ignored_with_a_note_and_rebuilt(
    cached: tuple[Path, Path], capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path, entry = cached
    entry.write_bytes(content)
    _, concepts = load_cached(path)
    assert len(concepts) == len(load_file(path)[1])
    err = capsys.readouterr().err
    assert "glossary cache entry ignored" in err and err.count("\n") == 1
    assert msgpack.unpackb(entry.read_bytes(), raw=False)["version"] == gload.CACHE_VERSION


def test_entry_failing_the_schema_is_not_trusted(cached: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    path, entry = cached
    doc = msgpack.unpackb(entry.read_bytes(), raw=False)
    doc["data"]["concepts"][0]["terms"] = {"en": [{"term": "x", "status": "bogus"}]}
    entry.write_bytes(msgpack.packb(doc))
    _, concepts = load_cached(path)
    assert all(t.status != "bogus" for c in concepts for t in c.all_terms())
    assert "invalid content" in capsys.readouterr().err


def test_cache_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(cache))
    monkeypatch.setattr(gload, "CACHE_MIN_SECONDS", 0.0)
    monkeypatch.setattr(gload, "CACHE_MAX_ENTRIES", 3)
    entries = cache / "glossary"
    entries.mkdir(parents=True)
    (entries / "old.pickle").write_bytes(b"legacy")
    for i in range(6):
        p = tmp_path / f"g{i}.yaml"
        shutil.copy(FIXTURES / "mini.yaml", p)
        load_cached(p)
    assert len(list(entries.glob("*.msgpack"))) == 3
    assert not (entries / "old.pickle").exists()


def test_no_pickle_anywhere_in_the_loader() -> None:
    for module in (gload, gparse):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "import pickle" not in source
