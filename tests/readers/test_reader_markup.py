"""HTML, XLIFF and PO readers: masking, segments, byte-identical round trips, escaped fixes,
clear errors on bad input."""

from __future__ import annotations

import pytest

from tqkit.document import MASK
from tqkit.errors import InputError
from tqkit.findings import Edit, Span
from tqkit.readers import reader_for
from tqkit.readers.html import HTML
from tqkit.readers.po import PO
from tqkit.readers.xliff import XLIFF

HTML_DOC = (
    b'<!DOCTYPE html>\r\n<html lang="en"><head><title>Budget news</title>'
    b"<style>p { color: red }</style></head>\r\n<body>\r\n"
    b'<p class="lead">He said that that the <b>budget</b> was R&amp;D &nbsp;ready.</p>\r\n'
    b'<script>var s = "the the";</script><!-- the the -->\r\n'
    b"<div>Second <i>block<p>broken nesting</div></body>\r\n"
)

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="bg" target-language="en" datatype="plaintext" original="a.txt">
  <body>
   <trans-unit id="t1"><source>Войната продължи от 1992 до 1994 година.</source><target state="translated">The war lasted from 1992 to 1996 &amp; <g id="1">the the</g> end.</target></trans-unit>
   <trans-unit id="t2"><source>Здравей</source><target/></trans-unit>
   <!-- <trans-unit id="t3"><source>x</source><target>commented out</target></trans-unit> -->
   <trans-unit id="t4"><source>Едно <ph id="2">&lt;br/&gt;</ph> две</source><target>One <ph id="2">&lt;br/&gt;</ph> two</target>
     <alt-trans><target>Alternative</target></alt-trans></trans-unit>
  </body>
 </file>
</xliff>
""".encode()

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
 <file id="f1"><unit id="u1"><segment id="s1"><source>Привет, <ph id="1"/>мир.</source><target>Hello, <ph id="1"/>world.</target></segment><segment><source>Два года.</source><target>Two years.</target></segment></unit></file>
</xliff>
""".encode()

PO_DOC = """# Translator comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#: src/a.c:1
#, fuzzy
msgid "Войната продължи."
msgstr "The war "
"lasted \\"long\\"."

msgctxt "menu"
msgid "Един файл"
msgid_plural "%d файла"
msgstr[0] "One file"
msgstr[1] "%d files"

#~ msgid "old"
#~ msgstr "old entry"
""".encode()


def _seg_texts(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [doc.view[s.span.start : s.span.end].replace(MASK, "") for s in doc.segments]


# -- HTML ----------------------------------------------------------------------------------------


def test_html_text_is_the_file_and_markup_is_masked() -> None:
    doc = HTML.read("a.html", HTML_DOC)
    assert doc.text == HTML_DOC.decode()
    # inline tags and &nbsp; read as spaces (collapsed here); other markup disappears
    assert [" ".join(t.split()) for t in _seg_texts(doc)] == [
        "Budget news",
        "He said that that the budget was RD ready.",
        "Second block",
        "broken nesting",
    ]
    words = {t.text for t in doc.words}
    assert "var" not in words and "color" not in words and "lead" not in words and "nbsp" not in words
    assert "budget" in words and "nesting" in words


def test_html_round_trip_is_byte_identical() -> None:
    doc = HTML.read("a.html", HTML_DOC)
    assert HTML.write(doc, []) == HTML_DOC


def test_html_fix_is_escaped_and_never_touches_markup() -> None:
    doc = HTML.read("a.html", HTML_DOC)
    i = doc.text.index("that that")
    tag = doc.text.index("<b>")
    out = HTML.write(
        doc,
        [
            Edit(Span(i, i + 5), ""),
            Edit(Span(tag, tag + 4), "x"),
            Edit(Span(doc.text.index("ready"), doc.text.index("ready") + 5), "<ok> & done"),
        ],
    )
    text = out.decode()
    assert "He said that the <b>budget</b>" in text
    assert "&lt;ok&gt; &amp; done" in text
    assert text.count("\r\n") == HTML_DOC.decode().count("\r\n")


def test_html_broken_nesting_is_read_leniently() -> None:
    doc = HTML.read("b.html", b"<p>Unclosed <b>bold <i>text</p></b> and a stray < sign")
    assert "Unclosed" in _seg_texts(doc)[0]
    assert any("stray" in s for s in _seg_texts(doc))


def test_html_bad_bytes_are_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        HTML.read("c.html", b"<p>caf\xe9</p>")
    assert str(err.value).startswith("c.html:1:")


# -- XLIFF -----------------------------------------------------------------------------------------


def test_xliff12_targets_are_checked_and_sources_attached() -> None:
    doc = XLIFF.read("a.xlf", XLIFF12)
    assert doc.source_lang == "bg"
    assert [s.id for s in doc.segments] == ["t1", "t4"]
    assert doc.segments[0].source == "Войната продължи от 1992 до 1994 година."
    assert doc.segments[1].source == "Едно  две"
    texts = _seg_texts(doc)
    assert texts[0] == "The war lasted from 1992 to 1996  the the end."
    assert texts[1] == "One  two"
    words = {t.text for t in doc.words}
    assert "Alternative" not in words and "commented" not in words and "br" not in words


def test_xliff20_segments() -> None:
    doc = XLIFF.read("a.xliff", XLIFF20)
    assert doc.source_lang == "ru"
    assert [s.id for s in doc.segments] == ["u1/s1", "u1/2"]
    assert _seg_texts(doc) == ["Hello, world.", "Two years."]
    assert [s.source for s in doc.segments] == ["Привет, мир.", "Два года."]


@pytest.mark.parametrize("data", [XLIFF12, XLIFF20])
def test_xliff_round_trip_is_byte_identical(data: bytes) -> None:
    doc = XLIFF.read("a.xlf", data)
    assert XLIFF.write(doc, []) == data


def test_xliff_fix_goes_to_the_target_escaped() -> None:
    doc = XLIFF.read("a.xlf", XLIFF12)
    i = doc.text.index("the the")
    out = XLIFF.write(
        doc, [Edit(Span(i, i + 4), ""), Edit(Span(doc.text.index("1996"), doc.text.index("1996") + 4), "1994 <b> & c")]
    )
    text = out.decode()
    assert '<g id="1">the</g>' in text
    assert "1994 &lt;b&gt; &amp; c" in text
    assert "<source>Войната продължи от 1992 до 1994 година.</source>" in text
    again = XLIFF.read("a.xlf", out)
    assert len(again.segments) == 2


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (
            b"<?xml version='1.0'?>\n<xliff version='1.2'>\n<file><body><trans-unit id='1'>\n<source>a</target>"
            b"</trans-unit></body></file></xliff>",
            "a.xlf:4: malformed XLIFF",
        ),
        (b"<?xml version='1.0'?><html><body/></html>", "not an XLIFF file"),
        (b"", "empty file"),
    ],
)
def test_malformed_xliff_is_a_one_line_input_error(data: bytes, needle: str) -> None:
    with pytest.raises(InputError) as err:
        XLIFF.read("a.xlf", data)
    assert needle in str(err.value) and "\n" not in str(err.value)


