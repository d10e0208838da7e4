"""Target languages end to end: detection, validation, per-file overrides, rules per language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.cli import cli
from tqkit.config import Settings
from tqkit.document import Document
from tqkit.language_id import detect_language
from tqkit.runner import Engine, document_language, with_language

GERMAN = (
    "Die Regierung hat am Montag beschlossen, dass die Grenze bis zum Frühjahr geschlossen bleibt.\n\n"
    "Die Frau, die die Zeitung liest, sagte, dass sie sie schon lange kenne.\n"
)
ENGLISH = "The government decided on Monday that the border would stay closed until the spring.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_detection_of_every_profiled_language() -> None:
    samples = {
        "de": "Die Regierung hat am Montag beschlossen, dass die Grenze geschlossen bleibt.",
        "ru": "Правительство решило, что граница останется закрытой до весны.",
        "bg": "Правителството реши, че границата ще остане затворена до пролетта.",
        "uk": "Уряд вирішив, що кордон залишиться закритим до весни, і це рішення оголосили.",
        "tr": "Hükümet sınırın bahara kadar kapalı kalmasına karar verdi ve bu karar açıklandı.",
        "az": "Hökumət sərhədin yaza qədər bağlı qalacağına qərar verdi və bu qərar açıqlandı.",
        "fr": "Le gouvernement a décidé lundi que la frontière resterait fermée.",
        "hy": "Կառավարությունը որոշեց, որ սահմանը փակ կմնա մինչև գարուն։",
        "en": ENGLISH,
    }
    assert {code: detect_language(text) for code, text in samples.items()} == {c: c for c in samples}


def test_a_german_document_is_checked_as_german_without_english_rules(tmp_path: Path) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text(GERMAN, encoding="utf-8")
    code, out, _ = run("check", str(path), "--format", "json")
    data = json.loads(out)
    assert data["languages"] == {str(path): "de"}
    assert not [f for f in data["findings"] if f["rule"] == "TQ201"], "'die die' is grammatical German"
    assert code == 0


def test_sarif_records_the_language(tmp_path: Path) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text(GERMAN, encoding="utf-8")
    _, out, _ = run("check", str(path), "--format", "sarif")
    artifacts = json.loads(out)["runs"][0]["artifacts"]
    assert artifacts[0]["properties"]["language"] == "de"


def test_a_given_language_wins_over_detection() -> None:
    doc = Document("x.txt", GERMAN, target_lang="en")
    assert document_language(doc) == "en"
    doc = Document("x.txt", GERMAN, target_lang="auto")
    assert document_language(doc) == "de" and doc.target_lang == "auto"
    settled = with_language(doc)
    assert settled.target_lang == "de" and settled.text == doc.text
    assert with_language(settled) is settled


def test_english_copy_runs_every_rule_and_german_only_the_neutral_ones() -> None:
    engine = Engine(Settings())
    findings, _ = engine.check(Document("en.txt", "None of the the officials came.", target_lang="auto"))
    assert "TQ201" in {f.rule for f in findings}
    findings, _ = engine.check(Document("de.txt", GERMAN, target_lang="auto"))
    assert not findings


def test_unknown_language_code_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    for bad in ("../../x", "xx", "english"):
        code, _, err = run("check", str(path), "--target-lang", bad)
        assert code == 2
        assert repr(bad) in err and "bg, de, en" in err


def test_language_without_profile_says_so_once(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("El gobierno decidió que la frontera seguiría cerrada.\n", encoding="utf-8")
    _, out, _ = run("check", str(tmp_path), "--target-lang", "es", "--format", "json")
    notes = json.loads(out)["notes"]
    assert len([n for n in notes if "no language profile" in n]) == 1


def test_config_target_lang_and_per_file_overrides(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.tqkit]\ntarget-lang = "en"\n[tool.tqkit.per-file-target-lang]\n"*.de.txt" = "de"\n',
        encoding="utf-8",
    )
    (tmp_path / "a.de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ENGLISH, encoding="utf-8")
    _, out, _ = run("check", str(tmp_path), "--format", "json")
    langs = {Path(p).name: lang for p, lang in json.loads(out)["languages"].items()}
    assert langs == {"a.de.txt": "de", "b.txt": "en"}


def test_bad_target_lang_in_config_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.tqkit]\nselect = ["TQ2"]\ntarget-lang = "zz"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    code, out, err = run("check", str(tmp_path / "a.txt"))
    assert code == 2
    assert "pyproject.toml:3" in out + err and "'zz'" in out + err


def test_rules_for_a_language_and_the_profiles_listing() -> None:
    code, out, _ = run("rules", "--target-lang", "de")
    assert code == 0
    assert "off  TQ303" in out and "on   TQ101" in out
    code, out, _ = run("langs", "--format", "json")
    rows = {r["code"]: r for r in json.loads(out)["profiles"]}
    assert {"en", "bg", "ru", "uk", "de", "fr", "tr", "hy", "az"} <= set(rows)
    assert "TQ303" in rows["de"]["rules_off"] and "TQ303" in rows["en"]["rules_on"]
    assert "TQ105" in rows["bg"]["rules_on"] and "TQ105" in rows["en"]["rules_off"]


def test_a_missing_stemmer_package_is_one_note_and_the_other_rules_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from tqkit.profiles import profile_for

    monkeypatch.setitem(sys.modules, "simplemma", None)  # import simplemma raises ImportError
    profile_for.cache_clear()
    try:
        path = tmp_path / "статия.txt"
        path.write_text("Министерството иска да контролира контрола на на границата.\n", encoding="utf-8")
        _code, out, err = run("check", str(path), "--target-lang", "bg", "--format", "json")
        data = json.loads(out)
        notes = [n for n in data["notes"] if "simplemma" in n]
        assert len(notes) == 1 and "pip install" in notes[0] and "TQ202" in notes[0]
        rules = {f["rule"] for f in data["findings"]}
        assert "TQ201" in rules and "TQ202" not in rules
        assert "Traceback" not in err
    finally:
        monkeypatch.undo()
        profile_for.cache_clear()
    # with the package back, root repetition runs again
    found = run("check", str(path), "--target-lang", "bg", "--format", "json")[1]
    assert "TQ202" in {f["rule"] for f in json.loads(found)["findings"]}


def test_unknown_language_code_names_the_known_languages_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    for bad in ("qqq", "b-g", "123", "bg_", ""):
        code, _out, err = run("check", str(path), "--target-lang", bad)
        assert code == 2, bad
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert len(lines) == 1 and "Traceback" not in err, err
        assert "bg, de, en, fr, hy, ru, tr, uk" in lines[0]
    code, _, err = run("rules", "--target-lang", "xx")
    assert code == 2 and "'xx'" in err and len(err.strip().splitlines()) == 1


# -- source-aware checks for any language pair ------------------------------------------------

SOURCE_EN = (
    "The government approved a budget of 2.5 billion euros on Monday.\n\n"
    "Prime Minister Petkov met Ursula von der Leyen in Brussels on 27 September.\n\n"
    "The talks lasted four hours, and 120 journalists attended.\n\n"
    "Observers said the agreement would be signed in March next year.\n"
)
FAITHFUL = {
    "bg": (
        "Правителството одобри бюджет от 2,5 милиарда евро в понеделник.\n\n"
        "Премиерът Петков се срещна с Урсула фон дер Лайен в Брюксел на 27 септември.\n\n"
        "Преговорите продължиха четири часа, присъстваха 120 журналисти.\n\n"
        "Наблюдатели заявиха, че споразумението ще бъде подписано през март догодина.\n"
    ),
    "ru": (
        "Правительство утвердило бюджет в размере 2,5 млрд евро в понедельник.\n\n"
        "Премьер-министр Петков встретился с Урсулой фон дер Ляйен в Брюсселе 27 сентября.\n\n"
        "Переговоры длились четыре часа, присутствовали 120 журналистов.\n\n"
        "Наблюдатели заявили, что соглашение будет подписано в марте следующего года.\n"
    ),
    "de": (
        "Die Regierung hat am Montag einen Haushalt von 2,5 Milliarden Euro beschlossen.\n\n"
        "Ministerpräsident Petkov traf Ursula von der Leyen am 27. September in Brüssel.\n\n"
        "Die Gespräche dauerten vier Stunden, 120 Journalisten waren anwesend.\n\n"
        "Beobachter sagten, das Abkommen werde im März nächsten Jahres unterzeichnet.\n"
    ),
}
# a wrong number, a dropped name, a dropped last paragraph
FLAWED = {
    "bg": (
        "Правителството одобри бюджет от 3,5 милиарда евро в понеделник.\n\n"
        "Премиерът Петков се срещна в Брюксел на 27 септември.\n\n"
        "Преговорите продължиха четири часа, присъстваха 120 журналисти.\n"
    ),
    "ru": (
        "Правительство утвердило бюджет в размере 3,5 млрд евро в понедельник.\n\n"
        "Премьер-министр Петков встретился в Брюсселе 27 сентября.\n\n"
        "Переговоры длились четыре часа, присутствовали 120 журналистов.\n"
    ),
    "de": (
        "Die Regierung hat am Montag einen Haushalt von 3,5 Milliarden Euro beschlossen.\n\n"
        "Ministerpräsident Petkov traf sich am 27. September in Brüssel.\n\n"
        "Die Gespräche dauerten vier Stunden, 120 Journalisten waren anwesend.\n"
    ),
}


@pytest.mark.parametrize("lang", sorted(FAITHFUL))
def test_source_aware_checks_are_quiet_on_a_faithful_translation(lang: str) -> None:
    from tqkit.api import check_text

    found = [
        (f.rule, f.message)
        for f in check_text(FAITHFUL[lang], target_lang=lang, source=SOURCE_EN)
        if f.rule.startswith("TQ5")
    ]
    assert not found


@pytest.mark.parametrize("lang", sorted(FLAWED))
def test_source_aware_checks_find_numbers_names_and_omissions(lang: str, tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(SOURCE_EN, encoding="utf-8")
    (tmp_path / f"{lang}.txt").write_text(FLAWED[lang], encoding="utf-8")
    code, out, _ = run(
        "check",
        str(tmp_path / f"{lang}.txt"),
        "--source",
        str(tmp_path / "en.txt"),
        "--target-lang",
        lang,
        "--format",
        "json",
    )
    assert code == 1
    findings = json.loads(out)["findings"]
    by_rule = {f["rule"]: f for f in findings}
    assert "2.5" in by_rule["TQ502"]["message"] and "3,5" in by_rule["TQ502"]["message"]
    missing = [f["message"].split("”")[0] for f in findings if f["rule"] == "TQ503"]
    assert missing == ["The source names “Leyen"]  # Petkov is there, in Cyrillic or not
    assert "signed in March" in by_rule["TQ505"]["message"]


def test_an_english_sentence_copied_into_bulgarian_copy_is_found() -> None:
    from tqkit.api import check_text

    target = FAITHFUL["bg"].replace(
        "Преговорите продължиха четири часа, присъстваха 120 журналисти.",
        "The talks lasted four hours, and 120 journalists attended.",
    )
    rules = {f.rule for f in check_text(target, target_lang="bg", source=SOURCE_EN)}
    assert {"TQ504", "TQ103"} <= rules


_BASE = "code: zz\nname: X\nscripts: [Latin]\ndecimal: ','\nsources: {a: b}\n"


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (_BASE + "root_repetition: [a]\n", ":6: `root_repetition` is a mapping"),
        (_BASE + "root_repetition: {extra: 40}\n", ":6: `root_repetition.extra`"),
        (_BASE + "root_repetition: {common_prefix: 3}\n", "`root_repetition.common_prefix`"),
        (_BASE + "root_repetition: {links: x}\n", "`root_repetition.links` must be a list"),
        (_BASE + "root_repetition: {stems: []}\n", "unknown key `root_repetition.stems`"),
        (_BASE + "translit: {source: fr}\n", ":6: `translit.source` is one of"),
        (_BASE + "translit: {source: en, markers: [1]}\n", "`translit.markers` must be a list"),
        (_BASE + "translit: {source: en, min_zipf: high}\n", "`translit.min_zipf`"),
    ],
)
def test_broken_language_data_gives_one_line_with_file_and_line(tmp_path: Path, body: str, needle: str) -> None:
    from tqkit.profiles import ProfileError, load_profile_file

    path = tmp_path / "zz.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile_file(path)
    assert str(path) in str(err.value) and needle in str(err.value) and "\n" not in str(err.value)


def test_every_shipped_profile_loads_its_language_data() -> None:
    from tqkit.profiles import known_languages, profile_for

    with_roots = {c for c in known_languages() if profile_for(c).roots is not None}
    with_translit = {c for c in known_languages() if profile_for(c).translit is not None}
    assert with_roots == {"bg", "ru", "uk", "de", "fr"}
    assert with_translit == {"bg", "ru", "uk", "de"}
