"""Cheap tests before the pack matcher tokenises a candidate's neighbour: one character of the
text decides, for most candidates, that the neighbouring token cannot satisfy the condition
next to the anchor (an upper-case letter for ``<CAP>``, the first or last letters of a word
list). A gate is a necessary condition only, so matches are unchanged."""

from __future__ import annotations

from typing import Any

from tqkit.packs.pattern import CLS, LIT, Cond

_CAP = "CAP"


def gate(c: Cond | None, off: int) -> Any:
    """A necessary condition on one character for the neighbour token (after the anchor: its
    first character; before it: its last) to satisfy ``c``: ``_CAP`` (an upper-case first
    letter), a set of folded characters, or ``None`` (no cheap test)."""
    if c is None:
        return None
    if c[0] == CLS and c[1] == "CAP" and off > 0:
        return _CAP
    if c[0] != LIT or c[6] or not c[1] or "" in c[1]:
        return None
    if off > 0:
        return frozenset(f[0] for f in c[1])
    return frozenset(f[-1] for f in c[1]) | ({"s"} if c[3] else set())


def edge(view: str, s: int, e: int, off: int) -> int:
    """The offset of the neighbour token's first character (``off`` 1: the token after
    ``[s, e)``) or last character (-1: the token before it), skipping white space as
    :func:`tqkit.packs.engine._neighbour` does; -1 when the text ends (starts) there."""
    if off > 0:
        pos, n = e, len(view)
        while pos < n and view[pos].isspace():
            pos += 1
        return pos if pos < n else -1
    pos = s
    while pos > 0 and view[pos - 1].isspace():
        pos -= 1
    return pos - 1


def gate_ok(gate: Any, view: str, folded: str, p: int) -> bool:
    if gate is _CAP:
        return view[p].isupper()
    return folded[p] in gate
