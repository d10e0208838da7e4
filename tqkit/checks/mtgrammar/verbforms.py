"""TQ310-TQ312: a wrong verb form after do-support, a modal or a perfect auxiliary
("did not commented", "will also met", "has became")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import match_case, shown
from tqkit.checks.mtgrammar._words import (
    NOUN_LEADS,
    QUESTION_LEADS,
    ends_in_question,
    finite_form,
    inflections,
    irregular_verbs,
    maybe_finite,
    next_words,
    previous_word,
    sentence_start,
    skip_adverbs,
    verb_lemma,
    word_hits,
    word_hits_matches,
    word_lemmas,
)
from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# -- TQ310: verb form after do-support -------------------------------------------------------

# Lookbehinds instead of a leading \b: Python's regex engine scans such patterns about twice
# as fast.
_DO_RE = re.compile(r"(?:do|does|did)(?:\s+not|n't)\b")
_DO_WORDS = ("do", "does", "did", "don't", "doesn't", "didn't")


@register
class VerbFormAfterDo(Rule):
    """A past or third-person verb form after "do not", "does not" or "did not" ("did not
    commented").

    **What it does.** Reports a verb in the past tense, past participle or "-s" form right
    after "do", "does" or "did" with "not" (or "n't"), allowing up to two adverbs between
    ("did not even commented"). The form must be unambiguous in lemminflect's lexicon: a word
    that is also a base form ("saw", "found", "need") is never reported.

    **Why it matters.** Slavic and Turkic languages mark tense on the main verb only, and MT
    often keeps the past tense on both the auxiliary and the verb. Editors always correct it.

    **Example.** "The ministry did not commented on the report" becomes "did not comment".

    **Fix safety.** Safe: after do-support only the base form is English, and the tense is
    already carried by "did".
    """

    code = "TQ310"
    name = "verb-form-after-do"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The ministry did not commented on the report.",
        "He doesn't wants to resign.",
        "Officials did not even answered the question.",
        "The army did not went there.",
    )
    quiet = (
        "The ministry did not comment on the report.",
        "They did not need help.",
        "She did not saw the logs herself, but sawed them.",
        "They did not found a new party.",
        "I do not always agree.",
        "He did not, however, resign.",
        "We don't use it.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for at in word_hits(folded, _DO_WORDS):
            m = _DO_RE.match(folded, at)
            if m is None:
                continue
            words = next_words(view, m.end(), 3)
            target = skip_adverbs(words)
            if target is None:
                continue
            s, e, w = target
            if not w.islower():
                continue
            form = finite_form(w)
            if form is None:
                continue
            lemma, _tag = form
            right = match_case(lemma, w)
            yield self.finding(
                doc,
                Span(m.start(), e),
                f"“{shown(view[m.start() : e])}”: after “{shown(view[m.start() : m.end()])}” the verb "
                f"takes its base form, “{right}”.",
                [Fix.replace(Span(s, e), right, f"Replace “{w}” with “{right}”", safe=True)],
            )


# -- TQ311: verb form after a modal ------------------------------------------------------------

_MODALS = ("will", "would", "can", "could", "should", "may", "might", "must", "shall", "cannot", "won't")


@register
class VerbFormAfterModal(Rule):
    """A past or "-s" verb form after a modal verb ("will also met", "can helps").

    **What it does.** Reports a verb in the past tense or the "-s" form right after will,
    would, can, could, should, may, might, must or shall (with "not" or up to two adverbs
    between). Questions ("Can affected residents apply?"), noun uses of the modal ("political
    will", "military might", "a tin can") and words that are also base forms are left alone.

    **Why it matters.** MT copies the tense of the source verb onto the English main verb;
    the result reads as broken English.

    **Example.** "The ministers will also met in Brussels" becomes "will also meet".

    **Fix safety.** Unsafe: the base form is the likely intent, but the translator may have
    meant another tense ("also met"); the editor decides.
    """

    code = "TQ311"
    name = "verb-form-after-modal"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The ministers will also met in Brussels.",
        "The new law can helps farmers.",
        "Prices could rose further next year.",
        "The parties must agreed on a date.",
    )
    quiet = (
        "The ministers will also meet in Brussels.",
        "Can affected residents apply for aid?",
        "The people's political will prevailed.",
        "Russia's military might grows.",
        "In May saw the first talks.",
        "The fund will need more money.",
        "He will have met them by then.",
        "They will be held in June.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in word_hits_matches(doc.folded, _MODALS):
            words = next_words(view, m.end(), 3)
            target = skip_adverbs(words)
            if target is None:
                continue
            s, e, w = target
            if not w.islower() or not maybe_finite(w):
                continue
            modal = view[m.start() : m.end()]
            if modal == "May" or (modal[:1].isupper() and sentence_start(view, m.start())):
                continue  # the month, or a question ("Will displaced people return?")
            prev = previous_word(view, m.start())
            if prev in QUESTION_LEADS or prev in NOUN_LEADS or prev.endswith("'s"):
                continue
            form = finite_form(w)
            if form is None:
                continue
            if prev and modal.lower() in ("will", "might", "can", "must") and word_lemmas(prev).get("ADJ"):
                continue  # "popular will", "naval might"
            if ends_in_question(view, e):
                continue
            lemma, _tag = form
            right = match_case(lemma, w)
            yield self.finding(
                doc,
                Span(m.start(), e),
                f"“{shown(view[m.start() : e])}”: after “{modal}” the verb takes its base form, “{right}”.",
                [Fix.replace(Span(s, e), right, f"Replace “{w}” with “{right}”", safe=False)],
            )


# -- TQ312: simple past after a perfect auxiliary ----------------------------------------------

_PERFECTS = ("has", "have", "had")
_PARTICLE_AFTER = frozenset(
    {
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "up",
        "down",
        "out",
        "off",
        "into",
        "to",
        "in",
        "on",
        "from",
        "away",
        "back",
        "him",
        "them",
        "us",
        "me",
        "it",
        "through",
        "over",
        "under",
        "by",
        "again",
        "further",
        "since",
        "after",
        "during",
        "below",
        "above",
        "sharply",
        "slightly",
        "steadily",
        "significantly",
        "dramatically",
        "considerably",
        "substantially",
        "markedly",
        "rapidly",
        "quickly",
    }
)


@register
class PastAfterPerfect(Rule):
    """A simple past after has/have/had where the participle differs ("has became", "have went").

    **What it does.** Reports an irregular verb's simple past form right after has, have or had
    (with "not" or up to two adverbs between), when the past participle differs ("became" /
    "become", "went" / "gone", "took" / "taken"). Forms that are also nouns or adjectives
    ("had rose petals", "one fell swoop") are reported only when an object follows
    ("has broke the record"). British "have got" is correct.

    **Why it matters.** It is a common slip of MT and non-native writers; in news copy it reads
    as an error.

    **Example.** "The city has became a symbol of resistance" becomes "has become".

    **Fix safety.** Unsafe: the participle is usually meant, but the simple past without the
    auxiliary ("became") may be what the sentence needs.
    """

    code = "TQ312"
    name = "past-after-perfect"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The city has became a symbol of resistance.",
        "Thousands have went to the polls.",
        "The minister had took part in the talks.",
        "He has not yet wrote the letter.",
        "The team has broke the record.",
        "Bread prices have rose by ten percent.",
    )
    quiet = (
        "The city has become a symbol.",
        "They have got a plan.",
        "She had rose petals.",
        "We have gone home.",
        "They had lain there.",
        "The boys had run away.",
        "The agency has learnt that the flags were burnt; they have lit candles.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        _bases, pasts, parts, _base_of = irregular_verbs()
        for m in word_hits_matches(doc.folded, _PERFECTS):
            words = next_words(view, m.end(), 4)
            target = skip_adverbs(words)
            if target is None:
                continue
            s, e, w = target
            low = w.lower()
            if low not in pasts or low in parts or low == "got" or low.endswith("ed") or not w.islower():
                continue
            lemma = verb_lemma(low)
            if lemma is None:
                continue
            forms = inflections(lemma, "VERB")
            participles = forms.get("VBN", forms.get("VBD", ()))
            if not participles or low in participles:
                continue
            lemmas = word_lemmas(low)
            if lemmas.get("NOUN") or lemmas.get("ADJ"):
                after = [x for x in words if x[0] > s][:1]
                if not after or after[0][2].lower() not in _PARTICLE_AFTER:
                    continue
            right = match_case(participles[0], w)
            aux = view[m.start() : m.end()]
            yield self.finding(
                doc,
                Span(m.start(), e),
                f"“{shown(view[m.start() : e])}”: after “{aux}” the verb takes its past participle, “{right}”.",
                [Fix.replace(Span(s, e), right, f"Replace “{w}” with “{right}”", safe=False)],
            )
