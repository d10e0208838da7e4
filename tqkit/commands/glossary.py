"""``tqkit glossary``: lint, find, show, add, merge, import, export, stats, coverage.

Every command reads the bundled glossaries unless ``--glossary PATH`` (repeatable) names
others. Data goes to stdout; one-line errors to stderr; exit 2 for usage or input errors.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from tqkit.atomic import Stamp, atomic_write, locked, stamp_of
from tqkit.errors import WriteError
from tqkit.report import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


def _esc(message: str) -> str:
    """File content in a message is shown escaped, never sent to the terminal raw."""
    from tqkit.report.text_report import escape_controls

    return escape_controls(message)


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"tqkit: {_esc(message)}", err=True)
    sys.exit(code)


def glossary_option(fn: F) -> F:
    return click.option(
        "--glossary", "glossaries", multiple=True, type=click.Path(),
        help="Glossary file or directory (repeatable); default: the bundled glossaries.",
    )(fn)


def _paths(glossaries: Sequence[str]) -> list[Path]:
    from tqkit.resources import bundled_glossary_dir

    return [Path(g) for g in glossaries] or [bundled_glossary_dir()]


def _load(glossaries: Sequence[str]) -> Any:
    from tqkit.errors import GlossaryError, ResourceError
    from tqkit.glossary import load_glossaries

    try:
        return load_glossaries(_paths(glossaries))
    except (GlossaryError, ResourceError) as exc:
        fail(str(exc))


def _concept_files(glossaries: Sequence[str]) -> list[Path]:
    from tqkit.errors import ResourceError
    from tqkit.resources import _kind_of, glossary_files

    try:
        return [p for p in glossary_files(_paths(glossaries)) if _kind_of(p) == "concepts"]
    except ResourceError as exc:
        fail(str(exc))


def _output_stamp(output: str | None) -> Stamp | None:
    """The output file as it is before the command reads anything (compare-and-swap)."""
    if output is None or output == "-":
        return None
    try:
        return stamp_of(output)
    except WriteError as exc:
        fail(str(exc))


def _write_out(output: str | None, data: bytes, force: bool = True,
               expected: Stamp | None = None) -> None:
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(output)
    if target.exists() and not force:
        fail(f"{output}: already exists; use --force to replace it")
    try:
        atomic_write(target, data, expected=expected, readonly_ok=force)
    except WriteError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")


@click.group()
def glossary() -> None:
    """Maintain the multilingual term base: lint, search, edit, merge, import and export."""


# -- lint ------------------------------------------------------------------------------------


@glossary.command()
@click.argument("paths", nargs=-1, type=click.Path())
@glossary_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--no-color", is_flag=True, help="Never use colour.")
def lint(paths: tuple[str, ...], glossaries: tuple[str, ...], fmt: str, no_color: bool) -> None:
    """Validate glossary files: schema, a term in two concepts, a term both preferred and
    deprecated, a language without a preferred term, missing sources.

    Exit codes: 0 clean, 1 problems found, 2 usage or input error."""
    from tqkit.errors import ResourceError
    from tqkit.glossary.lint import lint_paths
    from tqkit.report import emit

    targets = [Path(p) for p in paths] or _paths(glossaries)
    try:
        results = lint_paths(targets)
    except ResourceError as exc:
        fail(str(exc))
    for r in results:
        if r.error:
            click.echo(f"tqkit: {_esc(r.error)}", err=True)
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
def find(text: str, glossaries: tuple[str, ...], lang: str | None, limit: int, min_score: float,
         fmt: str) -> None:
    """Find terms in any language, fuzzily ("Nagorny Karabah", "Нагорного Карабаха")."""
    from tqkit.glossary.search import search

    hits = search(_load(glossaries), text, lang=lang, limit=limit, min_score=min_score)
    if fmt == "json":
        json.dump([h.as_dict() for h in hits], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for h in hits:
            click.echo(_esc(f"{h.score:5.1f}  {h.concept:<34} {h.lang:<3} {h.term}  [{h.status}]"))
    if not hits:
        click.echo(f"tqkit: no term matches {_esc(repr(text))}", err=True)
        sys.exit(1)


@glossary.command()
@click.argument("concept_id")
@glossary_option
@click.option("--format", "fmt", type=click.Choice(["text", "yaml", "json"]), default="text",
              show_default=True)
def show(concept_id: str, glossaries: tuple[str, ...], fmt: str) -> None:
    """Show one concept: definition, notes, sources and every term."""
    from tqkit.glossary.edit import concept_to_map, dumps
    from tqkit.glossary.search import concept_dict, describe

    g = _load(glossaries)
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
        from tqkit.report.text_report import escape_controls

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
        raise click.BadParameter(f"{spec!r}: unknown status {tail.strip()!r} "
                                 f"(one of {', '.join(STATUSES)})", param_hint="--term")
    return lang.strip(), term.strip(), status or "preferred"


@glossary.command()
@glossary_option
@click.option("--file", "file", type=click.Path(), default=None,
              help="The glossary file to add to (default: the only concept glossary given).")
@click.option("--id", "cid", default=None, help="Concept id, e.g. nk-lachin-corridor.")
@click.option("--domain", default=None)
@click.option("--definition", default=None)
@click.option("--note", default=None)
@click.option("--term", "terms", multiple=True,
              help="LANG:TERM[:STATUS] (repeatable; status defaults to preferred).")
@click.option("--source", "sources", multiple=True, help="TITLE or TITLE|URL (repeatable).")
@click.option("--force", is_flag=True, help="Write even a read-only file, or one changed meanwhile.")
def add(glossaries: tuple[str, ...], file: str | None, cid: str | None, domain: str | None,
        definition: str | None, note: str | None, terms: tuple[str, ...],
        sources: tuple[str, ...], force: bool) -> None:
    """Add a concept, by flags or, when run in a terminal without --id, by prompts.

    The file keeps its comments and the order of its entries; the write is atomic. The file is
    locked from reading to writing, so concurrent adds all land; an edit by another program
    meanwhile makes the add refuse (exit 2) rather than overwrite it."""
    from tqkit.errors import GlossaryError
    from tqkit.glossary.edit import add_concept, new_concept

    new_file = file is None and len(glossaries) == 1 and Path(glossaries[0]).suffix in (".yaml", ".yml") \
        and not Path(glossaries[0]).exists()
    files = [Path(file)] if file else [Path(glossaries[0])] if new_file else _concept_files(glossaries)
    if len(files) != 1:
        fail("several glossary files: choose one with --file")
    target = files[0]
    term_specs = [_parse_term(t) for t in terms]
    interactive = cid is None and sys.stdin.isatty()
    if interactive:
        cid = click.prompt("Concept id")
        domain = click.prompt("Domain", default=domain or "", show_default=False) or None
        definition = click.prompt("Definition", default=definition or "", show_default=False) or None
        while True:
            spec = click.prompt("Term as LANG:TERM[:STATUS] (empty to finish)", default="",
                                show_default=False)
            if not spec:
                break
            try:
                term_specs.append(_parse_term(spec))
            except click.BadParameter as exc:
                click.echo(exc.message, err=True)
        src = click.prompt("Source as TITLE|URL (empty for none)", default="", show_default=False)
        if src:
            sources = (*sources, src)
    if not cid:
        fail("give --id (and --term) or run in a terminal to be prompted")
    if not term_specs:
        fail("give at least one --term LANG:TERM[:STATUS]")
    src_pairs = []
    for s in sources:
        title, _, url = s.partition("|")
        src_pairs.append((title.strip(), url.strip() or None))
    try:
        concept = new_concept(cid, term_specs, domain=domain, definition=definition, note=note,
                              sources=src_pairs, path=str(target))
    except ValueError as exc:
        fail(f"{target}: {exc}")
    others = [c for c in _load(glossaries) if c.file != str(target)] if not (file or new_file) else []
    with locked(target):  # read, edit, write: one step for other tqkit processes
        try:
            stamp = stamp_of(target)
            text = add_concept(target, concept, others)
            atomic_write(target, text.encode("utf-8"), expected=stamp, force=force)
        except (GlossaryError, WriteError) as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{target}: cannot write: {exc.strerror or exc}")
    click.echo(f"added {cid} to {target}", err=True)


# -- merge -----------------------------------------------------------------------------------


@glossary.command()
@click.argument("a", type=click.Path(exists=True, dir_okay=False))
@click.argument("b", type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(), help="The merged YAML file.")
@click.option("--force", is_flag=True, help="Replace --output when it exists.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Format of the merge report (stderr for text).")
def merge(a: str, b: str, output: str, force: bool, fmt: str) -> None:
    """Merge glossary B into A and write the result to --output.

    New concepts, terms and sources are added; a value that differs is a conflict: A's value is
    kept and the conflict reported (exit 1), never overwritten silently."""
    from tqkit.errors import GlossaryError
    from tqkit.glossary.edit import merge_files

    stamp = _output_stamp(output)
    try:
        res = merge_files(Path(a), Path(b))
    except GlossaryError as exc:
        fail(str(exc))
    _write_out(output, res.text.encode("utf-8"), force, stamp)
    if fmt == "json":
        json.dump({"output": output, "added": res.added, "extended": res.extended,
                   "conflicts": [{"concept": c.concept, "field": c.field, "kept": c.ours,
                                  "other": c.theirs} for c in res.conflicts]},
                  sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        click.echo(f"merged {b} into {a} -> {output}: {_n(len(res.added), 'concept')} added, "
                   f"{len(res.extended)} extended, {_n(len(res.conflicts), 'conflict')}", err=True)
        for c in res.conflicts:
            click.echo(f"conflict: {c}", err=True)
    sys.exit(1 if res.conflicts else 0)


# -- import / export -------------------------------------------------------------------------


@glossary.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(), help="The YAML file to write.")
@click.option("--langs", default=None, help="SRC,TGT for a two-column CSV without a header.")
@click.option("--id", "gid", default=None, help="Glossary id for the header.")
@click.option("--force", is_flag=True, help="Replace --output when it exists.")
def import_(file: str, output: str, langs: str | None, gid: str | None, force: bool) -> None:
    """Import TBX (v2 martif or v3 conceptEntry) or CSV into the YAML authoring format."""
    from tqkit.errors import GlossaryError
    from tqkit.glossary.edit import check_text, glossary_to_yaml
    from tqkit.glossary.model import GlossaryInfo
    from tqkit.report.text_report import escape_controls

    notes: list[str] = []
    stamp = _output_stamp(output)
    info, concepts = _read_exchange(Path(file), langs, notes)
    if gid:
        info = GlossaryInfo(gid, info.title, info.domain, info.languages, info.file)
    text = glossary_to_yaml(info, concepts, comment=f"Imported from {Path(file).name} by tqkit.")
    try:  # what is written must load: validate it as `tqkit check` would read it
        check_text(output, text)
    except GlossaryError as exc:
        fail(f"{file}: cannot be imported: the result would be invalid ({exc})")
    for note in notes:
        click.echo(f"note: {escape_controls(note)}", err=True)
    _write_out(output, text.encode("utf-8"), force, stamp)
    click.echo(f"imported {_n(len(concepts), 'concept')} from {file} -> {output}", err=True)


def _read_exchange(path: Path, langs: str | None, notes: list[str] | None = None) -> tuple[Any, list[Any]]:
    from tqkit.errors import CsvError, TbxError
    from tqkit.glossary.csvio import read_csv
    from tqkit.glossary.load import MAX_GLOSSARY_BYTES
    from tqkit.glossary.tbx import read_tbx

    try:
        import stat

        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block forever
            fail(f"{path}: not a regular file")
        size = st.st_size
        if size > MAX_GLOSSARY_BYTES:
            fail(f"{path}: too large to import ({size // (1024 * 1024):,} MB; "
                 f"limit {MAX_GLOSSARY_BYTES // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except OSError as exc:
        fail(f"{path}: cannot read: {exc.strerror or exc}")
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    try:
        if path.suffix.lower() in (".tbx", ".xml") or head.startswith(b"<"):
            return read_tbx(data, str(path), notes)
        lang_pair = [s.strip() for s in langs.split(",")] if langs else None
        return read_csv(data.decode("utf-8-sig"), str(path), lang_pair)
    except (TbxError, CsvError) as exc:
        fail(str(exc))
    except UnicodeDecodeError:
        fail(f"{path}: not valid UTF-8")


@glossary.command()
@glossary_option
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), default="tbx", show_default=True)
@click.option("--output", "-o", type=click.Path(), default=None, help="Write here (default: stdout).")
@click.option("--langs", default=None, help="CSV columns: comma-separated language codes.")
def export(glossaries: tuple[str, ...], fmt: str, output: str | None, langs: str | None) -> None:
    """Export as TBX-Basic v3 (DCA) or CSV (header id + languages, preferred terms)."""
    stamp = _output_stamp(output)
    g = _load(glossaries)
    concepts = list(g)
    if fmt == "tbx":
        from tqkit.glossary.tbx import to_tbx

        data = to_tbx(g.infos, concepts)
    else:
        from tqkit.glossary.csvio import to_csv

        columns = [s.strip() for s in langs.split(",")] if langs else g.languages
        data = to_csv(concepts, columns).encode("utf-8")
    _write_out(output, data, expected=stamp)


# -- stats / coverage ------------------------------------------------------------------------


@glossary.command()
@glossary_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(glossaries: tuple[str, ...], fmt: str) -> None:
    """Counts: concepts, terms per language and status, gaps, concepts awaiting review."""
    from tqkit.glossary.search import statistics

    s = statistics(_load(glossaries))
    if fmt == "json":
        json.dump(s, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    click.echo(f"glossaries: {', '.join(s['glossaries']) or '-'}")
    click.echo(f"concepts: {s['concepts']}  terms: {s['terms']}  with sources: "
               f"{s['with_sources']}  awaiting review: {s['awaiting_review']}")
    click.echo(f"{'lang':<6}{'terms':>7}{'preferred':>11}{'admitted':>10}{'deprecated':>12}"
               f"{'forbidden':>11}{'no preferred':>14}")
    for lang, row in s["languages"].items():
        click.echo(f"{lang:<6}{row['terms']:>7}{row['preferred']:>11}{row['admitted']:>10}"
                   f"{row['deprecated']:>12}{row['forbidden']:>11}{row['concepts_without_preferred']:>14}")


@glossary.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@glossary_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--encoding", default=None, help="Encoding of the input files (default: UTF-8).")
def coverage(paths: tuple[str, ...], glossaries: tuple[str, ...], fmt: str,
             encoding: str | None) -> None:
    """Which concepts, and which deprecated or forbidden variants, occur in each file."""
    from tqkit.errors import InputError
    from tqkit.readers import read_path
    from tqkit.runner import walk

    g = _load(glossaries)
    matcher = g.matcher("en")
    report: list[dict[str, Any]] = []
    errors = False
    for path, err in walk(paths):
        if err:
            click.echo(f"tqkit: {_esc(err)}", err=True)
            errors = True
            continue
        try:
            doc = read_path(path, encoding)
        except InputError as exc:
            click.echo(f"tqkit: {_esc(str(exc))}", err=True)
            errors = True
            continue
        concepts: dict[str, Counter[str]] = {}
        bad: Counter[tuple[str, str, str]] = Counter()
        for m in matcher.find(doc.view):
            concepts.setdefault(m.concept, Counter())[m.term.text] += 1
            if m.term.is_bad:
                bad[(m.term.text, m.concept, m.term.status)] += 1
        report.append({
            "path": path,
            "words": doc.word_count,
            "concepts": {cid: {"count": sum(c.values()), "terms": dict(c)}
                         for cid, c in sorted(concepts.items())},
            "deprecated": [{"term": t, "concept": cid, "status": st, "count": n,
                            "preferred": (g.concepts[cid].preferred("en").text
                                          if g.concepts[cid].preferred("en") else None)}
                           for (t, cid, st), n in sorted(bad.items())],
        })
    if fmt == "json":
        json.dump({"files": report, "glossary_concepts": len(g)}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in report:
            click.echo(f"{r['path']}: {len(r['concepts'])} of {len(g)} concepts, "
                       f"{sum(d['count'] for d in r['deprecated'])} deprecated or forbidden uses")
            for cid, info in r["concepts"].items():
                terms = ", ".join(f"{t} ×{n}" for t, n in info["terms"].items())
                click.echo(f"  {cid:<36} {info['count']:>4}  {terms}")
            for d in r["deprecated"]:
                click.echo(f"  ! {d['status']:<10} {d['term']} ×{d['count']} -> {d['preferred']}")
    sys.exit(2 if errors else 0)


def _n(count: int, noun: str) -> str:
    """ "1 concept", "2 concepts" """
    return f"{count} {noun}{'' if count == 1 else 's'}"
