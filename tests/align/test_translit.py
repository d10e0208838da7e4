"""Romanisation tables and transliteration matching."""

from __future__ import annotations

import pytest

from tqkit.text.translit import (
    phonetic_key,
    romanisation_language,
    romanise,
    source_word_for,
    word_similarity,
)


@pytest.mark.parametrize(
    ("text", "lang", "system", "expected"),
    [
        ("София, България", "bg", None, "Sofia, Balgaria"),
        ("Щастливец Жълтев", "bg", None, "Shtastlivets Zhaltev"),
        ("Хрущёв, Ельцин, подъезд", "ru", None, "Khrushchëv, Yel’tsin, pod”yezd"),
        ("Щукин Хрущёв", None, "iso9", "Ŝukin Hruŝëv"),
        ("Ереван, Воскан", "ru", None, "Yerevan, Voskan"),
        ("Երևան Ոսկան Ուրարտու", "hy", None, "Yerevan Voskan Urartu"),
        ("ЖК", "bg", None, "ZHK"),
    ],
)
def test_romanise(text: str, lang: str | None, system: str | None, expected: str) -> None:
    assert romanise(text, lang, system) == expected


def test_unknown_system_is_an_error() -> None:
    with pytest.raises(ValueError):
        romanise("абв", system="nope")


def test_romanisation_language() -> None:
    assert romanisation_language("Правителството реши да не се намесва.") == "bg"
    assert romanisation_language("Правительство решило не вмешиваться.") == "ru"
    assert romanisation_language("Հայաստանի կառավարությունը") == "hy"
    assert romanisation_language("plain English") is None


def test_batkovs_is_found_in_bulgarian_source() -> None:
    source = "Според социолозите батковци гласуват най-активно на местните избори."
    assert source_word_for("Batkovs", source, "bg") == "батковци"
    assert source_word_for("Batkovs", source, None) == "батковци"


def test_inflected_names_match_across_systems() -> None:
    assert source_word_for("Moscow", "Путин прибыл в Москву вчера.", "ru") == "Москву"
    assert source_word_for("Khrushchev's", "При Хрущёве всё изменилось.", "ru") == "Хрущёве"
    assert source_word_for("Petkova", "Министър Петкова каза.", "bg") == "Петкова"
    assert word_similarity("Smirnov", "Смирнова") >= 88


def test_unrelated_words_do_not_match() -> None:
    assert source_word_for("government", "Правителството реши.", "bg") is None
    assert source_word_for("мир", "мир", "ru") is None  # only Latin-script tokens
    assert source_word_for("", "мир", "ru") is None


def test_fold_merges_spelling_variants() -> None:
    assert phonetic_key("Tsvetkov") == phonetic_key("Zvetkov")
    assert phonetic_key("Moskva")[:4] == phonetic_key("Moscow")[:4]
