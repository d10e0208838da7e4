"""What every German target-side rule shares: it runs on German copy only, and its examples
are German."""

from __future__ import annotations

from typing import ClassVar

from tqkit.registry import Rule


class GermanRule(Rule):
    """A rule of German copy (``--target-lang de`` or detected)."""

    languages: ClassVar[frozenset[str] | None] = frozenset({"de"})
    example_lang: ClassVar[str] = "de"
