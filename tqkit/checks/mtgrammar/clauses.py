"""TQ340-TQ342: clause grammar that MT from Slavic and Turkic news leaves behind: an adverb
between a verb and its object ("troops attacked also the northern suburb"), "be" with a bare
verb ("should not be dominate"), and a sentence that opens with "Also" and a verb but has no
subject ("Also was discussed the budget", "Also not known whether ...").

All three are literal-led on ``Document.folded`` (" also ", " be ", "also "), and words are
looked up in lemminflect's lexicon only at those few anchors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import shown
from tqkit.checks.mtgrammar._words import finite_form, inflections, opens_sentence, previous_word, word_lemmas
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# -- TQ340: "attacked also the" -------------------------------------------------------------

# adverbs that Russian, Ukrainian and Bulgarian put between the verb and its object ("также",
# "уже", "неоднократно"); English puts them before the verb
_MID_ADVERBS = ("also", "already", "repeatedly", "additionally", "likewise")
# what opens the object noun phrase
_OBJECT_OPENERS = frozenset(
    "the a an his her its their our this these those some several many two three four five six seven eight nine ten "
    "dozens hundreds thousands".split()
)
_AUXILIARIES = frozenset(
    (
        "is are was were be been being am has have had having do does did will would can could shall should may might "
        "must need dare used ought got get gets"
    ).split()
)
_MODALS = frozenset("to will would can could should must may might shall".split())
_VERB_BEFORE_RE = re.compile(r"([a-z]+)[ \t]+$")
_OBJECT_RE = re.compile(r"[ \t]+([a-z]+)(?![\w'’-])")


@register
class AdverbBeforeObject(Rule):
    """An adverb between a verb and its object ("troops attacked also the northern suburb",
    "the minister visited already the plant").

    **What it does.** Reports "also", "already", "repeatedly", "additionally" or "likewise"
    directly after a past or "-s" form of an ordinary verb (not "is", "has", "will" ...) and
    directly before the object's article, possessive or number ("attacked also the", "signed
    already two"). English puts such an adverb before the verb ("also attacked the").

    **Why it matters.** Russian, Ukrainian and Bulgarian put "также", "уже" after the verb; MT
    keeps the order, and the English sentence reads as translated.

    **Example.** "Troops attacked also the northern suburb" becomes "Troops also attacked the
    northern suburb".

    **Fix safety.** Unsafe: before the verb, "also" or "already" can bear on the verb or the
    subject instead of the object, so the editor confirms the reading.
    """

    code = "TQ340"
    name = "adverb-before-object"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "Troops attacked also the northern suburb at night.",
        "The delegation visited already the new port.",
        "The company signed additionally two contracts.",
        "The delegation will visit also the new port.",
    )
    quiet = (
        "Troops also attacked the northern suburb at night.",
        "The town is also the capital of the district.",
        "He has already the support of the party.",
        "The talks also the minister said were useful.",
        "She said also that the vote would go ahead.",
        "They want to be also the first.",
        "The delegation will also visit the new port.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for adverb in _MID_ADVERBS:
            token = f" {adverb} "
            at = folded.find(token)
            while at != -1:
                adv_start, adv_end = at + 1, at + 1 + len(adverb)
                at = folded.find(token, adv_end)
                obj = _OBJECT_RE.match(folded, adv_end)
                if obj is None or obj.group(1) not in _OBJECT_OPENERS:
                    continue
                verb = _VERB_BEFORE_RE.search(folded, max(0, adv_start - 30), adv_start)
                if verb is None or not _lexical_past_or_s(view, verb):
                    continue
                v_start, v_end = verb.start(1), verb.end(1)
                fix = Fix(
                    f"Put “{view[adv_start:adv_end]}” before the verb",
                    (Edit(Span(v_start, adv_end), f"{view[adv_start:adv_end]} {view[v_start:v_end]}"),),
                    safe=False,
                )
                yield self.finding(
                    doc,
                    Span(v_start, adv_end),
                    f"“{shown(view[v_start:adv_end])} {obj.group(1)}”: in English “{view[adv_start:adv_end]}” goes "
                    f"before the verb, not between the verb and its object "
                    f"(“{view[adv_start:adv_end]} {view[v_start:v_end]} {obj.group(1)}”).",
                    [fix],
                )


def _lexical_past_or_s(view: str, verb: re.Match[str]) -> bool:
    word = verb.group(1)
    if word in _AUXILIARIES or not view[verb.start(1) : verb.end(1)].islower():
        return False
    form = finite_form(word)
    if form is None:
        # a base form after a modal or "to" ("will visit also the plant")
        lemmas = word_lemmas(word)
        before = view[max(0, verb.start(1) - 12) : verb.start(1)].split()
        return bool(before) and before[-1].lower() in _MODALS and word in lemmas.get("VERB", ())
    # "-s" forms that are plural nouns too ("talks", "reports") and participles after an
    # article ("the named also ...") are left alone
    return not (form[1] == "VBZ" and word_lemmas(word).get("NOUN"))


# -- TQ341: "should not be dominate" --------------------------------------------------------

_BE_RE = re.compile(r"be[ \t]+(?:(?:not|also|always|never)[ \t]+)?([a-z]+)(?![\w'’-])")
# words before "be" that make it a subjunctive or a name, never a verb slot we judge
_BE_SKIP_BEFORE = frozenset("let may so wannabe would-be".split())


@register
class BeWithBareVerb(Rule):
    """ "Be" followed by the bare form of a verb ("should not be dominate", "will be
    participate").

    **What it does.** Reports "be" (after a modal, "to" or "not") directly followed, or after
    "not", "also", "always" or "never", by the base form of a verb that is only a verb in the
    lexicon: not a noun, an adjective, an adverb or a past participle ("be dominate", "be
    participate", "be provide"). "Be present", "be open", "be put", "be cut" and "be home" are
    left alone.

    **Why it matters.** MT sometimes keeps both the auxiliary of a passive or progressive and
    the bare verb; the English clause has no verb form that fits ("be dominated", "dominate"
    or "be dominating").

    **Example.** "Emotion should not be dominate in the debate" becomes "Emotion should not
    dominate the debate" or "should not be dominant".

    **Fix safety.** No automatic fix: the editor chooses between dropping "be" and a participle.
    """

    code = "TQ341"
    name = "be-with-bare-verb"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "Emotion should not be dominate in this debate.",
        "All regions will be participate in the census.",
        "The ministry must be provide the data by May.",
    )
    quiet = (
        "Emotion should not dominate this debate.",
        "All members must be present.",
        "The doors will be open until noon.",
        "The goods will be put on sale.",
        "He will be home on Friday.",
        "Let it be known that we agree.",
        "It will be like this every year.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        at = folded.find("be ")
        while at != -1:
            m = _BE_RE.match(folded, at)
            start = at
            at = folded.find("be ", at + 3)
            if m is None or (start and (folded[start - 1].isalnum() or folded[start - 1] in "'’-")):
                continue
            word = m.group(1)
            if not _bare_verb_only(word) or previous_word(view, start) in _BE_SKIP_BEFORE:
                continue
            if not view[m.start(1) : m.end(1)].islower():
                continue
            yield self.finding(
                doc,
                Span(start, m.end(1)),
                f"“{shown(view[start : m.end(1)])}”: “be” cannot go with the bare verb “{word}”; drop “be” "
                f"(“{word}”) or use the participle (“be {word}d”).",
                [],
            )


# adjectives that lemminflect lists as verbs only ("must be complete")
_LEXICON_ADJECTIVES = frozenset("complete".split())


def _bare_verb_only(word: str) -> bool:
    """A base verb form that is nothing else in the lexicon (no noun, adjective, adverb or
    participle reading)."""
    if len(word) < 4 or word.endswith(("ing", "ed")):
        return False
    lemmas = word_lemmas(word)
    if lemmas.get("VERB") != (word,) or len(lemmas) != 1 or word in _LEXICON_ADJECTIVES:
        return False  # "found" is also the participle of "find"; "present" is an adjective
    forms = inflections(word, "VERB")
    return word not in forms.get("VBN", ()) and word not in forms.get("VBD", ())


# -- TQ342: "Also was discussed ...", "Also not known whether ..." -------------------------

_ALSO_RE = re.compile(
    r"also[ \t]+(not|was|were|is|are|will|has|have|had|can|could|should|would|must|may|might|[a-z]+ed(?=[ \t]+(?:the|a|an)[ \t]))"
    r"(?:[ \t]+([a-z]+))?(?![\w'’-])"
)
# "Also is ..." with a predicate adjective or "worth" reads as clipped but English ("Also
# important is", "Also worth noting"), and is left alone
_ALSO_OK_NEXT = frozenset("worth".split())


@register
class AlsoWithoutSubject(Rule):
    """A sentence that opens with "Also" and a verb but no subject ("Also was discussed the
    budget", "Also not known whether the talks will resume").

    **What it does.** Reports a sentence that starts with "Also" directly followed by "not", a
    form of "be" or "have", a modal ("Also was", "Also will", "Also not"), or a past form and
    an article ("Also discussed the issues"). "Also," with a comma, "Also on the agenda is
    ...", "Also present were ..." and "Also discussed were ..." are English and left alone.

    **Why it matters.** Russian and Bulgarian open a sentence with "Также" / "Също така" and
    put the verb before its subject or leave the subject out; MT keeps that order and the
    English sentence has no subject.

    **Example.** "Also was discussed the budget" becomes "The budget was also discussed";
    "Also not known whether ..." becomes "It is also not known whether ...".

    **Fix safety.** No automatic fix: the editor rebuilds the sentence around its subject.
    """

    code = "TQ342"
    name = "also-without-subject"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "Also was discussed the budget for next year.",
        "Officials gave no details. Also not known whether the talks will resume.",
        "Also will be held a concert in the main square.",
        "Also discussed the issues of border security.",
    )
    quiet = (
        "Also, the budget was discussed.",
        "Also on the agenda is the budget.",
        "Also present were two ministers.",
        "The budget was also discussed.",
        "He also was there.",
        "Also discussed were the issues of border security.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        at = folded.find("also ")
        while at != -1:
            m = _ALSO_RE.match(folded, at)
            start = at
            at = folded.find("also ", at + 5)
            if m is None or view[start] != "A" or not opens_sentence(view, start):
                continue
            if m.group(2) in _ALSO_OK_NEXT:
                continue
            if m.group(1).endswith("ed") and finite_form(m.group(1)) is None:
                continue  # "Also-ed" that is not a verb form
            end = m.end(1)
            yield self.finding(
                doc,
                Span(start, end),
                f"“{shown(view[start:end])} …”: the sentence opens with “Also” and a verb but has no subject "
                f"(source word order); put the subject first (“The budget was also discussed”, "
                f"“It is also not known …”).",
                [],
            )


__all__ = ["AdverbBeforeObject", "AlsoWithoutSubject", "BeWithBareVerb"]
