"""wordfreq's word lists as compact, read-only sets, from a versioned binary cache built at
first use.

wordfreq ships each language as a gzipped msgpack list of frequency buckets. Decompressing and
decoding it and filling a Python set (321,000 English words, 630,000 German ones) costs 0.1 to
0.4 s and 30 to 60 MB per process, more than checking an article, although a check looks up a
few thousand distinct words. The cache keeps every word once, sorted (UTF-8 byte order, which
is code-point order), one per line, with two arrays: where each word starts, and the frequency
bucket it is in. A :class:`WordList` is a read-only ``Set[str]`` over that block for one
``min_zipf`` cut-off: a lookup is a binary search on the bytes (remembered per word), and no
per-word Python object is made until a word is asked for.

Entries live in ``$TQKIT_CACHE_DIR/words`` (none when the variable is empty), else the user
cache directory's ``tqkit/words``, keyed by the source file's path, size and modification time
and this format's version; a missing, stale or damaged entry is rebuilt (the cache is only an
optimisation: an unwritable directory just means the entry is built in memory).
"""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import struct
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from pathlib import Path
from typing import Any

from tqkit.cachestore import cache_dir as shared_cache_dir
from tqkit.cachestore import keep_newest, store_cache_entry

CACHE_VERSION = "4"
MAGIC = b"tqkit-words-4\n\0\0"  # (16 bytes: the arrays after the header start 4-byte aligned)
MAX_BYTES = 64 * 1024 * 1024
KEEP = 8
_HEAD = struct.Struct("<QQ")  # number of words, bytes of the word block


def cache_dir() -> Path | None:
    return shared_cache_dir("words")


def _key(source: Path) -> str | None:
    try:
        st = source.stat()
    except OSError:
        return None
    raw = f"{CACHE_VERSION}|{source.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def find_sorted(block: bytes | mmap.mmap, starts: Sequence[int], n: int, word: str) -> int:
    """Index of ``word`` in a sorted table of ``n`` newline-terminated UTF-8 keys laid end to
    end in ``block`` (key ``i`` is ``block[starts[i]:starts[i + 1]]``), or -1: binary search."""
    key = word.encode("utf-8", "surrogatepass") + b"\n"
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi) // 2
        if block[starts[mid] : starts[mid + 1]] < key:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < n and block[starts[lo] : starts[lo + 1]] == key else -1


class _Table:
    """Every word of a list, sorted, with its bucket (shared by the cut-offs of one list). The
    entry is used where it lies (a memory map of the file, or the bytes just built): the word
    ``i`` is ``block[starts[i]:starts[i + 1]]``, offsets into the whole entry, so no part is
    copied and only the pages a look-up touches are read."""

    __slots__ = ("block", "buckets", "n", "starts")

    def __init__(self, raw: bytes | mmap.mmap) -> None:
        if raw[: len(MAGIC)] != MAGIC:
            raise ValueError("not a tqkit word-list cache entry")
        pos = len(MAGIC)
        n, size = _HEAD.unpack_from(raw, pos)
        pos += _HEAD.size
        view = memoryview(raw)
        if pos + 4 * (n + 1) + 2 * n + size != len(raw):
            raise ValueError("word-list cache entry does not add up")
        starts = view[pos : pos + 4 * (n + 1)].cast("I")
        pos += 4 * (n + 1)
        buckets = view[pos : pos + 2 * n].cast("H")
        pos += 2 * n
        if starts[0] != pos or starts[-1] != len(raw):
            raise ValueError("word-list cache entry does not add up")
        self.block, self.starts, self.buckets, self.n = raw, starts, buckets, n

    def bucket(self, word: str) -> int:
        """The word's bucket, or -1 when the list does not have it."""
        i = find_sorted(self.block, self.starts, self.n, word)
        return self.buckets[i] if i >= 0 else -1


