"""Issue 12 memory: emoji read as one BMP symbol in ``Document.view`` (two bytes per code point
instead of four), long texts scanned by Aho-Corasick a piece at a time; same hits, same spans."""

from __future__ import annotations

import sys

import ahocorasick
from hypothesis import given, settings
from hypothesis import strategies as st

from tqkit.chunks import automaton_iter
from tqkit.document import SYMBOL, Document
from tqkit.findings import Span


def test_view_of_text_with_emoji_is_narrow_and_keeps_offsets() -> None:
    text = "Great news 😊 for the the team.\n" * 200
    doc = Document("x.txt", text)
    assert len(doc.view) == len(text) == len(doc.folded)
    assert "😊" not in doc.view and SYMBOL in doc.view
    # two bytes per code point, as a text without emoji
    assert sys.getsizeof(doc.view) < sys.getsizeof(text) * 0.6
    at = text.index("😊")
    assert doc.view_slice(at - 5, at + 4) == text[at - 5 : at + 4]
    assert doc.word_count == Document("y.txt", text.replace("😊", "x")).word_count - 200


def test_masked_view_keeps_masks_and_restores_emoji() -> None:
    text = "Hello 😊 <b>world</b> 🙃"
    doc = Document("x.html", text, masked=(Span(8, 11), Span(16, 20)))
    assert doc.view == "Hello \ufffc \x00\x00\x00world\x00\x00\x00\x00 \ufffc"
    assert doc.view_slice(0, len(text)) == "Hello 😊 \x00\x00\x00world\x00\x00\x00\x00 🙃"


def test_astral_letters_stay_as_they_are() -> None:
    text = "𠀀𠀁 are CJK letters, 𝐀 a mathematical one"
    assert Document("x.txt", text).view == text


def test_text_without_emoji_is_its_own_view() -> None:
    doc = Document("x.txt", "plain text")
    assert doc.view is doc.text


@settings(max_examples=300)
@given(
    st.sets(st.text("ab c", min_size=1, max_size=6), min_size=1, max_size=12),
    st.text("ab c", max_size=300),
    st.integers(1, 40),
)
def test_automaton_iter_is_the_whole_scan(words: set[str], text: str, size: int) -> None:
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, w)
    automaton.make_automaton()
    assert list(automaton_iter(automaton, text, size)) == list(automaton.iter(text))
