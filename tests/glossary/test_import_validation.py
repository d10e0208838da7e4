"""`glossary import` writes only what tqkit (and any YAML 1.1 reader) loads back (issue 10,
items 8 and 15): bad language codes refused, unknown pos/status dropped with a note, repeated
langSets merged with one preferred term, ``no:`` quoted; real CSV headers and note columns."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from tqkit.cli import cli
from tqkit.glossary.lint import lint_paths
from tqkit.glossary.load import load_file

TBX = """<?xml version="1.0"?>
<martif type="TBX"><text><body>
<termEntry id="C1">
 <langSet xml:lang="en"><tig><term>boat</term></tig></langSet>
 <langSet xml:lang="no"><tig><term>båt</term></tig></langSet>
 <langSet xml:lang="en"><tig><term>ship</term></tig><tig><term>boat</term></tig></langSet>
 <langSet xml:lang="de"><tig><term>Boot</term><termNote type="partOfSpeech">substantiv</termNote>
   <note>tqkit: status=bogus; severity=loud; pos=thing</note></tig></langSet>
</termEntry>
<termEntry id="C2"><langSet xml:lang="no"><tig><term>no</term></tig></langSet>
 <langSet xml:lang="en"><tig><term>yes</term></tig></langSet></termEntry>
</body></text></martif>
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def imported(tmp_path: Path, name: str, content: str, *extra: str) -> tuple[int, str, Path]:
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "out.yaml"
    code, _, err = run("glossary", "import", str(src), "-o", str(out), "--force", *extra)
    return code, err, out


def test_tbx_import_reloads_and_is_lint_clean(tmp_path: Path) -> None:
    code, err, out = imported(tmp_path, "t.tbx", TBX)
    assert code == 0, err
    _, concepts = load_file(out)  # tqkit reads its own output
    c1 = next(c for c in concepts if c.id == "c1")
    assert [t.status for t in c1.terms["en"]] == ["preferred", "admitted"]
    assert [t.text for t in c1.terms["en"]] == ["boat", "ship"]
    assert c1.terms["de"][0].severity is None
    assert "both preferred" in err and "given twice" in err and "'bogus'" in err
    errors = [f for r in lint_paths([out]) for f in r.findings if f.severity.label == "error"]
    assert not errors


def test_tbx_import_quotes_yaml11_booleans(tmp_path: Path) -> None:
    code, err, out = imported(tmp_path, "t.tbx", TBX)
    assert code == 0, err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))  # a YAML 1.1 reader
    assert data["glossary"]["languages"] == ["en", "no", "de"]
    c2 = data["concepts"][1]
    assert set(c2["terms"]) == {"no", "en"}
    assert c2["terms"]["no"][0]["term"] == "no" and c2["terms"]["en"][0]["term"] == "yes"


def test_tbx_bad_language_code_is_refused(tmp_path: Path) -> None:
    code, err, out = imported(tmp_path, "t.tbx", TBX.replace('xml:lang="de"', 'xml:lang="---"'))
    assert code == 2 and "'---' is not a language code" in err and err.count("\n") == 1
    assert not out.exists()


def test_glossary_add_quotes_norwegian(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    code, _, err = run("glossary", "add", "--glossary", str(g), "--id", "boat", "--term", "en:boat", "--term", "no:båt")
    assert code == 0, err
    assert yaml.safe_load(g.read_text(encoding="utf-8"))["concepts"][0]["terms"]["no"]


# -- CSV (item 15) ---------------------------------------------------------------------------


def test_csv_language_name_header_with_description(tmp_path: Path) -> None:
    content = "English Term,Persian Term,Description\nparliament,مجلس,the legislature\nvote,رأی,\n"
    code, err, out = imported(tmp_path, "g.csv", content)
    assert code == 0, err
    _, concepts = load_file(out)
    assert [c.id for c in concepts] == ["parliament", "vote"]
    assert concepts[0].terms["fa"][0].text == "مجلس"
    assert concepts[0].note == "the legislature"


def test_csv_key_value_header_with_langs(tmp_path: Path) -> None:
    code, err, out = imported(tmp_path, "g.csv", "Key,Value\nmeeting,réunion\n", "--langs", "en,fr")
    assert code == 0, err
    _, concepts = load_file(out)
    assert [c.id for c in concepts] == ["meeting"]  # the header is no concept
    code, err, _ = imported(tmp_path, "g.csv", "Key,Value\nmeeting,réunion\n")
    assert code == 2 and "--langs" in err


def test_csv_langs_header_row_is_not_a_concept(tmp_path: Path) -> None:
    code, err, out = imported(tmp_path, "g.csv", "Source,Target\ncat,chat\n", "--langs", "en,fr")
    assert code == 0, err
    _, concepts = load_file(out)
    assert [c.terms["en"][0].text for c in concepts] == ["cat"]
    code, err, out = imported(tmp_path, "g.csv", "en,fr\ncat,chat\n", "--langs", "en,fr")
    assert code == 0 and len(load_file(out)[1]) == 1
    # a data row that looks like language codes is still data
    code, err, out = imported(tmp_path, "g.csv", "tax,vat\ncat,chat\n", "--langs", "en,fr")
    assert code == 0 and len(load_file(out)[1]) == 2


def test_csv_third_column_is_a_note(tmp_path: Path) -> None:
    code, err, out = imported(tmp_path, "g.csv", "cat,chat,the animal\ndog,chien,\n", "--langs", "en,fr")
    assert code == 0, err
    _, concepts = load_file(out)
    assert concepts[0].note == "the animal" and concepts[1].note is None


def test_csv_bad_langs_is_one_line(tmp_path: Path) -> None:
    code, err, _ = imported(tmp_path, "g.csv", "cat,chat\n", "--langs", "../x,fr")
    assert code == 2 and "not a language code" in err and err.count("\n") == 1
