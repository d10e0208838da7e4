"""Normalised numbers, dates and amounts."""

from __future__ import annotations

from tqkit.align.numbers import number_atoms, unmatched


def keys(text: str) -> list[set[str]]:
    return [set(a.keys) for a in number_atoms(text)]


def test_dates_in_any_order_and_notation() -> None:
    a = number_atoms("On September 27 the talks resumed.")
    b = number_atoms("На 27 септември преговорите бяха подновени.")
    c = number_atoms("На 27.09 преговорите бяха подновени.")
    assert not unmatched(a, b) and not unmatched(b, a) and not unmatched(c, a)


def test_thousands_decimals_and_scales() -> None:
    assert keys("1,500 and 1 500 and 1.500") == [{"n:1500"}] * 3
    assert keys("2,5 млн. лева") == [{"n:2500000"}]
    assert keys("$2.5 million") == [{"n:2500000"}]
    assert keys("3.14") == [{"n:3.14"}]


def test_changed_range_is_unmatched() -> None:
    src = number_atoms("от 1992 до 1994 година")
    tgt = number_atoms("from 1992 to 1996")
    assert [a.text for a in unmatched(tgt, src)] == ["1996"]
    assert [a.text for a in unmatched(src, tgt)] == ["1994"]


def test_number_words_cover_but_are_never_reported() -> None:
    src = number_atoms("пет души и 27 от общо 37")
    tgt = number_atoms("5 people and twenty-seven of the 37")
    assert not unmatched(tgt, src) and not unmatched(src, tgt)
    assert all(not a.digits for a in number_atoms("five people"))


def test_decades_centuries_and_times() -> None:
    assert not unmatched(number_atoms("the 1990s, the 20th century"), number_atoms("90-те, XX век"))
    assert not unmatched(number_atoms("at 3 p.m."), number_atoms("в 15 ч."))
    assert not unmatched(number_atoms("at 10:30"), number_atoms("в 10.30 ч."))
