"""Plain text: every character is prose except URLs and e-mail addresses."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tqkit.document import Document, merge_spans
from tqkit.findings import Edit, Span, apply_edits
from tqkit.readers import decode, encode, mask_spans, normalise_edits, scan

URL_RE = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'`)\]]+[^\s<>\"'`)\].,;:!?]")
# e-mail addresses and comments are found by linear scanners: the equivalent regular
# expressions backtrack on "a.a.a.…" before an "@" and on unclosed "<!--"
EMAIL_RE = scan.EMAIL
COMMENT_RE = scan.COMMENT


def link_masks(text: str, span: Span) -> list[Span]:
    """URLs and e-mail addresses inside ``span`` of ``text`` (for readers whose prose is a few
    spans of the file: PO strings, XLIFF targets, HTML text)."""
    chunk = text[span.start : span.end]
    out: list[Span] = []
    if "http" in chunk or "www." in chunk or "ftp:" in chunk:
        out.extend(Span(span.start + m.start(), span.start + m.end()) for m in URL_RE.finditer(chunk))
    if "@" in chunk:
        out.extend(Span(span.start + m.start(), span.start + m.end()) for m in EMAIL_RE.finditer(chunk))
    return out


class TextReader:
    name = "text"
    suffixes = (".txt", ".text", "")

    def read(self, path: str, data: bytes, encoding: str | None = None, target_lang: str = "en") -> Document:
        text, enc, bom = decode(path, data, encoding)
        masked = merge_spans(
            mask_spans(text, ((URL_RE, ("http", "www.", "ftp:")), (EMAIL_RE, ("@",)), (COMMENT_RE, ("<!--",))))
        )
        return Document(
            path=path,
            text=text,
            target_lang=target_lang,
            masked=tuple(masked),
            encoding=enc,
            bom=bom,
            format=self.name,
        )

    def write(self, doc: Document, edits: Sequence[Edit]) -> bytes:
        return encode(doc, apply_edits(doc.text, normalise_edits(doc, edits)))


TEXT = TextReader()
