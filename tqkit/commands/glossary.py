"""``tqkit glossary``: lint, find, show, add, merge, import, export, stats, coverage
(merge, import and export live in :mod:`tqkit.commands.glossary_io`).

Every command reads the bundled glossaries unless ``--glossary PATH`` (repeatable) names
others. Data goes to stdout; one-line errors to stderr; exit 2 for usage or input errors.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from tqkit.atomic import atomic_write, locked, stamp_of
from tqkit.commands.glossary_io import export, import_, merge
from tqkit.commands.glossary_util import concept_files, esc, glossary_paths, load_glossary
from tqkit.commands.options import fail, glossary_option, no_color_option
from tqkit.errors import WriteError
from tqkit.report import FORMATS

__all__ = [
    "add",
    "coverage",
    "export",
    "fail",
    "find",
    "glossary",
    "glossary_option",
    "import_",
    "lint",
    "merge",
    "show",
    "stats",
]


@click.group()
def glossary() -> None:
    """Maintain the multilingual term base: lint, search, edit, merge, import and export."""


# -- lint ------------------------------------------------------------------------------------


@glossary.command()
@click.argument("paths", nargs=-1, type=click.Path())
@glossary_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@no_color_option
def lint(paths: tuple[str, ...], glossaries: tuple[str, ...], fmt: str, no_color: bool) -> None:
    """Validate glossary files: schema, a term in two concepts, a term both preferred and
    deprecated, a language without a preferred term, missing sources.

    Exit codes: 0 clean, 1 problems found, 2 usage or input error."""
    from tqkit.errors import ResourceError
    from tqkit.glossary.lint import lint_paths
    from tqkit.registry import all_rules
    from tqkit.report import emit

    all_rules()  # so a rule pack's entries are checked against every rule code
    targets = [Path(p) for p in paths] or glossary_paths(glossaries)
    try:
        results = lint_paths(targets)
    except ResourceError as exc:
        fail(str(exc))
    for r in results:
        if r.error:
            click.echo(f"tqkit: {esc(r.error)}", err=True)
    color = not no_color and sys.stdout.isatty() and fmt == "text"
    emit(fmt, results, sys.stdout, color=color)
    if any(r.error for r in results):
        sys.exit(2)
    sys.exit(1 if any(r.findings for r in results) else 0)


# -- find / show -----------------------------------------------------------------------------


@glossary.command()
@click.argument("text")
@glossary_option
@click.option("--lang", default=None, help="Only terms of this language.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--min-score", type=click.FloatRange(0, 100), default=60.0, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def find(text: str, glossaries: tuple[str, ...], lang: str | None, limit: int, min_score: float, fmt: str) -> None:
    """Find terms in any language, fuzzily ("Nagorny Karabah", "Нагорного Карабаха")."""
    from tqkit.glossary.search import search

    hits = search(load_glossary(glossaries), text, lang=lang, limit=limit, min_score=min_score)
    if fmt == "json":
        json.dump([h.as_dict() for h in hits], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for h in hits:
            click.echo(esc(f"{h.score:5.1f}  {h.concept:<34} {h.lang:<3} {h.term}  [{h.status}]"))
    if not hits:
        click.echo(f"tqkit: no term matches {esc(repr(text))}", err=True)
        sys.exit(1)


@glossary.command()
@click.argument("concept_id")
@glossary_option
@click.option("--format", "fmt", type=click.Choice(["text", "yaml", "json"]), default="text", show_default=True)
def show(concept_id: str, glossaries: tuple[str, ...], fmt: str) -> None:
    """Show one concept: definition, notes, sources and every term."""
    from tqkit.glossary.edit import concept_to_map, dumps
    from tqkit.glossary.search import concept_dict, describe

    g = load_glossary(glossaries)
    c = g.get(concept_id)
    if c is None:
        from rapidfuzz import process

        near = process.extractOne(concept_id, list(g.concepts))
        hint = f" (did you mean {near[0]!r}?)" if near and near[1] >= 60 else ""
        fail(f"no concept {concept_id!r}{hint}")
    if fmt == "json":
        json.dump(concept_dict(c), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "yaml":
        sys.stdout.write(dumps([concept_to_map(c)]))
    else:
        from tqkit.text.escape import escape_controls

        sys.stdout.write(escape_controls(describe(c), keep_newlines=True))


# -- add -------------------------------------------------------------------------------------


def _parse_term(spec: str) -> tuple[str, str, str]:
    from tqkit.glossary.model import STATUSES

    lang, sep, rest = spec.partition(":")
    if not sep or not rest.strip():
        raise click.BadParameter(f"{spec!r}: expected LANG:TERM[:STATUS]", param_hint="--term")
    term, status = rest, ""
    head, sep2, tail = rest.rpartition(":")
    if sep2 and tail.strip() in STATUSES:
        term, status = head, tail.strip()
    elif sep2 and head.strip() and tail.isalpha() and tail.islower():  # "en:Baz:deprecatd"
        raise click.BadParameter(
            f"{spec!r}: unknown status {tail.strip()!r} (one of {', '.join(STATUSES)})", param_hint="--term"
        )
    return lang.strip(), term.strip(), status or "preferred"


def _prompt_concept(
    domain: str | None, definition: str | None, sources: tuple[str, ...], term_specs: list[tuple[str, str, str]]
) -> tuple[str, str | None, str | None, tuple[str, ...]]:
    """Ask for the concept in a terminal: its id, domain, definition, terms (appended to
    ``term_specs``) and a source."""
    cid: str = click.prompt("Concept id")
    domain = click.prompt("Domain", default=domain or "", show_default=False) or None
    definition = click.prompt("Definition", default=definition or "", show_default=False) or None
    while True:
        spec = click.prompt("Term as LANG:TERM[:STATUS] (empty to finish)", default="", show_default=False)
        if not spec:
            break
        try:
            term_specs.append(_parse_term(spec))
        except click.BadParameter as exc:
            click.echo(exc.message, err=True)
    src = click.prompt("Source as TITLE|URL (empty for none)", default="", show_default=False)
    if src:
        sources = (*sources, src)
    return cid, domain, definition, sources


def _source_pairs(sources: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """``TITLE`` or ``TITLE|URL`` values as (title, url) pairs."""
    pairs: list[tuple[str, str | None]] = []
    for s in sources:
        title, _, url = s.partition("|")
        pairs.append((title.strip(), url.strip() or None))
    return pairs


def _add_to_file(target: Path, concept: Any, others: list[Any], force: bool) -> None:
    from tqkit.errors import GlossaryError
    from tqkit.glossary.edit import add_concept

    with locked(target):  # read, edit, write: one step for other tqkit processes
        try:
            stamp = stamp_of(target)
            text = add_concept(target, concept, others)
            atomic_write(target, text.encode("utf-8"), expected=stamp, force=force)
        except (GlossaryError, WriteError) as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{target}: cannot write: {exc.strerror or exc}")


@glossary.command()
@glossary_option
@click.option(
    "--file",
    "file",
    type=click.Path(),
    default=None,
    help="The glossary file to add to (default: the only concept glossary given).",
)
@click.option("--id", "cid", default=None, help="Concept id, e.g. nk-lachin-corridor.")
@click.option("--domain", default=None)
@click.option("--definition", default=None)
@click.option("--note", default=None)
@click.option("--term", "terms", multiple=True, help="LANG:TERM[:STATUS] (repeatable; status defaults to preferred).")
@click.option("--source", "sources", multiple=True, help="TITLE or TITLE|URL (repeatable).")
@click.option("--force", is_flag=True, help="Write even a read-only file, or one changed meanwhile.")
def add(
    glossaries: tuple[str, ...],
    file: str | None,
    cid: str | None,
    domain: str | None,
    definition: str | None,
    note: str | None,
    terms: tuple[str, ...],
    sources: tuple[str, ...],
    force: bool,
) -> None:
    """Add a concept, by flags or, when run in a terminal without --id, by prompts.

    The file keeps its comments and the order of its entries; the write is atomic. The file is
    locked from reading to writing, so concurrent adds all land; an edit by another program
    meanwhile makes the add refuse (exit 2) rather than overwrite it."""
    from tqkit.glossary.edit import new_concept

    new_file = (
        file is None
        and len(glossaries) == 1
        and Path(glossaries[0]).suffix in (".yaml", ".yml")
        and not Path(glossaries[0]).exists()
    )
    files = [Path(file)] if file else [Path(glossaries[0])] if new_file else concept_files(glossaries)
    if len(files) != 1:
        fail("several glossary files: choose one with --file")
    target = files[0]
    term_specs = [_parse_term(t) for t in terms]
    if cid is None and sys.stdin.isatty():
        cid, domain, definition, sources = _prompt_concept(domain, definition, sources, term_specs)
    if not cid:
        fail("give --id (and --term) or run in a terminal to be prompted")
    if not term_specs:
        fail("give at least one --term LANG:TERM[:STATUS]")
    try:
        concept = new_concept(
            cid,
            term_specs,
            domain=domain,
            definition=definition,
            note=note,
            sources=_source_pairs(sources),
            path=str(target),
        )
    except ValueError as exc:
        fail(f"{target}: {exc}")
    others = [c for c in load_glossary(glossaries) if c.file != str(target)] if not (file or new_file) else []
    _add_to_file(target, concept, others, force)
    click.echo(f"added {cid} to {target}", err=True)


# -- stats / coverage ------------------------------------------------------------------------


@glossary.command()
@glossary_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(glossaries: tuple[str, ...], fmt: str) -> None:
    """Counts: concepts, terms per language and status, gaps, concepts awaiting review."""
    from tqkit.glossary.search import statistics

    s = statistics(load_glossary(glossaries))
    if fmt == "json":
        json.dump(s, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    click.echo(f"glossaries: {', '.join(s['glossaries']) or '-'}")
    click.echo(
        f"concepts: {s['concepts']}  terms: {s['terms']}  with sources: "
        f"{s['with_sources']}  awaiting review: {s['awaiting_review']}"
    )
    click.echo(
        f"{'lang':<6}{'terms':>7}{'preferred':>11}{'admitted':>10}{'deprecated':>12}"
        f"{'forbidden':>11}{'no preferred':>14}"
    )
    for lang, row in s["languages"].items():
        click.echo(
            f"{lang:<6}{row['terms']:>7}{row['preferred']:>11}{row['admitted']:>10}"
            f"{row['deprecated']:>12}{row['forbidden']:>11}{row['concepts_without_preferred']:>14}"
        )


@glossary.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@glossary_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--encoding", default=None, help="Encoding of the input files (default: UTF-8).")
def coverage(paths: tuple[str, ...], glossaries: tuple[str, ...], fmt: str, encoding: str | None) -> None:
    """Which concepts, and which deprecated or forbidden variants, occur in each file."""
    from tqkit.errors import InputError
    from tqkit.readers import read_path
    from tqkit.runner import walk

    g = load_glossary(glossaries)
    matcher = g.matcher("en")
    report: list[dict[str, Any]] = []
    errors = False
    for path, err in walk(paths):
        if err:
            click.echo(f"tqkit: {esc(err)}", err=True)
            errors = True
            continue
        try:
            doc = read_path(path, encoding)
        except InputError as exc:
            click.echo(f"tqkit: {esc(str(exc))}", err=True)
            errors = True
            continue
        concepts: dict[str, Counter[str]] = {}
        bad: Counter[tuple[str, str, str]] = Counter()
        for m in matcher.find(doc.view):
            concepts.setdefault(m.concept, Counter())[m.term.text] += 1
            if m.term.is_bad:
                bad[(m.term.text, m.concept, m.term.status)] += 1
        report.append(
            {
                "path": path,
                "words": doc.word_count,
                "concepts": {cid: {"count": sum(c.values()), "terms": dict(c)} for cid, c in sorted(concepts.items())},
                "deprecated": [
                    {
                        "term": t,
                        "concept": cid,
                        "status": st,
                        "count": n,
                        "preferred": (
                            g.concepts[cid].preferred("en").text if g.concepts[cid].preferred("en") else None
                        ),
                    }
                    for (t, cid, st), n in sorted(bad.items())
                ],
            }
        )
    if fmt == "json":
        json.dump({"files": report, "glossary_concepts": len(g)}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in report:
            click.echo(
                f"{r['path']}: {len(r['concepts'])} of {len(g)} concepts, "
                f"{sum(d['count'] for d in r['deprecated'])} deprecated or forbidden uses"
            )
            for cid, info in r["concepts"].items():
                terms = ", ".join(f"{t} ×{n}" for t, n in info["terms"].items())
                click.echo(f"  {cid:<36} {info['count']:>4}  {terms}")
            for d in r["deprecated"]:
                click.echo(f"  ! {d['status']:<10} {d['term']} ×{d['count']} -> {d['preferred']}")
    sys.exit(2 if errors else 0)


glossary.add_command(merge)
glossary.add_command(import_)
glossary.add_command(export)
