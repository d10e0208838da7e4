"""The term base: concepts with terms per language, each term with a status.

A :class:`Glossary` is immutable once built; its matchers are compiled on first use and cached,
so a process pays for compiling them once however many documents it checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from tqkit.document import fold  # re-exported: glossary code matches on folded text

if TYPE_CHECKING:
    from tqkit.glossary.matcher import StemMatcher, TermMatcher

STATUSES = ("preferred", "admitted", "deprecated", "forbidden")
# Statuses of terms that are acceptable renderings of a concept.
GOOD_STATUSES = frozenset({"preferred", "admitted"})
BAD_STATUSES = frozenset({"deprecated", "forbidden"})
# TBX termType values (Basic module) accepted as ``type``.
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
SHORT_TYPES = frozenset({"acronym", "abbreviation", "shortForm"})
# Parts of speech: TBX-Basic's picklist plus ``proper-noun``, ``phrase`` and ``adj`` (an alias).
POS_VALUES = ("noun", "proper-noun", "verb", "adjective", "adj", "adverb", "phrase", "other")
SEVERITIES = ("info", "warning", "error")

_LANG_CODE_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def normalise_lang(code: str) -> str | None:
    """A language code as the glossary format spells it (``EN_us`` -> ``en-US``): primary subtag
    lower-case, a two-letter region upper-case, ``_`` as ``-``. ``None`` when it is no code."""
    code = code.strip()
    if not _LANG_CODE_RE.match(code):
        return None
    primary, *rest = code.replace("_", "-").split("-")
    tail = [t.upper() if len(t) == 2 else t.title() if len(t) == 4 else t.lower() for t in rest]
    return "-".join([primary.lower(), *tail])


def normalise_id(text: str) -> str:
    """A concept id the glossary format accepts (lower-case letters, digits, ``.``, ``_``,
    ``-``): ``C001`` -> ``c001``, ``Bad Id`` -> ``bad-id``; empty when nothing is left."""
    return re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower()).strip("-._")


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Term:
    """One term of one concept in one language."""

    text: str
    lang: str
    status: str = "admitted"
    pos: str | None = None
    case_sensitive: bool = False
    usage: str | None = None
    attribution: bool = False
    type: str | None = None
    # For deprecated/forbidden terms: the finding's severity (default warning). An admitted
    # term with a severity is reported too ("admitted, but say the precise form").
    severity: str | None = None
    # The suggestion to offer instead of the concept's preferred term.
    replace_with: str | None = None
    note: str | None = None
    line: int = 0

    @property
    def key(self) -> str:
        return fold(self.text)

    @property
    def is_good(self) -> bool:
        return self.status in GOOD_STATUSES

    @property
    def is_bad(self) -> bool:
        return self.status in BAD_STATUSES

    @property
    def is_proper(self) -> bool:
        return self.pos == "proper-noun" or self.case_sensitive


@dataclass(frozen=True)
class Concept:
    id: str
    terms: dict[str, tuple[Term, ...]]
    domain: str | None = None
    definition: str | None = None
    note: str | None = None
    review: str | None = None
    sources: tuple[Source, ...] = ()
    file: str = "-"
    line: int = 0
    glossary: str | None = None

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        """Terms of ``lang``; a bare language ("en") also takes its regional forms ("en-US")."""
        found = self.terms.get(lang, ())
        if "-" in lang:
            return found
        prefix = lang + "-"
        regional = tuple(t for code, ts in self.terms.items() if code.startswith(prefix) for t in ts)
        return found + regional if regional else found

    def preferred(self, lang: str) -> Term | None:
        """The preferred term of ``lang`` (else the first admitted one)."""
        terms = self.terms_in(lang)
        for t in terms:
            if t.status == "preferred":
                return t
        for t in terms:
            if t.status == "admitted":
                return t
        return None

    def good_terms(self, lang: str) -> list[Term]:
        return [t for t in self.terms_in(lang) if t.is_good]

    def all_terms(self) -> Iterator[Term]:
        for terms in self.terms.values():
            yield from terms

    @property
    def label(self) -> str:
        pref = self.preferred("en")
        return pref.text if pref else self.id


@dataclass(frozen=True)
class GlossaryInfo:
    """The ``glossary:`` header of one file."""

    id: str
    title: str | None = None
    domain: str | None = None
    languages: tuple[str, ...] = ()
    file: str = "-"


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
            from tqkit.glossary.matcher import TermMatcher

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
            from tqkit.glossary.matcher import StemMatcher

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
        from tqkit.glossary.matcher import stems

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
        from tqkit.glossary.matcher import stems

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
