"""TQ502: numbers, dates and amounts compared between the source and its translation."""

from __future__ import annotations

from collections.abc import Iterator

from tqkit.align.numbers import NumberAtom, all_keys, number_atoms, unmatched
from tqkit.checks.source_align import (
    alignment,
    bead_data,
    quote,
    sentence_pairs,
    target_atoms,
    target_span,
)
from tqkit.document import Document
from tqkit.findings import Category, Finding, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register


@register
class NumberMismatch(Rule):
    """A number, date or amount that differs between the source sentence and its translation.

    **What it does.** Aligns the translation with the source, then compares the numbers of each
    aligned pair of sentences after normalising them: thousands separators and decimal commas
    ("1 500", "1.500", "1,500"; "2,5" = "2.5"), scale words ("2,5 млн." = "2.5 million"),
    dates in any order or notation ("27 септември", "September 27", "27.09"), Roman century
    numerals and decades ("90-те" = "the 1990s"), and number words ("пет", "five"), which may
    stand for a number but are never reported themselves. A number of the translation that the
    aligned source sentence (and its paragraph) does not have is reported at the number; a
    number of the source (10 or more, or with decimals) missing from the translation is reported
    on the target sentence.

    **Why it matters.** A wrong year, amount or casualty figure is the most damaging error a
    translated news story can carry, and machine translation and tired editors both make it.

    **Example.** Source *Войната продължи от 1992 до 1994 година.*, translation *The war lasted
    from 1992 to 1996.*: "1996" is reported, the source has 1994. *September 27* for *27
    септември* is not reported.

    **Fix safety.** No automatic fix: which side is right needs a person.
    """

    code = "TQ502"
    languages = None  # any target language
    name = "number-mismatch"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.MISTRANSLATION
    needs_source = True
    fires_with_source = (
        ("Войната продължи от 1992 до 1994 година.", "The war lasted from 1992 to 1996."),
        ("Бюджетът е 142 милиона лева.", "The budget is 124 million leva."),
        ("Встреча состоится 27 сентября.", "The meeting will take place on October 27."),
    )
    quiet_with_source = (
        ("Срещата ще бъде на 27 септември.", "The meeting will be on September 27."),
        (
            "Бюджетът е 2,5 млн. лева, а разходите са 1 500 000 лева.",
            "The budget is 2.5 million leva and spending is 1,500,000 leva.",
        ),
        ("Срещата е на 27.09.2024 г. в 10.30 ч.", "The meeting is on 27 September 2024 at 10:30."),
        ("В залата имаше пет души.", "There were 5 people in the hall."),
        ("Това се случи през 90-те години на XX век.", "It happened in the 1990s, in the 20th century."),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for para, bead in sentence_pairs(alignment(doc, ctx)):
            if not bead.source or not bead.target:
                continue
            src_atoms = number_atoms(bead.source_text)
            tgt_atoms = target_atoms(doc, bead.target)
            if not src_atoms and not tgt_atoms:
                continue
            para_src = all_keys(number_atoms(para.source_text))
            para_tgt = all_keys(target_atoms(doc, para.target))
            extra = [a for a in unmatched(tgt_atoms, src_atoms) if not (a.keys & para_src)]
            missing = [
                a for a in unmatched(src_atoms, tgt_atoms) if not (a.keys & para_tgt) and _worth_reporting_missing(a)
            ]
            src_q = quote(bead.source_text)
            if extra:
                also = f" (the source has {', '.join(a.text for a in missing)})" if missing else ""
                for a in extra:
                    yield self.finding(
                        doc,
                        Span(a.start, a.end),
                        f"“{a.text}” is not in the source sentence{also}: “{src_q}”",
                        number=a.text,
                        missing=[m.text for m in missing],
                        **bead_data(bead),
                    )
            elif missing:
                nums = ", ".join(f"“{a.text}”" for a in missing)
                yield self.finding(
                    doc,
                    target_span(bead.target),
                    f"The source sentence has {nums}, not found in this translation: “{src_q}”",
                    missing=[m.text for m in missing],
                    **bead_data(bead),
                )


def _worth_reporting_missing(atom: NumberAtom) -> bool:
    key = atom.key
    if key.startswith("m:"):
        return False
    try:
        value = float(key[2:])
    except ValueError:
        return False
    return value >= 10 or value != int(value)
