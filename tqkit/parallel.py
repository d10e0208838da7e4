"""One process pool for every per-file job (``tqkit check``, ``--fix`` and ``--diff``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_files(
    fn: Callable[[T], R], items: Sequence[T], jobs: int = 1, *, warm: Callable[[], object] | None = None
) -> Iterator[R]:
    """``fn`` over ``items``, results in the order of the items. With ``jobs`` > 1 and more than
    one item, in a pool of forked processes (``fn`` must be a module-level function); ``warm``
    runs first, so every worker inherits what it loads (shared resources). Serially, results
    come as each item is done."""
    if jobs <= 1 or len(items) < 2:
        yield from map(fn, items)
        return
    if warm is not None:
        warm()
    import multiprocessing  # (imported here: a serial check does not pay for the pool's import)
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        chunk = max(1, min(64, len(items) // (jobs * 4) or 1))
        yield from pool.map(fn, items, chunksize=chunk)
