"""The runner: selected rules over one Document (one shared tokenisation pass), and many files
in parallel with ``--jobs``."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from tqkit.config import RunOptions, Settings, find_settings
from tqkit.document import Document
from tqkit.errors import InputError, ResourceError
from tqkit.findings import Edit, Finding, Fix, Severity, Span
from tqkit.profiles import AUTO, detect_language, profile_for
from tqkit.readers import WALK_SUFFIXES, read_path
from tqkit.registry import CheckContext, Rule, select_rules
from tqkit.resources import Resources
from tqkit.results import FileResult
from tqkit.suppress import apply_suppressions, find_suppressions

UNUSED_SUPPRESSION = "TQ901"


class Engine:
    """Rules plus resources for one configuration; reused across the files that share it."""

    def __init__(self, settings: Settings, options: RunOptions | None = None):
        self.settings = settings
        self.options = options or RunOptions()
        self.rule_classes = select_rules(settings.select, settings.ignore, settings.extend_select)
        self.rules: list[Rule] = [cls() for cls in self.rule_classes]
        self.codes = frozenset(r.code for r in self.rules)
        self.resources = _resources(settings.glossaries, settings.target_lang)

    def check(self, doc: Document, source: Document | None = None) -> tuple[list[Finding], list[str]]:
        profile = profile_for(document_language(doc))
        ctx = CheckContext(self.resources, source=source, options=dict(self.options.extra),
                           selected=self.codes, profile=profile, notes=profile.notes())
        ignored = self.settings.ignores_for(doc.path)
        findings: list[Finding] = []
        whole = _wrong_language_file(self.rules, doc, ignored)
        if whole is not None:  # one finding for the file, not thousands (tqkit.checks.language)
            ctx.notes.append(f"{doc.path}: {whole.message}")
            return [whole], ctx.notes
        inline_source = source is None and any(s.source for s in doc.given_segments)
        for rule in self.rules:
            if rule.needs_source and source is None and not inline_source:
                continue
            if not rule.runs_for(profile.code):
                continue
            if any(rule.code.startswith(c.upper()) or rule.name == c for c in ignored):
                continue
            for f in rule.check(doc, ctx):
                sev = self.settings.severity_of(f.rule, f.severity)
                findings.append(f if sev == f.severity else replace(f, severity=sev))
        suppressions = find_suppressions(doc)
        if suppressions:
            findings = apply_suppressions(findings, suppressions)
            if any(r.code == UNUSED_SUPPRESSION for r in self.rules):
                from tqkit.checks.meta import unused_suppression_findings

                findings.extend(
                    f for f in unused_suppression_findings(doc, suppressions)
                    if not any(f.rule.startswith(c.upper()) for c in ignored)
                )
        return dedupe(findings), ctx.notes


def _wrong_language_file(rules: Sequence[Rule], doc: Document, ignored: Sequence[str]) -> Finding | None:
    from tqkit.checks.language import WrongLanguagePassage

    for rule in rules:
        if isinstance(rule, WrongLanguagePassage) and not any(
                rule.code.startswith(c.upper()) or rule.name == c for c in ignored):
            return rule.file_finding(doc)
    return None


def document_language(doc: Document) -> str:
    """The language ``doc`` is checked as: the one given, else the file's own (an XLIFF
    ``target-language``), else detected from its text; recorded on the document."""
    lang = doc.target_lang
    if not lang or lang == AUTO:
        declared = doc.meta.get("file_target_lang")
        lang = declared if isinstance(declared, str) and declared else detect_language(doc.view)
        doc.target_lang = lang
    return lang


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Sorted findings, without repeats: one rule reporting a span twice, or two rules (say, the
    calque list and the term base) proposing the same replacement for the same span. Of such
    twins the more severe one is kept, then the one with a safe fix, then the lower code."""
    best: dict[tuple[int, int, str], Finding] = {}
    for f in findings:
        repl = f.fixes[0].edits[0].replacement if f.fixes and f.fixes[0].edits else f"\0{f.rule}"
        key = (f.span.start, f.span.end, repl.lower())
        other = best.get(key)
        if other is None or _rank(f) < _rank(other):
            best[key] = f
    seen: set[tuple[str, int, int]] = set()
    out: list[Finding] = []
    for f in sorted(best.values(), key=Finding.sort_key):
        k = (f.rule, f.span.start, f.span.end)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def _rank(f: Finding) -> tuple[int, int, str]:
    safe = bool(f.fixes and f.fixes[0].safe)
    return (-int(f.severity), 0 if safe else 1, f.rule)


