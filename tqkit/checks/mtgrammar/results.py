"""TQ350: a finished result reported with the present passive ("the road is already repaired",
"houses are completely destroyed", "all measures are taken").

Russian, Ukrainian and Bulgarian report a result with a short passive participle and no
auxiliary in the present ("дорога уже отремонтирована"); MT writes "is repaired" where English
news uses the present perfect ("has been repaired"). The detector is literal-led on the
completion adverbs ("already", "completely", "fully" ...) and on "are taken"; only event verbs
of ``glossaries/grammar-word-classes.tsv`` (``result-verb``) count, so a state ("is fully
equipped", "is completely surrounded", "is already known") is never reported, and a clause of
time or condition ("once the road is fully repaired", "ensure that all measures are taken")
is English and left alone.

TQ357: a simple past after "be" ("cars are broke down", "the talks were took place"): literal-led
on the forms of "be", with the strong simple pasts of ``glossaries/english-irregular-verbs.tsv``
that differ from their participle.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import match_case, shown
from tqkit.checks.mtgrammar._anchors import anchored, register_anchors
from tqkit.checks.mtgrammar._words import (
    inflections,
    irregular_verbs,
    is_participle,
    next_words,
    verb_lemma_of,
    word_class,
)
from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_COMPLETION = ("already", "completely", "fully", "totally", "entirely", "partially", "partly")
_COMPLETION_RE = re.compile(r"(?<![\w'’-])(?:" + "|".join(_COMPLETION) + r")(?=[ \t])")
# "is" or "are", then at most one softener, right before the completion adverb
_BEFORE_RE = re.compile(r"(?<![\w'’])(is|are)[ \t]+(?:(?:now|also|almost|nearly|virtually|practically)[ \t]+)?$")
# "all (the) (necessary) measures are taken"
_MEASURES_RE = re.compile(
    r"(?<![\w'’])all[ \t]+(?:the[ \t]+)?(?:(?:necessary|needed|required|possible|appropriate|urgent|relevant)[ \t]+)?"
    r"(?:(?:measures|steps|actions)[ \t]+(are)[ \t]+(?:(?:already|now)[ \t]+)?(taken)|conditions[ \t]+(are)[ \t]+"
    r"(?:(?:already|now)[ \t]+)?(created)|(?:works|preparations)[ \t]+(are)[ \t]+(?:(?:already|now)[ \t]+)?(completed))"
    r"(?![\w'’-])"
)
# after "prepared" / "approved": a state or readiness ("already prepared for the worst")
_STATE_AFTER = frozenset("for to with as in".split())
# words that make the clause one of time, condition or purpose: the present is right there
_SUBORDINATORS = frozenset(
    (
        "when once until till after before if unless whether ensure ensures ensured ensuring sure soon "
        "provided providing as so whenever wherever while unless lest what how"
    ).split()
)
_CLAUSE_START_RE = re.compile(r"[.;:!?\n\"“”(]")


register_anchors((*_COMPLETION, "all"))  # (one shared scan: see _anchors)


@register
class ResultInPresentPassive(Rule):
    """A finished result reported with the present passive ("the road is already repaired",
    "houses are completely destroyed", "all measures are taken").

    **What it does.** Reports "is" or "are" with "already", "completely", "fully", "totally",
    "entirely", "partially" or "partly" and the past participle of an event verb (destroy,
    damage, repair, restore, build, detain, evacuate, allocate ... from
    `glossaries/grammar-word-classes.tsv`), a verb that makes a document (prepare, draft,
    approve, sign ...) after "already" only, and "all (necessary) measures are taken" ("all
    conditions are created", "all works are completed"). A clause of time, condition or purpose
    ("once the road is fully repaired", "to ensure that all measures are taken") and states
    ("is fully equipped", "is completely surrounded", "already prepared for") are left alone.

    **Why it matters.** Russian, Ukrainian and Bulgarian report a result with a short participle
    and no auxiliary in the present; English news reports a result that is done with the present
    perfect, and "is repaired" reads as a habit or as broken English.

    **Example.** "The road is already repaired" becomes "The road has already been repaired".

    **Fix safety.** Unsafe: the tense changes, and sometimes the simple past ("was destroyed
    on Monday") is meant.
    """

    code = "TQ350"
    name = "result-in-present-passive"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The road to the village is already repaired.",
        "Three houses are completely destroyed by the shelling.",
        "The minister said all necessary measures are taken to prevent floods.",
        "All conditions are created for the children in the new school.",
        "The suspects are already detained, police said.",
        "The design of the new bridge is already prepared.",
    )
    quiet = (
        "The road to the village has already been repaired.",
        "The hospital is fully equipped and ready to open.",
        "The town is completely surrounded by hills.",
        "Traffic will resume once the bridge is fully repaired.",
        "The ministry must ensure that all measures are taken to prevent floods.",
        "All necessary measures are being taken, he said.",
        "The outcome is already known.",
        "The army is already prepared for a long war.",
        "The plan is fully prepared by the ministry.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for m in anchored(_COMPLETION_RE, folded, folded, _COMPLETION):
            before = _BEFORE_RE.search(folded, max(0, m.start() - 24), m.start())
            if before is None:
                continue
            words = next_words(view, m.end(), 2)
            after = words[1][2].lower() if len(words) > 1 and words[1][0] - words[0][1] < 3 else ""
            if not words or not self._result_participle(words[0][2], folded[m.start() : m.end()], after):
                continue
            if after in ("of", "from"):
                continue  # what a thing is made of ("is partly built of stone")
            if _subordinate(folded, before.start()):
                continue
            yield self._report(doc, before.start(), before.end(1), words[0][1], folded[m.start() : m.end()])
        for mm in anchored(_MEASURES_RE, folded, folded, ("all",)):
            if not _subordinate(folded, mm.start()):
                aux = next(i for i in (1, 3, 5) if mm.group(i))
                yield self._report(doc, mm.start(aux), mm.end(aux), mm.end(aux + 1), "")

    @staticmethod
    def _result_participle(word: str, adverb: str, after: str) -> bool:
        """A participle of a result verb; of a verb that makes a document ("prepared",
        "signed") only after "already" and not as a state ("already prepared for")."""
        if not word.islower() or not word.endswith(("ed", "en", "t", "d")):
            return False
        lemma = verb_lemma_of(word)
        if lemma is None or not is_participle(word, lemma):
            return False
        if lemma in word_class("result-verb"):
            return True
        return adverb == "already" and lemma in word_class("document-verb") and after not in _STATE_AFTER

    def _report(self, doc: Document, start: int, aux_end: int, end: int, adverb: str) -> Finding:
        view = doc.view
        aux = view[start:aux_end]
        rest = view[aux_end:end].strip()
        perfect = match_case("has" if aux.lower() == "is" else "have", aux)
        if adverb == "already" or rest.startswith("already"):
            words = rest.split()
            at = words.index("already") if "already" in words else 0
            fixed = " ".join([perfect, *words[: at + 1], "been", *words[at + 1 :]])
        else:
            fixed = f"{perfect} been {rest}"
        return self.finding(
            doc,
            Span(start, end),
            f"“{shown(view[start:end])}”: a result that is done is reported with the present perfect in "
            f"English news (“{fixed}”), or with the past when the time is given.",
            [Fix.replace(Span(start, end), fixed, safe=False)],
        )


def inflections_of(base: str) -> tuple[str, ...]:
    """The past participles of ``base``."""
    return inflections(base, "VERB").get("VBN", ())


def _subordinate(folded: str, at: int) -> bool:
    """The clause before ``at`` opens with a word of time, condition or purpose."""
    lo = max(0, at - 160)
    cut = lo
    for m in _CLAUSE_START_RE.finditer(folded, lo, at):
        cut = m.end()
    comma = folded.rfind(",", cut, at)
    # a comma inside the clause may close a subordinate clause ("Once it ended, the road is ...")
    words = re.findall(r"[a-z]+", folded[max(cut, comma + 1) : at])
    return any(w in _SUBORDINATORS for w in words)


# -- TQ357: a simple past after "be" -----------------------------------------------------------

_BE_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(is|are|am|was|were|be|been|being)[ \t]+"
    r"(?:(?:not|also|already|still|then|just|now|never|often|usually|all|both)[ \t]+)?$"
)
# simple pasts that are words of their own after "be" ("is broke", "was a bit", "the crew")
_PAST_NOT_VERB = frozenset("was were did bit bore crew fell rose dove lay saw ground found wound".split())
_PARTICLES = frozenset("down up out off into through away apart".split())


@lru_cache(maxsize=1)
def _past_re() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w'’-])(?:" + "|".join(sorted(_strong_pasts(), key=lambda w: (-len(w), w))) + r")(?![\w'’-])"
    )


@lru_cache(maxsize=1)
def _strong_pasts() -> frozenset[str]:
    bases, pasts, parts, _base_of = irregular_verbs()
    return frozenset(
        p for p in pasts if p not in parts and p not in bases and not p.endswith("ed") and p not in _PAST_NOT_VERB
    )


@register
class PastAfterBe(Rule):
    """A simple past after a form of "be" where the participle differs ("cars are broke down",
    "the meeting was took place", "he was went home").

    **What it does.** Reports is, are, was, were, be, been or being, at most one adverb, then a
    strong simple past that is not the participle (took, went, came, gave, broke, wrote, began,
    ...). "Broke" counts only before a particle ("broke down"): "they are broke" is English.

    **Why it matters.** MT sometimes mixes a passive or progressive with the simple past; the
    result is broken English.

    **Example.** "Cars are broke down on the road" becomes "Cars break down on the road" or
    "Cars are broken down on the road".

    **Fix safety.** Unsafe: the participle is offered, but the active past ("took place")
    may be meant.
    """

    code = "TQ357"
    name = "past-after-be"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "On this road cars are broke down every week.",
        "The meeting was took place in Baku.",
        "The decision was already took by the council.",
    )
    quiet = (
        "The meeting took place in Baku.",
        "After the crisis they are broke.",
        "The decision was taken by the council.",
        "He was a bit tired.",
        "The dog was bit by a snake.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        pasts = _strong_pasts()
        for m in anchored(_past_re(), folded, folded, pasts):
            be = _BE_BEFORE_RE.search(folded, max(0, m.start() - 24), m.start())
            if be is None or not view[m.start() : m.end()].islower():
                continue
            s, e, word = m.start(), m.end(), m.group()
            if word == "broke":
                nxt = next_words(view, e, 1)
                if not nxt or nxt[0][2].lower() not in _PARTICLES:
                    continue
            start, be_word = be.start(1), view[be.start(1) : be.end(1)]
            part = self._participle(word)
            fixes = [Fix.replace(Span(s, e), part, safe=False)] if part else []
            yield self.finding(
                doc,
                Span(start, e),
                f"“{shown(view[start:e])}”: “{word}” is a simple past and cannot follow “{be_word}”"
                + (f"; use the participle (“{part}”) or drop “{be_word}”." if part else "."),
                fixes,
            )

    @staticmethod
    def _participle(word: str) -> str | None:
        base = irregular_verbs()[3].get(word)
        if base is None:
            return None
        forms = inflections_of(base)
        return forms[0] if forms else None
