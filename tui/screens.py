"""Modal screens of the review app: help, confirmations, edit, save-as, filter, glossary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from tqkit.review.filters import ANY
from tqkit.review.lookup import describe, lookup

from .actions import help_rows

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
            Content.from_markup(f"[bold $accent]{escape(k):>10}[/]  {escape(v)}") if k
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

    def on_key(self, event: Any) -> None:
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



class FilterScreen(ModalScreen[dict[str, Any] | None]):
    """Filter the findings by rule, category and lowest severity; group them; show dismissed."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s,ctrl+j", "apply", "Apply")]  # noqa: RUF012

    def __init__(self, current: dict[str, Any], rules: Sequence[str], categories: Sequence[str]) -> None:
        super().__init__()
        self.current = dict(current)
        self.rules = list(rules)
        self.categories = list(categories)

    def compose(self) -> ComposeResult:
        c = self.current
        with Vertical(classes="dialog", id="filter-box"):
            yield Label("[b]Filter findings[/b]", classes="dialog-title")
            with Horizontal(classes="filter-row"):
                yield Label("Rule", classes="filter-label")
                yield Select([("any rule", ANY), *((r, r) for r in self.rules)], value=c.get("rule", ANY),
                             allow_blank=False, id="filter-rule", compact=True)
            with Horizontal(classes="filter-row"):
                yield Label("Category", classes="filter-label")
                yield Select([("any category", ANY), *((x, x) for x in self.categories)],
                             value=c.get("category", ANY), allow_blank=False, id="filter-category", compact=True)
            with Horizontal(classes="filter-row"):
                yield Label("Severity", classes="filter-label")
                yield Select([("info and up", "info"), ("warning and up", "warning"), ("errors only", "error")],
                             value=c.get("severity", "info"), allow_blank=False, id="filter-severity", compact=True)
            with Horizontal(classes="filter-row"):
                yield Label("Group by", classes="filter-label")
                yield Select([("position", "none"), ("rule", "rule"), ("category", "category"),
                              ("severity", "severity")], value=c.get("group", "none"), allow_blank=False,
                             id="filter-group", compact=True)
            yield Checkbox("show dismissed findings", c.get("show_dismissed", False), id="filter-dismissed",
                           compact=True)
            with Horizontal(id="filter-buttons"):
                yield Button("Apply", id="filter-apply", variant="primary", compact=True)
                yield Button("Reset", id="filter-reset", compact=True)
                yield Button("Cancel", id="filter-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#filter-rule", Select).focus()

    def _values(self) -> dict[str, Any]:
        return {
            "rule": self.query_one("#filter-rule", Select).value,
            "category": self.query_one("#filter-category", Select).value,
            "severity": self.query_one("#filter-severity", Select).value,
            "group": self.query_one("#filter-group", Select).value,
            "show_dismissed": self.query_one("#filter-dismissed", Checkbox).value,
        }

    @on(Button.Pressed, "#filter-apply")
    def action_apply(self) -> None:
        self.dismiss(self._values())

    @on(Button.Pressed, "#filter-reset")
    def _reset(self) -> None:
        self.dismiss({"rule": ANY, "category": ANY, "severity": "info", "group": "none", "show_dismissed": False})

    @on(Button.Pressed, "#filter-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class GlossaryScreen(ModalScreen[None]):
    """Look a word up in the glossaries; results update as you type."""

    BINDINGS = [Binding("escape", "close", "Close")]  # noqa: RUF012

    def __init__(self, glossary: Any, query: str, concept_id: str | None = None, target_lang: str = "en",
                 unavailable: str | None = None) -> None:
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
        concepts = []
        if self.concept_id and query == self.query_text and self.glossary is not None:
            getter = getattr(self.glossary, "get", None)
            first = getter(self.concept_id) if callable(getter) else None
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
