"""Bad packs (issue 11, "Bad input"): a syntax error, an unknown condition, a duplicate id, an
example that does not behave as declared, a regex that could backtrack catastrophically. Each
gives one line naming the file and line, exit 2; `tqkit check` refuses to run with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.cli import cli

GOOD_ENTRY = """\
  - id: {id}
    pattern: "{pattern}"
    message: "A test entry."
    reference: "written for the test"
    fires: ["{fires}"]
    quiet: ["Nothing to see here."]
"""


def pack(tmp_path: Path, body: str, name: str = "test-pack.yaml", pid: str = "test-pack") -> Path:
    path = tmp_path / name
    path.write_text(f"pack: {pid}\ntitle: Test pack\nsource_lang: ru\nentries:\n{body}", encoding="utf-8")
    return path


def entry(**kw: str) -> str:
    values = {"id": "zz-test-entry", "pattern": "blorfing zanzibar~", "fires": "They saw blorfing zanzibars."}
    values.update(kw)
    return GOOD_ENTRY.format(**values)


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", "")


def lint(*paths: Path) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["rules", "--lint", *map(str, paths)])
    return res.exit_code, res.output


def check_with(pack_path: Path, tmp_path: Path) -> tuple[int, str, str]:
    article = tmp_path / "article.txt"
    article.write_text("Shelling killed three peaceful residents of the village.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--packs", str(pack_path), str(article)])
    return res.exit_code, res.stdout, res.stderr


def assert_one_line(output: str, path: Path, line: int, *words: str) -> None:
    lines = [ln for ln in output.splitlines() if ln.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith(f"{path}:{line}: ") or lines[0].startswith(f"tqkit: {path}:{line}: "), output
    assert "Traceback" not in output
    for w in words:
        assert w in lines[0], output


BAD = {
    "syntax-error": (entry().replace('pattern: "blorfing zanzibar~"', 'pattern: ["blorfing'), 7, ("syntax",)),
    "unknown-condition": (entry(pattern="blorfing <VERB>"), 6, ("unknown condition", "<VERB>")),
    "unknown-key": (entry().replace("    message:", "    mesage: typo\n    message:"), 7, ("unknown key", "mesage")),
    "example-does-not-fire": (entry(fires="They saw zanzibars blorfing."), 9, ("does not fire",)),
    "quiet-example-fires": (entry().replace("Nothing to see here.", "Blorfing zanzibar again."), 10, ("quiet",)),
    "backtracking-regex": (entry(pattern="blorfing /(a+)+b/"), 6, ("backtrack",)),
    "back-reference": (entry(pattern="blorfing /(a)\\\\1/"), 6, ("back-reference",)),
    "undeclared-reference": (
        entry().replace('reference: "written for the test"', "reference: XYZ"),
        8,
        ("XYZ", "not declared"),
    ),
    "no-quiet-example": (entry().replace('    quiet: ["Nothing to see here."]\n', ""), 5, ("quiet", "at least one")),
    "no-literal": (entry(pattern="* /x+/"), 6, ("literal",)),
    "bad-opener": (entry(pattern="blorfing ^^^zanzibar"), 6, ("anchored",)),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_pack_lint_names_file_and_line(tmp_path: Path, case: str) -> None:
    body, line, words = BAD[case]
    path = pack(tmp_path, body)
    code, out = lint(path)
    assert code == 2, out
    assert_one_line(out, path, line, *words)


@pytest.mark.parametrize("case", sorted(BAD))
def test_check_refuses_to_run_with_a_broken_pack(tmp_path: Path, case: str) -> None:
    body, line, words = BAD[case]
    path = pack(tmp_path, body)
    code, out, err = check_with(path, tmp_path)
    assert code == 2, out + err
    assert out == ""  # nothing checked
    assert_one_line(err, path, line, *words)


def test_duplicate_id_across_packs(tmp_path: Path) -> None:
    first = pack(tmp_path, entry(), "a.yaml", "pack-a")
    second = pack(tmp_path, entry(pattern="zoggle~", fires="A zoggle."), "b.yaml", "pack-b")
    code, out = lint(first, second)
    assert code == 2
    assert_one_line(out, second, 5, "duplicate entry id", "zz-test-entry", str(first))
    code, out, err = check_with(tmp_path, tmp_path)
    assert code == 2 and "duplicate entry id" in err


def test_duplicate_of_a_bundled_id(tmp_path: Path) -> None:
    path = pack(tmp_path, entry(id="peacemakers"))
    code, out = lint(path)
    assert code == 2
    assert_one_line(out, path, 5, "duplicate entry id", "peacemakers")


def test_duplicate_pack_id(tmp_path: Path) -> None:
    path = pack(tmp_path, entry(), pid="calques")
    code, out = lint(path)
    assert code == 2 and "pack id `calques`" in out


def test_pre_pack_calque_list_is_refused(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text("calques:\n  - id: x\n    patterns: [x]\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Text.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--glossary", str(old), str(article)])
    assert res.exit_code == 2
    assert "convert it to a rule pack" in res.stderr


def test_missing_pack_path(tmp_path: Path) -> None:
    code, _out, err = check_with(tmp_path / "nowhere", tmp_path)
    assert code == 2 and "not found" in err


def test_good_user_pack_is_used(tmp_path: Path) -> None:
    path = pack(tmp_path, entry())
    assert lint(path)[0] == 0
    article = tmp_path / "article.txt"
    article.write_text("Yesterday they saw blorfing zanzibars.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--packs", str(path), str(article), "--select", "TQ301"])
    assert res.exit_code == 1
    assert "A test entry." in res.stdout
    res = CliRunner().invoke(cli, ["rules", "--packs", str(path)])
    assert "test-pack" in res.output
    res = CliRunner().invoke(cli, ["rule", "zz-test-entry", "--packs", str(path)])
    assert res.exit_code == 0 and "blorfing zanzibar~" in res.output


def test_user_pack_from_config(tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    pack(tmp_path / "house", entry())
    (tmp_path / "tqkit.toml").write_text('packs = ["house/"]\n', encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text("Yesterday they saw blorfing zanzibars.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", str(article), "--select", "TQ301"])
    assert res.exit_code == 1 and "A test entry." in res.stdout


def test_fifo_pack_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    code, out, err = check_with(fifo, tmp_path)
    assert code == 2 and "not a regular file" in err
    code, out = lint(fifo)
    assert code == 2 and "not a regular file" in out
