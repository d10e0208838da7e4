"""Positions through edits: where a span, a fix or a finding of the old text is in the new one;
the edits that undo a change; the smallest edits that turn one text into another.

Used by the review session (undo, redo, findings moved with the text until the re-check) and
by the language server (findings of a paragraph placed in the whole document)."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Sequence

from tqkit.findings import Edit, Finding, Fix, Span


def _in_order(edits: Iterable[Edit]) -> list[Edit]:
    return sorted(edits, key=lambda x: (x.start, x.end))


def map_span(span: Span, edits: Sequence[Edit]) -> Span | None:
    """Where ``span`` of the old text is in the text after ``edits``; ``None`` when an edit
    touches the text it covers (or inserts inside it)."""
    delta = 0
    for e in _in_order(edits):
        grow = len(e.replacement) - (e.end - e.start)
        if e.start == e.end:  # an insertion at a point
            if e.start < span.start or (e.start == span.start and len(span)):
                delta += grow
            elif e.start > span.end or (e.start == span.end and len(span)):
                continue
            else:
                return None
        elif e.end <= span.start:
            delta += grow
        elif e.start >= span.end:
            continue
        else:
            return None
    return Span(span.start + delta, span.end + delta)


def map_point(offset: int, edits: Sequence[Edit]) -> int:
    """Where ``offset`` of the old text is after ``edits``; a point inside a replaced range goes
    to the end of its replacement (so a span mapped point by point never turns inside out)."""
    delta = 0
    for e in _in_order(edits):
        if e.end <= offset and not (e.start == e.end == offset):
            delta += len(e.replacement) - (e.end - e.start)
        elif e.start < offset:
            return e.start + delta + len(e.replacement)
        else:
            break
    return offset + delta


def map_fix(fix: Fix, edits: Sequence[Edit]) -> Fix | None:
    """``fix`` carried through ``edits``; ``None`` when an edit touches one of its edits."""
    moved: list[Edit] = []
    for e in fix.edits:
        span = map_span(e.span, edits)
        if span is None:
            return None
        moved.append(Edit(span, e.replacement))
    return Fix(fix.title, tuple(moved), fix.safe)


def map_finding(finding: Finding, edits: Sequence[Edit]) -> Finding | None:
    """``finding`` carried through ``edits``: ``None`` when its span was touched; fixes whose
    text was touched are dropped."""
    span = map_span(finding.span, edits)
    if span is None:
        return None
    fixes = tuple(fx for fx in (map_fix(f, edits) for f in finding.fixes) if fx is not None)
    return dataclasses.replace(finding, span=span, fixes=fixes)


def shift_finding(finding: Finding, delta: int) -> Finding:
    """``finding`` (and its fixes) moved ``delta`` characters along: a finding of a stretch of
    text placed at its offset in the whole text."""
    if delta == 0:
        return finding
    fixes = tuple(
        Fix(x.title, tuple(Edit(Span(e.start + delta, e.end + delta), e.replacement) for e in x.edits), x.safe)
        for x in finding.fixes
    )
    span = Span(finding.span.start + delta, finding.span.end + delta)
    return dataclasses.replace(finding, span=span, fixes=fixes)


def inverse_edits(text: str, edits: Sequence[Edit]) -> tuple[Edit, ...]:
    """Edits that turn ``apply_edits(text, edits)`` back into ``text``."""
    out: list[Edit] = []
    delta = 0
    for e in _in_order(edits):
        start = e.start + delta
        out.append(Edit(Span(start, start + len(e.replacement)), text[e.start : e.end]))
        delta += len(e.replacement) - (e.end - e.start)
    return tuple(out)


def safe_fix_edits(findings: Iterable[Finding]) -> tuple[int, tuple[Edit, ...]]:
    """The safe fixes ``tqkit check --fix`` would apply to ``findings``: how many fixes were
    chosen, and their edits without overlaps (one pass, left to right)."""
    # the engine loads on first use, after the review app has painted (start-up time)
    from tqkit.fixes import chosen_fixes, non_overlapping

    pairs = chosen_fixes(list(findings), unsafe=False)
    return len(pairs), tuple(non_overlapping(pairs))


def _common_ends(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common prefix and of the common suffix (not overlapping the prefix)."""
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    q = 0
    while q < limit - p and old[len(old) - 1 - q] == new[len(new) - 1 - q]:
        q += 1
    return p, q


def _offsets(parts: Sequence[str]) -> list[int]:
    out = [0]
    for part in parts:
        out.append(out[-1] + len(part))
    return out


def diff_edits(old: str, new: str) -> list[Edit]:
    """Small edits turning ``old`` into ``new``: a line diff, each hunk trimmed to the characters
    that differ (so unchanged line breaks are never rewritten)."""
    if old == new:
        return []
    # common prefix and suffix first: most sessions change a few places
    p, q = _common_ends(old, new)
    a_mid, b_mid = old[p : len(old) - q], new[p : len(new) - q]
    a_lines = a_mid.splitlines(keepends=True)
    b_lines = b_mid.splitlines(keepends=True)
    if len(a_lines) <= 1 or len(b_lines) <= 1:
        return _token_edits(a_mid, b_mid, p)
    a_off, b_off = _offsets(a_lines), _offsets(b_lines)
    edits: list[Edit] = []
    sm = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        a_chunk = a_mid[a_off[i1] : a_off[i2]]
        b_chunk = b_mid[b_off[j1] : b_off[j2]]
        s, t = _common_ends(a_chunk, b_chunk)
        edits.extend(_token_edits(a_chunk[s : len(a_chunk) - t], b_chunk[s : len(b_chunk) - t], p + a_off[i1] + s))
    return edits


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_TOKEN_DIFF_LIMIT = 200_000  # characters; longer hunks stay one edit (the word diff would be slow)


def _token_edits(old: str, new: str, offset: int) -> list[Edit]:
    """Edits turning ``old`` (at ``offset`` in the full text) into ``new``, one per run of
    changed words, so two fixes in one paragraph stay two edits: a DOCX or HTML writer then
    keeps the runs and markup between them instead of rewriting everything in between."""
    if old == new:
        return []
    if not old or not new or len(old) + len(new) > _TOKEN_DIFF_LIMIT:
        return [Edit(Span(offset, offset + len(old)), new)]
    a = _TOKEN.findall(old)
    b = _TOKEN.findall(new)
    a_off, b_off = _offsets(a), _offsets(b)
    out: list[Edit] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag != "equal":
            out.append(Edit(Span(offset + a_off[i1], offset + a_off[i2]), new[b_off[j1] : b_off[j2]]))
    return out
