"""HTML: the file text *is* ``Document.text``; tags, comments, entities, scripts, styles and
code are masked, so checks see only the text content and every span points into the original
file. Writing applies the edits to the original string (text escaped for HTML) and leaves every
byte of markup alone: with no edits the output is byte-identical.

Parsing is lenient (a regular-expression scanner, not a tree builder): broken nesting, unclosed
elements and stray ``<`` are read as they come. Paragraphs (segments) break at block-level tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tqkit.document import Document, Segment, merge_spans
from tqkit.findings import Edit, Span, apply_edits
from tqkit.readers import decode, encode, normalise_edits
from tqkit.readers.text import link_masks

_RAW_ELEMENTS = "script|style|template|textarea|noscript|svg|math|code|pre|kbd|samp|var|object|iframe"
_TOKEN_RE = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<cdata><!\[CDATA\[.*?(?:\]\]>|\Z))"
    rf"|(?P<raw><(?P<rawname>{_RAW_ELEMENTS})\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?(?:</(?P=rawname)\s*>|\Z))"
    r"|(?P<decl><[!?][^>]*(?:>|\Z))"
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*(?:>|\Z))"
    r"|(?P<entity>&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)",
    re.S | re.I,
)
BLOCK_TAGS = frozenset(
    [
        "address",
        "button",
        "menu",
        "nav",
        "optgroup",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)


_MENU_TAGS = frozenset(["nav", "menu"])
# what may stand between two links of a menu or language picker ("English | Deutsch")
_SEPARATOR_RE = re.compile(r"(?:\s|&nbsp;|[|·•/])*")

_SPACE_ENTITIES = frozenset({"&nbsp;", "&#160;", "&#xa0;", "&ensp;", "&emsp;", "&thinsp;"})


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def segments_from_prose(
    text: str, prose: Iterable[Span], masked: Sequence[Span], prefix: str = "p", kind: str = "paragraph"
) -> list[Segment]:
    """One segment per prose region, trimmed of white space and masks (empty regions dropped)."""
    out: list[Segment] = []
    mask_set = merge_spans(masked)
    for span in prose:
        found = trim_span(text, span, mask_set)
        if found is not None:
            out.append(Segment(f"{prefix}{len(out) + 1}", found, kind))
    return out


def trim_span(text: str, span: Span, merged_masks: Sequence[Span]) -> Span | None:
    """``span`` without leading and trailing white space and masks (``merged_masks`` sorted and
    merged, e.g. by :func:`merge_spans`, once for all spans); None when nothing is left."""
    start, end = span.start, span.end
    while start < end and (text[start].isspace() or _in(merged_masks, start)):
        start += 1
    while end > start and (text[end - 1].isspace() or _in(merged_masks, end - 1)):
        end -= 1
    return Span(start, end) if end > start else None


def _in(spans: Sequence[Span], pos: int) -> bool:
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo].start <= pos < spans[lo].end


def editable(doc: Document, edits: Sequence[Edit]) -> list[Edit]:
    """The edits that change text content only: an edit overlapping masked markup is dropped
    (so a fix can never break a tag); its finding stays and is reported again."""
    masked = merge_spans(doc.masked)
    out: list[Edit] = []
    for e in edits:
        if e.start == e.end:
            if e.start > 0 and _in(masked, e.start - 1) and _in(masked, e.start):
                continue
        elif any(_in(masked, i) for i in range(e.start, e.end)):
            continue
        out.append(e)
    return out


def complement(spans: Sequence[Span], length: int) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for s in merge_spans(spans):
        if s.start > pos:
            out.append(Span(pos, s.start))
        pos = max(pos, s.end)
    if pos < length:
        out.append(Span(pos, length))
    return out


class HtmlReader:
    name = "html"
    suffixes = (".html", ".htm")

    def read(self, path: str, data: bytes, encoding: str | None = None, target_lang: str = "en") -> Document:
        text, enc, bom = decode(path, data, encoding)
        masked: list[Span] = []
        blank: list[Span] = []
        regions: list[Span] = []
        start = 0
        menu_depth = 0  # inside <nav> or <menu>: every link is an item of its own
        last_link_end = -1  # end of the last </a>: links side by side are menu items
        for m in _TOKEN_RE.finditer(text):
            masked.append(Span(m.start(), m.end()))
            kind = m.lastgroup
            name = (m.group("name") or "").lower() if kind == "tag" else ""
            closing = kind == "tag" and m.group().startswith("</")
            if name in _MENU_TAGS:
                menu_depth = max(0, menu_depth + (-1 if closing else 1))
            if (
                name == "a"
                and not closing
                and (menu_depth or (last_link_end >= 0 and _SEPARATOR_RE.fullmatch(text, last_link_end, m.start())))
            ):
                regions.append(Span(start, m.start()))
                start = m.end()
                continue
            if name == "a" and closing:
                last_link_end = m.end()
            if kind == "entity" or (kind == "tag" and name not in BLOCK_TAGS):
                # inline: the paragraph goes on; tags and no-break spaces read as a space
                if kind == "tag" or m.group().lower() in _SPACE_ENTITIES:
                    blank.append(Span(m.start(), m.end()))
                continue
            if kind == "comment":
                continue
            regions.append(Span(start, m.start()))
            start = m.end()
        regions.append(Span(start, len(text)))
        for region in regions:  # URLs and e-mail addresses written as text
            masked.extend(link_masks(text, region))
        masked = merge_spans(masked)
        # join inline pieces: a region runs between block boundaries
        segments = segments_from_prose(text, regions, masked)
        return Document(
            path=path,
            text=text,
            target_lang=target_lang,
            masked=tuple(masked),
            blank=tuple(blank),
            given_segments=tuple(segments),
            encoding=enc,
            bom=bom,
            format=self.name,
        )

    def write(self, doc: Document, edits: Sequence[Edit]) -> bytes:
        safe = [Edit(e.span, escape_html(e.replacement)) for e in editable(doc, edits)]
        return encode(doc, apply_edits(doc.text, normalise_edits(doc, safe)))


HTML = HtmlReader()
