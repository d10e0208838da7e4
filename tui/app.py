"""``tqkit review``: walk an editor through the findings of one article, keyboard only.

:func:`make_app` builds the app for the command line, the tests and the snapshots alike.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tqkit.document import Document
from tqkit.findings import Finding, Severity

from .commands import ReviewCommands
from .docview import DocumentView
from .screens import ANY, ChoiceScreen, FilterScreen, GlossaryScreen, HelpScreen, InputScreen
from .session import (
    Checker,
    ExternalChangeError,
    Fingerprint,
    Item,
    ReviewSession,
    SaveError,
    SourceAlignment,
)

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
SEVERITY_STYLE = {Severity.ERROR: "$error", Severity.WARNING: "$warning", Severity.INFO: "$primary"}
SEVERITY_MARK = {Severity.ERROR: "E", Severity.WARNING: "W", Severity.INFO: "I"}
THEMES = {"dark": "textual-dark", "light": "textual-light"}

# Every user action: (action, description) — used by the command palette and checked against
# the bindings by the tests.
ACTIONS: tuple[tuple[str, str], ...] = (
    ("next_finding", "Next finding"),
    ("prev_finding", "Previous finding"),
    ("accept", "Accept the preferred fix"),
    ("pick(1)", "Accept suggestion 1"),
    ("pick(2)", "Accept suggestion 2"),
    ("pick(3)", "Accept suggestion 3"),
    ("edit", "Edit the finding's text"),
    ("dismiss_finding", "Dismiss the finding"),
    ("undo", "Undo"),
    ("redo", "Redo"),
    ("accept_all", "Accept all safe fixes"),
    ("glossary", "Glossary lookup"),
    ("filter", "Filter and group findings"),
    ("toggle_docs", "Show or hide the rule documentation"),
    ("toggle_theme", "Switch light / dark theme"),
    ("help", "Help"),
    ("save", "Save"),
    ("save_as", "Save as…"),
    ("reload", "Reload from disk"),
    ("request_quit", "Quit"),
)


class ChecksDone(Message):
    def __init__(self, generation: int, text: str, findings: list[Finding], error: str | None,
                 alignment: SourceAlignment | None = None) -> None:
        super().__init__()
        self.generation = generation
        self.text = text
        self.findings = findings
        self.error = error
        self.alignment = alignment


class FindingList(OptionList, can_focus=False):
    """The findings, in document order or grouped; driven by the app's keys (not focusable)."""


@dataclass
class Filters:
    rule: str = ANY
    category: str = ANY
    severity: str = "info"
    group: str = "none"
    show_dismissed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def keep(self, item: Item) -> bool:
        f = item.finding
        if item.dismissed and not self.show_dismissed:
            return False
        if self.rule != ANY and f.rule != self.rule:
            return False
        if self.category != ANY and f.category.value != self.category:
            return False
        return f.severity >= Severity.parse(self.severity)

    @property
    def active(self) -> bool:
        return (self.rule, self.category, self.severity, self.show_dismissed) != (ANY, ANY, "info", False)


