"""What checking produces, as the emitters (``tqkit.report``), the glossary linter, the audit
and the language server read it: one :class:`FileResult` per input file.

The bottom layer (it holds findings only), so any module may build or read results without
importing the engine that produced them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tqkit.findings import Finding, Severity

__all__ = ["FileResult"]


@dataclass
class FileResult:
    """The findings of one file, or the one-line ``error`` that stopped it being checked."""

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
