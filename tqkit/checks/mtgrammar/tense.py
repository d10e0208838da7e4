"""TQ313 and TQ317: tense with a point in time ("are held since 1992", "has been appointed
last week")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import match_case, shown
from tqkit.checks.mtgrammar._words import (
    inflections,
    irregular_verbs,
    literal_any,
    previous_word,
    verb_lemma,
)
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# -- TQ313: present with "since" + a point in time ----------------------------------------------

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_SINCE_RE = re.compile(
    r"since\s+(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?"
    rf"(?:(?:1[89]\d\d|20\d\d)(?!\d)(?![.,]\d)|(?:\d{{1,2}}\s+)?(?:{_MONTHS})\b|"
    r"last\s+(?:year|month|week|spring|summer|autumn|fall|winter)\b|the\s+(?:19|20)\d0s\b|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"
)
_BE_BEFORE_RE = re.compile(
    r"\b(is|are|am)\s+((?:(?:not|also|still|already|now|only|being)\s+){0,2})([a-z]+)((?:\s+[a-z]+){0,3}?)\s+$"
)
_NOT_BETWEEN_RE = re.compile(
    r"\b(?:first|last|only|ever|most|least|\w+est|since|than|because|and|but|or|which|who|that)\b"
)
# adjectives of a lasting state that need the perfect with since + a point in time
_STATE_ADJECTIVES = frozenset(
    {
        "open",
        "available",
        "unavailable",
        "vacant",
        "valid",
        "active",
        "inactive",
        "empty",
        "operational",
        "missing",
        "absent",
        "unemployed",
        "abroad",
        "ill",
        "married",
        "idle",
    }
)
_CAUSAL_AFTER_RE = re.compile(r"\s+(?:was|is|were|are|had|has|saw|brought|marked|proved)\b")


@register
class PresentWithSince(Rule):
    """The present or present progressive with *since* and a point in time ("are held since
    1992", "is working here since 2010").

    **What it does.** Reports "is", "are" or "am" followed by a participle ("held", "working")
    and, within three more words, "since" with a year, a month, a weekday, "last year" or a
    decade. Superlatives and "first" ("the highest level since 2008") are left alone, and so
    is causal *since* ("since 2010 was a bad year").

    **Why it matters.** Russian, Bulgarian, Ukrainian and Turkish use the present tense for an
    action that began in the past and continues; English needs the present perfect. The
    mistake is one of the most frequent in MT news copy.

    **Example.** "The festival is held since 1992" becomes "has been held since 1992".

    **Fix safety.** Unsafe: the editor checks the tense of the whole sentence.
    """

    code = "TQ313"
    name = "present-with-since"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The games are held since 1992.",
        "He is working in Kyiv since 2010.",
        "The road is closed since last year.",
        "The border is closed since March.",
        "The post is vacant since May.",
        "Two fishermen are missing since Monday.",
    )
    quiet = (
        "The games have been held since 1992.",
        "The index is trading at its highest level since 2008.",
        "Shares are down 20% since January.",
        "It is the first time since 2010.",
        "He is tired since 2010 was a hard year.",
        "She has been working there since May.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        folded = doc.folded
        view = doc.view
        pos = folded.find("since ")
        while pos != -1:
            at = pos
            pos = folded.find("since ", pos + 6)
            if at and folded[at - 1].isalnum():
                continue
            m = _SINCE_RE.match(folded, at)
            if m is None or _CAUSAL_AFTER_RE.match(folded, m.end()):
                continue
            lo = max(0, at - 80)
            before = _BE_BEFORE_RE.search(folded, lo, at)
            if before is None:
                continue
            if any(c in folded[before.start() : at] for c in ".,;:!?\n"):
                continue
            verb = before.group(3)
            if _NOT_BETWEEN_RE.search(before.group(4)) or _NOT_BETWEEN_RE.fullmatch(verb):
                continue
            if not self._participle(verb):
                continue
            aux = before.group(1)
            perfect = {"is": "has been", "are": "have been", "am": "have been"}[aux]
            aux_span = Span(before.start(1), before.end(1))
            perfect = match_case(perfect, view[aux_span.start : aux_span.end])
            yield self.finding(
                doc,
                Span(before.start(), m.end()),
                f"“{shown(view[before.start() : m.end()])}”: with “since” and a point in time, English "
                f"uses the present perfect (“{perfect} {verb} …”).",
                [Fix.replace(aux_span, perfect, f"Replace “{aux}” with “{perfect}”", safe=False)],
            )

    @staticmethod
    def _participle(word: str) -> bool:
        if word in _STATE_ADJECTIVES:  # "the museum is open since 2015"
            return True
        if word in ("being", "going", "having", "doing", "nothing", "something", "anything", "everything"):
            return False
        _bases, pasts, parts, _ = irregular_verbs()
        if not (word.endswith(("ing", "ed")) or word in parts or word in pasts):
            return False
        lemma = verb_lemma(word)
        if lemma is None:
            return False
        forms = inflections(lemma, "VERB")
        return word in forms.get("VBG", ()) or word in forms.get("VBN", forms.get("VBD", ()))


# -- TQ317: present perfect with a finished past time -------------------------------------------

_PAST_TIME_RE = re.compile(
    r"yesterday\b|last[ \t]+(?:week|month|year|night|weekend|spring|summer|autumn|fall|winter|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|"
    r"june|july|august|september|october|november|december)\b|"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)[ \t]+"
    r"(?:days?|weeks?|months?|years?|hours?|decades?)[ \t]+ago\b"
)
_PAST_TIME_LEADS = ("yesterday", "last", "ago")
_MODALS_AND_TO = frozenset(
    {
        "will",
        "would",
        "could",
        "should",
        "might",
        "must",
        "may",
        "can",
        "to",
        "shall",
        "won't",
        "wouldn't",
        "couldn't",
        "shouldn't",
        "not",
    }
)
_HAVE_BEFORE_RE = re.compile(
    r"\b(has|have)[ \t]+((?:(?:already|also|just|recently|now|not|never|been)[ \t]+){0,3})"
    r"([a-z]+)((?:[ \t]+[a-z0-9'-]+){0,6}?)[ \t]+$"
)
# A word right before the time phrase that makes it a reference point, not the time of the
# action ("since last year", "than a year ago", "over the last week").
_REFERENCE_WORDS = frozenset(
    {
        "since",
        "from",
        "than",
        "until",
        "till",
        "before",
        "after",
        "by",
        "for",
        "over",
        "the",
        "during",
        "between",
        "with",
        "to",
        "of",
        "as",
        "within",
        "throughout",
        "this",
    }
)
# A word between the verb and the time phrase that starts another clause.
_CLAUSE_WORDS_RE = re.compile(r"\b(?:and|but|or|which|who|that|when|where|while|if|because|whose)\b")


@register
class PerfectWithPastTime(Rule):
    """The present perfect with a finished time in the past ("has been appointed last week",
    "have signed the deal yesterday").

    **What it does.** Reports "has" or "have" with a past participle when the same clause ends
    in "yesterday", "last week" (month, year, a weekday...) or "... ago". Time phrases after
    "since", "from", "than", "over the" and the like ("has risen since last year", "higher
    than a year ago") are left alone.

    **Why it matters.** English uses the simple past with a finished time; Slavic and Turkic
    languages have no such rule, and MT keeps the perfect. Editors always change it.

    **Example.** "He has been appointed as ambassador last week" becomes "He was appointed".

    **Fix safety.** Unsafe: the verb has to be rewritten in the simple past ("has signed" to
    "signed"); the fix offered drops "has"/"have" only when a participle the same as the
    simple past follows ("has signed" to "signed").
    """

    code = "TQ317"
    name = "perfect-with-past-time"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "He has been appointed as the new ambassador last week.",
        "The two leaders have signed the agreement yesterday.",
        "The company has opened the plant two years ago.",
    )
    quiet = (
        "He was appointed ambassador last week.",
        "Prices have risen since last year.",
        "Exports have grown 5% from last year.",
        "Turnover has been higher than a year ago.",
        "It has rained over the last week.",
        "He has said he would resign, and last week he did.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        folded = doc.folded
        view = doc.view
        seen_end = -1
        for at in sorted({m.start() for w in _PAST_TIME_LEADS for m in literal_any(w).finditer(folded)}):
            time_m = _past_time_at(folded, at)
            if time_m is None:
                continue
            t = time_m.start()
            if t <= seen_end:
                continue
            lo = max(0, t - 90)
            clause = folded[lo:t]
            cut = max(clause.rfind(c) for c in '.,;:!?()\n"')
            before = _HAVE_BEFORE_RE.search(folded, lo + cut + 1, t)
            if before is None:
                continue
            if previous_word(view, before.start()) in _MODALS_AND_TO:
                continue  # "would have been", "is believed to have died two years ago"
            verb = before.group(3)
            between = before.group(4)
            if "been" in before.group(2).split() and verb in ("in", "on", "at"):
                continue
            last_word = between.split()[-1] if between.split() else verb
            if last_word in _REFERENCE_WORDS or _CLAUSE_WORDS_RE.search(between):
                continue
            if not PresentWithSince._participle(verb) or verb.endswith("ing"):
                continue
            seen_end = time_m.end()
            span = Span(before.start(), time_m.end())
            aux = view[before.start(1) : before.end(1)]
            fixes = []
            if not before.group(2).strip():
                lemma = verb_lemma(verb)
                past = inflections(lemma, "VERB").get("VBD", ()) if lemma else ()
                if verb in past:
                    fixes.append(
                        Fix(
                            f"Write the simple past: “{verb}”",
                            (Edit(Span(before.start(1), before.start(3)), ""),),
                            safe=False,
                        )
                    )
            yield self.finding(
                doc,
                span,
                f"“{shown(view[span.start : span.end])}”: with a finished time (“{shown(view[time_m.start() : time_m.end()])}”) "
                f"English uses the simple past, not “{aux} …”.",
                fixes,
            )


def _past_time_at(folded: str, at: int) -> re.Match[str] | None:
    """The finished-time phrase anchored at ``at``: "last week", "yesterday", or, at "ago",
    back to its number ("two years ago")."""
    if folded.startswith("ago", at):
        for cand in _PAST_TIME_RE.finditer(folded, max(0, at - 30), at + 3):
            if cand.end() == at + 3:
                return cand
        return None
    if at and folded[at - 1].isalnum():
        return None
    return _PAST_TIME_RE.match(folded, at)
