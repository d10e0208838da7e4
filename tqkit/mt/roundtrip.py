"""Sentence-level drift scores from offline MT: round trips and MT of the source.

Two ways to find sentences of a translation that may not say what they should:

* **round trip** (:func:`roundtrip_scores`): translate each sentence of the (English) text into
  a pivot language and back, and compare the back-translation with the sentence;
* **source MT** (:func:`source_scores`): translate each sentence of the original into the
  target language and compare that with the human translation of it.

Scores are sentence chrF (``sacrebleu.sentence_chrf``, character n-grams up to 6, beta 2)
divided by 100: **0.0 (nothing in common) to 1.0 (identical)**. A low score is a hint, not a
verdict: a free but correct translation also scores low against a literal MT output.

Sentences of the source are paired with sentences of the target by paragraph order, then by
sentence order when a paragraph pair has as many sentences on each side; otherwise the whole
paragraphs are compared. Segments that carry their source (XLIFF units) use it directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tqkit.document import MASK, Document, paragraph_spans, sentence_spans, split_sentences
from tqkit.findings import Span
from tqkit.mt.argos import clean_sentence, get_translators, norm_code

DEFAULT_THRESHOLD = 0.5
# Sentences shorter than this (headlines, datelines, bylines) are not scored: round trips of
# two-word fragments say nothing.
MIN_WORDS = 3


@dataclass(frozen=True)
class SentenceScore:
    span: Span  # the target sentence (or paragraph) in ``Document.text``
    text: str  # the target sentence as MT saw it
    mt: str  # back-translation (round trip) or MT of the source sentence (source mode)
    score: float  # chrF / 100, 0..1
    intermediate: str  # round trip: the pivot-language text; source mode: the source sentence
    masked: bool = False  # the span contains masked (non-prose) text

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.span.start,
            "end": self.span.end,
            "text": self.text,
            "mt": self.mt,
            "score": round(self.score, 4),
            "intermediate": self.intermediate,
        }


def chrf(hypothesis: str, reference: str) -> float:
    """Sentence chrF of ``hypothesis`` against ``reference``, scaled to 0..1."""
    from sacrebleu import sentence_chrf

    if not hypothesis.strip() and not reference.strip():
        return 1.0
    return float(sentence_chrf(hypothesis, [reference]).score) / 100.0


def _units(doc: Document, spans: Sequence[Span]) -> list[tuple[Span, str, bool]]:
    out = []
    for span in spans:
        raw = doc.view_slice(span.start, span.end)
        text = clean_sentence(raw)
        if len(text.split()) >= MIN_WORDS:
            out.append((span, text, MASK in raw))
    return out


def roundtrip_scores(doc: Document, via: str, models_dir: Path, lang: str | None = None) -> list[SentenceScore]:
    """Score every sentence of ``doc`` by a round trip ``lang -> via -> lang``."""
    lang = norm_code(lang or doc.target_lang or "en")
    forward, backward = get_translators([(lang, via), (via, lang)], models_dir)
    out = []
    for span, text, masked in _units(doc, doc.sentences):
        pivot = forward.translate_sentence(text)
        back = backward.translate_sentence(pivot)
        out.append(SentenceScore(span, text, back, chrf(back, text), pivot, masked))
    return out


def aligned_pairs(doc: Document, source: Document | str) -> tuple[list[tuple[Span, str]], str | None]:
    """``(target span, source text)`` pairs, and a note when the paragraphs do not pair up."""
    if doc.segments and all(seg.source is not None for seg in doc.segments):
        pairs = []
        for seg in doc.segments:
            pairs.extend(_pair_paragraph(doc, seg.span, seg.source or ""))
        return pairs, None
    src_text = source if isinstance(source, str) else source.view
    src_paras = [src_text[s.start : s.end] for s in paragraph_spans(src_text)]
    tgt_paras = [seg.span for seg in doc.segments]
    pairs = []
    for span, src in zip(tgt_paras, src_paras, strict=False):
        pairs.extend(_pair_paragraph(doc, span, src))
    note = None
    if len(src_paras) != len(tgt_paras):
        n = len(tgt_paras)
        note = (
            f"{n} paragraph{'' if n == 1 else 's'} in the translation, {len(src_paras)} in the "
            f"source; compared the first {min(len(src_paras), n)} in order"
        )
    return pairs, note


def _pair_paragraph(doc: Document, span: Span, source: str) -> list[tuple[Span, str]]:
    tgt = list(sentence_spans(doc.view, span))
    src = split_sentences(source)
    if len(tgt) == len(src):
        return list(zip(tgt, src, strict=True))
    return [(span, source)]


def source_scores(
    doc: Document, source: Document | str, source_lang: str, models_dir: Path, lang: str | None = None
) -> tuple[list[SentenceScore], str | None]:
    """Score each target sentence against the MT of its source sentence."""
    lang = norm_code(lang or doc.target_lang or "en")
    (translator,) = get_translators([(source_lang, lang)], models_dir)
    pairs, note = aligned_pairs(doc, source)
    out = []
    for span, src in pairs:
        units = _units(doc, [span])
        src_clean = clean_sentence(src)
        if not units or not src_clean:
            continue
        _, text, masked = units[0]
        mt = translator.translate_sentence(src_clean)
        out.append(SentenceScore(span, text, mt, chrf(mt, text), src_clean, masked))
    return out, note
