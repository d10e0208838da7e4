"""Pilot tests of ``tqkit review``: the editor's whole flow, driven by keys."""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from tqkit.tui.actions import ACTIONS
from tqkit.tui.app import ReviewApp, make_app
from tqkit.tui.screens import ChoiceScreen, HelpScreen, InputScreen
from tui_helpers import run_async

from tqkit.review.dismissals import sidecar_path


async def ready(app: ReviewApp, pilot: Pilot[None]) -> None:
    await app.wait_for_checks()
    await pilot.pause()


async def walk_to(app: ReviewApp, pilot: Pilot[None], rule: str, text: str) -> None:
    for _ in range(40):
        cur = app.current
        if cur is not None and cur.finding.rule == rule and app.session.span_text(cur) == text:
            return
        await pilot.press("n")
    raise AssertionError(
        f"no {rule} finding on {text!r}: {[(i.finding.rule, app.session.span_text(i)) for i in app.shown]}"
    )


@run_async
async def test_accept_undo_redo_save_with_real_rules(article: Path) -> None:
    original = article.read_bytes()
    expected = original.decode("utf-8").replace("based on theirs own", "based on their own").encode("utf-8")
    assert expected != original
    app = make_app(article, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        rules = {(i.finding.rule, app.session.span_text(i)) for i in app.shown}
        assert ("TQ303", "theirs own") in rules
        assert ("TQ102", "Batkovs") in rules
        await walk_to(app, pilot, "TQ303", "theirs own")
        await pilot.press("a")
        assert "based on their own" in app.session.text
        assert app.session.dirty
        await ready(app, pilot)
        assert not any(i.finding.rule == "TQ303" for i in app.shown)
        await pilot.press("u")
        assert app.session.text.encode("utf-8") == original
        await ready(app, pilot)
        assert any(i.finding.rule == "TQ303" for i in app.shown)
        await pilot.press("ctrl+r")
        assert app.session.text.encode("utf-8") == expected
        await ready(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert article.read_bytes() == expected
        assert Path(str(article) + ".bak").read_bytes() == original
        assert not app.session.dirty
        await pilot.press("q")
        await pilot.pause()
    assert article.read_bytes() == expected


@run_async
async def test_enter_accepts_and_number_picks_a_suggestion(article: Path, checker) -> None:
    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ102", "Batkovs")
        await pilot.press("3")
        assert "the big tough guys will" in app.session.text
        await ready(app, pilot)
        await pilot.press("u")
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ303", "theirs own")
        await pilot.press("enter")
        assert "based on their own" in app.session.text


@run_async
async def test_dismiss_is_remembered_across_sessions(article: Path) -> None:
    app = make_app(article, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ303", "theirs own")
        await pilot.press("x")
        await pilot.pause()
        assert not any(i.finding.rule == "TQ303" for i in app.shown)
        assert not app.session.dirty  # a dismissal does not touch the article
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None
    assert sidecar_path(article).exists()

    again = make_app(article, poll_seconds=0)
    async with again.run_test(size=(80, 24)) as pilot:
        await ready(again, pilot)
        assert not any(i.finding.rule == "TQ303" for i in again.shown)
        assert any(i.finding.rule == "TQ303" and i.dismissed for i in again.session.items)
        # the filter can show dismissed findings again
        again.filters.show_dismissed = True
        again.rebuild_list()
        assert any(i.finding.rule == "TQ303" for i in again.shown)


@run_async
async def test_undo_brings_a_dismissed_finding_back(article: Path, checker) -> None:
    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ303", "theirs own")
        await pilot.press("x")
        assert not any(i.finding.rule == "TQ303" for i in app.shown)
        await pilot.press("u")
        await pilot.pause()
        assert any(i.finding.rule == "TQ303" for i in app.shown)
        assert app.session.dismissals.items == []


@run_async
async def test_external_change_is_detected(article: Path, checker) -> None:
    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ303", "theirs own")
        await pilot.press("a")
        outside = "Rewritten by someone else.\n"
        article.write_text(outside, encoding="utf-8")
        st = os.stat(article)
        os.utime(article, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
        app.poll_disk()  # what the interval timer calls
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "changed on disk" in app.screen.message
        await pilot.press("escape")
        # saving over the outside change is refused and asks again
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert article.read_text(encoding="utf-8") == outside
        await pilot.press("r")  # reload
        await ready(app, pilot)
        assert app.session.text == outside
        assert not app.session.dirty


@run_async
async def test_external_change_overwrite(article: Path, checker) -> None:
    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ303", "theirs own")
        await pilot.press("a")
        article.write_text("Outside.\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("o")
        await pilot.pause()
        assert "based on their own" in article.read_text(encoding="utf-8")


@run_async
async def test_quit_asks_when_unsaved(article: Path, checker) -> None:
    original = article.read_bytes()
    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ303", "theirs own")
        await pilot.press("a")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ChoiceScreen)
        await pilot.press("q", "d")
        await pilot.pause()
    assert article.read_bytes() == original


@run_async
async def test_edit_in_place_and_accept_all(article: Path, checker) -> None:
    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ102", "Batkovs")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, InputScreen)
        inp = app.screen.query_one("Input")
        assert inp.value == "Batkovs"  # type: ignore[attr-defined]
        inp.value = "powers"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert "none of the big powers will" in app.session.text
        await ready(app, pilot)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("y")
        await pilot.pause()
        assert "based on their own" in app.session.text
        assert "strategic heights" in app.session.text  # unsafe fixes are left alone
        await pilot.press("u")
        assert "theirs own" in app.session.text
        await pilot.press("u")
        assert "big Batkovs" in app.session.text


@run_async
async def test_help_filter_glossary_and_palette(article: Path, checker) -> None:
    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        # filter: errors only
        app.filters.severity = "error"
        app.rebuild_list()
        assert {i.finding.rule for i in app.shown} == {"TQ102"}
        app.filters.severity = "info"
        app.filters.group = "rule"
        app.rebuild_list()
        assert [i.finding.rule for i in app.shown] == sorted(i.finding.rule for i in app.shown)
        await pilot.press("f")
        await pilot.pause()
        assert type(app.screen).__name__ == "FilterScreen"
        await pilot.press("escape")
        await walk_to(app, pilot, "TQ303", "theirs own")
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "GlossaryScreen"
        await pilot.press("escape")
        await pilot.pause()
        # the command palette reaches actions that have no footer key
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Accept all safe")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("n")


def test_every_action_is_reachable() -> None:
    for row in ACTIONS:
        owner = ReviewApp if row.bind else App
        assert callable(getattr(owner, f"action_{row.name}", None)), row.action
    keys = {b.key: b.action for b in ReviewApp.BINDINGS}  # type: ignore[union-attr]
    for key, action in {
        "n": "next_finding",
        "p": "prev_finding",
        "j": "next_finding",
        "k": "prev_finding",
        "enter": "accept",
        "a": "accept",
        "e": "edit",
        "x": "dismiss_finding",
        "u": "undo",
        "ctrl+r": "redo",
        "A": "accept_all",
        "g": "glossary",
        "f": "filter",
        "question_mark": "help",
        "ctrl+s": "save",
        "q": "request_quit",
        "1": "pick(1)",
        "9": "pick(9)",
    }.items():
        assert keys.get(key) == action, key


@run_async
async def test_save_of_an_unencodable_character_reports_and_keeps_the_edits(tmp_path: Path, checker) -> None:
    path = tmp_path / "story.txt"
    original = "Their logic is based on theirs own interests.\r\n".encode("cp1251")
    path.write_bytes(original)
    app = make_app(path, encoding="cp1251", checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ303", "theirs own")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("Input").value = "their own ü"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
        assert "has no cp1251 encoding" in app.last_message
        assert app.session.dirty and "their own ü" in app.session.text
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("s")  # save and quit: the save fails, so the app stays open
        await pilot.pause()
        assert app.is_running
        assert path.read_bytes() == original
        await pilot.press("q", "d")
        await pilot.pause()


@run_async
async def test_save_as_over_another_file_asks_first(article: Path, checker) -> None:
    other = article.with_name("other.txt")
    other.write_text("Someone else's article.\n", encoding="utf-8")
    app = make_app(article, checker=checker, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "TQ303", "theirs own")
        await pilot.press("a")
        app.action_save_as()
        await pilot.pause()
        assert isinstance(app.screen, InputScreen)
        app.screen.query_one("Input").value = str(other)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "already exists" in app.screen.message
        await pilot.press("n")
        await pilot.pause()
        assert other.read_text(encoding="utf-8") == "Someone else's article.\n"
        assert app.session.path == str(article) and app.session.dirty
        app.action_save_as()
        await pilot.pause()
        app.screen.query_one("Input").value = str(other)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "based on their own" in other.read_text(encoding="utf-8")
        assert app.session.path == str(other) and not app.session.dirty
