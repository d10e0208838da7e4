"""Issue 10, "Tracebacks" and item 12: bad input gives one line and exit 2 (never a traceback),
and file content never reaches the terminal raw."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.cli import cli

CLEAN = "The committee met on Monday.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    assert err.startswith("tqkit: ") and err.count("\n") == 1, err
    for n in needles:
        assert n in err, err


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(CLEAN)
    return p


def test_rot13_encoding(article: Path) -> None:
    one_line_error(*run("check", str(article), "--encoding", "rot13")[::2], "rot13", "not a text encoding")
    one_line_error(*run("check", str(article), "--encoding", "nonesuch")[::2], "unknown encoding")


@pytest.mark.parametrize("code", ["../../x", "en/../..", "x", "", "e n"])
def test_target_lang_must_be_a_language_code(article: Path, code: str) -> None:
    code_, _, err = run("check", str(article), "--target-lang", code)
    assert code_ == 2 and "Traceback" not in err and "language code" in err


def test_other_language_options_are_validated(article: Path) -> None:
    one_line_error(*run("check", str(article), "--source-lang", "../x")[::2], "not a language code")
    one_line_error(*run("check", str(article), "--roundtrip-via", "a/b")[::2], "not a language code")


def test_target_lang_in_config_is_validated(tmp_path: Path, article: Path) -> None:
    (tmp_path / "tqkit.toml").write_text('target-lang = "../../etc"\n')
    one_line_error(*run("check", str(article))[::2], "tqkit.toml:1", "language code")


def test_config_not_utf8(tmp_path: Path, article: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_bytes(b'select = ["TQ2"]\n# caf\xe9\n')
    one_line_error(*run("check", str(article), "--config", str(cfg))[::2], "c.toml:2", "not valid UTF-8")


@pytest.mark.parametrize(
    "content, needle",
    [
        (b"glossary:\n  id: x\nconcepts: []\n# \xff\n", "not valid UTF-8"),
        (b"=", "expected a mapping"),
        (b"glossary:\n  id: x\n  title: 2001-13-45\nconcepts: []\n", "month"),
        (b"glossary:\n  id: x\n  title: " + b"9" * 5000 + b"\nconcepts: []\n", "digits"),
    ],
)
def test_bad_glossary_files(tmp_path: Path, article: Path, content: bytes, needle: str) -> None:
    g = tmp_path / "g.yaml"
    g.write_bytes(content)
    one_line_error(*run("check", str(article), "--glossary", str(g))[::2], "g.yaml", needle)
    code, _, err = run("glossary", "lint", str(g))
    assert code in (1, 2) and "Traceback" not in err


def test_directory_named_yaml_and_empty_glossary_dir(tmp_path: Path, article: Path) -> None:
    d = tmp_path / "terms.yaml"
    d.mkdir()
    one_line_error(*run("check", str(article), "--glossary", str(d))[::2], "terms.yaml", "no glossary files")
    empty = tmp_path / "empty"
    empty.mkdir()
    one_line_error(*run("check", str(article), "--glossary", str(empty))[::2], "no glossary files")


def test_cr_only_csv_imports(tmp_path: Path) -> None:
    csv = tmp_path / "g.csv"
    csv.write_bytes(b"en,fr\rcat,chat\rdog,chien\r")
    out = tmp_path / "g.yaml"
    code, _, err = run("glossary", "import", str(csv), "-o", str(out))
    assert code == 0, err
    assert "chien" in out.read_text()


def test_fix_the_encoding_cannot_hold(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(
        "glossary:\n  id: g\n  languages: [en]\nconcepts:\n- id: cafe\n  terms:\n    en:\n"
        "    - term: café society\n      status: preferred\n"
        "    - term: cafe society\n      status: deprecated\n",
        encoding="utf-8",
    )
    f = tmp_path / "a.txt"
    f.write_bytes(b"The cafe society met.\n")
    code, _, err = run("check", str(f), "--glossary", str(g), "--encoding", "ascii", "--unsafe-fixes", "--fix")
    one_line_error(code, err, "a.txt", "ascii", "not changed")
    assert f.read_bytes() == b"The cafe society met.\n"


def test_fix_that_would_empty_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
    from tqkit.runner import Engine

    f = tmp_path / "a.txt"
    f.write_text("xyzzy\n")
    original = Engine.check

    def everything_goes(self: Engine, doc: object, source: object = None) -> object:
        findings, notes = original(self, doc, source)  # type: ignore[arg-type]
        text = doc.text  # type: ignore[attr-defined]
        if text.strip():
            span = Span(0, len(text))
            findings = [
                Finding(
                    "TQ201",
                    "doubled-word",
                    span,
                    Severity.WARNING,
                    next(iter(Category)),
                    "all of it",
                    fixes=(Fix("Remove everything", (Edit(span, ""),), True),),
                )
            ]
        return findings, notes

    monkeypatch.setattr(Engine, "check", everything_goes)
    code, _, err = run("check", str(f), "--fix")
    assert "empty file" not in err and "Traceback" not in err
    assert code == 1  # the finding stays reported; the file is not emptied
    assert f.read_text() == "xyzzy\n"


def test_nul_after_the_first_block_is_binary(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"Hello world. " * 2000 + b"\x00\n")
    one_line_error(*run("check", str(f))[::2], "NUL")


def test_stale_temp_file_from_a_killed_fix_is_cleaned(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("The the committee met.\n")
    stale = tmp_path / ".a.txt.999999999.q1w2e3r4.tqkit-tmp"
    stale.write_text("The committee")
    code, _, err = run("check", str(f), "--fix", "--select", "TQ201")
    assert code == 0, err
    assert not stale.exists()
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tqkit-tmp")]


# -- item 12: control characters from files are shown escaped ---------------------------------


def test_escape_sequences_in_text_report(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("The the \x1b]0;owned\x07 dog dog \x1b[2J end.\n")
    code, out, _ = run("check", str(f), "--select", "TQ201")
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;owned\\x07" in out
    lines = out.splitlines()
    # the underline still sits under the second "dog dog" once the escapes widen the line
    at = [i for i, line in enumerate(lines) if "dog dog" in line and "|" in line][-1]
    assert lines[at][lines[at + 1].index("^") :].startswith("dog dog")


def test_escape_sequences_in_error_messages(tmp_path: Path) -> None:
    f = tmp_path / "a\x1b[31m.txt"
    f.write_bytes(b"\xff\xfe bad")
    code, _, err = run("check", str(f))
    assert code == 2 and "\x1b" not in err and "\\x1b[31m" in err


def test_escape_controls_function() -> None:
    from tqkit.report.text_report import escape_controls

    assert escape_controls("a\x1b[0mb\tc\u202ed") == "a\\x1b[0mb\tc\\u202ed"
    assert escape_controls("a\nb") == "a\\nb"
    assert escape_controls("plain – text “ok”") == "plain – text “ok”"


def test_xliff_declaring_rot13(tmp_path: Path) -> None:
    f = tmp_path / "a.xlf"
    f.write_text(
        '<?xml version="1.0" encoding="rot13"?>\n<xliff version="1.2"><file source-language="de" '
        'target-language="en"><body><trans-unit id="1"><source>Hallo</source>'
        "<target>Hello the the world</target></trans-unit></body></file></xliff>\n"
    )
    one_line_error(*run("check", str(f))[::2], "a.xlf", "rot13")
    one_line_error(*run("check", str(f), "--fix")[::2], "a.xlf", "rot13")


def test_huge_sparse_glossary_is_refused_before_reading(tmp_path: Path) -> None:
    g = tmp_path / "huge.yaml"
    with open(g, "wb") as fh:
        fh.truncate(1 << 30)  # 1 GB of nothing, sparse: costs no disk
    article = tmp_path / "a.txt"
    article.write_text(CLEAN)
    one_line_error(*run("check", str(article), "--glossary", str(g))[::2], "huge.yaml", "too large")
    tbx = tmp_path / "huge.tbx"
    with open(tbx, "wb") as fh:
        fh.truncate(1 << 30)
    one_line_error(*run("glossary", "import", str(tbx), "-o", str(tmp_path / "o.yaml"))[::2], "too large")


def test_fix_of_huge_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        fh.truncate(1 << 30)
    one_line_error(*run("check", str(f), "--fix")[::2], "huge.txt", "too large")


def test_fifos_never_block(tmp_path: Path) -> None:
    """Every input path refuses a FIFO before opening it (opening one blocks forever)."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    article = tmp_path / "a.txt"
    article.write_text(CLEAN)
    one_line_error(*run("check", str(article), "--source", str(fifo))[::2], "not a regular file")
    one_line_error(*run("check", str(article), "--glossary", str(fifo))[::2], "not a regular file")
    one_line_error(*run("glossary", "import", str(fifo), "-o", str(tmp_path / "o.yaml"))[::2], "not a regular file")
    one_line_error(
        *run("glossary", "merge", str(fifo), str(fifo), "-o", str(tmp_path / "o.yaml"))[::2], "not a regular file"
    )
    one_line_error(*run("glossary", "add", "--file", str(fifo), "--id", "x", "--term", "en:x")[::2], "pipe.yaml")


