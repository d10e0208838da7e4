"""Issue 10, readers: real-file formats and hostile input (CDATA targets, DOCX parts and text
boxes, .pot/.sdlxliff, UTF-16, one size budget, clear one-line errors)."""

from __future__ import annotations

import base64
import codecs
import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from tqkit.cli import cli
from tqkit.errors import InputError
from tqkit.findings import Edit, Span
from tqkit.limits import Budget, read_limited, read_stream
from tqkit.readers import decode, read_path, reader_for
from tqkit.readers.docx import DOCX
from tqkit.readers.html import HTML
from tqkit.readers.po import PO
from tqkit.readers.xliff import XLIFF


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


# -- item 4: CDATA targets ---------------------------------------------------------------------

CDATA_XLF = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="de" '
    b'target-language="en"><body><trans-unit id="1"><source><![CDATA[fett & kursiv]]></source>'
    b"<target><![CDATA[bold & italic in the the <b>menu</b>]]></target></trans-unit></body></file></xliff>\n"
)


def test_cdata_target_is_written_back_as_cdata_not_escaped() -> None:
    doc = XLIFF.read("a.xlf", CDATA_XLF)
    seg = doc.segments[0]
    assert doc.slice(seg.span).startswith("bold & italic")
    assert seg.source == "fett & kursiv"
    i = doc.text.index("the the")
    amp = doc.text.index("bold &") + 5
    out = XLIFF.write(doc, [Edit(Span(i, i + 4), ""), Edit(Span(amp, amp + 1), "& ]]> &")])
    assert b"<![CDATA[bold & ]]]]><![CDATA[> & italic in the <b>menu</b>]]>" in out
    assert b"&amp;" not in out
    from lxml import etree

    assert etree.fromstring(out).find(".//target").text == "bold & ]]> & italic in the <b>menu</b>"


def test_comment_opener_inside_cdata_is_text() -> None:
    data = CDATA_XLF.replace(b"the the", b"<!-- not a comment the the")
    doc = XLIFF.read("a.xlf", data)
    assert "the the" in doc.view


# -- item 5: DOCX -----------------------------------------------------------------------------


def _docx(extra: dict[str, bytes] | None = None, body_xml: str | None = None) -> bytes:
    d = docx.Document()
    d.add_paragraph("The council met on Monday and said that the the budget was ready.")
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    if extra is None and body_xml is None:
        return data
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            content = src.read(info)
            if body_xml is not None and info.filename == "word/document.xml":
                content = body_xml.encode()
            z.writestr(info, content)
        for name, content in (extra or {}).items():
            z.writestr(name, content)
    return out.getvalue()


def test_docx_fix_keeps_every_zip_entry() -> None:
    extra = {
        "customXml/item9.xml": b"<x>kept</x>",
        "word/unreached.bin": bytes(range(256)),
        "docProps/custom.xml": b"<Properties/>",
    }
    data = _docx(extra)
    doc = DOCX.read("a.docx", data)
    i = doc.text.index("the the")
    out = DOCX.write(doc, [Edit(Span(i, i + 4), "")])
    before, after = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(out))
    assert [i.filename for i in after.infolist()] == [i.filename for i in before.infolist()]
    for info in before.infolist():
        if info.filename != "word/document.xml":
            assert after.read(info.filename) == before.read(info), info.filename
            assert after.getinfo(info.filename).date_time == info.date_time
    assert "said that the budget" in DOCX.read("a.docx", out).text


_TEXTBOX = """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"><w:body>
<w:p><w:r><w:t>Body text.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>
<w:txbxContent><w:p><w:r><w:t>Boxed words here.</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed words here.</w:t></w:r></w:p></w:txbxContent>
</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p></w:body></w:document>"""


def test_text_box_is_read_once() -> None:
    doc = DOCX.read("box.docx", _docx(body_xml=_TEXTBOX))
    assert doc.text.count("Boxed words here.") == 1
    assert doc.word_count == 5


