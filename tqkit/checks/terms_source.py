"""TQ405: a source-language term of the glossary with no rendering in the aligned translation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from tqkit.checks.terms_scan import term_glossary
from tqkit.findings import Category, Finding, Severity
from tqkit.registry import CheckContext, FixAvailability, Rule, register

if TYPE_CHECKING:
    from tqkit.document import Document, Segment
    from tqkit.glossary.matcher import Match


def _align(source: Document, target: Document) -> list[tuple[Segment | None, Segment | None]]:
    from tqkit.errors import InputError

    try:
        from tqkit.align import align_paragraphs
        from tqkit.errors import AlignmentError
    except ImportError:
        return _align_by_order(source, target)
    try:
        pairs: Any = align_paragraphs(source, target)
    except AlignmentError as exc:
        raise InputError(target.path, str(exc)) from None
    return list(pairs)


def _align_by_order(source: Document, target: Document) -> list[tuple[Segment | None, Segment | None]]:
    """Fallback while ``tqkit.align`` lacks ``align_paragraphs``: pair paragraphs by order."""
    from tqkit.errors import InputError

    src, tgt = source.segments, target.segments
    if len(src) != len(tgt):
        raise InputError(
            target.path,
            f"cannot align paragraphs: the source {source.path} has {len(src)} and the translation {len(tgt)}",
        )
    return list(zip(src, tgt, strict=True))


@register
class SourceTermMissing(Rule):
    """A source-language glossary term with none of its English renderings in the translation
    (needs a source).

    **What it does.** With the original article (``--source``), aligns paragraphs and looks in each source
    paragraph for the source-language terms of every concept, across inflections
    (Bulgarian "Нагорни Карабах" and "Нагорния Карабах", Russian "Нагорного Карабаха":
    one case or article ending is stripped from each word). When the aligned English
    paragraph contains none of the concept's preferred or admitted terms (nor a
    deprecated one, which TQ401 reports), the paragraph is flagged.

    **Why it matters.** A missing term is usually an omission or a paraphrase that lost the conflict's
    established name; the glossary tells the editor what the source said.

    **Example.** Source "Боевете в Нагорни Карабах продължават." with target "Fighting in the
    region continues." is flagged: expected "Nagorno-Karabakh".

    **Fix safety.** No automatic fix: where the term belongs in the sentence is an editor's call.
    """

    code = "TQ405"
    languages = None  # any target language
    name = "source-term-missing"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.TERM_INAPPROPRIATE
    needs_source = True
    fires_with_source = (
        ("Боевете в Нагорни Карабах продължават.", "Fighting in the region continues."),
        ("Бои в Нагорном Карабахе продолжаются.", "Fighting in the mountains continues."),
    )
    quiet_with_source = (
        ("Боевете в Нагорни Карабах продължават.", "Fighting in Nagorno-Karabakh continues."),
        ("Бои в Нагорном Карабахе продолжаются.", "Fighting in Nagorny Karabakh continues."),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        g = term_glossary(ctx)
        if g is None:
            return
        from tqkit.glossary.matcher import resolve, source_languages
        from tqkit.text.fold import fold

        pairs = list(_source_pairs(doc, ctx))
        if not pairs:
            return
        declared = ctx.source.source_lang or ctx.source.target_lang if ctx.source else doc.source_lang
        langs = source_languages(
            " ".join(p[0] for p in pairs), declared, [lang for lang in g.languages if lang != "en"]
        )
        if not langs:
            return
        matcher = g.matcher("en")
        for src_text, src_id, tgt_seg in pairs:
            # Longest match across languages: Russian "Нагорном Карабахе" wins over the
            # Bulgarian reading of "Карабахе" alone.
            found: dict[str, Match] = {}
            for m in resolve(x for lang in langs for x in g.stem_matcher(lang).find_all(src_text)):
                found.setdefault(m.concept, m)
            if not found:
                continue
            tgt_text = doc.view[tgt_seg.span.start : tgt_seg.span.end]
            hits = matcher.find_all(tgt_text)
            present = {h.concept for h in hits}
            hit_keys = {fold(h.term.text) for h in hits if h.term.is_good}
            missing: list[tuple[str, str, str, list[str]]] = []
            for cid, m in found.items():
                if cid in present:
                    continue
                concept = g.concepts[cid]
                expected = [t.text for t in concept.good_terms("en")]
                if not expected:
                    continue
                if any(_contains_word(fold(e), k) for e in expected for k in hit_keys):
                    continue  # "Karabakh" as a second reference to "Nagorno-Karabakh"
                pref = concept.preferred("en")
                want = pref.text if pref else expected[0]
                others = [t.text for t in concept.good_terms("en") if t.text != want and not t.attribution][:3]
                missing.append((cid, src_text[m.start : m.end], want, others))
            if not missing:
                continue
            # One finding per paragraph (findings are keyed by span), naming every term.
            parts = []
            for _cid, src_word, want, others in missing:
                also = f" (or {', '.join('“' + o + '”' for o in others)})" if others else ""
                parts.append(f"“{src_word}” -> “{want}”{also}")
            noun = "term has" if len(missing) == 1 else "terms have"
            yield self.finding(
                doc,
                tgt_seg.span,
                f"source {noun} no rendering in this paragraph: {'; '.join(parts)}",
                concept=missing[0][0],
                concepts=[x[0] for x in missing],
                source_term=missing[0][1],
                source_segment=src_id,
            )


def _source_pairs(doc: Document, ctx: CheckContext) -> Iterator[tuple[str, str, Segment]]:
    """(source text, source segment id, target segment): paragraphs aligned with ``--source``,
    or the units of a bilingual file (XLIFF, PO) that carry their own source text."""
    source = ctx.source
    if source is not None:
        for src_seg, tgt_seg in _align(source, doc):
            if src_seg is not None and tgt_seg is not None:
                yield source.view[src_seg.span.start : src_seg.span.end], src_seg.id, tgt_seg
        return
    for seg in doc.given_segments:
        if seg.source:
            yield seg.source, seg.id, seg


def _contains_word(haystack: str, needle: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None
