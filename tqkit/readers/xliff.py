"""XLIFF 1.2 and 2.x: the targets are the checked text, each unit's source goes to
``Segment.source`` (already aligned, so source-target rules need no ``--source``).

``Document.text`` is the original file text; everything except the text content of the
``<target>`` elements is masked (inline codes such as ``<ph>``, ``<x/>``, ``<bpt>`` and entity
references too). Writing applies the edits to the original string, XML-escaped, so markup is
never touched and a read-then-write with no edits is byte-identical.

The file is parsed with lxml first (no entity expansion, no network, no DTD) so malformed XML is
reported as a one-line :class:`~tqkit.readers.InputError` with its line.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from tqkit.document import Document, Segment, merge_spans
from tqkit.errors import InputError
from tqkit.findings import Edit, Span, apply_edits
from tqkit.readers import decode, encode, normalise_edits
from tqkit.readers.html import complement, editable, escape_html, trim_span
from tqkit.readers.text import link_masks

_DECL_RE = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']")
_P = r"(?:[A-Za-z_][\w.-]*:)?"  # optional namespace prefix
# Comments, CDATA sections, processing instructions and the DOCTYPE, in one left-to-right pass
# (so "<!--" inside a CDATA section is text, and every match ends at its closer or the end).
_SKIP_RE = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))|(?P<cdata><!\[CDATA\[(?P<cc>.*?)(?:\]\]>|\Z))|<\?.*?(?:\?>|\Z)"
    r"|<!DOCTYPE(?:[^\[>]|\[[^\]]*(?:\]|\Z))*(?:>|\Z)",
    re.S,
)
_UNIT12_RE = re.compile(rf"<{_P}trans-unit\b(?P<attrs>[^>]*)>(?P<body>.*?)</{_P}trans-unit\s*>", re.S)
_UNIT2_RE = re.compile(rf"<{_P}unit\b(?P<attrs>[^>]*)>(?P<body>.*?)</{_P}unit\s*>", re.S)
_SEGMENT2_RE = re.compile(rf"<{_P}segment\b(?P<attrs>[^>]*)>(?P<body>.*?)</{_P}segment\s*>", re.S)
_SOURCE_RE = re.compile(rf"<{_P}source\b[^>]*?(?:/>|>(?P<c>.*?)</{_P}source\s*>)", re.S)
_TARGET_RE = re.compile(rf"<{_P}target\b[^>]*?(?:/>|>(?P<c>.*?)</{_P}target\s*>)", re.S)
_ALT_RE = re.compile(rf"<{_P}alt-trans\b.*?</{_P}alt-trans\s*>", re.S)
# inline codes whose content is native code, not text
_CODE_RE = re.compile(rf"<{_P}(?P<n>ph|bpt|ept|it)\b[^>]*>.*?</{_P}(?P=n)\s*>", re.S)
_TAG_RE = re.compile(r"<[^<>]*>")
_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_ID_RE = re.compile(r"\bid\s*=\s*[\"']([^\"']*)[\"']")


def _plain(xml_fragment: str) -> str:
    """The text of a source fragment: inline codes and tags dropped, entities expanded; the
    content of CDATA sections is text as it stands (its tag-like parts dropped too)."""
    parts: list[str] = []
    pos = 0
    for m in _SKIP_RE.finditer(xml_fragment):
        parts.append(_xml_text(xml_fragment[pos : m.start()]))
        if m.group("cdata") is not None:
            parts.append(_TAG_RE.sub("", m.group("cc")))
        pos = m.end()
    parts.append(_xml_text(xml_fragment[pos:]))
    return "".join(parts).strip()


def _xml_text(fragment: str) -> str:
    return html.unescape(_TAG_RE.sub("", _CODE_RE.sub("", fragment)))


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with matches of ``pattern`` replaced by spaces (offsets kept)."""
    return pattern.sub(lambda m: _NOT_NL_RE.sub(" ", m.group()), text)


