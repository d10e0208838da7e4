"""The compiled-packs cache (issue 12): a cached set equals a freshly compiled one, field by field
and match by match; a changed pack file makes a new entry; a damaged entry is ignored; an
unwritable cache directory is no error."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tqkit.packs import bundled_pack_dir, load_packs
from tqkit.packs import cache as packs_cache
from tqkit.packs.model import Entry
from tqkit.text.fold import fold

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpora" / "silent-front.en.txt"
FIELDS = [f.name for f in dataclasses.fields(Entry)]


def _entries(tmp: Path) -> list[Path]:
    return sorted((tmp / "packs").glob(f"packs-*{packs_cache.CACHE_SUFFIX}"))


def test_cached_bundled_set_equals_fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_text: str) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path))
    fresh = load_packs([bundled_pack_dir()], cache=False)
    load_packs([bundled_pack_dir()])  # builds the entry
    [_] = _entries(tmp_path)
    cached = load_packs([bundled_pack_dir()])
    assert cached is not fresh and len(cached.entries) == len(fresh.entries)
    # matches first (entries decoded lazily), then every field of every entry
    folded = fold(seed_text)
    for lang in fresh.by_lang:
        got = [(m.start, m.end, m.entry.id, m.caps, m.forms) for m in cached.find(seed_text, folded, lang=lang)]
        want = [(m.start, m.end, m.entry.id, m.caps, m.forms) for m in fresh.find(seed_text, folded, lang=lang)]
        assert got == want
    assert cached.transliterations.keys() == fresh.transliterations.keys()
    for a, b in zip(cached.entries, fresh.entries, strict=True):
        for name in FIELDS:
            va, vb = getattr(a, name), getattr(b, name)
            if name in ("compiled", "compiled_unless"):  # regexes compiled lazily: compare sources
                va, vb = repr(_plain(va)), repr(_plain(vb))
            if name == "extra":
                va, vb = va.get("anchors"), vb.get("anchors")
            assert va == vb, (a.id, name)


def _plain(v: object) -> object:
    if isinstance(v, tuple):
        return tuple(_plain(x) for x in v[:5] + v[6:]) if len(v) == 7 and v[0] == 0 else tuple(map(_plain, v))
    if isinstance(v, frozenset):
        return tuple(sorted(v))
    return getattr(v, "pattern", v)


def _pack(path: Path, word: str) -> None:
    path.write_text(
        "pack: t\nreferences:\n  REF: r\nentries:\n"
        f"  - id: t1\n    pattern: 'blorf {word}'\n    message: m\n    reference: REF\n"
        f"    fires: ['A blorf {word}.']\n    quiet: ['Nothing.']\n",
        encoding="utf-8",
    )


def test_changed_pack_file_invalidates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "t.yaml"
    _pack(path, "zanzibar")
    assert load_packs([path]).find("A blorf zanzibar.")
    assert load_packs([path]).find("A blorf zanzibar.")  # from the entry
    _pack(path, "zanzibat")  # same size: the time changes
    os.utime(path, ns=(10**18, 10**18))
    ps = load_packs([path])
    assert not ps.find("A blorf zanzibar.") and ps.find("A blorf zanzibat.")
    assert len(_entries(tmp_path / "cache")) == 2


def test_unwritable_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(blocker / "cache"))  # mkdir fails (even as root)
    path = tmp_path / "t.yaml"
    _pack(path, "zanzibar")
    assert load_packs([path]).find("A blorf zanzibar.")
    assert load_packs([path]).find("A blorf zanzibar.")


@pytest.mark.parametrize("damage", ["truncate", "garbage", "directory"])
def test_cli_with_a_bad_cache_has_the_same_findings(tmp_path: Path, damage: str) -> None:
    """The whole command, with the cache directory unwritable or an entry damaged: the same
    output as with a good cache, no traceback."""
    cache = tmp_path / "cache"
    env = {**os.environ, "TQKIT_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "tqkit", "check", "--format", "json", "--exit-zero", str(SEED)]
    want = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    [entry] = _entries(cache)
    if damage == "truncate":
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(4096))
    else:
        shutil.rmtree(cache)
        cache.write_text("a file where the cache directory should be", encoding="utf-8")
    got = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    assert got.stdout == want
    assert "Traceback" not in got.stderr


def test_cached_entry_behaves_as_an_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "t.yaml"
    _pack(path, "zanzibar")
    load_packs([path])
    [e] = load_packs([path]).entries
    assert type(e) is not Entry and isinstance(e, Entry)
    e.message = "changed before any cold field was read"
    assert e.message == "changed before any cold field was read" and e.patterns == ("blorf zanzibar",)
    other = dataclasses.replace(e, id="t2")
    assert other.id == "t2" and other.compiled == e.compiled and other.message == e.message
