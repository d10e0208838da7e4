"""``tqkit glossary merge``, ``import`` and ``export``: glossaries in and out of the YAML
authoring format (TBX, CSV, another YAML glossary)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from tqkit.commands.glossary_util import (
    load_glossary,
    output_stamp,
    plural,
    write_out,
)
from tqkit.commands.options import fail, glossary_option

# -- merge -----------------------------------------------------------------------------------


@click.command()
@click.argument("a", type=click.Path(exists=True, dir_okay=False))
@click.argument("b", type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(), help="The merged YAML file.")
@click.option("--force", is_flag=True, help="Replace --output when it exists.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Format of the merge report (stderr for text).",
)
def merge(a: str, b: str, output: str, force: bool, fmt: str) -> None:
    """Merge glossary B into A and write the result to --output.

    New concepts, terms and sources are added; a value that differs is a conflict: A's value is
    kept and the conflict reported (exit 1), never overwritten silently."""
    from tqkit.errors import GlossaryError
    from tqkit.glossary.edit import merge_files

    stamp = output_stamp(output)
    try:
        res = merge_files(Path(a), Path(b))
    except GlossaryError as exc:
        fail(str(exc))
    write_out(output, res.text.encode("utf-8"), force, stamp)
    if fmt == "json":
        json.dump(
            {
                "output": output,
                "added": res.added,
                "extended": res.extended,
                "conflicts": [
                    {"concept": c.concept, "field": c.field, "kept": c.ours, "other": c.theirs} for c in res.conflicts
                ],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
            default=str,
        )
        sys.stdout.write("\n")
    else:
        click.echo(
            f"merged {b} into {a} -> {output}: {plural(len(res.added), 'concept')} added, "
            f"{len(res.extended)} extended, {plural(len(res.conflicts), 'conflict')}",
            err=True,
        )
        for c in res.conflicts:
            click.echo(f"conflict: {c}", err=True)
    sys.exit(1 if res.conflicts else 0)


# -- import / export -------------------------------------------------------------------------


@click.command(name="import")
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
    from tqkit.text.escape import escape_controls

    notes: list[str] = []
    stamp = output_stamp(output)
    info, concepts = read_exchange(Path(file), langs, notes)
    if gid:
        info = GlossaryInfo(gid, info.title, info.domain, info.languages, info.file)
    text = glossary_to_yaml(info, concepts, comment=f"Imported from {Path(file).name} by tqkit.")
    try:  # what is written must load: validate it as `tqkit check` would read it
        check_text(output, text)
    except GlossaryError as exc:
        fail(f"{file}: cannot be imported: the result would be invalid ({exc})")
    for note in notes:
        click.echo(f"note: {escape_controls(note)}", err=True)
    write_out(output, text.encode("utf-8"), force, stamp)
    click.echo(f"imported {plural(len(concepts), 'concept')} from {file} -> {output}", err=True)


def read_exchange(path: Path, langs: str | None, notes: list[str] | None = None) -> tuple[Any, list[Any]]:
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
            fail(
                f"{path}: too large to import ({size // (1024 * 1024):,} MB; "
                f"limit {MAX_GLOSSARY_BYTES // (1024 * 1024)} MB)"
            )
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


@click.command()
@glossary_option
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), default="tbx", show_default=True)
@click.option("--output", "-o", type=click.Path(), default=None, help="Write here (default: stdout).")
@click.option("--langs", default=None, help="CSV columns: comma-separated language codes.")
def export(glossaries: tuple[str, ...], fmt: str, output: str | None, langs: str | None) -> None:
    """Export as TBX-Basic v3 (DCA) or CSV (header id + languages, preferred terms)."""
    stamp = output_stamp(output)
    g = load_glossary(glossaries)
    concepts = list(g)
    if fmt == "tbx":
        from tqkit.glossary.tbx import to_tbx

        data = to_tbx(g.infos, concepts)
    else:
        from tqkit.glossary.csvio import to_csv

        columns = [s.strip() for s in langs.split(",")] if langs else g.languages
        data = to_csv(concepts, columns).encode("utf-8")
    write_out(output, data, expected=stamp)
