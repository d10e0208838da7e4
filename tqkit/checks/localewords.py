"""The word lists of the locale and MQM punctuation rules (TQ345-TQ346, TQ703-TQ707), read once
from ``glossaries/locale-words.tsv`` (language, kind, word, source)."""

from __future__ import annotations

from functools import cache

from tqkit.datafiles import bundled_table
from tqkit.errors import ResourceError

_KINDS = frozenset(
    {"title", "link", "unit", "measure", "quantity", "currency", "compound", "id", "preposition", "named"}
)


@cache
def _table() -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], list[str]] = {}
    rows = bundled_table("locale-words.tsv", 4, "language, kind, word, source (tab-separated)")
    for lang, kind, word, _source in rows:
        if kind not in _KINDS:
            raise ResourceError(f"glossaries/locale-words.tsv: unknown kind {kind!r}")
        out.setdefault((lang, kind), []).append(word)
    return {k: tuple(v) for k, v in out.items()}


def words(lang: str, kind: str) -> tuple[str, ...]:
    """The words of one kind for one language, in file order."""
    return _table().get((lang, kind), ())


def word_set(lang: str, kind: str) -> frozenset[str]:
    return frozenset(words(lang, kind))
