"""Literal-led regex scans: run a case-insensitive regex whose every match starts with one of a
known set of words only where one of those words occurs.

A regex such as ``(?<![\\w-])(?:batka|militsiya|...)(?![\\w-])`` scanned with ``finditer`` tries
every alternative at every position of the text: on a long article that is most of a rule's
time, although the words are rare. :func:`literal_finditer` gives exactly the matches
``rx.finditer(view)`` gives, but finds the places where a match can start with one
Aho-Corasick pass over the folded text (``Document.folded``, lower-cased and the same length as
``view``), and tries the regex only there.

The caller promises that every match of ``rx`` starts with one of ``words`` (ignoring case).
For ASCII words, case-insensitive matching and ``fold`` agree except for four characters that
match an ASCII letter under ``re.IGNORECASE`` (dotted İ, dotless ı, long ſ, the Kelvin sign):
``fold`` already makes İ "i" and the Kelvin sign "k"; a text holding ı or ſ is searched in a copy
of the folded text where they read "i" and "s" (same length), so candidates are never missed.
Words beyond ASCII are scanned the slow way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from tqkit.chunks import automaton_iter, space_chunks
from tqkit.text.fold import fold

# non-ASCII characters that re.IGNORECASE matches with an ASCII letter and that fold() keeps
# (it lower-cases İ to "i" and the Kelvin sign to "k"), with that letter
_CASE_TWINS = (("\u0131", "i"), ("\u017f", "s"))


@lru_cache(maxsize=32)
def _automaton(words: frozenset[str]) -> tuple[Any, bool]:
    """The automaton of ``words``, and whether one of them holds white space."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for w in words:
        if w:
            automaton.add_word(w, len(w))
    automaton.make_automaton()
    return automaton, any(ch.isspace() for w in words for ch in w)


def starts(folded: str, words: frozenset[str]) -> list[int]:
    """Sorted offsets where one of ``words`` (folded) occurs in ``folded``; a dotless ı or long ſ
    in the text reads as "i" or "s" (see the module's doc)."""
    if not words:
        return []
    # a piece at a time when no word holds white space: reading ı and ſ as letters copies only
    # the piece, not the whole text
    automaton, whole = _automaton(words)
    found: set[int] = set()
    for a, b in [(0, len(folded))] if whole else space_chunks(folded):
        piece = folded[a:b] if b - a < len(folded) else folded
        for twin, letter in _CASE_TWINS:
            if twin in piece:
                piece = piece.replace(twin, letter)
        found.update(a + end - n + 1 for end, n in automaton_iter(automaton, piece))
    return sorted(found)


@lru_cache(maxsize=64)
def _keys(words: frozenset[str]) -> tuple[frozenset[str], bool]:
    """The folded words, and whether the Aho-Corasick scan applies (folded once per word set,
    not once per document)."""
    keys = frozenset(fold(w) for w in words)
    return keys, bool(keys) and "" not in keys and all(k.isascii() for k in keys)


def literal_finditer(rx: re.Pattern[str], view: str, folded: str, words: Iterable[str]) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(view)``, where every match starts with one of ``words``."""
    keys, fast = _keys(words if isinstance(words, frozenset) else frozenset(words))
    if not fast:
        yield from rx.finditer(view)
        return
    last_end = 0
    for pos in starts(folded, keys):
        if pos < last_end:
            continue
        m = rx.match(view, pos)
        if m is not None:
            # (a match is never empty: it starts with a word)
            last_end = m.end()
            yield m


def char_led_finditer(rx: re.Pattern[str], view: str, first: str) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(view)``, where every match starts with the character
    ``first`` (case as written): the regex is tried only where ``str.find`` finds it (a regex
    that opens with a look-behind is otherwise tried at every position of the text)."""
    pos = view.find(first)
    while pos != -1:
        m = rx.match(view, pos)
        if m is not None:
            yield m  # (never empty: it starts with ``first``)
            pos = view.find(first, m.end())
        else:
            pos = view.find(first, pos + 1)


def hinted_finditer(rx: re.Pattern[str], view: str, hint: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(view)``, where the caller promises that every match starts
    where the cheaper ``hint`` scan finds a match (``hint.finditer``): ``rx`` is tried only
    there."""
    for h in hint.finditer(view):
        m = rx.match(view, h.start())
        if m is not None:
            yield m
