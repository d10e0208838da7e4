"""``tqkit align SRC TGT``: show how a translation lines up with its original."""

from __future__ import annotations

import json
import sys

import click

from tqkit.align import Bead, Unit, paragraph_beads
from tqkit.document import Document
from tqkit.errors import AlignmentError, InputError
from tqkit.readers import read_path


def _fail(message: str) -> None:
    click.echo(f"tqkit: {message}", err=True)
    sys.exit(2)


def _side(doc: Document, bead_units: tuple[Unit, ...]) -> dict[str, object] | None:
    if not bead_units:
        return None
    start, end = bead_units[0].segment.span.start, bead_units[-1].segment.span.end
    line, col = doc.position(start)
    return {
        "ids": [u.segment.id for u in bead_units],
        "start": start,
        "end": end,
        "line": line,
        "column": col,
        "text": " ".join(u.text for u in bead_units),
    }


def _json_bead(src: Document, tgt: Document, bead: Bead) -> dict[str, object]:
    return {
        "kind": bead.kind,
        "cost": round(bead.cost, 1),
        "source": _side(src, bead.source),
        "target": _side(tgt, bead.target),
    }


@click.command()
@click.argument("source", type=click.Path())
@click.argument("target", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--level",
    type=click.Choice(["paragraph", "sentence"]),
    default="sentence",
    show_default=True,
    help="Align paragraphs only, or sentences inside aligned paragraphs.",
)
@click.option("--encoding", default=None, help="Encoding of both files (default: UTF-8).")
@click.option("--target-lang", default="en", show_default=True, help="Language of the translation.")
def align(source: str, target: str, fmt: str, level: str, encoding: str | None, target_lang: str) -> None:
    """Align the original SOURCE with its translation TARGET (paragraphs, then sentences; no
    model) and print the pairs, so an editor can see what the source-aware checks compare.

    Bead kinds: 1-1, 2-1 (two source units merged), 1-2 (split), 1-0 (not translated),
    0-1 (added). Exit 2 when a file cannot be read.
    """
    try:
        src = read_path(source, encoding, "und")
        tgt = read_path(target, encoding, target_lang)
    except InputError as exc:
        _fail(str(exc))
        return
    try:
        paras = paragraph_beads(src, tgt)
    except AlignmentError as exc:
        _fail(str(exc))
        return
    beads = paras if level == "paragraph" else [c for p in paras for c in p.children]
    if fmt == "json":
        json.dump(
            {"source": source, "target": target, "level": level, "beads": [_json_bead(src, tgt, b) for b in beads]},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return
    width = 100
    for b in beads:
        sids = "+".join(u.segment.id for u in b.source) or "-"
        tids = "+".join(u.segment.id for u in b.target) or "-"
        click.echo(f"[{b.kind}] {sids} -> {tids}")
        click.echo(f"  < {_cut(b.source_text, width) if b.source else '(nothing in the source)'}")
        click.echo(f"  > {_cut(b.target_text, width) if b.target else '(not translated)'}")
    n = len(beads)
    odd = sum(1 for b in beads if b.kind != "1-1")
    click.echo(f"{n} {level} pair{'s' * (n != 1)}, {odd} not one-to-one")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
