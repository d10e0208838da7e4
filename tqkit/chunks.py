"""Cutting a long text into pieces at white space, for scans whose matches never span it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain
from typing import Any

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


def automaton_iter(automaton: Any, text: str, size: int = CHUNK) -> Iterator[tuple[int, Any]]:
    """``automaton.iter(text)`` (a pyahocorasick automaton), the same hits in the same order,
    fed a piece at a time: pyahocorasick copies the string it scans into four bytes per code
    point (a 1-million-word text: 23 MB for a moment). The search iterator's ``set(piece,
    False)`` keeps its state and its offsets across pieces (chained in C: no Python per hit)."""
    if len(text) <= size:
        return automaton.iter(text)  # type: ignore[no-any-return]
    return chain.from_iterable(_fed_pieces(automaton, text, size))


def _fed_pieces(automaton: Any, text: str, size: int) -> Iterator[Any]:
    search = automaton.iter(text[:size])
    yield search
    for start in range(size, len(text), size):
        search.set(text[start : start + size], False)
        yield search