def test_diff_on_a_terminal_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from tqkit.commands.check import _fix

    f = tmp_path / "a.txt"
    f.write_text("The the \x1b]0;owned\x07 committee.\n")

    class Tty:
        def __init__(self) -> None:
            self.out: list[str] = []

        def isatty(self) -> bool:
            return True

        def write(self, s: str) -> None:
            self.out.append(s)

    tty = Tty()
    monkeypatch.setattr(sys, "stdout", tty)
    from tqkit.config import RunOptions
    from tqkit.fixes import FixRequest

    _fix((str(f),), RunOptions(select=("TQ201",)), FixRequest(unsafe=False, diff=True), 1)
    shown = "".join(tty.out)
    assert "\x1b" not in shown and "\\x1b]0;owned\\x07" in shown


def test_glossary_text_output_is_escaped(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(
        "glossary:\n  id: g\n  languages: [en]\nconcepts:\n- id: evil\n"
        '  definition: "Title \\e]0;owned\\a here"\n  terms:\n    en:\n'
        '    - term: "evil\\e[2Jterm"\n      status: preferred\n',
        encoding="utf-8",
    )
    code, out, err = run("glossary", "show", "evil", "--glossary", str(g))
    assert code == 0, err
    assert "\x1b" not in out and "\\x1b]0;owned\\x07" in out
    code, out, _ = run("glossary", "find", "evil", "--glossary", str(g))
    assert code == 0 and "\x1b" not in out and "\\x1b[2J" in out
