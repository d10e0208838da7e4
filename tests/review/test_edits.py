"""Positions through edits (the review core, also used by the language server)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span, apply_edits
from tqkit.review.edits import (
    inverse_edits,
    map_finding,
    map_point,
    map_span,
    safe_fix_edits,
    shift_finding,
)

TEXT = st.text(alphabet="ab \n", min_size=0, max_size=40)


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    """A text and non-overlapping edits of it (insertions included)."""
    text = draw(TEXT)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        edits.append(Edit(Span(a, b), draw(st.text(alphabet="xy", max_size=3))))
    # two insertions at one point have no order: keep one
    seen: set[int] = set()
    kept = []
    for e in edits:
        if e.start == e.end and e.start in seen:
            continue
        seen.add(e.start)
        kept.append(e)
    return text, kept


@given(text_and_edits(), st.integers(0, 40), st.integers(0, 40))
def test_a_mapped_span_covers_the_same_text(pair: tuple[str, list[Edit]], a: int, b: int) -> None:
    text, edits = pair
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    span = Span(lo, hi)
    new = apply_edits(text, edits)
    moved = map_span(span, edits)
    if moved is not None:
        assert new[moved.start : moved.end] == text[lo:hi]
    assert 0 <= map_point(lo, edits) <= len(new)


@given(text_and_edits())
def test_inverse_edits_restore_the_text(pair: tuple[str, list[Edit]]) -> None:
    text, edits = pair
    assert apply_edits(apply_edits(text, edits), inverse_edits(text, edits)) == text


def _finding(span: Span, fixes: tuple[Fix, ...] = ()) -> Finding:
    return Finding("TQ201", "doubled-word", span, Severity.WARNING, Category.GRAMMAR, "twice", fixes)


def test_map_finding_moves_the_span_and_drops_touched_fixes() -> None:
    text = "the the cat sat on on the mat"
    f = _finding(Span(16, 21), (Fix.replace(Span(18, 21), "", safe=True), Fix.replace(Span(8, 11), "dog")))
    edits = [Edit(Span(0, 4), ""), Edit(Span(8, 11), "dog")]  # "the " gone, cat -> dog (touches fix 2)
    moved = map_finding(f, edits)
    assert moved is not None and moved.span == Span(12, 17)
    assert [fx.edits[0].span for fx in moved.fixes] == [Span(14, 17)]
    assert apply_edits(text, edits)[12:17] == "on on"
    assert map_finding(f, [Edit(Span(20, 22), "")]) is None


def test_shift_finding_moves_span_and_fixes() -> None:
    f = _finding(Span(2, 5), (Fix.replace(Span(3, 5), "x"),))
    moved = shift_finding(f, 10)
    assert moved.span == Span(12, 15) and moved.fixes[0].edits[0].span == Span(13, 15)
    assert shift_finding(f, 0) is f


def test_safe_fix_edits_take_the_first_safe_fix_once() -> None:
    a = _finding(Span(0, 7), (Fix.replace(Span(3, 7), "", safe=True),))
    b = _finding(Span(4, 9), (Fix.replace(Span(4, 9), "y", safe=True),))  # overlaps a's fix
    c = _finding(Span(20, 22), (Fix.replace(Span(20, 22), "z"),))  # unsafe: left alone
    count, edits = safe_fix_edits([a, b, c])
    assert count == 2 and edits == (Edit(Span(3, 7), ""),)
