"""The term base: concepts by id, with their matchers.

A :class:`Glossary` is immutable once built; its matchers (:mod:`tqkit.glossary.matcher`) are
compiled on first use and cached, so a process pays for compiling them once however many
documents it checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from tqkit.glossary.matcher import StemMatcher, TermMatcher, stems
from tqkit.glossary.model import Concept, GlossaryInfo
from tqkit.text.fold import fold

__all__ = ["Glossary"]


@dataclass
class Glossary:
    """Concepts by id, in file order; built by :func:`tqkit.glossary.load_glossaries`."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    infos: list[GlossaryInfo] = field(default_factory=list)

    @classmethod
    def of(cls, concepts: Iterable[Concept], infos: Iterable[GlossaryInfo] = ()) -> Glossary:
        return cls({c.id: c for c in concepts}, list(infos))

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def get(self, concept_id: str) -> Concept | None:
        return self.concepts.get(concept_id)

    @cached_property
    def languages(self) -> list[str]:
        seen: dict[str, None] = {}
        for info in self.infos:
            for lang in info.languages:
                seen.setdefault(lang, None)
        for c in self.concepts.values():
            for lang in c.terms:
                seen.setdefault(lang, None)
        return list(seen)

    @cached_property
    def _matchers(self) -> dict[str, TermMatcher]:
        return {}

    def matcher(self, lang: str = "en") -> TermMatcher:
        """The compiled exact matcher of ``lang``'s terms (built once)."""
        m = self._matchers.get(lang)
        if m is None:
            m = TermMatcher.build(self, lang)
            self._matchers[lang] = m
        return m

    @cached_property
    def _stem_matchers(self) -> dict[str, StemMatcher]:
        return {}

    def stem_matcher(self, lang: str) -> StemMatcher:
        """The inflection-tolerant matcher of ``lang``'s terms (source-side matching)."""
        m = self._stem_matchers.get(lang)
        if m is None:
            m = StemMatcher.build(self, lang)
            self._stem_matchers[lang] = m
        return m

    # -- lookups used by other rule families (TQ1xx untranslated words) ----------------------

    @cached_property
    def _known_words(self) -> frozenset[str]:
        words: set[str] = set()
        for c in self.concepts.values():
            for t in c.all_terms():
                key = fold(t.text)
                words.add(key)
                if t.lang == "en" or t.lang.startswith("en-"):
                    words.update(key.replace("-", " ").split())
        return frozenset(words)

    def has_term(self, word: str) -> bool:
        """True when ``word`` (any case) is a term of any language, or a word of an English
        term ("Khankendi", "Stepanakert", "Karabakh")."""
        return fold(word.strip()) in self._known_words

    @cached_property
    def _source_index(self) -> dict[tuple[str, str], list[str]]:
        index: dict[tuple[str, str], list[str]] = {}
        for c in self.concepts.values():
            for lang, terms in c.terms.items():
                if lang == "en" or lang.startswith("en-"):
                    continue
                for t in terms:
                    if t.is_bad or " " in t.text.strip():
                        continue
                    for reading in stems(t.text, lang):
                        ids = index.setdefault((lang, reading), [])
                        if c.id not in ids:
                            ids.append(c.id)
        return index

    def english_for(self, word: str, lang: str | None = None) -> list[str]:
        """Preferred English terms of the concepts whose one-word term in another language is
        ``word``, in any inflection ("миротворцы" -> ["peacekeepers"])."""
        langs = [lang] if lang else [x for x in self.languages if x != "en"]
        out: list[str] = []
        for lg in langs:
            for reading in stems(word, lg):
                for cid in self._source_index.get((lg, reading), ()):
                    pref = self.concepts[cid].preferred("en")
                    if pref is not None and pref.text not in out:
                        out.append(pref.text)
        return out

    def __getstate__(self) -> dict[str, object]:
        # Pickle only the data; compiled matchers are rebuilt on demand.
        return {"concepts": self.concepts, "infos": self.infos}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
