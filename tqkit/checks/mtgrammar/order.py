"""TQ318: a verb placed before its subject after a fronted adverbial ("In Baku was held a
conference", "On Monday opened the exhibition"); TQ334: an empty "it" before a passive verb
and its real subject ("It was discussed the issues").

Russian, Ukrainian, Bulgarian, Azerbaijani and Turkish put the place or time first and the verb
before the subject; machine translation keeps that order, and the English sentence has no
subject before its verb. The detector is literal-led: a sentence that opens with a short place
or time phrase (a preposition and one name, date or weekday, or "Yesterday", "Last week" ...)
is looked at only when the very next word is a verb form and a determiner or number follows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import shown
from tqkit.checks.mtgrammar._words import finite_form, irregular_verbs, opens_sentence, sentence_start
from tqkit.document import Document
from tqkit.findings import Category, Finding, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_PLACE_NOUN = (
    "region|city|capital|village|district|country|area|province|republic|town|"
    "settlement|oblast|community|square|building|hall|centre|center|parliament|"
    "ministry|court|border|zone"
)
# the fronted phrase: a preposition with one name, date, weekday or a place noun, or a time word
_NAME = r"[A-Z][\w'’-]*"
_PLACE = r"(?:[a-z]+[ \t]+)?(?:" + _PLACE_NOUN + r")(?:[ \t]+of[ \t]+" + _NAME + r")?"
_DATE = r"(?:\d{1,2}[ \t]+)?(?:" + _MONTH + r")(?:[ \t]+\d{1,2})?(?:,?[ \t]+\d{4})?|\d{4}"
_FRONT_RE = re.compile(
    r"(?:(?:In|On|At|During|Near|Over|From)[ \t]+(?:the[ \t]+)?"
    r"(?:" + _DATE + r"|" + _NAME + r"(?:[ \t]+of[ \t]+" + _NAME + r")?|" + _PLACE + r")"
    r"|Yesterday|Today|Earlier|Recently|Later|Last[ \t]+(?:week|month|year|night)"
    r"|This[ \t]+(?:week|month|year|morning|evening|afternoon))"
    # a second place or time: "Yesterday in Baku", "On Monday in the capital"
    r"(?:[ \t]+(?:in|on|at)[ \t]+(?:the[ \t]+)?(?:" + _NAME + r"|" + _PLACE + r"|" + _DATE + r"))?"
    r"[ \t]+(?:(was|were|is|are|has[ \t]+been|have[ \t]+been)[ \t]+)?([a-z]+)"
    r"[ \t]+(?:the|a|an|\d[\d,.]*|several|two|three|four|five|six|seven|eight|nine|ten|dozens|"
    r"hundreds|thousands|more|over|about|some|many|its|his|her|their)\b"
)
# verbs that English itself puts before the subject after a place or time ("In the corner stood
# a statue", "Last week saw the first snow", "Today marks the anniversary")
_INVERSION_OK = frozenset(
    {
        "came",
        "come",
        "comes",
        "stood",
        "stand",
        "stands",
        "lay",
        "lies",
        "sat",
        "sits",
        "rose",
        "rises",
        "followed",
        "follows",
        "saw",
        "sees",
        "marked",
        "marks",
        "brought",
        "brings",
        "witnessed",
        "witnesses",
        "lived",
        "lives",
        "remained",
        "remains",
        "emerged",
        "emerges",
        "appeared",
        "appears",
        "hung",
        "hangs",
        "loomed",
        "looms",
        "stretched",
        "stretches",
        "went",
        "goes",
        "ran",
        "runs",
        "heralded",
        "signalled",
        "signaled",
        "ushered",
        "sounded",
    }
)


@register
class FrontedAdverbialInversion(Rule):
    """The verb before its subject after an opening place or time ("In Baku was held a forum", "On
    Monday opened the exhibition"); English inversions ("In the corner stood a statue", "Last
    week saw ...") stay quiet.

    **What it does.** Reports a sentence that opens with a short place or time phrase ("In
    Baku", "On Monday", "In the region", "Yesterday") followed directly by a verb ("was held",
    "were detained", "opened") and then a determiner or a number: the subject comes after
    its verb, or is missing. Verbs that English itself inverts after a place or time ("In the
    corner stood a statue", "Last week saw the first snow", "Today marks the anniversary") are
    left alone, as is a sentence whose subject follows the phrase ("On Monday the parliament
    opened ...").

    **Why it matters.** Slavic and Turkic news sentences put the place and the time first and the
    verb before the subject; machine translation keeps the order and the English sentence
    reads as broken.

    **Example.** "In Baku was held a conference on energy" becomes "A conference on energy
    was held in Baku".

    **Fix safety.** No automatic fix: the editor rebuilds the sentence around its subject.
    """

    code = "TQ318"
    name = "fronted-adverbial-inversion"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "In Baku was held a conference on energy security.",
        "On Monday opened the international exhibition of tourism.",
        "In the region were detained three suspects.",
        "Yesterday in the capital started the session.",
    )
    quiet = (
        "In Baku a conference on energy security was held.",
        "On Monday the parliament opened its session.",
        "In the corner stood a statue of the poet.",
        "Last week saw the first snow of the year.",
        "Today marks the tenth anniversary of the treaty.",
        "In March, the government adopted the plan.",
        "In 2019 the company opened a plant.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in _FRONT_RE.finditer(view):
            if not sentence_start(view, m.start()) or not self._inverted(m):
                continue
            end = m.end(2)
            span = Span(m.start(), end)
            yield self.finding(
                doc,
                span,
                f"“{shown(view[span.start : span.end])}”: the verb comes before its subject after "
                f"the opening place or time (source word order); put the subject first "
                f"(“A conference was held in Baku”, “In Baku, the exhibition opened”).",
                [],
            )

    @staticmethod
    def _inverted(m: re.Match[str]) -> bool:
        aux, verb = m.group(1), m.group(2)
        if verb in _INVERSION_OK:
            return False
        if aux is not None:
            # a passive: "was held", "were detained"
            return verb.endswith("ed") or verb in irregular_verbs()[2]
        form = finite_form(verb)
        return form is not None


# -- TQ334: "It was discussed the issues" ---------------------------------------------------------

# passive participles that MT puts after an empty "it" with the real subject after them
_IMPERSONAL_VERBS = (
    "discussed|noted|emphasized|emphasised|stressed|underlined|underscored|examined|reviewed|analysed|analyzed|"
    "signed|adopted|approved|held|organized|organised|launched|opened|conducted|expressed|mentioned|highlighted|"
    "raised|established|created|detained|arrested|killed|wounded|injured|seized|destroyed|damaged|recorded|"
    "registered|announced|allocated|planted|installed|repaired|restored|built"
)
_IMPERSONAL_RE = re.compile(
    r"It[ \t]+(?:was|is|has[ \t]+been|had[ \t]+been|will[ \t]+be|were)[ \t]+(?:also[ \t]+)?(" + _IMPERSONAL_VERBS + r")"
    r"[ \t]+(the|a|an|some|several|many|two|three|four|five|\d[\d,.]*|[a-z]+s)(?:[ \t]+([a-z]+))?(?![\w'’-])"
)
# a time after the verb is an adverbial, not the subject ("it was held the next day")
_TIME_WORDS = frozenset(
    (
        "day days week weeks month months year years morning evening night afternoon time times next following "
        "previous same last first second hours minutes decade decades century centuries hour moment while "
        "fortnight season quarter way ways"
    ).split()
)


@register
class ImpersonalPassive(Rule):
    """An empty "it" with a passive verb and the real subject after it ("It was discussed the
    issues of energy", "It was noted the importance of the talks").

    **What it does.** Reports a sentence that opens with "It was", "It is", "It has been" ...
    and a passive verb of the news register (discussed, noted, stressed, signed, held,
    detained ...), followed by a noun phrase (a determiner, a number or a plural noun): the
    noun phrase is the subject the English sentence needs. "It was noted that ...", a time
    after the verb ("It was held the next day") and "It was decided to ..." are left alone.

    **Why it matters.** Russian and Bulgarian impersonal passives ("Обсуждались вопросы",
    "Беше отбелязано значението") have no subject before the verb, and MT fills the slot with
    "it"; the English sentence is broken.

    **Example.** "It was discussed the issues of energy security" becomes "The issues of energy
    security were discussed".

    **Fix safety.** No automatic fix: the editor rebuilds the sentence around its subject.
    """

    code = "TQ334"
    name = "impersonal-passive"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "It was discussed the issues of energy security.",
        "It was noted the importance of regional cooperation.",
        "It was signed a memorandum on cultural exchange.",
        "It was detained 12 people suspected of smuggling.",
        "It was discussed issues of trade.",
    )
    quiet = (
        "It was noted that the talks were constructive.",
        "It was held the next day in Baku.",
        "It was decided to postpone the vote.",
        "It is considered a weak economy.",
        "It was signed by both presidents.",
        "The treaty was signed a year ago.",
        "It was opened to the public in 1990.",
        "It was built a century ago.",
        "It was built the hard way.",
        "It was declared a success.",
        "It was built three years ago.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in _IMPERSONAL_RE.finditer(view):
            if not opens_sentence(view, m.start()):
                continue
            head, after = m.group(2), m.group(3)
            if head in _TIME_WORDS or (after is not None and after in _TIME_WORDS) or _time_after(view, m.end()):
                continue  # "It was held the next day", "It was built three years ago", "the hard way"
            if head.endswith("s") and head not in ("issues", "questions", "measures"):
                lemmas = _plural_lemmas(head)
                if not lemmas:
                    continue  # "It was opened this..." : not a plural noun
            span = Span(m.start(), m.end(1))
            yield self.finding(
                doc,
                span,
                f"“{shown(view[span.start : span.end])} …”: “it” stands where the subject should be; make "
                f"the noun phrase after “{m.group(1)}” the subject (for example “The issues were discussed”).",
                [],
            )


_NEXT_WORD_RE = re.compile(r"[ \t]+([a-z]+)")


def _time_after(view: str, end: int) -> bool:
    """A time or manner word right after the matched words ("a few days later")."""
    m = _NEXT_WORD_RE.match(view, end)
    return m is not None and m.group(1) in _TIME_WORDS


def _plural_lemmas(word: str) -> tuple[str, ...]:
    """The noun lemmas of a plural noun form, else empty ("issues" -> "issue")."""
    from tqkit.checks.mtgrammar._words import inflections, word_lemmas

    nouns = word_lemmas(word).get("NOUN", ())
    return tuple(n for n in nouns if n != word and word in inflections(n, "NOUN").get("NNS", ()))
