"""Excerpts of the article around a finding: the context shown when editing its text, and the
before/after lines of a suggested fix."""

from __future__ import annotations

from dataclasses import dataclass

from tqkit.findings import Fix

FIX_CONTEXT = 30  # characters of the line shown either side of a fix


def edit_context(text: str, start: int, end: int, width: int = 40) -> str:
    """The flagged text in brackets with about ``width`` characters of its line either side,
    cut at word boundaries (an ellipsis where the line goes on)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    lo = max(line_start, start - width)
    if lo > line_start:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else start
    hi = min(line_end, end + width)
    if hi < line_end:
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else end
    before = ("…" if lo > line_start else "") + text[lo:start]
    after = text[end:hi].rstrip("\r") + ("…" if hi < line_end else "")
    return f"{before}⟦{text[start:end]}⟧{after}"


@dataclass(frozen=True)
class FixPreview:
    """A fix on its line: ``before``, then for each edit the unchanged text leading to it, the
    old text and its replacement, then ``after`` (ellipses where the line goes on)."""

    before: str
    changes: tuple[tuple[str, str, str], ...]
    after: str

    @property
    def old(self) -> str:
        return self.before + "".join(same + old for same, old, _ in self.changes) + self.after

    @property
    def new(self) -> str:
        return self.before + "".join(same + new for same, _, new in self.changes) + self.after


def fix_preview(text: str, fix: Fix, context: int = FIX_CONTEXT) -> FixPreview:
    """The line of ``text`` around ``fix`` (at most ``context`` characters either side)."""
    span = fix.span
    line_start = max(text.rfind("\n", 0, span.start) + 1, span.start - context)
    line_end = text.find("\n", span.end)
    line_end = min(line_end if line_end >= 0 else len(text), span.end + context)
    lead = "…" if line_start > 0 and text[line_start - 1] != "\n" else ""
    tail = "…" if line_end < len(text) and text[line_end] not in "\r\n" else ""
    changes: list[tuple[str, str, str]] = []
    pos = span.start
    for e in sorted(fix.edits, key=lambda x: x.start):
        changes.append((text[pos : e.start] if e.start > pos else "", text[e.start : e.end], e.replacement or ""))
        pos = e.end
    return FixPreview(
        lead + text[line_start : span.start], tuple(changes), text[span.end : line_end].rstrip("\r") + tail
    )
