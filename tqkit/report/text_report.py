"""Text: compiler-style, the line with the span underlined and the suggested fix."""

from __future__ import annotations

import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

import click

from tqkit.document import Document, display_width
from tqkit.report import Located, locate
from tqkit.text.escape import escape_controls

if TYPE_CHECKING:
    from tqkit.results import FileResult

COLORS = {"info": "blue", "warning": "yellow", "error": "red"}
CONTEXT = 36  # characters either side of the span, at least


def snippet_width() -> int:
    """Characters of context line that fit the terminal (``COLUMNS`` when set; 80 when the
    output is not a terminal), less the gutter."""
    columns = 80
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        columns = int(env)
    elif sys.stdout.isatty():
        columns = shutil.get_terminal_size((80, 24)).columns
    return max(2 * CONTEXT + 10, columns - 10)


def _excerpt(doc: Document, loc: Located, width: int | None = None) -> tuple[str, int, int]:
    """A window of the finding's first line: (text, underline offset, underline width). The
    whole line when it fits ``width``; else a window around the span as wide as fits."""
    line = doc.line_span(loc.line)
    text = doc.text[line.start : line.end].replace("\t", " ")
    start = loc.column - 1
    end = min(len(text), start + max(1, len(loc.finding.span))) if loc.end_line == loc.line else len(text)
    width = width or snippet_width()
    if display_width(text) <= width:
        lo, hi = 0, len(text)
    else:
        side = max(CONTEXT, (width - (max(end, start + 1) - start)) // 2 - 1)
        lo = max(0, start - side)
        hi = min(len(text), max(end, start + 1) + side)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    before, spanned = escape_controls(text[lo:start]), escape_controls(text[start:end])
    shown = prefix + before + spanned + escape_controls(text[end:hi]) + suffix
    under_at = display_width(prefix + before)
    under_w = max(1, display_width(spanned))
    return shown, under_at, under_w


Style = Callable[..., str]


def _statistics(results: Sequence[FileResult], stream: TextIO) -> None:
    """The table only, as ruff prints it: count, code, name; most frequent first."""
    counts = Counter((f.rule, f.name) for r in results for f in r.findings)
    for (rule, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        stream.write(f"{n:6d}  {rule}  {escape_controls(name)}\n")


def _write_finding(
    stream: TextIO, style: Style, path: str, doc: Document, loc: Located, width: int, show_fixes: bool
) -> tuple[int, int]:
    """One finding: the heading, the excerpt with its underline, the fixes. Returns how
    many safe and unsafe fixes it showed (0 or 1 each)."""
    f = loc.finding
    sev = f.severity.label
    head = (
        f"{style(escape_controls(path), bold=True)}:{loc.line}:{loc.column}: "
        f"{style(f.rule, fg=COLORS[sev], bold=True)} {style(sev, fg=COLORS[sev])}: "
        f"{escape_controls(f.message)}"
    )
    stream.write(head + "\n")
    shown, at, under = _excerpt(doc, loc, width)
    gutter = " " * len(str(loc.line))
    stream.write(f" {gutter} |\n")
    stream.write(f" {style(str(loc.line), fg='cyan')} | {shown}\n")
    stream.write(f" {gutter} | {' ' * at}{style('^' * under, fg=COLORS[sev], bold=True)}\n")
    safe = unsafe = 0
    if f.fixes and show_fixes:
        fix = f.fixes[0]
        kind = "fix" if fix.safe else "fix (unsafe)"
        safe, unsafe = int(fix.safe), int(not fix.safe)
        stream.write(f" {gutter} = {style(kind, fg='green')}: {escape_controls(fix.title)}\n")
        for alt in f.fixes[1:4]:
            stream.write(f" {gutter}   or: {escape_controls(alt.title)}\n")
    stream.write("\n")
    return safe, unsafe


def _summary(
    results: Sequence[FileResult],
    stream: TextIO,
    style: Style,
    n_findings: int,
    fixable: int,
    unsafe: int,
    fixed: object,
) -> None:
    files = sum(1 for r in results if r.error is None)
    if files == 0:
        return  # nothing was read: the errors on stderr say why
    words = sum(r.words for r in results)
    where = f"{files} file{'s' * (files != 1)}" + (f" ({words:,} words)" if words else "")
    done = ""
    if isinstance(fixed, int) and fixed:
        done = f"Fixed {fixed} finding{'s' * (fixed != 1)}. "
    if n_findings == 0 and done:
        stream.write(style(f"{done}No findings left in {where}.", fg="green") + "\n")
    elif n_findings == 0:
        stream.write(style(f"All clear: no findings in {where}.", fg="green") + "\n")
    else:
        parts = [f"{done}Found {n_findings} finding{'s' * (n_findings != 1)}{' left' * bool(done)} in {where}."]
        if fixable:
            parts.append(f"{fixable} fixable with --fix.")
        if unsafe:
            parts.append(f"{unsafe} more with --unsafe-fixes (review them first).")
        stream.write(" ".join(parts) + "\n")


def emit(results: Sequence[FileResult], stream: TextIO, *, color: bool = False, **options: object) -> None:
    def style(s: str, **kw: object) -> str:
        return click.style(s, **kw) if color else s  # type: ignore[arg-type]

    if options.get("statistics"):
        _statistics(results, stream)
        return
    show_fixes = bool(options.get("show_fixes", True))
    n_findings = fixable = unsafe = 0
    width = snippet_width()
    for r, locs in locate(results):
        if r.text is None:
            continue
        doc = Document(r.path, r.text)
        for loc in locs:
            n_findings += 1
            safe_n, unsafe_n = _write_finding(stream, style, r.path, doc, loc, width, show_fixes)
            fixable += safe_n
            unsafe += unsafe_n
    _summary(results, stream, style, n_findings, fixable, unsafe, options.get("fixed"))
    for note in sorted({n for r in results for n in r.notes}):
        stream.write(style(f"note: {escape_controls(note)}", fg="blue") + "\n")
