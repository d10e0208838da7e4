from __future__ import annotations

import itertools

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from tqkit.glossary import load_glossaries
from tqkit.glossary.matcher import StemMatcher, TermMatcher, english_plurals, same_word, stems
from tqkit.glossary.model import Term
from tqkit.text.fold import fold


@pytest.fixture(scope="module")
def mini():
    return load_glossaries([FIXTURES / "mini.yaml"])


def spans(text: str, matcher: TermMatcher) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.concept) for m in matcher.find(text)]


def test_plurals_and_possessives(mini) -> None:
    m = mini.matcher("en")
    text = "Peacekeepers arrived. The peacekeeper's car and the peacekeepers' base; peacemakers too."
    assert spans(text, m) == [
        ("Peacekeepers", "t-peacekeeper"),
        ("peacekeeper's", "t-peacekeeper"),
        ("peacekeepers'", "t-peacekeeper"),
        ("peacemakers", "t-peacekeeper"),
    ]
    assert english_plurals("authority") == ["authoritys", "authorities"]
    assert english_plurals("ceasefire") == ["ceasefires"]


def test_word_boundaries(mini) -> None:
    m = mini.matcher("en")
    assert spans("superpeacekeepers and peacekeeperish", m) == []
    assert spans("ex-peacekeeper", m) == [("peacekeeper", "t-peacekeeper")]


def test_longest_match_wins(mini) -> None:
    m = mini.matcher("en")
    assert spans("The OSCE Minsk Group met; the Minsk Group agreed.", m) == [
        ("OSCE Minsk Group", "t-group"),
        ("Minsk Group", "t-group"),
    ]
    # the raw hits still include the nested one
    assert len(m.find_all("The OSCE Minsk Group met")) == 2


def test_case_insensitive_and_apostrophe_folding(mini) -> None:
    m = mini.matcher("en")
    assert spans("the minsk group’s chair", m) == [("minsk group’s", "t-group")]
    assert fold("İstanbul") == "istanbul"
    assert len(fold("İstanbul")) == len("İstanbul")


def test_masked_text_is_not_matched(mini) -> None:
    m = mini.matcher("en")
    assert m.find("\x00\x00\x00 peace\x00keeper") == []


def test_cost_is_independent_of_glossary_size_in_structure() -> None:
    # One automaton whatever the size: matching a 10k-term glossary returns the same hits.
    terms = [(Term(f"zzterm{i} word", "en", "preferred"), f"c{i}") for i in range(10_000)]
    terms.append((Term("peacekeeper", "en", "preferred"), "pk"))
    m = TermMatcher.from_terms(terms)
    assert [x.concept for x in m.find("The peacekeepers and zzterm42 words.")] == ["pk", "c42"]


@pytest.mark.parametrize(
    ("lang", "term", "text"),
    [
        ("bg", "Нагорни Карабах", "Боевете в Нагорни Карабах продължават"),
        ("bg", "Нагорни Карабах", "в Нагорния Карабах"),
        ("ru", "Нагорный Карабах", "вокруг Нагорного Карабаха"),
        ("ru", "Нагорный Карабах", "в Нагорном Карабахе"),
        ("ru", "Бишкекский протокол", "подписали Бишкекского протокола"),
        ("az", "Dağlıq Qarabağ", "Dağlıq Qarabağda döyüşlər"),
        ("tr", "Dağlık Karabağ", "Dağlık Karabağ'da çatışmalar"),
        ("hy", "Լեռնային Ղարաբաղ", "Լեռնային Ղարաբաղի հարցը"),
    ],
)
def test_stem_matcher_handles_inflection(lang: str, term: str, text: str) -> None:
    sm = StemMatcher.from_terms([(Term(term, lang, "preferred"), "c")], lang)
    assert [x.concept for x in sm.find(text)] == ["c"]


def test_stem_matcher_needs_adjacent_words() -> None:
    sm = StemMatcher.from_terms([(Term("Нагорный Карабах", "ru", "preferred"), "c")], "ru")
    assert sm.find("Нагорный район, Карабах") == []
    assert same_word("Карабах", "Карабаха", "ru")
    assert not same_word("Карабах", "Баку", "ru")
    assert "карабах" in stems("Карабахе", "ru")


words = st.text(alphabet="abcdefgh ", min_size=0, max_size=40)


@settings(max_examples=200, deadline=None)
@given(prefix=words, suffix=words)
def test_offsets_shift_with_the_prefix(mini, prefix: str, suffix: str) -> None:
    """A term placed after any prefix is found at exactly len(prefix) + 1 (offset arithmetic),
    with the span covering exactly the term, whatever surrounds it."""
    m = mini.matcher("en")
    text = f"{prefix} Bishkek Protocol {suffix}"
    hits = [h for h in m.find(text) if h.concept == "t-protocol"]
    assert len(hits) == 1
    start = len(prefix) + 1
    assert (hits[0].start, hits[0].end) == (start, start + len("Bishkek Protocol"))
    assert text[hits[0].start : hits[0].end] == "Bishkek Protocol"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_hits_are_inside_the_text_and_on_boundaries(mini, text: str) -> None:
    m = mini.matcher("en")
    for h in m.find_all(text):
        assert 0 <= h.start < h.end <= len(text)
        assert h.start == 0 or not text[h.start - 1].isalnum()
        assert h.end == len(text) or not text[h.end].isalnum()
    found = m.find(text)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start or (a.start, a.end) == (b.start, b.end)
