"""TQ318: a verb placed before its subject after a fronted adverbial ("In Baku was held a
conference", "On Monday opened the exhibition").

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
from tqkit.checks.mtgrammar._words import finite_form, irregular_verbs, sentence_start
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
