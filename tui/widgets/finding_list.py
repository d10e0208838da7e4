"""The findings beside the article, in document order or grouped."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tqkit.review.filters import Filters
from tqkit.review.session import Item

from .styles import SEVERITY_MARK, SEVERITY_STYLE


class FindingList(OptionList, can_focus=False):
    """The findings, in document order or grouped; driven by the app's keys (not focusable)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._builds = 0
        self._option_items: dict[str, Item] = {}

    def show(self, items: Sequence[Item], filters: Filters, text: str) -> None:
        """List ``items`` (already filtered and ordered by ``filters``); ``text`` is the
        article the findings index into."""
        self.clear_options()
        self._builds += 1
        self._option_items = {}
        counts: dict[str, int] = {}
        if filters.group != "none":
            for item in items:
                label = filters.group_label(item)
                counts[label] = counts.get(label, 0) + 1
        options: list[Option] = []
        last_group: str | None = None
        for n, item in enumerate(items):
            if filters.group != "none":
                label = filters.group_label(item)
                if label != last_group:
                    options.append(
                        Option(
                            Content.styled(f"{label} ({counts[label]})", "bold $text-muted"),
                            id=f"group-{len(options)}",
                            disabled=True,
                        )
                    )
                    last_group = label
            oid = f"item-{self._builds}-{n}"
            self._option_items[oid] = item
            options.append(Option(self._line(item, text), id=oid))
        self.add_options(options)

    def _line(self, item: Item, text: str) -> Content:
        f = item.finding
        snippet = " ".join(text[f.span.start : f.span.end].split()) or "¶"
        room = max(8, (self.scrollable_content_region.width or 27) - len(f.rule) - 3)
        if len(snippet) > room:
            snippet = snippet[: room - 1] + "…"
        return Content.assemble(
            (SEVERITY_MARK[f.severity], f"bold {SEVERITY_STYLE[f.severity]}"),
            " ",
            (f.rule, "$text-muted"),
            " ",
            (snippet, "strike" if item.dismissed else ""),
        )

    def highlight_item(self, index: int) -> None:
        """Highlight the ``index``-th listed finding (group headings not counted)."""
        with contextlib.suppress(Exception):
            self.highlighted = self.get_option_index(f"item-{self._builds}-{index}")

    def item_for(self, option_id: str | None) -> Item | None:
        return self._option_items.get(option_id or "")
