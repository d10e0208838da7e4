"""Matching compiled pack entries (compiling: :mod:`tqkit.packs.compiler`): one Aho-Corasick pass over ``Document.folded`` finds
the literal anchor of every pattern; only there are the pattern's token conditions verified, on
the few tokens around the anchor. Cost grows with the length of the text, hardly with the
number of entries.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

from tqkit.document import TOKEN_RE
from tqkit.packs.compiler import width
from tqkit.packs.gates import edge as _edge
from tqkit.packs.gates import gate_ok as _gate_ok
from tqkit.packs.index import Buckets, Candidate, build_index, gated_hits
from tqkit.packs.keyscan import KeyScan
from tqkit.packs.model import Entry
from tqkit.packs.pattern import ANC, CLS, GAP, LIT, RX, Cond, opens
from tqkit.packs.resolve import leftmost_longest
from tqkit.text.fold import fold

SENTENCE_END = frozenset(".!?…")
MAX_RX_TOKEN = 64
MAX_REACH = 4096  # characters a pattern looks back from its anchor, at most
Tok = tuple[int, int, str, str]  # start, end, text, kind (a ``Document.tokens`` item)


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entry: Entry
    pattern: int
    caps: tuple[tuple[int, int], ...]  # char span of each pattern element ((-1, -1): none)
    forms: tuple[str, ...]  # folded text of the token matched by each `~` element
    first: int = 0  # index of the first token matched, and one past the last
    last: int = 0


# a candidate match: start, -end, entry index, the hit's end, minus its key's length, the
# candidate's index, and the match
Found = tuple[int, int, int, int, int, int, Match]


class Matcher:
    """Compiled entries, matched in one pass."""

    def __init__(self, entries: Sequence[Entry], index: Mapping[str, list[Candidate]] | None = None):
        """``index``: the candidate index of these entries when a cache holds it."""
        self.entries = list(entries)
        self._index(index)

    def _index(self, index: Mapping[str, list[Candidate]] | None = None) -> None:
        self.candidates: Mapping[str, list[Candidate]]
        self._buckets: dict[str, Buckets]
        if index is not None:
            self.candidates, self._buckets = index, {}
        else:
            self.candidates, self._buckets = build_index(self.entries)
        self.rules = frozenset(e.rule for e in self.entries)
        self._reach: dict[str, tuple[int, int]] = {}  # key -> tokens needed left and right
        self._keyscan: KeyScan | None = None

    def reach(self, key: str) -> tuple[int, int]:
        """Tokens the candidates of ``key`` need left and right of the anchor."""
        r = self._reach.get(key)
        if r is None:
            left = right = 0
            for ei, pi, a, *_ in self.candidates[key]:
                conds = self.entries[ei].compiled[pi]
                left = max(left, width(conds[:a]))
                right = max(right, width(conds[a + 1 :]))
            r = self._reach[key] = (left, right)
        return r

    @property
    def keyscan(self) -> KeyScan:
        """The scan for the keys' whole-word hits (:mod:`tqkit.packs.keyscan`)."""
        if self._keyscan is None:
            self._keyscan = KeyScan(self.candidates)
        return self._keyscan

    def _key_ends(self, folded: str) -> Iterator[tuple[int, str]]:
        """``(offset of the last character, key)`` of the keys found in ``folded`` as whole
        words."""
        return self.keyscan.hits(folded)

    def find(
        self,
        view: str,
        folded: str | None = None,
        source_at: Callable[[int], str | None] | None = None,
        accept: Callable[[Entry], bool] | None = None,
        tokens: Sequence[Tok] | None = None,
    ) -> list[Match]:
        """Non-overlapping matches (leftmost, then longest, then first entry). ``source_at(offset)``
        gives the folded source text aligned with an offset (``None``: no source), for
        ``context: source`` entries; ``accept`` filters entries before overlaps are resolved;
        ``tokens`` are the text's tokens when the caller has them (``Document.tokens``)."""
        if not self.candidates:
            return []
        if folded is None:
            folded = fold(view)
        return leftmost_longest(self._candidate_matches(view, folded, source_at, accept, tokens))

    def _candidate_matches(
        self,
        view: str,
        folded: str,
        source_at: Callable[[int], str | None] | None,
        accept: Callable[[Entry], bool] | None,
        tokens: Sequence[Tok] | None,
    ) -> list[Found]:
        """Every match of a candidate at an automaton hit, overlapping ones included, as
        ``(start, -end, entry index, match)``."""
        found: list[Found] = []
        starts = list(map(itemgetter(0), tokens)) if tokens is not None else None
        candidates = self.candidates
        entries = self.entries
        # (``edge``: where the neighbour token starts (1) or ends (-1), and the token next to the
        # anchor starts (2) or ends (-2) when masks are skipped; -1: none, -2: not looked for)
        for s, e, key, sel, edge in gated_hits(self.keyscan.raw_hits(folded), candidates, self._buckets, view, folded):
            toks: Sequence[Tok] = ()
            t = -1
            nb: list[Tok | None] = [None, None, None]  # neighbour tokens (index 1: after, -1: before)
            cands = candidates[key]
            for i in sel:
                cand = cands[i]
                ei, pi, a, off = cand[:4]
                if off and not _neighbours_ok(view, folded, s, e, cand, edge, nb):
                    continue
                entry = entries[ei]
                if accept is not None and not accept(entry):
                    continue
                if t < 0:
                    # the tokens around the anchor, once per hit (-1: no token starts there)
                    toks, t = self._anchor_tokens(view, s, key, tokens, starts)
                    if t < 0:
                        break
                m = _match_at(entry, pi, a, toks, t, view, folded)
                if m is None:
                    continue
                if entry.context == "source" and not _source_ok(entry, m, source_at):
                    continue
                if entry.compiled_unless and _excepted(entry, toks, view, folded, m, tokens is None):
                    continue
                # (ties broken as the automaton's order of hits would: by the hit's end, longer
                # key first, then the candidate's order)
                found.append((m.start, -m.end, ei, e, s - e, i, m))
        return found

    def _anchor_tokens(
        self, view: str, s: int, key: str, tokens: Sequence[Tok] | None, starts: list[int] | None
    ) -> tuple[Sequence[Tok], int]:
        """The tokens to match on and the index of the anchor token at ``s`` among them (-1 when
        no token starts at ``s``): the caller's ``tokens``, else a window around the anchor."""
        if tokens is not None and starts is not None:
            t = bisect_left(starts, s)
            return tokens, (t if t < len(starts) and starts[t] == s else -1)
        return _window(view, s, *self.reach(key))


