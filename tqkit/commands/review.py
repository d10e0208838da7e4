"""``tqkit review FILE``: the interactive review app (Textual is imported only here, lazily)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--source",
    type=click.Path(dir_okay=False),
    default=None,
    help="The original-language article: shows the aligned source paragraph, with the "
    "sentence(s) aligned to the current finding's sentence marked.",
)
@click.option(
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(),
    help="Glossary file or directory (repeatable); default: the bundled glossaries.",
)
@click.option("--encoding", default=None, help="Encoding of the article (default: UTF-8, BOM allowed).")
@click.option("--target-lang", default="en", show_default=True, help="Language of the article.")
@click.option(
    "--theme",
    type=click.Choice(["dark", "light"]),
    default="dark",
    show_default=True,
    help="Colour theme (switch at any time from the command palette, ctrl+p).",
)
def review(
    path: str, source: str | None, glossaries: tuple[str, ...], encoding: str | None, target_lang: str, theme: str
) -> None:
    """Review one translated article in the terminal: walk through the findings, accept, edit or
    dismiss them, and save (atomically, keeping FILE.bak of the original).

    Dismissals are remembered in .FILE.tqkit-review.json next to the article.
    Press ? in the app for every key.
    """
    from tqkit.errors import InputError, ResourceError

    for p in (path, source):
        if p is not None and not Path(p).is_file():
            click.echo(f"tqkit: {p}: no such file", err=True)
            sys.exit(2)
    for g in glossaries:
        if not Path(g).exists():
            click.echo(f"tqkit: {g}: glossary not found", err=True)
            sys.exit(2)
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        click.echo(f"tqkit: {path}: review needs an interactive terminal (use `tqkit check` in scripts)", err=True)
        sys.exit(2)
    try:
        from tqkit.tui.app import make_app

        app = make_app(path, source, glossaries or None, encoding=encoding, target_lang=target_lang, theme=theme)
    except (InputError, ResourceError) as exc:
        click.echo(f"tqkit: {exc}", err=True)
        sys.exit(2)
    app.run()
