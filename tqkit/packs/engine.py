"""Compiling pack entries and matching them: one Aho-Corasick pass over ``Document.folded`` finds
the literal anchor of every pattern; only there are the pattern's token conditions verified, on
the few tokens around the anchor. Cost grows with the length of the text, hardly with the
number of entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tqkit.document import _TOKEN_RE, fold
from tqkit.packs.model import Entry
from tqkit.packs.pattern import CLS, GAP, LIT, RX, Cond, PatternError, parse_pattern

SENTENCE_END = frozenset(".!?…")
MAX_RX_TOKEN = 64
# words never chosen as a pattern's anchor when the pattern has another literal
_COMMON = frozenset(
    "the a an of in on at to for by with and or as is are was were be been it its this that "
    "these those from not no has have had do does did will would can could should may he she "
    "they we you i his her their our".split()
)
_TEMPLATE_RE = re.compile(r"\$(\d+)|([^\W\d_][\w'’\-]*)~")

Tok = tuple[int, int, str, str, str]  # start, end, text, folded text, kind


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entry: Entry
    pattern: int
    caps: tuple[tuple[int, int], ...]  # char span of each pattern element ((-1, -1): none)
    forms: tuple[str, ...]  # folded text of the token matched by each `~` element


# -- compiling --------------------------------------------------------------------------------

def compile_entry(entry: Entry) -> Entry:
    """Parse the entry's patterns, antipatterns and suggestion templates (raises PatternError)."""
    from tqkit.packs.inflect import inflections

    def infl(word: str) -> dict[str, str]:
        return {form: ",".join(tags) for form, tags in inflections(word).items()}

    parsed = [parse_pattern(p, infl) for p in entry.patterns]
    unless = [parse_pattern(p, infl) for p in entry.unless]
    entry.compiled = tuple(p.conds for p in parsed)
    entry.compiled_unless = tuple(p.conds for p in unless)
    entry.templates = tuple(_template(s, entry.compiled) for s in entry.suggest)
    return entry


def _template(text: str, patterns: Sequence[tuple[Cond, ...]]) -> tuple[tuple[Any, ...], ...]:
    """Pieces of a suggestion: ``("t", text)``, ``("$", n)`` or ``("~", k, {form: word}, word)``."""
    from tqkit.packs.inflect import inflect_as

    pieces: list[tuple[Any, ...]] = []
    pos = 0
    k = 0
    shortest = min(len(p) for p in patterns)
    for m in _TEMPLATE_RE.finditer(text):
        if m.start() > pos:
            pieces.append(("t", text[pos:m.start()]))
        pos = m.end()
        if m.group(1) is not None:
            n = int(m.group(1))
            if not 1 <= n <= shortest:
                raise PatternError(f"suggestion {text!r}: ${n} but the pattern has {shortest} tokens")
            pieces.append(("$", n))
            continue
        word = m.group(2)
        table: dict[str, str] = {}
        for conds in patterns:
            tilde = [c for c in conds if c[0] == LIT and c[3]]
            if k >= len(tilde):
                raise PatternError(f"suggestion {text!r}: `{word}~` has no matching `~` token in "
                                   "the pattern to take its inflection from")
            for form, tags in tilde[k][5].items():
                table.setdefault(form, inflect_as(word, tuple(t for t in tags.split(",") if t)))
        pieces.append(("~", k, table, word))
        k += 1
    if pos < len(text):
        pieces.append(("t", text[pos:]))
    return tuple(pieces)


def _width(conds: Iterable[Cond]) -> int:
    return sum(c[2] if c[0] == GAP else 1 for c in conds)


def _anchor(conds: tuple[Cond, ...]) -> int:
    """The literal token to look for: not a common word if possible, then the longest."""
    best, best_score = -1, (-1, -1)
    for i, c in enumerate(conds):
        if c[0] != LIT:
            continue
        common = any(f in _COMMON for f in c[1])
        score = (0 if common else 1, min(len(f) for f in c[1]))
        if score > best_score:
            best, best_score = i, score
    return best


