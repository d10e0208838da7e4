"""Compiled pack data decoded on first use (for :mod:`tqkit.packs.cache`).

A check on an article reaches a few hundred of the 1,000-odd entries and a few hundred of the
thousands of literal keys of the index; decoding all of them cost more than checking the
article. So a cached set keeps, per entry, the fields the loader and the engine's filters read
(id, pack, rule, kind, language, context, severity, where) decoded, and the rest (patterns,
messages, examples, compiled conditions, templates) as one ``marshal`` blob decoded the first
time any of them is read (:class:`CachedEntry`); the candidate index of a matcher is a mapping
whose per-key candidates are decoded the first time the key is hit (:class:`LazyCandidates`);
conditions are decoded the first time a pattern needs them (:class:`Conds`). Values are those a
freshly compiled set has, so matches are the same.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterator
from typing import Any

from tqkit.packs.gates import CAP_GATE, DIGIT_GATE
from tqkit.packs.model import Entry, Example
from tqkit.packs.pattern import ANC, CLS, GAP, LIT, RX, check_regex

# the fields decoded on first use (every other field of an entry is decoded at load)
COLD_FIELDS = (
    "patterns",
    "message",
    "suggest",
    "category",
    "source",
    "source_lang",
    "reference",
    "safe",
    "source_match",
    "unless",
    "fires",
    "quiet",
    "compiled",
    "compiled_unless",
    "templates",
    "extra",
)
_GATES = {CAP_GATE: CAP_GATE, DIGIT_GATE: DIGIT_GATE}


class LazyRegex:
    """A pack's regex token, compiled (after the linear-safety check) the first time a token is
    tested against it: most of a set's regexes are never reached on a given text. A source that
    fails the check (a tampered cache entry) never matches."""

    __slots__ = ("_rx", "flags", "pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags
        self._rx: re.Pattern[str] | None = None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        rx = self._rx
        if rx is None:
            try:
                check_regex(self.pattern)
                rx = re.compile(self.pattern, self.flags)
            except (ValueError, re.error):  # (PatternError is a ValueError)
                rx = re.compile(r"(?!)")
            self._rx = rx
        return rx.fullmatch(text)


def enc_cond(c: tuple[Any, ...]) -> tuple[Any, ...]:
    """A compiled condition as plain data (regexes as their source)."""
    kind = c[0]
    if kind == LIT:
        return (LIT, tuple(sorted(c[1])), c[2], bool(c[3]), c[4], tuple(enc_cond(o) for o in c[6]))
    if kind == GAP:  # (an optional token ``tok?`` carries its condition)
        return (GAP, c[1], c[2]) if len(c) < 4 else (GAP, c[1], c[2], enc_cond(c[3]))
    if kind == RX:
        return (RX, c[1].pattern, bool(c[2]))
    if kind == ANC:
        return (ANC, c[1], enc_cond(c[2]))
    return (CLS, c[1])


def dec_cond(c: Any, regexes: dict[tuple[str, bool], LazyRegex]) -> tuple[Any, ...]:
    kind = c[0]
    if kind == LIT:
        others = tuple(dec_cond(o, regexes) for o in c[5]) if c[5] else ()
        return (LIT, frozenset(c[1]), c[2], bool(c[3]), int(c[4]), None, others)
    if kind == GAP:
        if len(c) > 3:
            return (GAP, int(c[1]), int(c[2]), dec_cond(c[3], regexes))
        return (GAP, int(c[1]), int(c[2]))
    if kind == ANC:
        return (ANC, str(c[1]), dec_cond(c[2], regexes))
    if kind == RX:
        k = (str(c[1]), bool(c[2]))
        rx = regexes.get(k)
        if rx is None:
            rx = regexes[k] = LazyRegex(k[0], 0 if k[1] else re.I)
        return (RX, rx, k[1])
    return (CLS, c[1])


class Conds:
    """The set's condition table (patterns share many conditions), each decoded when first
    needed; a condition is one object wherever it is used."""

    __slots__ = ("_done", "_raw", "_regexes")

    def __init__(self, raw: tuple[bytes, ...]) -> None:
        self._raw = raw  # each condition's ``marshal`` blob (thousands of tuples not built)
        self._done: list[tuple[Any, ...] | None] = [None] * len(raw)
        self._regexes: dict[tuple[str, bool], LazyRegex] = {}

    def __getitem__(self, i: int) -> tuple[Any, ...]:
        c = self._done[i]
        if c is None:
            c = self._done[i] = dec_cond(marshal.loads(self._raw[i]), self._regexes)
        return c


class _Cold:
    """A field of :class:`CachedEntry` read from the entry's blob on first access (a non-data
    descriptor: once decoded, the instance's own value is found first)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        obj.thaw()
        return obj.__dict__[self.name]


