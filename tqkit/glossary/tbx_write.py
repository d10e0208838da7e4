"""TBX exchange, writing: TBX-Basic v3 (DCA style), deterministic. What TBX-Basic cannot say
goes into notes (see :mod:`tqkit.glossary.tbx`, which reads them back)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tqkit.glossary.model import Concept, GlossaryInfo, Term

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_STATUS_OUT = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
_POS_OUT = {
    "noun": "noun",
    "proper-noun": "noun",
    "verb": "verb",
    "adjective": "adjective",
    "adj": "adjective",
    "adverb": "adverb",
    "phrase": "other",
    "other": "other",
}


def _flags(t: Term) -> str:
    flags: list[str] = []
    if t.status == "forbidden":
        flags.append("status=forbidden")
    if t.pos and _POS_OUT.get(t.pos) != t.pos:
        flags.append(f"pos={t.pos}")
    if t.case_sensitive:
        flags.append("case_sensitive=true")
    if t.attribution:
        flags.append("attribution=true")
    if t.severity:
        flags.append(f"severity={t.severity}")
    if t.replace_with:
        flags.append(f"replace_with={t.replace_with}")
    return "; ".join(flags)


def header_of(infos: Sequence[GlossaryInfo], concepts: Sequence[Concept]) -> GlossaryInfo:
    langs = list(
        dict.fromkeys([*(lang for i in infos for lang in i.languages), *(lang for c in concepts for lang in c.terms)])
    )
    ids = "_".join(i.id for i in infos) or "glossary"
    titles = " + ".join(i.title for i in infos if i.title) or None
    domains = " + ".join(dict.fromkeys(i.domain for i in infos if i.domain)) or None
    return GlossaryInfo(ids, titles, domains, tuple(langs))


def _sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    from lxml import etree

    el = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}")
    for k, v in attrs.items():
        el.set(k, v)
    if text is not None:
        el.text = text
    return el


def _write_header(root: Any, head: GlossaryInfo) -> None:
    file_desc = _sub(_sub(root, "tbxHeader"), "fileDesc")
    if head.title:
        _sub(_sub(file_desc, "titleStmt"), "title", head.title)
    desc = f"tqkit glossary id={head.id}; languages={' '.join(head.languages)}"
    if head.domain:
        desc += f"; domain={head.domain}"
    _sub(_sub(file_desc, "sourceDesc"), "p", desc)


def _write_term(lang_sec: Any, t: Term) -> None:
    ts = _sub(lang_sec, "termSec")
    _sub(ts, "term", t.text)
    if t.pos:
        _sub(ts, "termNote", _POS_OUT[t.pos], type="partOfSpeech")
    _sub(ts, "termNote", _STATUS_OUT[t.status], type="administrativeStatus")
    if t.type:
        _sub(ts, "termNote", t.type, type="termType")
    if t.usage:
        _sub(ts, "note", f"Usage: {t.usage}")
    if t.note:
        _sub(ts, "note", t.note)
    flags = _flags(t)
    if flags:
        _sub(ts, "note", f"tqkit: {flags}")


def _write_concept(body: Any, c: Concept) -> None:
    entry = _sub(body, "conceptEntry", id=c.id)
    if c.domain:
        _sub(entry, "descrip", c.domain, type="subjectField")
    if c.definition:
        _sub(entry, "descrip", c.definition, type="definition")
    for s in c.sources:
        if s.url:
            _sub(entry, "xref", s.title, type="externalCrossReference", target=s.url)
        else:
            _sub(entry, "admin", s.title, type="source")
    if c.note:
        _sub(entry, "note", c.note)
    if c.review:
        _sub(entry, "note", f"Review: {c.review}")
    for lang, terms in c.terms.items():
        if not terms:
            continue
        lang_sec = _sub(entry, "langSec")
        lang_sec.set(XML_LANG, lang)
        for t in terms:
            _write_term(lang_sec, t)


def to_tbx(infos: Sequence[GlossaryInfo], concepts: Sequence[Concept]) -> bytes:
    """TBX-Basic v3, DCA style, UTF-8; deterministic (same glossary, same bytes)."""
    from lxml import etree

    head = header_of(infos, concepts)
    main_lang = "en" if "en" in head.languages else (head.languages[0] if head.languages else "en")
    nsmap: Any = {None: TBX_NS}
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap=nsmap)
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, main_lang)
    _write_header(root, head)
    body = _sub(_sub(root, "text"), "body")
    for c in concepts:
        _write_concept(body, c)
    etree.indent(root, space="  ")
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out