class Matcher:
    """Compiled entries, matched in one pass."""

    def __init__(self, entries: Sequence[Entry]):
        self.entries = list(entries)
        # key -> [(entry index, pattern index, anchor index)]
        self.candidates: dict[str, list[tuple[int, int, int]]] = {}
        self.reach: dict[str, tuple[int, int]] = {}  # key -> tokens needed left, right
        for ei, entry in enumerate(self.entries):
            extra = max((_width(u) for u in entry.compiled_unless), default=0)
            for pi, conds in enumerate(entry.compiled):
                a = _anchor(conds)
                left = _width(conds[:a]) + extra
                right = _width(conds[a + 1:]) + extra
                for form in conds[a][1]:
                    self.candidates.setdefault(form, []).append((ei, pi, a))
                    lo, hi = self.reach.get(form, (0, 0))
                    self.reach[form] = (max(lo, left), max(hi, right))
        self._automaton: Any = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_automaton"] = None
        return state

    @property
    def automaton(self) -> Any:
        if self._automaton is None and self.candidates:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for key in self.candidates:
                automaton.add_word(key, key)
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def find(self, view: str, folded: str | None = None,
             source_at: Callable[[int], str | None] | None = None,
             accept: Callable[[Entry], bool] | None = None) -> list[Match]:
        """Non-overlapping matches (leftmost, then longest, then first entry). ``source_at(offset)``
        gives the folded source text aligned with an offset (``None``: no source), for
        ``context: source`` entries; ``accept`` filters entries before overlaps are resolved."""
        automaton = self.automaton
        if automaton is None:
            return []
        if folded is None:
            folded = fold(view)
        n = len(folded)
        found: list[tuple[int, int, int, Match]] = []
        seen: set[tuple[int, int, int]] = set()
        for end, key in automaton.iter(folded):
            s = end - len(key) + 1
            if s > 0:
                ch = folded[s - 1]
                if ch.isalnum() or ch in "-_":
                    continue
            e = end + 1
            if e < n and folded[e].isalnum():
                continue
            toks, t = _window(view, folded, s, *self.reach[key])
            if t < 0:
                continue
            barrier = _barriers(view, toks)
            for ei, pi, a in self.candidates[key]:
                if (ei, pi, s) in seen:
                    continue
                entry = self.entries[ei]
                if accept is not None and not accept(entry):
                    continue
                m = _match_at(entry, pi, a, toks, t, barrier)
                if m is None:
                    continue
                seen.add((ei, pi, s))
                if entry.context == "source":
                    src = source_at(m.start) if source_at is not None else None
                    stems = entry.source_match or (fold(entry.source),)
                    if src is None or not any(st in src for st in stems):
                        continue
                if entry.compiled_unless and _excepted(entry, toks, barrier, m):
                    continue
                found.append((m.start, -m.end, ei, m))
        found.sort(key=lambda item: item[:3])
        out: list[Match] = []
        last_end = -1
        for start, _neg_end, _ei, m in found:
            if start >= last_end:
                out.append(m)
                last_end = m.end
        return out


def _window(view: str, folded: str, s: int, left: int, right: int) -> tuple[list[Tok], int]:
    """Tokens around the anchor at ``s``: at least ``left`` before it and ``right`` after it
    when the text has them; and the index of the anchor token (-1 when no token starts at s)."""
    n = len(view)
    span = 24
    while True:
        lo = max(0, s - span * left - 1)
        steps = 0
        while lo > 0 and not view[lo - 1].isspace() and steps < 64:
            lo -= 1
            steps += 1
        hi = min(n, s + span * (right + 1) + 1)
        steps = 0
        while hi < n and not view[hi].isspace() and steps < 64:
            hi += 1
            steps += 1
        toks: list[Tok] = []
        t = -1
        for m in _TOKEN_RE.finditer(view, lo, hi):
            a, b = m.span()
            if a == s:
                t = len(toks)
            toks.append((a, b, m.group(), folded[a:b], m.lastgroup or "other"))
        if t < 0:
            return toks, -1
        if (t >= left or lo == 0) and (len(toks) - t - 1 >= right or hi >= n):
            return toks, t
        span *= 4


def _barriers(view: str, toks: list[Tok]) -> list[bool]:
    """``b[i]``: a blank line (paragraph break) separates token i-1 from token i."""
    out = [False] * len(toks)
    for i in range(1, len(toks)):
        gap = view[toks[i - 1][1]:toks[i][0]]
        if gap.count("\n") >= 2:
            out[i] = True
    return out