def _neighbours_ok(
    view: str, folded: str, s: int, e: int, cand: Candidate, edge: list[int], nb: list[Tok | None]
) -> bool:
    """The candidate's gates open at the hit ``[s, e)`` and its neighbour token satisfies the
    condition next to the anchor (edges and neighbour tokens are cached in ``edge`` and ``nb``)."""
    _ei, _pi, _a, off, ncond, gate, off2, gate2 = cand
    if gate is not None:
        # a cheap test of the neighbour's first (last) character before the neighbour token
        # is made: most candidates fail here
        p = edge[off]
        if p == -2:
            p = edge[off] = _edge(view, s, e, off)
        if p < 0 or not _gate_ok(gate, view, folded, p):
            return False
    if off2:  # the same test on the other side (the token there, masks skipped)
        p = edge[2 * off2]
        if p == -2:
            p = edge[2 * off2] = _edge(view, s, e, off2, " \x00")
        if p < 0 or not _gate_ok(gate2, view, folded, p):
            return False
    tk = nb[off]
    if tk is None:
        tk = nb[off] = _neighbour(view, s, e, off) or _NO_TOKEN
    return tk is not _NO_TOKEN and ncond is not None and _tok_ok(ncond, tk, folded)


def _source_ok(entry: Entry, m: Match, source_at: Callable[[int], str | None] | None) -> bool:
    """A ``context: source`` entry applies: the aligned source text has one of its stems."""
    src = source_at(m.start) if source_at is not None else None
    stems = entry.source_match or (fold(entry.source),)
    return src is not None and any(st in src for st in stems)


_WORDISH = frozenset("'’-.,:\u0300\u0301\u0302\u0303\u0308")
_NO_TOKEN: Tok = (-1, -1, "", "")


