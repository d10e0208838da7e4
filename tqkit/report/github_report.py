"""GitHub Actions workflow commands: one ``::warning file=...`` line per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from tqkit.report import locate

if TYPE_CHECKING:
    from tqkit.results import FileResult

LEVEL = {"info": "notice", "warning": "warning", "error": "error"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def emit(results: Sequence[FileResult], stream: TextIO, *, color: bool = False, **options: object) -> None:
    for r, locs in locate(results):
        for loc in locs:
            f = loc.finding
            msg = f.message
            if f.fixes:
                msg += f" Suggested fix: {f.fixes[0].title}."
            stream.write(
                f"::{LEVEL[f.severity.label]} file={_escape_prop(r.path)},line={loc.line},col={loc.column},"
                f"endLine={loc.end_line},endColumn={loc.end_column},title={_escape_prop(f.rule)}::"
                f"{_escape_data(msg)}\n"
            )
