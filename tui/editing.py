"""The review actions on findings: move, accept, edit, dismiss, undo and redo, accept every
safe fix, filter, look up, show the documentation, help. Each is a row of ``tui/actions.py``."""

from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll

from tqkit.review.excerpts import edit_context
from tqkit.review.filters import Filters
from tqkit.review.lookup import concept_of, load_glossary
from tqkit.review.session import Change, Item

from .base import ReviewBase
from .screens import ChoiceScreen, FilterScreen, GlossaryScreen, HelpScreen, InputScreen

YES_NO = [("y", "Apply", "yes"), ("n", "Cancel", "no")]


class EditingActions(ReviewBase):
    # -- moving ----------------------------------------------------------------------------

    def _move(self, step: int) -> None:
        if not self.shown:
            self.say("no findings", "warning")
            return
        if self.current is None or self.current not in self.shown:
            self.current = self.shown[0] if step > 0 else self.shown[-1]
        else:
            i = self.shown.index(self.current) + step
            if not 0 <= i < len(self.shown):
                self.say("wrapped to the first finding" if step > 0 else "wrapped to the last finding")
                i %= len(self.shown)
            self.current = self.shown[i]
        self.refresh_all()

    def action_next_finding(self) -> None:
        self._move(1)

    def action_prev_finding(self) -> None:
        self._move(-1)

    # -- fixing ----------------------------------------------------------------------------

    def action_accept(self) -> None:
        self.action_pick(1)

    def action_pick(self, number: int) -> None:
        item = self.need_current()
        if item is None:
            return
        try:
            change = self.session.accept(item, number - 1)
        except ValueError as exc:
            self.say(str(exc), "warning")
            return
        self.current = None
        self.select_after(item.finding.span.start)
        self.after_change(change.label)

    def action_edit(self) -> None:
        item = self.need_current()
        if item is None:
            return
        if not self.session.is_current(item):
            self.say("the text changed under this finding; wait for the re-check", "warning")
            return
        s, e = item.finding.span.start, item.finding.span.end
        text = self.session.text

        def done(value: str | None) -> None:
            if value is not None and value != self.session.span_text(item):
                self._replace(item, value)

        self.push_screen(InputScreen(f"Edit {item.finding.rule}", text[s:e], edit_context(text, s, e)), done)

    def _replace(self, item: Item, value: str) -> None:
        start = item.finding.span.start
        try:
            change = self.session.replace_span(item, value)
        except ValueError as exc:
            self.say(str(exc), "warning")
            return
        self.select_after(start)
        self.after_change(change.label)

    def action_dismiss_finding(self) -> None:
        item = self.need_current()
        if item is None:
            return
        if item.dismissed:
            self.say("already dismissed (u undoes it)")
            return
        try:
            change = self.session.dismiss(item)
        except OSError as exc:
            self.say(f"cannot remember the dismissal: {exc}", "error")
            return
        self.select_after(item.finding.span.start)
        if self.current is item and not self.filters.show_dismissed:
            self.current = None
        self.refresh_all()
        self.say(f"{change.label} (remembered in {self.session.dismissals.path.name})")

    def action_undo(self) -> None:
        change = self.session.undo()
        if change is None:
            self.say("nothing to undo")
            return
        self._after_undo_redo(change, f"undid: {change.label}", undone=True)

    def action_redo(self) -> None:
        change = self.session.redo()
        if change is None:
            self.say("nothing to redo")
            return
        self._after_undo_redo(change, f"redid: {change.label}", undone=False)

    def _after_undo_redo(self, change: Change, label: str, *, undone: bool) -> None:
        if change.dismissal is None:
            self.select_after(change.edits[0].start if change.edits else 0)
            self.after_change(label)
            return
        self.rebuild_list()
        if undone:  # the finding that came back is the one selected
            back = next((i for i in self.shown if change.dismissal.matches(i.finding, self.session.text)), None)
            if back is not None:
                self.current = back
        self.refresh_all()
        self.say(label)

    def action_accept_all(self) -> None:
        count = self.session.safe_fix_count()
        if not count:
            self.say("no safe fixes to apply")
            return

        def done(answer: str | None) -> None:
            if answer != "yes":
                return
            change = self.session.accept_all_safe()
            if change is None:
                self.say("no safe fixes to apply")
                return
            self.select_after(0)
            self.after_change(change.label)

        self.push_screen(
            ChoiceScreen(
                "Accept all safe fixes?", f"Apply {count} safe fix{'es' * (count != 1)} (one undo step).", YES_NO
            ),
            done,
        )

    # -- looking things up -----------------------------------------------------------------

    def action_glossary(self) -> None:
        item = self.current
        query = self.session.span_text(item) if item else ""
        concept = concept_of(item.finding) if item is not None else None
        glossary, unavailable = load_glossary(self.session.glossaries, self.session.target_lang)
        self.push_screen(
            GlossaryScreen(glossary, " ".join(query.split()), concept, self.session.target_lang, unavailable)
        )

    def action_filter(self) -> None:
        rules = sorted({i.finding.rule for i in self.session.items})
        cats = sorted({i.finding.category.value for i in self.session.items})

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            self.filters = Filters.from_dict(values)
            cur = self.current
            self.rebuild_list()
            self.current = cur if cur in self.shown else (self.shown[0] if self.shown else None)
            self.refresh_all()

        self.push_screen(FilterScreen(self.filters.as_dict(), rules, cats), done)

    def action_toggle_docs(self) -> None:
        self.show_docs = not self.show_docs
        self.query_one("#detail", VerticalScroll).set_class(self.show_docs, "docs")
        self.update_detail()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_help(self) -> None:
        self.push_screen(HelpScreen())
