"""The source pane: the source paragraph aligned with the current finding's paragraph, the
source sentence(s) aligned with its sentence in reverse video, scrolled into view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tqkit.review.source import SourceExcerpt


class SourcePane(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static(id="source-text")

    def show(self, excerpt: SourceExcerpt) -> None:
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
        self.query_one("#source-text", Static).update(Content.assemble(*parts))
        if seen_mark:
            self.call_after_refresh(self._scroll_to_mark, before)
        else:
            self.scroll_home(animate=False)

    def _scroll_to_mark(self, before: str) -> None:
        """Scroll so the marked sentence shows with one line above it."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        # Line of the mark (0-based): the title, then the wrapped lines of the text before it.
        lines = sum(len(Content(part).wrap(width)) or 1 for part in before.split("\n")) if before else 1
        self.scroll_to(y=max(0, lines - 1), animate=False)
