"""TQ352: "to" before an adverb of place after a verb of going ("went to home", "will go to there");
TQ353: "timely" used as an adverb before a verb ("timely inform", "timely prevented").

Russian, Ukrainian, Bulgarian and Turkish mark direction on "home" and "there" (домой, туда,
eve) and have an adverb "timely" (своевременно, навреме); MT writes "to home" and "timely
inform". Both detectors are literal-led ("to there", "to home" ...; "timely") and look words up
only there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import match_case, shown
from tqkit.checks.mtgrammar._anchors import anchored, register_anchors
from tqkit.checks.mtgrammar._words import (
    next_words,
    previous_word,
    verb_lemma_of,
    word_class,
    word_lemmas,
)
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# the verb of going, then at most "back", "to" and the adverb
_BEFORE_RE = re.compile(r"(?<![\w'’-])([a-z]+)[ \t]+(?:back[ \t]+)?$")
_TIMELY_RE = re.compile(r"(?<![\w'’-])timely(?=[ \t])")
_VERB_LEADS = frozenset("must should will would can could may might shall to not".split())
_NOUN_AFTER_OK = frozenset(
    "and or but to for with from in on at by after before via as then again yet too now soon today tonight "
    "yesterday tomorrow last next this every early late later".split()
)


@lru_cache(maxsize=1)
def _to_adverb() -> tuple[str, ...]:
    return tuple(f"to {a}" for a in sorted(word_class("place-adverb")))


@lru_cache(maxsize=1)
def _to_adverb_re() -> re.Pattern[str]:
    adverbs = "|".join(sorted(word_class("place-adverb")))
    return re.compile(r"(?<![\w'’-])to[ \t](?:" + adverbs + r")(?![\w'’-])")


register_anchors(("timely",))  # (one shared scan: see _anchors)


@register
class ToBeforePlaceAdverb(Rule):
    """ "To" before an adverb of place after a verb of going ("went to home", "will go to
    there", "returned to abroad").

    **What it does.** Reports "to" between a verb of movement (go, come, return, travel, move,
    send, bring ...) and "home", "there", "here", "abroad", "overseas", "upstairs" or
    "downstairs" used as an adverb. "Home" before a noun ("returned to home soil", "went to home
    games") is a noun phrase and left alone.

    **Why it matters.** These adverbs already say where to; the source languages mark
    direction on them, and MT adds an English "to" that native copy never has.

    **Example.** "The delegation will return to home on Friday" becomes "The delegation will
    return home on Friday".

    **Fix safety.** Safe: dropping "to" before an adverb of place changes nothing but the
    grammar.
    """

    code = "TQ352"
    name = "to-before-place-adverb"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The delegation will return to home on Friday.",
        "He said he would go to there to defend the town.",
        "Thousands of workers went to abroad last year.",
    )
    quiet = (
        "The delegation will return home on Friday.",
        "The team returned to home soil on Monday.",
        "Prices rose from here to there.",
        "The fans went to home games all season.",
        "It is close to home.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for m in anchored(_to_adverb_re(), folded, folded, _to_adverb()):
            before = _BEFORE_RE.search(folded, max(0, m.start() - 30), m.start())
            if before is None or verb_lemma_of(before.group(1)) not in word_class("motion-verb"):
                continue
            if not self._adverb_use(view, m.end()):
                continue
            start, end = before.start(), m.end()
            to_end = m.start() + 3
            written = view[m.start() + 3 : end]
            yield self.finding(
                doc,
                Span(start, end),
                f"“{shown(view[start:end])}”: “{written}” says where to by itself; English has no "
                f"“to” before it (“{view[start : m.start()]}{written}”).",
                [Fix(f"Delete “to” before “{written}”", (Edit(Span(m.start(), to_end), ""),), safe=True)],
            )

    @staticmethod
    def _adverb_use(view: str, end: int) -> bool:
        """The adverb ends its phrase: punctuation or a word that cannot be its noun follows."""
        words = next_words(view, end, 1)
        if not words or words[0][0] - end > 2 or view[end : words[0][0]].strip():
            return True
        nxt = words[0][2].lower()
        if nxt in _NOUN_AFTER_OK:
            return True
        lemmas = word_lemmas(nxt)
        return not (lemmas.get("NOUN") or lemmas.get("ADJ") or lemmas.get("PROPN") or nxt == "of")


@register
class TimelyAsAdverb(Rule):
    """ "Timely" used as an adverb before a verb ("timely inform", "timely prevented the
    attack").

    **What it does.** Reports "timely" directly before a word that is only a verb (inform,
    prevent, respond, detected ...), or before a bare verb after a modal or "to" ("must timely
    report"). "Timely" before a noun ("timely payment", "in a timely
    manner") is the adjective and left alone.

    **Why it matters.** Russian своевременно, Ukrainian вчасно and Bulgarian навреме are
    adverbs; English "timely" is an adjective, and "timely inform" reads as a translation.

    **Example.** "The police timely prevented the attack" becomes "The police promptly
    prevented the attack" (or "prevented the attack in time").

    **Fix safety.** Unsafe: "promptly" is offered; "in time" after the verb may be meant.
    """

    code = "TQ353"
    name = "timely-as-adverb"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The police timely prevented the attack.",
        "Officials must timely inform residents about water cuts.",
        "The fire was timely detected by the guards.",
    )
    quiet = (
        "The police prevented the attack in time.",
        "Timely payment of wages remains a problem.",
        "He asked for a timely response.",
        "The report was submitted in a timely manner.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in anchored(_TIMELY_RE, doc.folded, doc.folded, ("timely",)):
            words = next_words(view, m.end(), 1)
            if not words or words[0][0] - m.end() > 2:
                continue
            after_modal = previous_word(view, m.start()) in _VERB_LEADS
            if not self._only_verb(words[0][2], after_modal=after_modal):
                continue
            end = words[0][1]
            written = view[m.start() : m.end()]
            yield self.finding(
                doc,
                Span(m.start(), end),
                f"“{shown(view[m.start() : end])}”: “timely” is an adjective in English; say "
                f"“promptly {words[0][2]}” or “{words[0][2]} … in time”.",
                [Fix.replace(Span(m.start(), m.end()), match_case("promptly", written), safe=False)],
            )

    @staticmethod
    def _only_verb(word: str, *, after_modal: bool) -> bool:
        """A verb that cannot be a noun or adjective ("inform"); after a modal or "to" a verb
        that is a noun too ("must timely report") is a verb."""
        if not word.islower():
            return False
        lemmas = word_lemmas(word)
        if not lemmas.get("VERB"):
            return False
        if after_modal:
            return word in lemmas["VERB"]
        return not any(lemmas.get(k) for k in ("NOUN", "ADJ", "ADV", "ADP", "PROPN"))
