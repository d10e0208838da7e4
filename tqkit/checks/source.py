"""TQ5xx: source-target checks. They need the original (``--source FILE``, or the source side
of XLIFF / PO units), which is aligned with the translation by :mod:`tqkit.align` (paragraphs,
then sentences, no model). Every finding points at the target text and carries the aligned
source sentence in ``Finding.data["source"]`` and, shortened, in its message.

This module holds TQ504 (copied source) and TQ507 (the source file itself); the others live
by family: the shared alignment in :mod:`tqkit.checks.source_align`, TQ502 numbers in
:mod:`tqkit.checks.source_numbers`, TQ503 names in :mod:`tqkit.checks.source_names`, TQ505 and
TQ506 omissions and additions in :mod:`tqkit.checks.source_omission`. TQ501 (round-trip MT)
lives in :mod:`tqkit.checks.roundtrip`.
"""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz

from tqkit.align.core import sentence_units_spans
from tqkit.checks.source_align import alignment, bead_data, quote, sentence_pairs
from tqkit.checks.source_names import NameMissing
from tqkit.checks.source_numbers import NumberMismatch
from tqkit.checks.source_omission import PossibleAddition, PossibleOmission
from tqkit.document import MASK, Document
from tqkit.findings import Category, Finding, Severity
from tqkit.langs import detect, foreign_script_share, language_name, same_language
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# -- untranslated copy -----------------------------------------------------------------------------

MIN_COPY_WORDS = 3


@register
class SourceCopied(Rule):
    """A sentence of the translation still in the source language (copied, not translated).

    **What it does.** For each aligned pair of sentences, reports the target sentence when at
    least half of its letters are in a script English does not use (Cyrillic, Armenian) and it
    has three words or more; the message says whether it is a copy of the aligned source
    sentence (85% similar or more) or other source-language text. Single foreign names in an
    English sentence are far below the threshold.

    **Why it matters.** Machine-translation pipelines pass through sentences they could not
    translate, and editors paste the original next to their draft; a paragraph-level language
    check misses one sentence inside an English paragraph.

    **Example.** Source *Правителството одобри бюджета. Министърът е доволен.*, translation
    *The government approved the budget. Министърът е доволен.*: the second sentence is reported.

    **Fix safety.** No fix: the sentence needs translating.
    """

    code = "TQ504"
    languages = None  # any target language
    name = "source-copied"
    fix_availability = FixAvailability.NONE
    severity = Severity.ERROR
    category = Category.UNTRANSLATED
    needs_source = True
    fires_with_source = (
        (
            "Правителството одобри бюджета. Министърът на финансите е доволен от резултата.",
            "The government approved the budget. Министърът на финансите е доволен от резултата.",
        ),
    )
    quiet_with_source = (
        (
            "Правителството одобри бюджета. Министърът на финансите е доволен от резултата.",
            "The government approved the budget. The finance minister is pleased with the result.",
        ),
        ("Вестник „Дневник“ съобщи новината.", "The newspaper Dnevnik (Дневник) reported the news."),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for _para, bead in sentence_pairs(alignment(doc, ctx)):
            if not bead.target:
                continue
            for unit in bead.target:
                text = unit.text
                if len(text.split()) < MIN_COPY_WORDS:
                    continue
                if foreign_script_share(text, doc.target_lang or "en") < 0.5:
                    continue
                similar = bool(bead.source) and fuzz.ratio(text.lower(), bead.source_text.lower()) >= 85
                what = "is copied from the source" if similar else "is not in the target language"
                yield self.finding(
                    doc,
                    unit.segment.span,
                    f"This sentence {what} (untranslated)"
                    + (f": source “{quote(bead.source_text)}”" if bead.source else ""),
                    copied=similar,
                    **bead_data(bead),
                )


# -- the source itself ---------------------------------------------------------------------------------


@register
class SourceLanguage(Rule):
    """The file given as the source is in the target language, or is the translation itself.

    **What it does.** Identifies the language of the source document (its first few thousand
    characters); when it is the target language (at least 90% sure), or the source text is
    nearly identical to the translation, reports it once, on the first paragraph of the
    translation, so the other source rules are not trusted.

    **Why it matters.** Passing the wrong file to ``--source`` (the English draft again, or
    another translation) makes every source-target check meaningless.

    **Example.** ``tqkit check draft.md --source draft.md`` reports that the source is in
    English.

    **Fix safety.** No fix: give the original article as the source.
    """

    code = "TQ507"
    languages = None  # any target language
    name = "source-language"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.OTHER
    needs_source = True
    fires_with_source = (
        (
            "The government approved the budget on Monday after a long debate in parliament.",
            "The government approved the budget on Monday after a long debate in parliament.",
        ),
    )
    quiet_with_source = (
        (
            "Правителството одобри бюджета в понеделник след дълъг дебат в парламента.",
            "The government approved the budget on Monday after a long debate in parliament.",
        ),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        src = ctx.source
        if src is None or not doc.segments:
            return
        sample = src.view[:4000].replace(MASK, " ")
        if len(sample.split()) < 5:
            return
        target = doc.target_lang or "en"
        first = doc.segments[0].span
        tgt_sample = doc.view[:4000].replace(MASK, " ")
        if fuzz.ratio(sample, tgt_sample) >= 90:
            yield self.finding(doc, first, "The source file is (nearly) the same text as the translation")
            return
        found = detect(sample)
        if found and found[0][1] >= 0.9 and same_language(found[0][0], target):
            yield self.finding(
                doc,
                first,
                f"The source file appears to be in {language_name(found[0][0])}, the language of "
                "the translation; source-target checks are unreliable",
                language=found[0][0],
            )


__all__ = [
    "NameMissing",
    "NumberMismatch",
    "PossibleAddition",
    "PossibleOmission",
    "SourceCopied",
    "SourceLanguage",
    "alignment",
    "sentence_units_spans",
]
