"""Where a quotation is: double, guillemet, straight and typographic single marks (a rendering
inside a quotation is the speaker's translated wording and is reported more gently)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tqkit.checks._text import inside_quotes, single_quoted


def _inside(text: str, phrase: str) -> bool:
    i = text.index(phrase)
    return inside_quotes(text, i, i + len(phrase))


@pytest.mark.parametrize(
    "text",
    [
        "The agency reported that ‘numerous bodily injuries were found on the bodies’.",
        "He wrote: ‘the bodily injuries were severe’ and left.",
        "The agency said “the bodily injuries were severe”.",
        'The agency said "the bodily injuries were severe".',
    ],
)
def test_inside_a_quotation(text: str) -> None:
    assert _inside(text, "bodily injuries")


@pytest.mark.parametrize(
    "text",
    [
        "After Hasanov’s statement the bodily injuries were examined.",
        "The ministers’ bodily injuries were examined, the doctors’ report said.",
        "He said ‘yes’. Then the bodily injuries were examined.",
        "The bodily injuries were examined.",
    ],
)
def test_not_inside_a_quotation(text: str) -> None:
    assert not _inside(text, "bodily injuries")


def test_single_straight_quotes_around_a_term() -> None:
    text = "State media said the suspect caused 'bodily injuries' to the victim."
    i = text.index("bodily injuries")
    assert single_quoted(text, i, i + len("bodily injuries"))
    plain = "The soldiers' bodily injuries count rose."
    j = plain.index("bodily injuries")
    assert not single_quoted(plain, j, j + len("bodily injuries"))


@given(st.text(alphabet="ab ‘’'\"“”.,s\n", max_size=60), st.integers(0, 60), st.integers(0, 10))
def test_any_text_any_span(text: str, start: int, width: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + width)
    assert inside_quotes(text, start, end) in (True, False)
    assert single_quoted(text, start, end) in (True, False)
