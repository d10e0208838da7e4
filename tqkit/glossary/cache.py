"""Parsed glossaries cached between runs: in ``$TQKIT_CACHE_DIR`` or the user cache directory,
keyed by path, size and modification time; data only (msgpack of the parsed tree, versioned,
validated by the schema when read; a corrupt entry is ignored with a note and rebuilt), at most
``CACHE_MAX_ENTRIES`` entries. Only files slower to parse than ``CACHE_MIN_SECONDS`` are kept.
:func:`load_glossaries` merges several files through it."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tqkit.cachestore import cache_dir as shared_cache_dir
from tqkit.cachestore import paused_gc, store_cache_entry
from tqkit.datafiles import glossary_files, kind_of
from tqkit.errors import GlossaryError
from tqkit.glossary.load import (
    CACHE_VERSION,
    build_glossary,
    load_file,
    load_parsed,
    parse_fast,
    read_text,
)
from tqkit.glossary.model import Concept, GlossaryInfo
from tqkit.glossary.termbase import Glossary
from tqkit.text.escape import escape_controls

# Only glossaries that take this long to parse are cached: a few lines are parsed faster than a
# cache entry is read. The shipped term base takes about 0.1 s, a third of checking the bundled
# article, so it is cached (0.25 s here left it parsed on every run).
CACHE_MIN_SECONDS = 0.02


def cache_dir() -> Path | None:
    return shared_cache_dir("glossary")


def _cache_key(path: Path) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    raw = f"{CACHE_VERSION}|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


CACHE_FORMAT = "tqkit-glossary-cache"
CACHE_SUFFIX = ".msgpack"
# The cache is bounded: beyond this many entries or bytes the least recently used go.
CACHE_MAX_ENTRIES = 64
CACHE_MAX_BYTES = 64 * 1024 * 1024


def _note(message: str) -> None:
    sys.stderr.write(f"tqkit: note: {escape_controls(message)}\n")


def _read_cache(entry: Path, key: str, path: Path) -> tuple[GlossaryInfo, list[Concept]] | None:
    """The cached glossary, or ``None`` (no entry, or a corrupt one: removed, with a note).

    The entry is data only (msgpack: maps, lists, strings, numbers, booleans, nil; extension
    types refused) and carries a format name, version and key; what it holds is the parsed YAML
    tree, validated by the same schema as the file itself before anything is built from it."""
    import msgpack

    try:
        st = entry.stat()
        if st.st_size > CACHE_MAX_BYTES:
            raise ValueError("entry too large")
        raw = entry.read_bytes()
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        _note(f"{entry}: glossary cache entry ignored ({exc}); rebuilding it")
        return None

    def refuse_ext(code: int, data: bytes) -> Any:
        raise ValueError(f"extension type {code} in a data-only cache")

    try:
        with paused_gc():  # (thousands of small acyclic objects: see tqkit.cachestore)
            doc = msgpack.unpackb(raw, raw=False, strict_map_key=False, ext_hook=refuse_ext)
            if not isinstance(doc, dict) or doc.get("format") != CACHE_FORMAT:
                raise ValueError("not a tqkit glossary cache entry")
            if doc.get("version") != CACHE_VERSION or doc.get("key") != key:
                raise ValueError("wrong version or key")
            _plain_data(doc.get("data"))
            info, concepts, problems = build_glossary(str(path), doc.get("data"))
        if problems:
            raise ValueError(f"invalid content ({problems[0].field}: {problems[0].message})")
    except Exception as exc:  # msgpack raises several classes; any of them means "corrupt"
        _note(f"{entry}: corrupt glossary cache entry ignored ({str(exc)[:80]}); rebuilding it")
        with contextlib.suppress(OSError):
            entry.unlink()
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: evicted last
    return info, concepts


def _plain_data(value: Any, depth: int = 0) -> None:
    """Refuse anything but YAML-like data (and absurd nesting)."""
    if depth > 64:
        raise ValueError("nested too deeply")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, (str, int, float, bool)) and k is not None:
                raise ValueError(f"a key of type {type(k).__name__}")
            _plain_data(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _plain_data(v, depth + 1)
    elif not (value is None or isinstance(value, (str, int, float, bool))):
        raise ValueError(f"a value of type {type(value).__name__}")


def _write_cache(directory: Path, entry: Path, key: str, data: Any) -> None:
    import msgpack

    try:
        _plain_data(data)
        packed = msgpack.packb(
            {"format": CACHE_FORMAT, "version": CACHE_VERSION, "key": key, "data": data}, use_bin_type=True
        )
    except (ValueError, TypeError, OverflowError):
        return  # e.g. a YAML date or a huge integer: this file is simply not cached
    store_cache_entry(entry, packed, CACHE_MAX_BYTES, _evict)


def _evict(directory: Path) -> None:
    """Keep the cache bounded: drop old-format pickles, then the least recently used entries
    beyond :data:`CACHE_MAX_ENTRIES` or :data:`CACHE_MAX_BYTES`."""
    entries = []
    for p in directory.iterdir():
        try:
            if p.suffix == ".pickle":  # written by older versions; never loaded
                p.unlink()
            elif p.suffix == CACHE_SUFFIX:
                st = p.stat()
                entries.append((st.st_mtime, st.st_size, p))
        except OSError:
            continue
    entries.sort(reverse=True)
    total = 0
    for i, (_, size, p) in enumerate(entries):
        total += size
        if i >= CACHE_MAX_ENTRIES or total > CACHE_MAX_BYTES:
            with contextlib.suppress(OSError):
                p.unlink()


def load_cached(path: Path) -> tuple[GlossaryInfo, list[Concept]]:
    """:func:`load_file` through the cache (a corrupt entry is ignored with a note and rebuilt;
    a stale one is never used: the key holds the file's path, size and modification time;
    files parsed in under ``CACHE_MIN_SECONDS`` are not cached)."""
    directory = cache_dir()
    key = _cache_key(path) if directory is not None else None
    entry = directory / f"{key}{CACHE_SUFFIX}" if directory is not None and key is not None else None
    if entry is not None and key is not None:
        cached = _read_cache(entry, key, path)
        if cached is not None:
            return cached
    t0 = time.perf_counter()
    text = read_text(path)
    data = parse_fast(str(path), text)
    result = load_parsed(path, text, data)
    slow = time.perf_counter() - t0 >= CACHE_MIN_SECONDS
    if directory is not None and entry is not None and key is not None and slow:
        _write_cache(directory, entry, key, data)
    return result


def load_glossaries(paths: Iterable[Path], *, cache: bool = True) -> Glossary:
    """Merge the concepts of several files (directories are expanded to their YAML files).

    A concept id defined in two files is an error (``tqkit glossary merge`` combines them)."""
    files = glossary_files([Path(p) for p in paths])
    concepts: dict[str, Concept] = {}
    infos: list[GlossaryInfo] = []
    for f in files:
        if _is_calques(f):
            continue
        info, items = load_cached(f) if cache else load_file(f)
        infos.append(info)
        for c in items:
            other = concepts.get(c.id)
            if other is not None:
                raise GlossaryError(
                    c.file,
                    f"concept id {c.id!r} is also defined in {other.file}:{_line_of(other)}",
                    _line_of(c) or None,
                )
            concepts[c.id] = c
    return Glossary(concepts, infos)


def _line_of(concept: Concept) -> int:
    """The concept's line (the fast parser keeps none: parse again with the round-trip one)."""
    if concept.line:
        return concept.line
    try:
        _, concepts = load_file(Path(concept.file), with_lines=True)
    except GlossaryError:
        return 0
    return next((c.line for c in concepts if c.id == concept.id), 0)


def _is_calques(path: Path) -> bool:
    return kind_of(path) in ("calques", "packs")