def _tok_ok(c: Cond, tok: Tok) -> bool:
    kind = c[0]
    if kind == LIT:
        f = tok[3]
        if f in c[1]:
            return c[2] is None or tok[2].replace("’", "'") == c[2]
        return bool(c[3]) and f.endswith("'s") and f[:-2] in c[1]
    if kind == RX:
        text = tok[2] if c[2] else tok[3]
        return len(text) <= MAX_RX_TOKEN and c[1].fullmatch(text) is not None
    if kind == CLS:
        name = c[1]
        if name == "NUM":
            return tok[4] == "num"
        if name == "CAP":
            return tok[4] == "word" and tok[2][:1].isupper()
        return tok[4] == "other"
    return tok[2] not in SENTENCE_END  # a gap token


def _fwd(conds: tuple[Cond, ...], ci: int, toks: list[Tok], ti: int, first: int,
         barrier: list[bool], caps: list[tuple[int, int]]) -> int:
    """Match ``conds[ci:]`` from token ``ti`` on; the end token index, or -1. Gaps are lazy."""
    if ci == len(conds):
        return ti
    c = conds[ci]
    n = len(toks)
    if c[0] == GAP:
        for k in range(c[1], c[2] + 1):
            j = ti + k - 1  # the last token the gap takes
            if k > 0 and (j >= n or not _tok_ok(c, toks[j]) or (j > first and barrier[j])):
                return -1
            caps[ci] = (ti, ti + k)
            r = _fwd(conds, ci + 1, toks, ti + k, first, barrier, caps)
            if r >= 0:
                return r
        return -1
    if ti >= n or (ti > first and barrier[ti]) or not _tok_ok(c, toks[ti]):
        return -1
    caps[ci] = (ti, ti + 1)
    return _fwd(conds, ci + 1, toks, ti + 1, first, barrier, caps)


def _bwd(conds: tuple[Cond, ...], ci: int, toks: list[Tok], ti: int, barrier: list[bool],
         caps: list[tuple[int, int]]) -> int:
    """Match ``conds[ci], conds[ci-1] ... conds[0]`` leftwards ending at token ``ti``; the start
    token index, or -1. Gaps are lazy."""
    if ci < 0:
        return ti + 1
    c = conds[ci]
    if c[0] == GAP:
        for k in range(c[1], c[2] + 1):
            j = ti - k + 1  # the first token the gap takes
            if k > 0 and (j < 0 or not _tok_ok(c, toks[j]) or barrier[j + 1]):
                return -1
            caps[ci] = (ti - k + 1, ti + 1)
            r = _bwd(conds, ci - 1, toks, ti - k, barrier, caps)
            if r >= 0:
                return r
        return -1
    if ti < 0 or barrier[ti + 1] or not _tok_ok(c, toks[ti]):
        return -1
    caps[ci] = (ti, ti + 1)
    return _bwd(conds, ci - 1, toks, ti - 1, barrier, caps)


def _match_at(entry: Entry, pi: int, a: int, toks: list[Tok], t: int,
              barrier: list[bool]) -> Match | None:
    conds = entry.compiled[pi]
    if not _tok_ok(conds[a], toks[t]):
        return None
    caps: list[tuple[int, int]] = [(-1, -1)] * len(conds)
    caps[a] = (t, t + 1)
    end = _fwd(conds, a + 1, toks, t + 1, t, barrier, caps)
    if end < 0:
        return None
    start = _bwd(conds, a - 1, toks, t - 1, barrier, caps)
    if start < 0:
        return None
    return _make_match(entry, pi, conds, toks, start, end, caps)


def _make_match(entry: Entry, pi: int, conds: tuple[Cond, ...], toks: list[Tok], start: int,
                end: int, caps: list[tuple[int, int]]) -> Match | None:
    if end <= start:
        return None
    spans = tuple(
        (toks[a][0], toks[b - 1][1]) if b > a else ((toks[a][0], toks[a][0]) if a < len(toks) else (-1, -1))
        for a, b in caps
    )
    forms = tuple(toks[caps[i][0]][3] for i, c in enumerate(conds) if c[0] == LIT and c[3])
    return Match(toks[start][0], toks[end - 1][1], entry, pi, spans, forms)


def _excepted(entry: Entry, toks: list[Tok], barrier: list[bool], m: Match) -> bool:
    """An antipattern (``unless:``) matches a span overlapping the match."""
    for conds in entry.compiled_unless:
        caps: list[tuple[int, int]] = [(-1, -1)] * len(conds)
        for i in range(len(toks)):
            if toks[i][0] >= m.end:
                break
            j = _fwd(conds, 0, toks, i, i, barrier, caps)
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
