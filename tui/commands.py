"""The command palette (ctrl+p) offers every action of the review app."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import ReviewApp


class ReviewCommands(Provider):
    """Each review action, with its key, searchable by name."""

    def _actions(self) -> list[tuple[str, str, str]]:
        from .app import ACTIONS

        app = cast("ReviewApp", self.app)
        keys: dict[str, list[str]] = {}
        for binding in app.BINDINGS:
            b: Any = binding
            keys.setdefault(b.action, []).append(app.get_key_display(b))
        return [(action, title, ", ".join(keys.get(action, []))) for action, title in ACTIONS]

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    async def discover(self) -> Hits:
        for action, title, keys in self._actions():
            yield DiscoveryHit(title, partial(self._run, action), help=f"key: {keys}" if keys else None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action, title, keys in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), text=title,
                          help=f"key: {keys}" if keys else None)
