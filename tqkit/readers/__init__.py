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
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from tqkit.document import Document
from tqkit.findings import Edit, Span

MAX_BYTES = 64 * 1024 * 1024
# Prose has no million-character lines: such a file is data or a minified dump, not an article.
MAX_LINE = 1_000_000


class InputError(Exception):
    """A file cannot be read or used. ``str()`` is the one-line message shown to the user."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path, self.message, self.line = path, message, line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


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
            raise InputError(path, f"line is {end - start:,} characters long (limit {MAX_LINE:,}); "
                             "this does not look like an article", line)
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


def _decode(path: str, data: bytes, encoding: str | None) -> tuple[str, str, bool]:
    if not data:
        raise InputError(path, "empty file")
    if encoding is None and b"\x00" in data:  # anywhere, not only the first block
        raise InputError(path, "looks like a binary file (contains NUL bytes); not checked")
    if encoding is not None:
        try:
            info = codecs.lookup(encoding)
        except (LookupError, ValueError, TypeError):
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib...
            raise InputError(path, f"{encoding!r} is not a text encoding")
        norm = info.name
        bom = norm == "utf-8" and data.startswith(codecs.BOM_UTF8)
        if bom:
            data = data[len(codecs.BOM_UTF8) :]
        try:
            return data.decode(encoding), encoding, bom
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(path, f"cannot decode as {encoding} ({exc.reason})", line) from None
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
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
    data = text.encode(doc.encoding)
    if doc.bom:
        data = codecs.BOM_UTF8 + data
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
    nl = doc.meta.get("newline") or dominant_newline(doc.text)
    return [
        Edit(e.span, _NL_RE.sub(str(nl), e.replacement)) if ("\n" in e.replacement or "\r" in e.replacement) else e
        for e in edits
    ]


def read_path(path: str | Path, encoding: str | None = None, target_lang: str = "en", fmt: str | None = None) -> Document:
    """Read a file (or ``-`` for standard input) into a Document."""
    spath = str(path)
    if spath == "-":
        data = sys.stdin.buffer.read()
        reader = reader_for("-.md" if fmt == "markdown" else "-.txt", None)
        return reader.read("-", data, encoding, target_lang)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(spath, "is a directory")
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block forever, a device never ends
            raise InputError(spath, "not a regular file (a FIFO, device or socket); not read")
        size = st.st_size
        if size > MAX_BYTES:
            raise InputError(spath, f"file too large ({size // (1024 * 1024)} MB; limit {MAX_BYTES // (1024 * 1024)} MB)")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(spath, "no such file") from None
    except PermissionError:
        raise InputError(spath, "permission denied") from None
    except IsADirectoryError:
        raise InputError(spath, "is a directory") from None
    except OSError as exc:
        raise InputError(spath, f"cannot read: {exc.strerror or exc}") from None
    reader = reader_for(p, fmt)
    return reader.read(spath, data, encoding, target_lang)


def mask_spans(text: str, patterns: Sequence[re.Pattern[str] | tuple[re.Pattern[str], tuple[str, ...]]]) -> list[Span]:
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