class CachedEntry(Entry):
    """An :class:`~tqkit.packs.model.Entry` from the cache: its cold fields are decoded on first
    access (see the module's docstring)."""

    def thaw(self) -> None:
        d = self.__dict__
        cold = d.get("_cold")
        if cold is None:
            return
        blob, conds = cold
        v = dict(zip(COLD_FIELDS, marshal.loads(blob), strict=True))
        v["fires"] = tuple(map(Example._make, v["fires"]))
        v["quiet"] = tuple(map(Example._make, v["quiet"]))
        v["compiled"] = tuple(tuple(conds[i] for i in p) for p in v["compiled"])
        v["compiled_unless"] = tuple(tuple(conds[i] for i in p) for p in v["compiled_unless"])
        for name, value in v.items():
            d.setdefault(name, value)  # (a field set before it was read keeps its new value)
        d.pop("_cold", None)  # (last: a thread reading a field meanwhile finds every value set)


for _name in COLD_FIELDS:
    _field = _Cold()
    _field.__set_name__(CachedEntry, _name)
    setattr(CachedEntry, _name, _field)


def enc_cold(e: Entry, ref: Any) -> bytes:
    """The cold fields of ``e`` as one blob (conditions as indices into the set's table)."""
    values = {
        **{f: getattr(e, f) for f in COLD_FIELDS},
        "fires": tuple(tuple(x) for x in e.fires),
        "quiet": tuple(tuple(x) for x in e.quiet),
        "compiled": tuple(tuple(ref(c) for c in conds) for conds in e.compiled),
        "compiled_unless": tuple(tuple(ref(c) for c in conds) for conds in e.compiled_unless),
        "templates": tuple(tuple(_plain_piece(p) for p in t) for t in e.templates),
        "extra": {"anchors": tuple(e.extra.get("anchors", ()))},
        "patterns": tuple(e.patterns),
        "suggest": tuple(e.suggest),
        "source_match": tuple(e.source_match),
        "unless": tuple(e.unless),
    }
    return marshal.dumps(tuple(values[f] for f in COLD_FIELDS))


def _plain_piece(p: tuple[Any, ...]) -> tuple[Any, ...]:
    return ("~", p[1], dict(p[2]), p[3]) if p[0] == "~" else tuple(p)


def enc_candidates(cands: list[Any], ref: Any) -> bytes:
    """One key's candidates (:data:`tqkit.packs.index.Candidate`) as a blob: the neighbour
    condition as an index into the condition table, gates as plain data."""
    return marshal.dumps(
        tuple((ei, pi, a, off, -1 if nc is None else ref(nc), g, off2, g2) for ei, pi, a, off, nc, g, off2, g2 in cands)
    )


class LazyCandidates(dict[str, list[Any]]):
    """A matcher's candidate index (key -> candidates), each key's candidates decoded the first
    time the key is hit (``__missing__``: after that a lookup is a plain dict lookup). Its keys,
    length and membership are those of the whole index."""

    __slots__ = ("_conds", "_raw")

    def __init__(self, raw: dict[str, bytes], conds: Conds) -> None:
        super().__init__()
        self._raw = raw
        self._conds = conds

    def __missing__(self, key: str) -> list[Any]:
        conds = self._conds
        got = [
            (
                ei,
                pi,
                a,
                off,
                None if nc < 0 else conds[nc],
                _GATES.get(g, g) if isinstance(g, str) else g,
                off2,
                _GATES.get(g2, g2) if isinstance(g2, str) else g2,
            )
            for ei, pi, a, off, nc, g, off2, g2 in marshal.loads(self._raw[key])
        ]
        self[key] = got
        return got

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._raw else default

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __bool__(self) -> bool:
        return bool(self._raw)

    def keys(self) -> Any:
        return self._raw.keys()

    def items(self) -> Any:
        return ((k, self[k]) for k in self._raw)

    def values(self) -> Any:
        return (self[k] for k in self._raw)