def encode(buckets: list[Any]) -> bytes:
    """The cache entry of wordfreq's bucket list (``buckets[0]`` is its header and skipped; a
    word in several buckets keeps the most frequent; a word holding a line break is left
    out: none does)."""
    best: dict[str, int] = {}
    for i, bucket in enumerate(buckets[1:]):
        for w in bucket:
            if isinstance(w, str) and "\n" not in w and w not in best:
                best[w] = i
    lines = sorted((w.encode("utf-8", "surrogatepass") + b"\n", b) for w, b in best.items())
    n = len(lines)
    starts = array("I", [len(MAGIC) + _HEAD.size + 4 * (n + 1) + 2 * n])  # (where the block starts)
    for line, _ in lines:
        starts.append(starts[-1] + len(line))
    block = b"".join(line for line, _ in lines)
    kept = array("H", [min(b, 65535) for _, b in lines])
    return MAGIC + _HEAD.pack(n, len(block)) + starts.tobytes() + kept.tobytes() + block


def map_file(path: Path) -> bytes | mmap.mmap:
    """The file's content, memory-mapped read-only (its bytes where mapping fails: an empty
    file, a file system without it)."""
    with path.open("rb") as fh:
        try:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return fh.read()


class WordList(Set[str]):
    """The words of a list up to one frequency bucket: a read-only set (``in``, ``len``,
    iteration, and the set operators, which give frozensets)."""

    def __init__(self, table: _Table, max_bucket: int) -> None:
        self._table = table
        self._max = max_bucket
        # the words looked up so far, found and not found (sets, so that ``set - words`` is a
        # set difference in C once the document's vocabulary has been seen)
        self._yes: set[str] = set()
        self._no: set[object] = set()
        self._len = -1

    def __contains__(self, word: object) -> bool:
        if word in self._yes:
            return True
        if word in self._no:
            return False
        return self._look_up(word)

    def _look_up(self, word: object) -> bool:
        if isinstance(word, str) and 0 <= self._table.bucket(word) <= self._max:
            self._yes.add(word)
            return True
        self._no.add(word)
        return False

    def __rsub__(self, other: object) -> frozenset[Any]:
        """``other - words`` for a set (or any iterable) of words."""
        if not isinstance(other, set | frozenset):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = frozenset(other)
        for word in other - self._yes - self._no:
            self._look_up(word)
        return frozenset(other - self._yes)

    def __iter__(self) -> Iterator[str]:
        t = self._table
        for i in range(t.n):
            if t.buckets[i] <= self._max:
                yield t.block[t.starts[i] : t.starts[i + 1] - 1].decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        if self._len < 0:
            self._len = sum(1 for b in self._table.buckets if b <= self._max)
        return self._len

    def __hash__(self) -> int:
        return self._hash()

    @classmethod
    def _from_iterable(cls, it: Iterable[Any]) -> frozenset[Any]:
        return frozenset(it)


def words(source: Path, max_bucket: int, load: Callable[[], list[Any]]) -> WordList:
    """The words of buckets ``0..max_bucket`` of ``source``, from the cache when it has them;
    else ``load()`` (wordfreq's bucket list) is called, and the cache entry written."""
    return WordList(_table(source, load), max_bucket)


_TABLES: dict[str, _Table] = {}


def _table(source: Path, load: Callable[[], list[Any]]) -> _Table:
    key = _key(source)
    if key is not None and key in _TABLES:
        return _TABLES[key]
    directory = cache_dir()
    entry = directory / f"words-{key}.bin" if directory is not None and key else None
    table = None
    if entry is not None:
        with contextlib.suppress(OSError, ValueError, struct.error):
            table = _Table(map_file(entry))
    if table is None:
        raw = encode(load())
        if entry is not None:
            store_cache_entry(entry, raw, MAX_BYTES, _evict)
        table = _Table(raw)
    if key is not None:
        _TABLES[key] = table
    return table


_evict = keep_newest("words-*.bin", KEEP)
