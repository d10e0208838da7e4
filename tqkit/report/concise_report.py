"""Concise: one line per finding, ``path:line:col: CODE message`` (grep, editors' quickfix
lists: Vim's ``errorformat=%f:%l:%c:\\ %m``, Emacs' compilation mode)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

import click

from tqkit.report import locate

if TYPE_CHECKING:
    from tqkit.results import FileResult

COLORS = {"info": "blue", "warning": "yellow", "error": "red"}


def emit(results: Sequence[FileResult], stream: TextIO, *, color: bool = False, **options: object) -> None:
    for r, locs in locate(results):
        for loc in locs:
            f = loc.finding
            code = click.style(f.rule, fg=COLORS[f.severity.label], bold=True) if color else f.rule
            message = " ".join(f.message.split())  # one line, whatever the message holds
            stream.write(f"{r.path}:{loc.line}:{loc.column}: {code} {message}\n")
