"""``tqkit check`` (``tqkit rules`` and ``tqkit rule CODE`` are in :mod:`tqkit.commands.rules`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from tqkit.commands.options import (
    config_option,
    encoding_option,
    fail,
    glossary_option,
    jobs_option,
    no_color_option,
    selection_options,
    selectors,
    target_lang_option,
)
from tqkit.config import RunOptions
from tqkit.discover import empty_directories, settings_for, walk
from tqkit.engine import engine_for
from tqkit.errors import InputError, ResourceError
from tqkit.findings import Severity
from tqkit.fixes import FixRequest, fix_paths
from tqkit.readers import WALK_SUFFIXES
from tqkit.report import FORMATS, emit
from tqkit.results import FileResult
from tqkit.ruleoptions import MTOptions, RuleOptions, SourceOptions
from tqkit.runner import check_paths, check_stdin, exit_code
from tqkit.text.escape import escape_controls


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@selection_options
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error"]),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: warning].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@glossary_option
@target_lang_option()
@click.option(
    "--source",
    type=click.Path(),
    default=None,
    help="The original-language article, aligned by paragraph, for source-aware rules.",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files (atomically).")
@click.option(
    "--force", is_flag=True, help="With --fix: write even when the file changed since it was read, or is read-only."
)
@click.option("--backup", is_flag=True, help="With --fix: keep the previous content as FILE.bak.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@jobs_option(1, "Check files in parallel with this many processes.")
@encoding_option()
@config_option
@no_color_option
@click.option("--source-lang", default=None, help="Language of the --source article (default: detected).")
@click.option("--roundtrip-via", default=None, help="Pivot language for the opt-in round-trip rule TQ501.")
@click.option(
    "--roundtrip-threshold",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="TQ501 reports sentences whose round-trip chrF (0-1) is below this.",
)
@click.option("--models-dir", default=None, type=click.Path(), help="Offline MT models directory.")
@click.option(
    "--stdin-filename",
    default=None,
    metavar="PATH",
    help="The name of the text read from standard input (-): its format, its config "
    "file (found from its directory) and the path shown.",
)
@click.option(
    "--packs",
    "packs",
    multiple=True,
    type=click.Path(),
    help="Rule pack file or directory added to the bundled packs (repeatable).",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    glossaries: tuple[str, ...],
    target_lang: str | None,
    source: str | None,
    fix: bool,
    force: bool,
    backup: bool,
    unsafe_fixes: bool,
    diff: bool,
    statistics: bool,
    jobs: int,
    encoding: str | None,
    config: str | None,
    no_color: bool,
    source_lang: str | None,
    roundtrip_via: str | None,
    roundtrip_threshold: float,
    models_dir: str | None,
    stdin_filename: str | None = None,
    packs: tuple[str, ...] = (),
) -> None:
    """Check translated articles for machine-translation artefacts.

    PATHS are files or directories (walked for .txt, .md and .markdown), or - for standard
    input. Exit codes: 0 no findings at or above --fail-on, 1 some, 2 usage or input error;
    with --diff, 1 when the diff is not empty.
    """
    sel, ext, ign = selectors(select, extend_select, ignore)
    _check_flags(fix, diff, force, backup, unsafe_fixes)
    _check_codes(source_lang, roundtrip_via, encoding)
    paths = _drop_empty_directories(paths)
    if not paths:
        sys.exit(0)
    if source and len(paths) != 1:
        fail("--source pairs one original with one translated file; give exactly one PATH")
    rule_options = RuleOptions(MTOptions(models_dir, roundtrip_via, roundtrip_threshold), SourceOptions(source_lang))
    options = RunOptions(
        select=sel or None,
        extend_select=ext,
        ignore=ign,
        glossaries=tuple(str(Path(g).resolve()) for g in glossaries) or None,
        target_lang=target_lang,
        fail_on=Severity.parse(fail_on) if fail_on else None,
        encoding=encoding,
        source=source,
        source_lang=source_lang,
        config=config,
        rules=rule_options,
        packs=tuple(str(Path(p).resolve()) for p in packs),
    )
    _refuse_broken_packs(paths, options)
    # the report goes to stdout, unless stdout carries the fixed text of standard input
    report_stream = sys.stderr if fix and "-" in paths else sys.stdout
    color = use_color(no_color, report_stream) and fmt in ("text", "concise")
    would_change = False
    fixed = 0
    if fix or diff:
        how = FixRequest(unsafe_fixes, diff, force, backup, stdin_filename)
        results, would_change, fixed = _fix(paths, options, how, jobs)
    else:
        results = _check(paths, options, jobs, stdin_filename)
    _echo_errors(results)
    if not (diff and fmt == "text"):
        emit(fmt, results, report_stream, color=color, statistics=statistics, fixed=fixed if fix else None)
    from tqkit.recache import record

    record()  # the regexes rules compiled while checking, for the next process (tqkit.recache)
    sys.exit(_exit_code(results, options, diff=diff, would_change=would_change, exit_zero=exit_zero))


def _echo_errors(results: list[FileResult]) -> None:
    """One ``tqkit: ...`` line on stderr per file that could not be checked."""
    for r in results:
        if r.error:
            click.echo(f"tqkit: {escape_controls(r.error)}", err=True)


def _exit_code(
    results: list[FileResult], options: RunOptions, *, diff: bool, would_change: bool, exit_zero: bool
) -> int:
    code = exit_code(results, options.fail_on)
    if diff and code != 2:
        code = 1 if would_change else 0  # like ruff: --diff fails when the diff is not empty
    if exit_zero and code == 1:
        code = 0
    return code


def _check_flags(fix: bool, diff: bool, force: bool, backup: bool, unsafe_fixes: bool) -> None:
    if fix and diff:
        fail("use either --fix or --diff, not both")
    if (force or backup) and not fix:
        fail(f"--{'force' if force else 'backup'} only applies with --fix")
    if unsafe_fixes and not (fix or diff):
        click.echo("tqkit: warning: --unsafe-fixes does nothing without --fix or --diff", err=True)


def _check_codes(source_lang: str | None, roundtrip_via: str | None, encoding: str | None) -> None:
    """``--source-lang``, ``--roundtrip-via`` and ``--encoding`` name real languages and codecs."""
    from tqkit.config import encoding_problem, lang_code_problem

    for opt, lang in (("--source-lang", source_lang), ("--roundtrip-via", roundtrip_via)):
        problem = lang_code_problem(lang) if lang is not None else None
        if problem:
            fail(f"{opt}: {problem}")
    if encoding and (problem := encoding_problem(encoding)):
        fail(f"--encoding: {problem}")


def _check(paths: tuple[str, ...], options: RunOptions, jobs: int, stdin_filename: str | None) -> list[FileResult]:
    """Check every file (``tqkit.runner``); standard input as ``--stdin-filename`` when given."""
    if not (stdin_filename and "-" in paths):
        return list(check_paths(paths, options, jobs))
    results = []
    for p in paths:
        if p == "-":
            results.append(check_stdin(stdin_filename, options))
        else:
            results.extend(check_paths([p], options))
    return results


def use_color(no_color: bool, stream: object) -> bool:
    """Colour when the stream is a terminal, unless ``--no-color`` or ``NO_COLOR``; always with
    ``FORCE_COLOR`` (https://no-color.org, https://force-color.org)."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _drop_empty_directories(paths: tuple[str, ...]) -> tuple[str, ...]:
    """Directories with nothing to check are a warning, not an error (as ruff does)."""
    empty = empty_directories(paths)
    for p in empty:
        click.echo(
            f"tqkit: warning: {p}: no files to check here (directories are walked for {', '.join(WALK_SUFFIXES)})",
            err=True,
        )
    return tuple(p for p in paths if p not in empty)


def _refuse_broken_packs(paths: tuple[str, ...], options: RunOptions) -> None:
    """Load the rule packs of the first file's configuration before checking anything: a broken
    bundled or user pack stops the run (one line, exit 2) instead of being skipped."""
    from tqkit.errors import PackError

    first = next((p for p, err in walk(paths, options) if err is None), None)
    if first is None:
        return
    try:
        settings = settings_for(first, options)
    except InputError:
        return  # a config error is reported with the file
    try:
        _ = engine_for(settings, options).resources.packs
    except (PackError, ResourceError) as exc:
        fail(str(exc))


def _fix(paths: tuple[str, ...], options: RunOptions, how: FixRequest, jobs: int) -> tuple[list[FileResult], bool, int]:
    """Fix every file (``tqkit.fixes``); diffs, messages and standard input's fixed text print
    in path order."""
    results: list[FileResult] = []
    changed_any = False
    applied = 0
    for fixed in fix_paths(paths, options, how, jobs):
        changed_any |= fixed.changed
        applied += fixed.applied
        if fixed.stdout is not None:
            sys.stdout.buffer.write(fixed.stdout)
            sys.stdout.flush()
        if fixed.diff:  # on a terminal, control characters of the file are shown escaped;
            # piped (to patch, to a file) the diff stays byte-exact
            tty = sys.stdout.isatty()
            sys.stdout.write(escape_controls(fixed.diff, keep_newlines=True) if tty else fixed.diff)
        if fixed.message:
            click.echo(escape_controls(fixed.message), err=True)
        results.append(fixed.result)
    return results, changed_any, applied


def pack_set(packs: tuple[str, ...]) -> Any:
    """The bundled packs plus ``--packs``; a broken pack ends the command (exit 2)."""
    from tqkit.errors import PackError
    from tqkit.packs import bundled_pack_dir, load_packs

    try:
        return load_packs([bundled_pack_dir(), *(Path(p) for p in packs)])
    except PackError as exc:
        fail(str(exc))
