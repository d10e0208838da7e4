"""The review app's state and views: the session it drives, the findings shown, the current
one, background checking, and the refresh of every widget. The actions build on it
(``tui/editing.py``, ``tui/saving.py``); ``tui/app.py`` puts it together."""

from __future__ import annotations

import asyncio
import time

from textual import work
from textual.app import App
from textual.message import Message
from textual.notifications import SeverityLevel

from tqkit.findings import Finding
from tqkit.review.filters import Filters
from tqkit.review.session import Item, ReviewSession
from tqkit.review.source import SourceAlignment

from .widgets import DetailPane, DocumentView, FindingList, SourcePane, TopBar
from .widgets.detail_pane import COMPACT_HEIGHT, placeholder

THEMES = {"dark": "textual-dark", "light": "textual-light"}


class ChecksDone(Message):
    """The worker's findings (and alignment with the source) for one version of the text."""

    def __init__(
        self,
        generation: int,
        text: str,
        findings: list[Finding],
        error: str | None,
        alignment: SourceAlignment | None = None,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.text = text
        self.findings = findings
        self.error = error
        self.alignment = alignment


class ReviewBase(App[None]):
    def __init__(self, session: ReviewSession, *, theme: str = "dark", poll_seconds: float = 2.0) -> None:
        super().__init__()
        self.session = session
        self.theme = THEMES.get(theme, theme)
        self.filters = Filters()
        self.shown: list[Item] = []
        self.current: Item | None = None
        self.show_docs = False
        self.checking = False
        self.poll_seconds = poll_seconds
        self.last_message = ""
        self.check_error: str | None = None
        self.first_paint_at: float | None = None
        self.checks_done_at: float | None = None

    # -- checking --------------------------------------------------------------------------

    def request_check(self) -> None:
        self.checking = True
        self.update_topbar()
        self._check_worker(self.session.generation, self.session.text)

    @work(thread=True, exclusive=True, group="check")
    def _check_worker(self, generation: int, text: str) -> None:
        """Checks and, with a source, the sentence alignment: once per version of the text,
        off the UI thread."""
        alignment = None
        try:
            findings, alignment = self.session.analyse(text)
            error = None
        except Exception as exc:  # a failing rule must not take the editor down
            findings, error = [], f"checks failed: {exc}"
        self.post_message(ChecksDone(generation, text, findings, error, alignment))

    def on_checks_done(self, message: ChecksDone) -> None:
        if message.generation != self.session.generation:
            return  # a newer check is on its way
        self.check_error = message.error
        if message.error:
            self.notify(message.error, severity="error")
        anchor = self.current.finding.span.start if self.current else None
        key = (self.current.finding.rule, self.current.finding.span) if self.current else None
        if not self.session.set_findings(message.generation, message.text, message.findings, message.alignment):
            return
        self.checking = False
        if self.checks_done_at is None:
            self.checks_done_at = time.perf_counter()
        self.current = None
        self.rebuild_list()
        if key is not None:
            same = [i for i in self.shown if (i.finding.rule, i.finding.span) == key]
            after = [i for i in self.shown if anchor is not None and i.finding.span.start >= anchor]
            pool = same or after or self.shown[-1:]
            self.current = pool[0] if pool else None
        elif self.shown:
            self.current = self.shown[0]
        self.refresh_all(scroll=False)

    async def wait_for_checks(self) -> None:
        """Tests: wait until the findings match the text."""
        while self.session.stale or self.checking:
            await self.workers.wait_for_complete()
            await asyncio.sleep(0.01)

    # -- views -----------------------------------------------------------------------------

    def rebuild_list(self) -> None:
        self.shown = self.filters.arrange(self.session.items)
        if self.current is not None and self.current not in self.shown:
            self.current = None
        self.query_one(FindingList).show(self.shown, self.filters, self.session.text)

    def refresh_all(self, *, scroll: bool = True) -> None:
        docview = self.query_one(DocumentView)
        if docview.text != self.session.text:
            docview.set_text(self.session.text)
        marks = [(i.finding.span, i.finding.severity) for i in self.shown]
        cur = self.current.finding.span if self.current else None
        docview.set_marks(marks, cur)
        if self.current is not None:
            docview.show_offset(self.current.finding.span.start)
            self.query_one(FindingList).highlight_item(self.shown.index(self.current))
        self.update_topbar()
        self.update_detail()
        self.update_source()

    def update_topbar(self) -> None:
        self.query_one(TopBar).show(
            self.session, self.shown, self.current, filtered=self.filters.active, checking=self.checking
        )

    def update_detail(self) -> None:
        pane = self.query_one(DetailPane)
        if self.current is None:
            pane.show_nothing(placeholder(self.session, len(self.shown), self.checking))
            return
        compact = self.size.height < COMPACT_HEIGHT and not self.show_docs
        pane.show(self.session, self.current, compact=compact, docs=self.show_docs)

    def update_source(self) -> None:
        offset = self.current.finding.span.start if self.current else 0
        excerpt = self.session.source_excerpt(offset)
        if excerpt is not None:
            self.query_one(SourcePane).show(excerpt)

    # -- helpers ---------------------------------------------------------------------------

    def say(self, message: str, severity: SeverityLevel = "information") -> None:
        self.last_message = message
        self.notify(message, severity=severity, timeout=2)

    def after_change(self, label: str) -> None:
        self.rebuild_list()
        self.refresh_all()
        self.request_check()
        self.say(label)

    def need_current(self) -> Item | None:
        """The current finding; without one, select the first (and return ``None``)."""
        if self.current is None:
            if self.shown:
                self.current = self.shown[0]
                self.refresh_all()
            else:
                self.say("no finding selected", "warning")
            return None
        return self.current

    def select_after(self, offset: int) -> None:
        """After a change, keep the cursor near ``offset`` (the next finding from there)."""
        self.rebuild_list()
        nxt = [i for i in self.shown if i.finding.span.start >= offset]
        pool = nxt or self.shown[-1:]
        self.current = pool[0] if pool else None
