"""literal_finditer gives exactly the matches of the regex's own finditer."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tqkit.document import fold
from tqkit.literals import literal_finditer

WORDS = ("batka", "batki", "militsiya", "obshtina", "ab")
RX = re.compile(r"(?<![\w\-])((?:militsiya|obshtina|batka|batki|ab)(?:['’]s)?)(?![\w\-])", re.I)
PIECES = st.sampled_from([*WORDS, "Batka", "MILITSIYA", "ObShTiNa's", " ", "-", "’s", "'", "x", "\n",
                          "\u0130", "\u0131", "ſ", "\u212a", "Ё", "é", "1", "_", "\x00", "batkab"])


def _spans(it: object) -> list[tuple[int, int]]:
    return [m.span() for m in it]  # type: ignore[attr-defined]


@given(st.lists(PIECES, max_size=40))
def test_same_matches_as_finditer(pieces: list[str]) -> None:
    view = "".join(pieces)
    assert _spans(literal_finditer(RX, view, fold(view), WORDS)) == _spans(RX.finditer(view))


def test_examples() -> None:
    view = "The Batka's men and the militsiya-led batki; ab ab."
    got = [m.group() for m in literal_finditer(RX, view, fold(view), WORDS)]
    assert got == ["Batka's", "batki", "ab", "ab"] == [m.group() for m in RX.finditer(view)]
