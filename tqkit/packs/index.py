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
# candidate indices always tried; and, for each side (the edge index: 1 after the anchor, -1
# before it, 2 and -2 the same with masks skipped), those tried when that edge's character is a
# given one, is upper case, or is a digit
Side = tuple[int, dict[str, tuple[int, ...]], tuple[int, ...], tuple[int, ...]]
Buckets = tuple[tuple[int, ...], tuple[Side, ...]]


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


def _bucketable(gate: Any) -> bool:
    return isinstance(gate, frozenset) or gate in (CAP_GATE, DIGIT_GATE)


def _buckets(cands: list[Candidate]) -> Buckets:
    """A key's candidates bucketed by one gate each: the gate of the neighbour condition when it
    has one, else the gate on the other side (the dialogue-dash opening, whose words are common
    and whose dash is rare), else none (always tried)."""
    always: list[int] = []
    sides: dict[int, tuple[dict[str, list[int]], list[int], list[int]]] = {}
    for i, (_ei, _pi, _a, off, _nc, gate, off2, gate2) in enumerate(cands):
        if off and _bucketable(gate):
            where, g = off, gate
        elif off2 and _bucketable(gate2):
            where, g = 2 * off2, gate2
        else:
            always.append(i)
            continue
        chars, cap, digit = sides.setdefault(where, ({}, [], []))
        if g == CAP_GATE:
            cap.append(i)
        elif g == DIGIT_GATE:
            digit.append(i)
        else:
            for ch in g:
                chars.setdefault(ch, []).append(i)
    return tuple(always), tuple(
        (where, {ch: tuple(ix) for ch, ix in chars.items()}, tuple(cap), tuple(digit))
        for where, (chars, cap, digit) in sorted(sides.items())
    )


def _edge_at(view: str, s: int, e: int, where: int) -> int:
    """The edge ``where`` of a hit ``[s, e)``: where the neighbour after it starts (1) or the
    one before it ends (-1), or the same with masks skipped (2, -2) (:func:`tqkit.packs.gates.edge`)."""
    off = 1 if where > 0 else -1
    return _edge(view, s, e, off) if where in (1, -1) else _edge(view, s, e, off, " \x00")


def gated_hits(
    key_ends: Iterable[tuple[int, str]],
    candidates: Mapping[str, list[Candidate]],
    buckets: dict[str, Buckets],
    view: str,
    folded: str,
) -> Iterator[tuple[int, int, str, Sequence[int], list[int]]]:
    """``(start, end, key, candidate indices, edges)`` of every key hit of ``key_ends`` (the
    offset of each key's last character: :meth:`tqkit.packs.keyscan.KeyScan.raw_hits`) that is
    a whole word (:meth:`~tqkit.packs.keyscan.KeyScan.hits`), with the indices of the key's candidates worth trying there:
    those without a one-character gate, and those whose gate the neighbour's edge character
    opens (in the index's order). ``edges`` holds the neighbour edges found (at 1, -1, 2 and
    -2; -2: not looked for). Hits where no candidate is worth trying are left out."""
    n = len(view)
    get = buckets.get
    for last, key in key_ends:
        e = last + 1
        s = e - len(key)
        # (a whole word only: tested inline, a generator of its own costs as much)
        if (s > 0 and (folded[s - 1].isalnum() or folded[s - 1] in "-_")) or (e < n and folded[e].isalnum()):
            continue
        edge = [-2, -2, -2, -2, -2]
        bk = get(key)
        if bk is None:
            bk = buckets[key] = _buckets(candidates[key])
        always, sides = bk
        if not sides:
            yield s, e, key, always, edge
            continue
        sel = list(always)
        for where, chars, cap, digit in sides:
            # (the usual case inline: one space, then the neighbour's edge character)
            if where > 0:
                q = e + 1
                ok = q < n and view[e] == " "
            else:
                q = s - 2
                ok = q >= 0 and view[s - 1] == " "
            if ok:
                ch = view[q]
                ok = not ch.isspace() and (ch != "\x00" or where == 1 or where == -1)
            p = edge[where] = q if ok else _edge_at(view, s, e, where)
            if p >= 0:
                got = chars.get(folded[p])
                if got:
                    sel += got
                if cap and view[p].isupper():
                    sel += cap
                if digit and view[p].isdecimal():
                    sel += digit
        if sel:
            if len(sel) > 1:
                sel.sort()
            yield s, e, key, sel, edge
