"""What the commands share, declared once: the options more than one command takes (the rule
selection, ``--glossary``, ``--target-lang``, ``--encoding``, ``--config``, ``--jobs``,
``--no-color``), their checks, and the one-line error that ends a command with exit 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from tqkit.errors import UnknownLanguage
from tqkit.profiles import check_language
from tqkit.registry import validate_selectors
from tqkit.text.escape import escape_controls

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on standard error (file content in it shown escaped), then exit ``code``."""
    click.echo(f"tqkit: {escape_controls(message)}", err=True)
    sys.exit(code)


def _options(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Several options as one decorator, listed in ``--help`` in the order given."""

    def apply(fn: F) -> F:
        for decorate in reversed(decorators):
            fn = decorate(fn)
        return fn

    return apply


# -- rule selection ---------------------------------------------------------------------------

selection_options = _options(
    click.option(
        "--select", multiple=True, help="Rule codes, prefixes (TQ2) or names to run; comma-separated or repeated."
    ),
    click.option("--extend-select", multiple=True, help="Add rules to the selection (e.g. opt-in TQ501)."),
    click.option("--ignore", multiple=True, help="Rule codes, prefixes or names to skip."),
)


def split_values(values: tuple[str, ...]) -> tuple[str, ...]:
    """A repeated option whose values may also be comma-separated, as one tuple."""
    return tuple(v.strip() for raw in values for v in raw.split(",") if v.strip())


def selectors(
    select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``--select``, ``--extend-select`` and ``--ignore`` split on commas and checked (an unknown
    rule ends the command)."""
    sel, ext, ign = split_values(select), split_values(extend_select), split_values(ignore)
    try:
        validate_selectors(sel + ext + ign)
    except ValueError as exc:
        fail(str(exc))
    return sel, ext, ign


# -- what is read -------------------------------------------------------------------------------

glossary_option = click.option(
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(),
    help="Glossary file or directory (repeatable); default: the bundled glossaries.",
)


def checked_target_lang(value: str | None) -> str | None:
    """``--target-lang``: a real language code, or a one-line error naming the known ones."""
    if value is None:
        return None
    try:
        return check_language(value)
    except UnknownLanguage as exc:
        fail(f"--target-lang: {exc}")  # one line and exit 2, no usage block


def target_lang_option(
    help: str = "Language of the checked text (en, de, bg ...) [default: auto, detected per file].",
) -> Callable[[F], F]:
    """``--target-lang``, checked (``None`` when not given: the configuration decides)."""
    return click.option("--target-lang", default=None, callback=lambda _c, _p, v: checked_target_lang(v), help=help)


def encoding_option(help: str = "Encoding of the input files (default: UTF-8, BOM allowed).") -> Callable[[F], F]:
    return click.option("--encoding", default=None, help=help)


config_option = click.option(
    "--config", type=click.Path(), default=None, help="Use this config file instead of searching."
)

# -- how it runs and shows ------------------------------------------------------------------------


def jobs_option(default: int | None, help: str) -> Callable[[F], F]:
    return click.option(
        "--jobs", "-j", type=click.IntRange(1, 256), default=default, show_default=default is not None, help=help
    )


no_color_option = click.option("--no-color", is_flag=True, help="Never use colour.")
