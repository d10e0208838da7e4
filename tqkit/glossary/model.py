"""The parts of the term base: concepts with terms per language, each term with a status, and
the header of a glossary file. The term base itself (:class:`~tqkit.glossary.termbase.Glossary`,
with its compiled matchers) is built from them in :mod:`tqkit.glossary.termbase`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tqkit.text.fold import fold

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
