"""Hypothesis properties for every reader and the fix loop (issue 10): whatever the bytes,

- reading raises nothing but :class:`~tqkit.readers.InputError` (one line), and never hangs
  (each input has a time limit);
- what reads back gives every span in range (masks, segments, sentences, tokens) and a view as
  long as the text;
- writing with no edits gives the same bytes back (DOCX: the same package);
- an edit of prose writes bytes that read back;
- the fix loop raises nothing but InputError.

``TQKIT_FUZZ_EXAMPLES`` sets the examples per property (default 60, a few seconds each for
``make test``); ``make fuzz-readers`` runs 12,000 per reader property (and an eighth of that
through the fix loop), over 100,000 inputs, and prints the count.
"""

from __future__ import annotations

import io
import os
import signal
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fuzzcount import count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqkit.config import RunOptions
from tqkit.document import Document
from tqkit.errors import InputError
from tqkit.findings import Edit, Span
from tqkit.readers import reader_for

EXAMPLES = int(os.environ.get("TQKIT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
HANG_SECONDS = 20


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """A hang is a failure: SIGALRM interrupts any input that runs too long."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def _alarm(signum: int, frame: object) -> None:
        raise Hang(f"no result after {seconds} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


PROSE = [
    "the",
    "the the",
    "The",
    "said",
    "Mr.",
    "U.S.",
    "Ivanov",
    "ISBN-10",
    "UTF-8",
    "fileName",
    "1,500",
    "2024",
    "a.",
    "e-mail",
    "it's own",
    "NATO",
    "Sofia",
    "…",
    "«",
    "»",
    "“",
    "”",
    "é",
    "Ж",
    "Правительство",
    "中文",
    "বাংলা",
    "\u0301",
    "ﬁ",
    "İ",
    "ß",
    "\u00a0",
    "\u200b",
    "x@y.z",
    "http://a.b/c?d=e",
    "www.a.b",
    "!",
    "?",
    ".",
    ",",
    ":",
    ";",
    "-",
    "—",
]
SPACE = [" ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", " \n \n", "\f", "\v", "\u2028"]
MARKUP = [
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<",
    ">",
    "&",
    "&amp;",
    "&lt;",
    "&nbsp;",
    "&#160;",
    "&#x0;",
    "&#1114112;",
    "&bogus;",
    '"',
    "'",
    "`",
    "``",
    "```",
    "~~~",
    "    ",
    "- ",
    "* ",
    "1. ",
    "[a]",
    "](",
    "(",
    ")",
    "[x]: http://y",
    "<http:",
    "<b>",
    "</b>",
    "<p>",
    "</p>",
    "<i>",
    "<br/>",
    "<script>",
    "</script>",
    "<style>",
    "<a href='x'>",
    '<a href="',
    "</a>",
    "<nav>",
    "</nav>",
    "<li>",
    "<td>",
    "<?xml version='1.0'?>",
    "<?",
    "?>",
    "<!DOCTYPE x>",
    "---",
    "+++",
    "\x00",
    "\ufeff",
    "\x1b]0;title\x07",
    "\\",
    "\\n",
    '\\"',
    "%s",
    "{0}",
]
FRAGMENT = st.sampled_from(PROSE + SPACE + MARKUP) | st.text(max_size=8)


def _join(parts: list[str]) -> str:
    return "".join(parts)


TEXTS = st.lists(FRAGMENT, max_size=40).map(_join)
ENCODED = st.tuples(TEXTS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1251", "latin-1"])).map(
    lambda te: te[0].encode(te[1], "replace")
)
RAW = st.binary(max_size=200)
DATA = ENCODED | RAW | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass"))


def _xml_safe(text: str) -> str:
    return "".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def xliff_inputs(draw: st.DrawFn) -> bytes:
    version = draw(st.sampled_from(["1.2", "2.0"]))
    units = []
    for i in range(draw(st.integers(0, 6))):
        src, tgt = draw(TEXTS), draw(TEXTS)
        style = draw(st.sampled_from(["escaped", "cdata", "raw", "inline", "empty", "none"]))
        if style == "escaped":
            tgt_xml = f"<target>{_escape(_xml_safe(tgt))}</target>"
        elif style == "cdata":
            tgt_xml = "<target><![CDATA[" + _xml_safe(tgt).replace("]]>", "]]]]><![CDATA[>") + "]]></target>"
        elif style == "raw":
            tgt_xml = f"<target>{tgt}</target>"
        elif style == "inline":
            tgt_xml = f'<target>{_escape(_xml_safe(tgt))}<ph id="1">&lt;b&gt;</ph><g id="2">x</g><x id="3"/></target>'
        elif style == "empty":
            tgt_xml = "<target/>"
        else:
            tgt_xml = ""
        src_xml = f"<source>{_escape(_xml_safe(src))}</source>"
        if version == "1.2":
            units.append(f'<trans-unit id="u{i}">{src_xml}{tgt_xml}</trans-unit>')
        else:
            units.append(f'<unit id="u{i}"><segment>{src_xml}{tgt_xml}</segment></unit>')
        if draw(st.booleans()):
            units.append(draw(st.sampled_from(["<!-- <trans-unit> -->", "<?pi x?>", "\n", draw(TEXTS)])))
    body = "".join(units)
    if version == "1.2":
        doc = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="de" '
            f'target-language="en" datatype="plaintext" original="x"><body>{body}</body></file></xliff>\n'
        )
    else:
        doc = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
            f'version="2.0" srcLang="de" trgLang="en"><file id="f">{body}</file></xliff>\n'
        )
    return doc.encode("utf-8", "surrogatepass")


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


@st.composite
def po_inputs(draw: st.DrawFn) -> bytes:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["plain", "plural", "ctxt", "multi", "obsolete", "raw", "comment"]))
        src, tgt = draw(TEXTS), draw(TEXTS)
        if kind == "plain":
            lines += [f"msgid {_po_string(src)}", f"msgstr {_po_string(tgt)}"]
        elif kind == "plural":
            lines += [
                f"msgid {_po_string(src)}",
                f"msgid_plural {_po_string(src + 's')}",
                f"msgstr[0] {_po_string(tgt)}",
                f"msgstr[1] {_po_string(tgt)}",
            ]
        elif kind == "ctxt":
            lines += [f"msgctxt {_po_string(src[:5])}", f"msgid {_po_string(src)}", f"msgstr {_po_string(tgt)}"]
        elif kind == "multi":
            lines += [f"msgid {_po_string(src)}", 'msgstr ""'] + [_po_string(p) for p in tgt.split(" ")]
        elif kind == "obsolete":
            lines += [f"#~ msgid {_po_string(src)}", f"#~ msgstr {_po_string(tgt)}"]
        elif kind == "comment":
            lines += [f"#: {src}", f"#, fuzzy {tgt}"]
        else:
            lines.append(tgt)
        lines.append(draw(st.sampled_from(["", "", "\r", " "])))
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    return nl.join(lines).encode("utf-8", "surrogatepass")


W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
)


@st.composite
def docx_inputs(draw: st.DrawFn) -> bytes:
    paras = []
    for _ in range(draw(st.integers(0, 5))):
        runs = []
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.sampled_from(["t", "t", "tab", "br", "del", "box", "raw"]))
            text = _escape(_xml_safe(draw(TEXTS)))
            if kind == "t":
                runs.append(f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>')
            elif kind == "tab":
                runs.append("<w:r><w:tab/></w:r>")
            elif kind == "br":
                runs.append("<w:r><w:br/></w:r>")
            elif kind == "del":
                runs.append(f"<w:del><w:r><w:delText>{text}</w:delText></w:r></w:del>")
            elif kind == "box":
                runs.append(
                    f"<w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>{text}</w:t>"
                    f"</w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r>"
                    f"<w:t>{text}</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>"
                )
            else:
                runs.append(draw(TEXTS))
        paras.append("<w:p>" + "".join(runs) + "</w:p>")
    root = draw(st.sampled_from(["document", "document", "document", "nobody", "empty"]))
    if root == "document":
        xml = f"<w:document {W_NS}><w:body>{''.join(paras)}</w:body></w:document>"
    elif root == "nobody":
        xml = f"<w:document {W_NS}>{''.join(paras)}</w:document>"
    else:
        xml = "<document/>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        if draw(st.booleans()):
            z.writestr(
                "_rels/.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                "</Relationships>",
            )
        z.writestr("word/document.xml", xml.encode("utf-8", "surrogatepass"))
        z.writestr("customXml/item1.xml", "<x/>")
    data = out.getvalue()
    cut = draw(st.sampled_from([None, None, None, "truncate", "flip"]))
    if cut == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif cut == "flip":
        i = draw(st.integers(0, len(data) - 1))
        data = data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :]
    return data


def _check_document(doc: Document) -> None:
    n = len(doc.text)
    assert len(doc.view) == n
    for span in (*doc.masked, *doc.blank, *(s.span for s in doc.segments), *doc.sentences):
        assert 0 <= span.start <= span.end <= n, span
    for tok in doc.tokens:
        assert 0 <= tok.start < tok.end <= n
        assert doc.view[tok.start : tok.end] == tok.text


def _read(suffix: str, data: bytes) -> Document | None:
    reader = reader_for("x" + suffix)
    try:
        with time_limit():
            doc = reader.read("x" + suffix, data)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("x" + suffix)
        return None
    with time_limit():
        _check_document(doc)
    return doc


def _round_trip(suffix: str, data: bytes) -> None:
    count(suffix.lstrip(".") or "text")
    doc = _read(suffix, data)
    if doc is None:
        return
    reader = reader_for("x" + suffix)
    assert reader.write(doc, []) == data
    # an edit of the first prose word writes bytes that read back
    if doc.words:
        w = doc.words[0]
        try:
            out = reader.write(doc, [Edit(Span(w.start, w.end), 'word & <b> "x" ]]>')])
        except InputError:
            return
        again = _read(suffix, out)
        assert again is not None or suffix == ".docx"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@FUZZ
@given(data=DATA)
def test_text_formats(suffix: str, data: bytes) -> None:
    _round_trip(suffix, data)


@pytest.mark.parametrize("suffix", [".xlf", ".sdlxliff"])
@FUZZ
@given(data=xliff_inputs() | DATA)
def test_xliff(suffix: str, data: bytes) -> None:
    _round_trip(suffix, data)


@pytest.mark.parametrize("suffix", [".po", ".pot"])
@FUZZ
@given(data=po_inputs() | DATA)
def test_po(suffix: str, data: bytes) -> None:
    _round_trip(suffix, data)


@FUZZ
@given(data=docx_inputs() | RAW)
def test_docx(data: bytes) -> None:
    _round_trip(".docx", data)


_ENGINE = None


def _engine():  # type: ignore[no-untyped-def]
    global _ENGINE
    if _ENGINE is None:
        from tqkit.runner import engine_for, settings_for

        options = RunOptions()
        _ENGINE = engine_for(settings_for("x.txt", options), options)
    return _ENGINE


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".po", ".xlf"])
@settings(
    max_examples=max(10, EXAMPLES // 8),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_fix_loop(suffix: str, data: st.DataObject) -> None:
    from tqkit.fixes import fix_bytes

    strategy = {".po": po_inputs(), ".xlf": xliff_inputs()}.get(suffix, DATA)
    raw = data.draw(strategy)
    count("fix-loop")
    try:
        with time_limit():
            res = fix_bytes("x" + suffix, raw, _engine(), unsafe=True)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    if res.changed:
        assert _read(suffix, res.fixed) is not None
