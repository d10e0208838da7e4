"""JSON: every finding with code-point offsets into the decoded file text and 1-based positions."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from tqkit import __version__
from tqkit.report import Located, locate, summary

if TYPE_CHECKING:
    from tqkit.results import FileResult


def finding_dict(path: str, loc: Located) -> dict[str, Any]:
    f = loc.finding
    return {
        "path": path,
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.label,
        "category": f.category.value,
        "message": f.message,
        "start": f.span.start,
        "end": f.span.end,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "text": loc.text,
        "fixes": [
            {
                "title": fix.title,
                "safe": fix.safe,
                "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits],
            }
            for fix in f.fixes
        ],
    }


def emit(results: Sequence[FileResult], stream: TextIO, *, color: bool = False, **options: object) -> None:
    findings = [finding_dict(r.path, loc) for r, locs in locate(results) for loc in locs]
    payload = {
        "version": __version__,
        "findings": findings,
        "errors": [r.error for r in results if r.error],
        "notes": sorted({n for r in results for n in r.notes}),
        "languages": {r.path: r.language for r in results if r.language},
        "summary": summary(results),
    }
    # json.dump with an indent writes every token to the stream on its own, and json.dumps
    # holds a list of every token at once (15 MB for 3,000 findings): written in batches
    chunks = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(payload)
    while batch := "".join(itertools.islice(chunks, 8192)):
        stream.write(batch)
    stream.write("\n")
