"""TQ356: a measure before a noun written as a plural or without its hyphen ("a 12 kilometres
pipeline", "a 60 seats kindergarten", "one kilometer road").

Russian, Ukrainian, Bulgarian and Turkish put a measure before a noun with a genitive or an
adjective (двенадцатикилометровый, 60-местный, 1 km'lik); MT writes the plural unit or the bare
phrase where English makes a hyphenated compound adjective with a singular unit ("a
12-kilometre pipeline"). The detector reads the units of ``glossaries/grammar-word-classes.tsv``
(``unit``) after a number; a preposition before the number ("for 20 years residents have ...")
and words that follow a measure in English ("ago", "old", "long", "time", "notice") are left
alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import shown
from tqkit.checks.mtgrammar._anchors import anchor_offsets, register_anchors
from tqkit.checks.mtgrammar._words import inflections, previous_word, word_class, word_lemmas
from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_NUMBER = (
    r"\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred"
)
_NUMBER_BEFORE_RE = re.compile(r"(?<![\w.,'’-])(?:" + _NUMBER + r")[ \t]+$")
_DETERMINERS = frozenset("a an the this that each every its their his her our one".split())
_PREPOSITIONS = frozenset(
    (
        "for in over during after within from since about around nearly almost some of than by at to "
        "past last next first up under more less"
    ).split()
)
# words English puts after a measure: "two years ago", "ten days later", "five years old"
_AFTER_MEASURE = frozenset(
    (
        "ago later earlier before after old long wide high deep tall thick away time notice experience "
        "prison jail imprisonment probation mourning per apart behind ahead running straight each "
        "more less back plus minus nothing something everything anything it this that there we you they he "
        "she i me us them him her or and but nor yet so if then"
    ).split()
)


_TIME_UNITS = frozenset("hour day week month year minute".split())


@lru_cache(maxsize=1)
def _units() -> tuple[frozenset[str], frozenset[str]]:
    """(singular units, plural units)."""
    singular = word_class("unit")
    plural: set[str] = set()
    for unit in singular:
        plural.update(inflections(unit, "NOUN").get("NNS", ()))
    return singular, frozenset(plural - singular)


@lru_cache(maxsize=1)
def _measure_re() -> re.Pattern[str]:
    singular, plural = _units()
    units = "|".join(sorted(singular | plural, key=lambda w: (-len(w), w)))
    return re.compile(r"(?<![\w.,'’-])(" + _NUMBER + r")[ \t]+(" + units + r")[ \t]+([a-z]+)(?![\w'’-])(?![ \t]+of\b)")


def _measures(folded: str) -> Iterator[re.Match[str]]:
    """The matches of the measure pattern, found from the units (the shared anchor scan), the
    number read backwards from each."""
    singular, plural = _units()
    units = sorted(singular | plural)
    register_anchors(units)
    last_end = 0
    for pos in anchor_offsets(folded, units):
        back = _NUMBER_BEFORE_RE.search(folded, max(0, pos - 24), pos)
        if back is None or back.start() < last_end:
            continue
        m = _measure_re().match(folded, back.start())
        if m is not None and m.start(2) == pos:
            last_end = m.end()
            yield m


@register
class MeasureCompound(Rule):
    """A measure before a noun written with a plural unit or without its hyphen ("a 12
    kilometres pipeline", "a 60 seats kindergarten", "one kilometer road").

    **What it does.** Reports a number and a unit (kilometre, metre, hectare, tonne, storey,
    seat, bed, hour, day, year ... from `glossaries/grammar-word-classes.tsv`) directly before a
    singular noun, when the unit is plural ("a 5 kilometers road") or, singular, when no article
    comes before the number ("one kilometer road"). A preposition before the number ("for 20
    years residents have ...") and the words English writes after a measure ("two years ago",
    "five years old", "two years time") are left alone.

    **Why it matters.** English makes a measure before a noun one hyphenated adjective with a
    singular unit ("a 12-kilometre pipeline", "a 60-seat school"); the plural unit or the bare
    phrase reads as a word-for-word translation.

    **Example.** "The district will get a 12 kilometres pipeline" becomes "The district will get
    a 12-kilometre pipeline".

    **Fix safety.** Unsafe: the compound is offered, but "12 kilometres of pipeline" may be
    meant.
    """

    code = "TQ356"
    name = "measure-compound"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The district will get a 12 kilometres pipeline next year.",
        "They opened a 60 seats kindergarten in the village.",
        "We can repair only one kilometer road this year.",
    )
    quiet = (
        "The district will get a 12-kilometre pipeline next year.",
        "They built 12 kilometres of pipeline.",
        "He was jailed two years ago.",
        "For 20 years residents have complained about the road.",
        "The boy is five years old.",
        "A 10 km road links the villages.",
        "The 5 percent rise was expected.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        singular, plural = _units()
        for m in _measures(folded):
            unit, noun = m.group(2), m.group(3)
            if m.group(1) == "one" and unit in _TIME_UNITS:
                continue  # "one day we", "one year later": an adverb of time
            if not self._noun(view[m.start(3) : m.end(3)], noun):
                continue
            if folded[max(0, m.start() - 3) : m.start()].rstrip().endswith("/"):
                continue  # a fraction ("3 1/2 inch")
            before = previous_word(folded, m.start())
            if before in _PREPOSITIONS or (unit in singular and before in _DETERMINERS):
                continue  # an adverbial ("for 20 years residents"), or a hyphen left out after "a"
            one = self._singular(unit) if unit in plural else unit
            fixed = f"{view[m.start(1) : m.end(1)]}-{view[m.start(2) : m.start(2) + len(one)] if unit.startswith(one) else one}"
            yield self.finding(
                doc,
                Span(m.start(), m.end(3)),
                f"“{shown(view[m.start() : m.end(3)])}”: a measure before a noun is one hyphenated "
                f"adjective with a singular unit in English (“a {fixed} {noun}”), or say “{view[m.start() : m.end(2)]} of {noun}”.",
                [Fix.replace(Span(m.start(), m.end(2)), fixed, safe=False)],
            )

    @staticmethod
    def _singular(unit: str) -> str:
        for lemma in word_lemmas(unit).get("NOUN", ()):
            if lemma in word_class("unit"):
                return lemma
        return unit[:-1]

    @staticmethod
    def _noun(written: str, noun: str) -> bool:
        """A singular common noun that a measure can describe."""
        if not written.islower() or noun in _AFTER_MEASURE or noun in _units()[0] or noun in _units()[1]:
            return False
        lemmas = word_lemmas(noun)
        if not lemmas.get("NOUN") or any(lemmas.get(k) for k in ("ADV", "ADP", "PRON", "DET", "AUX")):
            return False
        return noun in inflections(lemmas["NOUN"][0], "NOUN").get("NN", (noun,))
