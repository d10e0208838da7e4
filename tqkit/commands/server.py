"""``tqkit server``: the language server for editors (LSP over stdio)."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--stdio",
    is_flag=True,
    default=True,
    hidden=True,
    help="Talk LSP over standard input and output (the only transport; accepted for editors that pass it).",
)
def server(stdio: bool) -> None:
    """Run the language server over stdio: live diagnostics, quick fixes and rule docs in any
    editor with an LSP client (VS Code, Neovim, Helix...). See the README for set-up."""
    from tqkit.server.lsp import serve

    serve()
