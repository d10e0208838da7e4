"""A question with a few answers, each with a key."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ChoiceScreen(ModalScreen[str | None]):
    """A question with a few answers, each with a key; escape answers ``None``."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, title: str, message: str, choices: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = list(choices)  # (key, label, value)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="choice-box"):
            yield Label(f"[b]{escape(self.title_text)}[/b]", classes="dialog-title")
            yield Static(self.message, markup=False, id="choice-message")
            with Horizontal(id="choice-buttons"):
                for key, label, value in self.choices:
                    yield Button(f"{label} ({key})", id=f"choice-{value}", compact=True)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        for key, _label, value in self.choices:
            if event.key == key or event.character == key:
                event.stop()
                self.dismiss(value)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        self.dismiss(bid.removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)
