from __future__ import annotations

import difflib
import json
import shutil
import time
from pathlib import Path

import pytest
from conftest import BROKEN, FIXTURES, SCHEMA, SHIPPED
from lxml import etree

MINI = str(FIXTURES / "mini.yaml")


# -- lint ------------------------------------------------------------------------------------


def test_lint_shipped_glossaries_is_clean(run) -> None:
    res = run("glossary", "lint", str(SHIPPED))
    assert res.exit_code == 0, res.output
    assert run("glossary", "lint").exit_code == 0  # default: the bundled glossaries


@pytest.mark.parametrize(
    ("name", "line", "code"),
    [
        ("syntax.yaml", 7, "GL101"),
        ("bad-status.yaml", 10, "GL101"),
        ("unknown-field.yaml", 6, "GL101"),
        ("not-a-mapping.yaml", 1, "GL101"),
        ("two-concepts.yaml", 13, "GL102"),
        ("preferred-and-deprecated.yaml", 9, "GL103"),
        ("no-preferred.yaml", 9, "GL104"),
        ("no-sources.yaml", 4, "GL105"),
    ],
)
def test_lint_broken_fixtures(run, name: str, line: int, code: str) -> None:
    path = BROKEN / name
    res = run("glossary", "lint", str(path), "--format", "github")
    assert res.exit_code == 1, res.output
    lines = [x for x in res.stdout.splitlines() if code in x]
    assert lines, res.stdout
    assert f"file={path},line={line}," in lines[0]
    # text format: a one-line header naming file:line:column and the code
    text = run("glossary", "lint", str(path)).stdout
    assert any(x.startswith(f"{path}:{line}:") and code in x for x in text.splitlines()), text


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_lint_formats(run, fmt: str) -> None:
    res = run("glossary", "lint", str(BROKEN / "two-concepts.yaml"), "--format", fmt)
    assert res.exit_code == 1
    assert "GL102" in res.stdout
    if fmt != "junit":
        json.loads(res.stdout)


def test_lint_missing_path_is_usage_error(run) -> None:
    res = run("glossary", "lint", "no/such/glossary.yaml")
    assert res.exit_code == 2
    assert "no/such/glossary.yaml" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


# -- find / show / stats ---------------------------------------------------------------------


def test_find_fuzzy_any_language(run) -> None:
    res = run("glossary", "find", "Nagorny Karabah", "--format", "json")
    assert res.exit_code == 0
    hits = json.loads(res.stdout)
    assert hits[0]["concept"] == "nk-nagorno-karabakh"
    res = run("glossary", "find", "Нагорного Карабаха", "--format", "json")
    assert json.loads(res.stdout)[0]["concept"] == "nk-nagorno-karabakh"
    assert run("glossary", "find", "qqqqqqqqqq").exit_code == 1


def test_show(run) -> None:
    res = run("glossary", "show", "nk-bishkek-protocol")
    assert res.exit_code == 0
    assert "Bishkek Armistice Protocol  [deprecated" in res.stdout
    data = json.loads(run("glossary", "show", "nk-bishkek-protocol", "--format", "json").stdout)
    assert data["terms"]["en"][0]["term"] == "Bishkek Protocol"
    bad = run("glossary", "show", "nk-bishkek-protocl")
    assert bad.exit_code == 2 and "did you mean 'nk-bishkek-protocol'" in bad.stderr


def test_stats(run) -> None:
    data = json.loads(run("glossary", "stats", "--format", "json").stdout)
    assert data["concepts"] >= 60
    assert data["languages"]["en"]["concepts_without_preferred"] == 0
    mini = json.loads(run("glossary", "stats", "--glossary", MINI, "--format", "json").stdout)
    assert mini["concepts"] == 4
    assert mini["languages"]["en"]["forbidden"] == 2


# -- add -------------------------------------------------------------------------------------


