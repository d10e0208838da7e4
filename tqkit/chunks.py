"""Cutting a long text into pieces at white space, for scans whose matches never span it."""

from __future__ import annotations

import re
from collections.abc import Iterator

CHUNK = 1 << 18  # characters


def space_chunks(text: str, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    """``(start, end)`` pieces of ``text`` of about ``size`` characters, each cut just before a
    white-space character: a regex whose matches never span white space (words) finds the same
    matches piece by piece (``rx.findall(text, start, end)``), so a scan of a long text keeps
    one piece's matches in memory at a time instead of the whole text's."""
    n = len(text)
    start = 0
    while start < n:
        end = start + size
        if end >= n:
            yield start, n
            return
        m = _SPACE_RE.search(text, end)
        end = m.start() if m is not None else n
        yield start, end
        start = end


_SPACE_RE = re.compile(r"\s")
