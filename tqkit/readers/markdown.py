"""Markdown: prose is checked; front matter, code (fenced, indented, inline), URLs, link
targets, HTML comments and tags are masked. Spans still point into the original file."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from tqkit.document import Document, merge_spans
from tqkit.findings import Edit, Span, apply_edits
from tqkit.readers import decode, encode, mask_spans, normalise_edits, scan
from tqkit.readers.text import EMAIL_RE, URL_RE

FRONT_MATTER_RE = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M)
FENCE_RE = re.compile(
    r"^(?P<indent>[ ]{0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}(?P=fence)[`~]*[ \t]*$|\Z)",
    re.S | re.M,
)
INLINE_CODE_RE = scan.INLINE_CODE
COMMENT_RE = scan.COMMENT
TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
LINK_TARGET_RE = re.compile(r"(?<=\])\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
REF_DEF_RE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
AUTOLINK_RE = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]+>")
_LIST_ITEM_RE = re.compile(r"[ ]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_LINE_RE = re.compile(r"[^\n]*(?:\n|\Z)")


class IndentedCodeScanner:
    """Indented code blocks (four spaces or a tab), line by line: after a blank line, at the
    start of the file, or right after a list item's line when indented four more than its
    marker (``- Remove them:`` followed by ``      sudo apt autoremove``)."""

    def finditer(self, text: str) -> Iterator[scan.Hit]:
        prev = "blank"  # kind of the previous line: blank, list, code or text
        list_indent = 0
        block_start = -1
        pos = 0
        n = len(text)
        while pos < n:
            nl = text.find("\n", pos)
            end = n if nl == -1 else nl + 1
            line = text[pos:end].rstrip("\r\n")
            indented = line.startswith(("    ", "\t"))
            if not line.strip():
                kind = "code" if prev == "code" and block_start >= 0 else "blank"
                if kind == "blank" and block_start >= 0:
                    block_start = -1
            elif indented and (prev in ("blank", "code") or (prev == "list" and _indent(line) >= list_indent + 4)):
                kind = "code"
                if block_start < 0:
                    block_start = pos
            else:
                if block_start >= 0:
                    yield scan.Hit(block_start, _trim_end(text, block_start, pos))
                    block_start = -1
                if _LIST_ITEM_RE.match(line):
                    kind, list_indent = "list", _indent(line)
                else:
                    kind = "text"
            prev = kind
            pos = end
        if block_start >= 0:
            yield scan.Hit(block_start, _trim_end(text, block_start, n))


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _trim_end(text: str, start: int, end: int) -> int:
    """The end of a code block without its trailing blank lines (kept as prose line breaks)."""
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    nl = text.find("\n", end)
    return len(text) if nl == -1 else nl + 1


INDENTED_CODE_RE = IndentedCodeScanner()


CODE_PATTERNS = (
    (FENCE_RE, ("```", "~~~")),
    (INDENTED_CODE_RE, ("    ", "\t")),
    (INLINE_CODE_RE, ("`",)),
)


def markdown_masks(text: str) -> list[Span]:
    return merge_spans(
        mask_spans(
            text,
            (
                (FRONT_MATTER_RE, ("---", "+++")),
                *CODE_PATTERNS,
                (COMMENT_RE, ("<!--",)),
                (TAG_RE, ("<",)),
                (LINK_TARGET_RE, ("](",)),
                (REF_DEF_RE, ("]:",)),
                (AUTOLINK_RE, ("<",)),
                (URL_RE, ("http", "www.", "ftp:")),
                (EMAIL_RE, ("@",)),
            ),
        )
    )


class MarkdownReader:
    name = "markdown"
    suffixes = (".md", ".markdown")

    def read(self, path: str, data: bytes, encoding: str | None = None, target_lang: str = "en") -> Document:
        text, enc, bom = decode(path, data, encoding)
        code = tuple(merge_spans(mask_spans(text, CODE_PATTERNS)))
        return Document(
            path=path,
            text=text,
            target_lang=target_lang,
            masked=tuple(markdown_masks(text)),
            encoding=enc,
            bom=bom,
            format=self.name,
            code_spans=code,
        )

    def write(self, doc: Document, edits: Sequence[Edit]) -> bytes:
        return encode(doc, apply_edits(doc.text, normalise_edits(doc, edits)))


MARKDOWN = MarkdownReader()
