"""TQ505 and TQ506: source text with no translation, and translation with no source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.align.core import Bead, length_ratio
from tqkit.align.numbers import all_keys, number_atoms
from tqkit.checks.source_align import alignment, bead_data, quote, target_span
from tqkit.checks.source_names import NAME_SIMILARITY
from tqkit.document import Document
from tqkit.findings import Category, Finding, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register
from tqkit.text.translit import word_similarity

MIN_GAP_WORDS = 6
MIN_LENGTH_CHARS = 80
SHORT_FACTOR = 0.45
LONG_FACTOR = 2.2


def _word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalpha() for ch in w))


def _doc_ratio(beads: list[Bead]) -> float:
    su = [u for b in beads for u in b.source]
    tu = [u for b in beads for u in b.target]
    return length_ratio(su, tu)


def _anchored_elsewhere(bead: Bead, para_target_text: str, doc_lang: str | None) -> bool:
    """True when the numbers or capitalised names of an unaligned source sentence do occur in
    the target paragraph, i.e. the sentence was probably merged into another one."""
    src = bead.source_text
    keys = all_keys([a for a in number_atoms(src) if a.digits])
    if keys and keys & all_keys(number_atoms(para_target_text)):
        return True
    names = [m.group(0) for m in re.finditer(r"(?<=\s)[A-ZА-ЯЁ][\w’'-]{3,}", src)]
    words = re.findall(r"[^\W\d_]{3,}", para_target_text)
    return any(word_similarity(w, n) >= NAME_SIMILARITY for n in names for w in words)


def _neighbour_span(para: Bead, index: int) -> Span | None:
    """The target sentence next to an unaligned source sentence (the one before it, or after)."""
    before = [c for c in para.children[:index] if c.target]
    if before:
        return target_span(before[-1].target)
    after = [c for c in para.children[index + 1 :] if c.target]
    if after:
        return target_span(after[0].target)
    return None


@register
class PossibleOmission(Rule):
    """A source sentence or paragraph with no translation, or a much shorter translation.

    **What it does.** Uses the alignment of the translation with its source. Reports a source
    sentence of six words or more that is aligned with nothing (unless its numbers or names
    occur in the target paragraph, which means it was merged into another sentence), a source
    paragraph aligned with nothing (once, at the target paragraph before the gap), and an
    aligned sentence of 80 characters or more whose translation is less than 45% as long as the
    document's own length ratio predicts. Spans point at the target sentence next to the gap.

    **Why it matters.** Dropped sentences and clauses are the commonest accuracy error of
    machine translation and of hurried editing, and the hardest to see without the original.

    **Example.** A source paragraph of three sentences translated as two, with the sentence
    *Общият бюджет е 9,4 милиона долара.* left out, is reported at the translated sentence
    before the gap.

    **Fix safety.** No fix: the missing text has to be translated.
    """

    code = "TQ505"
    languages = None  # any target language
    name = "possible-omission"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.OMISSION
    needs_source = True
    fires_with_source = (
        (
            "Експедицията беше финансирана от Българската академия на науките. "
            "Общият бюджет на проекта възлиза на 9,4 милиона долара, осигурени от три държави. "
            "Резултатите ще бъдат публикувани догодина.",
            "The expedition was funded by the Bulgarian Academy of Sciences. The results will be published next year.",
        ),
    )
    quiet_with_source = (
        (
            "Експедицията беше финансирана от Българската академия на науките. "
            "Резултатите ще бъдат публикувани догодина.",
            "The expedition was funded by the Bulgarian Academy of Sciences. The results will be published next year.",
        ),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        beads = alignment(doc, ctx)
        ratio = _doc_ratio(beads)
        last_target: Span | None = None
        for p_index, para in enumerate(beads):
            if not para.target:
                words = _word_count(para.source_text)
                span = last_target or _next_target(beads, p_index)
                if span is not None and words >= MIN_GAP_WORDS:
                    yield self.finding(
                        doc,
                        span,
                        f"A source paragraph ({words} words) has no translation after this "
                        f"point: “{quote(para.source_text)}”",
                        **bead_data(para),
                    )
                continue
            last_target = target_span(para.target)
            if not para.source:
                continue
            para_text = para.target_text
            for i, child in enumerate(para.children):
                if child.source and not child.target:
                    if _word_count(child.source_text) < MIN_GAP_WORDS:
                        continue
                    if _anchored_elsewhere(child, para_text, doc.target_lang):
                        continue
                    span = _neighbour_span(para, i)
                    if span is None:
                        continue
                    yield self.finding(
                        doc,
                        span,
                        f"A source sentence has no translation near here: “{quote(child.source_text)}”",
                        **bead_data(child),
                    )
                elif child.source and child.target:
                    ls = sum(u.length for u in child.source)
                    lt = sum(u.length for u in child.target)
                    if ls >= MIN_LENGTH_CHARS and lt < SHORT_FACTOR * ratio * ls:
                        yield self.finding(
                            doc,
                            target_span(child.target),
                            f"This translation is much shorter than its source ({lt} vs "
                            f"{ls} characters); part may be missing: “{quote(child.source_text)}”",
                            **bead_data(child),
                        )


def _next_target(beads: list[Bead], index: int) -> Span | None:
    for b in beads[index + 1 :]:
        if b.target:
            return target_span(b.target)
    return None


@register
class PossibleAddition(Rule):
    """A target sentence with no counterpart in the source, or much longer than its source.

    **What it does.** Uses the alignment of the translation with its source. Reports a target
    sentence of six words or more aligned with no source sentence inside an aligned paragraph,
    and an aligned sentence whose translation (80 characters or more) is over 2.2 times as long
    as the document's own length ratio predicts. Added paragraphs are reported too.

    **Why it matters.** Machine translation sometimes repeats or invents text, and an editor's
    note or a paragraph of another story can slip into the copy. News translators also add
    background for foreign readers on purpose, so this is information, not a warning.

    **Example.** Source *Бюджетът предвижда 3 милиона лева за социални услуги.*, translation
    *The budget sets aside 3 million leva for social services. Gabrovo, a town of about 50,000
    people, lies in central Bulgaria.*: the second sentence is reported.

    **Fix safety.** No fix: a person decides whether the addition stays.
    """

    code = "TQ506"
    languages = None  # any target language
    name = "possible-addition"
    fix_availability = FixAvailability.NONE
    severity = Severity.INFO
    category = Category.ADDITION
    needs_source = True
    fires_with_source = (
        (
            "Бюджетът предвижда и 3 милиона лева за социални услуги.",
            "The budget also sets aside 3 million leva for social services. "
            "Gabrovo, a town of about 50,000 people, lies in the centre of the country.",
        ),
    )
    quiet_with_source = (
        (
            "Бюджетът предвижда и 3 милиона лева за социални услуги.",
            "The budget also sets aside 3 million leva for social services.",
        ),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        beads = alignment(doc, ctx)
        if not any(b.source for b in beads):
            return
        ratio = _doc_ratio(beads)
        for para in beads:
            if not para.source:
                text = para.target_text
                if _word_count(text) >= MIN_GAP_WORDS:
                    yield self.finding(
                        doc,
                        target_span(para.target),
                        "This paragraph has no counterpart in the source (added?)",
                        **bead_data(para),
                    )
                continue
            for child in para.children:
                if child.target and not child.source:
                    if _word_count(child.target_text) < MIN_GAP_WORDS:
                        continue
                    yield self.finding(
                        doc,
                        target_span(child.target),
                        "This sentence has no counterpart in the aligned source paragraph "
                        f"(added?): “{quote(para.source_text)}”",
                        **bead_data(para),
                    )
                elif child.source and child.target:
                    ls = sum(u.length for u in child.source)
                    lt = sum(u.length for u in child.target)
                    if lt >= MIN_LENGTH_CHARS and lt > LONG_FACTOR * ratio * max(ls, 1):
                        yield self.finding(
                            doc,
                            target_span(child.target),
                            f"This translation is much longer than its source ({lt} vs {ls} "
                            f"characters); text may have been added: “{quote(child.source_text)}”",
                            **bead_data(child),
                        )
