"""tqkit's caches on disk: where they live, how an entry is stored (atomically) and how a cache
directory stays bounded. A cache is an optimisation: nothing here ever fails a check."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path


def store_cache_entry(entry: Path, packed: bytes, max_bytes: int, evict: Callable[[Path], None]) -> None:
    """Write one cache file atomically, then let ``evict`` bound its directory. A cache is an
    optimisation: an entry over ``max_bytes`` is not kept, and a read-only or full cache
    directory is no reason to fail a check (errors are swallowed)."""
    if len(packed) > max_bytes:
        return
    from tqkit.atomic import atomic_write  # (imported when a cache is written: start-up time)

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(entry, packed)
        evict(entry.parent)
    except OSError:
        pass


def keep_newest(pattern: str, keep: int) -> Callable[[Path], None]:
    """An ``evict`` for :func:`store_cache_entry`: in the cache directory, keep the ``keep``
    most recently used files matching ``pattern`` (a glob) and delete the others."""

    def evict(directory: Path) -> None:
        files = []
        for p in directory.glob(pattern):
            with contextlib.suppress(OSError):
                files.append((p.stat().st_mtime, p))
        files.sort(reverse=True)
        for _, p in files[keep:]:
            with contextlib.suppress(OSError):
                p.unlink()

    return evict


def cache_dir(name: str) -> Path | None:
    """tqkit's cache directory for ``name`` (``words``, ``packs``, ``glossary`` ...):
    ``$TQKIT_CACHE_DIR/name``, else ``$XDG_CACHE_HOME/tqkit/name`` or ``~/.cache/tqkit/name``;
    None (no caching) when ``TQKIT_CACHE_DIR`` is set to the empty string."""
    env = os.environ.get("TQKIT_CACHE_DIR")
    if env == "":
        return None
    if env:
        return Path(env) / name
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tqkit" / name


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while a cache entry is decoded: decoding makes
    tens of thousands of small acyclic objects (tuples, strings), and each few hundred of them
    would otherwise start a collection (over all that start-up has imported and loaded)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
