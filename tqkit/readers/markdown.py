"""Markdown: prose is checked; front matter, code (fenced, indented, inline), URLs, link
targets, HTML comments and tags are masked. Spans still point into the original file."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tqkit.document import Document, merge_spans
from tqkit.findings import Edit, Span, apply_edits
from tqkit.readers import decode, encode, mask_spans, normalise_edits
from tqkit.readers.text import EMAIL_RE, URL_RE

FRONT_MATTER_RE = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M)
FENCE_RE = re.compile(
    r"^(?P<indent>[ ]{0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}(?P=fence)[`~]*[ \t]*$|\Z)",
    re.S | re.M,
)
INDENTED_CODE_RE = re.compile(r"(?:(?<=\n\n)|(?<=\r\n\r\n)|\A)(?:(?:[ ]{4}|\t)[^\n]*(?:\r?\n|\Z))+")
INLINE_CODE_RE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>")
LINK_TARGET_RE = re.compile(r"(?<=\])\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
REF_DEF_RE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
AUTOLINK_RE = re.compile(r"<(?:https?|ftp|mailto):[^>\s]+>")


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
        return Document(path=path, text=text, target_lang=target_lang,
                        masked=tuple(markdown_masks(text)), encoding=enc, bom=bom,
                        meta={"format": self.name, "code_spans": code})

    def write(self, doc: Document, edits: Sequence[Edit]) -> bytes:
        return encode(doc, apply_edits(doc.text, normalise_edits(doc, edits)))


MARKDOWN = MarkdownReader()
