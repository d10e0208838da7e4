"""``tqkit audit``: a whole archive into Parquet tables and an HTML dashboard (``tqkit.audit``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tqkit.audit import INSTALL_HINT, missing_extra
from tqkit.commands.options import (
    config_option,
    encoding_option,
    fail,
    glossary_option,
    jobs_option,
    selection_options,
    selectors,
    target_lang_option,
)
from tqkit.config import RunOptions

if TYPE_CHECKING:
    from tqkit.audit.run import AuditOutcome


@click.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False),
    default=None,
    help="Directory for the Parquet tables, the manifest and summary.json.",
)
@click.option(
    "--report",
    "report_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Build the HTML dashboard of an audit output directory (no INPUTS).",
)
@click.option("--resume", is_flag=True, help="Skip the partitions a previous run finished.")
@jobs_option(None, "Local worker processes [default: the number of CPUs].")
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Run on this dask.distributed scheduler (tcp://host:8786) instead of locally.",
)
@click.option(
    "--connect-timeout",
    type=click.FloatRange(0.1, 600),
    default=5.0,
    show_default=True,
    help="Seconds to wait for the scheduler.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(1, 1_000_000),
    default=200,
    show_default=True,
    help="Articles per partition (the unit of work, output file and resume).",
)
@click.option(
    "--window",
    type=click.IntRange(0, 10_000),
    default=0,
    help="Partitions in flight at most [default: twice the workers].",
)
@selection_options
@glossary_option
@click.option(
    "--only-terms",
    is_flag=True,
    help="With --since-glossary: only terminology findings (TQ4xx) the glossary change affects.",
)
@click.option(
    "--since-glossary",
    "since",
    multiple=True,
    type=click.Path(),
    help="The previous glossary (file or directory, repeatable), for --only-terms.",
)
@target_lang_option("Language of the articles (en, de, bg ...) [default: auto, detected per article].")
@encoding_option("Encoding of text-file inputs (default: UTF-8).")
@config_option
@click.option(
    "--max-article-mb",
    type=click.FloatRange(0.001, 64),
    default=5.0,
    show_default=True,
    help="Larger articles are listed in the errors table, not audited.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress: a bar on a terminal, plain lines otherwise [default]; or none.",
)
def audit(
    inputs: tuple[str, ...],
    output: str | None,
    report_dir: str | None,
    resume: bool,
    jobs: int | None,
    scheduler: str | None,
    connect_timeout: float,
    partition_size: int,
    window: int,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    glossaries: tuple[str, ...],
    only_terms: bool,
    since: tuple[str, ...],
    target_lang: str | None,
    encoding: str | None,
    config: str | None,
    max_article_mb: float,
    progress: bool | None,
) -> None:
    """Audit a whole archive: findings and per-article scores as Parquet, and a dashboard.

    INPUTS are directories, globs, text or Markdown files, and JSON Lines or Parquet tables of
    articles (columns: id, text; optional source_text, source_lang, date and any metadata).
    Exit codes: 0 audited (findings are in the tables), 2 nothing could be audited or bad usage.
    """
    missing = missing_extra()
    if missing:
        fail(f"{INSTALL_HINT} ({missing} is not installed)")
    if report_dir:
        if inputs or output:
            fail("--report DIR builds the dashboard of an audit; give no INPUTS or --output with it")
        _build_dashboard(report_dir)
        return
    if not inputs:
        fail("give INPUTS to audit (or --report DIR)")
    if not output:
        fail("--output DIR is required")
    if only_terms != bool(since):
        fail("--only-terms and --since-glossary go together (with --glossary NEW)")
    sel, ext, ign = selectors(select, extend_select, ignore)
    if only_terms:
        sel = ("TQ4",)
    options = RunOptions(
        select=sel or None,
        extend_select=ext,
        ignore=ign,
        glossaries=tuple(str(Path(g).resolve()) for g in glossaries) or None,
        target_lang=target_lang,
        encoding=encoding,
        config=config,
    )
    from tqkit.audit.run import AuditConfig, run_audit
    from tqkit.errors import AuditError

    cfg = AuditConfig(
        inputs=list(inputs),
        output=str(output),
        options=options,
        since_glossaries=tuple(str(Path(g).resolve()) for g in since) if only_terms else None,
        partition_size=partition_size,
        jobs=jobs or os.cpu_count() or 1,
        scheduler=scheduler,
        connect_timeout=connect_timeout,
        window=window,
        resume=resume,
        max_article_bytes=int(max_article_mb * 1024 * 1024),
        progress=progress,
    )
    try:
        outcome = run_audit(cfg)
    except AuditError as exc:
        fail(str(exc))
        return
    _report_outcome(outcome, str(output))


def _build_dashboard(report_dir: str) -> None:
    from tqkit.audit.report import build_report
    from tqkit.errors import ReportError

    try:
        index = build_report(Path(report_dir))
    except ReportError as exc:
        fail(str(exc))
        return
    click.echo(f"dashboard: {index}")


def _report_outcome(outcome: AuditOutcome, output: str) -> None:
    """Input errors, the row-error count and the summary line; exit 2 when nothing was audited."""
    for err in outcome.errors:
        click.echo(f"tqkit: {err}", err=True)
    s = outcome.summary
    if s["row_errors"]:
        click.echo(
            f"tqkit: {s['row_errors']:,} article(s) could not be audited; see {Path(output) / 'errors'}", err=True
        )
    click.echo(
        f"audited {s['articles']:,} articles, {s['words']:,} words: {s['findings']:,} findings, "
        f"{s['score_per_1000_words']} penalty points per 1,000 words "
        f"({outcome.done} partitions done, {outcome.skipped} resumed) -> {output}"
    )
    sys.exit(0 if s["articles"] else 2)
