"""lemminflect's lexicon, looked up from a versioned binary cache without importing lemminflect.

lemminflect reads its lemma and inflection tables (70,000 and 34,000 words) from gzipped CSV
files the first time a word is looked up (about a third of a second and 40 MB per process), and
importing it imports numpy for its out-of-vocabulary model (0.07 to 0.11 s of CPU), while a
check looks up a few hundred words in the tables and never uses that model.
:func:`all_lemmas` and :func:`all_inflections` answer exactly as lemminflect's ``getAllLemmas``
and ``getAllInflections`` (the table entry, lemminflect's overrides applied, the ``upos``
filter and the caller's capitalisation), from a cache entry holding each table merged with its
overrides: the words sorted (UTF-8 bytes, one per line) and each word's entry as ``marshal``
data (dicts, strings and tuples: marshal builds data and never runs code), the entry memory-mapped
and read where it lies. A lookup is a binary search and one small ``marshal.loads``,
remembered; neither lemminflect nor numpy is imported.
Only building an entry imports lemminflect (to read its files with its own readers), and so
does anything else asked of :func:`lemminflect`'s object (its OOV model).

Entries live in ``$TQKIT_CACHE_DIR/lemmas`` (none when the variable is empty: then the tables
are read from lemminflect each run), else the user cache directory's ``tqkit/lemmas``, keyed by
the path, size and time of lemminflect's table and override files (a reinstall or upgrade of
lemminflect changes them), the Python version (marshal's format) and this module's format; a
missing, stale or damaged entry is rebuilt, and an unwritable directory only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import struct
import sys
from array import array
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from tqkit.cachestore import cache_dir as shared_cache_dir
from tqkit.cachestore import keep_newest, store_cache_entry
from tqkit.wordcache import find_sorted, map_file

CACHE_VERSION = "4"
MAGIC = b"tqkit-lemma-table-4\n"
_HEAD = struct.Struct("<QQQ")  # words, bytes of the word block, bytes of the entry block
MAX_BYTES = 32 * 1024 * 1024
KEEP = 8
# table -> (lemminflect class, its loader of the table, of the overrides; the files in resources/)
_TABLES = {
    "lemmas": ("Lemmatizer", "_getLemmaDict", "_getOverridesDict", ("lemma_lu.csv.gz", "lemma_overrides.csv")),
    "inflections": ("Inflections", "_getInflDict", "_getOverridesDict", ("infl_lu.csv.gz", "infl_overrides.csv")),
}
# lemminflect's DICT_UPOS_TYPES and uposToTags
_UPOS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX"})
_VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD")
_UPOS_TAGS = {
    "VERB": _VERB_TAGS,
    "AUX": _VERB_TAGS,
    "ADJ": ("JJ", "JJR", "JJS"),
    "ADV": ("RB", "RBR", "RBS"),
    "NOUN": ("NN", "NNS", "NNP", "NNPS"),
}


def cache_dir() -> Path | None:
    return shared_cache_dir("lemmas")


# -- lookups -----------------------------------------------------------------------------------


def all_lemmas(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """lemminflect's ``getAllLemmas(word, upos)``: ``{upos: (lemma, ...)}``."""
    if upos is not None and upos not in _UPOS:
        return {}
    caps = _caps_style(word)
    word = word.lower()
    if upos == "PROPN":
        word, upos = word.capitalize(), "NOUN"
    found = table("lemmas").get(word) or {}
    if upos:
        return {k: _with_caps(v, caps) for k, v in found.items() if k == upos}
    return {k: _with_caps(v, caps) for k, v in found.items()}


