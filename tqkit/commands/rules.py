"""``tqkit rules`` and ``tqkit rule CODE``: the rules, their documentation and the rule packs."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import click

from tqkit.commands.check import pack_set
from tqkit.commands.options import fail, target_lang_option
from tqkit.registry import Rule, all_rules, get_rule


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: the rules table of README.md (`make readme-rules` puts it there).",
)
@click.option("--all", "show_all", is_flag=True, help="Include opt-in rules (they are listed anyway, marked).")
@target_lang_option("Say which rules run on copy in this language and which are off.")
@click.option(
    "--lint",
    is_flag=True,
    help="Check rule packs (PATHS, with the bundled ones; default: the bundled ones) and "
    "run every entry's examples; problems print as FILE:LINE: message, exit 2.",
)
@click.option(
    "--packs",
    "packs",
    multiple=True,
    type=click.Path(),
    help="Rule pack file or directory to list with the bundled packs (repeatable).",
)
def rules(
    paths: tuple[str, ...], fmt: str, show_all: bool, target_lang: str | None, lint: bool, packs: tuple[str, ...]
) -> None:
    """List every rule: code, name, default severity, category, whether its findings come with
    a fix (always, sometimes, none) (and, with --target-lang, whether it runs for that language); then the rule packs behind TQ301 (id, entries, source
    languages). With --lint, check rule packs instead."""
    from tqkit.packs import bundled_pack_dir, lint_packs
    from tqkit.profiles import AUTO, profile_for

    if lint:
        all_rules()  # the pack checker then knows every rule an entry may be filed under
        problems = lint_packs([bundled_pack_dir(), *(Path(p) for p in (*paths, *packs))])
        if fmt == "json":
            json.dump(
                [{"path": p.path, "line": p.line, "message": p.message} for p in problems],
                sys.stdout,
                indent=2,
                ensure_ascii=False,
            )
            sys.stdout.write("\n")
        else:
            for p in problems:
                click.echo(str(p))
            if not problems:
                click.echo("rule packs: no problems", err=True)
        sys.exit(2 if problems else 0)
    if paths:
        fail("PATHS are packs to lint: use `tqkit rules --lint PATH` (or --packs DIR to list them)")
    items = all_rules()
    packset = pack_set(packs)
    pack_rows = [
        {"id": pk.id, "title": pk.title, "path": pk.path, "entries": len(pk.entries), "source_langs": pk.source_langs}
        for pk in packset.packs
    ]
    lang = profile_for(target_lang).code if target_lang and target_lang != AUTO else None
    if fmt == "markdown":
        click.echo(markdown_table(items, lang), nl=False)
        return
    if fmt == "json":
        json.dump(
            [
                {
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity.label,
                    "category": r.category.value,
                    "enabled_by_default": r.enabled_by_default,
                    "fix_availability": r.fix_availability.value,
                    "summary": r.summary(),
                    "languages": sorted(r.languages) if r.languages is not None else "any",
                    **({"runs": r.runs_for(lang)} if lang else {}),
                    **({"packs": pack_rows} if r.code == "TQ301" else {}),
                }
                for r in items
            ],
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return
    for r in items:
        opt = "" if r.enabled_by_default else "  (opt-in)"
        on = ("on   " if r.runs_for(lang) else "off  ") if lang else ""
        fix = f"fix: {r.fix_availability.value}"
        click.echo(
            f"{on}{r.code}  {r.name:<32} {r.severity.label:<8} {r.category.value:<38} {fix:<14} {r.summary()}{opt}"
        )
    if lang:
        off = [r.code for r in items if not r.runs_for(lang)]
        click.echo(
            f"\n{lang}: {len(items) - len(off)} rules run, {len(off)} are off "
            f"(written for other languages: {', '.join(off) or 'none'})"
        )
    click.echo(f"\nRule packs (TQ301; `tqkit rule ENTRY-ID` shows an entry): {len(packset.entries)} entries")
    for pk in packset.packs:
        langs = ", ".join(pk.source_langs) or "-"
        click.echo(f"{pk.id:<24} {len(pk.entries):>5} entries  from {langs:<20} {pk.title}")


def markdown_table(items: list[type[Rule]], lang: str | None = None) -> str:
    """The rules as a Markdown table: code, name, default severity, whether findings come with
    a fix, and the docstring's summary (opt-in rules marked); with ``lang``, whether each runs
    on copy in that language."""
    head = ["code", "name", "severity", "fix", *([lang] if lang else []), "what it reports"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in items:
        summary = ("" if r.enabled_by_default else "**Opt-in.** ") + r.summary()
        runs = [("on" if r.runs_for(lang) else "off")] if lang else []
        cells = [r.code, r.name, r.severity.label, r.fix_availability.value, *runs, summary.replace("|", "\\|")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_MD_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_CODE = re.compile(r"``?([^`\n]+?)``?")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)


def plain_text(markdown: str) -> str:
    """A rule's documentation (Markdown) as terminal text: no asterisks, backticks or link
    syntax; the words stay."""
    text = _MD_LINK.sub(r"\1 (\2)", markdown)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EM.sub(r"\1", text)
    return _MD_HEADING.sub("", text)


@click.command()
@click.argument("code")
@click.option(
    "--packs",
    "packs",
    multiple=True,
    type=click.Path(),
    help="Rule pack file or directory to search with the bundled packs (repeatable).",
)
def rule(code: str, packs: tuple[str, ...]) -> None:
    """Print the documentation of one rule, by code (TQ201) or name, or of one rule-pack entry
    by its id."""
    try:
        r = get_rule(code)
    except KeyError:
        entry = pack_set(packs).by_id.get(code)
        if entry is None:
            fail(f"unknown rule or pack entry {code!r} (see `tqkit rules`)")
            return
        _show_entry(entry)
        return
    click.echo(
        f"{r.code} {r.name}  [{r.severity.label}, {r.category.value}, fix: {r.fix_availability.value}"
        f"{'' if r.enabled_by_default else ', opt-in'}]\n"
    )
    click.echo(plain_text(r.doc()))
    if r.fires:
        click.echo("\nFires on:")
        for ex in r.fires:
            click.echo(f"  - {ex}")
    if r.quiet:
        click.echo("\nQuiet on:")
        for ex in r.quiet:
            click.echo(f"  - {ex}")


def _show_entry(entry: Any) -> None:
    reported = "TQ102 (known transliteration)" if entry.kind == "transliteration" else entry.rule
    click.echo(f"{entry.id}  [pack {entry.pack}, {reported}, {entry.severity.label}, {entry.category}]")
    where = entry.path
    try:
        rel = os.path.relpath(entry.path)
        where = rel if not rel.startswith("..") else entry.path
    except ValueError:
        pass
    click.echo(f"defined at {where}:{entry.line}\n")
    label = "Pattern" if len(entry.patterns) == 1 else "Patterns"
    click.echo(f"{label}: " + " | ".join(entry.patterns))
    if entry.unless:
        click.echo("Unless: " + " | ".join(entry.unless))
    click.echo(f"Message: {entry.message}")
    if entry.source:
        click.echo(f"Source: {entry.source_lang.upper() or '?'} “{entry.source}”")
    if entry.context == "source":
        stems = ", ".join(entry.source_match) or entry.source
        click.echo(f"Context: reported only when the aligned source contains: {stems}")
    click.echo(f"Reference: {entry.reference}")
    if entry.suggest:
        click.echo("Suggestions: " + "; ".join(entry.suggest))
    click.echo(
        "Fix: "
        + ("safe (applied by --fix)" if entry.safe else "unsafe (never changes the text without --unsafe-fixes)")
    )
    for title, examples in (("Fires on", entry.fires), ("Quiet on", entry.quiet)):
        click.echo(f"\n{title}:")
        for ex in examples:
            src = f"  [source: {ex.source!r}]" if ex.source is not None else ""
            click.echo(f"  - {ex.text}{src}")