def test_docx_diff_is_a_text_diff(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(_docx())
    code, out, err = run("check", "--select", "TQ201", "--diff", str(path))
    assert code == 1, err
    assert "-The council met on Monday and said that the the budget was ready." in out
    assert "+The council met on Monday and said that the budget was ready." in out
    assert "PK" not in out and "\\x" not in out


def test_docx_without_body_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(_docx(body_xml="<document/>"))
    code, _, err = run("check", str(path))
    assert code == 2
    assert err.count("\n") == 1 and "empty.docx: not a valid DOCX file" in err and "Traceback" not in err


def test_docx_zip_bomb_is_refused_before_inflating() -> None:
    data = _docx({"word/media/zeros.bin": bytes(70 * 1024 * 1024)})
    assert len(data) < 1024 * 1024
    with pytest.raises(InputError, match="too large when decompressed"):
        DOCX.read("bomb.docx", data)


@pytest.mark.parametrize("cut", [100, 1000, -100])
def test_truncated_docx_is_an_input_error(cut: int) -> None:
    data = _docx()
    with pytest.raises(InputError):
        DOCX.read("cut.docx", data[:cut])


# -- item 6: suffixes and encodings -------------------------------------------------------------

POT = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Open the the file"\nmsgstr ""\n'


def test_pot_is_read_as_po_and_msgid_never_fixed(tmp_path: Path) -> None:
    assert reader_for("x.pot") is PO
    path = tmp_path / "messages.pot"
    path.write_bytes(POT)
    doc = read_path(path)
    assert "the the" not in doc.view
    code, _, err = run("check", "--fix", str(path))
    assert code == 0, err
    assert path.read_bytes() == POT


SDLXLIFF = (
    b'<?xml version="1.0" encoding="utf-8"?><xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" '
    b'version="1.2" sdl:version="1.0" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.docx" '
    b'source-language="de-DE" target-language="en-US" datatype="x-sdlfilterframework2"><header>'
    b'<reference><internal-file form="base64">UEsDBHRoZSB0aGUgdGhlIHRoZQ==</internal-file></reference></header>'
    b'<body><trans-unit id="a1"><source>Der Hund</source><seg-source><mrk mtype="seg" mid="1">Der Hund'
    b'</mrk></seg-source><target><mrk mtype="seg" mid="1">The the dog</mrk></target></trans-unit></body></file></xliff>'
)


@pytest.mark.parametrize("suffix", [".sdlxliff", ".mxliff", ".mqxliff"])
def test_tool_xliff_suffixes_read_targets_only(tmp_path: Path, suffix: str) -> None:
    assert reader_for("x" + suffix) is XLIFF
    path = tmp_path / ("job" + suffix)
    path.write_bytes(SDLXLIFF)
    doc = read_path(path)
    assert [doc.slice(s.span) for s in doc.segments] == ["The the dog"]
    code, _, err = run("check", "--fix", "--select", "TQ201", str(path))
    assert code == 0, err
    out = path.read_bytes()
    assert b'<mrk mtype="seg" mid="1">The dog</mrk></target>' in out
    assert b"UEsDBHRoZSB0aGUgdGhlIHRoZQ==" in out
    assert base64.b64decode(b"UEsDBHRoZSB0aGUgdGhlIHRoZQ==").endswith(b"the the the the")


TEXT = "Tänk på the the vägen.\nSecond line.\n"


@pytest.mark.parametrize(
    "enc,bom",
    [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""), ("utf-16-be", b"")],
)
def test_utf16_is_read_not_called_binary(enc: str, bom: bytes) -> None:
    data = bom + TEXT.encode(enc)
    doc = reader_for("a.txt").read("a.txt", data)
    assert doc.text == TEXT
    assert reader_for("a.txt").write(doc, []) == data
    i = doc.text.index("the the")
    assert reader_for("a.txt").write(doc, [Edit(Span(i, i + 4), "")]) == bom + TEXT.replace("the the", "the").encode(
        enc
    )


def test_encoding_utf16_keeps_big_endian(tmp_path: Path) -> None:
    path = tmp_path / "be.txt"
    data = codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")
    path.write_bytes(data)
    code, _, err = run("check", "--encoding", "utf-16", "--select", "TQ201", "--fix", str(path))
    assert code == 0, err
    out = path.read_bytes()
    assert out.startswith(codecs.BOM_UTF16_BE)
    assert out[2:].decode("utf-16-be") == TEXT.replace("the the", "the")


def test_binary_error_hints_at_utf16() -> None:
    with pytest.raises(InputError, match="utf-16"):
        decode("b.bin", b"\x00\x01\x02\xff" * 10, None)


def test_non_text_codec_is_refused() -> None:
    with pytest.raises(InputError, match="not a text encoding"):
        decode("a.txt", b"hello", "rot13")
    bad = CDATA_XLF.replace(b'encoding="UTF-8"', b'encoding="rot13"')
    with pytest.raises(InputError):
        XLIFF.read("a.xlf", bad)


# -- item 10: one size budget ---------------------------------------------------------------------


def test_stream_budget_refuses_more() -> None:
    with pytest.raises(InputError, match="too large"):
        read_stream(io.BytesIO(b"x" * 1001), "-", 1000)
    assert read_stream(io.BytesIO(b"x" * 1000), "-", 1000) == b"x" * 1000


def test_file_budget(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300)
    with pytest.raises(InputError, match="too large"):
        read_limited(path, 1000)
    assert len(read_limited(path, 1500)) == 1500


def test_budget_counts_across_parts() -> None:
    b = Budget("a.docx", 10)
    b.take(6)
    with pytest.raises(InputError, match="too large"):
        b.take(5)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_not_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_path(fifo)


def test_stdin_over_budget_is_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    import tqkit.readers as readers

    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    code, _, err = run("check", "-", input=b"word " * 100)
    assert code == 2 and "too large" in err


# -- item 12 (readers): bad structure is one line, exit 2 -----------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"<xliff version='1.2'><file><body><trans-unit id='1'><target>x</trans-unit></body></file></xliff>",
        b"<xliff",
        b"\xef\xbb\xbf<xliff version='1.2'><file>&undefined;</file></xliff>",
        b"<notxliff/>",
    ],
)
def test_malformed_xliff_is_input_error(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        XLIFF.read("bad.xlf", data)
    assert "\n" not in str(err.value)


def test_broken_html_nesting_is_read() -> None:
    data = b"<div><p>One <b>two <i>three</b> four</i><li>five<td>six</p></div></span><p>seven"
    doc = HTML.read("a.html", data)
    assert [doc.slice(s.span) for s in doc.segments] == ["One <b>two <i>three</b> four", "five", "six", "seven"]
    assert HTML.write(doc, []) == data
