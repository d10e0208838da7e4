"""lemminflect's lexicon from a versioned binary cache, built at first use.

lemminflect reads its lemma and inflection tables from gzipped CSV files, line by line, the first
time a word is looked up: about a third of a second per process, more than a whole check of an
article. :func:`lemminflect` returns the module with the table the caller needs already in place,
read from a ``marshal`` copy of lemminflect's own dictionary (plain dicts, strings and tuples:
``marshal`` builds data and never runs code, and the result's shape is checked). Entries live in
``$TQKIT_CACHE_DIR/lemmas`` (none when the variable is empty), else the user cache directory's
``tqkit/lemmas``, keyed by the table file's path, size and time, the Python version (marshal's
format) and this module's format; a missing or damaged entry is rebuilt from lemminflect.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from tqkit.atomic import store_cache_entry

CACHE_VERSION = "1"
MAX_BYTES = 32 * 1024 * 1024
KEEP = 8
# (lemminflect class, the attribute its lazy loader fills, the attribute naming its file)
_TABLES = {
    "lemmas": ("Lemmatizer", "lemma_dict", "lemma_lu_fn"),
    "inflections": ("Inflections", "infl_dict", "infl_lu_fn"),
}


def cache_dir() -> Path | None:
    env = os.environ.get("TQKIT_CACHE_DIR")
    if env == "":
        return None
    if env:
        return Path(env) / "lemmas"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tqkit" / "lemmas"


def lemminflect(*tables: str) -> ModuleType:
    """The ``lemminflect`` module, with the named tables (``"lemmas"``, ``"inflections"``)
    loaded from the cache when lemminflect has not loaded them yet."""
    import lemminflect as lm

    for table in tables:
        _prime(lm, table)
    return lm


def _prime(lm: ModuleType, table: str) -> None:
    cls_name, attr, fn_attr = _TABLES[table]
    instance = getattr(lm, cls_name)()  # a singleton
    if hasattr(instance, attr):
        return
    fn = Path(getattr(instance, fn_attr))
    directory = cache_dir()
    entry = _entry(directory, fn, table) if directory is not None else None
    data = _read(entry) if entry is not None else None
    if data is None:
        data = _load(instance, attr)
        if entry is not None:
            with contextlib.suppress(ValueError):
                store_cache_entry(entry, marshal.dumps(data), MAX_BYTES, _evict)
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
    return directory / f"{table}-{hashlib.sha256(raw.encode()).hexdigest()[:32]}.marshal"


def _read(entry: Path) -> dict[str, Any] | None:
    try:
        data = marshal.loads(entry.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, dict) for k, v in data.items()):
        return None
    return data


def _evict(directory: Path) -> None:
    files = []
    for p in directory.glob("*.marshal"):
        with contextlib.suppress(OSError):
            files.append((p.stat().st_mtime, p))
    files.sort(reverse=True)
    for _, p in files[KEEP:]:
        with contextlib.suppress(OSError):
            p.unlink()
