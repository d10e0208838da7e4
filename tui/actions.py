"""The one table of review actions: each row's keys, action, description and group build the
key bindings, the footer, the command palette, the help screen and the README key table
(``tests/tui/test_tui_actions.py`` fails when the README is stale and prints the table).

To add an action: write ``action_NAME`` on the app (``tui/editing.py`` or ``tui/saving.py``)
and add a row here; the key then works, shows in help, the palette and (after pasting the
printed table) the README."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual.binding import Binding, BindingType

GROUPS: dict[str, str] = {
    "move": "Moving",
    "fix": "Fixing",
    "look": "Looking things up",
    "file": "The file",
}

# how keys are written for people (Textual's names otherwise)
KEY_LABELS = {"question_mark": "?"}

PALETTE_KEY = "ctrl+p"


@dataclass(frozen=True)
class ReviewAction:
    """One row of the table.

    ``keys`` are Textual key names (none: the action is in the command palette only). A
    ``numbered`` action takes the key's digit: ``pick`` bound to ``1``..``9`` runs ``pick(1)``..
    ``pick(9)``, and the palette offers the first ``numbered`` of them. ``footer`` is the label
    in the footer (shown on ``footer_key``, the first key by default); ``title`` is the entry in
    the command palette (none: not offered there).
    """

    keys: tuple[str, ...]
    action: str
    description: str
    group: str
    title: str = ""
    footer: str = ""
    footer_key: str = ""
    numbered: int = 0
    bind: bool = True  # False: a key Textual binds itself (the palette), listed for people

    @property
    def name(self) -> str:
        """The method name without ``action_`` and arguments."""
        return self.action.split("(")[0]

    @property
    def key_label(self) -> str:
        if not self.keys:
            return "palette"
        if self.numbered:
            return f"{self.keys[0]}-{self.keys[-1]}"
        return " / ".join(KEY_LABELS.get(k, k) for k in self.keys)

    def bound(self) -> Iterator[tuple[str, str]]:
        """``(key, action)`` of every binding of the row."""
        if not self.bind:
            return
        for key in self.keys:
            yield key, f"{self.action}({key})" if self.numbered else self.action


ACTIONS: tuple[ReviewAction, ...] = (
    ReviewAction(("n", "j"), "next_finding", "next finding", "move", "Next finding", "Next"),
    ReviewAction(("p", "k"), "prev_finding", "previous finding", "move", "Previous finding", "Prev"),
    ReviewAction(
        ("enter", "a"),
        "accept",
        "accept the preferred (first) fix",
        "fix",
        "Accept the preferred fix",
        "Accept",
        footer_key="a",
    ),
    ReviewAction(tuple("123456789"), "pick", "accept suggestion N", "fix", "Accept suggestion", numbered=3),
    ReviewAction(("e",), "edit", "edit the finding's text in place", "fix", "Edit the finding's text", "Edit"),
    ReviewAction(
        ("x",),
        "dismiss_finding",
        "dismiss the finding (remembered, see below)",
        "fix",
        "Dismiss the finding",
        "Dismiss",
    ),
    ReviewAction(("u",), "undo", "undo the last change (brings a dismissed finding back)", "fix", "Undo", "Undo"),
    ReviewAction(("ctrl+r",), "redo", "redo", "fix", "Redo"),
    ReviewAction(("A",), "accept_all", "accept every safe fix (asks first)", "fix", "Accept all safe fixes"),
    ReviewAction(("g",), "glossary", "glossary lookup (the finding's text, or type a word)", "look", "Glossary lookup"),
    ReviewAction(
        ("f",), "filter", "filter, group, or show dismissed findings", "move", "Filter and group findings", "Filter"
    ),
    ReviewAction(
        ("d",), "toggle_docs", "show or hide the rule's documentation", "look", "Show or hide the rule documentation"
    ),
    ReviewAction((PALETTE_KEY,), "command_palette", "command palette: every action by name", "look", bind=False),
    ReviewAction((), "toggle_theme", "switch light / dark theme", "look", "Switch light / dark theme"),
    ReviewAction(("question_mark",), "help", "help (this list of keys)", "look", "Help", "Help"),
    ReviewAction(("ctrl+s",), "save", "save", "file", "Save", "Save"),
    ReviewAction((), "save_as", "save under another name", "file", "Save as…"),
    ReviewAction((), "reload", "reload from disk (drops unsaved changes)", "file", "Reload from disk"),
    ReviewAction(("q",), "request_quit", "quit (asks when there are unsaved changes)", "file", "Quit", "Quit"),
)

# the app's own actions: blocked while a dialog is open
ACTION_NAMES = frozenset(a.name for a in ACTIONS if a.bind)


def bindings() -> list[BindingType]:
    """The app's key bindings, in table order (the footer shows them in this order)."""
    out: list[BindingType] = []
    for row in ACTIONS:
        shown_on = row.footer_key or (row.keys[0] if row.keys else "")
        for key, action in row.bound():
            label = row.footer or row.title
            if row.numbered:
                label = f"Suggestion {key}"
            out.append(Binding(key, action, label, show=bool(row.footer) and key == shown_on))
    return out


def palette_entries() -> list[tuple[str, str, str]]:
    """``(action, title, keys)`` of every command-palette entry."""
    out: list[tuple[str, str, str]] = []
    for row in ACTIONS:
        if not row.title:
            continue
        if row.numbered:
            out.extend(
                (f"{row.action}({row.keys[n]})", f"{row.title} {row.keys[n]}", row.keys[n]) for n in range(row.numbered)
            )
        else:
            out.append((row.action, row.title, ", ".join(KEY_LABELS.get(k, k) for k in row.keys)))
    return out


def by_group() -> list[tuple[str, list[ReviewAction]]]:
    """The rows under their group headings, groups in :data:`GROUPS` order."""
    return [(title, [a for a in ACTIONS if a.group == group]) for group, title in GROUPS.items()]


def help_rows() -> list[tuple[str, str]]:
    """``(key, description)`` lines of the help screen; a heading has the key ``""``."""
    out: list[tuple[str, str]] = []
    for title, rows in by_group():
        out.append(("", title))
        out.extend((row.key_label, row.description) for row in rows)
    return out


def readme_table() -> str:
    """The README's key table (Markdown)."""
    lines = ["| key | action |", "|---|---|"]
    for title, rows in by_group():
        lines.append(f"| **{title}** | |")
        for row in rows:
            keys = (
                (
                    " / ".join(f"`{KEY_LABELS.get(k, k)}`" for k in row.keys)
                    if not row.numbered
                    else f"`{row.keys[0]}`-`{row.keys[-1]}`"
                )
                if row.keys
                else "command palette"
            )
            lines.append(f"| {keys} | {row.description} |")
    return "\n".join(lines) + "\n"
