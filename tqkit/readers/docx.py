"""DOCX (python-docx): the text of every paragraph (body, tables, text boxes, in document
order), paragraphs separated by a blank line. Each ``<w:t>`` text element is mapped to its
offsets in ``Document.text``; tabs and line breaks are characters of the text but not editable.

Writing changes only the ``<w:t>`` elements an edit touches (the first keeps the replacement,
the others lose the deleted text), so untouched runs keep their XML, and touched runs their
formatting. With no edits the original bytes come back unchanged.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tqkit.document import Document, Segment
from tqkit.findings import Edit, Span
from tqkit.readers import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SKIP_PARENTS = {W + "del", W + "moveFrom"}


@dataclass
class _Piece:
    start: int
    end: int
    element: Any | None  # the <w:t> element, or None for a tab / break (not editable)


def _load(path: str, data: bytes) -> Any:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - declared dependency
        raise InputError(path, "reading DOCX needs python-docx: pip install python-docx") from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(path, "not a valid DOCX file (not a ZIP archive)")
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a valid DOCX file ({type(exc).__name__}: {str(exc)[:80]})") from None
    except Exception as exc:  # lxml errors inside the package
        raise InputError(path, f"cannot read DOCX ({type(exc).__name__}: {str(exc)[:80]})") from None


def _paragraphs(document: Any) -> Iterator[Any]:
    body = document.element.body
    yield from body.iter(W + "p")


def _runs(p: Any) -> Iterator[Any]:
    """The runs of paragraph ``p`` itself (not of paragraphs nested in its text boxes), skipping
    deleted text of tracked changes."""
    for r in p.iter(W + "r"):
        anc = r.getparent()
        ok = True
        while anc is not None and anc is not p:
            if anc.tag in _SKIP_PARENTS or anc.tag == W + "p":
                ok = False
                break
            anc = anc.getparent()
        if ok:
            yield r


def _layout(document: Any) -> tuple[str, list[_Piece], list[Span]]:
    parts: list[str] = []
    pieces: list[_Piece] = []
    paragraphs: list[Span] = []
    pos = 0
    for k, p in enumerate(_paragraphs(document)):
        if k:
            parts.append("\n\n")
            pos += 2
        p_start = pos
        for r in _runs(p):
            for child in r:
                tag = child.tag
                if tag == W + "t":
                    s = child.text or ""
                    if s:
                        pieces.append(_Piece(pos, pos + len(s), child))
                        parts.append(s)
                        pos += len(s)
                elif tag in (W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
                    ch = {W + "tab": "\t", W + "noBreakHyphen": "\u2011"}.get(tag, "\n")
                    pieces.append(_Piece(pos, pos + 1, None))
                    parts.append(ch)
                    pos += 1
        paragraphs.append(Span(p_start, pos))
    return "".join(parts), pieces, paragraphs


class DocxReader:
    name = "docx"
    suffixes = (".docx",)

    def read(self, path: str, data: bytes, encoding: str | None = None, target_lang: str = "en") -> Document:
        document = _load(path, data)
        text, _pieces, paragraphs = _layout(document)
        segments: list[Segment] = []
        for span in paragraphs:
            start, end = span.start, span.end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                segments.append(Segment(f"p{len(segments) + 1}", Span(start, end)))
        return Document(path=path, text=text, target_lang=target_lang, given_segments=tuple(segments),
                        meta={"format": self.name, "docx_bytes": data, "paragraphs": len(paragraphs)})

    def write(self, doc: Document, edits: Sequence[Edit]) -> bytes:
        original = doc.meta.get("docx_bytes")
        if not isinstance(original, bytes):
            raise InputError(doc.path, "DOCX document was not read by the DOCX reader")
        if not edits:
            return original
        document = _load(doc.path, original)
        text, pieces, _paras = _layout(document)
        if text != doc.text:
            raise InputError(doc.path, "DOCX text changed since it was read")
        changed = False
        for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
            changed |= _apply(pieces, edit)
        if not changed:
            return original
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _apply(pieces: list[_Piece], edit: Edit) -> bool:
    """Apply one edit to the ``<w:t>`` elements it covers; False (nothing done) when it touches
    a tab or break, or runs across paragraphs."""
    s, e = edit.start, edit.end
    if s == e:
        host = next((p for p in pieces if p.element is not None and p.start < s < p.end), None) or \
            next((p for p in pieces if p.element is not None and p.end == s), None) or \
            next((p for p in pieces if p.element is not None and p.start == s), None)
        if host is None:
            return False
        touched = [host]
    else:
        touched = [p for p in pieces if p.start < e and s < p.end]
        if not touched or any(p.element is None for p in touched):
            return False
        # the covered pieces must be contiguous (no paragraph break between them)
        if any(a.end != b.start for a, b in itertools.pairwise(touched)):
            return False
        if touched[0].start > s or touched[-1].end < e:
            return False
    for i, piece in enumerate(touched):
        el = piece.element
        assert el is not None
        old = el.text or ""
        lo = max(s, piece.start) - piece.start
        hi = min(e, piece.end) - piece.start
        new = old[:lo] + (edit.replacement if i == 0 else "") + old[hi:]
        el.text = new
        if new != new.strip() or "  " in new:
            el.set(XML_SPACE, "preserve")
    return True


DOCX = DocxReader()
