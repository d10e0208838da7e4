"""The cached word lists hold exactly wordfreq's words, and a damaged entry is rebuilt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tqkit import datafiles as resources
from tqkit import wordcache


def _direct(lang: str, min_zipf: float) -> frozenset[str]:
    max_bucket = round((9.0 - min_zipf) * 100)
    out: set[str] = set()
    for i, bucket in enumerate(resources._buckets(lang)[1:]):
        if i > max_bucket:
            break
        out.update(bucket)
    return frozenset(out)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path))
    resources.load_wordlist.cache_clear()
    wordcache._TABLES.clear()
    yield tmp_path / "words"
    resources.load_wordlist.cache_clear()
    wordcache._TABLES.clear()


@pytest.mark.parametrize("min_zipf", [1.0, 3.0, 4.0, 9.5])
def test_cached_words_are_wordfreqs(cache: Path, min_zipf: float) -> None:
    first = resources.load_wordlist("en", min_zipf)  # builds the entry
    assert list(cache.glob("words-*.bin"))
    want = _direct("en", min_zipf)
    assert len(first) == len(want) and frozenset(first) == want
    resources.load_wordlist.cache_clear()
    wordcache._TABLES.clear()
    again = resources.load_wordlist("en", min_zipf)  # read from the entry
    assert frozenset(again) == want
    # membership, both ways, including words the cut-off leaves out
    full = _direct("en", 1.0)
    probe = [*sorted(full)[::997], "the", "Zzyzx-not-a-word", "", "ʼ", "\udc80"]
    assert [w in again for w in probe] == [w in want for w in probe]


def test_set_operations(cache: Path) -> None:
    words = resources.load_wordlist("en", 3.0)
    assert {"the", "qwxz"} - words == {"qwxz"}
    assert isinstance({"the"} - words, frozenset | set)
    assert 42 not in words


def test_damaged_entry_is_rebuilt(cache: Path) -> None:
    want = frozenset(resources.load_wordlist("en", 3.0))
    (entry,) = cache.glob("words-*.bin")
    entry.write_bytes(entry.read_bytes()[:1000])  # truncated
    resources.load_wordlist.cache_clear()
    wordcache._TABLES.clear()
    assert frozenset(resources.load_wordlist("en", 3.0)) == want
    assert entry.stat().st_size > 1000


def test_no_cache_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", "")
    assert wordcache.cache_dir() is None
    buckets = lambda: [{}, ["b", "a"], ["c", "a"]]  # noqa: E731
    assert set(wordcache.words(Path("/nonexistent"), 5, buckets)) == {"a", "b", "c"}
    assert set(wordcache.words(Path("/nonexistent"), 0, buckets)) == {"a", "b"}
    assert "a" in wordcache.words(Path("/nonexistent"), 0, buckets)
    assert "c" not in wordcache.words(Path("/nonexistent"), 0, buckets)


@pytest.mark.parametrize("damage", ["empty", "one byte changed in the offsets"])
def test_entry_is_mapped_and_a_bad_one_rebuilt(cache: Path, damage: str) -> None:
    import mmap

    want = frozenset(resources.load_wordlist("en", 3.0))
    resources.load_wordlist.cache_clear()
    wordcache._TABLES.clear()
    words = resources.load_wordlist("en", 3.0)
    assert isinstance(words._table.block, mmap.mmap)  # type: ignore[attr-defined]
    (entry,) = cache.glob("words-*.bin")
    raw = bytearray(entry.read_bytes())
    if damage == "empty":
        raw.clear()
    else:
        raw[len(wordcache.MAGIC) + 16] ^= 0xFF  # (the first start offset)
    entry.write_bytes(bytes(raw))
    resources.load_wordlist.cache_clear()
    wordcache._TABLES.clear()
    assert frozenset(resources.load_wordlist("en", 3.0)) == want
    assert entry.stat().st_size > 1000