_NOT_NL_RE = re.compile(r"[^\n]")


def _masks_in(text: str, span: Span) -> tuple[list[Span], list[Span]]:
    """Masks inside a target's content, and the content spans of its CDATA sections: markup,
    inline codes and entities outside CDATA; the ``<![CDATA[`` and ``]]>`` delimiters and any
    tag-like text inside it (often embedded HTML)."""
    masks: list[Span] = []
    cdata: list[Span] = []
    chunk = text[span.start : span.end]
    base = span.start
    pos = 0

    def xml_part(lo: int, hi: int) -> None:
        part = chunk[lo:hi]
        for pat in (_CODE_RE, _TAG_RE, _ENTITY_RE):
            masks.extend(Span(base + lo + h.start(), base + lo + h.end()) for h in pat.finditer(part))

    for m in _SKIP_RE.finditer(chunk):
        xml_part(pos, m.start())
        if m.group("cdata") is not None:
            cs, ce = m.start("cc"), m.end("cc")
            masks.append(Span(base + m.start(), base + cs))
            if ce < m.end():
                masks.append(Span(base + ce, base + m.end()))
            cdata.append(Span(base + cs, base + ce))
            masks.extend(Span(base + cs + h.start(), base + cs + h.end()) for h in _TAG_RE.finditer(chunk[cs:ce]))
        else:
            masks.append(Span(base + m.start(), base + m.end()))
        pos = m.end()
    xml_part(pos, len(chunk))
    return masks, cdata


def escape_cdata(text: str) -> str:
    """Text for the inside of a CDATA section: only ``]]>`` needs splitting."""
    return text.replace("]]>", "]]]]><![CDATA[>")


@dataclass(frozen=True)
class XliffState:
    """What the XLIFF reader keeps on its document to write it back: the version, and the
    CDATA sections (a fix there is written unescaped)."""

    version: str
    cdata: tuple[Span, ...]


