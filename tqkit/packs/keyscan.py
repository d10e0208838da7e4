"""Where the pack matcher's literal keys occur in folded text as whole words
(:class:`tqkit.packs.engine.Matcher`): not preceded by a letter, digit, hyphen or underscore and
not followed by a letter or digit.

An Aho-Corasick automaton of the keys (and a regex for one-letter keys, which an automaton
would report inside every word) finds them; each hit's neighbours are tested in Python. (On
the 1M-word real-copy file that is 1.3 million automaton hits for 0.55 million whole words. An
automaton holding each key between the characters that may stand next to it, scanning a copy
of the text with every other character read as a space, gave only the whole words, in C, but
saved only about 0.05 s there and its eight spellings of each key added 2.5 MB to the peak
memory, which issue 12 caps at 150 MB.)
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from itertools import chain
from typing import Any


class KeyScan:
    """The whole-word hits of ``keys`` (folded words) in folded text."""

    def __init__(self, keys: Collection[str]) -> None:
        self.keys = keys
        self._plain: Any = None
        self._singles: re.Pattern[str] | None = None
        self._built = False

    def hits(self, folded: str) -> Iterator[tuple[int, str]]:
        """``(offset of the key's last character, key)`` of every whole-word hit."""
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
