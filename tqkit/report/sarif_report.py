"""SARIF 2.1.0 (validates against the OASIS schema): rules, results, locations and fixes.

Columns and character offsets are Unicode code points (``columnKind: unicodeCodePoints``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tqkit import __version__
from tqkit.registry import all_rules
from tqkit.report import locate

if TYPE_CHECKING:
    from tqkit.results import FileResult

LEVEL = {"info": "note", "warning": "warning", "error": "error"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    if path == "-":
        return "stdin"
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def emit(results: Sequence[FileResult], stream: TextIO, *, color: bool = False, **options: object) -> None:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    sarif_rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary()},
            "fullDescription": {"text": r.doc()},
            "help": {"text": r.doc()},
            "defaultConfiguration": {"level": LEVEL[r.severity.label], "enabled": r.enabled_by_default},
            "properties": {"category": r.category.value},
        }
        for r in rules
    ]
    sarif_results: list[dict[str, Any]] = []
    for res, locs in locate(results):
        uri = _uri(res.path)
        for loc in locs:
            f = loc.finding
            region = {
                "startLine": loc.line,
                "startColumn": loc.column,
                "endLine": loc.end_line,
                "endColumn": loc.end_column,
                "charOffset": f.span.start,
                "charLength": len(f.span),
                "snippet": {"text": loc.text},
            }
            item: dict[str, Any] = {
                "ruleId": f.rule,
                "level": LEVEL[f.severity.label],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                "properties": {"category": f.category.value, "name": f.name},
            }
            if f.rule in index:
                item["ruleIndex"] = index[f.rule]
            if f.fixes:
                item["fixes"] = [
                    {
                        "description": {"text": fix.title},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                                        "insertedContent": {"text": e.replacement},
                                    }
                                    for e in fix.edits
                                ],
                            }
                        ],
                        "properties": {"safe": fix.safe},
                    }
                    for fix in f.fixes
                ]
            sarif_results.append(item)
    notifications = [{"level": "error", "message": {"text": r.error}} for r in results if r.error]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "tqkit",
                "version": __version__,
                "informationUri": "https://example.invalid/tqkit",
                "rules": sarif_rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        # the language each file was checked as (given, declared by the file, or detected)
        "artifacts": [
            {"location": {"uri": _uri(r.path)}, "properties": {"language": r.language}} for r in results if r.language
        ],
        "results": sarif_results,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
    }
    json.dump({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
