"""Rule-pack data: packs, entries and their examples (plain dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from tqkit.findings import Category, Severity

DEFAULT_RULE = "TQ301"

# MQM categories a pack entry may name, and the finding category each maps to
CATEGORIES: dict[str, Category] = {
    "accuracy": Category.MISTRANSLATION,
    "mistranslation": Category.MISTRANSLATION,
    "untranslated": Category.UNTRANSLATED,
    "fluency": Category.AWKWARD,
    "grammar": Category.GRAMMAR,
    "spelling": Category.SPELLING,
    "punctuation": Category.PUNCTUATION,
    "style": Category.AWKWARD,
    "terminology": Category.TERM_INAPPROPRIATE,
    "locale": Category.OTHER,
    "other": Category.OTHER,
}


class Example(NamedTuple):
    """A sentence an entry must fire on (or stay quiet on); ``source`` is the aligned source
    text to check it with (``None``: none)."""

    text: str
    source: str | None
    line: int


@dataclass
class Entry:
    id: str
    pack: str
    patterns: tuple[str, ...]
    message: str
    suggest: tuple[str, ...] = ()
    severity: Severity = Severity.WARNING
    category: str = "mistranslation"
    source: str = ""
    source_lang: str = ""
    reference: str = ""
    safe: bool = False
    context: str = "any"  # "any" | "source"
    source_match: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    fires: tuple[Example, ...] = ()
    quiet: tuple[Example, ...] = ()
    rule: str = DEFAULT_RULE
    kind: str = "pattern"  # "pattern" | "transliteration"
    target_lang: str = "en"  # base code of the language of the checked text (the pack's)
    path: str = ""
    line: int = 0
    # compiled (see tqkit.packs.compiler): token conditions of each pattern and antipattern,
    # and the suggestion templates
    compiled: tuple[tuple[tuple[Any, ...], ...], ...] = ()
    compiled_unless: tuple[tuple[tuple[Any, ...], ...], ...] = ()
    templates: tuple[tuple[tuple[Any, ...], ...], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    # names the pre-pack calque list used (TQ102 reads ``suggestions``)
    @property
    def suggestions(self) -> tuple[str, ...]:
        return self.suggest

    @property
    def note(self) -> str:
        return self.message

    @property
    def finding_category(self) -> Category:
        return CATEGORIES.get(self.category, Category.MISTRANSLATION)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Pack:
    id: str
    path: str
    title: str = ""
    target_lang: str = "en"
    source_lang: str = ""
    references: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    line: int = 1

    @property
    def source_langs(self) -> list[str]:
        langs: dict[str, None] = {}
        for e in self.entries:
            for lang in (e.source_lang or self.source_lang).replace(",", "/").split("/"):
                if lang.strip():
                    langs[lang.strip()] = None
        return list(langs)
