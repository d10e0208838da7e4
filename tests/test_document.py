"""Offsets, lines and columns: one code-point offset space, derived positions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tqkit.document import Document, display_width, paragraph_spans, sentence_spans
from tqkit.findings import Edit, Span, apply_edits

text_st = st.lists(
    st.sampled_from([*list("ab \t\n\r."), "\r\n", "é", "é", "𝔘", "😀", "Б", "\ufeff"]),
    max_size=40,
).map("".join)


@given(text_st, st.data())
def test_position_round_trips(text: str, data: st.DataObject) -> None:
    doc = Document("x", text)
    offset = data.draw(st.integers(0, len(text)))
    line, col = doc.position(offset)
    assert doc.offset(line, col) == offset
    # the line starts where the previous line break ends
    start = doc.line_starts[line - 1]
    seg = text[start:offset]
    if seg.endswith("\r") and text[offset : offset + 1] == "\n":
        seg = seg[:-1]  # an offset inside a CRLF pair belongs to the line it ends
    assert "\n" not in seg and "\r" not in seg


def test_crlf_and_cr_lines() -> None:
    doc = Document("x", "one\r\ntwo\rthree\nfour")
    assert doc.position(5) == (2, 1)
    assert doc.position(9) == (3, 1)
    assert doc.position(15) == (4, 1)
    assert doc.slice(doc.line_span(1)) == "one"


def test_non_bmp_and_combining_marks_count_as_code_points() -> None:
    doc = Document("x", "𝔘e\u0301 the the")
    assert doc.position(3) == (1, 4)
    assert display_width("e\u0301") == 1
    assert display_width("中") == 2


def test_masked_text_keeps_offsets() -> None:
    doc = Document("x", "see `code` here", masked=(Span(4, 10),))
    assert len(doc.view) == len(doc.text)
    assert [t.text for t in doc.words] == ["see", "here"]
    assert doc.words[1].start == 11


def test_paragraphs_and_sentences() -> None:
    text = "First one. Second one!\n\n  Third para, Mr. Smith said. Fourth.\n"
    paras = list(paragraph_spans(text))
    assert [text[p.start : p.end] for p in paras] == ["First one. Second one!", "Third para, Mr. Smith said. Fourth."]
    sents = [text[s.start : s.end] for s in sentence_spans(text, paras[1])]
    assert sents == ["Third para, Mr. Smith said.", "Fourth."]


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text(max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        edits.append(Edit(Span(a, b), draw(st.text(max_size=5))))
    # drop edits that touch the same point twice (overlap by definition)
    clean: list[Edit] = []
    for e in edits:
        if not any(e.span.overlaps(c.span) or c.span.overlaps(e.span) for c in clean):
            clean.append(e)
    return text, clean


@given(text_and_edits())
def test_apply_edits_matches_manual_splice(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    result = apply_edits(text, edits)
    expected = text
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        expected = expected[: e.start] + e.replacement + expected[e.end :]
    assert result == expected
    assert len(result) == len(text) + sum(len(e.replacement) - len(e.span) for e in edits)


def test_overlapping_edits_are_refused() -> None:
    import pytest

    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(Span(0, 3), "x"), Edit(Span(2, 4), "y")])
