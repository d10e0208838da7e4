"""The document pane: the article wrapped to the pane width, findings highlighted by severity.

It is a line-API ``ScrollView``: wrapping is one fast pass over the text (kept per width), and
only the visible lines are rendered, so a 20,000-word article paints and scrolls quickly.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tqkit.findings import Severity, Span

_LINE_RE = re.compile(r"\r\n|\r|\n")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\t]")

SEVERITY_CLASS = {
    Severity.ERROR: "docview--error",
    Severity.WARNING: "docview--warning",
    Severity.INFO: "docview--info",
}


def wrap_lines(text: str, width: int) -> list[tuple[int, int]]:
    """Display lines as ``(start, end)`` offsets: hard lines wrapped greedily at spaces."""
    width = max(1, width)
    out: list[tuple[int, int]] = []
    pos = 0
    bounds: list[tuple[int, int]] = []
    for m in _LINE_RE.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    for start, end in bounds:
        if end - start <= width and (text[start:end].isascii()):
            out.append((start, end))
            continue
        line = text[start:end]
        cells = None if line.isascii() else [get_character_cell_size(ch) for ch in line]
        s = 0
        n = len(line)
        if n == 0:
            out.append((start, start))
            continue
        while s < n:
            # how many characters fit from s
            if cells is None:
                fit = min(n, s + width)
            else:
                used = 0
                fit = s
                while fit < n and used + cells[fit] <= width:
                    used += cells[fit]
                    fit += 1
                fit = max(fit, s + 1)
            if fit >= n:
                out.append((start + s, start + n))
                break
            brk = line.rfind(" ", s, fit + 1)
            if brk > s:
                out.append((start + s, start + brk))
                s = brk + 1
            else:
                out.append((start + s, start + fit))
                s = fit
    return out


class DocumentView(ScrollView, can_focus=True):
    """Renders ``text`` with marks ``(span, severity)`` and one current span emphasised."""

    COMPONENT_CLASSES = {  # noqa: RUF012 - Textual's own convention
        "docview--error",
        "docview--warning",
        "docview--info",
        "docview--current",
        "docview--dismissed",
    }

    DEFAULT_CSS = """
    DocumentView {
        padding: 0 1;
    }
    DocumentView > .docview--error { background: $error 35%; }
    DocumentView > .docview--warning { background: $warning 35%; }
    DocumentView > .docview--info { background: $primary 30%; }
    DocumentView > .docview--current { text-style: bold reverse; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrapped_for = -1
        self._marks: list[tuple[int, int, Severity]] = []
        self._mark_starts: list[int] = []
        self._current: Span | None = None

    # -- content ---------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        self.text = text
        self._wrapped_for = -1
        self._rewrap()

    def set_marks(self, marks: Sequence[tuple[Span, Severity]], current: Span | None) -> None:
        flat = sorted(((s.start, max(s.end, s.start + 1), sev) for s, sev in marks), key=lambda m: (m[0], m[1]))
        self._marks = flat
        self._mark_starts = [m[0] for m in flat]
        self._current = current
        self.refresh()

    def _text_width(self) -> int:
        return max(10, self.scrollable_content_region.width or self.size.width or 80)

    def _rewrap(self) -> None:
        width = self._text_width()
        if width == self._wrapped_for:
            return
        self._wrapped_for = width
        self._lines = wrap_lines(self.text, width)
        self._line_starts = [s for s, _ in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def on_resize(self) -> None:
        self._rewrap()

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._line_starts, offset) - 1)

    def show_offset(self, offset: int, *, animate: bool = False) -> None:
        """Scroll so the line holding ``offset`` is visible (a third down the pane)."""
        self._rewrap()
        line = self.line_of(offset)
        top = int(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        if not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=animate)

    # -- rendering -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_y = int(self.scroll_offset.y)
        index = scroll_y + y
        width = self._wrapped_for if self._wrapped_for > 0 else self._text_width()
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[index]
        segments = list(self._segments(start, end, base))
        return Strip(segments).adjust_cell_length(width, base)

    def _segments(self, start: int, end: int, base: Style) -> list[Segment]:
        text = self.text
        if start == end:
            return []
        # marks overlapping [start, end)
        i = bisect.bisect_left(self._mark_starts, start)
        # marks starting earlier may still reach into this line
        j = max(0, i - 64)
        cuts = {start, end}
        active: list[tuple[int, int, Severity]] = []
        for m in self._marks[j:]:
            if m[0] >= end:
                break
            if m[1] > start:
                active.append(m)
                cuts.add(max(m[0], start))
                cuts.add(min(m[1], end))
        cur = self._current
        if cur is not None and cur.start < end and max(cur.end, cur.start + 1) > start:
            cuts.add(max(cur.start, start))
            cuts.add(min(max(cur.end, cur.start + 1), end))
        points = sorted(cuts)
        styles = {sev: base + self.get_component_rich_style(cls, partial=True) for sev, cls in SEVERITY_CLASS.items()}
        cur_style = self.get_component_rich_style("docview--current", partial=True)
        out: list[Segment] = []
        for a, b in itertools.pairwise(points):
            if a >= b:
                continue
            chunk = _CONTROL_RE.sub(" ", text[a:b])
            sev = max((m[2] for m in active if m[0] < b and m[1] > a), default=None)
            style = styles[sev] if sev is not None else base
            if cur is not None and cur.start < b and max(cur.end, cur.start + 1) > a:
                style = style + cur_style
            out.append(Segment(chunk, style))
        return out
