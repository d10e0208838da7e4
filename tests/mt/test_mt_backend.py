"""The Argos backend: directories, install/list/remove, translation, isolation from the network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tqkit.errors import ModelError, MTUnavailable
from tqkit.mt import argos
from tqkit.mt.argos import (
    EXTRA_HINT,
    default_models_dir,
    get_translator,
    get_translators,
    install_model,
    list_models,
    missing_model_message,
    remove_model,
    resolve_models_dir,
)

ROOT = Path(__file__).resolve().parents[2]


def _block_argos(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every ``argostranslate`` import fail, as if the ``mt`` extra were not installed."""
    for name in [m for m in sys.modules if m == "argostranslate" or m.startswith("argostranslate.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "argostranslate", None)
    for sub in ("settings", "package", "translate", "sbd"):
        monkeypatch.setitem(sys.modules, f"argostranslate.{sub}", None)


# -- directories ------------------------------------------------------------------------------


def test_default_models_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_models_dir() == tmp_path / "xdg" / "tqkit" / "argos"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_models_dir() == tmp_path / "home" / ".local" / "share" / "tqkit" / "argos"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_models_dir() == tmp_path / "home" / ".local" / "share" / "tqkit" / "argos"


def test_models_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TQKIT_MODELS_DIR", str(tmp_path / "env"))
    assert resolve_models_dir() == (tmp_path / "env").resolve()
    assert resolve_models_dir(tmp_path / "flag") == (tmp_path / "flag").resolve()
    monkeypatch.delenv("TQKIT_MODELS_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_models_dir() == tmp_path / "xdg" / "tqkit" / "argos"


def test_argos_is_imported_with_settings_in_the_models_dir(tmp_path: Path) -> None:
    """In a fresh process: Argos' package, data, config and cache dirs all land under the tqkit
    models directory, nothing under HOME, the environment is restored, no socket is opened."""
    home = tmp_path / "home"
    home.mkdir()
    models = tmp_path / "models"
    script = f"""
import json, os, socket, sys
class Refuse(socket.socket):
    def __init__(self, *a, **k):
        raise SystemExit("socket opened")
def refuse(*a, **k):
    raise SystemExit("socket opened")
socket.socket = Refuse
socket.create_connection = refuse
from pathlib import Path
from tqkit.mt.argos import list_models
assert list_models(Path({str(models)!r})) == []
import argostranslate.settings as s
print(json.dumps({{"packages": str(s.package_data_dir), "data": str(s.data_dir),
    "config": str(s.config_dir), "cache": str(s.cache_dir),
    "xdg": os.environ.get("XDG_DATA_HOME"), "argos_env": os.environ.get("ARGOS_PACKAGES_DIR")}}))
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ARGOS_", "TQKIT_"))}
    env["HOME"] = str(home)
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["packages"] == str(models)
    for key in ("data", "config", "cache"):
        assert got[key].startswith(str(models / ".argos")), got
    assert got["xdg"] is None and got["argos_env"] is None  # environment restored
    assert not any(home.rglob("*argos*")), list(home.rglob("*"))


# -- install / list / remove ------------------------------------------------------------------


def test_install_list_remove(empty_models_dir: Path, argos_packages: dict[str, Path]) -> None:
    assert list_models(empty_models_dir) == []
    info, replaced = install_model(argos_packages["bg-en"], empty_models_dir)
    assert (info.pair, info.version, info.name) == ("bg-en", "0.1", "translate-bg_en-0_1")
    assert replaced == []
    install_model(argos_packages["en-bg"], empty_models_dir)
    assert [m.pair for m in list_models(empty_models_dir)] == ["bg-en", "en-bg"]
    # Installing the same pair again replaces it.
    _, replaced = install_model(argos_packages["bg-en"], empty_models_dir)
    assert [r.pair for r in replaced] == ["bg-en"]
    assert len(list_models(empty_models_dir)) == 2
    removed = remove_model("bg_en", empty_models_dir)
    assert [r.pair for r in removed] == ["bg-en"]
    assert not (empty_models_dir / "translate-bg_en-0_1").exists()
    remove_model("translate-en_bg-0_1", empty_models_dir)
    assert list_models(empty_models_dir) == []
    with pytest.raises(ModelError, match="no installed model matches 'ru-en'"):
        remove_model("ru-en", empty_models_dir)


def test_install_clears_argos_caches(models_dir: Path) -> None:
    import argostranslate.translate as translate

    translate.installed_translates.append(object())  # type: ignore[arg-type]
    get_translator("en", "bg", models_dir)
    remove_model("en-bg", models_dir)
    assert translate.installed_translates == []
    with pytest.raises(MTUnavailable):
        get_translator("en", "bg", models_dir)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (None, "not an Argos model"),
        ({"a/metadata.json": "{}", "b/x": ""}, "exactly one top-level folder"),
        ({"a/model/model.bin": "", "a/sentencepiece.model": ""}, "no a/metadata.json"),
        ({"a/metadata.json": "{not json"}, "not valid JSON"),
        ({"a/metadata.json": json.dumps({"from_code": "en"})}, "lacks from_code/to_code"),
        (
            {"a/metadata.json": json.dumps({"from_code": "en", "to_code": "bg"}), "a/sentencepiece.model": ""},
            "no CTranslate2 model",
        ),
        (
            {"a/metadata.json": json.dumps({"from_code": "en", "to_code": "bg"}), "a/model/model.bin": ""},
            "no tokenizer",
        ),
        ({"a/metadata.json": "{}", "a/../../evil": ""}, "unsafe path"),
    ],
)
def test_install_rejects_bad_archives(
    tmp_path: Path, empty_models_dir: Path, entries: dict[str, str] | None, message: str
) -> None:
    path = tmp_path / "bad.argosmodel"
    if entries is None:
        path.write_text("not a zip", encoding="utf-8")
    else:
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in entries.items():
                zf.writestr(name, data)
    with pytest.raises(ModelError, match=message):
        install_model(path, empty_models_dir)
    assert not any(p for p in empty_models_dir.glob("*") if not p.name.startswith("."))


def test_install_missing_file(tmp_path: Path, empty_models_dir: Path) -> None:
    with pytest.raises(ModelError, match="no such file"):
        install_model(tmp_path / "nope.argosmodel", empty_models_dir)


# -- translating ------------------------------------------------------------------------------


def test_translate_through_argos_with_tqkit_sentencizer(models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argostranslate.sbd as sbd

    def no_minisbd(*args: object, **kwargs: object) -> None:
        raise AssertionError("Argos' own (downloading) sentencizer was built")

    monkeypatch.setattr(sbd, "MiniSBDSentencizer", no_minisbd)
    monkeypatch.setattr(sbd.SBDetect, "__init__", no_minisbd)
    tr = get_translator("en", "bg", models_dir)
    out = tr.translate_sentence("The government said on Monday that talks would resume.")
    assert isinstance(out, str) and out
    assert "\n" not in out
    # The same sentence comes from the memo (and is deterministic anyway).
    assert tr.translate_sentence("The government  said on Monday that\ntalks would resume.") == out
    outs = tr.translate_sentences(["Prices rose.", "", "The minister met the president."])
    assert len(outs) == 3 and outs[1] == ""
    text = tr.translate("Prices rose. The minister met the president.\n\nThe court ruled.")
    assert text.count("\n\n") == 1
    sentencizer = tr.translation.sentencizer
    assert type(sentencizer).__name__ == "TqkitSentencizer"
    assert sentencizer.split_sentences("Mr. Smith left. He came back.") == ["Mr. Smith left.", "He came back."]


def test_translators_are_cached_per_pair(models_dir: Path) -> None:
    a = get_translator("en", "bg", models_dir)
    b, c = get_translators([("EN", "bg"), ("bg", "en")], models_dir)
    assert a is b and c is not a
    assert c.info.pair == "bg-en"


def test_missing_model_names_every_missing_pair(models_dir: Path) -> None:
    with pytest.raises(MTUnavailable) as err:
        get_translators([("en", "ru"), ("ru", "en"), ("en", "bg")], models_dir)
    msg = str(err.value)
    assert "\n" not in msg
    assert msg.startswith("no offline MT model for en->ru, ru->en; install them with: tqkit models install ")
    assert "translate-en_ru-VERSION.argosmodel translate-ru_en-VERSION.argosmodel" in msg
    assert "network access" in msg


def test_missing_model_message_single() -> None:
    assert missing_model_message([("bg", "en")]) == (
        "no offline MT model for bg->en; install one with: tqkit models install "
        "translate-bg_en-VERSION.argosmodel (download the .argosmodel file on a machine with "
        "network access)"
    )


def test_missing_extra(monkeypatch: pytest.MonkeyPatch, empty_models_dir: Path) -> None:
    _block_argos(monkeypatch)
    with pytest.raises(MTUnavailable) as err:
        list_models(empty_models_dir)
    assert EXTRA_HINT in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(MTUnavailable, match="tqkit\\[mt\\]"):
        get_translator("en", "bg", empty_models_dir)


def test_reset_caches_without_argos(monkeypatch: pytest.MonkeyPatch) -> None:
    _block_argos(monkeypatch)
    argos.reset_caches()  # must not import anything


def test_network_is_blocked_in_these_tests(no_network: list[str]) -> None:
    import socket

    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert len(no_network) == 2
    no_network.clear()  # the fixture's own check would fail the test otherwise
