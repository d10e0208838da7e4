"""GNU gettext PO files: each ``msgstr`` (or ``msgstr[n]``) is checked, its ``msgid`` (or
``msgid_plural``) goes to ``Segment.source``.

``Document.text`` is the original file; everything except the content of ``msgstr`` strings is
masked (comments, keywords, quotes, ``msgid``, the header entry, obsolete ``#~`` entries, escape
sequences). Writing applies the edits to the original string, escaped for PO, so a read-then-write
with no edits is byte-identical.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tqkit.document import Document, Segment, merge_spans
from tqkit.errors import InputError
from tqkit.findings import Edit, Span, apply_edits
from tqkit.readers import decode, encode
from tqkit.readers.html import complement, editable, trim_span
from tqkit.readers.text import link_masks

_KEYWORD_RE = re.compile(r"^(?P<kw>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+(?P<rest>.*)$")
_STRING_RE = re.compile(r'^"(?P<c>(?:[^"\\]|\\.)*)"[ \t]*$')
_ESCAPE_RE = re.compile(r"\\.")
# msgids that are keys, not text: "translator-credits", "about_dialog.authors"; their msgstr is
# checked, but has no source to compare with (names are not a translation of "credits")
_KEY_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[._-][A-Za-z0-9]+)+\Z")
_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unescape(s: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _UNESCAPES.get(m.group()[1], m.group()[1]), s)


def escape_po(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


@dataclass
class _Entry:
    line: int
    fields: dict[str, list[Span]] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)


class PoReader:
    name = "po"
    suffixes = (".po", ".pot")

    def read(self, path: str, data: bytes, encoding: str | None = None, target_lang: str = "en") -> Document:
        text, enc, bom = decode(path, data, encoding)
        entries = self._parse(path, text)
        prose: list[Span] = []
        ids: list[str] = []
        sources: list[str] = []
        escapes: list[Span] = []
        for n, entry in enumerate(entries, 1):
            msgid = entry.values.get("msgid", "")
            if not msgid and "msgctxt" not in entry.values:
                continue  # the header: metadata, not text
            for kw, spans in entry.fields.items():
                if not kw.startswith("msgstr") or not spans:
                    continue
                index = int(kw[7:-1]) if "[" in kw else 0
                src = entry.values.get("msgid_plural", msgid) if index >= 1 else msgid
                if _KEY_RE.match(msgid):
                    src = ""  # a key (translator-credits, menu.file.open), not source text
                for s in spans:
                    prose.append(s)
                    escapes.extend(link_masks(text, s))
                    escapes.extend(
                        Span(s.start + m.start(), s.start + m.end()) for m in _ESCAPE_RE.finditer(text[s.start : s.end])
                    )
                    ids.append(f"e{n}" + (f"[{index}]" if "[" in kw else "") + f"@{entry.line}")
                    sources.append(src)
        masked = merge_spans(complement(prose, len(text)) + escapes)
        # one segment per msgstr: its string pieces joined (the quotes between them are masked)
        segments: list[Segment] = []
        groups: dict[str, list[Span]] = {}
        group_source: dict[str, str] = {}
        for s, i, src in zip(prose, ids, sources, strict=True):
            groups.setdefault(i, []).append(s)
            group_source[i] = src
        for gid, spans in groups.items():
            found = trim_span(text, Span(spans[0].start, spans[-1].end), masked)
            if found is not None:
                segments.append(Segment(gid, found, "unit", source=group_source[gid]))
        return Document(
            path=path,
            text=text,
            target_lang=target_lang,
            masked=tuple(masked),
            given_segments=tuple(segments),
            source_text="\n\n".join(s.source or "" for s in segments) or None,
            encoding=enc,
            bom=bom,
            format=self.name,
        )

    @staticmethod
    def _parse(path: str, text: str) -> list[_Entry]:
        entries: list[_Entry] = []
        current: _Entry | None = None
        last_kw: str | None = None
        pos = 0
        for lineno, line in enumerate(text.splitlines(keepends=True), 1):
            start = pos
            pos += len(line)
            body = line.rstrip("\r\n")
            stripped = body.strip()
            if not stripped:
                current, last_kw = None, None
                continue
            if stripped.startswith("#"):
                if current is not None and last_kw is not None:
                    current, last_kw = None, None
                continue
            indent = len(body) - len(body.lstrip())
            m = _KEYWORD_RE.match(stripped)
            if m:
                last_kw = m.group("kw")
                current = _keyword(path, entries, current, m, start + indent, lineno)
                continue
            if stripped.startswith('"'):
                if current is None or last_kw is None:
                    raise InputError(path, "malformed PO file: string outside an entry", lineno)
                _add_string(path, current, last_kw, stripped, start + indent, lineno)
                continue
            raise InputError(path, f"malformed PO file: unexpected text {stripped[:30]!r}", lineno)
        _check_entries(path, entries)
        return entries

    def write(self, doc: Document, edits: Sequence[Edit]) -> bytes:
        safe = [Edit(e.span, escape_po(e.replacement)) for e in editable(doc, edits)]
        return encode(doc, apply_edits(doc.text, safe))


def _keyword(
    path: str, entries: list[_Entry], current: _Entry | None, m: re.Match[str], line_offset: int, lineno: int
) -> _Entry:
    """A ``msgid``/``msgstr``/``msgctxt`` line: it starts a new entry when the current one
    already has its msgid (or any field, for msgctxt); returns the entry it belongs to."""
    kw = m.group("kw")
    if (
        current is None
        or (kw in ("msgid", "msgctxt") and "msgid" in current.values)
        or (kw == "msgctxt" and current.fields)
    ):
        current = _Entry(lineno)
        entries.append(current)
    if kw in current.fields:
        raise InputError(path, f"malformed PO file: duplicate {kw}", lineno)
    current.fields[kw] = []
    current.values[kw] = ""
    _add_string(path, current, kw, m.group("rest"), line_offset + m.start("rest"), lineno)
    return current


def _check_entries(path: str, entries: list[_Entry]) -> None:
    for e in entries:
        if "msgid" not in e.values:
            raise InputError(path, "malformed PO file: entry without msgid", e.line)
        if not any(k.startswith("msgstr") for k in e.values):
            raise InputError(path, "malformed PO file: entry without msgstr", e.line)


def _add_string(path: str, entry: _Entry, kw: str, string: str, offset: int, lineno: int) -> None:
    sm = _STRING_RE.match(string.rstrip())
    if sm is None:
        raise InputError(path, "malformed PO file: expected a quoted string", lineno)
    content = sm.group("c")
    if content:
        entry.fields[kw].append(Span(offset + 1, offset + 1 + len(content)))
    entry.values[kw] += _unescape(content)


PO = PoReader()