def edit_context(text: str, start: int, end: int, width: int = 40) -> str:
    """The flagged text in brackets with about ``width`` characters of its line either side,
    cut at word boundaries (an ellipsis where the line goes on)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    lo = max(line_start, start - width)
    if lo > line_start:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else start
    hi = min(line_end, end + width)
    if hi < line_end:
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else end
    before = ("…" if lo > line_start else "") + text[lo:start]
    after = text[end:hi].rstrip("\r") + ("…" if hi < line_end else "")
    return f"{before}⟦{text[start:end]}⟧{after}"


class ReviewApp(App[None]):
    CSS_PATH = "review.tcss"
    TITLE = "tqkit review"
    COMMANDS = App.COMMANDS | {ReviewCommands}

    def get_system_commands(self, screen: Any) -> Iterable[Any]:
        """Textual's system commands, less its theme picker: the palette offers one theme
        command, the app's own light/dark switch."""
        for command in super().get_system_commands(screen):
            if command.title != "Theme":
                yield command

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_finding", "Next"),
        Binding("j", "next_finding", "Next", show=False),
        Binding("p", "prev_finding", "Prev"),
        Binding("k", "prev_finding", "Prev", show=False),
        Binding("enter", "accept", "Accept", show=False, priority=False),
        Binding("a", "accept", "Accept"),
        *[Binding(str(i), f"pick({i})", f"Suggestion {i}", show=False) for i in range(1, 10)],
        Binding("e", "edit", "Edit"),
        Binding("x", "dismiss_finding", "Dismiss"),
        Binding("u", "undo", "Undo"),
        Binding("ctrl+r", "redo", "Redo", show=False),
        Binding("A", "accept_all", "All safe", show=False),
        Binding("g", "glossary", "Glossary", show=False),
        Binding("f", "filter", "Filter"),
        Binding("d", "toggle_docs", "Docs", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+s", "save", "Save"),
        Binding("q", "request_quit", "Quit"),
    ]

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
        self._external_prompted: str | None = None
        self.check_error: str | None = None
        self._builds = 0
        self.first_paint_at: float | None = None
        self.checks_done_at: float | None = None
        self._option_items: dict[str, Item] = {}

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield DocumentView(id="document")
                if self.session.source_doc is not None:
                    with VerticalScroll(id="source-pane"):
                        yield Static(id="source-text")
            yield FindingList(id="findings")
        with VerticalScroll(id="detail"):
            yield Static(id="detail-text")
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
        if self.session.set_findings(message.generation, message.text, message.findings,
                                     message.alignment):
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
            await self._pause()

    async def _pause(self) -> None:
        import asyncio

        await asyncio.sleep(0.01)

    # -- views -----------------------------------------------------------------------------

    def rebuild_list(self) -> None:
        items = [i for i in self.session.items if self.filters.keep(i)]
        group = self.filters.group
        if group == "rule":
            items.sort(key=lambda i: (i.finding.rule, i.finding.span.start))
        elif group == "category":
            items.sort(key=lambda i: (i.finding.category.value, i.finding.span.start))
        elif group == "severity":
            items.sort(key=lambda i: (SEVERITY_ORDER[i.finding.severity], i.finding.span.start))
        self.shown = items
        if self.current is not None and self.current not in items:
            self.current = None
        ol = self.query_one(FindingList)
        ol.clear_options()
        self._builds += 1
        self._option_items = {}
        options: list[Option] = []
        last_group: str | None = None
        for n, item in enumerate(items):
            f = item.finding
            if group != "none":
                label = {"rule": f"{f.rule} {f.name}", "category": f.category.value,
                         "severity": f.severity.label}[group]
                if label != last_group:
                    count = sum(1 for i in items if self._group_label(i) == label)
                    options.append(Option(Content.styled(f"{label} ({count})", "bold $text-muted"),
                                          id=f"group-{len(options)}", disabled=True))
                    last_group = label
            snippet = " ".join(self.session.span_text(item).split()) or "¶"
            room = max(8, (ol.scrollable_content_region.width or 27) - len(f.rule) - 3)
            if len(snippet) > room:
                snippet = snippet[: room - 1] + "…"
            line = Content.assemble(
                (SEVERITY_MARK[f.severity], f"bold {SEVERITY_STYLE[f.severity]}"),
                " ",
                (f.rule, "$text-muted"),
                " ",
                (snippet, "strike" if item.dismissed else ""),
            )
            oid = f"item-{self._builds}-{n}"
            self._option_items[oid] = item
            options.append(Option(line, id=oid))
        ol.add_options(options)

    def _group_label(self, item: Item) -> str:
        f = item.finding
        return {"rule": f"{f.rule} {f.name}", "category": f.category.value,
                "severity": f.severity.label}.get(self.filters.group, "")

    def refresh_all(self, *, scroll: bool = True) -> None:
        docview = self.query_one(DocumentView)
        if docview.text != self.session.text:
            docview.set_text(self.session.text)
        marks = [(i.finding.span, i.finding.severity) for i in self.shown]
        cur = self.current.finding.span if self.current else None
        docview.set_marks(marks, cur)
        if self.current is not None:
            docview.show_offset(self.current.finding.span.start)
            ol = self.query_one(FindingList)
            idx = self.shown.index(self.current)
            with contextlib.suppress(Exception):
                ol.highlighted = ol.get_option_index(f"item-{self._builds}-{idx}")
        self.update_topbar()
        self.update_detail()
        self.update_source()

    def update_topbar(self) -> None:
        s = self.session
        visible = s.visible()
        counts = {sev: sum(1 for i in visible if i.finding.severity == sev) for sev in Severity}
        name = Path(s.path).name
        if len(name) > 28:
            name = "…" + name[-27:]
        pos = ""
        if self.current is not None and self.current in self.shown:
            pos = f"{self.shown.index(self.current) + 1}/{len(self.shown)}"
        elif self.shown:
            pos = f"–/{len(self.shown)}"
        dismissed = sum(1 for i in s.items if i.dismissed)
        state = "checking…" if (self.checking or s.stale) else ""
        parts: list[Content | tuple[str, str] | str] = [
            (" tqkit review ", "bold reverse"),
            " ",
            (name, "bold"),
            ("  [+]" if s.dirty else "", "bold $warning"),
            "  ",
            (f"{counts[Severity.ERROR]}E", f"bold {SEVERITY_STYLE[Severity.ERROR]}"),
            " ",
            (f"{counts[Severity.WARNING]}W", f"bold {SEVERITY_STYLE[Severity.WARNING]}"),
            " ",
            (f"{counts[Severity.INFO]}I", f"bold {SEVERITY_STYLE[Severity.INFO]}"),
            (f"  {dismissed} dismissed" if dismissed else "", "$text-muted"),
            ("  filtered" if self.filters.active else "", "$accent"),
            f"  {pos}",
            (f"  {state}" if state else "", "italic $text-muted"),
        ]
        self.query_one("#topbar", Static).update(Content.assemble(*parts))

    def update_detail(self) -> None:
        out = self.query_one("#detail-text", Static)
        item = self.current
        if item is None:
            if self.checking or self.session.stale:
                out.update(Content("Checking…"))
            elif not self.session.items:
                out.update(Content("No findings. Press ? for help, q to quit."))
            elif not self.shown:
                out.update(Content("No findings match the filter (f to change it)."))
            else:
                out.update(Content("Press n for the first finding."))
            return
        f = item.finding
        s = self.session
        line, col = Document(s.path, s.text).position(min(f.span.start, len(s.text)))
        head = Content.assemble(
            (f" {f.severity.label.upper()} ", f"bold reverse {SEVERITY_STYLE[f.severity]}"),
            " ",
            (f"{f.rule} {f.name}", "bold"),
            (f"  {f.category.value}  line {line}:{col}", "$text-muted"),
            ("  (dismissed)" if item.dismissed else "", "italic $text-muted"),
        )
        parts: list[Content] = [head, Content(f.message)]
        stale = not s.is_current(item)
        if f.fixes:
            parts.append(Content.styled("Suggestions (enter/a: 1, or press its number):", "bold"))
            # on a short screen only the first suggestion shows its before/after lines, so
            # every suggestion's title fits
            compact = self.size.height < 32 and not self.show_docs
            for n, fix in enumerate(f.fixes[:9], 1):
                preview = self._fix_preview(n, fix, stale)
                parts.extend(preview[:1] if compact and n > 1 else preview)
        else:
            parts.append(Content.styled("No suggested fix: e edits the text, x dismisses.", "$text-muted"))
        if stale:
            parts.append(Content.styled("The text changed here; re-checking before fixes apply.", "italic $warning"))
        if self.show_docs:
            parts.append(Content.styled("Rule documentation (d hides):", "bold"))
            parts.append(Content(self._rule_doc(f.rule)))
        else:
            parts.append(Content.styled("d: rule documentation  g: glossary  e: edit  x: dismiss", "$text-muted"))
        out.update(Content("\n").join(parts))
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def _rule_doc(self, code: str) -> str:
        """The rule's documentation as plain text, one line per paragraph (the pane wraps it
        once, to its own width)."""
        try:
            from tqkit.registry import get_rule

            rule = get_rule(code)
        except KeyError:
            return f"{code}: no documentation."
        from tqkit.commands.check import plain_text

        doc = plain_text(rule.doc() or rule.summary() or f"{code}: no documentation.")
        return "\n\n".join(" ".join(par.split()) for par in doc.split("\n\n"))

    def on_resize(self) -> None:
        # the current finding stays in view, and the detail fits the new size
        self.call_after_refresh(self.refresh_all)

    def _fix_preview(self, n: int, fix: Any, stale: bool) -> list[Content]:
        text = self.session.text
        span = fix.span
        line_start = max(text.rfind("\n", 0, span.start) + 1, span.start - 30)
        line_end = text.find("\n", span.end)
        line_end = min(line_end if line_end >= 0 else len(text), span.end + 30)
        lead = "…" if line_start > 0 and text[line_start - 1] != "\n" else ""
        tail = "…" if line_end < len(text) and text[line_end] not in "\r\n" else ""
        before = Content(lead + text[line_start:span.start])
        after = Content(text[span.end:line_end].rstrip("\r") + tail)
        old_parts: list[Content] = [before]
        new_parts: list[Content] = [before]
        pos = span.start
        for e in sorted(fix.edits, key=lambda x: x.start):
            if e.start > pos:
                same = Content(text[pos:e.start])
                old_parts.append(same)
                new_parts.append(same)
            old_parts.append(Content.styled(text[e.start:e.end], "strike bold $error"))
            new_parts.append(Content.styled(e.replacement or "", "bold $success"))
            pos = e.end
        old_parts.append(after)
        new_parts.append(after)
        safe = " safe" if fix.safe else ""
        title = Content.assemble((f" {n} ", "bold reverse $accent"), " ", (fix.title, "bold"),
                                 (safe, "$success"), (" (stale)" if stale else "", "$warning"))
        return [
            title,
            Content.assemble(("   − ", "$error"), *old_parts),
            Content.assemble(("   + ", "$success"), *new_parts),
        ]

    def update_source(self) -> None:
        """The source pane: the source paragraph aligned with the current finding's paragraph,
        the source sentence(s) aligned with its sentence in reverse video, scrolled into view."""
        if self.session.source_doc is None:
            return
        out = self.query_one("#source-text", Static)
        offset = self.current.finding.span.start if self.current else 0
        excerpt = self.session.source_excerpt(offset)
        if excerpt is None:
            return
        parts: list[Content | tuple[str, str] | str] = [(excerpt.title, "bold $accent")]
        if excerpt.note:
            parts += ["  ", (excerpt.note, "italic $text-muted")]
        parts.append("\n")
        before = ""  # the text before the first marked piece, to scroll to it
        seen_mark = False
        for text, marked in excerpt.pieces:
            if marked:
                parts.append((text, "bold reverse $accent"))
                seen_mark = True
            else:
                parts.append(text)
                if not seen_mark:
                    before += text
        out.update(Content.assemble(*parts))
        pane = self.query_one("#source-pane", VerticalScroll)
        if seen_mark:
            self.call_after_refresh(self._scroll_source, pane, before)
        else:
            pane.scroll_home(animate=False)

    def _scroll_source(self, pane: VerticalScroll, before: str) -> None:
        """Scroll the source pane so the marked sentence shows with one line above it."""
        width = pane.scrollable_content_region.width
        if width <= 0:
            return
        # Line of the mark (0-based): the title, then the wrapped lines of the text before it.
        lines = sum(len(Content(part).wrap(width)) or 1 for part in before.split("\n")) if before else 1
        pane.scroll_to(y=max(0, lines - 1), animate=False)

    # -- helpers ---------------------------------------------------------------------------

    def say(self, message: str, severity: str = "information") -> None:
        self.last_message = message
        self.notify(message, severity=severity, timeout=2)  # type: ignore[arg-type]

    def _after_change(self, label: str) -> None:
        self.rebuild_list()
        if self.current is None and self.shown:
            self.current = None
        self.refresh_all()
        self.request_check()
        self.say(label)

    def _need_current(self) -> Item | None:
        if self.current is None:
            if self.shown:
                self.current = self.shown[0]
                self.refresh_all()
            else:
                self.say("no finding selected", "warning")
            return None
        return self.current

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (isinstance(self.screen, ModalScreen) and action in {a.split("(")[0] for a, _ in ACTIONS})

    # -- actions ---------------------------------------------------------------------------

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

    def action_accept(self) -> None:
        self.action_pick(1)

    def action_pick(self, number: int) -> None:
        item = self._need_current()
        if item is None:
            return
        try:
            change = self.session.accept(item, number - 1)
        except ValueError as exc:
            self.say(str(exc), "warning")
            return
        self.current = None
        self._select_after(item.finding.span.start)
        self._after_change(change.label)

    def _select_after(self, offset: int) -> None:
        """After a change, keep the cursor near ``offset`` (the next finding from there)."""
        self.rebuild_list()
        nxt = [i for i in self.shown if i.finding.span.start >= offset]
        pool = nxt or self.shown[-1:]
        self.current = pool[0] if pool else None

    def action_edit(self) -> None:
        item = self._need_current()
        if item is None:
            return
        if not self.session.is_current(item):
            self.say("the text changed under this finding; wait for the re-check", "warning")
            return
        text = self.session.text
        s, e = item.finding.span.start, item.finding.span.end
        context = edit_context(text, s, e)

        def done(value: str | None) -> None:
            if value is None or value == self.session.span_text(item):
                return
            try:
                change = self.session.replace_span(item, value)
            except ValueError as exc:
                self.say(str(exc), "warning")
                return
            self._select_after(s)
            self._after_change(change.label)

        self.push_screen(InputScreen(f"Edit {item.finding.rule}", text[s:e], context), done)

    def action_dismiss_finding(self) -> None:
        item = self._need_current()
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
        start = item.finding.span.start
        self._select_after(start)
        if self.current is item and not self.filters.show_dismissed:
            self.current = None
        self.refresh_all()
        self.say(f"{change.label} (remembered in {self.session.dismissals.path.name})")

    def action_undo(self) -> None:
        change = self.session.undo()
        if change is None:
            self.say("nothing to undo")
            return
        self._after_undo_redo(change, f"undid: {change.label}")

    def action_redo(self) -> None:
        change = self.session.redo()
        if change is None:
            self.say("nothing to redo")
            return
        self._after_undo_redo(change, f"redid: {change.label}")

    def _after_undo_redo(self, change: Any, label: str) -> None:
        offset = change.edits[0].start if change.edits else None
        if change.dismissal is not None:
            self.rebuild_list()
            if label.startswith("undid"):  # the finding that came back is the one selected
                back = next((i for i in self.shown if change.dismissal.matches(i.finding, self.session.text)), None)
                if back is not None:
                    self.current = back
            self.refresh_all()
            self.say(label)
            return
        self._select_after(offset or 0)
        self._after_change(label)

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
            self._select_after(0)
            self._after_change(change.label)

        self.push_screen(ChoiceScreen("Accept all safe fixes?",
                                      f"Apply {count} safe fix{'es' * (count != 1)} (one undo step).",
                                      [("y", "Apply", "yes"), ("n", "Cancel", "no")]), done)

    def action_glossary(self) -> None:
        item = self.current
        query = self.session.span_text(item) if item else ""
        concept = None
        if item is not None:
            for key in ("concept", "concept_id"):
                value = item.finding.data.get(key)
                if isinstance(value, str):
                    concept = value
        unavailable = None
        glossary = None
        try:
            from tqkit.resources import Resources

            glossary = Resources(self.session.glossaries or None, self.session.target_lang).glossary
        except Exception as exc:
            unavailable = f"The glossary cannot be loaded: {exc}"
        if glossary is None and unavailable is None:
            unavailable = "No glossary is available in this installation."
        self.push_screen(GlossaryScreen(glossary, " ".join(query.split()), concept, self.session.target_lang,
                                        unavailable))

    def action_filter(self) -> None:
        rules = sorted({i.finding.rule for i in self.session.items})
        cats = sorted({i.finding.category.value for i in self.session.items})

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            self.filters = Filters(**values)
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

    # -- saving, reloading, quitting ---------------------------------------------------------

    def action_save(self) -> None:
        self.save()

    def save(self, target: str | None = None, *, force: bool = False, then_quit: bool = False) -> bool:
        try:
            written = self.session.save(target, force=force)
        except ExternalChangeError:
            self.ask_external_change(saving=True, then_quit=then_quit)
            return False
        except OSError as exc:
            self.say(f"{target or self.session.path}: cannot save: {exc.strerror or exc}", "error")
            return False
        except SaveError as exc:
            self.say(str(exc), "error")
            return False
        except Exception as exc:  # a failing writer must not take the editor (and the edits) down
            self.say(f"{target or self.session.path}: cannot save: {exc}", "error")
            return False
        self._external_prompted = None
        if self.session.stale:
            self.request_check()
        self.refresh_all(scroll=False)
        self.say(f"saved {written}")
        if then_quit:
            self.exit()
        return True

    def action_save_as(self, then_quit: bool = False) -> None:
        def done(value: str | None) -> None:
            target = (value or "").strip()
            if not target:
                return
            here = Path(target).resolve() == Path(self.session.path).resolve()
            if here or not Path(target).exists():
                self.save(target, then_quit=then_quit)
                return

            def confirmed(answer: str | None) -> None:
                if answer == "yes":
                    self.save(target, then_quit=then_quit)

            self.push_screen(ChoiceScreen("Replace the file?", f"{target} already exists. Replace it?",
                                          [("y", "Replace", "yes"), ("n", "Cancel", "no")]), confirmed)

        self.push_screen(InputScreen("Save as", self.session.path, placeholder="path"), done)

    def action_reload(self) -> None:
        def done(answer: str | None) -> None:
            if answer == "yes":
                self._reload()

        if self.session.dirty:
            self.push_screen(ChoiceScreen("Reload?", "Reloading drops your unsaved changes.",
                                          [("y", "Reload", "yes"), ("n", "Cancel", "no")]), done)
        else:
            self._reload()

    def _reload(self) -> None:
        try:
            self.session.reload()
        except Exception as exc:
            self.say(f"cannot reload: {exc}", "error")
            return
        self._external_prompted = None
        self.current = None
        self.query_one(DocumentView).set_text(self.session.text)
        self.rebuild_list()
        self.refresh_all()
        self.request_check()
        self.say(f"reloaded {self.session.path}")

    def poll_disk(self) -> None:
        """Called every few seconds: warn once per outside change."""
        if isinstance(self.screen, ModalScreen):
            return
        if self.session.quick_changed_on_disk():
            fp = Fingerprint.of(self.session.path)
            marker = fp.sha256 if fp else "missing"
            if marker != self._external_prompted:
                self._external_prompted = marker
                self.ask_external_change()

    def ask_external_change(self, saving: bool = False, then_quit: bool = False) -> None:
        def done(answer: str | None) -> None:
            if answer == "reload":
                self._reload()
            elif answer == "overwrite":
                self.save(force=True, then_quit=then_quit)
            elif answer == "saveas":
                self.action_save_as(then_quit=then_quit)

        name = Path(self.session.path).name
        msg = (f"{name} changed on disk since it was opened"
               + (" — your save was not written." if saving else ".")
               + "\nReload it (dropping your changes), overwrite it with your version, or save under another name?")
        self.push_screen(ChoiceScreen("File changed on disk", msg,
                                      [("r", "Reload", "reload"), ("o", "Overwrite", "overwrite"),
                                       ("s", "Save as", "saveas"), ("escape", "Cancel", "cancel")]), done)

    def action_request_quit(self) -> None:
        if not self.session.dirty:
            self.exit()
            return

        def done(answer: str | None) -> None:
            if answer == "save":
                self.save(then_quit=True)
            elif answer == "discard":
                self.exit()

        self.push_screen(ChoiceScreen("Unsaved changes", "Save your changes before quitting?",
                                      [("s", "Save", "save"), ("d", "Discard", "discard"),
                                       ("escape", "Cancel", "cancel")]), done)

    # -- mouse -------------------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """A click on the list selects that finding (keys never go through the list)."""
        item = self._option_items.get(event.option.id or "")
        if item is not None and item in self.shown and item is not self.current:
            self.current = item
            self.refresh_all()


def make_app(path: str | Path, source: str | Path | None = None, glossaries: Sequence[str | Path] | None = None,
             *, encoding: str | None = None, target_lang: str = "en", theme: str = "dark",
             checker: Checker | None = None, poll_seconds: float = 2.0) -> ReviewApp:
    """The review app for one article: the CLI, the tests and the snapshots all build it here.

    ``checker`` replaces the configured engine (tests use it for fixed findings); ``poll_seconds``
    is how often the file is checked for outside changes (0 turns polling off).
    """
    session = ReviewSession(str(path), str(source) if source else None,
                            tuple(str(g) for g in glossaries or ()), encoding, target_lang, checker)
    return ReviewApp(session, theme=theme, poll_seconds=poll_seconds)
