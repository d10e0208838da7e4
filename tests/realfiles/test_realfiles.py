"""Real third-party files (see README.md): expected findings, byte-identical round trips, DOCX
edits that keep every other zip entry, text boxes read once."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.cli import cli
from tqkit.findings import Edit, Span
from tqkit.readers import read_path, reader_for

FILES = Path(__file__).parent / "files"

# file -> (target language, expected findings per rule)
EXPECTED: dict[str, tuple[str, dict[str, int]]] = {
    # a professional en_GB catalogue of an English program: nothing to report (it was 8.7
    # false TQ503 per 1,000 words before); translator-credits URLs are masked
    "bleachbit-en_GB.po": ("en", {}),
    "symfony-resources.xlf": ("en", {}),
    "symfony-resources-2.0.xlf": ("ja", {}),
    "symfony-resources.po": ("en", {}),
    "pandoc-textbox_image.docx": ("en", {}),
    "pandoc-image_with_textbox_caption.docx": ("de", {}),
    "python-docx-test.docx": ("en", {}),
    "python-docx-tbl-having-tables.docx": ("en", {}),
    "okapi-utilities-index.html": ("en", {}),
}


def _findings(name: str, lang: str) -> Counter[str]:
    res = CliRunner().invoke(cli, ["check", "--format", "json", "--target-lang", lang, str(FILES / name)])
    assert res.exit_code in (0, 1), res.stderr
    return Counter(f["rule"] for f in json.loads(res.stdout)["findings"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_findings(name: str) -> None:
    lang, expected = EXPECTED[name]
    assert dict(_findings(name, lang)) == expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_round_trip_is_byte_identical(name: str) -> None:
    path = FILES / name
    data = path.read_bytes()
    doc = read_path(path)
    assert reader_for(path).write(doc, []) == data


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n.endswith(".docx")))
def test_docx_edit_keeps_every_other_entry(name: str) -> None:
    path = FILES / name
    data = path.read_bytes()
    doc = read_path(path)
    if not doc.words:
        pytest.skip("no text to edit")
    w = doc.words[0]
    out = reader_for(path).write(doc, [Edit(Span(w.start, w.end), w.text.upper() + "X")])
    before, after = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(out))
    assert [i.filename for i in after.infolist()] == [i.filename for i in before.infolist()]
    changed = [i.filename for i in before.infolist() if before.read(i) != after.read(i.filename)]
    assert changed == ["word/document.xml"]
    assert w.text.upper() + "X" in reader_for(path).read(str(path), out).text


def test_text_box_caption_is_read_once() -> None:
    doc = read_path(FILES / "pandoc-image_with_textbox_caption.docx")
    assert doc.text.count("Daniel Schliebner") == 1  # mc:Choice only, not mc:Fallback too
    assert doc.word_count == 20


def test_html_menu_items_are_segments() -> None:
    doc = read_path(FILES / "okapi-utilities-index.html")
    texts = [doc.slice(s.span) for s in doc.segments]
    assert "Utilities" in texts and "Okapi Framework" in texts


def test_tbx_reads() -> None:
    from tqkit.glossary.tbx import read_tbx

    _info, concepts = read_tbx((FILES / "okapi-test01.tbx").read_bytes(), "okapi-test01.tbx")
    assert concepts
