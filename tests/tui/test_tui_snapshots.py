"""Snapshots of the review app (pytest-textual-snapshot): fixed size, fixed findings, no clock.

Regenerate after a deliberate change of the screen with
``pytest tests/tui/test_tui_snapshots.py --snapshot-update`` and review the SVGs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tqkit.tui.app import ReviewApp, make_app


async def _ready(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, ReviewApp)
    await app.wait_for_checks()
    await pilot.pause()


def _walk(rule: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, ReviewApp)
        await _ready(pilot)
        for _ in range(20):
            if app.current is not None and app.current.finding.rule == rule:
                break
            await pilot.press("n")
        await pilot.pause()

    return run


def test_main_screen(snap_compare: Any, article: Path, checker: Any) -> None:
    app = make_app(article, checker=checker, poll_seconds=0)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_walk("TQ303"))


def test_main_screen_light(snap_compare: Any, article: Path, checker: Any) -> None:
    app = make_app(article, checker=checker, poll_seconds=0, theme="light")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_walk("TQ303"))


def test_detail_with_several_suggestions(snap_compare: Any, article: Path, checker: Any) -> None:
    app = make_app(article, checker=checker, poll_seconds=0)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_walk("TQ102"))


def test_source_pane(snap_compare: Any, short_pair: tuple[Path, Path], checker: Any) -> None:
    """“theirs own” is in the second sentence of paragraph 2: the source pane shows source
    paragraph 2 with its second sentence (the aligned one) in reverse video."""
    tgt, src = short_pair
    app = make_app(tgt, source=src, checker=checker, poll_seconds=0)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_walk("TQ303"))


def test_help(snap_compare: Any, article: Path, checker: Any) -> None:
    app = make_app(article, checker=checker, poll_seconds=0)

    async def run(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run)


# Issue 14 item 9: every suggestion of the current finding shows at each size, the findings
# list widens with the terminal, `d` shows the rule documentation, and a notification does
# not cover the suggestions.

SIZES = [(80, 24), (120, 40), (200, 50)]


def _size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", SIZES, ids=_size_id)
def test_every_suggestion_at_each_size(snap_compare: Any, article: Path, checker: Any, size: tuple[int, int]) -> None:
    app = make_app(article, checker=checker, poll_seconds=0)
    assert snap_compare(app, terminal_size=size, run_before=_walk("TQ102"))


@pytest.mark.parametrize("size", SIZES, ids=_size_id)
def test_rule_documentation_after_d(snap_compare: Any, article: Path, checker: Any, size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await _walk("TQ303")(pilot)
        await pilot.press("d")
        await pilot.pause()

    app = make_app(article, checker=checker, poll_seconds=0)
    assert snap_compare(app, terminal_size=size, run_before=run)


def test_notification_does_not_cover_the_suggestions(snap_compare: Any, article: Path, checker: Any) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await _walk("TQ102")(pilot)
        app = pilot.app
        assert isinstance(app, ReviewApp)
        app.say("Dismissed TQ303 (u undoes)")
        await pilot.pause()

    app = make_app(article, checker=checker, poll_seconds=0)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run)