def all_inflections(lemma: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """lemminflect's ``getAllInflections(lemma, upos)``: ``{Penn tag: (form, ...)}``."""
    if upos is not None and upos not in _UPOS:
        return {}
    caps = _caps_style(lemma)
    lemma = lemma.lower()
    if upos == "PROPN":
        lemma, upos = lemma.capitalize(), "NOUN"
    found = table("inflections").get(lemma) or {}
    if upos is not None:
        tags = _UPOS_TAGS.get(upos.upper(), ())
        return {k: _with_caps(v, caps) for k, v in found.items() if k in tags}
    return {k: _with_caps(v, caps) for k, v in found.items()}


def _caps_style(word: str) -> str:
    if word.isupper():
        return "all_upper"
    return "first_upper" if word and word[0].isupper() else "lower"


def _with_caps(forms: Any, caps: str) -> Any:
    if isinstance(forms, (list, tuple)):
        return tuple(_one_with_caps(w, caps) for w in forms)
    return _one_with_caps(forms, caps)


def _one_with_caps(word: str, caps: str) -> str:
    if caps == "all_upper":
        return word.upper()
    return word.capitalize() if caps == "first_upper" else word.lower()


class Lexicon:
    """What :func:`lemminflect` returns: ``getAllLemmas`` and ``getAllInflections`` from the
    cache; any other attribute is lemminflect's own (importing it, and numpy, on first use)."""

    def getAllLemmas(self, word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
        return all_lemmas(word, upos)

    def getAllInflections(self, lemma: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
        return all_inflections(lemma, upos)

    def __getattr__(self, name: str) -> Any:
        return getattr(_import_lemminflect(), name)


_LEXICON = Lexicon()


def lemminflect(*tables: str) -> Lexicon:
    """lemminflect's lookups through the cache (``tables`` is accepted for older callers: the
    tables now load at their first lookup)."""
    return _LEXICON


def _import_lemminflect() -> ModuleType:
    """``import lemminflect`` with numpy's OpenBLAS kept to one thread while numpy loads.

    lemminflect imports numpy for its out-of-vocabulary model, and numpy's OpenBLAS starts one
    busy worker thread per core at import: about 0.09 s of CPU, for matrix products tqkit never
    needs. The setting is read once, when the library loads, so it is removed again at once
    (child processes see the caller's environment), and a value the caller set, or a numpy
    already imported, is left alone."""
    from importlib import import_module

    if "lemminflect" in sys.modules or "numpy" in sys.modules or "OPENBLAS_NUM_THREADS" in os.environ:
        return import_module("lemminflect")
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        return import_module("lemminflect")
    finally:
        os.environ.pop("OPENBLAS_NUM_THREADS", None)


# -- the tables ----------------------------------------------------------------------------------


@cache
def table(name: str) -> Mapping[str, Any]:
    """lemminflect's ``name`` table (``"lemmas"`` or ``"inflections"``) merged with its
    overrides: from the cache, else read from lemminflect (and stored when a cache is kept)."""
    directory = cache_dir()
    entry = _entry(directory, name) if directory is not None else None
    if entry is not None:
        with contextlib.suppress(OSError, ValueError, struct.error):
            return LazyTable(map_file(entry))
    plain = _read_lemminflect(name)
    if entry is None:
        return plain
    try:
        raw = encode(plain)
    except ValueError:
        return plain
    store_cache_entry(entry, raw, MAX_BYTES, _evict)
    return LazyTable(raw)


def _read_lemminflect(name: str) -> dict[str, Any]:
    """The table as lemminflect reads it, each entry updated with its overrides (in the order
    ``getAllLemmas`` and ``getAllInflections`` apply them)."""
    cls_name, load_table, load_overrides, _files = _TABLES[name]
    instance = getattr(_import_lemminflect(), cls_name)()  # a singleton
    plain: dict[str, dict[str, Any]] = getattr(instance, load_table)()
    overrides: dict[str, dict[str, Any]] = getattr(instance, load_overrides)()
    merged = {k: dict(v) for k, v in plain.items()}
    for k, v in overrides.items():
        merged.setdefault(k, {}).update(v)
    return merged


def _resources() -> Path | None:
    """lemminflect's ``resources`` directory, found without importing lemminflect."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("lemminflect")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent / "resources"


def _entry(directory: Path, name: str) -> Path | None:
    resources = _resources()
    if resources is None:
        return None
    parts = [CACHE_VERSION, str(sys.version_info[:2]), name]
    for file in _TABLES[name][3]:
        fn = resources / file
        try:
            st = fn.stat()
        except OSError:
            return None
        parts.append(f"{fn}|{st.st_size}|{st.st_mtime_ns}")
    return directory / f"{name}-{hashlib.sha256('|'.join(parts).encode()).hexdigest()[:32]}.table"


def encode(data: Mapping[str, Any]) -> bytes:
    """The cache entry of one of lemminflect's tables (raises ValueError for what marshal
    cannot hold): the header, the offsets of the words and of the entries (into the whole
    entry), the words, the entries."""
    items = sorted((k.encode("utf-8", "surrogatepass") + b"\n", marshal.dumps(v)) for k, v in data.items())
    n = len(items)
    keys = b"".join(k for k, _ in items)
    vals = b"".join(v for _, v in items)
    kstarts = array("I", [len(MAGIC) + _HEAD.size + 8 * (n + 1)])
    vstarts = array("I", [kstarts[0] + len(keys)])
    for k, v in items:
        kstarts.append(kstarts[-1] + len(k))
        vstarts.append(vstarts[-1] + len(v))
    return MAGIC + _HEAD.pack(n, len(keys), len(vals)) + kstarts.tobytes() + vstarts.tobytes() + keys + vals


_UNSEEN = object()


class LazyTable(Mapping[str, Any]):
    """One of lemminflect's tables, read entry by entry from a cache entry where it lies (a
    memory map of the file, or the bytes just built; see the module docstring)."""

    def __init__(self, raw: bytes | mmap.mmap) -> None:
        if raw[: len(MAGIC)] != MAGIC:
            raise ValueError("not a tqkit lemma table")
        pos = len(MAGIC)
        n, ksize, vsize = _HEAD.unpack_from(raw, pos)
        pos += _HEAD.size
        if pos + 8 * (n + 1) + ksize + vsize != len(raw):
            raise ValueError("lemma table does not add up")
        view = memoryview(raw)
        self._kstarts = view[pos : pos + 4 * (n + 1)].cast("I")
        self._vstarts = view[pos + 4 * (n + 1) : pos + 8 * (n + 1)].cast("I")
        keys_at = pos + 8 * (n + 1)
        bounds = (self._kstarts[0], self._kstarts[-1], self._vstarts[0], self._vstarts[-1])
        if bounds != (keys_at, keys_at + ksize, keys_at + ksize, len(raw)):
            raise ValueError("lemma table does not add up")
        self._raw = raw
        self._n: int = n
        self._memo: dict[str, Any] = {}

    def _find(self, key: str) -> int:
        return find_sorted(self._raw, self._kstarts, self._n, key)

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
            value = marshal.loads(self._raw[self._vstarts[i] : self._vstarts[i + 1]])
        except (ValueError, EOFError, TypeError):
            return None  # a damaged entry: the word is unknown
        return value if isinstance(value, dict) else None

    def __iter__(self) -> Iterator[str]:
        raw, starts = self._raw, self._kstarts
        for i in range(self._n):
            yield raw[starts[i] : starts[i + 1] - 1].decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return self._n


_evict = keep_newest("*.table", KEEP)
