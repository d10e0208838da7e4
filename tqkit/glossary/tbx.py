"""TBX exchange: write TBX-Basic v3 (DCA style); read TBX v3 (``tbx``/``conceptEntry``, DCA or
DCT style, any core namespace) and TBX v2 (``martif``/``termEntry``/``langSet``/``tig``).

Reading is safe: defusedxml refuses entity declarations (so an entity-expansion bomb fails at
once, before anything is expanded), and nothing is fetched (no DTD, no network).

What TBX-Basic cannot say is kept in notes so that export -> import -> export is lossless:
``Usage: ...`` (a term's usage note), ``Review: ...`` (a concept's review note) and
``tqkit: key=value; ...`` (forbidden status, proper-noun, case sensitivity, attribution,
severity, replacement).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any
from xml.etree.ElementTree import Element

from tqkit.errors import TbxError
from tqkit.glossary.model import (
    POS_VALUES,
    SEVERITIES,
    STATUSES,
    Concept,
    GlossaryInfo,
    Source,
    Term,
    normalise_id,
    normalise_lang,
)

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_STATUS_OUT = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
_STATUS_IN = {
    "preferredterm-admn-sts": "preferred", "preferred": "preferred", "preferredterm": "preferred",
    "admittedterm-admn-sts": "admitted", "admitted": "admitted", "admittedterm": "admitted",
    "deprecatedterm-admn-sts": "deprecated", "deprecated": "deprecated",
    "deprecatedtermadmnsts": "deprecated", "supersededterm-admn-sts": "deprecated",
    "obsolete": "deprecated", "notrecommended": "deprecated", "superseded": "deprecated",
    "forbidden": "forbidden", "forbiddenterm-admn-sts": "forbidden",
}
_POS_OUT = {"noun": "noun", "proper-noun": "noun", "verb": "verb", "adjective": "adjective",
            "adj": "adjective", "adverb": "adverb", "phrase": "other", "other": "other"}
_POS_IN = {"noun": "noun", "verb": "verb", "adjective": "adjective", "adverb": "adverb",
           "other": "other", "properNoun": "proper-noun", "proper noun": "proper-noun"}


# The language codes the YAML format accepts (``glossary.load._LANG_RE``).
_YAML_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


# -- writing ---------------------------------------------------------------------------------


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
    langs = list(dict.fromkeys([*(lang for i in infos for lang in i.languages),
                                *(lang for c in concepts for lang in c.terms)]))
    ids = "_".join(i.id for i in infos) or "glossary"
    titles = " + ".join(i.title for i in infos if i.title) or None
    domains = " + ".join(dict.fromkeys(i.domain for i in infos if i.domain)) or None
    return GlossaryInfo(ids, titles, domains, tuple(langs))


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

    def sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
        el = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}")
        for k, v in attrs.items():
            el.set(k, v)
        if text is not None:
            el.text = text
        return el

    file_desc = sub(sub(root, "tbxHeader"), "fileDesc")
    if head.title:
        sub(sub(file_desc, "titleStmt"), "title", head.title)
    desc = f"tqkit glossary id={head.id}; languages={' '.join(head.languages)}"
    if head.domain:
        desc += f"; domain={head.domain}"
    sub(sub(file_desc, "sourceDesc"), "p", desc)
    body = sub(sub(root, "text"), "body")
    for c in concepts:
        entry = sub(body, "conceptEntry", id=c.id)
        if c.domain:
            sub(entry, "descrip", c.domain, type="subjectField")
        if c.definition:
            sub(entry, "descrip", c.definition, type="definition")
        for s in c.sources:
            if s.url:
                sub(entry, "xref", s.title, type="externalCrossReference", target=s.url)
            else:
                sub(entry, "admin", s.title, type="source")
        if c.note:
            sub(entry, "note", c.note)
        if c.review:
            sub(entry, "note", f"Review: {c.review}")
        for lang, terms in c.terms.items():
            if not terms:
                continue
            lang_sec = sub(entry, "langSec")
            lang_sec.set(XML_LANG, lang)
            for t in terms:
                ts = sub(lang_sec, "termSec")
                sub(ts, "term", t.text)
                if t.pos:
                    sub(ts, "termNote", _POS_OUT[t.pos], type="partOfSpeech")
                sub(ts, "termNote", _STATUS_OUT[t.status], type="administrativeStatus")
                if t.type:
                    sub(ts, "termNote", t.type, type="termType")
                if t.usage:
                    sub(ts, "note", f"Usage: {t.usage}")
                if t.note:
                    sub(ts, "note", t.note)
                flags = _flags(t)
                if flags:
                    sub(ts, "note", f"tqkit: {flags}")
    etree.indent(root, space="  ")
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out


# -- reading ---------------------------------------------------------------------------------


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el: Element) -> str:
    return " ".join("".join(el.itertext()).split())


def parse_xml(data: bytes, path: str) -> Element:
    """Parse untrusted XML: entity declarations and external references are refused."""
    import defusedxml
    import defusedxml.ElementTree as safe_et

    try:
        root: Element = safe_et.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                           forbid_external=True)
        return root
    except defusedxml.EntitiesForbidden:
        raise TbxError(f"{path}: refused: the file declares XML entities (possible "
                       "entity-expansion attack); remove the DOCTYPE's <!ENTITY> declarations") from None
    except defusedxml.DefusedXmlException as exc:
        raise TbxError(f"{path}: refused: {exc}") from None
    except Exception as exc:  # ParseError from expat
        raise TbxError(f"{path}: not well-formed XML: {exc}") from None


def read_tbx(data: bytes, path: str, report: list[str] | None = None) -> tuple[GlossaryInfo, list[Concept]]:
    """The concepts of a TBX file, each valid for the YAML format: a language code that is no
    code is refused; an unknown status, part of speech or severity is dropped, repeated
    ``langSet``s of one language are merged (one preferred term; a repeated term once). What
    was changed is appended to ``report`` (one line each)."""
    report = report if report is not None else []
    root = parse_xml(data, path)
    kind = _local(root.tag)
    if kind not in ("tbx", "martif"):
        raise TbxError(f"{path}: not a TBX file (root element <{kind}>, expected <tbx> or <martif>)")
    info = _read_header(root, path)
    concepts: list[Concept] = []
    seen: set[str] = set()
    n = 0
    for entry in root.iter():
        if _local(entry.tag) not in ("conceptEntry", "termEntry"):
            continue
        n += 1
        c = _read_entry(entry, n, path, info.id, report)
        if c.id in seen:
            raise TbxError(f"{path}: concept id {c.id!r} appears twice")
        seen.add(c.id)
        concepts.append(c)
    if not concepts:
        raise TbxError(f"{path}: no <conceptEntry> or <termEntry> elements")
    langs = info.languages or tuple(dict.fromkeys(lang for c in concepts for lang in c.terms))
    return GlossaryInfo(info.id, info.title, info.domain, langs, path), concepts


def _read_header(root: Element, path: str) -> GlossaryInfo:
    title = None
    gid = re.sub(r"[^a-z0-9._-]+", "-", path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()).strip("-")
    langs: tuple[str, ...] = ()
    domain = None
    for el in root.iter():
        name = _local(el.tag)
        if name == "title" and title is None:
            title = _text(el) or None
        elif name == "p" and el.text and el.text.startswith("tqkit glossary "):
            for part in el.text[len("tqkit glossary "):].split("; "):
                key, _, value = part.partition("=")
                if key == "id" and value:
                    gid = value
                elif key == "languages":
                    codes = (normalise_lang(v) for v in value.split())
                    langs = tuple(c for c in codes if c and _YAML_LANG_RE.match(c))
                elif key == "domain":
                    domain = value or None
        elif name == "body":
            break
    return GlossaryInfo(gid or "imported", title, domain, langs, path)


_TERM_CONTAINERS = ("termSec", "tig", "ntig", "termGroup")
_LANG_CONTAINERS = ("langSec", "langSet", "langGroup")


def _read_entry(entry: Element, n: int, path: str, gid: str, report: list[str]) -> Concept:
    cid = normalise_id(entry.get("id") or "") or f"c{n:04d}"
    domain = definition = note = review = None
    sources: list[Source] = []
    terms: dict[str, list[Term]] = {}
    notes: list[str] = []
    for child in entry:
        name = _local(child.tag)
        if name in _LANG_CONTAINERS:
            raw_lang = child.get(XML_LANG) or child.get("lang")
            if not raw_lang:
                raise TbxError(f"{path}: concept {cid!r}: a <{name}> without xml:lang")
            lang = normalise_lang(raw_lang)
            if lang is None or not _YAML_LANG_RE.match(lang):
                raise TbxError(f"{path}: concept {cid!r}: xml:lang={raw_lang[:40]!r} is not a "
                               "language code")
            for t in _read_lang(child, lang, f"{path}: concept {cid!r}", report):
                terms.setdefault(lang, []).append(t)
            # Language-level definitions and sources (TBX allows both on langSec).
            for sub in child:
                if _local(sub.tag) not in ("descrip", "descripGrp", "admin"):
                    continue
                for el in sub.iter():
                    kind = _category(el)
                    if kind == "definition" and (definition is None or lang == "en"):
                        definition = _text(el)
                    elif kind == "source" and Source(_text(el)) not in sources:
                        sources.append(Source(_text(el)))
            continue
        kind = _category(child)
        if kind == "subjectField":
            domain = _text(child) or domain
        elif kind == "definition":
            definition = _text(child) or definition
        elif kind == "source":
            sources.append(Source(_text(child)))
        elif kind in ("externalCrossReference", "xref"):
            sources.append(Source(_text(child) or child.get("target", ""), child.get("target")))
        elif kind == "note":
            notes.append(_text(child))
        elif name == "descripGrp":
            for sub in child:
                sk = _category(sub)
                if sk == "definition":
                    definition = _text(sub)
                elif sk == "source":
                    sources.append(Source(_text(sub)))
                elif sk == "subjectField":
                    domain = _text(sub)
    plain: list[str] = []
    for text in notes:
        if text.startswith("Review: "):
            review = text[len("Review: "):]
        else:
            plain.append(text)
    note = " / ".join(plain) or None
    for lang, items in terms.items():
        terms[lang] = _merge_lang(items, f"{path}: concept {cid!r}: {lang}", report)
    return Concept(cid, {k: tuple(v) for k, v in terms.items()}, domain=domain,
                   definition=definition, note=note, review=review, sources=tuple(sources),
                   file=path, glossary=gid)


def _category(el: Element) -> str:
    """The data category of an element in DCA (``descrip type="definition"``) or DCT
    (``<basic:definition>``) style."""
    name = _local(el.tag)
    if name in ("descrip", "admin", "termNote", "xref", "ref"):
        return el.get("type") or name
    return name


def _merge_lang(items: list[Term], where: str, report: list[str]) -> list[Term]:
    """One language's terms from every ``langSet``: a term once, one preferred term."""
    out: list[Term] = []
    seen: set[str] = set()
    preferred: Term | None = None
    for t in items:
        if t.key in seen:
            report.append(f"{where}: term {t.text!r} given twice; kept once")
            continue
        seen.add(t.key)
        if t.status == "preferred":
            if preferred is not None:
                report.append(f"{where}: {t.text!r} and {preferred.text!r} are both preferred; "
                             f"{t.text!r} imported as admitted")
                t = replace(t, status="admitted")
            else:
                preferred = t
        out.append(t)
    return out


