"""Small text helpers shared by rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

OPEN_QUOTES = "\"“„«‘‚'"
CLOSE_QUOTES = "\"”«»’'"
_QUOTE_PAIRS = {"“": "”", "„": "“", "«": "»", "‘": "’", '"': '"', "‚": "‘"}


def match_case(replacement: str, original: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``original``."""
    if not replacement:
        return replacement
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper() and not replacement[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def inside_quotes(text: str, start: int, end: int, window: int = 400) -> bool:
    """True when [start, end) sits between an opening and a closing quotation mark in the
    same paragraph (a cheap test: count quote characters before and after)."""
    lo = max(0, start - window)
    para_start = text.rfind("\n\n", lo, start)
    if para_start != -1:
        lo = para_start
    before = text[lo:start]
    hi_para = text.find("\n\n", end, end + window)
    after = text[end : hi_para if hi_para != -1 else end + window]
    if before.count("“") > before.count("”") and "”" in after:
        return True
    if before.count("«") > before.count("»") and "»" in after:
        return True
    straight = re.findall(r'(?:(?<=\s)|^)"|"(?=\s|[.,;:!?]|$)', before)
    if len(straight) % 2 == 1 and '"' in after:
        return True
    return _inside_single(before, after)


_SINGLE_OPEN_RE = re.compile(r"(?:^|(?<=[\s(]))‘")
_SINGLE_CLOSE_RE = re.compile(r"(?<=[^\W\d_])’(?=[.,;:!?)]|$)|(?<=[^\Ws\d_])’(?=\s)")


def _inside_single(before: str, after: str) -> bool:
    """Between typographic single quotation marks (‘...’, British and some agency style): an
    opening mark after a space with no closing one since, and a closing one ahead. A closing
    mark is a ’ after a letter before punctuation, or after a letter other than s (“ministers’
    meeting” is a possessive) before a space; the apostrophe inside a word (“Hasanov’s”) is
    neither."""
    at = before.rfind("‘")
    if at < 0 or not _SINGLE_OPEN_RE.match(before, at) or _SINGLE_CLOSE_RE.search(before, at + 1):
        return False
    return _SINGLE_CLOSE_RE.search(after) is not None


_TERM_OPEN_RE = re.compile(r"(?:^|(?<=[\s(]))['‘][^'‘’\n]*$")
_TERM_CLOSE_RE = re.compile(r"^[^'‘’\n]*['’](?=[\s.,;:!?)]|$)")


def single_quoted(text: str, start: int, end: int, slack: int = 24) -> bool:
    """The phrase stands between single quotation marks, give or take two words ('bodily
    injuries'): an opening mark after a space, a closing one before a space or punctuation,
    and no apostrophe between them."""
    left = _TERM_OPEN_RE.search(text[max(0, start - slack) : start])
    right = _TERM_CLOSE_RE.match(text[end : end + slack])
    if left is None or right is None:
        return False
    outside = left.group()[1:] + " " + right.group()[:-1]
    return len(outside.split()) <= 2 and not any(c in outside for c in ".!?;:")


def sentence_start(text: str, start: int) -> bool:
    """True when ``start`` begins a sentence (after ., !, ?, a line break, or a quote)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"“‘'«(\x00":
        i -= 1
    return i < 0 or text[i] in ".!?…:\n\r•–—-*#>|"


_SHOWN_RE = re.compile(r"[\s\x00]+")


def shown(text: str) -> str:
    """Text from ``Document.view`` as a message quotes it: masked markup and runs of white
    space become one space."""
    return _SHOWN_RE.sub(" ", text).strip()


def near(strict: re.Pattern[str], hint: re.Pattern[str], text: str, reach: int) -> Iterator[re.Match[str]]:
    """Matches of ``strict`` around the hits of a cheap ``hint`` pattern: Python's regex engine
    scans simple, literal-led patterns several times faster, and hits are rare."""
    return near_spans(strict, (h.span() for h in hint.finditer(text)), text, reach)


def near_spans(
    strict: re.Pattern[str], hits: Iterable[tuple[int, int]], text: str, reach: int
) -> Iterator[re.Match[str]]:
    """:func:`near` around hits found beforehand (``(start, end)`` in text order), for several
    strict patterns sharing one hint scan."""
    last_end = -1
    for hs, he in hits:
        if hs < last_end:
            continue
        for m in strict.finditer(text, max(0, hs - reach), min(len(text), he + reach)):
            if m.start() >= last_end and m.start() <= hs < m.end():
                last_end = m.end()
                yield m
