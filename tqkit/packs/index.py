"""The pack matcher's candidate index (:class:`tqkit.packs.engine.Matcher`): for each literal
key (a folded word an anchor token can be), the pattern candidates it starts, with the gates
on the tokens next to the anchor (:mod:`tqkit.packs.gates`); and, per key, the candidates
bucketed by the one character their gate needs, so that a hit looks at the few candidates
whose gate its neighbour's character opens instead of testing every gate."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from tqkit.packs.compiler import anchor
from tqkit.packs.gates import CAP_GATE, DIGIT_GATE
from tqkit.packs.gates import edge as _edge
from tqkit.packs.gates import gate as _gate
from tqkit.packs.model import Entry
from tqkit.packs.pattern import GAP, Cond

# (entry index, pattern index, anchor index, neighbour offset, its condition, its gate, offset
# and gate of the other side): the neighbour is the token condition next to the anchor (not a
# gap), tested on the neighbouring token before the pattern is tried (most candidates fail
# there); the condition on the other side, when it is not a gap either, has a gate too
Candidate = tuple[int, int, int, int, Cond | None, Any, int, Any]
# candidate indices always tried; and, for each side (after the anchor, before it), those tried
# when the neighbour's edge character is a given one, is upper case, or is a digit
Side = tuple[dict[str, tuple[int, ...]], tuple[int, ...], tuple[int, ...]]
Buckets = tuple[tuple[int, ...], Side | None, Side | None]


def build_index(entries: Sequence[Entry]) -> tuple[dict[str, list[Candidate]], dict[str, Buckets]]:
    candidates: dict[str, list[Candidate]] = {}
    gates: dict[tuple[int, int], Any] = {}  # (id of the condition, side) -> its gate
    for ei, entry in enumerate(entries):
        anchors = entry.extra.get("anchors")
        for pi, conds in enumerate(entry.compiled):
            a = anchors[pi] if anchors else anchor(conds)
            after = conds[a + 1] if a + 1 < len(conds) and conds[a + 1][0] != GAP else None
            before = conds[a - 1] if a > 0 and conds[a - 1][0] != GAP else None
            off, ncond, off2, other = (1, after, -1, before) if after is not None else (-1, before, 0, None)
            if ncond is None:
                off = 0
            gate, gate2 = (_cached_gate(gates, c, o) for c, o in ((ncond, off), (other, off2)))
            cand = (ei, pi, a, off, ncond, gate, off2 if gate2 is not None else 0, gate2)
            for form in conds[a][1]:
                if form in candidates:
                    candidates[form].append(cand)
                else:
                    candidates[form] = [cand]
    return candidates, {}  # (a key's buckets are made the first time it is hit: most never are)


def _cached_gate(gates: dict[tuple[int, int], Any], c: Cond | None, off: int) -> Any:
    """The gate of condition ``c`` at ``off`` (a cached set shares its conditions between
    patterns, so a gate is made once per condition object)."""
    key = (id(c), off)
    if key not in gates:
        gates[key] = _gate(c, off) if off else None
    return gates[key]


def _buckets(cands: list[Candidate]) -> Buckets:
    always: list[int] = []
    chars: dict[int, dict[str, list[int]]] = {1: {}, -1: {}}
    classes: dict[tuple[int, str], list[int]] = {(o, k): [] for o in (1, -1) for k in (CAP_GATE, DIGIT_GATE)}
    for i, (_ei, _pi, _a, off, _nc, gate, _off2, _g2) in enumerate(cands):
        if off and isinstance(gate, frozenset):
            for ch in gate:
                chars[off].setdefault(ch, []).append(i)
        elif off and (off, gate) in classes:
            classes[off, gate].append(i)
        else:
            always.append(i)
    after, before = (
        ({ch: tuple(ix) for ch, ix in chars[o].items()}, tuple(classes[o, CAP_GATE]), tuple(classes[o, DIGIT_GATE]))
        for o in (1, -1)
    )
    return tuple(always), (after if any(after) else None), (before if any(before) else None)


def gated_hits(
    key_ends: Iterable[tuple[int, str]],
    candidates: Mapping[str, list[Candidate]],
    buckets: dict[str, Buckets],
    view: str,
    folded: str,
) -> Iterator[tuple[int, int, str, Sequence[int], list[int]]]:
    """``(start, end, key, candidate indices, edges)`` of every key in ``folded`` not preceded
    by a letter, digit, hyphen or underscore and not followed by a letter or digit, in order of
    ``key_ends`` (the offset of each key's last character), with the indices of the key's candidates worth trying there: those without a
    one-character gate, and those whose gate the neighbour's edge character opens (in the
    index's order). ``edges`` holds the neighbour edges found (at 1 and -1; -2: not looked
    for). Hits where no candidate is worth trying are left out."""
    n = len(folded)
    for last, key in key_ends:
        s = last - len(key) + 1
        if s > 0:
            ch = folded[s - 1]
            if ch.isalnum() or ch in "-_":
                continue
        e = last + 1
        if e < n and folded[e].isalnum():
            continue
        edge = [-2, -2, -2, -2, -2]
        bk = buckets.get(key)
        if bk is None:
            bk = buckets[key] = _buckets(candidates[key])
        always, after, before = bk
        if after is None and before is None:
            yield s, e, key, always, edge
            continue
        sel = list(always)
        for off, side in ((1, after), (-1, before)):
            if side is not None:
                # (the usual case inline: one space, then the neighbour's edge character)
                q = e + 1 if off > 0 else s - 2
                if 0 <= q < n and view[q - off] == " " and not view[q].isspace():
                    p = edge[off] = q
                else:
                    p = edge[off] = _edge(view, s, e, off)
                if p >= 0:
                    chars, cap, digit = side
                    sel += chars.get(folded[p], ())
                    if cap and view[p].isupper():
                        sel += cap
                    if digit and view[p].isdecimal():
                        sel += digit
        if sel:
            if len(sel) > 1:
                sel.sort()
            yield s, e, key, sel, edge
