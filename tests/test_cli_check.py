"""`tqkit check` end to end: formats, exit codes, fixes, config, suppressions, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tqkit.cli import cli

DATA = Path(__file__).parent / "data"


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def test_seed_article_findings(seed_path: Path) -> None:
    code, out, _ = run("check", str(seed_path), "--format", "json")
    assert code == 1
    data = json.loads(out)
    texts = {(f["rule"], f["text"]) for f in data["findings"]}
    assert ("TQ102", "Batkovs") in texts
    assert ("TQ202", "fighting the fighting") in texts
    assert ("TQ202", "influence Russian influence") in texts
    assert ("TQ303", "theirs own") in texts
    theirs = next(f for f in data["findings"] if f["text"] == "theirs own")
    assert theirs["fixes"][0]["safe"] is True
    assert theirs["fixes"][0]["edits"][0]["replacement"] == "their"
    text = seed_path.read_text(encoding="utf-8")
    for f in data["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]
        assert f["line"] >= 1 and f["column"] >= 1
        assert set(f) >= {
            "path",
            "rule",
            "name",
            "severity",
            "category",
            "message",
            "start",
            "end",
            "line",
            "column",
            "end_line",
            "end_column",
            "text",
            "fixes",
        }
    assert data["summary"]["files"] == 1 and data["summary"]["words"] > 1000


def test_text_format_underlines_the_span(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", "Talks resumed in the the capital.\n")
    code, out, _ = run("check", str(p), "--no-color")
    assert code == 1
    assert f"{p}:1:18: TQ201 warning" in out
    lines = out.splitlines()
    i = next(i for i, line in enumerate(lines) if "| Talks resumed" in line)
    caret_line = lines[i + 1]
    assert caret_line.index("^") - caret_line.index("|") == lines[i].index("the the") - lines[i].index("|")
    assert "= fix: Remove the second “the”" in out


def test_exit_codes_and_fail_on(tmp_path: Path) -> None:
    clean = write(tmp_path / "clean.txt", "Talks resumed in the capital on Monday.\n")
    assert run("check", str(clean))[0] == 0
    bad = write(tmp_path / "bad.txt", "Talks resumed in the the capital.\n")
    assert run("check", str(bad))[0] == 1
    assert run("check", str(bad), "--fail-on", "error")[0] == 0
    assert run("check", str(bad), "--exit-zero")[0] == 0
    assert run("check", str(bad), "--select", "TQ3")[0] == 0
    assert run("check", str(bad), "--ignore", "TQ201")[0] == 0
    assert run("check", str(bad), "--select", "TQ999")[0] == 2


def test_stdin(tmp_path: Path) -> None:
    code, out, _ = run("check", "-", "--format", "json", input="They had had the the talks.\n")
    assert code == 1
    data = json.loads(out)
    assert [f["rule"] for f in data["findings"]] == ["TQ201"]
    assert data["findings"][0]["path"] == "-"


def test_sarif_validates_against_schema(seed_path: Path) -> None:
    code, out, _ = run("check", str(seed_path), "--format", "sarif")
    assert code == 1
    sarif = json.loads(out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    results = sarif["runs"][0]["results"]
    assert any(r["ruleId"] == "TQ303" and r.get("fixes") for r in results)


def test_github_annotations(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", "Intro.\n\nTalks resumed in the the capital.\n")
    _, out, _ = run("check", str(p), "--format", "github")
    assert out.startswith(f"::warning file={p},line=3,col=18,endLine=3,endColumn=25,title=TQ201::")


def test_junit_is_xml(tmp_path: Path) -> None:
    from xml.etree import ElementTree as ET

    p = write(tmp_path / "a.txt", "Talks resumed in the the capital.\n")
    _, out, _ = run("check", str(p), "--format", "junit")
    root = ET.fromstring(out)
    assert root.get("failures") == "1"


def test_fix_applies_safe_fixes_and_keeps_bom_and_crlf(tmp_path: Path) -> None:
    original = "\ufeffTheir logic is based on theirs own.\r\nTalks in the the capital.\r\n"
    p = write(
        tmp_path / "a.txt",
        original.encode("utf-8-sig")[3:].join([b"", b""]) if False else b"\xef\xbb\xbf" + original[1:].encode(),
    )
    code, _, err = run("check", str(p), "--fix")
    assert code == 0, err
    data = p.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode() == "Their logic is based on their own.\r\nTalks in the capital.\r\n"
    assert not list(tmp_path.glob("*.tqkit-tmp"))


def test_unsafe_fixes_only_when_asked(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", "Talks were held in the frames of the OSCE process.\n")
    assert run("check", str(p), "--fix")[0] == 1
    assert "in the frames of" in p.read_text()
    run("check", str(p), "--fix", "--unsafe-fixes")
    assert p.read_text() == "Talks were held within the OSCE process.\n"


def test_diff_changes_nothing(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", "Talks in the the capital.\n")
    before = p.stat().st_mtime_ns
    code, out, _ = run("check", str(p), "--diff")
    assert "-Talks in the the capital." in out and "+Talks in the capital." in out
    assert p.read_text() == "Talks in the the capital.\n"
    assert p.stat().st_mtime_ns == before
    assert code == 1  # a non-empty diff fails, as with ruff
    clean = write(tmp_path / "b.txt", "Talks in the capital.\n")
    assert run("check", str(clean), "--diff")[0] == 0


def test_markdown_masks_code_urls_comments_and_front_matter(tmp_path: Path) -> None:
    md = (
        "---\ntitle: the the\n---\n\n"
        "Text with `the the` code and https://example.com/the-the and <!-- the the -->.\n\n"
        "```\nthe the\n```\n\n"
        "Real the the error.\n"
    )
    p = write(tmp_path / "a.md", md)
    _code, out, _ = run("check", str(p), "--format", "json")
    findings = json.loads(out)["findings"]
    assert [(f["line"], f["text"]) for f in findings] == [(11, "the the")]


def test_inline_suppressions(tmp_path: Path) -> None:
    md = (
        "<!-- tqkit: ignore TQ201 -->\nSilenced the the here.\n\n"
        "Reported the the here.\n\n"
        "<!-- tqkit: off -->\nThe the off region.\n\n<!-- tqkit: on -->\n\n"
        "<!-- tqkit: ignore TQ303 -->\nNothing to silence.\n"
    )
    p = write(tmp_path / "a.txt", md)
    _, out, _ = run("check", str(p), "--format", "json")
    found = [(f["rule"], f["line"]) for f in json.loads(out)["findings"]]
    assert found == [("TQ201", 4), ("TQ901", 11)]


def test_config_in_pyproject(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.tqkit]\nignore = ["TQ201"]\nseverity = { TQ303 = "error" }\nfail-on = "error"\n',
    )
    p = write(tmp_path / "a.txt", "Talks in the the capital. Based on theirs own.\n")
    code, out, _ = run("check", str(p), "--format", "json")
    findings = json.loads(out)["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("TQ303", "error")]
    assert code == 1


def test_per_file_ignores_in_tqkit_toml(tmp_path: Path) -> None:
    write(tmp_path / "tqkit.toml", '[per-file-ignores]\n"raw/*.txt" = ["TQ2"]\n')
    (tmp_path / "raw").mkdir()
    p = write(tmp_path / "raw" / "a.txt", "Talks in the the capital.\n")
    assert run("check", str(p))[0] == 0


def test_malformed_config_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path / "tqkit.toml", 'select = ["TQ2"]\nfail-on = \n')
    p = write(tmp_path / "a.txt", "Fine.\n")
    code, _, err = run("check", str(p))
    assert code == 2
    assert f"{tmp_path / 'tqkit.toml'}:2:" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty file"), (b"\x00\x01binary\x00", "binary"), (b"caf\xe9 latin-1\n", "not valid UTF-8")],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    p = write(tmp_path / "bad.txt", content)
    good = write(tmp_path / "good.txt", "Talks in the the capital.\n")
    code, out, err = run("check", str(p), str(good), "--format", "json")
    assert code == 2
    assert err.count("\n") == 1 and str(p) in err and message in err
    assert [f["path"] for f in json.loads(out)["findings"]] == [str(good)]
    assert p.read_bytes() == content


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    p = write(tmp_path / "bad.txt", b"fine\nstill fine\ncaf\xe9\n")
    _, _, err = run("check", str(p))
    assert f"{p}:3:" in err


def test_other_encoding_only_with_flag(tmp_path: Path) -> None:
    p = write(tmp_path / "latin.txt", "Caf\xe9 owners met in the the square.\n".encode("latin-1"))
    assert run("check", str(p))[0] == 2
    code, out, _ = run("check", str(p), "--encoding", "latin-1", "--format", "json")
    assert code == 1 and json.loads(out)["findings"][0]["text"] == "the the"
    run("check", str(p), "--encoding", "latin-1", "--fix")
    assert p.read_bytes() == "Caf\xe9 owners met in the square.\n".encode("latin-1")


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run("check", str(tmp_path / "empty"))
    assert code == 0 and "no files to check" in err  # a warning, as ruff does (issue 14)


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    p = write(tmp_path / "a.txt", "x")
    p.chmod(0)
    assert run("check", str(p))[0] == 2


def test_large_single_line_file_is_refused(tmp_path: Path) -> None:
    line = "Talks resumed in the capital and officials said the ceasefire held. " * 8
    p = write(tmp_path / "big.txt", (line * 100_000)[: 50 * 1024 * 1024])
    good = write(tmp_path / "good.txt", "Talks in the the capital.\n")
    code, out, err = run("check", str(p), str(good), "--format", "json")
    assert code == 2
    assert err.count("\n") == 1 and f"{p}:1:" in err and "characters long" in err
    assert json.loads(out)["summary"]["files"] == 1


def test_jobs_gives_the_same_result(tmp_path: Path) -> None:
    for i in range(6):
        write(tmp_path / f"a{i}.txt", f"Article {i}: talks in the the capital. Based on theirs own.\n")
    _, one, _ = run("check", str(tmp_path), "--format", "json")
    _, two, _ = run("check", str(tmp_path), "--format", "json", "--jobs", "2")
    assert json.loads(one) == json.loads(two)
    assert json.loads(one)["summary"]["findings"] == 12


def test_rules_and_rule_docs() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "TQ201" in out and "doubled-word" in out
    code, out, _ = run("rule", "TQ202")
    assert code == 0 and "Fix safety" in out
    assert run("rule", "TQ999")[0] == 2


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", "Talks in the the capital.\n")
    proc = subprocess.run([sys.executable, "-m", "tqkit", "check", str(p)], capture_output=True, text=True)
    assert proc.returncode == 1 and "TQ201" in proc.stdout


def test_exclude_skips_walked_files(tmp_path: Path) -> None:
    write(tmp_path / "tqkit.toml", 'exclude = ["old/*"]\n')
    (tmp_path / "old").mkdir()
    write(tmp_path / "old" / "a.txt", "Talks in the the capital.\n")
    write(tmp_path / "b.txt", "Talks in the capital.\n")
    code, out, _ = run("check", str(tmp_path), "--format", "json")
    assert code == 0 and json.loads(out)["summary"]["files"] == 1
    # a file named on the command line is always checked
    assert run("check", str(tmp_path / "old" / "a.txt"))[0] == 1


def test_directives_inside_code_blocks_are_examples(tmp_path: Path) -> None:
    md = "<!-- tqkit: off -->\n\nQuiet the the here.\n\n```\n<!-- tqkit: on -->\n```\n\nStill quiet the the here.\n"
    p = write(tmp_path / "a.md", md)
    code, out, _ = run("check", str(p), "--format", "json")
    assert json.loads(out)["findings"] == [] and code == 0


def test_nothing_read_prints_no_summary(tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path / "nope.txt"))
    assert code == 2 and out == "" and "no such file" in err


@pytest.mark.parametrize(
    ("config", "line"),
    [
        ('select = ["TQ2", "TQ999"]\n', 1),
        ('fail-on = "warning"\nignore = ["no-such-rule"]\n', 2),
        ('extend-select = ["TQ5O1"]\n', 1),
        ('[per-file-ignores]\n"*.txt" = ["bogus"]\n', 2),
        ('severity = { TQ999 = "error" }\n', 1),
        ('severity = { doubled-word = "error" }\n', 1),  # severity keys are codes or prefixes
    ],
)
def test_unknown_rule_in_config_is_an_input_error(tmp_path: Path, config: str, line: int) -> None:
    write(tmp_path / "tqkit.toml", config)
    p = write(tmp_path / "a.txt", "Talks in the the capital.\n")
    code, _, err = run("check", str(p))
    assert code == 2
    assert err.startswith(f"tqkit: {tmp_path / 'tqkit.toml'}:{line}: ") and err.count("\n") == 1
    assert "unknown rule" in err


def test_config_error_line_is_in_the_tqkit_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.ruff]\nselect = ["E"]\n\n[tool.tqkit]\nselect = ["TQ999"]\n')
    p = write(tmp_path / "a.txt", "Fine.\n")
    code, _, err = run("check", str(p))
    assert code == 2 and "pyproject.toml:5: " in err


def test_most_specific_severity_override_wins(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", "Talks in the the capital.\n")
    for table in ('{ TQ2 = "error", TQ201 = "info" }', '{ TQ201 = "info", TQ2 = "error" }'):
        write(tmp_path / "tqkit.toml", f"severity = {table}\n")
        code, out, _ = run("check", str(p), "--format", "json")
        assert [f["severity"] for f in json.loads(out)["findings"]] == ["info"], table
        assert code == 0


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_fix_with_missing_glossary_is_one_line(tmp_path: Path, mode: str) -> None:
    p = write(tmp_path / "a.txt", "Talks in the the capital.\n")
    code, _, err = run("check", str(p), mode, "--glossary", str(tmp_path / "nope"))
    assert code == 2
    assert err == f"tqkit: {tmp_path / 'nope'}: glossary not found\n"
    assert p.read_text() == "Talks in the the capital.\n"


def test_fail_on_is_read_from_each_files_config(tmp_path: Path) -> None:
    strict, lax = tmp_path / "strict", tmp_path / "lax"
    strict.mkdir()
    lax.mkdir()
    write(lax / "tqkit.toml", 'fail-on = "error"\n')
    a = write(lax / "a.txt", "Talks in the the capital.\n")
    b = write(strict / "b.txt", "Talks in the the capital.\n")
    assert run("check", str(a))[0] == 0
    assert run("check", str(a), str(b))[0] == 1
    assert run("check", str(b), str(a), "--fail-on", "error")[0] == 0


def test_fix_in_parallel_gives_the_same_files(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for d in (one, two):
        d.mkdir()
        for i in range(5):
            write(d / f"a{i}.txt", f"Story {i}: talks in the the capital, based on theirs own.\r\n")
    run("check", str(one), "--fix")
    code, _, err = run("check", str(two), "--fix", "--jobs", "2")
    assert code == 0 and err.count("fixed ") == 5
    for i in range(5):
        assert (two / f"a{i}.txt").read_bytes() == (one / f"a{i}.txt").read_bytes()
        assert (two / f"a{i}.txt").read_bytes().endswith(b"their own.\r\n")


def test_transliteration_names_the_source_word(tmp_path: Path) -> None:
    src = write(tmp_path / "a.bg.txt", "Всички искат мир, но никой от големите батковци няма да позволи това.\n")
    tgt = write(tmp_path / "a.en.txt", "Everyone wants peace, but none of the big Batkovs will allow it.\n")
    code, out, _ = run("check", str(tgt), "--source", str(src), "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "TQ102"]
    assert code == 1 and found and found[0]["text"] == "Batkovs"
    assert "батковци" in found[0]["message"]
