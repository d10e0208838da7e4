"""Linear-time scanners for the patterns a regular expression would backtrack on.

Each has a ``finditer(text)`` that yields objects with ``start()`` and ``end()`` (like
``re.Match``), so :func:`tqkit.readers.mask_spans` takes them next to compiled patterns. Every
scanner looks at each character a bounded number of times, whatever the input: a long run of
``a.a.a.…`` before an ``@``, thousands of unclosed ``<!--`` or backticks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import NamedTuple


class Hit(NamedTuple):
    """A match: ``start()`` and ``end()`` as on ``re.Match``."""

    lo: int
    hi: int

    def start(self) -> int:
        return self.lo

    def end(self) -> int:
        return self.hi


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# the domain part after "@": labels of word characters and hyphens, at least one dot; the match
# is anchored at the "@" (so it runs once per "@", bounded by the next "@" or space)
_DOMAIN_RE = re.compile(r"[\w-]+(?:\.[\w-]+)+\b")


class EmailScanner:
    """E-mail addresses, as ``\\b[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\\b`` finds them, in linear time:
    the local part is walked back from each ``@`` (never past the previous match or ``@``)."""

    def finditer(self, text: str) -> Iterator[Hit]:
        floor = 0
        at = text.find("@")
        while at != -1:
            lo = at
            while lo > floor and (_is_word(text[lo - 1]) or text[lo - 1] in ".+-"):
                lo -= 1
            # \b before the first character: the local part starts at its first word character
            while lo < at and not _is_word(text[lo]):
                lo += 1
            m = _DOMAIN_RE.match(text, at + 1) if lo < at else None
            if m is not None:
                yield Hit(lo, m.end())
                floor = m.end()
                at = text.find("@", floor)
            else:
                floor = at + 1
                at = text.find("@", floor)


class DelimitedScanner:
    """``open … close`` pairs (non-nested, shortest), e.g. HTML comments. An opener with no closer
    ends the scan: there can be no later closed pair either (the first later closer would have
    closed it)."""

    def __init__(self, opener: str, closer: str):
        self.opener, self.closer = opener, closer

    def finditer(self, text: str) -> Iterator[Hit]:
        pos = 0
        while True:
            i = text.find(self.opener, pos)
            if i == -1:
                return
            j = text.find(self.closer, i + len(self.opener))
            if j == -1:
                return
            pos = j + len(self.closer)
            yield Hit(i, pos)


_BACKTICKS_RE = re.compile(r"`+")
# a blank line: a code span is inline, it never runs past the end of its paragraph
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\r?\n")


def _backtick_runs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of backticks (str.find skips the text between them many
    times faster than a regex scan)."""
    runs = []
    i = text.find("`")
    while i != -1:
        m = _BACKTICKS_RE.match(text, i)
        end = m.end() if m is not None else i + 1
        runs.append((i, end))
        i = text.find("`", end)
    return runs


class InlineCodeScanner:
    """Markdown code spans: a run of backticks closed by the next run of the same length in the
    same paragraph (CommonMark's rule), found in one pass over the runs."""

    def finditer(self, text: str) -> Iterator[Hit]:
        runs = _backtick_runs(text)
        if not runs:
            return
        # the paragraph of each run: the number of blank lines before it
        breaks = [m.start() for m in _BLANK_LINE_RE.finditer(text)]
        para = [bisect_left(breaks, a) for a, _b in runs]
        nxt: list[int] = [-1] * len(runs)
        last: dict[int, int] = {}
        for k in range(len(runs) - 1, -1, -1):
            if k + 1 < len(runs) and para[k + 1] != para[k]:
                last = {}
            n = runs[k][1] - runs[k][0]
            nxt[k] = last.get(n, -1)
            last[n] = k
        k = 0
        while k < len(runs):
            j = nxt[k]
            if j == -1:
                k += 1
                continue
            yield Hit(runs[k][0], runs[j][1])
            k = j + 1


EMAIL = EmailScanner()
COMMENT = DelimitedScanner("<!--", "-->")
INLINE_CODE = InlineCodeScanner()
