"""Pairing target sentences with source sentences for the source-MT comparison."""

from __future__ import annotations

from tqkit.document import Document, Segment
from tqkit.findings import Span
from tqkit.mt.roundtrip import aligned_pairs


def _texts(doc: Document, pairs: list[tuple[Span, str]]) -> list[tuple[str, str]]:
    return [(doc.slice(span), src) for span, src in pairs]


def test_sentences_pair_in_order_when_counts_match() -> None:
    doc = Document("t.txt", "One here. Two here.\n\nThree here.\n")
    pairs, note = aligned_pairs(doc, "Едно. Две.\n\nТри.\n")
    assert note is None
    assert _texts(doc, pairs) == [("One here.", "Едно."), ("Two here.", "Две."), ("Three here.", "Три.")]


def test_paragraphs_pair_when_sentence_counts_differ() -> None:
    doc = Document("t.txt", "One here. Two here.\n\nThree here.\n")
    pairs, note = aligned_pairs(doc, "Едно и две.\n\nТри.\n")
    assert note is None
    assert _texts(doc, pairs) == [("One here. Two here.", "Едно и две."), ("Three here.", "Три.")]


def test_extra_paragraphs_are_noted() -> None:
    doc = Document("t.txt", "One here.\n")
    pairs, note = aligned_pairs(doc, "Едно.\n\nДве.\n")
    assert _texts(doc, pairs) == [("One here.", "Едно.")]
    assert note == "1 paragraph in the translation, 2 in the source; compared the first 1 in order"


def test_segments_with_their_own_source_are_used() -> None:
    text = "First unit. Second part.\nThird unit."
    segs = (Segment("u1", Span(0, 24), "unit", "Първо. Второ."), Segment("u2", Span(25, 36), "unit", "Трето."))
    doc = Document("t.xlf", text, given_segments=segs)
    pairs, note = aligned_pairs(doc, "ignored")
    assert note is None
    assert _texts(doc, pairs) == [("First unit.", "Първо."), ("Second part.", "Второ."), ("Third unit.", "Трето.")]
