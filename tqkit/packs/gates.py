"""Cheap tests before the pack matcher tokenises a candidate's neighbour: one character of the
text decides, for most candidates, that the neighbouring token cannot satisfy the condition
next to the anchor (an upper-case letter for ``<CAP>``, a digit for ``<NUM>``, the first or last
letters of a word list or of a ``/regex/``). A gate is a necessary condition only, so matches
are unchanged."""

from __future__ import annotations

import re
from typing import Any

from tqkit.packs.pattern import ANC, CLS, LIT, RX, Cond

CAP_GATE = "CAP"
DIGIT_GATE = "DIGIT"


def gate(c: Cond | None, off: int) -> Any:
    """A necessary condition on one character for the neighbour token (after the anchor: its
    first character; before it: its last) to satisfy ``c``: ``CAP_GATE`` (an upper-case first
    letter), ``DIGIT_GATE`` (a decimal digit), a set of folded characters, or ``None`` (no cheap
    test)."""
    if c is None:
        return None
    if c[0] == ANC:
        return gate(c[2], off)
    if c[0] == CLS:
        if c[1] == "CAP" and off > 0:
            return CAP_GATE
        return DIGIT_GATE if c[1] == "NUM" else None
    if c[0] == RX:
        return regex_gate(c[1].pattern, c[1].flags, off > 0)
    if c[0] != LIT or c[6] or not c[1] or "" in c[1]:
        return None
    if off > 0:
        return frozenset(f[0] for f in c[1])
    return frozenset(f[-1] for f in c[1]) | ({"s"} if c[3] else set())


def edge(view: str, s: int, e: int, off: int, skip: str = "") -> int:
    """The offset of the neighbour token's first character (``off`` 1: the token after
    ``[s, e)``) or last character (-1: the token before it), skipping white space as
    :func:`tqkit.packs.engine._neighbour` does, and the characters of ``skip`` (the masks that
    no token holds, to find the next token of ``Document.tokens``); -1 when the text ends
    (starts) there."""
    if off > 0:
        pos, n = e, len(view)
        while pos < n and (view[pos].isspace() or view[pos] in skip):
            pos += 1
        return pos if pos < n else -1
    pos = s
    while pos > 0 and (view[pos - 1].isspace() or view[pos - 1] in skip):
        pos -= 1
    return pos - 1


def gate_ok(gate: Any, view: str, folded: str, p: int) -> bool:
    if gate is CAP_GATE:
        return view[p].isupper()
    if gate is DIGIT_GATE:
        return view[p].isdecimal()
    return folded[p] in gate


# -- the first (last) characters of a regex token -----------------------------------------------

# characters that re.IGNORECASE matches with an ASCII letter besides its two cases,
# and that fold() keeps (it makes İ "i" and the Kelvin sign "k")
_TWINS = {"i": "\u0131", "s": "\u017f"}


def regex_gate(pattern: str, flags: int, first: bool) -> Any:
    """The folded characters a token fully matching ``pattern`` can start with (``first``) or end
    with: a set of ASCII characters (their case variants under IGNORECASE), ``DIGIT_GATE``, or
    ``None`` when that is not simple to tell."""
    from re import _parser

    try:
        parsed = _parser.parse(pattern, flags)
        chars = _edge_chars(list(parsed), first)
    except (re.error, ValueError, TypeError, RecursionError):
        return None
    if chars is None:
        return None
    charset, digit = chars
    if digit:
        return DIGIT_GATE if not charset else None
    if not charset or not all(ch.isascii() for ch in charset):
        return None
    # the gate reads the folded text, where ASCII letters are lower case; under IGNORECASE a
    # token matched in the folded text may also hold a dotless ı or long ſ there
    low = {ch.lower() for ch in charset}
    if (flags | parsed.state.flags) & re.IGNORECASE:
        low |= {twin for ch in low for twin in _TWINS.get(ch, "")}
    return frozenset(low)


_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})


def _edge_chars(items: list[Any], first: bool) -> tuple[set[str], bool] | None:
    """``(characters, may be a digit)`` that can begin (end) a match of the parsed sequence, or
    ``None`` when unknown; an empty match adds nothing (tokens are never empty)."""
    out: set[str] = set()
    digit = False
    for op, av in items if first else reversed(items):
        got = _item_chars(str(op), av, first)
        if got is None:
            return None
        chars, dig, nullable = got
        out |= chars
        digit = digit or dig
        if not nullable:
            return out, digit
    return out, digit


def _item_chars(op: str, av: Any, first: bool) -> tuple[set[str], bool, bool] | None:
    """``(characters, digit, can match empty)`` of one parsed item."""
    if op == "LITERAL":
        return {chr(av)}, False, False
    if op == "IN":
        return _class_chars(av)
    if op in _ZERO_WIDTH:
        return set(), False, True
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        inner = _sub(av[2], first)
        return None if inner is None else (inner[0], inner[1], av[0] == 0 or inner[2])
    if op in ("SUBPATTERN", "ATOMIC_GROUP"):
        if op == "SUBPATTERN" and (av[1] or av[2]):
            return None  # local flags
        return _sub(av[-1], first)
    if op == "BRANCH":
        chars: set[str] = set()
        digit = nullable = False
        for branch in av[1]:
            got = _sub(branch, first)
            if got is None:
                return None
            chars |= got[0]
            digit, nullable = digit or got[1], nullable or got[2]
        return chars, digit, nullable
    return None


def _sub(items: Any, first: bool) -> tuple[set[str], bool, bool] | None:
    """Like :func:`_item_chars` for a sub-sequence."""
    seq = list(items)
    got = _edge_chars(seq, first)
    if got is None:
        return None
    nullable = all(_nullable(str(op), av) for op, av in seq)
    return got[0], got[1], nullable


def _nullable(op: str, av: Any) -> bool:
    if op in _ZERO_WIDTH:
        return True
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return av[0] == 0 or all(_nullable(str(o), a) for o, a in av[2])
    if op in ("SUBPATTERN", "ATOMIC_GROUP"):
        return all(_nullable(str(o), a) for o, a in av[-1])
    if op == "BRANCH":
        return any(all(_nullable(str(o), a) for o, a in b) for b in av[1])
    return False


def _class_chars(av: Any) -> tuple[set[str], bool, bool] | None:
    """A character class: its characters (ranges of at most 128), or digits."""
    chars: set[str] = set()
    digit = False
    for op, arg in av:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE" and arg[1] - arg[0] <= 128:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            digit = True
        else:
            return None  # a negated class, a wide range, another category
    return chars, digit, False
