"""tqkit.langs, ``tqkit langs`` and rule TQ103 (wrong-language-passage).

The fixtures are constructed in this file: short news paragraphs written for these tests in
English, Bulgarian, Russian, Turkish, Azerbaijani and Armenian, and a mixed article made of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit import langs
from tqkit.checks import language as language_rule
from tqkit.checks.language import WrongLanguagePassage
from tqkit.commands.score import langs as langs_command
from tqkit.document import Document
from tqkit.registry import CheckContext
from tqkit.resources import Resources
from tqkit.text.scripts import Script, script_label, script_of, scripts_in

EN = (
    "The government approved the draft budget for next year on Wednesday, and the finance "
    "minister said the deficit would stay below three percent of economic output."
)
BG = (
    "Правителството одобри в сряда проектобюджета за следващата година, а финансовият "
    "министър заяви, че дефицитът ще остане под три процента от брутния вътрешен продукт."
)
RU = (
    "Правительство в среду одобрило проект бюджета на следующий год, а министр финансов "
    "заявил, что дефицит останется ниже трёх процентов от валового внутреннего продукта."
)
TR = (
    "Hükümet çarşamba günü gelecek yılın bütçe taslağını onayladı ve maliye bakanı açığın "
    "ekonomik çıktının yüzde üçünün altında kalacağını söyledi."
)
AZ = (
    "Hökumət çərşənbə günü gələn ilin büdcə layihəsini təsdiqlədi və maliyyə naziri kəsirin "
    "üç faizdən aşağı qalacağını bildirdi."
)
HY = (
    "Կառավարությունը չորեքշաբթի օրը հաստատեց հաջորդ տարվա բյուջեի նախագիծը, "
    "իսկ ֆինանսների նախարարը հայտարարեց, որ դեֆիցիտը կմնա երեք տոկոսից ցածր։"
)
MIXED = "\n\n".join(["# Budget news", EN, BG, RU, "Sofia (София), 12 March"])


# -- scripts ---------------------------------------------------------------------------------


def test_script_mix_shares() -> None:
    assert langs.script_mix("") == {}
    assert langs.script_mix("12 345 !?") == {}
    assert langs.script_mix("Sofia – София") == {"Cyrillic": 0.5, "Latin": 0.5}
    mix = langs.script_mix(EN)
    assert mix == {"Latin": 1.0}
    assert list(langs.script_mix("abc Ա Ω Ω ש ب 中 あ ა")) == [
        "Latin",
        "Greek",
        "Arabic",
        "Armenian",
        "CJK",
        "Georgian",
        "Hebrew",
        "Kana",
    ]
    assert langs.script_mix(HY)["Armenian"] > 0.99
    assert langs.script_mix(AZ) == {"Latin": 1.0}  # ə, ğ, ş are Latin letters


def test_script_of_non_letters() -> None:
    assert script_of("7") is None
    assert script_of(" ") is None
    assert script_of("é") is Script.LATIN
    assert script_of("ё") is Script.CYRILLIC == "Cyrillic"
    assert script_of("\U0001d400") is Script.OTHER  # mathematical bold A


def test_script_labels_and_presence() -> None:
    assert [script_label(c) for c in "дԱ中あカᚠ"] == [
        "Cyrillic",
        "Armenian",
        "Chinese",
        "Hiragana",
        "Katakana",
        "Runic",
    ]
    assert scripts_in("Sofia – София 2025", {Script.CYRILLIC, Script.ARMENIAN}) == {Script.CYRILLIC}
    assert scripts_in("12 345", {Script.LATIN}) == set()


def test_foreign_script_share() -> None:
    assert langs.foreign_script_share(EN, "en") == 0.0
    assert langs.foreign_script_share(BG, "en") == 1.0
    assert langs.foreign_script_share(BG, "bg") == 0.0
    assert langs.foreign_script_share("Sofia – София", "en-GB") == 0.5
    assert langs.foreign_script_share("", "en") == 0.0


# -- detection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [(EN, "en"), (BG, "bg"), (RU, "ru"), (TR, "tr"), (AZ, "az"), (HY, "hy")],
)
def test_detect_languages(text: str, lang: str) -> None:
    found = langs.detect(text)
    assert found[0][0] == lang
    assert found[0][1] > 0.9
    assert all(0 < p <= 1 for _, p in found)


def test_detect_is_deterministic_within_a_process() -> None:
    short = "Sofia Plovdiv Varna"
    runs = [langs.detect(t) for t in (short, EN, short, BG, short)]
    assert runs[0] == runs[2] == runs[4]
    assert langs.detect(EN) == runs[1] and langs.detect(BG) == runs[3]


def test_detect_without_letters() -> None:
    assert langs.detect("") == []
    assert langs.detect("2024 — 17:45, 3.5%") == []


def test_language_names() -> None:
    assert langs.language_name("bg") == "Bulgarian"
    assert langs.language_name("en-GB") == "English"
    assert langs.language_name("hy") == "Armenian"
    assert langs.language_name("xx") == "xx"
    assert langs.same_language("en", "EN_us")
    assert not langs.same_language("bg", "ru")


def test_paragraph_languages_of_a_mixed_article() -> None:
    paras = langs.paragraph_languages(MIXED)
    assert [p.index for p in paras] == [1, 2, 3, 4, 5]
    assert [p.language for p in paras[1:4]] == ["en", "bg", "ru"]
    assert MIXED[paras[2].span.start : paras[2].span.end] == BG
    assert paras[2].scripts == {"Cyrillic": 1.0}
    assert paras[4].scripts == {"Latin": 10 / 15, "Cyrillic": 5 / 15}  # Sofia March / София
    assert paras[1].words == len(EN.split())


def test_profiles_load_lazily() -> None:
    code = (
        "import sys\n"
        "from tqkit import langs\n"
        "assert not langs.profiles_loaded()\n"
        "langs.script_mix('Правителството')\n"
        "assert langs.detect('Կառավարությունը հաստատեց')[0][0] == 'hy'\n"
        "assert not langs.profiles_loaded(), 'script-only detection needs no profiles'\n"
        "langs.detect('The government approved the budget')\n"
        "assert langs.profiles_loaded()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_identical_across_two_processes(tmp_path: Path) -> None:
    article = tmp_path / "mixed.md"
    article.write_text(MIXED + "\n\nSofia Plovdiv Varna Burgas\n", encoding="utf-8")
    outputs = [
        subprocess.run(
            [sys.executable, "-m", "tqkit", "langs", "--format", "json", str(article)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for _ in range(2)
    ]
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert [p["language"] for p in data["files"][0]["paragraphs"][1:4]] == ["en", "bg", "ru"]


# -- tqkit langs -----------------------------------------------------------------------------


def test_langs_command_text_and_json(tmp_path: Path) -> None:
    article = tmp_path / "mixed.md"
    article.write_text(MIXED + "\n", encoding="utf-8")
    other = tmp_path / "hy.txt"
    other.write_text("\ufeff" + HY + "\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(langs_command, [str(article), str(other)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith(f"{article}:1: ~")  # a headline: a guess, marked as such
    assert lines[1].startswith(f"{article}:3: en 100%")
    assert lines[2].startswith(f"{article}:5: bg ") and "Cyrillic 100%" in lines[2]
    assert lines[3].startswith(f"{article}:7: ru ")
    assert lines[5].startswith(f"{other}:1: hy 100%") and "Armenian" in lines[5]

    res = runner.invoke(langs_command, ["--format", "json", str(article)])
    assert res.exit_code == 0
    (report,) = json.loads(res.stdout)["files"]
    para = report["paragraphs"][2]
    assert set(para) == {
        "index",
        "line",
        "start",
        "end",
        "words",
        "language",
        "language_name",
        "probability",
        "reliable",
        "candidates",
        "scripts",
        "preview",
    }
    assert para["reliable"] is True
    assert report["paragraphs"][0]["reliable"] is False  # "# Budget news"
    assert para["language"] == "bg" and para["language_name"] == "Bulgarian"
    assert para["line"] == 5 and para["candidates"][0]["lang"] == "bg"
    assert MIXED[para["start"] : para["end"]] == BG


def test_langs_command_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    res = CliRunner().invoke(langs_command, [str(bad)])
    assert res.exit_code == 2
    assert res.stderr.startswith(f"tqkit: {bad}: not valid UTF-8") and res.stderr.count("\n") == 1
    res = CliRunner().invoke(langs_command, [str(tmp_path / "nope.txt")])
    assert res.exit_code == 2 and "nope.txt: cannot read" in res.stderr


# -- TQ103 -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ctx() -> CheckContext:
    return CheckContext(resources=Resources())


def run_rule(text: str, ctx: CheckContext, target: str = "en") -> list:
    return list(WrongLanguagePassage().check(Document("a.md", text, target_lang=target), ctx))


def test_rule_metadata() -> None:
    rule = WrongLanguagePassage
    assert (rule.code, rule.name) == ("TQ103", "wrong-language-passage")
    assert rule.category.value == "accuracy/untranslated"
    assert rule.severity.label == "warning"
    doc = rule.doc()
    for section in ("What it does", "Why it matters", "Example", "Fix safety"):
        assert section in doc


def test_rule_examples(ctx: CheckContext) -> None:
    for text in WrongLanguagePassage.fires:
        assert run_rule(text, ctx), text
    for text in WrongLanguagePassage.quiet:
        assert not run_rule(text, ctx), text


def test_rule_reports_bulgarian_paragraph(ctx: CheckContext) -> None:
    findings = run_rule(MIXED, ctx)
    assert [f.data["language"] for f in findings] == ["bg", "ru"]
    bg = findings[0]
    assert MIXED[bg.span.start : bg.span.end] == BG
    assert bg.message.startswith("This paragraph appears to be in Bulgarian (")
    assert bg.message.endswith("%), not English.")
    assert bg.fixes == ()
    assert bg.rule == "TQ103" and bg.path == "a.md"


@pytest.mark.parametrize(("text", "name"), [(TR, "Turkish"), (AZ, "Azerbaijani"), (HY, "Armenian")])
def test_rule_reports_other_languages(ctx: CheckContext, text: str, name: str) -> None:
    findings = run_rule(f"{EN}\n\n{text}\n", ctx)
    assert len(findings) == 1
    assert f"appears to be in {name} (" in findings[0].message


def test_rule_skips_short_lines(ctx: CheckContext) -> None:
    assert not run_rule("Правителството одобри бюджета.\n\nСофия, 12 март\n", ctx)


def test_rule_other_target_language(ctx: CheckContext) -> None:
    findings = run_rule(f"{BG}\n\n{EN}\n", ctx, target="bg")
    assert len(findings) == 1
    assert findings[0].message.startswith("This paragraph appears to be in English (")
    assert findings[0].message.endswith("not Bulgarian.")


def test_rule_calls_langdetect_only_when_cheap_checks_say_so(
    ctx: CheckContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = language_rule.detect

    def spy(text: str) -> list[tuple[str, float]]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(language_rule, "detect", spy)
    english = "\n\n".join([EN] * 20 + [WrongLanguagePassage.quiet[0]])
    assert not run_rule(english, ctx)
    assert calls == []  # all-English words, Latin script: langdetect never asked
    assert run_rule(f"{english}\n\n{BG}\n", ctx)
    assert calls == [BG]


def test_rule_ignores_masked_text(ctx: CheckContext) -> None:
    text = f"{EN}\n\n{BG}\n"
    start = text.index(BG)
    from tqkit.findings import Span

    doc = Document("a.md", text, masked=(Span(start, start + len(BG)),))
    assert not list(WrongLanguagePassage().check(doc, ctx))
