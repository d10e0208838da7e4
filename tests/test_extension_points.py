"""What CONTRIBUTING.md promises about extension points: a new output format is one module in
``tqkit/report/`` (plus its README line), a new input format one module in ``tqkit/readers/``
and one line in ``READERS`` (plus its README row). These add both from a temporary directory
and run them through ``tqkit check``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import tqkit.readers
import tqkit.report
from tqkit.cli import cli
from tqkit.commands.check import check

EMITTER = """
def emit(results, stream, *, color=False, **options):
    for r in results:
        for f in r.findings:
            stream.write(f"{r.path},{f.rule},{f.span.start},{f.span.end}\\n")
"""

READER = """
from tqkit.readers.text import TEXT

class Shout:
    name = "shout"
    suffixes = (".shout",)

    def read(self, path, data, encoding=None, target_lang="en"):
        return TEXT.read(path, data.lower(), encoding, target_lang)

    def write(self, doc, edits):
        return TEXT.write(doc, edits)

SHOUT = Shout()
"""


def test_formats_are_the_report_modules() -> None:
    modules = {p.stem.removesuffix("_report") for p in Path(tqkit.report.__file__).parent.glob("*_report.py")}
    assert set(tqkit.report.FORMATS) == modules
    assert tqkit.report.FORMATS[:3] == ("text", "concise", "json")
    option = next(p for p in check.params if p.name == "fmt")
    assert tuple(option.type.choices) == tqkit.report.FORMATS  # type: ignore[attr-defined]


def test_a_new_output_format_is_one_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "csvlike_report.py").write_text(EMITTER, encoding="utf-8")
    monkeypatch.setattr(tqkit.report, "__path__", [*tqkit.report.__path__, str(tmp_path)])
    formats = tqkit.report._formats()
    assert formats[-1] == "csvlike" and formats[:-1] == tuple(f for f in formats if f != "csvlike")
    monkeypatch.setattr(tqkit.report, "FORMATS", formats)
    art = tmp_path / "a.txt"
    art.write_text("Talks in the the capital.\n", encoding="utf-8")
    import io

    from tqkit.config import RunOptions
    from tqkit.runner import check_paths

    out = io.StringIO()
    tqkit.report.emit("csvlike", list(check_paths([str(art)], RunOptions(select=("TQ201",)))), out)
    assert out.getvalue() == f"{art},TQ201,9,16\n"
    sys.modules.pop("tqkit.report.csvlike_report", None)


def test_a_new_input_format_is_one_module_and_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "shout_reader_for_test.py").write_text(READER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(tqkit.readers.READERS, ".shout", "shout_reader_for_test:SHOUT")
    art = tmp_path / "a.shout"
    art.write_bytes(b"TALKS IN THE THE CAPITAL.\n")
    res = CliRunner().invoke(cli, ["check", "--select", "TQ201", "--format", "concise", str(art)])
    assert res.exit_code == 1 and "TQ201" in res.stdout, res.output
    sys.modules.pop("shout_reader_for_test", None)
