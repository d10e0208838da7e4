"""Apply fixes: safe ones only unless asked, never two overlapping edits, left to right, and
re-check until nothing changes (capped). Works on bytes through the file's own reader, so every
format keeps its encoding, BOM, line endings and untouched structure."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from tqkit.document import Document
from tqkit.errors import InputError
from tqkit.findings import Finding
from tqkit.readers import reader_for
from tqkit.runner import Engine, chosen_fixes, non_overlapping

MAX_PASSES = 10


@dataclass
class FixResult:
    original: bytes
    fixed: bytes
    applied: int
    passes: int
    remaining: list[Finding]
    doc: Document
    # the text of the file as first read (for --diff: DOCX bytes are not text)
    first_text: str = ""

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def fix_bytes(path: str, data: bytes, engine: Engine, *, unsafe: bool = False,
              encoding: str | None = None, source: Document | None = None) -> FixResult:
    reader = reader_for(path)
    current = data
    applied = 0
    passes = 0
    doc = reader.read(path, current, encoding, engine.settings.target_lang)
    first_text = doc.text
    findings, _ = engine.check(doc, source)
    while passes < MAX_PASSES:
        edits = non_overlapping(chosen_fixes(findings, unsafe))
        if not edits:
            break
        try:
            new = reader.write(doc, edits)
        except UnicodeEncodeError as exc:
            raise InputError(path, f"a fix cannot be written in the file's encoding "
                             f"{doc.encoding} ({exc.reason}: {exc.object[exc.start:exc.end]!a}); "
                             "file not changed") from None
        passes += 1
        if new == current:
            break
        if not new.strip(b"\xef\xbb\xbf \t\r\n\x00\xff\xfe"):
            break  # the fixes would leave nothing: keep the text and report its findings
        try:
            new_doc = reader.read(path, new, encoding, engine.settings.target_lang)
        except InputError:
            break  # the fixed bytes do not read back: keep the last good version
        applied += len(edits)
        current = new
        doc = new_doc
        findings, _ = engine.check(doc, source)
    return FixResult(data, current, applied, passes, findings, doc, first_text)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True),
            fromfile=f"a/{path}", tofile=f"b/{path}",
        )
    )
