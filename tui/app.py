"""``tqkit review``: walk an editor through the findings of one article, keyboard only.

:func:`make_app` builds the app for the command line, the tests and the snapshots alike. The
app drives the review core (:mod:`tqkit.review`); its keys, palette and help come from one
table (``tui/actions.py``)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList

from tqkit.review.session import Checker, ReviewSession

from .actions import ACTION_NAMES, bindings
from .commands import ReviewCommands
from .editing import EditingActions
from .saving import SavingActions
from .widgets import DetailPane, DocumentView, FindingList, SourcePane, TopBar


class ReviewApp(EditingActions, SavingActions):
    CSS_PATH = "review.tcss"
    TITLE = "tqkit review"
    COMMANDS = App.COMMANDS | {ReviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = bindings()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's system commands, less its theme picker: the palette offers one theme
        command, the app's own light/dark switch."""
        for command in super().get_system_commands(screen):
            if command.title != "Theme":
                yield command

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield DocumentView(id="document")
                if self.session.source_doc is not None:
                    yield SourcePane(id="source-pane")
            yield FindingList(id="findings")
        yield DetailPane(id="detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.call_after_refresh(self._painted)
        doc = self.query_one(DocumentView)
        doc.set_text(self.session.text)
        doc.focus()
        self.refresh_all()
        self.request_check()
        if self.session.dismissals.error:
            self.notify(self.session.dismissals.error, severity="warning")
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.poll_disk)

    def _painted(self) -> None:
        if self.first_paint_at is None:
            self.first_paint_at = time.perf_counter()

    def on_resize(self) -> None:
        # the current finding stays in view, and the detail fits the new size
        self.call_after_refresh(self.refresh_all)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The review's own keys do nothing while a dialog is open."""
        return not (isinstance(self.screen, ModalScreen) and action in ACTION_NAMES)

    # -- mouse -------------------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """A click on the list selects that finding (keys never go through the list)."""
        item = self.query_one(FindingList).item_for(event.option.id)
        if item is not None and item in self.shown and item is not self.current:
            self.current = item
            self.refresh_all()


def make_app(
    path: str | Path,
    source: str | Path | None = None,
    glossaries: Sequence[str | Path] | None = None,
    *,
    encoding: str | None = None,
    target_lang: str = "en",
    theme: str = "dark",
    checker: Checker | None = None,
    poll_seconds: float = 2.0,
) -> ReviewApp:
    """The review app for one article: the CLI, the tests and the snapshots all build it here.

    ``checker`` replaces the configured engine (tests use it for fixed findings); ``poll_seconds``
    is how often the file is checked for outside changes (0 turns polling off).
    """
    session = ReviewSession(
        str(path),
        str(source) if source else None,
        tuple(str(g) for g in glossaries or ()),
        encoding,
        target_lang,
        checker,
    )
    return ReviewApp(session, theme=theme, poll_seconds=poll_seconds)
