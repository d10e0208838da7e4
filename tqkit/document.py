"""Documents: the text every check reads, in one code-point offset space.

``Document.text`` is the decoded file text (without a byte-order mark). Every span in tqkit is a
half-open range of code points into it; lines and columns are derived when shown. Readers for
structured formats (Markdown, HTML, DOCX...) *mask* the parts that are not prose (code, URLs,
markup): ``Document.view`` is the text with masked code points replaced by ``MASK`` (line breaks
kept), so checks never see them but offsets never move; markup that reads as white space
(``Document.blank``) is shown as spaces instead. Symbols outside the Basic Multilingual Plane
(emoji) read as ``SYMBOL`` (U+FFFC, also a symbol) in ``view``: one emoji would otherwise make
Python store every code point of ``view`` and ``folded`` in four bytes instead of two (a
1-million-word file: 22 MB per copy instead of 11); offsets stay code points.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from functools import cached_property
from typing import NamedTuple

from tqkit.chunks import CHUNK, space_chunks
from tqkit.findings import Span
from tqkit.text.fold import fold

MASK = "\x00"
SYMBOL = "\ufffc"
# Astral code points; those of class So (emoji, pictographs) read as SYMBOL in ``view``.
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")

# One tokenisation pass shared by every rule: words (letters, digits and marks after a first
# letter, inner apostrophes and hyphens), numbers, then any other non-space character. (The
# repeats are possessive: giving characters back never lets a word or number match further,
# and not trying it is a third faster.)
_WORD = r"[^\W\d_](?:[^\W_]|[\u0300-\u036f])*+(?:['’\-][^\W\d_]++)*+"
TOKEN_RE = re.compile(rf"(?P<word>{_WORD})|(?P<num>\d++(?:[.,:]\d++)*+)|(?P<other>[^\s\x00])")
_WORD_ONLY_RE = re.compile(_WORD)
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
# A paragraph break is a line holding nothing but spaces, tabs or masks (scanned line by line:
# a regular expression for it backtracks over long runs of spaces or masked markup).
_BLANK_CHARS = " \t\x00"
_SENT_END_RE = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9\u0400-\u042F\u0531-\u0556])")
_ABBREV_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Rep|Sen|Gov|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|E\.U|a\.m|p\.m|i\.e|e\.g)|\b[A-Z])\.$"
)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # "word" | "num" | "other"

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph (or sentence) of the target text, with its aligned source text when known."""

    id: str
    span: Span
    kind: str = "paragraph"
    source: str | None = None


