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

import html
import re
from collections.abc import Sequence

from lxml import etree

from tqkit.document import Document, Segment
from tqkit.findings import Edit, Span, apply_edits
from tqkit.readers import InputError, decode, encode, normalise_edits
from tqkit.readers.html import complement, editable, escape_html, segments_from_prose

_DECL_RE = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']")
_P = r"(?:[A-Za-z_][\w.-]*:)?"  # optional namespace prefix
_SKIP_RE = re.compile(r"<!--.*?-->|<!\[CDATA\[|\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>", re.S)
_UNIT12_RE = re.compile(rf"<{_P}trans-unit\b(?P<attrs>[^>]*)>(?P<body>.*?)</{_P}trans-unit\s*>", re.S)
_UNIT2_RE = re.compile(rf"<{_P}unit\b(?P<attrs>[^>]*)>(?P<body>.*?)</{_P}unit\s*>", re.S)
_SEGMENT2_RE = re.compile(rf"<{_P}segment\b(?P<attrs>[^>]*)>(?P<body>.*?)</{_P}segment\s*>", re.S)
_SOURCE_RE = re.compile(rf"<{_P}source\b[^>]*?(?:/>|>(?P<c>.*?)</{_P}source\s*>)", re.S)
_TARGET_RE = re.compile(rf"<{_P}target\b[^>]*?(?:/>|>(?P<c>.*?)</{_P}target\s*>)", re.S)
_ALT_RE = re.compile(rf"<{_P}alt-trans\b.*?</{_P}alt-trans\s*>", re.S)
# inline codes whose content is native code, not text
_CODE_RE = re.compile(rf"<{_P}(?P<n>ph|bpt|ept|it)\b[^>]*>.*?</{_P}(?P=n)\s*>", re.S)
_TAG_RE = re.compile(r"<[^>]*>")
_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_ID_RE = re.compile(r"\bid\s*=\s*[\"']([^\"']*)[\"']")


def _plain(xml_fragment: str) -> str:
    text = _CODE_RE.sub("", xml_fragment)
    text = _TAG_RE.sub("", text.replace("<![CDATA[", "").replace("]]>", ""))
    return html.unescape(text).strip()


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with matches of ``pattern`` replaced by spaces (offsets kept)."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


class XliffReader:
    name = "xliff"
    suffixes = (".xlf", ".xliff")

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
        scan = _blank(text, _SKIP_RE)
        prose: list[Span] = []
        inner_masks: list[Span] = []
        meta_ids: list[str] = []
        sources: list[str] = []
        for unit_id, src, tgt_span in self._units(scan, version):
            if tgt_span is None:
                continue
            prose.append(tgt_span)
            chunk = text[tgt_span.start : tgt_span.end]
            for pat in (_SKIP_RE, _CODE_RE, _TAG_RE, _ENTITY_RE):
                for hit in pat.finditer(chunk):
                    inner_masks.append(Span(tgt_span.start + hit.start(), tgt_span.start + hit.end()))
            meta_ids.append(unit_id)
            sources.append(src)
        masked = complement(prose, len(text)) + inner_masks
        segments: list[Segment] = []
        for span, uid, src in zip(prose, meta_ids, sources, strict=True):
            found = segments_from_prose(text, [span], masked, prefix="")
            if found:
                segments.append(Segment(uid or f"u{len(segments) + 1}", found[0].span, "unit", source=src))
        if version.startswith("1"):
            file_el = next(iter(root.iter("{*}file")), None)
            src_lang = file_el.get("source-language") if file_el is not None else None
            tgt_lang = file_el.get("target-language") if file_el is not None else None
        else:
            src_lang, tgt_lang = root.get("srcLang"), root.get("trgLang")
        return Document(
            path=path, text=text, target_lang=target_lang, source_lang=src_lang,
            masked=tuple(sorted(masked)), given_segments=tuple(segments),
            source_text="\n\n".join(s.source or "" for s in segments) or None,
            encoding=enc, bom=bom,
            meta={"format": self.name, "xliff_version": version, "file_target_lang": tgt_lang},
        )

    @staticmethod
    def _parse(path: str, data: bytes) -> etree._Element:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, remove_comments=False)
        try:
            root = etree.fromstring(data, parser=parser)
        except etree.XMLSyntaxError as exc:
            msg = str(exc.msg if hasattr(exc, "msg") else exc).split(", line")[0]
            raise InputError(path, f"malformed XLIFF: {msg}", exc.lineno) from None
        if etree.QName(root).localname != "xliff":
            raise InputError(path, f"not an XLIFF file (root element <{etree.QName(root).localname}>)",
                             root.sourceline)
        return root

    @staticmethod
    def _units(scan: str, version: str) -> list[tuple[str, str, Span | None]]:
        out: list[tuple[str, str, Span | None]] = []
        if version.startswith("1"):
            for um in _UNIT12_RE.finditer(scan):
                body_start = um.start("body")
                body = _blank(um.group("body"), _ALT_RE)
                uid = (_ID_RE.search(um.group("attrs")) or [None, ""])[1] or ""
                out.append(XliffReader._pair(scan, body, body_start, uid))
        else:
            for um in _UNIT2_RE.finditer(scan):
                uid = (_ID_RE.search(um.group("attrs")) or [None, ""])[1] or ""
                body_start = um.start("body")
                for k, sm in enumerate(_SEGMENT2_RE.finditer(um.group("body"))):
                    sid = (_ID_RE.search(sm.group("attrs")) or [None, ""])[1] or ""
                    label = f"{uid}/{sid}" if sid else (uid if k == 0 else f"{uid}/{k + 1}")
                    out.append(XliffReader._pair(scan, sm.group("body"), body_start + sm.start("body"), label))
        return out

    @staticmethod
    def _pair(scan: str, body: str, offset: int, uid: str) -> tuple[str, str, Span | None]:
        sm = _SOURCE_RE.search(body)
        tm = _TARGET_RE.search(body)
        src = _plain(sm.group("c") or "") if sm else ""
        if tm is None or tm.group("c") is None:
            return uid, src, None
        return uid, src, Span(offset + tm.start("c"), offset + tm.end("c"))

    def write(self, doc: Document, edits: Sequence[Edit]) -> bytes:
        safe = [Edit(e.span, escape_html(e.replacement)) for e in editable(doc, edits)]
        return encode(doc, apply_edits(doc.text, normalise_edits(doc, safe)))


XLIFF = XliffReader()
