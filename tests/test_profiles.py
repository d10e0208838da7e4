"""Language profiles: every bundled profile loads; unknown codes and broken files give one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqkit.errors import ProfileError, UnknownLanguage
from tqkit.profiles import check_language, known_languages, load_profile_file, profile_for

REQUIRED = {"en", "bg", "ru", "uk", "de", "fr", "tr", "hy", "az"}


def test_every_required_language_has_a_profile() -> None:
    assert set(known_languages()) >= REQUIRED
    for code in known_languages():
        p = profile_for(code)
        assert p.code == code and not p.generic
        assert p.scripts and p.sources


@pytest.mark.parametrize("code", ["en-GB", "pt_BR", "DE", "es"])
def test_real_language_codes_are_accepted(code: str) -> None:
    p = profile_for(code)
    assert p.code == code.lower().replace("_", "-").split("-")[0]


@pytest.mark.parametrize("code", ["xx", "../../x", "", "english", "e1"])
def test_unknown_codes_name_the_code_and_the_known_languages(code: str) -> None:
    with pytest.raises(UnknownLanguage) as err:
        check_language(code)
    message = str(err.value)
    assert repr(code) in message and "de, en" in message and "\n" not in message


def test_a_language_without_a_profile_says_so_once() -> None:
    notes = profile_for("es").notes()
    assert len(notes) == 1 and "no language profile" in notes[0]


def test_german_relative_pronoun_doubles_are_grammatical() -> None:
    de = profile_for("de")
    assert de.is_allowed_double("die") and de.is_allowed_double("Sie")
    assert not de.is_allowed_double("Haus")
    assert de.quotes_primary == ("„", "“") and de.decimal == ","


def test_turkish_reduplication_is_allowed_but_not_doubled_function_words() -> None:
    tr = profile_for("tr")
    assert tr.is_allowed_double("yavaş") and not tr.is_allowed_double("ve")


def test_english_keeps_yaml_boolean_words_as_words() -> None:
    en = profile_for("en")
    assert "no" in en.allowed_doubles and "on" in en.function_words


def test_stemmers_conflate_inflections() -> None:
    assert profile_for("ru").stem("бежали") == profile_for("ru").stem("бежал")
    assert profile_for("de").stem("Kämpfe".lower()) == profile_for("de").stem("kämpfen")


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (
            "code: zz\nname: X\nscripts: [Latin]\ndecimal: ','\nsources: {a: b}\ncolour: red\n",
            ":6: unknown key `colour`",
        ),
        ("code: qq\nname: X\nscripts: [Latin]\ndecimal: ','\nsources: {a: b}\n", ":1: `code` must be the file name"),
        (
            "code: zz\nname: X\nscripts: [Latin]\ndecimal: ','\nsources: {a: b}\nallowed_doubles: [yes, no]\n",
            ":6: `allowed_doubles` must be a list of strings",
        ),
        ("code: zz\nname: X\nscripts: [Latin\n", "not valid YAML"),
        ("code: zz\nname: X\nscripts: [Latin]\ndecimal: ','\n", "every profile names its `sources`"),
        ("code: zz\nname: X\nscripts: [Latin]\ndecimal: ','\nsources: {a: b}\nstemmer: porter2\n", "`stemmer` is"),
    ],
)
def test_broken_profiles_give_one_line_with_file_and_line(tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / "zz.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile_file(path)
    assert str(path) in str(err.value) and needle in str(err.value) and "\n" not in str(err.value)
