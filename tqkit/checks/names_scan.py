"""The capitalised words of a text, scanned once for the name rules (:mod:`tqkit.checks.names`)
and held as compact arrays."""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tqkit.document import Document

NAME_RE = re.compile(r"[A-Z\u00C0-\u00DE\u0100-\u024F][^\W\d_]*(?:[-'’][^\W\d_]+)*")


class Names:
    """Capitalised words of a text as compact arrays (offsets, and the words interned: a
    1,000,000-word text has some 150,000 of them, and a tuple each held 20 MB); iterates as
    ``(start, end, word)``."""

    __slots__ = ("ends", "starts", "words")

    def __init__(self) -> None:
        self.starts = array("i")
        self.ends = array("i")
        self.words: list[str] = []

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        return zip(self.starts, self.ends, self.words, strict=True)

    def __len__(self) -> int:
        return len(self.words)


def names_of(doc: Document) -> Names:
    return _scan(doc.view)


@lru_cache(maxsize=4)
def _scan(view: str) -> Names:
    """Capitalised words of the text (a possessive 's left out), found once for the three
    rules."""
    out = Names()
    intern = sys.intern
    for m in NAME_RE.finditer(view):
        start = m.start()
        if start and (view[start - 1].isalnum() or view[start - 1] in "_'’-"):
            continue  # inside a word ("iPhone", "pro-Kremlin")
        word = m.group()
        end = m.end()
        if word.endswith(("'s", "’s")) and len(word) > 3:
            word, end = word[:-2], end - 2
        out.starts.append(start)
        out.ends.append(end)
        out.words.append(intern(word))
    return out
