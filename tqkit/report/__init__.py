"""Report emitters: one module per output format behind one interface.

``emit(fmt, results, stream, color=...)`` writes a report of :class:`FileResult` objects. Data
goes to stdout; one-line errors go to stderr (the CLI prints them, not the emitters).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TextIO

from tqkit.document import Document
from tqkit.findings import Finding

if TYPE_CHECKING:
    from tqkit.results import FileResult

# The formats are the ``<format>_report`` modules of this package: adding one is adding its
# module (and a line in the README). These keep their place in ``--help``; others follow.
_ORDER = ("text", "concise", "json", "github", "sarif", "junit", "html")


def _formats() -> tuple[str, ...]:
    found = {m.name.removesuffix("_report") for m in pkgutil.iter_modules(__path__) if m.name.endswith("_report")}
    return tuple(sorted(found, key=lambda f: (_ORDER.index(f) if f in _ORDER else len(_ORDER), f)))


FORMATS = _formats()


@dataclass(frozen=True)
class Located:
    """A finding with its derived positions (1-based line and column; end is exclusive)."""

    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


def locate(results: Sequence[FileResult]) -> list[tuple[FileResult, list[Located]]]:
    out: list[tuple[FileResult, list[Located]]] = []
    for r in results:
        if r.text is None:
            out.append((r, []))
            continue
        doc = Document(r.path, r.text)
        located = []
        for f in r.findings:
            line, col = doc.position(f.span.start)
            end_line, end_col = doc.position(f.span.end)
            located.append(Located(f, line, col, end_line, end_col, doc.slice(f.span)))
        out.append((r, located))
    return out


def summary(results: Sequence[FileResult]) -> dict[str, object]:
    by_rule = Counter(f.rule for r in results for f in r.findings)
    return {
        "files": sum(1 for r in results if r.error is None),
        "words": sum(r.words for r in results),
        "findings": sum(by_rule.values()),
        "by_rule": dict(sorted(by_rule.items())),
        "errors": sum(1 for r in results if r.error),
    }


class Emitter(Protocol):
    def __call__(
        self, results: Sequence[FileResult], stream: TextIO, *, color: bool = False, **options: object
    ) -> None: ...


def emit(fmt: str, results: Sequence[FileResult], stream: TextIO, *, color: bool = False, **options: object) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"tqkit.report.{fmt}_report")
    module.emit(results, stream, color=color, **options)
