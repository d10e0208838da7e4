"""TQ329: a comparative or superlative marked twice ("more stronger", "the most biggest").

Russian and Bulgarian form the comparative with a word (более, по-) or an ending, Turkish and
Azerbaijani with a word (daha, en); MT sometimes keeps both the word and the English ending.
The detector is literal-led: it looks only after "more", "most", "less" and "least" and asks
lemminflect whether the next word is a comparative or superlative adjective form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import match_case, shown
from tqkit.checks.mtgrammar._words import inflections, previous_word, word_hits_matches, word_lemmas
from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_DEGREE_WORDS = ("more", "most", "less", "least")
_NEXT_RE = re.compile(r"[ \t]+([a-z]+)(?![\w'’-])")
_AFTER_RE = re.compile(r"[ \t]*([a-z]+|[.,;:!?)\"”]|$)")
# after a comparative, what shows it is the predicate or ends the phrase ("more stronger
# than"); a noun after it may make "more" a quantifier ("more older people voted")
_ENDS_PHRASE = frozenset({"than", "and", "or", "but", "to", "for", "in", "on", "at", "with", "by", "as", "if", "when"})
# "more" as a quantifier or in a fixed phrase before a comparative is fine: "one more", "no more"
_QUANTIFIER_BEFORE = frozenset(
    (
        "one ones some any no two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen twenty dozen hundred thousand several many few lot much far even once and"
    ).split()
)
# comparative-looking forms that are words of their own
_NOT_DEGREE = frozenset({"other", "rather", "former", "latter", "upper", "outer", "inner", "utter", "elder", "eldest"})


@register
class DoubleComparative(Rule):
    """A comparative or superlative marked twice ("more stronger", "the most biggest").

    **What it does.** Reports "more" or "less" before a comparative adjective ("bigger",
    "better") and "most" or "least" before a superlative ("biggest", "best"), as lemminflect's
    lexicon knows the forms. A comparative after "more" is reported only when the phrase ends
    there ("more stronger than", "more bigger.") and not after "one more", "no more" or "some
    more"; "more older people" may be "more (older people)" and is left alone.

    **Why it matters.** Slavic and Turkic sources mark the degree with a word, and MT keeps the
    word and the English ending; the double form reads as broken English.

    **Example.** "Armenia is among the most biggest importers" becomes "the biggest importers".

    **Fix safety.** Safe: dropping "more" or "most" keeps the meaning, which the ending already
    carries.
    """

    code = "TQ329"
    name = "double-comparative"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "Armenia is among the most biggest importers of gas.",
        "This is the most highest figure in ten years.",
        "The new terminal will be more larger than the old one.",
        "Relations became more closer, the minister said.",
    )
    quiet = (
        "Armenia is among the biggest importers of gas.",
        "The new terminal will be larger than the old one.",
        "More older people voted this time.",
        "One more bigger problem remains.",
        "Most other countries agreed.",
        "The most senior officials attended.",
        "It was the least worst option.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for m in word_hits_matches(folded, _DEGREE_WORDS):
            nxt = _NEXT_RE.match(folded, m.end())
            if nxt is None:
                continue
            word = nxt.group(1)
            degree = folded[m.start() : m.end()]
            if word in _NOT_DEGREE or not view[nxt.start(1) : nxt.end(1)].islower():
                continue
            tag = "JJS" if degree in ("most", "least") else "JJR"
            if not _degree_form(word, tag):
                continue
            if tag == "JJR" and not self._ends_phrase(folded, nxt.end(), previous_word(view, m.start())):
                continue
            if degree == "least" and word == "worst":
                continue  # "the least worst option": an established phrase
            span = Span(m.start(), nxt.end(1))
            right = match_case(view[nxt.start(1) : nxt.end(1)], view[m.start() : m.start() + 1])
            yield self.finding(
                doc,
                span,
                f"“{shown(view[span.start : span.end])}”: the degree is marked twice; write “{right}”.",
                [Fix.replace(span, right, f"Replace with “{right}”", safe=True)],
            )

    @staticmethod
    def _ends_phrase(folded: str, end: int, prev: str) -> bool:
        if prev in _QUANTIFIER_BEFORE or prev[:1].isdigit():
            return False
        after = _AFTER_RE.match(folded, end)
        if after is None:
            return False
        token = after.group(1)
        return not token or not token[0].isalpha() or token in _ENDS_PHRASE


def _degree_form(word: str, tag: str) -> bool:
    """``word`` is a comparative (JJR) or superlative (JJS) form of an adjective."""
    if not word.endswith(("er", "est")) and word not in ("better", "best", "worse", "worst"):
        return False
    adjectives = word_lemmas(word).get("ADJ", ())
    if not adjectives or word in adjectives:
        return False
    return any(word in inflections(lemma, "ADJ").get(tag, ()) for lemma in adjectives)
