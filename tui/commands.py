"""The command palette (ctrl+p) offers every action of the review app (``tui/actions.py``)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .actions import palette_entries


class ReviewCommands(Provider):
    """Each review action, with its key, searchable by name."""

    def _actions(self) -> list[tuple[str, str, str]]:
        """``(action, title, keys)`` of every entry."""
        return palette_entries()

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
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._run, action),
                    text=title,
                    help=f"key: {keys}" if keys else None,
                )
