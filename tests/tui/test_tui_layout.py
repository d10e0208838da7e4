"""Review-app layout (issue 14 item 9), asserted on the widgets' regions at three sizes: every
suggestion of the current finding is in view, the findings list widens with the terminal, `d`
brings the documentation into view, a notification stays off the suggestions, and the help
text is wrapped once."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui_pilot import ready, walk_to  # type: ignore[import-not-found]
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual.widgets._toast import Toast
from tqkit.tui.app import make_app
from tqkit.tui.screens import HelpScreen
from tui_helpers import run_async

SIZES = [(80, 24), (120, 40), (200, 50)]


@pytest.mark.parametrize("size", SIZES)
@run_async
async def test_layout_at_each_size(article: Path, checker, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ102", "Batkovs")
        await pilot.pause()
        detail = app.query_one("#detail", VerticalScroll)
        text = app.query_one("#detail-text", Static)
        # the detail shows all of its content: nothing scrolled out of view
        assert text.region.height <= detail.scrollable_content_region.height, (text.region, detail.region)
        rendered = str(text.render())
        for title in ("big shots", "heavies", "tough guys"):
            assert title in rendered
        findings = app.query_one("#findings")
        assert findings.region.width >= 28
        if size[0] >= 200:
            assert findings.region.width >= 45  # not 28 columns beside 170 of prose
        # a notification does not cover the detail
        app.say("Dismissed TQ303 (u undoes)")
        await pilot.pause()
        await pilot.pause(0.1)
        toasts = list(app.screen.query(Toast))
        assert toasts
        for toast in toasts:
            assert not toast.region.overlaps(detail.region), (toast.region, detail.region)


@run_async
async def test_d_shows_the_documentation_in_view(article: Path, checker) -> None:  # type: ignore[no-untyped-def]
    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ303", "theirs own")
        before = app.query_one("#detail", VerticalScroll).region.height
        await pilot.press("d")
        await pilot.pause()
        detail = app.query_one("#detail", VerticalScroll)
        assert detail.region.height > before  # the panel grows
        rendered = str(app.query_one("#detail-text", Static).render())
        assert "Rule documentation" in rendered and "What it does." in rendered
        assert "**" not in rendered  # plain text, not Markdown


@run_async
async def test_help_text_is_wrapped_once(article: Path, checker) -> None:  # type: ignore[no-untyped-def]
    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        notes = str(app.screen.query_one("#help-notes", Static).render())
        for paragraph in notes.split("\n\n"):
            assert "\n" not in paragraph.strip(), "a paragraph with hard line breaks wraps twice"


@run_async
async def test_palette_has_one_theme_command(article: Path, checker) -> None:  # type: ignore[no-untyped-def]
    from tqkit.tui.commands import ReviewCommands

    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        system = [c.title for c in app.get_system_commands(app.screen)]
        own = [title for _, title, _ in ReviewCommands(app.screen)._actions()]
        themes = [t for t in system + own if "theme" in t.lower()]
        assert themes == ["Switch light / dark theme"], themes


@run_async
async def test_undo_of_a_dismissal_selects_it_and_leaves_no_empty_sidecar(article: Path, checker) -> None:  # type: ignore[no-untyped-def]
    from tqkit.review.dismissals import sidecar_path

    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ303", "theirs own")
        await pilot.press("x")
        await pilot.pause()
        assert sidecar_path(article).exists()
        assert app.current is None or app.current.finding.rule != "TQ303"
        await pilot.press("u")
        await pilot.pause()
        assert app.current is not None and app.current.finding.rule == "TQ303"
        assert not sidecar_path(article).exists(), "an empty sidecar is left behind"


def test_edit_context_is_cut_at_word_boundaries() -> None:
    from tqkit.review.excerpts import edit_context

    text = (
        "Officials in the capital said that their logic is based on theirs own interests and "
        "nothing else at all, the spokesman added on Tuesday.\n"
    )
    s = text.index("theirs own")
    ctx = edit_context(text, s, s + len("theirs own"))
    assert ctx.startswith("…said that their logic is based on ⟦theirs own⟧ interests and")
    assert ctx.endswith("…") and len(ctx) <= 10 + 2 * 40 + 4
    before, after = ctx.split("⟦")[0], ctx.split("⟧")[1]
    for word in before.strip("…").split() + after.strip("…").split():
        assert word in text.split(), f"{word!r} is cut"
    assert edit_context("ab cd", 3, 5) == "ab ⟦cd⟧"
