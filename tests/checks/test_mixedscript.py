"""Untranslated text in non-Latin copy: TQ105 (look-alike letters) and TQ106 (English left over),
and the Bulgarian article of the target-languages issue: every artefact found, safe fixes applied."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tqkit.api import check_text
from tqkit.cli import cli

BULGARIAN = (
    "Конфликтът в Планински Карабах отново е в центъра на вниманието.\n\n"
    "Министърът на oтбраната заяви, че the ceasefire was violated several times, и призова за спокойствие.\n\n"
    "Срещата сe проведе в София в понеделник.\n"
)


def test_bulgarian_article_every_artefact_found() -> None:
    found = {(f.rule, BULGARIAN[f.span.start : f.span.end]) for f in check_text(BULGARIAN, target_lang="bg")}
    assert ("TQ401", "Планински Карабах") in found
    assert ("TQ105", "oтбраната") in found and ("TQ105", "сe") in found
    assert ("TQ106", "the ceasefire was violated several times") in found


def test_bulgarian_article_detected_and_fixed(tmp_path: Path) -> None:
    path = tmp_path / "statia.txt"
    path.write_text(BULGARIAN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--fix"])
    assert result.exit_code == 1  # the deprecated term and the English clause remain
    fixed = path.read_text(encoding="utf-8")
    assert "отбраната" in fixed and "Срещата се проведе" in fixed  # Cyrillic letters restored
    assert "Планински Карабах" in fixed  # the term fix is unsafe: not applied without --unsafe-fixes
    result = CliRunner().invoke(cli, ["check", str(path), "--diff", "--unsafe-fixes"])
    assert "+Конфликтът в Нагорни Карабах" in result.stdout  # the Bulgarian preferred term


def test_russian_term_suggestion_is_russian() -> None:
    text = "В Горный Карабах прибыли наблюдатели."
    found = [f for f in check_text(text, target_lang="ru") if f.rule == "TQ401"]
    assert found and found[0].fixes[0].edits[0].replacement == "Нагорный Карабах"


def test_latin_words_with_cyrillic_letters_get_latin_back() -> None:
    text = "Профилът във Facebооk беше спрян."
    (f,) = [f for f in check_text(text, target_lang="bg") if f.rule == "TQ105"]
    assert f.fixes[0].edits[0].replacement == "Facebook" and f.fixes[0].safe


def test_ukrainian_i_is_a_twin_only_in_ukrainian() -> None:
    uk = [f for f in check_text("Мiсто вiдновило роботу.", target_lang="uk") if f.rule == "TQ105"]
    assert uk and uk[0].fixes and uk[0].fixes[0].edits[0].replacement == "Місто"
    bg = [f for f in check_text("Мiсто", target_lang="bg") if f.rule == "TQ105"]
    assert bg and not bg[0].fixes  # Latin i has no Bulgarian twin: reported, not rewritten


def test_quiet_on_names_titles_and_english_paragraphs() -> None:
    for text in (
        "Статията е публикувана в The Wall Street Journal миналата седмица.",
        "Документът е подписан от Ministry of Foreign Affairs на Армения.",
        "The whole paragraph is in English and it was left as it is for the editors.",
    ):
        assert not [f for f in check_text(text, target_lang="bg") if f.rule in ("TQ105", "TQ106")], text


def test_english_copy_never_runs_the_cyrillic_rules() -> None:
    assert not [f for f in check_text("The talks in Sofia were held on Monday.") if f.rule in ("TQ105", "TQ106")]