def _neighbour(view: str, s: int, e: int, off: int) -> Tok | None:
    """The token after ``[s, e)`` (``off`` 1) or before it (-1)."""
    if off > 0:
        pos, n = e, len(view)
        while pos < n and view[pos].isspace():
            pos += 1
        m = TOKEN_RE.match(view, pos)
        return (m.start(), m.end(), m.group(), m.lastgroup or "other") if m else None
    pos = s
    while pos > 0 and view[pos - 1].isspace():
        pos -= 1
    if pos == 0:
        return None
    lo = pos - 1
    floor = max(0, pos - 64)
    while lo > floor and (view[lo - 1].isalnum() or view[lo - 1] in _WORDISH):
        lo -= 1
    last = None
    for m in TOKEN_RE.finditer(view, lo, pos):
        last = m
    if last is None or last.end() != pos:
        return None
    return (last.start(), last.end(), last.group(), last.lastgroup or "other")


def _window(view: str, s: int, left: int, right: int) -> tuple[list[Tok], int]:
    """Tokens around the anchor at ``s``: the ``left`` tokens before it and at least ``right``
    after it when the text has them; and the index of the anchor token (-1 when no token starts at s)."""
    after: list[Tok] = []
    for m in TOKEN_RE.finditer(view, s):
        after.append((m.start(), m.end(), m.group(), m.lastgroup or "other"))
        if len(after) > right:
            break
    if not after or after[0][0] != s:
        return [], -1
    if left == 0:
        return after, 0
    span = 10 * left + 16
    while True:
        lo = max(0, s - span)
        steps = 0
        while lo > 0 and not view[lo - 1].isspace() and steps < 64:
            lo -= 1
            steps += 1
        found = list(TOKEN_RE.finditer(view, lo, s))
        if len(found) >= left or lo == 0 or span > MAX_REACH:
            # (never further back than MAX_REACH characters: after a long masked stretch, a
            # pattern does not reach over it, and the cost per candidate stays bounded; only
            # the ``left`` tokens a pattern can reach are made)
            before = [(m.start(), m.end(), m.group(), m.lastgroup or "other") for m in found[-left:]]
            return before + after, len(before)
        span *= 4


def tokenize(view: str) -> list[Tok]:
    """The text's tokens, as ``Document.tokens`` has them: (start, end, text, kind)."""
    return [(m.start(), m.end(), m.group(), m.lastgroup or "other") for m in TOKEN_RE.finditer(view)]


def _barrier(view: str, toks: Sequence[Tok], i: int) -> bool:
    """A blank line (paragraph break) separates token i-1 from token i."""
    a, b = toks[i - 1][1], toks[i][0]
    if b - a < 2:
        return False
    first = view.find("\n", a, b)
    return first >= 0 and view.find("\n", first + 1, b) >= 0


def _tok_ok(c: Cond, tok: Tok, folded: str) -> bool:
    kind = c[0]
    if kind == LIT:
        f = folded[tok[0] : tok[1]]
        if f in c[1]:
            return c[2] is None or tok[2].replace("’", "'") == c[2]
        if c[3] and f.endswith("'s") and f[:-2] in c[1]:
            return True
        return any(_tok_ok(o, tok, folded) for o in c[6])
    if kind == RX:
        text = tok[2] if c[2] else folded[tok[0] : tok[1]]
        return len(text) <= MAX_RX_TOKEN and c[1].fullmatch(text) is not None
    if kind == CLS:
        name = c[1]
        if name == "NUM":
            return tok[3] == "num"
        if name == "CAP":
            return tok[3] == "word" and tok[2][:1].isupper()
        return tok[3] == "other"
    if kind == ANC:
        return opens(folded, tok[0], c[1]) and _tok_ok(c[2], tok, folded)
    return tok[2] not in SENTENCE_END and (len(c) < 4 or _tok_ok(c[3], tok, folded))  # a gap token


def _fwd(
    conds: tuple[Cond, ...],
    ci: int,
    toks: Sequence[Tok],
    ti: int,
    first: int,
    view: str,
    folded: str,
    caps: list[tuple[int, int]],
) -> int:
    """Match ``conds[ci:]`` from token ``ti`` on; the end token index, or -1. Gaps are lazy."""
    if ci == len(conds):
        return ti
    c = conds[ci]
    n = len(toks)
    if c[0] == GAP:
        for k in range(c[1], c[2] + 1):
            j = ti + k - 1  # the last token the gap takes
            if k > 0 and (j >= n or not _tok_ok(c, toks[j], folded) or (j > first and _barrier(view, toks, j))):
                return -1
            caps[ci] = (ti, ti + k)
            r = _fwd(conds, ci + 1, toks, ti + k, first, view, folded, caps)
            if r >= 0:
                return r
        return -1
    if ti >= n or not _tok_ok(c, toks[ti], folded) or (ti > first and _barrier(view, toks, ti)):
        return -1
    caps[ci] = (ti, ti + 1)
    return _fwd(conds, ci + 1, toks, ti + 1, first, view, folded, caps)


