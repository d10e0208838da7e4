"""The help screen: every key (from the actions table) and how dismissals and saving work."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..actions import help_rows

HELP_NOTES = """\
Dismissed findings are remembered in a sidecar file next to the article,
.ARTICLE.tqkit-review.json (e.g. .story.txt.tqkit-review.json). Each entry keeps
the rule, the text it flagged and a little context on each side, so it stays
dismissed when other parts of the article change. Undo (u) brings a dismissed
finding back. Delete the sidecar to forget every dismissal.

Saving is atomic (a temporary file renamed over the article) and goes through
the file's reader, so encoding, BOM and line endings are kept. The first save
keeps the original as ARTICLE.bak. If the file changes on disk while you work,
you are asked whether to reload, overwrite or save under another name.

Checks re-run in the background after every change; until they finish, the
old findings are moved with the text and a fix is refused if its text changed."""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape,question_mark,q", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        keys = Content("\n").join(
            Content.from_markup(f"[bold $accent]{escape(k):>10}[/]  {escape(v)}")
            if k
            else Content.styled(v, "bold underline")
            for k, v in help_rows()
        )
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Label("[b]tqkit review — keys[/b]", classes="dialog-title")
            yield Static(keys, id="help-keys")
            # one paragraph per line: the dialog wraps it once, to its own width
            notes = "\n\n".join(" ".join(par.split()) for par in HELP_NOTES.split("\n\n"))
            yield Static(notes, id="help-notes", markup=False)
            yield Label("[dim]escape or ? to close[/dim]")

    def action_close(self) -> None:
        self.dismiss(None)
