"""DOCX: the text of every paragraph of the main document part (body, tables, text boxes, in
document order), paragraphs separated by a blank line. Each ``<w:t>`` text element is mapped to
its offsets in ``Document.text``; tabs and line breaks are characters of the text but not
editable.

The package is read with :mod:`zipfile` and :mod:`lxml` directly (no entity expansion, no
network): every part's inflated size counts against one budget, and a package whose zip directory
declares more than the budget is refused before anything is inflated. Content inside
``mc:AlternateContent`` is read from its ``mc:Choice`` only (``mc:Fallback`` repeats it for old
readers), so a text box is read once.

Writing changes only the ``<w:t>`` elements an edit touches (the first keeps the replacement,
the others lose the deleted text), serialises only the document part and copies every other
zip entry unchanged (its name, order, date, attributes and content), so parts no relationship
reaches survive. With no edits the original bytes come back unchanged.
"""

from __future__ import annotations

import bisect
import io
import itertools
import lzma
import posixpath
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from tqkit.document import Document, Segment
from tqkit.errors import InputError
from tqkit.findings import Edit, Span
from tqkit.limits import MAX_BYTES, Budget

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SKIP_PARENTS = {W + "del", W + "moveFrom", MC + "Fallback"}
_OFFICE_DOCUMENT = "/officeDocument"
_MAX_ENTRIES = 10_000
# what a damaged or hostile zip can raise while it is opened or inflated
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    lzma.LZMAError,
    NotImplementedError,
    RuntimeError,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    UnicodeDecodeError,
)


@dataclass
class _Piece:
    start: int
    end: int
    element: Any | None  # the <w:t> element, or None for a tab / break (not editable)


@dataclass
class _Package:
    part: str  # the main document part's zip name, e.g. word/document.xml
    root: Any  # its parsed XML (lxml element)
    body: Any


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False
    )


def _member(path: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> bytes:
    """One entry's inflated bytes, counted against ``budget`` as they come (never more)."""
    out: list[bytes] = []
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(min(1 << 20, budget.left + 1))
            if not chunk:
                break
            budget.take(len(chunk))
            out.append(chunk)
    return b"".join(out)


def _open_zip(path: str, data: bytes) -> zipfile.ZipFile:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(path, "not a valid DOCX file (not a ZIP archive)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except _ZIP_ERRORS as exc:
        raise InputError(path, f"not a valid DOCX file (corrupt ZIP: {str(exc)[:80]})") from None
    if len(infos) > _MAX_ENTRIES:
        raise InputError(path, f"not a valid DOCX file ({len(infos):,} zip entries)")
    declared = sum(i.file_size for i in infos)
    if declared > MAX_BYTES:
        raise InputError(
            path,
            f"DOCX too large when decompressed ({declared / (1 << 20):,.0f} MB "
            f"declared; limit {MAX_BYTES // (1 << 20)} MB); not inflated",
        )
    return zf


def _main_part(path: str, zf: zipfile.ZipFile, budget: Budget) -> str:
    """The zip name of the main document part, from the package relationships."""
    names = set(zf.namelist())
    if "_rels/.rels" in names:
        rels = _xml(path, "_rels/.rels", _member(path, zf, zf.getinfo("_rels/.rels"), budget))
        for rel in rels:
            if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
                target = posixpath.normpath((rel.get("Target") or "").lstrip("/"))
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise InputError(path, "not a valid DOCX file (no main document part)")


def _xml(path: str, part: str, data: bytes) -> Any:
    try:
        return etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        msg = str(exc.msg if hasattr(exc, "msg") else exc).split(", line")[0]
        raise InputError(path, f"not a valid DOCX file ({part}: {msg})", exc.lineno) from None


def _load(path: str, data: bytes) -> _Package:
    zf = _open_zip(path, data)
    budget = Budget(path, MAX_BYTES, "DOCX decompressed content")
    try:
        part = _main_part(path, zf, budget)
        root = _xml(path, part, _member(path, zf, zf.getinfo(part), budget))
    except _ZIP_ERRORS as exc:
        raise InputError(path, f"not a valid DOCX file ({type(exc).__name__}: {str(exc)[:80]})") from None
    body = root.find(W + "body")
    if body is None:
        name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise InputError(path, f"not a valid DOCX file ({part} has no w:body; root <{name}>)")
    return _Package(part, root, body)


def _paragraphs(package: _Package) -> Iterator[Any]:
    """Paragraphs in document order, except those in an ``mc:Fallback`` (or in deleted text)."""
    body = package.body
    for p in body.iter(W + "p"):
        anc = p.getparent()
        while anc is not None and anc is not body and anc.tag not in _SKIP_PARENTS:
            anc = anc.getparent()
        if anc is body:
            yield p


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


def _layout(document: _Package) -> tuple[str, list[_Piece], list[Span]]:
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


@dataclass(frozen=True)
class DocxState:
    """What the DOCX reader keeps on its document to write it back: the package as read."""

    data: bytes


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
        return Document(
            path=path,
            text=text,
            target_lang=target_lang,
            given_segments=tuple(segments),
            format=self.name,
            reader_state=DocxState(data),
        )

    def write(self, doc: Document, edits: Sequence[Edit]) -> bytes:
        state = doc.reader_state
        if not isinstance(state, DocxState):
            raise InputError(doc.path, "DOCX document was not read by the DOCX reader")
        original = state.data
        if not edits:
            return original
        document = _load(doc.path, original)
        text, pieces, _paras = _layout(document)
        if text != doc.text:
            raise InputError(doc.path, "DOCX text changed since it was read")
        changed = False
        starts = [p.start for p in pieces]
        for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
            # only the pieces around the edit (a scan of all pieces per edit is quadratic)
            lo = max(0, bisect.bisect_right(starts, edit.start) - 2)
            hi = bisect.bisect_left(starts, edit.end) + 1
            changed |= _apply(pieces[lo:hi], edit)
        if not changed:
            return original
        return _repack(doc.path, original, document)


def _repack(path: str, original: bytes, package: _Package) -> bytes:
    """The original package with the main document part replaced; every other entry is copied
    with its own name, order, metadata and content."""
    part_xml = etree.tostring(package.root, xml_declaration=True, encoding="UTF-8", standalone=True)
    src = _open_zip(path, original)
    budget = Budget(path, MAX_BYTES, "DOCX decompressed content")
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                content = part_xml if info.filename == package.part else _member(path, src, info, budget)
                dst.writestr(info, content, compress_type=info.compress_type)
            dst.comment = src.comment
    except _ZIP_ERRORS as exc:
        raise InputError(path, f"cannot write DOCX: a zip entry is unreadable ({str(exc)[:80]})") from None
    return out.getvalue()


def _apply(pieces: list[_Piece], edit: Edit) -> bool:
    """Apply one edit to the ``<w:t>`` elements it covers; False (nothing done) when it touches
    a tab or break, or runs across paragraphs."""
    s, e = edit.start, edit.end
    if s == e:
        host = (
            next((p for p in pieces if p.element is not None and p.start < s < p.end), None)
            or next((p for p in pieces if p.element is not None and p.end == s), None)
            or next((p for p in pieces if p.element is not None and p.start == s), None)
        )
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
