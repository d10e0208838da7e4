"""TQ351: "to" and an infinitive after a verb that takes a that-clause or a gerund ("suggested to
hold", "insisted to postpone", "demanded to cancel the decision", "we request to allocate").

Russian, Ukrainian, Kazakh and Turkish put an infinitive after "propose", "insist", "demand" and
"request" whoever is to act; English wants "suggested holding", "insisted on postponing",
"demanded that the decision be cancelled". The detector is literal-led on " to " after the verbs
of ``glossaries/grammar-word-classes.tsv`` (``clause-verb``, ``asking-verb``); a passive ("was
asked to", "it is recommended to" is TQ349's or English), an object ("recommended to the board")
and, after "demand" and "request", an action the asker does themselves ("demanded to see the
mayor", ``own-action``) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import shown
from tqkit.checks.mtgrammar._anchors import anchored
from tqkit.checks.mtgrammar._words import inflections, verb_lemma_of, word_class, word_lemmas
from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_BE = frozenset("be is are was were been being am 's".split())
_DETERMINERS = frozenset("a an the this that these those his her their our its my your any every no each".split())
_SKIP = frozenset("also then later further even again".split())


@lru_cache(maxsize=1)
def _frame_re() -> re.Pattern[str]:
    stems = sorted(word_class("clause-verb") | word_class("asking-verb"), key=lambda w: (-len(w), w))
    # the verb in any form (suggest, suggests, suggested, suggesting), "to", the next word
    return re.compile(r"(?<![\w'’-])(" + "|".join(stems) + r")(?:s|ed|d|ing|es)?[ \t]+to[ \t]+([a-z]+)(?![\w'’-])")


@register
class InfinitiveAfterClauseVerb(Rule):
    """ "To" and an infinitive after a verb that takes a that-clause or a gerund ("suggested to
    hold", "insisted to postpone", "demanded to cancel the decision").

    **What it does.** Reports "suggest", "insist", "recommend" and "advise" followed by "to"
    and a verb, "demand" followed by "to" and a verb for an action someone else must do, and "we
    request to" or "I request to" with such a verb. A passive ("he was advised to wait", "it is
    recommended to"), a person after "to" ("suggested to the board"), an action the asker does
    themselves ("demanded to see the mayor") and "requested to" after a name ("Serbia requested
    to deploy troops": leave to act itself) are left alone.

    **Why it matters.** The source languages put an infinitive after these verbs whoever is to
    act; in English "suggested to hold" is broken, and "demanded to cancel" says the speakers
    wanted to cancel something themselves.

    **Example.** "The deputies suggested to build a school" becomes "The deputies suggested
    building a school"; "demanded to cancel the decision" becomes "demanded that the decision
    be cancelled".

    **Fix safety.** Unsafe: the gerund is offered after suggest and recommend, "on" and the
    gerund after insist; after demand and request the editor names who must act.
    """

    code = "TQ351"
    name = "infinitive-after-clause-verb"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The deputies suggested to build a new school.",
        "The parents insisted to postpone the exam.",
        "The residents demanded to cancel the decision.",
        "We request to allocate funds for the road.",
        "Doctors recommend to avoid crowded places.",
    )
    quiet = (
        "The deputies suggested building a new school.",
        "The residents demanded to see the mayor.",
        "He requested to speak at the hearing.",
        "He was advised to wait.",
        "It is recommended to book in advance.",
        "She suggested to the board that it wait.",
        "They demanded that the decision be cancelled.",
        "The residents demanded to be heard.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        if " to " not in folded:
            return
        stems = word_class("clause-verb") | word_class("asking-verb")
        for m in anchored(_frame_re(), folded, folded, sorted(stems)):
            stem, verb = m.group(1), m.group(2)
            if not self._is_frame(folded, m, stem, verb):
                continue
            span = Span(m.start(), m.end())
            yield self.finding(
                doc,
                span,
                _message(view[span.start : span.end], stem, view[m.start(2) : m.end(2)]),
                _fixes(view, m, stem),
            )

    @staticmethod
    def _is_frame(folded: str, m: re.Match[str], stem: str, verb: str) -> bool:
        written = m.group(0).split()[0]
        if verb_lemma_of(written) != stem:
            return False  # "requester", a noun ("the request to"): not the verb
        before = _previous_word(folded, m.start())
        if word_lemmas(written).get("NOUN") and (before in _DETERMINERS or written.endswith("s")):
            return False  # "a request to", "French demands to": a noun may take "to"
        if stem == "request" and before not in ("we", "i"):
            return False  # "Serbia requested to deploy troops": leave to send its own
        if verb_lemma_of(verb) != verb or verb not in inflections(verb, "VERB").get("VB", ()):
            return False  # not a bare verb after "to" ("to date", "to him")
        if _passive_before(folded, m.start()):
            return False
        return stem in word_class("clause-verb") or verb not in word_class("own-action")


def _previous_word(folded: str, at: int) -> str:
    words = re.findall(r"[a-z’']+", folded[max(0, at - 24) : at])
    return words[-1] if words else ""


def _passive_before(folded: str, at: int) -> bool:
    """A form of "be" (or "get") right before the verb, at most one adverb between."""
    words = re.findall(r"[a-z’']+", folded[max(0, at - 40) : at])
    for w in reversed(words[-3:]):
        if w in _SKIP or w.endswith("ly") or w in ("not", "n't"):
            continue
        return w in _BE or w in ("get", "got", "gets", "getting")
    return False


def _message(text: str, stem: str, verb: str) -> str:
    if stem in ("demand", "request"):
        return (
            f"“{shown(text)}”: after “{stem}” English uses “to” only when the speakers will {verb} "
            f"themselves; say who must act (“{stem}ed that the authorities {verb} …”, “asked the "
            f"authorities to {verb} …”)."
        )
    return f"“{shown(text)}”: “{stem}” takes a that-clause or an -ing form in English, not “to” and an infinitive."


def _fixes(view: str, m: re.Match[str], stem: str) -> list[Fix]:
    if stem in ("demand", "request", "advise"):
        return []
    verb = m.group(2)
    gerunds = inflections(verb, "VERB").get("VBG", ())
    if not gerunds:
        return []
    to_start = view.index("to", m.end(1), m.start(2))
    joiner = "on " if stem == "insist" else ""
    return [Fix.replace(Span(to_start, m.end(2)), joiner + gerunds[0], safe=False)]
