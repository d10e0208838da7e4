"""The glossary lookup dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tqkit.review.lookup import describe, lookup

if TYPE_CHECKING:
    from tqkit.glossary.model import Concept
    from tqkit.glossary.termbase import Glossary


class GlossaryScreen(ModalScreen[None]):
    """Look a word up in the glossaries; results update as you type."""

    BINDINGS = [Binding("escape", "close", "Close")]  # noqa: RUF012

    def __init__(
        self,
        glossary: Glossary | None,
        query: str,
        concept_id: str | None = None,
        target_lang: str = "en",
        unavailable: str | None = None,
    ) -> None:
        super().__init__()
        self.glossary = glossary
        self.query_text = query
        self.concept_id = concept_id
        self.target_lang = target_lang
        self.unavailable = unavailable

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="glossary-box"):
            yield Label("[b]Glossary lookup[/b]", classes="dialog-title")
            yield Input(self.query_text, placeholder="word or phrase", id="glossary-query")
            with VerticalScroll(id="glossary-results"):
                yield Static("", id="glossary-text")
            yield Label("[dim]type to search · escape to close[/dim]")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._show(self.query_text)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._show(event.value)

    def _show(self, query: str) -> None:
        out = self.query_one("#glossary-text", Static)
        if self.unavailable:
            out.update(Content(self.unavailable))
            return
        concepts: list[Concept] = []
        if self.concept_id and query == self.query_text and self.glossary is not None:
            first = self.glossary.get(self.concept_id)
            if first is not None:
                concepts.append(first)
        try:
            found = lookup(self.glossary, query)
        except Exception as exc:  # a broken glossary must not close the editor
            out.update(Content(f"lookup failed: {exc}"))
            return
        concepts.extend(c for c in found if all(c is not x for x in concepts))
        if not query.strip():
            out.update(Content("Type a word or phrase."))
            return
        if not concepts:
            out.update(Content(f"No glossary entry for “{query.strip()}”."))
            return
        parts: list[Content] = []
        for concept in concepts:
            for style, line in describe(concept, self.target_lang):
                css = {"bold": "bold $accent", "muted": "$text-muted"}.get(style, "")
                parts.append(Content.styled(line, css) if css else Content(line))
            parts.append(Content(""))
        out.update(Content("\n").join(parts))

    def action_close(self) -> None:
        self.dismiss(None)