def test_add_keeps_comments_and_order(run, tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    shutil.copy(MINI, path)
    before = path.read_text(encoding="utf-8")
    res = run(
        "glossary",
        "add",
        "--file",
        str(path),
        "--id",
        "t-truce",
        "--domain",
        "ceasefires",
        "--definition",
        "A halt to fighting.",
        "--term",
        "en:truce",
        "--term",
        "en:cessation of fire:forbidden",
        "--term",
        "ru:перемирие",
        "--source",
        "Style guide|https://example.org/s",
    )
    assert res.exit_code == 0, res.output
    after = path.read_text(encoding="utf-8")
    diff = [d for d in difflib.ndiff(before.splitlines(), after.splitlines()) if d.startswith(("- ", "+ "))]
    # Nothing removed or changed: only added lines.
    assert all(d.startswith("+ ") for d in diff), diff
    assert after.startswith(before.rstrip("\n").rsplit("\n", 1)[0])
    for comment in (
        "# A small test glossary.",
        "# trailing comment",
        "# --- places ---",
        "# MT calque",
        "# end of file comment",
    ):
        assert comment in after
    assert run("glossary", "lint", str(path)).exit_code == 0
    shown = json.loads(run("glossary", "show", "t-truce", "--glossary", str(path), "--format", "json").stdout)
    assert [t["status"] for t in shown["terms"]["en"]] == ["preferred", "forbidden"]
    assert shown["sources"] == [{"title": "Style guide", "url": "https://example.org/s"}]


def test_add_refuses_duplicates(run, tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    shutil.copy(MINI, path)
    before = path.read_bytes()
    res = run("glossary", "add", "--file", str(path), "--id", "t-region", "--term", "en:x")
    assert res.exit_code == 2 and "already exists" in res.stderr
    res = run("glossary", "add", "--file", str(path), "--id", "t-new", "--term", "en:Peacekeeper")
    assert res.exit_code == 2 and "already in concept 't-peacekeeper'" in res.stderr
    assert path.read_bytes() == before


def test_add_by_prompts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys

    from click.testing import CliRunner

    from tqkit.cli import cli

    path = tmp_path / "mini.yaml"
    shutil.copy(MINI, path)
    runner = CliRunner()
    answers = "t-truce\nceasefires\nA halt.\nen:truce\nbg:примирие\n\nStyle guide|https://e.org\n"
    with runner.isolation(input=answers):
        monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
        try:
            cli.main(["glossary", "add", "--file", str(path)], standalone_mode=False)
        except SystemExit as exc:  # pragma: no cover - failure path
            assert exc.code == 0
    text = path.read_text(encoding="utf-8")
    assert "id: t-truce" in text and "примирие" in text and "# end of file comment" in text


# -- merge -----------------------------------------------------------------------------------


def test_merge_reports_conflicts_and_never_overwrites(run, tmp_path: Path) -> None:
    b = tmp_path / "b.yaml"
    b.write_text(
        "glossary: {id: b}\n"
        "concepts:\n"
        "  - id: t-peacekeeper\n"
        "    sources: [{title: Other guide}]\n"
        "    terms:\n"
        "      en:\n"
        "        - {term: peacemaker, status: deprecated}\n"
        "        - {term: blue helmet, status: admitted}\n"
        "  - id: t-new\n"
        "    sources: [{title: S}]\n"
        "    terms: {en: [{term: line of contact, status: preferred}]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "merged.yaml"
    res = run("glossary", "merge", MINI, str(b), "--output", str(out), "--format", "json")
    assert res.exit_code == 1
    report = json.loads(res.stdout)
    assert report["added"] == ["t-new"]
    assert report["extended"] == ["t-peacekeeper"]
    [conflict] = report["conflicts"]
    assert conflict["field"] == "terms.en[peacemaker].status"
    assert (conflict["kept"], conflict["other"]) == ("forbidden", "deprecated")
    merged = out.read_text(encoding="utf-8")
    assert "blue helmet" in merged and "line of contact" in merged
    assert "{term: peacemaker, status: forbidden" in merged  # A's value kept
    assert "# MT calque" in merged
    # the output exists now: no silent replacement
    again = run("glossary", "merge", MINI, str(b), "--output", str(out))
    assert again.exit_code == 2 and "already exists" in again.stderr


# -- import / export -------------------------------------------------------------------------


def test_export_tbx_validates_against_tbx_basic(run, tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    assert run("glossary", "export", "--format", "tbx", "--output", str(out)).exit_code == 0
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    doc = etree.parse(str(out))
    assert schema.validate(doc), schema.error_log
    assert doc.getroot().get("type") == "TBX-Basic"


def test_schema_rejects_invalid_tbx(run) -> None:
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    tbx = run("glossary", "export", "--glossary", MINI).stdout_bytes
    assert schema.validate(etree.fromstring(tbx))
    bad_status = tbx.replace(b"preferredTerm-admn-sts", b"preferred", 1)
    assert not schema.validate(etree.fromstring(bad_status))
    bad_level = tbx.replace(
        b'<langSec xml:lang="en">', b'<langSec xml:lang="en"><termNote type="partOfSpeech">noun</termNote>', 1
    )
    assert not schema.validate(etree.fromstring(bad_level))


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_export_import_export_is_identical(run, tmp_path: Path, fmt: str) -> None:
    first = tmp_path / f"a.{fmt}"
    yaml_path = tmp_path / "b.yaml"
    second = tmp_path / f"c.{fmt}"
    assert run("glossary", "export", "--format", fmt, "-o", str(first)).exit_code == 0
    assert run("glossary", "import", str(first), "-o", str(yaml_path)).exit_code == 0
    lint = run("glossary", "lint", str(yaml_path), "--format", "json")
    # CSV carries no sources (GL105 warnings); neither format may produce schema errors.
    assert {f["rule"] for f in json.loads(lint.stdout)["findings"]} <= (set() if fmt == "tbx" else {"GL105"})
    assert run("glossary", "export", "--format", fmt, "--glossary", str(yaml_path), "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_tbx_round_trip_keeps_every_field(run, tmp_path: Path) -> None:
    from tqkit.glossary import load_glossaries

    tbx = tmp_path / "a.tbx"
    run("glossary", "export", "-o", str(tbx))
    run("glossary", "import", str(tbx), "-o", str(tmp_path / "b.yaml"))
    a, b = load_glossaries([SHIPPED]), load_glossaries([tmp_path / "b.yaml"])
    from dataclasses import replace

    def strip(c):
        return (
            c.id,
            c.domain,
            c.definition,
            c.note,
            c.review,
            c.sources,
            {k: [replace(t, line=0) for t in v] for k, v in c.terms.items()},
        )

    assert [strip(c) for c in a] == [strip(c) for c in b]


def test_csv_export_layout(run) -> None:
    res = run("glossary", "export", "--format", "csv")
    rows = res.stdout.splitlines()
    assert rows[0] == "id,en,bg,ru,hy,az,tr"
    assert any(r.startswith("nk-bishkek-protocol,Bishkek Protocol,Бишкекски протокол,") for r in rows)


def test_import_tbx_v2_and_v3(run, tmp_path: Path) -> None:
    from tqkit.glossary import load_glossaries

    for name in ("martif-v2.tbx", "concept-v3.tbx"):
        out = tmp_path / f"{name}.yaml"
        res = run("glossary", "import", str(FIXTURES / name), "-o", str(out))
        assert res.exit_code == 0, res.output
    v2 = load_glossaries([tmp_path / "martif-v2.tbx.yaml"])
    c = v2.get("nk-c029")
    assert [(t.text, t.status) for t in c.terms_in("en")] == [
        ("Russian peacekeepers", "preferred"),
        ("Russian peacemakers", "deprecated"),
    ]
    assert c.terms_in("ru")[0].text == "российские миротворцы"
    assert v2.get("c0002").terms_in("en")[0].status == "forbidden"
    v3 = load_glossaries([tmp_path / "concept-v3.tbx.yaml"])
    c = v3.get("c1")
    assert c.definition == "A halt to fighting."
    assert [t.status for t in c.terms_in("en")] == ["preferred", "admitted", "deprecated"]


def test_import_csv_layouts(run, tmp_path: Path) -> None:
    from tqkit.glossary import load_glossaries

    out = tmp_path / "multi.yaml"
    assert run("glossary", "import", str(FIXTURES / "multi.csv"), "-o", str(out)).exit_code == 0
    g = load_glossaries([out])
    assert list(g.concepts) == ["c-ceasefire", "martial-law"]
    assert [t.status for t in g.get("c-ceasefire").terms_in("en")] == ["preferred", "admitted"]
    two = tmp_path / "two.yaml"
    res = run("glossary", "import", str(FIXTURES / "two-col.csv"), "-o", str(two))
    assert res.exit_code == 2 and "--langs" in res.stderr
    res = run("glossary", "import", str(FIXTURES / "two-col.csv"), "-o", str(two), "--langs", "en,en-GB")
    assert res.exit_code == 0, res.output
    g = load_glossaries([two])
    assert g.get("peacemakers").terms_in("en-GB")[0].text == "peacekeepers"


def test_entity_bomb_is_refused_quickly(run, tmp_path: Path) -> None:
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    res = run("glossary", "import", str(FIXTURES / "bomb.tbx"), "-o", str(tmp_path / "x.yaml"))
    elapsed = time.perf_counter() - t0
    assert res.exit_code == 2
    assert "entity" in res.stderr and "bomb.tbx" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert elapsed < 2.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB
    assert not (tmp_path / "x.yaml").exists()


def test_external_entity_is_refused(run, tmp_path: Path) -> None:
    xxe = tmp_path / "xxe.tbx"
    xxe.write_text(
        '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en"><termSec>'
        "<term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    res = run("glossary", "import", str(xxe), "-o", str(tmp_path / "x.yaml"))
    assert res.exit_code == 2 and "refused" in res.stderr


def test_import_refuses_to_replace_output(run, tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    res = run("glossary", "import", str(FIXTURES / "concept-v3.tbx"), "-o", str(out))
    assert res.exit_code == 2 and out.read_text(encoding="utf-8") == "keep me\n"


# -- coverage --------------------------------------------------------------------------------


def test_coverage_json_and_table(run, seed_path, tmp_path: Path) -> None:
    md = tmp_path / "note.md"
    md.write_text("# Peacemakers\n\nThe `Nagorno-Karabakh` code span and the OSCE Minsk Group.\n", encoding="utf-8")
    res = run("glossary", "coverage", str(seed_path), str(md), "--format", "json")
    assert res.exit_code == 0, res.output
    files = json.loads(res.stdout)["files"]
    seed = files[0]
    assert seed["concepts"]["nk-nagorno-karabakh"]["count"] >= 10
    bad = {d["term"]: d["preferred"] for d in seed["deprecated"]}
    assert bad["Bishkek Armistice Protocol"] == "Bishkek Protocol"
    note = files[1]
    assert "nk-nagorno-karabakh" not in note["concepts"]  # masked code span
    assert "nk-osce-minsk-group" in note["concepts"]
    table = run("glossary", "coverage", str(seed_path)).stdout
    assert "! deprecated Bishkek Armistice Protocol" in table


def test_add_to_a_copy_of_the_shipped_glossary_only_appends(run, tmp_path: Path) -> None:
    path = tmp_path / "nk.yaml"
    shutil.copy(SHIPPED / "nagorno-karabakh.yaml", path)
    before = path.read_text(encoding="utf-8")
    res = run(
        "glossary",
        "add",
        "--file",
        str(path),
        "--id",
        "nk-test-concept",
        "--term",
        "en:test concept",
        "--source",
        "Test",
    )
    assert res.exit_code == 0, res.output
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :].startswith("  - id: nk-test-concept\n")


def test_export_of_two_glossaries_imports_cleanly(run, tmp_path: Path) -> None:
    tbx = tmp_path / "both.tbx"
    other = tmp_path / "other.yaml"
    other.write_text(
        "glossary: {id: other}\nconcepts:\n  - id: o-1\n    sources: [{title: S}]\n"
        "    terms: {en: [{term: zebra crossing, status: preferred}]}\n",
        encoding="utf-8",
    )
    assert (
        run("glossary", "export", "--glossary", str(SHIPPED), "--glossary", str(other), "-o", str(tbx)).exit_code == 0
    )
    out = tmp_path / "both.yaml"
    assert run("glossary", "import", str(tbx), "-o", str(out)).exit_code == 0
    assert run("glossary", "lint", str(out)).exit_code == 0
    assert "id: nagorno-karabakh_other" in out.read_text(encoding="utf-8")


def test_import_csv_normalises_codes_and_ids(run, tmp_path: Path) -> None:
    from tqkit.glossary import load_glossaries

    src = tmp_path / "odd.csv"
    src.write_bytes("\ufeffID;EN;bg_bg\nNK 1;Lachin corridor;Лачински коридор\n;Sarsang Reservoir;\n".encode())
    out = tmp_path / "odd.yaml"
    res = run("glossary", "import", str(src), "-o", str(out), "--id", "odd")
    assert res.exit_code == 0, res.output
    g = load_glossaries([out])
    assert list(g.concepts) == ["nk-1", "sarsang-reservoir"]
    assert g.get("nk-1").terms_in("bg-BG")[0].text == "Лачински коридор"
    assert run("glossary", "lint", str(out)).exit_code in (0, 1)  # GL105 (no sources) only
    assert "GL101" not in run("glossary", "lint", str(out)).output
    # a row of short words is data, not a header, when --langs names other languages
    two = tmp_path / "two.csv"
    two.write_text("tax,vat\nfee,такса\n", encoding="utf-8")
    res = run("glossary", "import", str(two), "-o", str(tmp_path / "two.yaml"), "--langs", "EN,bg")
    assert res.exit_code == 0, res.output
    assert [c.terms_in("en")[0].text for c in load_glossaries([tmp_path / "two.yaml"]).concepts.values()] == [
        "tax",
        "fee",
    ]


def test_import_csv_duplicate_id_names_both_lines(run, tmp_path: Path) -> None:
    src = tmp_path / "dup.csv"
    src.write_text("id,en\nx-1,Foo\nx-2,Bar\nx-1,Baz\n", encoding="utf-8")
    res = run("glossary", "import", str(src), "-o", str(tmp_path / "dup.yaml"))
    assert res.exit_code == 2
    assert res.stderr == f"tqkit: {src}:4: concept id 'x-1' appears twice (first on line 2)\n"
    assert not (tmp_path / "dup.yaml").exists()


def test_import_plain_tbx_gives_a_lint_clean_glossary(run, tmp_path: Path) -> None:
    from tqkit.glossary import load_glossaries

    tbx = tmp_path / "plain.tbx"
    tbx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">'
        "<text><body>"
        '<conceptEntry id="C001"><langSec xml:lang="EN"><termSec><term>Lachin corridor</term></termSec>'
        "<termSec><term>Lachin road</term></termSec></langSec>"
        '<langSec xml:lang="ru"><termSec><term>Лачинский коридор</term></termSec></langSec></conceptEntry>'
        '<conceptEntry id="Sarsang Reservoir"><langSec xml:lang="en"><termSec><term>Sarsang Reservoir</term>'
        '<termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec></langSec></conceptEntry>'
        "</body></text></tbx>\n",
        encoding="utf-8",
    )
    out = tmp_path / "plain.yaml"
    assert run("glossary", "import", str(tbx), "-o", str(out)).exit_code == 0
    g = load_glossaries([out])
    assert list(g.concepts) == ["c001", "sarsang-reservoir"]
    # no status anywhere in a language: the first term is preferred; a stated status is kept
    assert [(t.text, t.status) for t in g.get("c001").terms_in("en")] == [
        ("Lachin corridor", "preferred"),
        ("Lachin road", "admitted"),
    ]
    assert g.get("c001").terms_in("ru")[0].status == "preferred"
    assert g.get("sarsang-reservoir").terms_in("en")[0].status == "admitted"
    assert "GL101" not in run("glossary", "lint", str(out)).output


@pytest.mark.parametrize("flag", ["--glossary", "--file"])
def test_add_creates_a_new_glossary_file(run, tmp_path: Path, flag: str) -> None:
    from tqkit.glossary import load_glossaries

    path = tmp_path / "My Terms.yaml"
    res = run(
        "glossary",
        "add",
        flag,
        str(path),
        "--id",
        "x-truce",
        "--term",
        "en:truce",
        "--term",
        "en:Title: sub:admitted",
        "--source",
        "Guide|https://example.org",
    )
    assert res.exit_code == 0, res.output
    assert run("glossary", "lint", str(path)).exit_code == 0
    g = load_glossaries([path])
    assert [(t.text, t.status) for t in g.get("x-truce").terms_in("en")] == [
        ("truce", "preferred"),
        ("Title: sub", "admitted"),
    ]
    assert path.read_text(encoding="utf-8").startswith("glossary:\n  id: my-terms\nconcepts:\n  - id: x-truce\n")
    res = run("glossary", "add", flag, str(path), "--id", "x-two", "--term", "en:ceasefire")
    assert res.exit_code == 0, res.output
    assert list(load_glossaries([path]).concepts) == ["x-truce", "x-two"]


def test_add_refuses_a_mistyped_status_and_two_preferred_terms(run, tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    shutil.copy(MINI, path)
    before = path.read_bytes()
    res = run("glossary", "add", "--file", str(path), "--id", "t-new", "--term", "en:truce:deprecatd")
    assert res.exit_code == 2 and "unknown status 'deprecatd'" in res.stderr
    res = run("glossary", "add", "--file", str(path), "--id", "t-new", "--term", "en:truce", "--term", "en:armistice")
    assert res.exit_code == 2
    assert res.stderr == (
        f"tqkit: {path}: two preferred en terms ('truce', 'armistice'); "
        "give the others a status, e.g. en:armistice:admitted\n"
    )
    assert path.read_bytes() == before


def test_lint_reports_two_preferred_terms_in_one_language(run, tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(
        "glossary:\n  id: two\nconcepts:\n  - id: x\n    sources: [{title: t}]\n"
        "    terms:\n      en:\n        - {term: truce, status: preferred}\n"
        "        - {term: armistice, status: preferred}\n",
        encoding="utf-8",
    )
    res = run("glossary", "lint", str(path))
    assert res.exit_code == 1
    assert f"{path}:9:9: GL101 error: concept 'x': 2 preferred en terms ('truce', 'armistice')" in res.output
