"""Readers turn a file into a :class:`~tqkit.document.Document` and write edits back.

One module per format. Each reader has ``name``, ``suffixes``, ``read(path, data, encoding)``
and ``write(doc, edits) -> bytes``; writing with no edits gives back the original bytes.
Readers for other formats (DOCX, HTML, XLIFF, PO) register themselves here by suffix.
"""

from __future__ import annotations

import codecs
import importlib
import importlib.util
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from tqkit.document import Document
from tqkit.errors import InputError
from tqkit.findings import Edit, Span
from tqkit.limits import MAX_BYTES, read_limited, read_stream

__all__ = ["MAX_BYTES", "InputError", "decode", "encode", "read_path", "reader_for"]
# Prose has no million-character lines: such a file is data or a minified dump, not an article.
MAX_LINE = 1_000_000


class Reader(Protocol):
    name: str
    suffixes: tuple[str, ...]

    def read(self, path: str, data: bytes, encoding: str | None = None, target_lang: str = "en") -> Document: ...

    def write(self, doc: Document, edits: Sequence[Edit]) -> bytes: ...


# suffix -> "module:attribute"; formats beyond text and Markdown are imported on use.
READERS: dict[str, str] = {
    ".txt": "tqkit.readers.text:TEXT",
    ".text": "tqkit.readers.text:TEXT",
    "": "tqkit.readers.text:TEXT",
    ".md": "tqkit.readers.markdown:MARKDOWN",
    ".markdown": "tqkit.readers.markdown:MARKDOWN",
    ".docx": "tqkit.readers.docx:DOCX",
    ".html": "tqkit.readers.html:HTML",
    ".htm": "tqkit.readers.html:HTML",
    ".xlf": "tqkit.readers.xliff:XLIFF",
    ".xliff": "tqkit.readers.xliff:XLIFF",
    ".po": "tqkit.readers.po:PO",
    ".pot": "tqkit.readers.po:PO",
    ".sdlxliff": "tqkit.readers.xliff:XLIFF",
    ".mxliff": "tqkit.readers.xliff:XLIFF",
    ".mqxliff": "tqkit.readers.xliff:XLIFF",
}

# Suffixes a directory walk picks up.
WALK_SUFFIXES = (".txt", ".md", ".markdown")


def reader_for(path: str | Path, fmt: str | None = None) -> Reader:
    """The reader for a path (by suffix) or an explicit format name."""
    if fmt:
        for target in READERS.values():
            if target.split(":")[0].rsplit(".", 1)[1] == fmt:
                return _load(target)
        raise InputError(str(path), f"unknown format {fmt!r}")
    suffix = Path(path).suffix.lower()
    target = READERS.get(suffix, "tqkit.readers.text:TEXT")
    return _load(target)


def _load(target: str) -> Reader:
    module, _, attr = target.partition(":")
    mod = importlib.import_module(module)
    reader: Reader = getattr(mod, attr)
    return reader


def _check_lines(path: str, text: str) -> str:
    start = 0
    line = 1
    n = len(text)
    while start < n:
        end = text.find("\n", start)
        if end == -1:
            end = n
        if end - start > MAX_LINE:
            raise InputError(
                path,
                f"line is {end - start:,} characters long (limit {MAX_LINE:,}); this does not look like an article",
                line,
            )
        start = end + 1
        line += 1
    return text


def decode(path: str, data: bytes, encoding: str | None) -> tuple[str, str, bool]:
    """Decode file bytes: UTF-8 with or without BOM, or the given ``encoding`` only.

    Returns ``(text, encoding, had_bom)``; raises :class:`InputError` with a one-line message.
    """
    text, enc, bom = _decode(path, data, encoding)
    if len(text) > MAX_LINE:
        _check_lines(path, text.replace("\r", "\n") if "\r" in text else text)
    return text, enc, bom


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {name: bom for bom, name in _BOMS}


