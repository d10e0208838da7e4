"""lemminflect's lexicon from a versioned binary cache, built at first use.

lemminflect reads its lemma and inflection tables (70,000 and 34,000 words) from gzipped CSV
files, line by line, the first time a word is looked up: about a third of a second and 40 MB
per process, while a check looks up a few hundred words. :func:`lemminflect` returns the module
with the table the caller needs already in place: a :class:`LazyTable`, which lemminflect reads
through ``.get`` like its own dict, over a cache entry holding the words sorted (UTF-8 bytes,
one per line) and each word's entry as ``marshal`` data (dicts, strings and tuples: marshal
builds data and never runs code). A lookup is a binary search and one small ``marshal.loads``,
remembered. Entries live in ``$TQKIT_CACHE_DIR/lemmas`` (none when the variable is empty), else
the user cache directory's ``tqkit/lemmas``, keyed by the table file's path, size and time, the
Python version (marshal's format) and this module's format; a missing or damaged entry is
rebuilt from lemminflect.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import struct
import sys
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from tqkit.cachestore import cache_dir as shared_cache_dir
from tqkit.cachestore import keep_newest, store_cache_entry
from tqkit.wordcache import find_sorted

CACHE_VERSION = "2"
MAGIC = b"tqkit-lemma-table-2\n"
_HEAD = struct.Struct("<QQQ")  # words, bytes of the word block, bytes of the entry block
MAX_BYTES = 32 * 1024 * 1024
KEEP = 8
# (lemminflect class, the attribute its lazy loader fills, the attribute naming its file)
_TABLES = {
    "lemmas": ("Lemmatizer", "lemma_dict", "lemma_lu_fn"),
    "inflections": ("Inflections", "infl_dict", "infl_lu_fn"),
}


def cache_dir() -> Path | None:
    return shared_cache_dir("lemmas")


def lemminflect(*tables: str) -> ModuleType:
    """The ``lemminflect`` module, with the named tables (``"lemmas"``, ``"inflections"``)
    loaded from the cache when lemminflect has not loaded them yet."""
    lm = _import_lemminflect()

    for table in tables:
        _prime(lm, table)
    module: ModuleType = lm
    return module


def _import_lemminflect() -> ModuleType:
    """``import lemminflect`` with numpy's OpenBLAS kept to one thread while numpy loads.

    lemminflect imports numpy for its out-of-vocabulary model, and numpy's OpenBLAS starts one
    busy worker thread per core at import: about 0.09 s of CPU in every check that looks up a
    word, for matrix products tqkit never needs. The setting is read once, when the library
    loads, so it is removed again at once (child processes see the caller's environment), and
    a value the caller set, or a numpy already imported, is left alone."""
    from importlib import import_module

    if "lemminflect" in sys.modules or "numpy" in sys.modules or "OPENBLAS_NUM_THREADS" in os.environ:
        return import_module("lemminflect")
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        return import_module("lemminflect")
    finally:
        os.environ.pop("OPENBLAS_NUM_THREADS", None)


def _prime(lm: ModuleType, table: str) -> None:
    cls_name, attr, fn_attr = _TABLES[table]
    instance = getattr(lm, cls_name)()  # a singleton
    if hasattr(instance, attr):
        return
    fn = Path(getattr(instance, fn_attr))
    directory = cache_dir()
    entry = _entry(directory, fn, table) if directory is not None else None
    data: Mapping[str, Any] | None = None
    if entry is not None:
        with contextlib.suppress(OSError, ValueError, struct.error):
            data = LazyTable(entry.read_bytes())
    if data is None:
        plain = _load(instance, attr)
        if entry is None:
            return  # (lemminflect keeps the dict it loaded)
        with contextlib.suppress(ValueError):
            raw = encode(plain)
            store_cache_entry(entry, raw, MAX_BYTES, _evict)
            data = LazyTable(raw)
    if data is not None:
        setattr(instance, attr, data)


def _load(instance: Any, attr: str) -> dict[str, Any]:
    loader = {"lemma_dict": "_getLemmaDict", "infl_dict": "_getInflDict"}[attr]
    data: dict[str, Any] = getattr(instance, loader)()
    return data


def _entry(directory: Path, fn: Path, table: str) -> Path | None:
    try:
        st = fn.stat()
    except OSError:
        return None
    raw = f"{CACHE_VERSION}|{sys.version_info[:2]}|{table}|{fn.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    return directory / f"{table}-{hashlib.sha256(raw.encode()).hexdigest()[:32]}.table"


def encode(data: dict[str, Any]) -> bytes:
    """The cache entry of one of lemminflect's tables (raises ValueError for what marshal
    cannot hold)."""
    items = sorted((k.encode("utf-8", "surrogatepass") + b"\n", marshal.dumps(v)) for k, v in data.items())
    kstarts, vstarts = array("I", [0]), array("I", [0])
    for k, v in items:
        kstarts.append(kstarts[-1] + len(k))
        vstarts.append(vstarts[-1] + len(v))
    keys = b"".join(k for k, _ in items)
    vals = b"".join(v for _, v in items)
    return MAGIC + _HEAD.pack(len(items), len(keys), len(vals)) + kstarts.tobytes() + vstarts.tobytes() + keys + vals


_UNSEEN = object()


class LazyTable(Mapping[str, Any]):
    """One of lemminflect's tables, read entry by entry from a cache entry (see the module
    docstring); what lemminflect uses is ``get``."""

    def __init__(self, raw: bytes) -> None:
        if not raw.startswith(MAGIC):
            raise ValueError("not a tqkit lemma table")
        pos = len(MAGIC)
        n, ksize, vsize = _HEAD.unpack_from(raw, pos)
        pos += _HEAD.size
        self._kstarts, self._vstarts = array("I"), array("I")
        self._kstarts.frombytes(raw[pos : pos + 4 * (n + 1)])
        pos += 4 * (n + 1)
        self._vstarts.frombytes(raw[pos : pos + 4 * (n + 1)])
        pos += 4 * (n + 1)
        self._keys = raw[pos : pos + ksize]
        self._vals = raw[pos + ksize : pos + ksize + vsize]
        if (
            len(self._kstarts) != n + 1
            or len(self._vstarts) != n + 1
            or self._kstarts[-1] != ksize
            or self._vstarts[-1] != vsize
            or len(self._vals) != vsize
        ):
            raise ValueError("lemma table does not add up")
        self._n: int = n
        self._memo: dict[str, Any] = {}

    def _find(self, key: str) -> int:
        return find_sorted(self._keys, self._kstarts, self._n, key)

    def __getitem__(self, key: str) -> Any:
        value = self._memo.get(key, _UNSEEN)
        if value is _UNSEEN:
            value = self._memo[key] = self._read(key)
        if value is None:
            raise KeyError(key)
        return value

    def _read(self, key: str) -> Any:
        i = self._find(key) if isinstance(key, str) else -1
        if i < 0:
            return None
        try:
            value = marshal.loads(self._vals[self._vstarts[i] : self._vstarts[i + 1]])
        except (ValueError, EOFError, TypeError):
            return None  # a damaged entry: the word is unknown
        return value if isinstance(value, dict) else None

    def __iter__(self) -> Iterator[str]:
        for i in range(self._n):
            yield self._keys[self._kstarts[i] : self._kstarts[i + 1] - 1].decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return self._n


_evict = keep_newest("*.table", KEEP)
