"""Compiled regular expressions from a cache: the module-level patterns of tqkit's rules
(about 200) cost a third of checking an article to compile in every process.

Python's ``re`` keeps compiled patterns in a per-process table (``re._cache``) and compiles a
pattern only when it is not there. :func:`seed` (called when :mod:`tqkit` is imported) fills
that table from a cache file with the patterns a previous process compiled while loading the
rules; :func:`record` (called once the rule modules are imported) adds the patterns that were
not in the file. A pattern is stored as the arguments of ``_sre.compile`` (its source, flags,
code words and groups), computed as ``re`` computes them and kept only when the pattern they
make equals the one ``re`` compiled (``Pattern.__eq__`` compares the code), so a seeded pattern
is the pattern ``re`` would have compiled. The file is keyed by the interpreter's version and
``_sre.MAGIC``; where ``re``'s internals differ, nothing is stored and patterns are compiled
as usual. Entries live in ``$TQKIT_CACHE_DIR/regex`` (none when the variable is empty), else
the user cache directory's ``tqkit/regex``; a missing, damaged or unwritable file only costs
the compile time. Nothing here changes which pattern a ``re`` call returns.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any

from tqkit.cachestore import cache_dir

CACHE_VERSION = "1"
MAX_PATTERNS = 2000  # patterns kept in the file (stale ones go when it would grow past this)
MAX_BYTES = 16 * 1024 * 1024
_seeded: set[tuple[Any, ...]] = set()
_stored: set[tuple[Any, ...]] = set()  # every pattern of the file read by seed()


def _table() -> dict[tuple[Any, ...], Any] | None:
    import re

    table = getattr(re, "_cache", None)
    return table if isinstance(table, dict) else None


def cache_path() -> Path | None:
    """The cache file for this interpreter (None: no caching, or no cache directory known:
    ``Path.home()`` raises when neither HOME nor the password database names one)."""
    try:
        directory = cache_dir("regex")
    except (RuntimeError, OSError, KeyError):
        return None
    if directory is None:
        return None
    try:
        import _sre

        tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}"
    except (ImportError, AttributeError):
        return None
    return directory / f"re-{tag}-{CACHE_VERSION}.marshal"


def _read(path: Path) -> dict[tuple[str, int], tuple[Any, ...]]:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def seed() -> None:
    """Put the cached patterns into ``re``'s table (those not there yet)."""
    table = _table()
    path = cache_path()
    if table is None or path is None:
        return
    try:
        import _sre
    except ImportError:
        return
    for key, args in _read(path).items():
        try:
            pattern, flags = key
            k = (str, pattern, flags)
            _stored.add(k)  # (compiled before tqkit was imported: in the file all the same)
            if k not in table and isinstance(pattern, str) and isinstance(args, tuple):
                table[k] = _sre.compile(*args)
                _seeded.add(k)
        except Exception:  # (a damaged file: _sre checks the code; the pattern is compiled as usual)
            continue


def _args(pattern: str, flags: int, compiled: Any) -> tuple[Any, ...] | None:
    """The arguments of ``_sre.compile`` that make ``compiled`` (None: not found that way)."""
    try:
        import _sre
        import importlib

        _parser: Any = importlib.import_module("re._parser")
        _compiler: Any = importlib.import_module("re._compiler")
        p = _parser.parse(pattern, flags)
        code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup: list[str | None] = [None] * p.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        args = (
            pattern,
            int(flags | p.state.flags),
            [int(c) for c in code],
            p.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        if _sre.compile(*args) != compiled:
            return None
        marshal.dumps(args)
    except Exception:
        return None
    return args


def record() -> None:
    """Add the patterns in ``re``'s table that the cache file does not hold (once per process,
    when the rule modules have been imported); writes only when there are new ones."""
    table = _table()
    path = cache_path()
    if table is None or path is None:
        return
    new = [k for k in list(table) if len(k) == 3 and k[0] is str and k not in _seeded and k not in _stored]
    if not new:
        return
    stored = _read(path)
    added = 0
    for _typ, pattern, flags in new:
        if (pattern, flags) in stored or not isinstance(flags, int):
            continue
        args = _args(pattern, flags, table.get((str, pattern, flags)))
        if args is not None:
            stored[pattern, flags] = args
            added += 1
    if not added:
        return
    if len(stored) > MAX_PATTERNS:
        stored = {(p, f): a for (p, f), a in stored.items() if (str, p, f) in table}
    from tqkit.cachestore import store_cache_entry

    store_cache_entry(path, marshal.dumps(stored), MAX_BYTES, lambda _d: None)
    _stored.update((str, p, f) for p, f in stored)
