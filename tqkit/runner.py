"""Checking files: each path read, checked by its configuration's engine (many files in
parallel with ``--jobs``), and the exit code of a run.

The pieces live in their own modules: :mod:`tqkit.engine` (rules over one document),
:mod:`tqkit.discover` (paths, the walk, settings, ``--source``), :mod:`tqkit.parallel` (the
process pool) and :mod:`tqkit.fixes` (fix selection, the fix loop, diffs and writes). Their
public names are re-exported here for older callers."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator, Sequence

from tqkit.config import RunOptions
from tqkit.discover import read_source, settings_for, source_of, walk
from tqkit.engine import Engine, dedupe, document_language, engine_for, with_language
from tqkit.errors import InputError, ResourceError
from tqkit.findings import Severity
from tqkit.fixes import chosen_fixes, non_overlapping
from tqkit.parallel import map_files
from tqkit.readers import read_path, reader_for
from tqkit.results import FileResult

__all__ = [
    "Engine",
    "FileResult",
    "check_one",
    "check_paths",
    "check_stdin",
    "chosen_fixes",
    "dedupe",
    "document_language",
    "engine_for",
    "exit_code",
    "non_overlapping",
    "read_source",
    "settings_for",
    "walk",
    "with_language",
]


def check_one(path: str, options: RunOptions) -> FileResult:
    try:
        settings = settings_for(path, options)
        engine = engine_for(settings, options)
        doc = with_language(read_path(path, options.encoding, settings.target_lang_for(path)))
        findings, notes = engine.check(doc, source_of(options))
    except (InputError, ResourceError) as exc:
        return FileResult(path, error=str(exc))
    return FileResult(
        path, findings, doc.text, doc.word_count, notes=notes, fail_on=settings.fail_on, language=doc.target_lang
    )


def check_stdin(name: str, options: RunOptions) -> FileResult:
    """Standard input checked as if it were the file ``name`` (format, config, path shown)."""
    try:
        settings = settings_for(name, options)
        engine = engine_for(settings, options)
        data = sys.stdin.buffer.read()
        doc = reader_for(name).read(name, data, options.encoding, settings.target_lang_for(name))
        findings, notes = engine.check(doc, source_of(options))
    except (InputError, ResourceError) as exc:
        return FileResult(name, error=str(exc))
    return FileResult(name, findings, doc.text, doc.word_count, notes=notes, fail_on=settings.fail_on)


def _worker_check(args: tuple[str, RunOptions]) -> FileResult:
    return check_one(*args)


def warm_resources(path: str, options: RunOptions) -> None:
    """Load the shared resources of ``path``'s configuration (before forking workers)."""
    with contextlib.suppress(InputError, ResourceError):
        engine_for(settings_for(path, options), options).resources.warm()


def check_paths(paths: Sequence[str], options: RunOptions, jobs: int = 1) -> Iterator[FileResult]:
    """Check every file; results come back in the order of the paths."""
    items: list[tuple[str, str | None]] = list(walk(paths, options))
    todo = [p for p, err in items if err is None]
    if "-" in todo:
        jobs = 1
    done = map_files(_worker_check, [(p, options) for p in todo], jobs, warm=lambda: warm_resources(todo[0], options))
    for path, err in items:
        yield FileResult(path, error=err) if err else next(done)


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
