"""``tqkit models`` and ``tqkit roundtrip`` through the real CLI, the real Argos code path and
the tiny random models built by the fixtures (their output is garbage, so round trips score
low: the tests assert the plumbing, not translation quality)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.cli import cli

ARTICLE = (
    "The government said on Monday that talks with the opposition would resume next week.\n"
    "The minister met the president in the capital.\n\n"
    "Prices rose sharply in the region. Police said the border was calm.\n"
)
SOURCE = (
    "Правителството каза в понеделник, че преговорите с опозицията ще продължат.\n"
    "Министърът се срещна с президента в столицата.\n\n"
    "Цените в областта рязко се повишиха. Полицията каза, че границата е спокойна.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "article.bg.txt"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def _block_argos(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "argostranslate" or m.startswith("argostranslate.")]:
        monkeypatch.setitem(sys.modules, name, None)
    for name in (
        "argostranslate",
        "argostranslate.settings",
        "argostranslate.package",
        "argostranslate.translate",
        "argostranslate.sbd",
    ):
        monkeypatch.setitem(sys.modules, name, None)


# -- tqkit models -----------------------------------------------------------------------------


def test_models_install_list_remove(empty_models_dir: Path, argos_packages: dict[str, Path]) -> None:
    code, out, _ = run("models", "list")
    assert code == 0 and "No offline MT models" in out and str(empty_models_dir) in out

    code, out, err = run("models", "install", str(argos_packages["en-bg"]), str(argos_packages["bg-en"]))
    assert code == 0, err
    assert "Installed en-bg translate-en_bg-0_1 0.1" in out
    assert "Installed bg-en translate-bg_en-0_1 0.1" in out

    code, out, _ = run("models", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["CODE", "FROM", "TO", "VERSION", "PACKAGE"]
    assert lines[1].split() == ["bg-en", "BG", "English", "0.1", "translate-bg_en-0_1"]
    assert lines[2].split() == ["en-bg", "English", "BG", "0.1", "translate-en_bg-0_1"]

    code, out, _ = run("models", "list", "--format", "json")
    data = json.loads(out)
    assert data["models_dir"] == str(empty_models_dir)
    assert [(m["from"], m["to"], m["package"], m["version"]) for m in data["models"]] == [
        ("bg", "en", "translate-bg_en-0_1", "0.1"),
        ("en", "bg", "translate-en_bg-0_1", "0.1"),
    ]

    code, out, _ = run("models", "remove", "bg_en")
    assert code == 0 and "Removed bg-en translate-bg_en-0_1" in out
    code, out, _ = run("models", "remove", "en-bg")
    assert code == 0
    code, out, _ = run("models", "list", "--format", "json")
    assert json.loads(out)["models"] == []


def test_models_dir_flag_overrides_environment(
    tmp_path: Path, argos_packages: dict[str, Path], empty_models_dir: Path
) -> None:
    other = tmp_path / "elsewhere"
    code, _, err = run("models", "install", "--models-dir", str(other), str(argos_packages["bg-en"]))
    assert code == 0, err
    assert (other / "translate-bg_en-0_1" / "metadata.json").is_file()
    assert not (empty_models_dir / "translate-bg_en-0_1").exists()
    code, out, _ = run("models", "list", "--models-dir", str(other), "--format", "json")
    assert [m["code"] for m in json.loads(out)["models"]] == ["bg-en"]


def test_models_errors_exit_2(tmp_path: Path) -> None:
    code, _, err = run("models", "remove", "ru-en")
    assert code == 2
    assert err.startswith("tqkit: no installed model matches 'ru-en'") and err.count("\n") == 1
    bad = tmp_path / "x.argosmodel"
    bad.write_text("nope", encoding="utf-8")
    code, _, err = run("models", "install", str(bad))
    assert code == 2 and str(bad) in err and "not an Argos model" in err
    code, _, err = run("models", "install", str(tmp_path / "missing.argosmodel"))
    assert code == 2 and "no such file" in err


def test_models_without_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    _block_argos(monkeypatch)
    code, out, err = run("models", "list")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "pip install 'tqkit[mt]'" in err


# -- tqkit roundtrip --------------------------------------------------------------------------


def test_roundtrip_reports_low_scores(models_dir: Path, article: Path) -> None:
    code, out, err = run("roundtrip", str(article), "--via", "bg")
    assert code == 1, err
    assert f"{article}:1:1: " in out
    assert f"{article}:4:36: " in out  # second sentence of the second paragraph
    assert "    via bg:  " in out and "    back:    " in out
    assert out.rstrip().splitlines()[-1].startswith("4 of 4 sentences below 0.50 (round trip via bg")


def test_roundtrip_json(models_dir: Path, article: Path) -> None:
    code, out, _ = run("roundtrip", str(article), "--via", "bg", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["mode"] == "roundtrip" and data["via"] == "bg"
    assert data["scale"] == "chrF/100 (0-1)" and data["threshold"] == 0.5
    assert data["sentences"] == 4 and len(data["reported"]) == 4
    first = data["reported"][0]
    assert (first["line"], first["column"], first["start"]) == (1, 1, 0)
    assert first["text"].startswith("The government said on Monday")
    assert isinstance(first["mt"], str) and isinstance(first["intermediate"], str)
    assert 0.0 <= first["score"] < 0.5
    assert 0.0 <= data["mean"] < 0.5


def test_roundtrip_threshold_zero_reports_nothing(models_dir: Path, article: Path) -> None:
    code, out, _ = run("roundtrip", str(article), "--via", "bg", "--threshold", "0")
    assert code == 0
    assert out.strip() == "0 of 4 sentences below 0.00 (round trip via bg, mean " + out.split("mean ")[1].strip()


def test_roundtrip_against_source(models_dir: Path, article: Path, source: Path) -> None:
    code, out, err = run("roundtrip", str(article), "--source", str(source), "--source-lang", "bg", "--format", "json")
    assert code == 1, err
    data = json.loads(out)
    assert data["mode"] == "source" and data["source_lang"] == "bg"
    assert data["sentences"] == 4
    assert data["reported"][0]["intermediate"].startswith("Правителството каза")
    code, out, _ = run("roundtrip", str(article), "--source", str(source), "--source-lang", "bg")
    assert code == 1 and "    source:  Правителството" in out and "    MT:      " in out


def test_roundtrip_source_language_detected(models_dir: Path, article: Path, source: Path) -> None:
    code, out, err = run("roundtrip", str(article), "--source", str(source), "--format", "json")
    assert code == 1, err
    assert json.loads(out)["source_lang"] == "bg"


def test_roundtrip_missing_model(empty_models_dir: Path, article: Path) -> None:
    code, out, err = run("roundtrip", str(article), "--via", "bg")
    assert code == 2 and out == ""
    assert err == (
        f"tqkit: {article}: no offline MT model for en->bg, bg->en; install them with: "
        "tqkit models install translate-en_bg-VERSION.argosmodel translate-bg_en-VERSION.argosmodel "
        "(download the .argosmodel file on a machine with network access)\n"
    )


def test_roundtrip_missing_one_direction(models_dir: Path, article: Path) -> None:
    run("models", "remove", "bg-en")
    code, _, err = run("roundtrip", str(article), "--via", "bg")
    assert code == 2
    assert (
        "no offline MT model for bg->en; install one with: tqkit models install translate-bg_en-VERSION.argosmodel"
        in err
    )


def test_roundtrip_without_extra(monkeypatch: pytest.MonkeyPatch, article: Path) -> None:
    _block_argos(monkeypatch)
    code, _, err = run("roundtrip", str(article), "--via", "bg")
    assert code == 2 and err.count("\n") == 1
    assert str(article) in err and "install it with: pip install 'tqkit[mt]'" in err


def test_roundtrip_usage_errors(models_dir: Path, article: Path, source: Path, tmp_path: Path) -> None:
    code, _, err = run("roundtrip", str(article))
    assert code == 2 and "either --via LANG" in err
    code, _, err = run("roundtrip", str(article), "--via", "bg", "--source", str(source))
    assert code == 2 and "either --via LANG" in err
    code, _, err = run("roundtrip", str(tmp_path / "missing.txt"), "--via", "bg")
    assert code == 2 and err == f"tqkit: {tmp_path / 'missing.txt'}: no such file\n"
    code, _, _ = run("roundtrip", str(article), "--via", "bg", "--threshold", "50")
    assert code == 2


def test_models_path(empty_models_dir: Path, tmp_path: Path) -> None:
    assert run("models", "path") == (0, f"{empty_models_dir}\n", "")
    assert run("models", "path", "--models-dir", str(tmp_path / "m"))[1] == f"{tmp_path / 'm'}\n"


def test_roundtrip_source_paragraph_mismatch_is_noted(models_dir: Path, article: Path, tmp_path: Path) -> None:
    src = tmp_path / "short.bg.txt"
    src.write_text(SOURCE.split("\n\n")[0] + "\n", encoding="utf-8")
    code, out, err = run("roundtrip", str(article), "--source", str(src), "--source-lang", "bg", "--format", "json")
    assert code == 1
    assert err == f"tqkit: {article}: 2 paragraphs in the translation, 1 in the source; compared the first 1 in order\n"
    assert json.loads(out)["sentences"] == 2
