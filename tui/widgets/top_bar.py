"""The line at the top: file name, unsaved mark, counts by severity, position, state."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from tqkit.findings import Severity
from tqkit.review.session import Item, ReviewSession

from .styles import SEVERITY_STYLE

NAME_WIDTH = 28


def _position(shown: Sequence[Item], current: Item | None) -> str:
    if current is not None and current in shown:
        return f"{shown.index(current) + 1}/{len(shown)}"
    return f"–/{len(shown)}" if shown else ""


class TopBar(Static):
    def show(
        self, session: ReviewSession, shown: Sequence[Item], current: Item | None, *, filtered: bool, checking: bool
    ) -> None:
        visible = session.visible()
        counts = {sev: sum(1 for i in visible if i.finding.severity == sev) for sev in Severity}
        name = Path(session.path).name
        if len(name) > NAME_WIDTH:
            name = "…" + name[-(NAME_WIDTH - 1) :]
        dismissed = sum(1 for i in session.items if i.dismissed)
        state = "checking…" if (checking or session.stale) else ""
        parts: list[Content | tuple[str, str] | str] = [
            (" tqkit review ", "bold reverse"),
            " ",
            (name, "bold"),
            ("  [+]" if session.dirty else "", "bold $warning"),
            "  ",
        ]
        for n, sev in enumerate((Severity.ERROR, Severity.WARNING, Severity.INFO)):
            if n:
                parts.append(" ")
            parts.append((f"{counts[sev]}{sev.label[0].upper()}", f"bold {SEVERITY_STYLE[sev]}"))
        parts += [
            (f"  {dismissed} dismissed" if dismissed else "", "$text-muted"),
            ("  filtered" if filtered else "", "$accent"),
            f"  {_position(shown, current)}",
            (f"  {state}" if state else "", "italic $text-muted"),
        ]
        self.update(Content.assemble(*parts))
