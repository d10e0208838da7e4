"""TQ314: "one of the" with a singular noun."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import match_case, shown
from tqkit.checks.mtgrammar._words import (
    inflections,
    word_lemmas,
)
from tqkit.checks.mtgrammar.objects import count_nouns
from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# -- TQ314: "one of the" + singular noun -------------------------------------------------------

_ONE_OF_RE = re.compile(
    r"\bone\s+of\s+(?:the|its|their|his|her|our|these|(those)|your|my|[a-z][\w-]*['’]s)\s+(?:(\w+)\s+)?"
)
_NP_WORD_RE = re.compile(r"([A-Za-z][A-Za-z'’-]*)|([^\sA-Za-z])")
_NP_BOUNDARY = frozenset(
    {
        "in",
        "of",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "about",
        "that",
        "which",
        "who",
        "whom",
        "where",
        "and",
        "or",
        "but",
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "have",
        "will",
        "would",
        "can",
        "could",
        "as",
        "since",
        "after",
        "before",
        "during",
        "when",
        "while",
    }
)
_NOT_IN_NP = frozenset(
    {
        "most",
        "more",
        "least",
        "few",
        "many",
        "same",
        "other",
        "others",
        "first",
        "last",
        "best",
        "worst",
        "top",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "hundred",
        "thousand",
        "dozen",
        "very",
        "so",
        "such",
        "biggest",
        "largest",
        "latter",
        "former",
    }
)
# Nouns whose usual plural is the singular form.
_ZERO_PLURAL = frozenset(
    {
        "fish",
        "sheep",
        "deer",
        "species",
        "series",
        "aircraft",
        "spacecraft",
        "offspring",
        "salmon",
        "trout",
        "cod",
        "moose",
        "bison",
        "swine",
        "cattle",
        "means",
        "crossroads",
        "headquarters",
        "shrimp",
        "squid",
        "elk",
        "reindeer",
        "grouse",
        "quail",
        "buffalo",
        "craft",
        "hovercraft",
    }
)
_DEGREE = frozenset({"most", "more", "least", "less", "very", "so", "too", "quite", "rather"})
# Collective nouns: "one of the family", "one of the team" are English.
_COLLECTIVE = frozenset(
    {
        "team",
        "family",
        "crowd",
        "group",
        "gang",
        "party",
        "public",
        "staff",
        "crew",
        "club",
        "band",
        "squad",
        "cast",
        "audience",
        "committee",
        "council",
        "board",
        "jury",
        "panel",
        "government",
        "opposition",
        "majority",
        "minority",
        "elite",
        "clergy",
        "police",
        "military",
        "press",
        "media",
        "personnel",
        "company",
        "household",
        "unit",
        "delegation",
        "couple",
        "pair",
        "trio",
        "duo",
        "guard",
        "class",
        "faculty",
        "faithful",
        "congregation",
        "community",
        "population",
        "people",
        "youth",
        "army",
        "navy",
        "force",
        "regiment",
        "battalion",
        "brigade",
        "platoon",
        "division",
        "corps",
        "orchestra",
        "choir",
        "troupe",
        "lot",
        "bunch",
        "batch",
        "kind",
        "sort",
        "type",
        "generation",
        "fold",
        "flock",
        "herd",
        "pack",
        "litter",
        "brood",
        "tribe",
        "clan",
        "dynasty",
        "line",
        "order",
        "society",
        "league",
        "alliance",
        "coalition",
        "union",
        "bloc",
        "cabinet",
        "parliament",
        "senate",
        "house",
        "assembly",
        "chamber",
        "court",
        "bench",
        "bar",
        "fleet",
        "convoy",
        "network",
        "chain",
        "series",
        "set",
        "range",
        "collection",
        "lineup",
        "roster",
        "field",
        "peloton",
        "posse",
        "mob",
        "horde",
        "rank",
        "file",
        "establishment",
        "aristocracy",
        "nobility",
        "gentry",
        "poor",
        "rich",
        "wealthy",
        "dead",
        "injured",
        "wounded",
        "accused",
        "living",
        "missing",
        "young",
        "old",
        "elderly",
        "unemployed",
        "homeless",
        "disabled",
        "sick",
        "lucky",
        "brave",
        "few",
    }
)


@register
class OneOfSingular(Rule):
    """ "One of the" followed by a singular noun ("one of the largest city").

    **What it does.** Reports "one of the" (or "one of its/their/these ...") when the noun
    phrase that follows ends, before punctuation or a preposition, in a singular countable
    noun whose plural exists ("one of the largest city in Europe"). Collective nouns ("one of
    the family", "one of the team"), adjectives used as nouns ("one of the wounded"), names,
    numbers and nouns whose plural is the same word ("one of the sheep") are left alone.

    **Why it matters.** Languages without articles mark the plural on the adjective or not at
    all, and MT loses it; the phrase reads as broken English.

    **Example.** "one of the largest city in Europe" becomes "one of the largest cities".

    **Fix safety.** Unsafe: the fix puts the noun in the plural; the editor checks the rest of
    the noun phrase.
    """

    code = "TQ314"
    name = "one-of-singular"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "It is one of the largest city in Europe.",
        "Armenia is one of the country that signed.",
        "He was one of the most popular politician, polls show.",
        "It became one of Europe's largest producer of gas.",
    )
    quiet = (
        "It is one of the largest cities in Europe.",
        "He is one of the family.",
        "One of the wounded died.",
        "One of the sheep escaped.",
        "She is one of the best.",
        "One of the country's largest banks failed.",
        "One of the two sides agreed.",
        "It is one of the hotel restaurants.",
        "He was one of the team that won.",
        "One of those responsible was arrested.",
        "One of Europe's largest banks failed.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        pos = folded.find("one of ")
        while pos != -1:
            at = pos
            pos = folded.find("one of ", pos + 7)
            m = _ONE_OF_RE.match(folded, at)
            if m is None or (at and folded[at - 1].isalpha()):
                continue
            head = self._head(view, m.start(2) if m.group(2) else m.end())
            if head is None or (m.group(1) and head[0] == m.start(2)):
                continue  # "one of those responsible": "those" is a pronoun here
            s, e, word = head
            plural = self._plural(word, ctx)
            if plural is None:
                continue
            plural = match_case(plural, word)
            yield self.finding(
                doc,
                Span(at, e),
                f"“{shown(view[at:e])}”: after “one of the” the noun is plural (“{plural}”).",
                [Fix.replace(Span(s, e), plural, f"Replace “{word}” with “{plural}”", safe=False)],
            )

    @staticmethod
    def _head(view: str, pos: int) -> tuple[int, int, str] | None:
        prev: tuple[int, int, str] | None = None
        previous = last = ""
        for i, m in enumerate(_NP_WORD_RE.finditer(view, pos, min(len(view), pos + 80))):
            if i > 5:
                return None
            if m.group(2) is not None:  # punctuation or a digit
                if m.group(2) in '.,;:!?)"”' and prev is not None and last not in _DEGREE:
                    return prev
                return None
            word = m.group(1)
            low = word.lower()
            if low in ("and", "or", "but"):
                return None  # a coordinated noun phrase: too complex to judge
            if low in _NP_BOUNDARY:
                return prev if last not in _DEGREE else None
            if not word.islower() or "'" in low or "’" in low or "-" in low:
                return None
            if prev is not None and prev[2].endswith("s") and not prev[2].endswith(("ss", "us", "is")):
                return None  # the noun phrase already ended in a plural ("reasons teachers leave")
            prev = None if low in _NOT_IN_NP else (m.start(1), m.end(1), word)
            last = previous
            previous = low
        return None

    @staticmethod
    def _plural(word: str, ctx: CheckContext) -> str | None:
        if word in _COLLECTIVE or word.endswith(("ed", "ly", "est", "ss")):
            return None
        if word.endswith("ing") and word not in count_nouns():
            return None  # a gerund; "building" and "meeting" are count nouns
        lemmas = word_lemmas(word)
        nouns = lemmas.get("NOUN", ())
        if word not in nouns or lemmas.get("ADV") or lemmas.get("PROPN"):
            return None
        plurals = inflections(word, "NOUN").get("NNS", ())
        if not plurals or plurals[0] == word or word in _ZERO_PLURAL:
            return None
        if word in plurals and not ctx.resources.is_common_word(plurals[0]):
            return None  # a plural the same as the singular is usual ("freshwater fish")
        if lemmas.get("ADJ") and not ctx.resources.is_common_word(plurals[0]):
            return None  # an adjective used as a noun ("one of the accused")
        return plurals[0]
