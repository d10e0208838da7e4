"""Choosing among the pack matcher's overlapping candidate matches
(:class:`tqkit.packs.engine.Matcher`)."""

from __future__ import annotations

from typing import Any

from tqkit.findings import Severity

# a candidate match: start, -end, entry index, the hit's end, minus its key's length, the
# candidate's index, and the match (a :class:`tqkit.packs.engine.Match`)
Found = tuple[int, int, int, int, int, int, Any]


def leftmost_longest(found: list[Found]) -> list[Any]:
    """Non-overlapping matches of ``(start, -end, entry index, order..., match)``: leftmost,
    then longest, then first entry, then first found; an info note never hides a warning or an
    error (they are chosen first, the notes fill the gaps), so a house-style note on "the head
    of state familiarized" leaves the calque "familiarized himself with" reported."""
    found.sort(key=lambda item: item[:6])
    notes = [item for item in found if item[-1].entry.severity is Severity.INFO]
    if not notes:
        return _non_overlapping(found)
    chosen = _non_overlapping([item for item in found if item[-1].entry.severity is not Severity.INFO])
    out = list(chosen)
    spans = [(m.start, m.end) for m in chosen]
    for m in _non_overlapping(notes):
        if not any(m.start < e and s < m.end for s, e in spans):
            out.append(m)
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _non_overlapping(found: list[Found]) -> list[Any]:
    out: list[Any] = []
    last_end = -1
    for start, *_order, m in found:
        if start >= last_end:
            out.append(m)
            last_end = m.end
    return out
