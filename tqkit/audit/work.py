"""One partition of articles through the rules, on whatever process runs it (a local pool worker
or a Dask worker). The engine (rules, glossaries, word lists) comes from
:func:`tqkit.runner.engine_for`, a per-process cache: it is built once per worker and reused by
every partition that worker runs.

The result is small and self-contained: the partition's tables as Parquet bytes plus the counts
the summary needs, so the driver never holds more than a window of partitions.
"""

from __future__ import annotations

import heapq
import io
import os
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from tqkit.audit.inputs import Item
from tqkit.config import RunOptions, Settings
from tqkit.document import Document
from tqkit.errors import InputError, ResourceError
from tqkit.findings import Finding, Severity
from tqkit.readers import reader_for
from tqkit.selectors import code_matches

# MQM-style weights of tqkit severities: info is a minor error (1), warning a major one (5),
# error a critical one (10). The score is the weighted penalty per 1,000 words (0 is clean).
MQM_WEIGHTS = {Severity.INFO: 1, Severity.WARNING: 5, Severity.ERROR: 10}
MQM_NAMES = {Severity.INFO: "minor", Severity.WARNING: "major", Severity.ERROR: "critical"}
TERM_PREFIX = "TQ4"


@dataclass
class Task:
    """What a worker needs for one partition (everything picklable, no file system needed)."""

    index: int
    items: list[Item]
    settings: dict[str, Settings]  # key -> resolved settings (config file + command line)
    options: RunOptions
    codes: tuple[str, ...]  # rule codes: one ``findings per rule`` column each
    since: dict[str, Settings] | None = None  # --since-glossary: the old glossary's settings
    worst: int = 20


@dataclass
class PartResult:
    index: int
    tables: dict[str, bytes] = field(default_factory=dict)  # name -> Parquet bytes
    stats: dict[str, Any] = field(default_factory=dict)


def settings_key(item: Item) -> str:
    return item.path or item.origin


def _doc(item: Item, settings: Settings, options: RunOptions) -> tuple[Document, Document | None]:
    lang = settings.target_lang_for(item.path or item.origin)
    if item.data is not None:
        doc = reader_for(item.path or item.id).read(item.path or item.id, item.data, options.encoding, lang)
    else:
        text = item.text or ""
        doc = reader_for("x.txt").read(item.id, text.encode("utf-8"), None, lang)
    source = None
    if item.source:
        src_lang = item.source_lang or options.source_lang
        source = reader_for("x.txt").read("<source>", item.source.encode("utf-8"), None, src_lang or "und")
        source = replace(source, source_lang=src_lang)
    return doc, source


def _finding_key(f: Finding) -> tuple[str, int, int, str]:
    return (f.rule, f.span.start, f.span.end, f.message)


def _term_changes(found: list[Finding], old: list[Finding]) -> tuple[list[Finding], list[str]]:
    """``--since-glossary``: the term findings that are new or resolved against the old
    glossaries, in order, and which is which."""
    found = [f for f in found if code_matches(TERM_PREFIX, f.rule)]
    old = [f for f in old if code_matches(TERM_PREFIX, f.rule)]
    old_keys = {_finding_key(f) for f in old}
    new_keys = {_finding_key(f) for f in found}
    added = [f for f in found if _finding_key(f) not in old_keys]
    gone = [f for f in old if _finding_key(f) not in new_keys]
    changed = sorted(added + gone, key=Finding.sort_key)
    added_ids = {id(f) for f in added}
    return changed, ["new" if id(f) in added_ids else "resolved" for f in changed]


def _check_item(
    item: Item, key: str, settings: Settings, task: Task
) -> tuple[Document, list[Finding], list[str] | None]:
    """The article's document, its findings and (``--since-glossary``) their changes."""
    from tqkit.runner import engine_for

    engine = engine_for(settings, task.options)
    doc, source = _doc(item, settings, task.options)
    found, _ = engine.check(doc, source)
    if task.since is None:
        return doc, found, None
    old, _ = engine_for(task.since[key], task.options).check(doc, source)
    found, changes = _term_changes(found, old)
    return doc, found, changes


def _finding_row(f: Finding, doc: Document, article_id: str, extra: dict[str, Any]) -> dict[str, Any]:
    """One row of the findings table."""
    line, col = doc.position(f.span.start)
    end_line, end_col = doc.position(f.span.end)
    fix = f.fixes[0] if f.fixes else None
    return {
        "article_id": article_id,
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.label,
        "mqm": MQM_NAMES[f.severity],
        "category": f.category.value,
        "start": f.span.start,
        "end": f.span.end,
        "line": line,
        "col": col,
        "end_line": end_line,
        "end_col": end_col,
        "text": doc.slice(f.span),
        "message": f.message,
        "fix": fix.edits[0].replacement if fix and fix.edits else None,
        "safe": bool(fix and fix.safe),
        **extra,
    }


def _error_row(item: Item, message: str) -> dict[str, Any]:
    return {"source_file": item.origin, "row": item.row, "article_id": item.id, "error": message}


def _error_message(item: Item, exc: Exception) -> str:
    """An unreadable article or resource says so; any other exception is a rule's bug."""
    if isinstance(exc, (InputError, ResourceError)):
        return str(exc)
    where = f"{item.origin}:{item.row}" if item.row else item.origin
    return f"{where}: internal error ({type(exc).__name__}: {exc})"