def test_xliff_entities_are_not_expanded() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY big "BOOM">]>'
        b'<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source>'
        b"<target>Hello &big; world</target></trans-unit></body></file></xliff>"
    )
    doc = XLIFF.read("e.xlf", data)
    assert "BOOM" not in doc.view and _seg_texts(doc) == ["Hello  world"]
    assert XLIFF.write(doc, []) == data


# -- PO ----------------------------------------------------------------------------------------------


def test_po_msgstrs_are_checked_with_their_msgids() -> None:
    doc = PO.read("a.po", PO_DOC)
    assert [s.source for s in doc.segments] == ["Войната продължи.", "Един файл", "%d файла"]
    texts = _seg_texts(doc)
    assert texts[0] == "The war \nlasted long."
    assert texts[1:] == ["One file", "%d files"]
    words = {t.text for t in doc.words}
    assert "Content" not in words and "entry" not in words and "Translator" not in words


def test_po_round_trip_and_escaped_fix() -> None:
    doc = PO.read("a.po", PO_DOC)
    assert PO.write(doc, []) == PO_DOC
    i = doc.text.index("lasted")
    out = PO.write(doc, [Edit(Span(i, i + 6), 'went "on"\n')]).decode()
    assert 'msgstr "The war "\n"went \\"on\\"\\n \\"long\\"."' in out


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b'msgid "a"\nmsgstr "b\n', 2),
        (b'msgid "a"\nmsgstr "b"\nnonsense here\n', 3),
        (b'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 1),
    ],
)
def test_malformed_po_is_an_input_error_with_the_line(data: bytes, line: int) -> None:
    with pytest.raises(InputError) as err:
        PO.read("bad.po", data)
    assert err.value.line == line and "malformed PO" in str(err.value)


def test_readers_are_registered_by_suffix() -> None:
    assert reader_for("x.html") is HTML and reader_for("x.HTM") is HTML
    assert reader_for("x.xlf") is XLIFF and reader_for("x.xliff") is XLIFF
    assert reader_for("x.po") is PO


def test_html_inline_markup_reads_as_a_space(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A doubled word split by an inline tag, and a no-break space, are seen; the fix keeps
    every byte of markup."""
    from click.testing import CliRunner

    from tqkit.cli import cli

    p = tmp_path / "a.html"
    p.write_bytes(b"<p>They met the <b>the</b> minister and kept theirs&nbsp;own plan.</p>\n")
    result = CliRunner().invoke(cli, ["check", str(p), "--format", "json"])
    import json

    found = {(f["rule"], f["text"]) for f in json.loads(result.stdout)["findings"]}
    assert ("TQ201", "the <b>the") in found
    assert ("TQ303", "theirs&nbsp;own") in found
    CliRunner().invoke(cli, ["check", str(p), "--fix"])
    assert p.read_bytes() == b"<p>They met the <b></b> minister and kept their&nbsp;own plan.</p>\n"


def test_markdown_code_span_never_crosses_a_blank_line() -> None:
    # a stray backtick (MT output: "the wheel`s spokes") does not mask the paragraphs after it
    text = "The wheel`s spokes turned.\n\nThe the army `code` advanced.\n\nA last ` one.\n"
    doc = reader_for("a.md").read("a.md", text.encode(), None, "en")
    view = doc.view
    assert "wheel`s spokes turned" in view
    assert "The the army" in view and "advanced" in view and "A last ` one" in view
    assert view[view.index("army ") + 5 :][:6] == MASK * 6  # the closed span is still code
