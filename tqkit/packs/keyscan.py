"""Where the pack matcher's literal keys occur in folded text as whole words
(:class:`tqkit.packs.engine.Matcher`): not preceded by a letter, digit, hyphen or underscore and
not followed by a letter or digit.

Two scans give exactly the same hits:

- the *plain* scan: an Aho-Corasick automaton of the keys (and a regex for one-letter keys,
  which an automaton would report inside every word), each hit's neighbours tested in Python.
  On running text most hits are keys inside longer words ("he" in "the", "the" in "there"):
  a million-word text gave 1.3 million hits, of which 0.4 million were words;
- the *bounded* scan: the automaton holds each key between the characters that may stand next
  to it, and reads a copy of the text in which every character that is not a letter, digit,
  underscore, apostrophe or hyphen reads as a space (one ``re.sub``, a piece at a time). Only
  whole-word hits come out, in C. Its automaton holds eight spellings of each key and costs
  several times the plain one to build (about 25 ms for 4,000 keys), so it is built once a
  matcher has read :data:`BOUNDED_AFTER` characters (long texts, or many articles in one
  process).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from itertools import chain
from typing import Any

from tqkit.chunks import CHUNK, space_chunks

BOUNDED_AFTER = 400_000  # characters scanned before the bounded automaton is built
# the characters a key may hold besides letters and digits for the bounded scan
_INNER = frozenset("'-")
# what may stand before a key in the mapped text (a space: any character that is not a letter,
# digit, underscore, hyphen or apostrophe; or an apostrophe), and after it (also a hyphen or an
# underscore)
_BEFORE = " '"
_AFTER = " '-_"
_OTHER_RE = re.compile(r"[^\w'\-]")


class KeyScan:
    """The whole-word hits of ``keys`` (folded words) in folded text."""

    def __init__(self, keys: Collection[str]) -> None:
        self.keys = keys
        self._plain: Any = None
        self._singles: re.Pattern[str] | None = None
        self._bounded: Any = None
        self._built = False
        self._scanned = 0
        # the bounded scan applies when every key is letters, digits, apostrophes and hyphens
        self._can_bound = all(ch.isalnum() or ch in _INNER for k in keys for ch in k) and "" not in keys

    def hits(self, folded: str) -> tuple[Iterator[tuple[int, str]], int]:
        """``(offset, key)`` of every whole-word hit, and the shift: the offset of the key's
        last character is ``offset - shift`` (the bounded scan's offsets are those of its
        mapped text: no Python per hit to convert them)."""
        self._scanned += len(folded)
        if self._can_bound and self._scanned >= BOUNDED_AFTER:
            return self._bounded_hits(folded), 2
        return self._plain_hits(folded), 0

    # -- the plain scan ---------------------------------------------------------------------

    def _build_plain(self) -> None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        singles = []
        for key in self.keys:
            if len(key) == 1 and key.isalnum():
                singles.append(key)
            else:
                automaton.add_word(key, key)
        if len(automaton):
            automaton.make_automaton()
            self._plain = automaton
        if singles:
            # the letter, not preceded by a word character or hyphen (looked at after the
            # letter, so that the scan skips to the letters), not followed by a letter or digit
            self._singles = re.compile(f"[{re.escape(''.join(sorted(singles)))}](?<![\\w-].)(?![^\\W_])")
        self._built = True

    def raw_hits(self, folded: str) -> Iterator[tuple[int, str]]:
        """The plain scan's hits before its neighbour test (keys inside words included)."""
        from tqkit.chunks import automaton_iter

        if not self._built:
            self._build_plain()
        parts: list[Iterator[tuple[int, str]]] = []
        if self._plain is not None:
            parts.append(automaton_iter(self._plain, folded))
        if self._singles is not None:
            parts.append((m.start(), m.group()) for m in self._singles.finditer(folded))
        return chain.from_iterable(parts)

    def _plain_hits(self, folded: str) -> Iterator[tuple[int, str]]:
        n = len(folded)
        for last, key in self.raw_hits(folded):
            s = last - len(key) + 1
            if s > 0:
                ch = folded[s - 1]
                if ch.isalnum() or ch in "-_":
                    continue
            if last + 1 < n and folded[last + 1].isalnum():
                continue
            yield last, key

    # -- the bounded scan -------------------------------------------------------------------

    def _build_bounded(self) -> Any:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for key in self.keys:
            for before in _BEFORE:
                for after in _AFTER:
                    automaton.add_word(before + key + after, key)
        automaton.make_automaton()
        self._bounded = automaton
        return automaton

    def _bounded_hits(self, folded: str) -> Iterator[tuple[int, str]]:
        """``(offset of the character after the key, plus one; key)``: the mapped text is
        ``" " + map(folded) + " "``, and a hit ends on the character after the key."""
        automaton = self._bounded or self._build_bounded()
        return chain.from_iterable(_mapped_pieces(automaton, folded))


def _mapped_pieces(automaton: Any, folded: str) -> Iterator[Any]:
    """The automaton's searches over the mapped text, fed a piece at a time (one search, its
    state and offsets kept across pieces: see :func:`tqkit.chunks.automaton_iter`)."""
    search = None
    pieces = space_chunks(folded, CHUNK) if len(folded) > CHUNK else iter([(0, len(folded))])
    for a, b in pieces:
        piece = _OTHER_RE.sub(" ", folded[a:b])
        if a == 0:
            piece = " " + piece
        if b == len(folded):
            piece += " "
        if search is None:
            search = automaton.iter(piece)
        else:
            search.set(piece, False)
        yield search
