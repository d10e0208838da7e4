"""TQ501 roundtrip-drift: opt-in, runs through Argos with the test models, degrades to a note."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.api import check_text
from tqkit.checks.roundtrip import RoundTripDrift
from tqkit.cli import cli
from tqkit.document import Document
from tqkit.findings import Category, Severity, apply_edits
from tqkit.mt.roundtrip import chrf
from tqkit.registry import CheckContext, get_rule, select_rules
from tqkit.ruleoptions import RuleOptions

TEXT = (
    "The government said on Monday that talks with the opposition would resume next week.\n\n"
    "Prices rose sharply in the region. Police said the border was calm.\n"
)
SOURCE = (
    "Правителството каза в понеделник, че преговорите с опозицията ще продължат.\n\n"
    "Цените в областта рязко се повишиха. Полицията каза, че границата е спокойна.\n"
)


def _context(**options: object) -> CheckContext:
    return CheckContext(resources=None, options=RuleOptions.from_mapping(options))  # type: ignore[arg-type]


def test_rule_metadata() -> None:
    rule = get_rule("TQ501")
    assert rule is RoundTripDrift and get_rule("roundtrip-drift") is RoundTripDrift
    assert rule.severity is Severity.WARNING and rule.category is Category.MISTRANSLATION
    assert rule.enabled_by_default is False and rule.needs_model is True
    assert rule.fires == rule.quiet == rule.fires_with_source == rule.quiet_with_source == ()
    for section in ("What it does", "Why it matters", "Example", "Fix safety"):
        assert section in rule.doc()


def test_rule_is_opt_in() -> None:
    assert RoundTripDrift not in select_rules()
    assert RoundTripDrift not in select_rules(["ALL"])
    assert RoundTripDrift in select_rules(["TQ501"])
    assert RoundTripDrift in select_rules(None, extend_select=["TQ5"])


def test_roundtrip_findings_with_unsafe_fix(models_dir: Path) -> None:
    findings = check_text(TEXT, select=["TQ501"], options={"roundtrip_via": "bg", "models_dir": str(models_dir)})
    assert [f.rule for f in findings] == ["TQ501"] * 3
    first = findings[0]
    assert TEXT[first.start : first.end].startswith("The government said")
    assert first.message.startswith("Round trip through Bulgarian drifts from this sentence (chrF ")
    assert first.data["via"] == "bg" and isinstance(first.data["mt"], str)
    fix = first.preferred_fix
    assert fix is not None and fix.safe is False
    fixed = apply_edits(TEXT, fix.edits)
    assert fixed == TEXT[: first.start] + str(first.data["mt"]) + TEXT[first.end :]


def test_threshold_option(models_dir: Path) -> None:
    opts = {"roundtrip_via": "bg", "models_dir": str(models_dir), "roundtrip_threshold": 0.0}
    assert check_text(TEXT, select=["TQ501"], options=opts) == []


def test_models_dir_from_environment(models_dir: Path) -> None:
    # TQKIT_MODELS_DIR points at models_dir (see conftest): no models_dir option needed.
    assert len(check_text(TEXT, select=["TQ501"], options={"roundtrip_via": "bg"})) == 3


def test_source_mode(models_dir: Path) -> None:
    findings = check_text(TEXT, select=["TQ501"], source=SOURCE, options={"source_lang": "bg"})
    assert len(findings) == 3
    assert findings[0].message.startswith("This sentence is far from the machine translation of its source")
    assert findings[0].data["source_lang"] == "bg"
    assert str(findings[0].data["intermediate"]).startswith("Правителството каза")
    assert findings[0].fixes[0].title == "Replace with the machine translation of the source (review it)"


def test_missing_model_gives_one_note(empty_models_dir: Path) -> None:
    ctx = _context(roundtrip_via="bg", models_dir=str(empty_models_dir))
    doc = Document("a.txt", TEXT)
    rule = RoundTripDrift()
    assert list(rule.check(doc, ctx)) == []
    assert list(rule.check(doc, ctx)) == []
    assert ctx.notes == [
        "TQ501 roundtrip-drift: no offline MT model for en->bg, bg->en; install them with: "
        "tqkit models install translate-en_bg-VERSION.argosmodel translate-bg_en-VERSION.argosmodel "
        "(download the .argosmodel file on a machine with network access)"
    ]


def test_missing_extra_gives_one_note(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m.startswith("argostranslate")] + ["argostranslate"]:
        monkeypatch.setitem(sys.modules, name, None)
    for sub in ("settings", "package", "translate", "sbd"):
        monkeypatch.setitem(sys.modules, f"argostranslate.{sub}", None)
    ctx = _context(roundtrip_via="bg")
    assert list(RoundTripDrift().check(Document("a.txt", TEXT), ctx)) == []
    assert len(ctx.notes) == 1 and "pip install 'tqkit[mt]'" in ctx.notes[0]


def test_no_pivot_and_no_source_gives_a_note() -> None:
    ctx = _context()
    assert list(RoundTripDrift().check(Document("a.txt", TEXT), ctx)) == []
    assert ctx.notes == ["TQ501 roundtrip-drift: needs --roundtrip-via LANG (round trip) or --source FILE; skipped"]


def test_masked_sentences_get_no_fix(models_dir: Path) -> None:
    text = "Officials said the report at https://example.org/report was wrong.\n"
    url = text.index("https")
    from tqkit.findings import Span

    doc = Document("a.md", text, masked=(Span(url, url + len("https://example.org/report")),))
    findings = list(RoundTripDrift().check(doc, _context(roundtrip_via="bg")))
    assert len(findings) == 1 and findings[0].fixes == ()


def test_through_tqkit_check(models_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tqkit.engine

    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    # tqkit.engine caches engines by settings alone, and its options (--roundtrip-via) would
    # leak from one in-process run into the next: start each run with an empty cache.
    monkeypatch.setattr(tqkit.engine, "_ENGINES", {})
    result = runner.invoke(
        cli,
        [
            "check",
            str(path),
            "--select",
            "TQ501",
            "--roundtrip-via",
            "bg",
            "--models-dir",
            str(models_dir),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert [f["rule"] for f in report["findings"]] == ["TQ501"] * 3
    monkeypatch.setattr(tqkit.engine, "_ENGINES", {})
    result = runner.invoke(cli, ["check", str(path), "--select", "TQ501", "--roundtrip-via", "ru"])
    assert result.exit_code == 0
    assert "no offline MT model for en->ru, ru->en" in result.stdout + result.stderr


def test_chrf_scale() -> None:
    assert chrf("The talks resumed.", "The talks resumed.") == pytest.approx(1.0)
    assert chrf("xyz qqq", "The talks resumed.") < 0.1
    assert 0.3 < chrf("The talks have resumed.", "The talks resumed.") < 1.0
    assert chrf("", "") == 1.0


def test_transliteration_suggestion_comes_from_mt_when_a_model_is_installed(models_dir: Path) -> None:
    """TQ102 with --source: neither the glossary nor the calque list knows the word, so the
    installed bg->en model (the tiny test model: its output is noise, but real) suggests."""
    from tqkit.mt.argos import get_translator

    source = "Никой от кметовете не подписа договора.\n"
    target = "None of the kmetove signed the contract.\n"
    found = [
        f
        for f in check_text(target, select=["TQ102"], source=source, options={"models_dir": str(models_dir)})
        if f.rule == "TQ102"
    ]
    assert found and found[0].data["source_word"] == "кметовете"
    expected = get_translator("bg", "en", models_dir).translate_sentence("кметовете").strip(" .")
    assert expected and found[0].fixes[0].edits[0].replacement == expected


def test_no_model_means_no_mt_suggestion_and_no_models_dir_created(empty_models_dir: Path) -> None:
    source = "Никой от кметовете не подписа договора.\n"
    target = "None of the kmetove signed the contract.\n"
    found = [f for f in check_text(target, select=["TQ102"], source=source) if f.rule == "TQ102"]
    assert found and found[0].data["source_word"] == "кметовете"
    assert not found[0].fixes
    assert not empty_models_dir.exists()