class XliffReader:
    name = "xliff"
    # .sdlxliff (Trados), .mxliff (Memsource/Phrase), .mqxliff (memoQ) are XLIFF 1.2: only the
    # target text is read and written, never their skeleton or base64 parts
    suffixes = (".xlf", ".xliff", ".sdlxliff", ".mxliff", ".mqxliff")

    def read(self, path: str, data: bytes, encoding: str | None = None, target_lang: str = "en") -> Document:
        if encoding is None:
            m = _DECL_RE.match(data[:200])
            if m and m.group(1).decode("ascii").lower().replace("_", "-") not in ("utf-8", "utf8"):
                encoding = m.group(1).decode("ascii")
        text, enc, bom = decode(path, data, encoding)
        root = self._parse(path, data)
        version = (root.get("version") or "").strip()
        if not version:
            ns = etree.QName(root).namespace or ""
            version = "2.0" if ns.endswith(":2.0") else "1.2"
        # the scan text: comments, PIs, the DOCTYPE and whole CDATA sections blanked, so unit
        # and target patterns never match inside them (offsets unchanged)
        scan = _blank(text, _SKIP_RE)
        prose: list[Span] = []
        inner_masks: list[Span] = []
        cdata: list[Span] = []
        meta_ids: list[str] = []
        sources: list[str] = []
        for unit_id, src, tgt_span in self._units(text, scan, version):
            if tgt_span is None:
                continue
            prose.append(tgt_span)
            masks, sections = _masks_in(text, tgt_span)
            inner_masks.extend(masks)
            inner_masks.extend(link_masks(text, tgt_span))
            cdata.extend(sections)
            meta_ids.append(unit_id)
            sources.append(src)
        masked = merge_spans(complement(prose, len(text)) + inner_masks)
        segments: list[Segment] = []
        for span, uid, src in zip(prose, meta_ids, sources, strict=True):
            found = trim_span(text, span, masked)
            if found is not None:
                segments.append(Segment(uid or f"u{len(segments) + 1}", found, "unit", source=src))
        if version.startswith("1"):
            file_el = next(iter(root.iter("{*}file")), None)
            src_lang = file_el.get("source-language") if file_el is not None else None
            tgt_lang = file_el.get("target-language") if file_el is not None else None
        else:
            src_lang, tgt_lang = root.get("srcLang"), root.get("trgLang")
        return Document(
            path=path,
            text=text,
            target_lang=target_lang,
            source_lang=src_lang,
            masked=tuple(masked),
            given_segments=tuple(segments),
            source_text="\n\n".join(s.source or "" for s in segments) or None,
            encoding=enc,
            bom=bom,
            format=self.name,
            declared_target_lang=tgt_lang or None,
            reader_state=XliffState(version, tuple(cdata)),
        )

    @staticmethod
    def _parse(path: str, data: bytes) -> etree._Element:
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=False
        )
        try:
            root = etree.fromstring(data, parser=parser)
        except etree.XMLSyntaxError as exc:
            msg = str(exc.msg if hasattr(exc, "msg") else exc).split(", line")[0]
            raise InputError(path, f"malformed XLIFF: {msg}", exc.lineno) from None
        if etree.QName(root).localname != "xliff":
            raise InputError(path, f"not an XLIFF file (root element <{etree.QName(root).localname}>)", root.sourceline)
        return root

    @staticmethod
    def _units(text: str, scan: str, version: str) -> list[tuple[str, str, Span | None]]:
        out: list[tuple[str, str, Span | None]] = []
        if version.startswith("1"):
            for um in _UNIT12_RE.finditer(scan):
                body_start = um.start("body")
                body = _blank(um.group("body"), _ALT_RE)
                uid = (_ID_RE.search(um.group("attrs")) or [None, ""])[1] or ""
                out.append(XliffReader._pair(text, body, body_start, uid))
        else:
            for um in _UNIT2_RE.finditer(scan):
                uid = (_ID_RE.search(um.group("attrs")) or [None, ""])[1] or ""
                body_start = um.start("body")
                for k, sm in enumerate(_SEGMENT2_RE.finditer(um.group("body"))):
                    sid = (_ID_RE.search(sm.group("attrs")) or [None, ""])[1] or ""
                    label = f"{uid}/{sid}" if sid else (uid if k == 0 else f"{uid}/{k + 1}")
                    out.append(XliffReader._pair(text, sm.group("body"), body_start + sm.start("body"), label))
        return out

    @staticmethod
    def _pair(text: str, body: str, offset: int, uid: str) -> tuple[str, str, Span | None]:
        """Source text and target span of one unit (``body`` is its scan text, where CDATA is
        blanked: the source is read from ``text`` at the same offsets)."""
        sm = _SOURCE_RE.search(body)
        tm = _TARGET_RE.search(body)
        src = _plain(text[offset + sm.start("c") : offset + sm.end("c")]) if sm and sm.group("c") is not None else ""
        if tm is None or tm.group("c") is None:
            return uid, src, None
        return uid, src, Span(offset + tm.start("c"), offset + tm.end("c"))

    def write(self, doc: Document, edits: Sequence[Edit]) -> bytes:
        state = doc.reader_state
        cdata = state.cdata if isinstance(state, XliffState) else ()
        safe = [
            Edit(e.span, escape_cdata(e.replacement) if _inside(cdata, e.span) else escape_html(e.replacement))
            for e in editable(doc, edits)
        ]
        return encode(doc, apply_edits(doc.text, normalise_edits(doc, safe)))


def _inside(spans: Sequence[Span], span: Span) -> bool:
    i = bisect.bisect_right(spans, Span(span.start, 1 << 62)) - 1
    return i >= 0 and spans[i].start <= span.start and span.end <= spans[i].end


XLIFF = XliffReader()
