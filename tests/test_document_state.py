"""Issue 9: ``Document`` is immutable, and reader state belongs to the reader.

A document's facts every layer may read are typed fields (``format``, ``declared_target_lang``,
``code_spans``); what only its reader reads back when it writes (the DOCX package, the XLIFF
CDATA sections) is ``reader_state``, the reader's own frozen dataclass, opaque to the others.
"""

from __future__ import annotations

import ast
import dataclasses
import io
import typing
from pathlib import Path

import pytest

from tqkit.document import Document
from tqkit.findings import Edit, Span
from tqkit.readers import reader_for

ROOT = Path(__file__).resolve().parent.parent


def test_document_is_frozen() -> None:
    doc = Document("a.txt", "The talks resumed.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.target_lang = "de"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.meta = {}  # type: ignore[attr-defined]
    assert [t.text for t in doc.words] == ["The", "talks", "resumed"]  # derived views still cache


def test_document_has_no_untyped_bag() -> None:
    """No ``meta`` dictionary, and no field of a mutable type another layer could fill."""
    hints = typing.get_type_hints(Document)
    names = {f.name for f in dataclasses.fields(Document)}
    assert "meta" not in names
    mutable = {n: hints[n] for n in names if typing.get_origin(hints[n]) in (dict, list, set)}
    assert mutable == {}
    assert {"format", "declared_target_lang", "code_spans", "reader_state"} <= names


def test_with_target_lang_is_a_new_document_sharing_the_views() -> None:
    doc = Document("a.txt", "Die Gespräche wurden fortgesetzt.", "auto")
    tokens = doc.tokens
    de = doc.with_target_lang("de")
    assert (doc.target_lang, de.target_lang) == ("auto", "de")
    assert de.tokens is tokens  # computed once, carried over: they do not depend on the language
    assert de.with_target_lang("de") is de


def _xliff(target: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="ru" target-language="en" datatype="plaintext" original="a"><body>'
        f'<trans-unit id="1"><source>Привет</source><target>{target}</target></trans-unit>'
        "</body></file></xliff>\n"
    ).encode()


def test_xliff_state_is_the_readers_and_the_declared_language_is_a_fact() -> None:
    reader = reader_for("a.xlf")
    data = _xliff("<![CDATA[Hello & <b>the the</b> world]]>")
    doc = reader.read("a.xlf", data, None, "auto")
    assert doc.format == "xliff" and doc.declared_target_lang == "en"
    start = doc.text.index("the the")
    fixed = reader.write(doc, [Edit(Span(start, start + 7), "the & <i>")])
    assert b"<![CDATA[Hello & <b>the & <i></b> world]]>" in fixed  # unescaped inside CDATA
    plain = Document("a.xlf", doc.text, masked=doc.masked)  # not read by the XLIFF reader
    assert b"the &amp; &lt;i&gt;" in reader.write(plain, [Edit(Span(start, start + 7), "the & <i>")])


def test_docx_state_is_the_readers() -> None:
    docx = pytest.importorskip("docx")
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("The the talks resumed.")
    d.save(buf)
    reader = reader_for("a.docx")
    doc = reader.read("a.docx", buf.getvalue(), None, "en")
    assert doc.format == "docx"
    assert reader.write(doc, []) == buf.getvalue()
    with pytest.raises(Exception, match="not read by the DOCX reader"):
        reader.write(Document("a.docx", doc.text), [])


def test_markdown_code_spans_are_a_typed_fact() -> None:
    doc = reader_for("a.md").read("a.md", b"Text `code` here.\n", None, "en")
    assert doc.format == "markdown" and [doc.slice(s) for s in doc.code_spans] == ["`code`"]


def test_only_readers_look_inside_reader_state() -> None:
    """``reader_state`` is opaque: read only in ``tqkit/readers/`` (and defined in document.py)."""
    readers = ROOT / "tqkit" / "readers"
    bad: list[str] = []
    for path in sorted([*(ROOT / "tqkit").rglob("*.py"), *(ROOT / "tui").rglob("*.py")]):
        if path.is_relative_to(readers) or path == ROOT / "tqkit" / "document.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bad.extend(
            f"{path.relative_to(ROOT)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "reader_state"
        )
    assert bad == []