def _bwd(
    conds: tuple[Cond, ...], ci: int, toks: Sequence[Tok], ti: int, view: str, folded: str, caps: list[tuple[int, int]]
) -> int:
    """Match ``conds[ci], conds[ci-1] ... conds[0]`` leftwards ending at token ``ti``; the start
    token index, or -1. Gaps are lazy."""
    if ci < 0:
        return ti + 1
    c = conds[ci]
    if c[0] == GAP:
        for k in range(c[1], c[2] + 1):
            j = ti - k + 1  # the first token the gap takes
            if k > 0 and (j < 0 or not _tok_ok(c, toks[j], folded) or _barrier(view, toks, j + 1)):
                return -1
            caps[ci] = (ti - k + 1, ti + 1)
            r = _bwd(conds, ci - 1, toks, ti - k, view, folded, caps)
            if r >= 0:
                return r
        return -1
    if ti < 0 or not _tok_ok(c, toks[ti], folded) or _barrier(view, toks, ti + 1):
        return -1
    caps[ci] = (ti, ti + 1)
    return _bwd(conds, ci - 1, toks, ti - 1, view, folded, caps)


def _match_at(entry: Entry, pi: int, a: int, toks: Sequence[Tok], t: int, view: str, folded: str) -> Match | None:
    conds = entry.compiled[pi]
    if not _tok_ok(conds[a], toks[t], folded):
        return None
    caps: list[tuple[int, int]] = [(-1, -1)] * len(conds)
    caps[a] = (t, t + 1)
    end = _fwd(conds, a + 1, toks, t + 1, t, view, folded, caps)
    if end < 0:
        return None
    start = _bwd(conds, a - 1, toks, t - 1, view, folded, caps)
    if start < 0 or end <= start:
        return None
    n = len(toks)
    spans = tuple(
        (toks[x][0], toks[y - 1][1]) if y > x else ((toks[x][0], toks[x][0]) if x < n else (-1, -1)) for x, y in caps
    )
    forms = tuple(
        folded[toks[caps[i][0]][0] : toks[caps[i][0]][1]] for i, c in enumerate(conds) if c[0] == LIT and c[3]
    )
    return Match(toks[start][0], toks[end - 1][1], entry, pi, spans, forms, start, end)


def _excepted(entry: Entry, toks: Sequence[Tok], view: str, folded: str, m: Match, local: bool) -> bool:
    """An antipattern (``unless:``) matches a span overlapping the match. ``local``: ``toks`` is
    a window around the anchor, widened here to reach every antipattern."""
    first, last = m.first, m.last
    if local:
        reach = max(width(u) for u in entry.compiled_unless)
        toks, first = _window(view, m.start, reach, (m.last - m.first) + reach)
        last = first + (m.last - m.first)
    for conds in entry.compiled_unless:
        caps: list[tuple[int, int]] = [(-1, -1)] * len(conds)
        for i in range(max(0, first - width(conds) + 1), last):
            j = _fwd(conds, 0, toks, i, i, view, folded, caps)
            if j > i and toks[j - 1][1] > m.start:
                return True
    return False


def render(m: Match, view: str) -> list[str]:
    """The suggestions of a match, from the entry's templates (case not yet matched)."""
    out: list[str] = []
    for pieces in m.entry.templates:
        parts: list[str] = []
        for piece in pieces:
            if piece[0] == "t":
                parts.append(piece[1])
            elif piece[0] == "$":
                a, b = m.caps[piece[1] - 1]
                parts.append(view[a:b] if a >= 0 else "")
            else:
                k, table, word = piece[1], piece[2], piece[3]
                form = m.forms[k] if k < len(m.forms) else ""
                poss = ""
                if form not in table and form.endswith("'s"):
                    form, poss = form[:-2], "'s"
                parts.append(table.get(form, word) + poss)
        out.append(" ".join("".join(parts).split()))
    return out


def run_example(matcher: Matcher, entry: Entry, text: str, source: str | None) -> list[Match]:
    """The matches of ``entry`` in ``text`` (the whole set matched, so shadowing shows)."""
    src = fold(source) if source is not None else None
    return [m for m in matcher.find(text, fold(text), (lambda _o: src)) if m.entry is entry]
