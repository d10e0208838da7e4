"""One Aho-Corasick pass over a document for the anchor words of TQ350-TQ357 and the title part
of TQ333, shared by those rules: each rule asks for the offsets of its own words instead of
scanning the whole text once per word.

The scan is cached for the last document seen (the engine runs every rule on one document
before the next); the cache compares the folded text by identity, so a new document always
gets a new scan.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from tqkit.chunks import automaton_iter

_REGISTERED: set[str] = set()
_LOCK = threading.Lock()
_last: tuple[str, frozenset[str], dict[str, list[int]]] | None = None


def register_anchors(words: Iterable[str]) -> None:
    """Add ``words`` (lower-case, ASCII) to the shared scan."""
    with _LOCK:
        _REGISTERED.update(w for w in words if w)


@lru_cache(maxsize=4)
def _automaton(words: frozenset[str]) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, w)
    automaton.make_automaton()
    return automaton


def anchor_offsets(folded: str, words: Iterable[str]) -> list[int]:
    """Sorted offsets in ``folded`` where one of ``words`` (registered before) starts, as a
    substring: the caller checks word edges."""
    hits = _scan(folded)
    out: list[int] = []
    for w in words:
        out.extend(hits.get(w, ()))
    out.sort()
    return out


def _scan(folded: str) -> dict[str, list[int]]:
    global _last
    with _LOCK:
        words = frozenset(_REGISTERED)
    last = _last
    if last is not None and last[0] is folded and last[1] == words:
        return last[2]
    # (rules register their words as they first run: on the same document only the words added
    # since its last scan are scanned for, as an automaton reports every word's hits whatever
    # other words it holds)
    hits: dict[str, list[int]] = {}
    new = words
    if last is not None and last[0] is folded and last[1] <= words:
        hits = dict(last[2])
        new = words - last[1]
    if new:
        for end, word in automaton_iter(_automaton(new), folded):
            hits.setdefault(word, []).append(end - len(word) + 1)
    _last = (folded, words, hits)
    return hits


def anchored(rx: re.Pattern[str], text: str, folded: str, words: Iterable[str]) -> Iterator[re.Match[str]]:
    """The matches of ``rx`` in ``text`` that start where one of ``words`` starts (the shared
    scan finds the places; ``rx`` checks word edges), in text order, never overlapping."""
    words = tuple(words)
    if not _REGISTERED.issuperset(words):
        register_anchors(words)
    last_end = 0
    for pos in anchor_offsets(folded, words):
        if pos < last_end:
            continue
        m = rx.match(text, pos)
        if m is not None and m.end() > m.start():
            last_end = m.end()
            yield m
