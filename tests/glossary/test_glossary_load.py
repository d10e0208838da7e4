from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import BROKEN, FIXTURES, SHIPPED

from tqkit.errors import GlossaryError, ResourceError
from tqkit.glossary import Glossary, load_glossaries
from tqkit.glossary.cache import load_cached
from tqkit.glossary.load import load_file
from tqkit.resources import Resources


def test_empty_list_gives_empty_glossary() -> None:
    g = load_glossaries([])
    assert isinstance(g, Glossary)
    assert len(g) == 0
    assert g.matcher("en").find("Nagorno-Karabakh") == []


def test_shipped_glossary_loads_with_60_plus_concepts_in_six_languages() -> None:
    g = load_glossaries([SHIPPED])
    assert len(g) >= 60
    assert {"en", "bg", "ru", "hy", "az", "tr"} <= set(g.languages)
    c = g.get("nk-bishkek-protocol")
    assert c is not None
    assert c.preferred("en") is not None and c.preferred("en").text == "Bishkek Protocol"
    assert all(c.sources for c in g)


def test_resources_uses_load_glossaries() -> None:
    g = Resources([FIXTURES / "mini.yaml"]).glossary
    assert list(g.concepts) == ["t-region", "t-protocol", "t-peacekeeper", "t-group"]


@pytest.mark.parametrize(
    ("name", "line", "needle"),
    [
        ("syntax.yaml", 7, "YAML syntax error"),
        ("bad-status.yaml", 10, "concepts[0] (c1).terms.en[0].status: 'prefered' is not one of"),
        ("unknown-field.yaml", 6, "concepts[0] (c1).defintion: unknown field"),
        ("not-a-mapping.yaml", 1, "expected a mapping"),
    ],
)
def test_schema_errors_name_file_line_and_field(name: str, line: int, needle: str) -> None:
    path = BROKEN / name
    with pytest.raises(GlossaryError) as info:
        load_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}: ")
    assert needle in message
    assert isinstance(info.value, ResourceError)  # the runner reports it as an input error


def test_duplicate_concept_id_across_files(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "mini.yaml", tmp_path / "a.yaml")
    shutil.copy(FIXTURES / "mini.yaml", tmp_path / "b.yaml")
    with pytest.raises(GlossaryError, match=r"b\.yaml:\d+: concept id 't-region' is also defined"):
        load_glossaries([tmp_path])


def test_cache_is_used_and_invalidated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("tqkit.glossary.cache.CACHE_MIN_SECONDS", 0.0)
    path = tmp_path / "g.yaml"
    shutil.copy(FIXTURES / "mini.yaml", path)
    _info, concepts = load_cached(path)
    assert len(list((tmp_path / "cache" / "glossary").glob("*.msgpack"))) == 1
    again = load_cached(path)
    assert [c.id for c in again[1]] == [c.id for c in concepts]
    # An edit changes size and mtime: the stale entry is not used.
    time.sleep(0.01)
    path.write_text(path.read_text(encoding="utf-8").replace("t-group", "t-group2"), encoding="utf-8")
    assert "t-group2" in [c.id for c in load_cached(path)[1]]


def test_corrupt_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("tqkit.glossary.cache.CACHE_MIN_SECONDS", 0.0)
    path = tmp_path / "g.yaml"
    shutil.copy(FIXTURES / "mini.yaml", path)
    load_cached(path)
    for entry in (tmp_path / "cache" / "glossary").glob("*.msgpack"):
        entry.write_bytes(b"not msgpack")
    assert len(load_cached(path)[1]) == 4


def test_check_reports_broken_glossary_as_input_error(tmp_path: Path) -> None:
    from tqkit.config import RunOptions
    from tqkit.runner import check_paths

    article = tmp_path / "a.txt"
    article.write_text("The minsk group met.\n", encoding="utf-8")
    opts = RunOptions(select=("TQ4",), glossaries=(str(BROKEN / "bad-status.yaml"),))
    [result] = list(check_paths([str(article)], opts))
    assert result.error is not None
    assert "bad-status.yaml:10:" in result.error


def test_lookups_for_other_rules() -> None:
    g = load_glossaries([SHIPPED])
    assert g.english_for("миротворцы") == ["peacekeepers"]
    assert g.english_for("Карабаха", "ru") == ["Karabakh"]
    assert g.has_term("Khankendi") and g.has_term("karabakh")
    assert not g.has_term("table")


def test_small_glossaries_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path / "cache"))
    load_cached(FIXTURES / "mini.yaml")
    assert not (tmp_path / "cache").exists()


def test_regional_language_codes_match_their_language(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tqkit.api import check_text

    g = tmp_path / "g.yaml"
    g.write_text(
        "glossary: {id: rg, title: Regional, domain: test, languages: [en-US]}\n"
        "concepts:\n"
        "  - id: c-peacekeepers\n"
        "    domain: test\n"
        "    definition: Troops that keep a ceasefire.\n"
        "    sources: [{title: Test, url: https://example.org}]\n"
        "    terms:\n"
        "      en-US:\n"
        "        - {term: peacekeepers, status: preferred}\n"
        "        - {term: peace-makers, status: forbidden}\n",
        encoding="utf-8",
    )
    found = check_text("The peace-makers arrived.", select=["TQ401"], glossaries=[g])
    assert [f.rule for f in found] == ["TQ401"]
