"""TQ332: a demonstrative that does not agree with its noun in number ("these decision", "this
villages").

Turkic languages and Armenian do not mark the plural after a demonstrative, and MT sometimes
keeps the singular noun. The detector is literal-led ("these", "those", "this" in
``Document.folded``); cheap tests of word shape and of what follows come before any lemminflect
look-up.
"""

from __future__ import annotations

from collections.abc import Iterator

from tqkit.checks._text import match_case, shown
from tqkit.checks.mtgrammar._words import finite_form, inflections, word_hits_matches, word_lemmas
from tqkit.checks.mtgrammar.determiners import next_words_after, plural_noun, pure_adjective, singular_noun
from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# -- TQ332: a demonstrative that does not agree with its noun ------------------------------------

_DEMONSTRATIVES = ("these", "those", "this")
# "those responsible", "those eligible": "those" + an adjective names people; the lexicon lists
# some such adjectives as nouns only, so their endings decide.
_ADJECTIVE_ENDINGS = ("ible", "able", "ive", "ous", "ful", "less")
_CLOSED = frozenset(
    "the a an his her its their our my your it he she they we you him them us me not also only all very so".split()
)
_PLURAL_VERBS = frozenset("are were have do will would can could should may might must".split())
_BOUNDARY = frozenset(
    (
        "is was are were has have had will would can could should may might must and or but of in on at to for "
        "with by from that which who as after before during since"
    ).split()
)


@register
class DemonstrativeNumber(Rule):
    """ "These" or "those" with a singular noun, or "this" with a plural ("these decision",
    "this measures").

    **What it does.** Reports these or those followed (after at most one adjective) by a
    singular count noun, and this followed by a plural noun, when the noun ends the noun
    phrase (a verb, a preposition, a conjunction or punctuation follows). Words that are also
    verbs ("this shows"), nouns the same in both numbers ("these species", "this data"),
    compound nouns ("these computer codes") and names are left alone. A noun in -ing that
    has a plural ("these shooting", "these meeting took place") counts after these.

    **Why it matters.** Turkish, Azerbaijani and Armenian do not mark the plural after a
    demonstrative, and MT sometimes keeps the singular noun; it reads as broken English.

    **Example.** "These decision was taken unanimously" becomes "This decision was taken".

    **Fix safety.** Unsafe: either the demonstrative or the noun is wrong, and the editor
    decides which.
    """

    code = "TQ332"
    name = "demonstrative-number"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "These decision was taken unanimously.",
        "Those village were hit by shelling.",
        "This countries have signed the treaty.",
        "These important document was signed in Baku.",
        "One villager was wounded in these shooting.",
    )
    quiet = (
        "This decision was taken unanimously.",
        "These computer codes were leaked.",
        "This shows that the plan works.",
        "These species are protected.",
        "This data is public.",
        "These days prices are rising.",
        "Those present applauded.",
        "They called on those responsible to stop.",
        "These hunting dogs were seized.",
        "Those fleeing were stopped at the border.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for m in word_hits_matches(folded, _DEMONSTRATIVES):
            demonstrative = folded[m.start() : m.end()]
            words = next_words_after(view, m.end(), 3)
            i = self._noun_index(view, words, demonstrative == "this")
            if i is None and demonstrative == "these" and _ing_noun_before_verb(view, words):
                i = 0  # "these shooting were heard": a gerund noun that has a plural
            if i is None:
                continue
            noun, e = words[i][2], words[i][1]
            if demonstrative == "those" and i == 0 and noun.endswith(_ADJECTIVE_ENDINGS):
                continue  # "those responsible": the people who are
            strict = i == 0  # right after the demonstrative a verb may follow ("this shows")
            wrong = plural_noun(noun, strict=strict) if demonstrative == "this" else singular_noun(noun, strict=strict)
            wrong = wrong or (demonstrative == "these" and i == 0 and noun.endswith("ing"))
            if not wrong:
                continue
            right = {"these": "this", "those": "that", "this": "these"}[demonstrative]
            written = view[m.start() : m.end()]
            fixed = match_case(right, written)
            yield self.finding(
                doc,
                Span(m.start(), e),
                f"“{shown(view[m.start() : e])}”: “{written}” does not agree with “{noun}” in number "
                f"(“{fixed} {view[words[0][0] : e]}”, or change the noun).",
                [Fix.replace(Span(m.start(), m.end()), fixed, f"Replace “{written}” with “{fixed}”", safe=False)],
            )

    @classmethod
    def _noun_index(cls, view: str, words: list[tuple[int, int, str]], plural: bool) -> int | None:
        """Where the noun is (0, or 1 after an adjective), by cheap tests of shape and of what
        follows, before any look-up (clean copy then never loads the lexicon)."""
        for i in (0, 1):
            if i >= len(words):
                return None
            noun = words[i][2]
            if not noun.islower() or noun in _BOUNDARY or noun in _CLOSED:
                return None
            if plural and (noun.endswith(("ss", "us", "is")) or not cls._plural_verb_after(view, words, i)):
                return None  # "this process of", "this happens when": only "this countries have"
            if noun.endswith("s") == plural and cls._ends_phrase(view, words, i):
                if i == 1 and not pure_adjective(words[0][2]):
                    return None
                return i
        return None

    @staticmethod
    def _plural_verb_after(view: str, words: list[tuple[int, int, str]], i: int) -> bool:
        """A plural verb after the noun ("this countries have"), or punctuation after an
        adjective and the noun ("this new rules."; "if this happens," is a verb)."""
        end = words[i][1]
        if i == 1 and view[end : end + 1] in (".", ",", ";", ":", "!", "?", ")"):
            return True
        return i + 1 < len(words) and words[i + 1][2].lower() in _PLURAL_VERBS

    @staticmethod
    def _ends_phrase(view: str, words: list[tuple[int, int, str]], i: int) -> bool:
        end = words[i][1]
        after = view[end : end + 2].lstrip(" \t")
        if after[:1] in (".", ",", ";", ":", "!", "?", ")"):
            return True
        if i + 1 >= len(words) or words[i + 1][0] - end > 2:
            return False
        nxt = words[i + 1][2].lower()
        return nxt in _BOUNDARY


def _ing_noun_before_verb(view: str, words: list[tuple[int, int, str]]) -> bool:
    """ "these shooting." / "these meeting took place": a noun in -ing that has a plural in -s
    ("shootings"), then punctuation or a finite verb."""
    if not words:
        return False
    noun, end = words[0][2], words[0][1]
    if not noun.islower() or not noun.endswith("ing") or noun not in word_lemmas(noun).get("NOUN", ()):
        return False
    if noun + "s" not in inflections(noun, "NOUN").get("NNS", ()):
        return False
    if view[end : end + 1] in (".", ",", ";", ":", "!", "?", ")"):
        return True
    if len(words) < 2 or words[1][0] - end > 2:
        return False
    nxt = words[1][2].lower()
    return nxt in _PLURAL_VERBS or nxt in ("was", "is", "has") or finite_form(nxt) is not None