_RESOURCES: dict[tuple[tuple[str, ...] | None, str], Resources] = {}


def _resources(glossaries: tuple[str, ...] | None, target_lang: str) -> Resources:
    key = (glossaries, target_lang)
    if key not in _RESOURCES:
        _RESOURCES[key] = Resources(glossaries, target_lang)
    return _RESOURCES[key]


_ENGINES: dict[tuple[Settings, tuple[tuple[str, str], ...]], Engine] = {}


def engine_for(settings: Settings, options: RunOptions) -> Engine:
    key = (settings, tuple(sorted((k, repr(v)) for k, v in options.extra.items())))
    if key not in _ENGINES:
        _ENGINES[key] = Engine(settings, options)
    return _ENGINES[key]


def settings_for(path: str, options: RunOptions) -> Settings:
    return options.apply(find_settings(path, options.config))


def walk(paths: Sequence[str], options: RunOptions | None = None) -> Iterator[tuple[str, str | None]]:
    """Expand the command-line paths: ``(path, error)`` pairs; directories are walked for text
    and Markdown files (hidden directories skipped, and files the config's ``exclude`` names)."""
    for raw in paths:
        if raw == "-":
            yield raw, None
            continue
        p = Path(raw)
        if p.is_dir():
            found = excluded = False
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
                for name in sorted(files):
                    if Path(name).suffix.lower() in WALK_SUFFIXES:
                        path = str(Path(root) / name)
                        if options is not None and _excluded(path, options):
                            excluded = True
                            continue
                        found = True
                        yield path, None
            if not found:
                why = "every .txt and .md file here is excluded by the config" if excluded else \
                    "no .txt or .md files in this directory"
                yield raw, f"{raw}: {why}"
        elif not p.exists():
            yield raw, f"{raw}: no such file or directory"
        elif not p.is_file():  # a FIFO would block forever, a device never ends
            yield raw, f"{raw}: not a regular file (a FIFO, device or socket); not read"
        else:
            yield raw, None


def _excluded(path: str, options: RunOptions) -> bool:
    try:
        return settings_for(path, options).excludes(path)
    except InputError:
        return False  # the config error is reported when the file is checked


def check_one(path: str, options: RunOptions) -> FileResult:
    try:
        settings = settings_for(path, options)
        engine = engine_for(settings, options)
        doc = read_path(path, options.encoding, settings.target_lang_for(path))
        source = read_source(options.source, options.source_lang) if options.source else None
        findings, notes = engine.check(doc, source)
    except (InputError, ResourceError) as exc:
        return FileResult(path, error=str(exc))
    return FileResult(path, findings, doc.text, doc.word_count, notes=notes, fail_on=settings.fail_on,
                      language=doc.target_lang)


def read_source(path: str, source_lang: str | None = None) -> Document:
    """The original-language article given with ``--source`` (any supported format)."""
    source = read_path(path, None, source_lang or "und")
    source.source_lang = source_lang
    return source


def _worker_check(args: tuple[str, RunOptions]) -> FileResult:
    return check_one(*args)


def check_paths(paths: Sequence[str], options: RunOptions, jobs: int = 1) -> Iterator[FileResult]:
    """Check every file; results come back in the order of the paths."""
    items: list[tuple[str, str | None]] = list(walk(paths, options))
    todo = [p for p, err in items if err is None]
    if jobs <= 1 or len(todo) < 2 or "-" in todo:
        for path, err in items:
            yield FileResult(path, error=err) if err else check_one(path, options)
        return
    # Warm shared resources before forking, so every worker inherits them.
    if todo:
        with contextlib.suppress(InputError, ResourceError):
            engine_for(settings_for(todo[0], options), options).resources.warm()
    import multiprocessing

    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        chunk = max(1, min(64, len(todo) // (jobs * 4) or 1))
        results = pool.map(_worker_check, [(p, options) for p in todo], chunksize=chunk)
        it = iter(results)
        for path, err in items:
            yield FileResult(path, error=err) if err else next(it)


def exit_code(results: Iterable[FileResult], fail_on: Severity | None = None) -> int:
    """2 on any input error; else 1 when a file has a finding at or above its ``fail-on``
    (``fail_on`` overrides every file's own); else 0."""
    code = 0
    for r in results:
        if r.error:
            return 2
        threshold = fail_on or r.fail_on
        if any(f.severity >= threshold for f in r.findings):
            code = 1
    return code


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