def _sniff_utf16(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for BOM-less UTF-16 text (mostly Latin script: one byte of
    each pair is zero), else None."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    pairs = len(sample) // 2
    if odd.count(0) >= 0.9 * pairs and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * pairs and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _bom_encoding(data: bytes) -> tuple[str, bytes] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, data[len(bom) :]
    return None


def _decode_as(path: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        nl = "\n".encode(encoding) if not encoding.startswith("utf-8") else b"\n"
        line = data[: exc.start].count(nl) + 1
        raise InputError(path, f"cannot decode as {encoding} ({exc.reason})", line) from None


def _decode(path: str, data: bytes, encoding: str | None) -> tuple[str, str, bool]:
    if not data:
        raise InputError(path, "empty file")
    if encoding is not None:
        try:
            info = codecs.lookup(encoding)
        except (LookupError, ValueError, TypeError):
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib...
            raise InputError(path, f"{encoding!r} is not a text encoding (use e.g. utf-8, utf-16, cp1252)")
        norm = info.name
        found = _bom_encoding(data)
        if norm in ("utf-16", "utf-32") or (found and found[0].startswith(norm) and norm != "utf-8"):
            # keep the byte order of the file: a UTF-16BE file is written back as UTF-16BE
            if found is not None and found[0].startswith(norm):
                name, body = found
                return _decode_as(path, body, name), name, True
            name = (
                (_sniff_utf16(data) or "utf-16-le") if norm == "utf-16" else ("utf-32-le" if norm == "utf-32" else norm)
            )
            return _decode_as(path, data, name), name, False
        bom = norm == "utf-8" and data.startswith(codecs.BOM_UTF8)
        if bom:
            data = data[len(codecs.BOM_UTF8) :]
        return _decode_as(path, data, encoding), encoding, bom
    found = _bom_encoding(data)
    # a UTF-16/32 byte-order mark, and text that has the zero bytes of its spaces and line
    # breaks (b"\xff\xfe bad" is a broken file, not two Chinese characters)
    if found is not None and found[0] != "utf-8" and b"\x00" in found[1]:
        name, body = found
        return _decode_as(path, body, name), name, True
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
    if b"\x00" in data:
        sniffed = _sniff_utf16(data)
        if sniffed is not None:
            try:
                return data.decode(sniffed), sniffed, False
            except UnicodeDecodeError:
                pass
            raise InputError(
                path,
                f"looks like {sniffed.upper()} without a byte-order mark but does not "
                f"decode as it; pass --encoding {sniffed}",
            )
        raise InputError(
            path,
            "looks like a binary file (contains NUL bytes); not checked "
            "(if it is UTF-16 or UTF-32 text, pass --encoding utf-16 or utf-32)",
        )
    try:
        return data.decode("utf-8"), "utf-8", bom
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "pass --encoding if the file uses another encoding",
            line,
        ) from None


def encode(doc: Document, text: str) -> bytes:
    data = text.encode(doc.encoding)  # UnicodeEncodeError: tqkit.fixes reports it in one line
    if doc.bom:
        data = _BOM_OF.get(codecs.lookup(doc.encoding).name, codecs.BOM_UTF8) + data
    return data


def dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf >= lf and crlf >= cr and crlf:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


_NL_RE = re.compile(r"\r\n|\r|\n")


def normalise_edits(doc: Document, edits: Sequence[Edit]) -> list[Edit]:
    """Give inserted line breaks the document's own line-ending style."""
    nl = dominant_newline(doc.text)
    return [
        Edit(e.span, _NL_RE.sub(nl, e.replacement)) if ("\n" in e.replacement or "\r" in e.replacement) else e
        for e in edits
    ]


def read_path(
    path: str | Path, encoding: str | None = None, target_lang: str = "en", fmt: str | None = None
) -> Document:
    """Read a file (or ``-`` for standard input) into a Document."""
    spath = str(path)
    if spath == "-":
        data = read_stream(sys.stdin.buffer, "-", MAX_BYTES)
        reader = reader_for("-.md" if fmt == "markdown" else "-.txt", None)
        return reader.read("-", data, encoding, target_lang)
    data = read_limited(spath, MAX_BYTES)
    reader = reader_for(path, fmt)
    return reader.read(spath, data, encoding, target_lang)


class _Match(Protocol):
    def start(self) -> int: ...

    def end(self) -> int: ...


class Finder(Protocol):
    """A compiled pattern, or a linear scanner with the same ``finditer`` (see ``readers.scan``)."""

    def finditer(self, text: str) -> Iterator[_Match]: ...


def mask_spans(text: str, patterns: Sequence[Finder | tuple[Finder, tuple[str, ...]]]) -> list[Span]:
    """Spans matched by any pattern. A pattern may come with trigger substrings: it is only run
    when one of them occurs in the text (most articles have no code, comments or links)."""
    spans: list[Span] = []
    for item in patterns:
        if isinstance(item, tuple):
            pat, triggers = item
            if not any(t in text for t in triggers):
                continue
        else:
            pat = item
        spans.extend(Span(m.start(), m.end()) for m in pat.finditer(text) if m.end() > m.start())
    return spans
