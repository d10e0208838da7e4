"""One table of review actions builds the bindings, the palette, the help screen and the README
key table; nothing else lists keys."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from tqkit.tui.actions import (
    ACTION_NAMES,
    ACTIONS,
    GROUPS,
    help_rows,
    palette_entries,
    readme_table,
)
from tqkit.tui.app import ReviewApp

README = Path(__file__).resolve().parents[2] / "README.md"
TABLE = re.compile(r"^\| key \| action \|\n(?:\|.*\|\n)+", re.M)


def test_readme_key_table_is_the_actions_table() -> None:
    found = TABLE.findall(README.read_text(encoding="utf-8"))
    assert len(found) == 1, "README.md: one key table under `tqkit review`"
    expected = readme_table()
    assert found[0] == expected, f"README.md key table is stale; replace it with:\n\n{expected}"


def test_bindings_come_from_the_table() -> None:
    bound = [(b.key, b.action) for b in ReviewApp.BINDINGS if isinstance(b, Binding)]
    assert len(bound) == len(ReviewApp.BINDINGS)
    assert bound == [pair for row in ACTIONS for pair in row.bound()]
    keys = dict(bound)
    assert keys["n"] == keys["j"] == "next_finding"
    assert keys["1"] == "pick(1)" and keys["9"] == "pick(9)"
    assert len(keys) == len(bound), "a key is bound twice"
    footer = [b.key for b in ReviewApp.BINDINGS if isinstance(b, Binding) and b.show]
    assert footer == ["n", "p", "a", "e", "x", "u", "f", "question_mark", "ctrl+s", "q"]


def test_every_action_runs_and_every_row_is_listed() -> None:
    for row in ACTIONS:
        owner = ReviewApp if row.bind else App
        assert callable(getattr(owner, f"action_{row.name}", None)), row.action
        assert row.group in GROUPS, row
        assert row.keys or row.title, f"{row.action}: no key and not in the palette"
    assert "command_palette" not in ACTION_NAMES  # Textual's own key, listed for people
    listed = [desc for key, desc in help_rows() if key]
    assert listed == [row.description for title in GROUPS.values() for row in ACTIONS if GROUPS[row.group] == title]


def test_palette_offers_every_titled_action() -> None:
    entries = palette_entries()
    titles = [t for _, t, _ in entries]
    assert len(titles) == len(set(titles))
    assert ("pick(2)", "Accept suggestion 2", "2") in entries
    assert {"save_as", "reload", "toggle_theme"} <= {a for a, _, _ in entries}
    assert all(a.split("(")[0] in ACTION_NAMES for a, _, _ in entries)
