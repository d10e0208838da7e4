"""DOCX reader: offsets of runs, round trip, fixes that keep untouched runs, the CLI end to end."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from tqkit.errors import InputError
from tqkit.findings import Edit, Span
from tqkit.readers import read_path
from tqkit.readers.docx import DOCX


def _make(path: Path | None = None) -> bytes:
    d = docx.Document()
    d.add_heading("Budget adopted", level=1)
    p = d.add_paragraph()
    p.add_run("The council met on Monday. ")
    bold = p.add_run("It said that the")
    bold.bold = True
    italic = p.add_run(" the budget was ready.")
    italic.italic = True
    d.add_paragraph("Second paragraph\twith a tab.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell one"
    table.cell(0, 1).text = "Cell two"
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data


def _runs_xml(data: bytes) -> list[bytes]:
    d = docx.Document(io.BytesIO(data))
    return [etree.tostring(r._r) for p in d.paragraphs for r in p.runs]


def test_text_paragraphs_and_tables_in_order() -> None:
    doc = DOCX.read("a.docx", _make())
    assert doc.text == (
        "Budget adopted\n\nThe council met on Monday. It said that the the budget was ready."
        "\n\nSecond paragraph\twith a tab.\n\nCell one\n\nCell two"
    )
    assert [doc.slice(s.span) for s in doc.segments][:2] == [
        "Budget adopted",
        "The council met on Monday. It said that the the budget was ready.",
    ]
    assert len(doc.segments) == 5


def test_round_trip_without_edits_is_identical() -> None:
    data = _make()
    doc = DOCX.read("a.docx", data)
    assert DOCX.write(doc, []) == data


def test_edit_across_runs_keeps_formatting_and_other_runs() -> None:
    data = _make()
    doc = DOCX.read("a.docx", data)
    i = doc.text.index("the the") + 3  # " the" at the start of the italic run
    out = DOCX.write(
        doc, [Edit(Span(i, i + 4), ""), Edit(Span(doc.text.index("Monday"), doc.text.index("Monday") + 6), "Tuesday")]
    )
    d = docx.Document(io.BytesIO(out))
    runs = d.paragraphs[1].runs
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("The council met on Tuesday. ", None, None),
        ("It said that the", True, None),
        (" budget was ready.", None, True),
    ]
    before, after = _runs_xml(data), _runs_xml(out)
    changed = [k for k, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 2  # only the two edited runs
    again = DOCX.read("a.docx", out)
    assert "met on Tuesday. It said that the budget" in again.text


def test_edits_on_tabs_or_across_paragraphs_are_refused() -> None:
    data = _make()
    doc = DOCX.read("a.docx", data)
    tab = doc.text.index("\t")
    para_gap = doc.text.index("\n\n")
    assert DOCX.write(doc, [Edit(Span(tab, tab + 1), " ")]) == data
    assert DOCX.write(doc, [Edit(Span(para_gap - 2, para_gap + 3), "")]) == data


@pytest.mark.parametrize("data", [b"not a zip at all", b"PK\x03\x04garbage"])
def test_corrupt_docx_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        DOCX.read("bad.docx", data)
    assert str(err.value).startswith("bad.docx: not a valid DOCX file") and "\n" not in str(err.value)


def test_zip_that_is_not_a_docx_is_an_input_error() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError):
        DOCX.read("z.docx", buf.getvalue())


def _tqkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "tqkit", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


@pytest.mark.slow
def test_cli_fix_on_docx_applies_the_fix_and_keeps_other_runs(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    data = _make(path)
    res = _tqkit("check", "--select", "TQ201", "--fix", str(path), cwd=tmp_path)
    assert res.returncode == 0, res.stderr + res.stdout
    out = path.read_bytes()
    d = docx.Document(str(path))
    assert d.paragraphs[1].text == "The council met on Monday. It said that the budget was ready."
    before, after = _runs_xml(data), _runs_xml(out)
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1
    assert d.paragraphs[1].runs[1].bold and d.paragraphs[1].runs[2].italic
    assert read_path(path).text.count("the the") == 0


@pytest.mark.slow
def test_cli_on_corrupt_docx_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(b"garbage")
    res = _tqkit("check", "--fix", str(path), cwd=tmp_path)
    assert res.returncode == 2
    assert "bad.docx: not a valid DOCX file" in res.stderr
    assert path.read_bytes() == b"garbage"
