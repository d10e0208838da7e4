"""A versioned binary cache of wordfreq's word lists, built at first use.

wordfreq ships each language as a gzipped msgpack list of frequency buckets; decompressing and
decoding it and filling a set from 2,600 buckets costs about a tenth of a second per process,
more than a whole check of an article. The cache keeps the same words as one UTF-8 block (the
words in bucket order, one per line) behind a small header giving where each bucket starts, so
any ``min_zipf`` cut is one slice of the block and a single ``split``.

Entries live in ``$TQKIT_CACHE_DIR/words`` (none when the variable is empty), else the user
cache directory's ``tqkit/words``, keyed by the source file's path, size and modification time
and this format's version; a missing, stale or unreadable entry is rebuilt (the cache is only
an optimisation: an unwritable directory just means no cache).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any

from tqkit.atomic import store_cache_entry

CACHE_VERSION = "2"
MAGIC = b"tqkit-words\n"
MAX_BYTES = 64 * 1024 * 1024
KEEP = 8


def cache_dir() -> Path | None:
    env = os.environ.get("TQKIT_CACHE_DIR")
    if env == "":
        return None
    if env:
        return Path(env) / "words"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tqkit" / "words"


def _key(source: Path) -> str | None:
    try:
        st = source.stat()
    except OSError:
        return None
    raw = f"{CACHE_VERSION}|{source.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def encode(buckets: list[Any]) -> bytes:
    """Words of every bucket (``buckets[0]`` is wordfreq's header and skipped), one per line,
    after a header line giving the byte offset where each bucket starts (and the end); a word
    holding a line break is left out (none does)."""
    starts: list[int] = []
    chunks: list[bytes] = []
    size = 0
    for bucket in buckets[1:]:
        starts.append(size)
        chunk = "".join(w + "\n" for w in bucket if isinstance(w, str) and "\n" not in w).encode("utf-8")
        chunks.append(chunk)
        size += len(chunk)
    starts.append(size)
    header = " ".join(map(str, starts)).encode("ascii")
    return MAGIC + header + b"\n" + b"".join(chunks)


def decode(raw: bytes, max_bucket: int) -> frozenset[str]:
    """The words of buckets ``0..max_bucket``: only their bytes are decoded (raises
    ``ValueError`` on a damaged entry)."""
    if not raw.startswith(MAGIC):
        raise ValueError("not a tqkit word-list cache entry")
    nl = raw.index(b"\n", len(MAGIC))
    starts = [int(x) for x in raw[len(MAGIC):nl].split()]
    if not starts or nl + 1 + starts[-1] != len(raw):
        raise ValueError("word-list cache entry does not add up")
    stop = starts[min(max_bucket + 1, len(starts) - 1)] if max_bucket >= 0 else 0
    block = raw[nl + 1:nl + 1 + stop].decode("utf-8")
    words = block.split("\n")
    words.pop()  # after the last line break
    return frozenset(words)


def words(source: Path, max_bucket: int, load: Any) -> frozenset[str]:
    """The words of buckets ``0..max_bucket`` of ``source``, from the cache when it has them;
    else ``load()`` (wordfreq's bucket list) is called, and the cache entry written."""
    directory = cache_dir()
    key = _key(source) if directory is not None else None
    entry = directory / f"words-{key}.bin" if directory is not None and key else None
    if entry is not None:
        with contextlib.suppress(OSError, ValueError, UnicodeDecodeError):
            return decode(entry.read_bytes(), max_bucket)
    raw = encode(load())
    if entry is not None:
        store_cache_entry(entry, raw, MAX_BYTES, _evict)
    return decode(raw, max_bucket)


def _evict(directory: Path) -> None:
    files = []
    for p in directory.glob("words-*.bin"):
        with contextlib.suppress(OSError):
            files.append((p.stat().st_mtime, p))
    files.sort(reverse=True)
    for _, p in files[KEEP:]:
        with contextlib.suppress(OSError):
            p.unlink()
