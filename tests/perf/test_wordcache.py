"""The word-list cache gives exactly wordfreq's words, and a damaged entry is rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqkit import resources, wordcache


def _direct(lang: str, min_zipf: float) -> frozenset[str]:
    max_bucket = round((9.0 - min_zipf) * 100)
    out: set[str] = set()
    for i, bucket in enumerate(resources._buckets(lang)[1:]):
        if i > max_bucket:
            break
        out.update(bucket)
    return frozenset(out)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path))
    resources.load_wordlist.cache_clear()
    yield tmp_path / "words"
    resources.load_wordlist.cache_clear()


@pytest.mark.parametrize("min_zipf", [1.0, 3.0, 4.0, 9.5])
def test_cached_words_are_wordfreqs(cache: Path, min_zipf: float) -> None:
    first = resources.load_wordlist("en", min_zipf)  # builds the entry
    assert list(cache.glob("words-*.bin"))
    resources.load_wordlist.cache_clear()
    assert resources.load_wordlist("en", min_zipf) == first == _direct("en", min_zipf)


def test_damaged_entry_is_rebuilt(cache: Path) -> None:
    want = resources.load_wordlist("en", 3.0)
    (entry,) = cache.glob("words-*.bin")
    entry.write_bytes(entry.read_bytes()[:1000])  # truncated
    resources.load_wordlist.cache_clear()
    assert resources.load_wordlist("en", 3.0) == want
    assert entry.stat().st_size > 1000


def test_no_cache_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", "")
    assert wordcache.cache_dir() is None
    assert wordcache.words(Path("/nonexistent"), 5, lambda: [{}, ["a", "b"], ["c"]]) == {"a", "b", "c"}
    assert wordcache.words(Path("/nonexistent"), 0, lambda: [{}, ["a", "b"], ["c"]]) == {"a", "b"}