@dataclass(frozen=True)
class Document:
    """What every check reads. Immutable: a different language is a new document
    (:meth:`with_target_lang`); the derived views below are computed once, on first use."""

    path: str
    text: str
    target_lang: str = "en"
    source_lang: str | None = None
    masked: tuple[Span, ...] = ()
    # Masked spans that read as white space (inline HTML tags, &nbsp;): ``view`` shows them
    # as spaces, so "the <b>the</b>" is seen as a doubled word.
    blank: tuple[Span, ...] = ()
    # Segments given by the reader (e.g. XLIFF units); paragraphs are derived when empty.
    given_segments: tuple[Segment, ...] = ()
    source_text: str | None = None
    encoding: str = "utf-8"
    bom: bool = False
    # What the reader learnt about the file that any layer may read:
    format: str = "text"  # the reader's name
    declared_target_lang: str | None = None  # the language the file says it is in (XLIFF)
    # Code (Markdown code blocks and spans): masked, and a ``<!-- tqkit: ... -->`` written
    # there is an example, not a directive.
    code_spans: tuple[Span, ...] = ()
    # What only the reader that made the document reads back when it writes (the DOCX package,
    # the XLIFF CDATA sections): the reader's own frozen dataclass, which it narrows with
    # ``isinstance``; no other layer looks inside.
    reader_state: object = None

    def with_target_lang(self, lang: str) -> Document:
        """This document checked as ``lang``. The derived views (``view``, ``tokens``...)
        depend on the text and the masks only, never on the language, so those already
        computed carry over."""
        if lang == self.target_lang:
            return self
        other = replace(self, target_lang=lang)
        names = {f.name for f in fields(self)}
        other.__dict__.update((k, v) for k, v in self.__dict__.items() if k not in names)
        return other

    # -- derived views -------------------------------------------------------------------

    @cached_property
    def view(self) -> str:
        """``text`` with masked code points replaced by ``MASK`` (line breaks kept)."""
        if not self.masked:
            return _narrow(self.text)
        view = _fill(_narrow(self.text), self.masked, MASK)  # (narrowed first: a smaller copy)
        return _fill(view, self.blank, " ") if self.blank else view

    def view_slice(self, start: int, end: int) -> str:
        """``view[start:end]`` with the original code points where ``view`` shows ``SYMBOL``
        for an emoji: for text that leaves tqkit (machine translation, alignment)."""
        piece = self.view[start:end]
        if SYMBOL not in piece or self.view is self.text:
            return piece
        orig = self.text[start:end]
        return "".join(o if c == SYMBOL else c for c, o in zip(piece, orig, strict=True))

    @cached_property
    def folded(self) -> str:
        """:func:`fold` of ``view``: the lower-cased text every matcher scans, computed once
        and shared by all rules (same length as ``text``, so offsets carry over)."""
        return fold_long(self.view)

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK_RE.finditer(self.text))
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; columns count code points."""
        if offset < 0 or offset > len(self.text):
            raise ValueError(f"offset {offset} outside the text (0..{len(self.text)})")
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position`."""
        if not 1 <= line <= len(self.line_starts):
            raise ValueError(f"line {line} outside the text (1..{len(self.line_starts)})")
        return self.line_starts[line - 1] + column - 1

    def line_span(self, line: int) -> Span:
        """The span of a 1-based line, without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return Span(start, end)

    @cached_property
    def tokens(self) -> list[Token]:
        """All tokens of the checkable text, computed once and shared by every rule."""
        return [Token(m.start(), m.end(), m.group(), m.lastgroup or "other") for m in TOKEN_RE.finditer(self.view)]

    @cached_property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.kind == "word"]

    @cached_property
    def word_count(self) -> int:
        if "words" in self.__dict__:
            return len(self.words)
        # counted piece by piece, without making a string per word (a list of a million
        # words held 60 MB for a moment)
        view = self.view
        return sum(_WORD_ONLY_RE.subn("", view[a:b])[1] for a, b in space_chunks(view))

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        if self.given_segments:
            return self.given_segments
        return tuple(Segment(f"p{i + 1}", span) for i, span in enumerate(paragraph_spans(self.view)))

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        out: list[Span] = []
        for seg in self.segments:
            out.extend(sentence_spans(self.view, seg.span))
        return tuple(out)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def tokens_in(self, span: Span) -> list[Token]:
        toks = self.tokens
        starts = self._token_starts  # built once: per call it made unit-by-unit rules quadratic
        lo = bisect.bisect_left(starts, span.start)
        hi = bisect.bisect_left(starts, span.end)
        return [t for t in toks[lo:hi] if t.end <= span.end]

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]


_NOT_LINE_BREAK_RE = re.compile(r"[^\r\n]+")


def _symbol(m: re.Match[str]) -> str:
    ch = m.group()
    return SYMBOL if unicodedata.category(ch) == "So" else ch


def _narrow(text: str) -> str:
    """``text`` with its astral symbols (class So) replaced by ``SYMBOL``, same length; the
    text itself when it holds none."""
    if not text or max(text) <= "\uffff":
        return text
    return _ASTRAL_RE.sub(_symbol, text)


def _fill(text: str, spans: Iterable[Span], fill: str) -> str:
    """``text`` with the code points of ``spans`` (except line breaks) replaced by ``fill``;
    built from slices, one pass over the sorted spans."""
    out: list[str] = []
    pos = 0
    n = len(text)
    for span in sorted(spans):
        start, end = max(span.start, pos), min(span.end, n)
        if end <= start:
            continue
        out.append(text[pos:start])
        chunk = text[start:end]
        if "\n" in chunk or "\r" in chunk:
            out.append(_NOT_LINE_BREAK_RE.sub(lambda m: fill * len(m.group()), chunk))
        else:
            out.append(fill * len(chunk))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def fold_long(text: str) -> str:
    """`fold` of ``text``, piece by piece for a long text, so that only
    one piece's intermediate copies exist at a time (folding 5 million characters at once held
    four copies of the text). Identical to ``fold(text)``: pieces are cut before white space,
    which ends the context of the one context-dependent lower-casing (Greek final sigma); a text
    holding a character whose lower case is longer (İ) is folded whole, as ``fold`` does."""
    if len(text) <= CHUNK:
        return fold(text)
    out: list[str] = []
    for a, b in space_chunks(text, CHUNK):
        piece = text[a:b]
        if len(piece.lower()) != len(piece):
            return fold(text)  # fold's one-character-at-a-time path, over the whole text
        out.append(fold(piece))
    return "".join(out)


def paragraph_spans(text: str) -> Iterator[Span]:
    """Blank-line separated paragraphs, trimmed of surrounding whitespace and masks.

    Linear in the text: each line is looked at once."""
    pos = 0  # start of the current paragraph
    line_start = 0
    for m in _LINE_BREAK_RE.finditer(text):
        if line_start > pos and not text[line_start : m.start()].strip(_BLANK_CHARS):
            span = _trim(text, pos, line_start)
            if span is not None:
                yield span
            pos = m.end()
        line_start = m.end()
    span = _trim(text, pos, len(text))
    if span is not None:
        yield span


def _trim(text: str, start: int, end: int) -> Span | None:
    first, last = (text[start], text[end - 1]) if start < end else (" ", " ")
    if not first.isspace() and not last.isspace() and first != MASK and last != MASK:
        return Span(start, end)  # (most spans: nothing to trim)
    while start < end and (text[start].isspace() or text[start] == MASK):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == MASK):
        end -= 1
    return Span(start, end) if end > start else None


def sentence_spans(text: str, within: Span) -> Iterator[Span]:
    """Split a paragraph into sentences (rule-based: no model, no download)."""
    chunk = text[within.start : within.end]
    pos = 0
    for m in _sentence_ends(chunk):
        # only the last few characters can hold an abbreviation (searching the whole head
        # again after every skipped abbreviation is quadratic)
        head = chunk[max(pos, m.start() - 16) : m.start()]
        if _ABBREV_RE.search(head):
            continue
        span = _trim(text, within.start + pos, within.start + m.start())
        if span is not None:
            yield span
        pos = m.end()
    span = _trim(text, within.start + pos, within.end)
    if span is not None:
        yield span


_SENT_MARK_RE = re.compile(r"[.!?…]")


def _sentence_ends(chunk: str) -> Iterator[re.Match[str]]:
    """The matches of ``_SENT_END_RE.finditer(chunk)``, tried only right after a full stop,
    question or exclamation mark or ellipsis (its look-behind alone was tried at every
    position)."""
    last_end = 0
    for mark in _SENT_MARK_RE.finditer(chunk):
        at = mark.end()
        if at < last_end:
            continue
        m = _SENT_END_RE.match(chunk, at)
        if m is not None:
            last_end = m.end()
            yield m


def split_sentences(text: str) -> list[str]:
    """Sentences of a plain string (used by MT and alignment)."""
    out: list[str] = []
    for para in paragraph_spans(text):
        out.extend(text[s.start : s.end] for s in sentence_spans(text, para))
    return out


def display_width(text: str) -> int:
    """Terminal columns needed for ``text`` (wide East Asian = 2, combining marks = 0)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\u2060\ufeff":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return out
