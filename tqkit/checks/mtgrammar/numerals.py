"""TQ319: a singular noun after a number above one ("three village were shelled", "5 new
school have opened").

Russian, Ukrainian and Bulgarian put the noun after some numerals in a singular case form, and
Azerbaijani, Turkish and Kazakh never mark the plural after a number; MT sometimes keeps the
singular. The detector is literal-led: it looks only at number tokens (digits or two ... twenty)
and checks the noun that follows with lemminflect's noun lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import shown
from tqkit.checks.mtgrammar._words import inflections, word_lemmas
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.literals import literal_finditer
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    "seventy|eighty|ninety|several|many|dozens|hundreds|thousands|numerous"
)
_WORD_RE = re.compile(r"[ \t]+([A-Za-z][a-z'’-]*)")
# a count: digits (not a year, not a decimal, not part of a time or a code) or a number word
_COUNT_RE = re.compile(
    r"(?<![\w.,:/#№-])(?:(?:[2-9]|[1-9]\d{1,2})(?:,\d{3})*|(?:" + _NUMBER_WORDS + r"))(?![\w.,:/%-])",
    re.IGNORECASE,
)
# every match of _COUNT_RE starts with one of these (the scan runs only where they occur)
_COUNT_STARTS = frozenset("123456789") | frozenset(_NUMBER_WORDS.split("|"))
# what may follow the noun for the count to govern it: a verb, a preposition, a conjunction or
# punctuation; a following noun ("27 member states") means the word was used attributively
_VERB_AFTER = frozenset(
    {
        "were",
        "was",
        "are",
        "is",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "remain",
        "remained",
        "died",
        "live",
        "lived",
        "took",
        "received",
        "became",
    }
)
_OTHER_AFTER = frozenset(
    {"in", "on", "at", "of", "from", "near", "with", "and", "or", "who", "which", "that", "across", "around", "during"}
)
_PUNCT_AFTER_RE = re.compile(r"[ \t]*[,.;:!?)]")
# words that stay singular after a number in English (units, invariable nouns, measures)
_ATTRIBUTIVE = frozenset(
    {
        "percent",
        "per",
        "cent",
        "million",
        "billion",
        "thousand",
        "hundred",
        "dozen",
        "trillion",
        "year",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "second",
        "time",
        "mile",
        "kilometre",
        "kilometer",
        "km",
        "metre",
        "meter",
        "foot",
        "inch",
        "pound",
        "kilogram",
        "kg",
        "ton",
        "tonne",
        "litre",
        "liter",
        "gallon",
        "storey",
        "story",
        "member",
        "point",
        "game",
        "goal",
        "seat",
        "man",
        "degree",
        "acre",
        "hectare",
        "euro",
        "dollar",
        "lev",
        "dram",
        "manat",
        "tenge",
        "hryvnia",
        "ruble",
        "rouble",
        "lira",
        "lari",
        "yen",
        "yuan",
        "pence",
        "penny",
        "step",
        "stage",
        "round",
        "phase",
        "lane",
        "page",
        "part",
        "percentage",
        "fold",
        "times",
        "o'clock",
        "more",
        "less",
        "other",
        "of",
        "and",
        "or",
        "to",
        "a",
        "the",
        "on",
        "in",
        "billionth",
        "square",
        "cubic",
        "digit",
        "bit",
        "volt",
        "watt",
        "byte",
        "sided",
        "yard",
    }
)
_MULTIPLIERS = frozenset({"hundred", "thousand", "million", "billion"})
_CURRENCY_SIGNS = "$€£₽¥₺₼₴₾֏"
_BEFORE_RE = re.compile(r"([^\W\d_][\w'’]*|[\d)#№])[^\w\n]{0,2}$")
_NO_COUNT_BEFORE = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "each",
        "every",
        "per",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "no",
        "number",
        "article",
        "chapter",
        "section",
        "page",
        "room",
        "flight",
        "route",
        "line",
        "bus",
        "platform",
        "gate",
        "grade",
        "class",
        "level",
        "category",
        "type",
        "model",
        "version",
        "phase",
        "stage",
        "group",
        "block",
        "unit",
        "district",
        "ward",
        "zone",
        "one",
        "first",
        "top",
        "last",
        "only",
    }
)


@lru_cache(maxsize=4096)
def _plural_of(word: str) -> str | None:
    """The regular plural when ``word`` is only a singular countable noun (never a plural, an
    invariable noun or a word that is also an adjective)."""
    lemmas = word_lemmas(word)
    nouns = lemmas.get("NOUN", ())
    verbs = lemmas.get("VERB", ())
    if word not in nouns or (verbs and word not in verbs):
        return None
    plurals = inflections(word, "NOUN").get("NNS", ())
    if not plurals or word in plurals:
        return None
    return plurals[0]


@lru_cache(maxsize=4096)
def _adjective_only(word: str) -> bool:
    lemmas = word_lemmas(word)
    return "ADJ" in lemmas and "NOUN" not in lemmas and "VERB" not in lemmas


@register
class SingularAfterNumber(Rule):
    """A singular noun after a count above one ("three village were shelled", "15 new case of
    infection"); units, measures and attributive uses ("5 percent", "27 member states") stay
    quiet.

    **What it does.** Reports a count above one (2, 15, 1,200, "three", "several") followed, after
    at most two adjectives, by a singular countable noun that has a plural ("village", "school"),
    when a verb, a preposition, a conjunction or punctuation comes next. Units and measures that
    English keeps singular ("5 percent", "two million", "a 10 year plan", "27 member states"),
    years, decimals, times, codes and counts after "a", "the", "No." or a capitalised word are
    left alone, as are nouns that are also adjectives before "and" or a comma.

    **Why it matters.** Slavic sources put the noun in a singular case form after some numbers
    and Turkic sources never mark the plural after a number; MT keeps the singular and the
    sentence reads as broken English.

    **Example.** "Three village were shelled overnight" becomes "Three villages were shelled".

    **Fix safety.** Unsafe: the plural is lemminflect's; the editor checks the verb agrees.
    """

    code = "TQ319"
    name = "singular-after-number"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "Three village were shelled overnight.",
        "The city opened 5 new hospital in May.",
        "Several village in the district were flooded.",
    )
    quiet = (
        "Three villages were shelled overnight.",
        "Prices rose 5 percent in May.",
        "The 27 member states agreed.",
        "A 10 year plan was adopted.",
        "The 2023 budget was adopted.",
        "He was born in Room 3 of the clinic.",
        "Two million people voted.",
        "Route 66 was closed.",
        "Three civilian and two military vehicles burned.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in literal_finditer(_COUNT_RE, view, doc.folded, _COUNT_STARTS):
            if self._counts_blocked(view, m.start()):
                continue
            hit = self._noun_after(view, m.end())
            if hit is None:
                continue
            start, end, _word, plural = hit
            span = Span(m.start(), end)
            fix = Fix(f"Write the plural: “{plural}”", (Edit(Span(start, end), plural),), safe=False)
            yield self.finding(
                doc,
                span,
                f"“{shown(view[span.start : span.end])}”: after a number above one the noun is "
                f"plural in English (“{plural}”).",
                [fix],
            )

    @staticmethod
    def _counts_blocked(view: str, at: int) -> bool:
        i = at - 1
        while i >= 0 and view[i] in " \t":
            i -= 1
        if i >= 0 and view[i] in _CURRENCY_SIGNS:
            return True
        m = _BEFORE_RE.search(view, max(0, at - 40), at)
        if m is None:
            return False
        prev = m.group(1)
        return (
            prev.lower() in _NO_COUNT_BEFORE
            or prev[0].isdigit()
            or prev in ")#№"
            or (prev[0].isupper() and not SingularAfterNumber.sentence_start(view, m.start()))
        )

    @staticmethod
    def sentence_start(view: str, at: int) -> bool:
        i = at - 1
        while i >= 0 and view[i] in " \t\"“‘'«(":
            i -= 1
        return i < 0 or view[i] in ".!?…:\n\r"

    @staticmethod
    def _noun_after(view: str, pos: int) -> tuple[int, int, str, str] | None:
        for _ in range(4):
            m = _WORD_RE.match(view, pos)
            if m is None:
                return None
            word = m.group(1)
            low = word.lower()
            if low in _MULTIPLIERS:  # "two hundred resident"
                pos = m.end()
                continue
            if word[0].isupper() or "-" in word or low in _ATTRIBUTIVE:
                return None
            plural = _plural_of(low)
            if plural is None:
                if not _adjective_only(low):
                    return None
                pos = m.end()
                continue
            return (m.start(1), m.end(1), word, plural) if _governs(view, m.end(), low) else None
        return None


def _governs(view: str, pos: int, word: str) -> bool:
    if _PUNCT_AFTER_RE.match(view, pos):
        return "ADJ" not in word_lemmas(word)
    m = _WORD_RE.match(view, pos)
    if m is None:
        return False
    nxt = m.group(1).lower()
    if nxt in _VERB_AFTER:
        return True
    return nxt in _OTHER_AFTER and "ADJ" not in word_lemmas(word)