def _read_lang(sec: Element, lang: str, where: str = "", report: list[str] | None = None) -> list[Term]:
    out: list[Term] = []
    explicit = False
    for child in sec:
        name = _local(child.tag)
        if name in _TERM_CONTAINERS or name == "termGrp":
            t = _read_term(child, lang, where, report)
            if t is not None:
                out.append(t[0])
                explicit = explicit or t[1]
    if out and not explicit:
        # No term of this language states a status (a plain bilingual TBX): the first term is
        # the preferred one, as in a CSV cell.
        out[0] = replace(out[0], status="preferred")
    return out


def _read_term(sec: Element, lang: str, where: str = "",
               report: list[str] | None = None) -> tuple[Term, bool] | None:
    """The term and whether the file states its status (values the YAML format does not know
    are dropped, with a note)."""
    fields: dict[str, Any] = {"status": "admitted"}
    explicit = False
    text = None
    notes: list[str] = []
    for el in sec.iter():
        if el is sec:
            continue
        name = _local(el.tag)
        kind = _category(el)
        if name == "term" and text is None:
            text = _text(el)
        elif kind == "administrativeStatus":
            explicit = True
            value = _text(el)
            fields["status"] = _STATUS_IN.get(value.lower(), _STATUS_IN.get(value, "admitted"))
        elif kind == "partOfSpeech":
            fields["pos"] = _POS_IN.get(_text(el), "other")
        elif kind == "termType":
            value = _text(el)
            if value in ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"):
                fields["type"] = value
        elif name == "note":
            notes.append(_text(el))
    if not text:
        return None
    plain: list[str] = []
    for note in notes:
        if note.startswith("Usage: "):
            fields["usage"] = note[len("Usage: "):]
        elif note.startswith("tqkit: "):
            for part in note[len("tqkit: "):].split("; "):
                key, _, value = part.partition("=")
                if key in ("case_sensitive", "attribution"):
                    fields[key] = value == "true"
                elif key in ("status", "pos", "severity", "replace_with"):
                    fields[key] = value
                    explicit = explicit or key == "status"
        else:
            plain.append(note)
    if plain:
        fields["note"] = " / ".join(plain)
    for key, allowed in (("status", STATUSES), ("pos", POS_VALUES), ("severity", SEVERITIES)):
        if key in fields and fields[key] not in allowed:
            if report is not None:
                report.append(f"{where}: term {text!r}: {key} {str(fields[key])[:40]!r} is not one of "
                             f"{', '.join(allowed)}; dropped")
            if key == "status":
                fields["status"] = "admitted"
                explicit = False
            else:
                del fields[key]
    if "replace_with" in fields and not str(fields["replace_with"]).strip():
        del fields["replace_with"]
    return Term(text, lang, **fields), explicit
