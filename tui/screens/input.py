"""One line of input (edit a finding's text, save as)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class InputScreen(ModalScreen[str | None]):
    """One line of input, pre-filled: enter submits, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, title: str, value: str, context: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.context = context
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="input-box"):
            yield Label(f"[b]{escape(self.title_text)}[/b]", classes="dialog-title")
            if self.context:
                yield Static(self.context, markup=False, id="input-context")
            yield Input(self.value, placeholder=self.placeholder, id="input-value", select_on_focus=False)
            yield Label("[dim]enter to apply · escape to cancel[/dim]")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