def _keep_worst(
    heap: list[tuple[float, int, dict[str, Any]]], entry: tuple[float, int, dict[str, Any]], size: int
) -> None:
    """Keep the ``size`` worst articles in a min-heap."""
    if len(heap) < size:
        heapq.heappush(heap, entry)
    else:
        heapq.heappushpop(heap, entry)


def audit_partition(task: Task) -> PartResult:
    """Check every article of the partition; build its findings, articles, errors and worst
    tables."""
    delay = float(os.environ.get("TQKIT_AUDIT_TEST_DELAY", "0") or 0)  # tests: a slow partition
    if delay:
        time.sleep(delay)
    findings: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    worst: list[tuple[float, int, dict[str, Any]]] = []
    by_rule: Counter[str] = Counter()
    by_sev: Counter[str] = Counter()
    words_total = 0
    for seq, item in enumerate(task.items):
        if item.error is not None:
            errors.append(_error_row(item, item.error))
            continue
        key = settings_key(item)
        settings = task.settings[key]
        try:
            doc, found, changes = _check_item(item, key, settings, task)
        except Exception as exc:  # a rule's bug must not stop an archive audit: list it
            errors.append(_error_row(item, _error_message(item, exc)))
            continue
        common = {"source_file": item.origin, "row": item.row, "date": item.date, "source_lang": item.source_lang}
        columns = {(f"meta_{k}" if k in RESERVED else k): v for k, v in item.columns.items()}
        counts: Counter[str] = Counter()
        sev_counts: Counter[str] = Counter()
        penalty = 0
        for i, f in enumerate(found):
            row = _finding_row(f, doc, item.id, {**common, **columns})
            if changes is not None:
                row["change"] = changes[i]
            findings.append(row)
            counts[f.rule] += 1
            sev_counts[MQM_NAMES[f.severity]] += 1
            if changes is None or changes[i] == "new":
                penalty += MQM_WEIGHTS[f.severity]
        words = doc.word_count
        words_total += words
        score = round(penalty * 1000 / words, 3) if words else 0.0
        art = {
            "article_id": item.id,
            "words": words,
            "findings": len(found),
            "penalty": penalty,
            "score": score,
            "n_minor": sev_counts["minor"],
            "n_major": sev_counts["major"],
            "n_critical": sev_counts["critical"],
            **common,
            **columns,
        }
        for code in task.codes:
            art[code] = counts.get(code, 0)
        articles.append(art)
        by_rule.update(counts)
        by_sev.update(sev_counts)
        if task.worst and found:
            entry = (score if words >= 50 else score / 10, -seq, {**art, "text": doc.text})
            _keep_worst(worst, entry, task.worst)
    worst_rows = [e[2] for e in sorted(worst, reverse=True)]
    tables = {
        "findings": _parquet(findings, FINDINGS_COLUMNS),
        "articles": _parquet(articles, ARTICLE_COLUMNS + list(task.codes)),
        "errors": _parquet(errors, ERROR_COLUMNS),
        "worst": _parquet(worst_rows, [*ARTICLE_COLUMNS, *task.codes, "text"]),
    }
    stats = {
        "articles": len(articles),
        "errors": len(errors),
        "words": words_total,
        "findings": len(findings),
        "penalty": sum(a["penalty"] for a in articles),
        "by_rule": dict(sorted(by_rule.items())),
        "by_severity": dict(sorted(by_sev.items())),
        "first_id": task.items[0].id if task.items else None,
        "last_id": task.items[-1].id if task.items else None,
        "items": len(task.items),
    }
    return PartResult(task.index, tables, stats)


FINDINGS_COLUMNS = [
    "article_id",
    "rule",
    "name",
    "severity",
    "mqm",
    "category",
    "start",
    "end",
    "line",
    "col",
    "end_line",
    "end_col",
    "text",
    "message",
    "fix",
    "safe",
    "source_file",
    "row",
    "date",
    "source_lang",
]
ARTICLE_COLUMNS = [
    "article_id",
    "words",
    "findings",
    "penalty",
    "score",
    "n_minor",
    "n_major",
    "n_critical",
    "source_file",
    "row",
    "date",
    "source_lang",
]
ERROR_COLUMNS = ["source_file", "row", "article_id", "error"]
# Columns every table has; metadata columns that collide with them get a ``meta_`` prefix.
RESERVED = frozenset([*FINDINGS_COLUMNS, *ARTICLE_COLUMNS, *ERROR_COLUMNS, "change"])
_TYPES = {
    "start": "int64",
    "end": "int64",
    "line": "int64",
    "col": "int64",
    "end_line": "int64",
    "end_col": "int64",
    "row": "int64",
    "words": "int64",
    "findings": "int64",
    "penalty": "int64",
    "score": "float64",
    "safe": "bool_",
    "n_minor": "int64",
    "n_major": "int64",
    "n_critical": "int64",
}


def _parquet(rows: list[dict[str, Any]], columns: list[str]) -> bytes:
    """Rows as Parquet bytes: the fixed columns first, in order and typed even when empty;
    metadata columns (text) after them, in order of first appearance."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = list(columns)
    seen = set(names)
    for r in rows:
        for k in r:
            if k not in seen:
                seen.add(k)
                names.append(k)
    arrays = []
    for name in names:
        typ = pa.int64() if name.startswith("TQ") else getattr(pa, _TYPES.get(name, "string"))()
        arrays.append(pa.array([r.get(name) for r in rows], type=typ))
    table = pa.Table.from_arrays(arrays, names=names)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()
