"""The fix pipeline: which fixes apply (safe ones only unless asked, never two overlapping
edits, left to right), the fix loop (re-check until nothing changes, capped), the diff, and the
atomic write of each fixed file. Works on bytes through the file's own reader, so every format
keeps its encoding, BOM, line endings and untouched structure."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tqkit.config import RunOptions
from tqkit.discover import settings_for, source_of, walk
from tqkit.document import Document
from tqkit.engine import Engine, engine_for
from tqkit.errors import InputError, ResourceError, WriteError
from tqkit.findings import Edit, Finding, Fix, Span
from tqkit.parallel import map_files
from tqkit.readers import MAX_BYTES, reader_for
from tqkit.results import FileResult

# The writer (tqkit.atomic) and difflib are imported when a fix is written or shown:
# `tqkit check` imports this module without fixing anything.
if TYPE_CHECKING:
    from tqkit.atomic import Stamp

MAX_PASSES = 10


def chosen_fixes(findings: Sequence[Finding], unsafe: bool) -> list[tuple[Finding, Fix]]:
    """The preferred fix of each finding that may be applied (safe, or any with ``unsafe``)."""
    out = []
    for f in findings:
        for fix in f.fixes:
            if fix.safe or unsafe:
                out.append((f, fix))
                break
    return out


def non_overlapping(fixes: Sequence[tuple[Finding, Fix]]) -> list[Edit]:
    """Edits of fixes that do not overlap any earlier-chosen fix (left to right)."""
    edits: list[Edit] = []
    taken: list[Span] = []
    for _, fix in sorted(fixes, key=lambda p: (p[1].span.start, p[1].span.end)):
        if any(e.span.overlaps(t) or t.overlaps(e.span) for e in fix.edits for t in taken):
            continue
        if any(a is not b and a.span.overlaps(b.span) for a in fix.edits for b in fix.edits):
            continue
        edits.extend(fix.edits)
        taken.extend(e.span for e in fix.edits)
    return edits


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


def fix_bytes(
    path: str,
    data: bytes,
    engine: Engine,
    *,
    unsafe: bool = False,
    encoding: str | None = None,
    source: Document | None = None,
) -> FixResult:
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
            raise InputError(
                path,
                f"a fix cannot be written in the file's encoding "
                f"{doc.encoding} ({exc.reason}: {exc.object[exc.start : exc.end]!a}); "
                "file not changed",
            ) from None
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
    import difflib

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


@dataclass(frozen=True)
class FixRequest:
    """How a run fixes: unsafe fixes too, a diff instead of writing, and how to write."""

    unsafe: bool = False
    diff: bool = False
    force: bool = False  # write even when the file changed since it was read, or is read-only
    backup: bool = False  # keep the previous content as FILE.bak
    stdin_filename: str | None = None  # the name standard input is checked as


@dataclass
class Fixed:
    """What fixing one file gave: its result, and the diff, the message or (for standard input)
    the fixed bytes to print."""

    result: FileResult
    changed: bool = False
    diff: str = ""
    message: str = ""
    applied: int = 0
    stdout: bytes | None = None


def _read(path: str) -> tuple[bytes, Stamp | None]:
    """The bytes of ``path`` (``-``: standard input) and its stamp for the compare-and-swap."""
    if path != "-":
        from tqkit.atomic import read_for_update

        return read_for_update(path, limit=MAX_BYTES)
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError("-", f"input too large (limit {MAX_BYTES // (1024 * 1024)} MB)")
    return data, None


def fix_one(path: str, options: RunOptions, how: FixRequest = FixRequest()) -> Fixed:
    """Fix one file: the write happens here, atomically, and only when the file is still what
    was read (compare-and-swap; ``force`` skips the check). Standard input's fixed text is
    returned to print on stdout (the report then goes to stderr)."""
    name = how.stdin_filename if path == "-" and how.stdin_filename else path
    try:
        settings = settings_for(name, options)
        engine = engine_for(settings, options)
        data, stamp = _read(path)
        res = fix_bytes(name, data, engine, unsafe=how.unsafe, encoding=options.encoding, source=source_of(options))
    except (InputError, ResourceError, WriteError) as exc:
        return Fixed(FileResult(path, error=str(exc)))
    except OSError as exc:
        return Fixed(FileResult(path, error=f"{path}: cannot read: {exc.strerror or exc}"))
    out = Fixed(
        FileResult(name, res.remaining, res.doc.text, res.doc.word_count, fail_on=settings.fail_on),
        changed=res.changed,
        applied=res.applied,
    )
    if path == "-" and not how.diff:
        out.stdout = res.fixed  # like ruff: the fixed text, changed or not
    elif res.changed and how.diff:
        out.diff = unified_diff(name, res.first_text, res.doc.text)
    elif res.changed:
        if not res.fixed.strip():
            return Fixed(FileResult(path, error=f"{path}: the fixes would leave the file empty; not written"))
        from tqkit.atomic import atomic_write

        try:
            atomic_write(path, res.fixed, expected=stamp, force=how.force, backup=how.backup, old=res.original)
        except WriteError as exc:
            return Fixed(FileResult(path, error=str(exc)))
        out.message = f"fixed {path}: {res.applied} edit{'s' * (res.applied != 1)}"
    return out


def _fix_worker(args: tuple[str, RunOptions, FixRequest]) -> Fixed:
    return fix_one(*args)


def fix_paths(paths: Sequence[str], options: RunOptions, how: FixRequest, jobs: int = 1) -> Iterator[Fixed]:
    """Fix (or diff) every file, in parallel with ``jobs`` > 1; results in path order, paths
    that could not be read as errors."""
    items = list(walk(paths, options))
    todo = [p for p, err in items if err is None]
    done = map_files(_fix_worker, [(p, options, how) for p in todo], 1 if "-" in todo else jobs)
    for path, err in items:
        yield Fixed(FileResult(path, error=err)) if err else next(done)
