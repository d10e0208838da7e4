"""The filter dialog: rule, category, lowest severity, grouping, dismissed findings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, Select

from tqkit.review.filters import ANY


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
                yield Select(
                    [("any rule", ANY), *((r, r) for r in self.rules)],
                    value=c.get("rule", ANY),
                    allow_blank=False,
                    id="filter-rule",
                    compact=True,
                )
            with Horizontal(classes="filter-row"):
                yield Label("Category", classes="filter-label")
                yield Select(
                    [("any category", ANY), *((x, x) for x in self.categories)],
                    value=c.get("category", ANY),
                    allow_blank=False,
                    id="filter-category",
                    compact=True,
                )
            with Horizontal(classes="filter-row"):
                yield Label("Severity", classes="filter-label")
                yield Select(
                    [("info and up", "info"), ("warning and up", "warning"), ("errors only", "error")],
                    value=c.get("severity", "info"),
                    allow_blank=False,
                    id="filter-severity",
                    compact=True,
                )
            with Horizontal(classes="filter-row"):
                yield Label("Group by", classes="filter-label")
                yield Select(
                    [("position", "none"), ("rule", "rule"), ("category", "category"), ("severity", "severity")],
                    value=c.get("group", "none"),
                    allow_blank=False,
                    id="filter-group",
                    compact=True,
                )
            yield Checkbox(
                "show dismissed findings", c.get("show_dismissed", False), id="filter-dismissed", compact=True
            )
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
