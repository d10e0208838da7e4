"""Generated inputs per property, printed by ``conftest.py`` at the end of the run."""

from __future__ import annotations

COUNTS: dict[str, int] = {}


def count(name: str) -> None:
    COUNTS[name] = COUNTS.get(name, 0) + 1
