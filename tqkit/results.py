"""What checking a file gives: :class:`FileResult` (the reports, the fix pipeline and the
glossary linter share it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tqkit.findings import Finding, Severity


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    text: str | None = None
    words: int = 0
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    # the language the file was checked as (given, from the file, or detected)
    language: str | None = None
    # the file's own ``fail-on`` (from its config, or the command line)
    fail_on: Severity = Severity.WARNING
