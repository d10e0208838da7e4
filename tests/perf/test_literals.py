"""literal_finditer gives exactly the matches of the regex's own finditer."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tqkit.chunks import space_chunks
from tqkit.document import fold
from tqkit.literals import literal_finditer

WORDS = ("batka", "batki", "militsiya", "obshtina", "ab")
RX = re.compile(r"(?<![\w\-])((?:militsiya|obshtina|batka|batki|ab)(?:['’]s)?)(?![\w\-])", re.I)
PIECES = st.sampled_from(
    [
        *WORDS,
        "Batka",
        "MILITSIYA",
        "ObShTiNa's",
        " ",
        "-",
        "’s",
        "'",
        "x",
        "\n",
        "\u0130",
        "\u0131",
        "ſ",
        "\u212a",
        "Ё",
        "é",
        "1",
        "_",
        "\x00",
        "batkab",
    ]
)


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


WORD_RE = re.compile(r"\b[A-Za-z]{4,}\b")


@given(
    st.lists(st.sampled_from(["word", "abcde", " ", "\n", "-", "ab", "x.y", "’s"]), max_size=60),
    st.integers(min_value=1, max_value=12),
)
def test_space_chunks_give_the_same_matches(pieces: list[str], size: int) -> None:
    text = "".join(pieces)
    chunks = list(space_chunks(text, size))
    assert "".join(text[a:b] for a, b in chunks) == text
    assert [w for a, b in chunks for w in WORD_RE.findall(text, a, b)] == WORD_RE.findall(text)


@given(
    st.lists(st.sampled_from(["ΟΔΟΣ", "Σ", "σ", "ς", " ", "\n", "Word", "’", "Ё", "İ", "ß", "x"]), max_size=60),
    st.integers(min_value=1, max_value=12),
)
def test_fold_long_is_fold(pieces: list[str], size: int) -> None:
    import tqkit.document as document

    text = "".join(pieces)
    old = document.CHUNK
    document.CHUNK = size
    try:
        assert document.fold_long(text) == fold(text)
    finally:
        document.CHUNK = old


def test_case_twins_are_found() -> None:
    # re.IGNORECASE matches dotless ı and long ſ with "i" and "s", the Kelvin sign with "k"
    view = "The m\u0131l\u0131tsiya, the obſhtina, the bat\u212aa and the batk\u0131."
    got = [m.group() for m in literal_finditer(RX, view, fold(view), WORDS)]
    assert got == [m.group() for m in RX.finditer(view)]
    assert len(got) == 4


@given(st.text(alphabet="abə ğıxşŞ-'’Əçi1_.\n", max_size=40))
def test_turkic_scan_same_as_the_regex(view: str) -> None:
    from tqkit.checks.untranslated import _TURKIC_WORD_RE, _turkic_words

    assert _spans(_turkic_words(view)) == _spans(_TURKIC_WORD_RE.finditer(view))


_OLD_TOKEN_RE = re.compile(
    r"(?P<word>[^\W\d_](?:[^\W\d_]|\d|[\u0300-\u036f])*(?:['’\-][^\W\d_]+)*)"
    r"|(?P<num>\d+(?:[.,:]\d+)*)"
    r"|(?P<other>[^\s\x00])"
)


@given(st.text(alphabet="ab1é\u0301'’-.,: \x00_Ж9", max_size=30))
def test_possessive_tokeniser_same_as_backtracking(text: str) -> None:
    from tqkit.document import _WORD_ONLY_RE, TOKEN_RE

    old = [(m.span(), m.lastgroup) for m in _OLD_TOKEN_RE.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in TOKEN_RE.finditer(text)] == old
    assert _WORD_ONLY_RE.subn("", text)[1] == sum(1 for _span, kind in old if kind == "word")
    assert (TOKEN_RE.fullmatch(text) is None) == (_OLD_TOKEN_RE.fullmatch(text) is None)


@given(st.text(alphabet='a,;.:)”"’ _/x1', max_size=30))
def test_doubled_punctuation_scan_same_as_the_regex(view: str) -> None:
    from tqkit.checks.spacing import _DOUBLED_PUNCT_RE, _PUNCT_PAIR_RE
    from tqkit.literals import hinted_finditer

    found = hinted_finditer(_DOUBLED_PUNCT_RE, view, _PUNCT_PAIR_RE)
    assert _spans(found) == _spans(_DOUBLED_PUNCT_RE.finditer(view))


@given(st.text(alphabet="a/ (.E1\n€x", max_size=40))
def test_slash_scan_same_as_the_regex(view: str) -> None:
    from tqkit.checks.spacing import _SLASH_PAIR_RE
    from tqkit.literals import char_led_finditer

    assert _spans(char_led_finditer(_SLASH_PAIR_RE, view, "/")) == _spans(_SLASH_PAIR_RE.finditer(view))


@given(st.text(alphabet="a.!?…\"'”)] \nA1Жx", max_size=40))
def test_sentence_end_scan_same_as_the_regex(chunk: str) -> None:
    from tqkit.document import _SENT_END_RE, _sentence_ends

    assert _spans(_sentence_ends(chunk)) == _spans(_SENT_END_RE.finditer(chunk))


_WORDS = st.lists(st.sampled_from(["abc", "abcd", "ab", " ", "  ", "x", "\n", "-", "1", "é", "d"]), max_size=14)


@given(_WORDS)
def test_possessive_repetition_scans_same_as_backtracking(pieces: list[str]) -> None:
    from tqkit.checks.repetition import _CANDIDATE_RE, _DOUBLE_HINT_RE, WINDOW

    text = "".join(pieces)
    old_candidate = re.compile(rf"\b([a-z]{{3}})[a-z]+(?:\s+\w+){{0,{WINDOW - 1}}}?\s+\1[a-z]")
    assert _spans(_CANDIDATE_RE.finditer(text)) == _spans(old_candidate.finditer(text))
    assert _spans(_DOUBLE_HINT_RE.finditer(text)) == _spans(re.compile(r"\b(\w+)\s+\1\b").finditer(text))
