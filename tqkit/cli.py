"""Command line: thin. Parse arguments, call the engine, pick an emitter, set the exit code.

Sub-commands live in ``tqkit/commands/`` and are imported only when used, so ``tqkit check``
never pays for the glossary editor, the metrics or the Textual app.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it (or problems found
by a linting command); 2 usage or input error.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from tqkit import __version__

# name -> "module:attribute" of a click command
COMMANDS: dict[str, str] = {
    "check": "tqkit.commands.check:check",
    "rules": "tqkit.commands.rules:rules",
    "rule": "tqkit.commands.rules:rule",
    "glossary": "tqkit.commands.glossary:glossary",
    "review": "tqkit.commands.review:review",
    "score": "tqkit.commands.score:score",
    "langs": "tqkit.commands.score:langs",
    "models": "tqkit.commands.mt:models",
    "roundtrip": "tqkit.commands.mt:roundtrip",
    "align": "tqkit.commands.align:align",
    "server": "tqkit.commands.server:server",
    "audit": "tqkit.commands.audit:audit",
}


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:  # not built in this checkout
                return None
            raise
        cmd = getattr(mod, attr)
        assert isinstance(cmd, click.Command)
        return cmd


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="tqkit")
def cli() -> None:
    """tqkit: find machine-translation artefacts in translated news copy, check terms against a
    multilingual conflict glossary, and propose fixes."""


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point; usage errors exit 2 (click's convention and ours)."""
    try:
        return cli.main(args=argv, prog_name="tqkit", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo("tqkit: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
