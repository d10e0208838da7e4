"""TBX exchange: write TBX-Basic v3 (DCA style); read TBX v3 (``tbx``/``conceptEntry``, DCA or
DCT style, any core namespace) and TBX v2 (``martif``/``termEntry``/``langSet``/``tig``).

Reading is safe: defusedxml refuses entity declarations (so an entity-expansion bomb fails at
once, before anything is expanded), and nothing is fetched (no DTD, no network).

What TBX-Basic cannot say is kept in notes so that export -> import -> export is lossless:
``Usage: ...`` (a term's usage note), ``Review: ...`` (a concept's review note) and
``tqkit: key=value; ...`` (forbidden status, proper-noun, case sensitivity, attribution,
severity, replacement). The writer is :mod:`tqkit.glossary.tbx_write`; ``to_tbx`` is
re-exported here.
"""

from __future__ import annotations

import re
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
from tqkit.glossary.tbx_write import TBX_NS, XML_LANG, header_of, to_tbx

__all__ = ["TBX_NS", "XML_LANG", "TbxError", "header_of", "parse_xml", "read_tbx", "to_tbx"]

_STATUS_IN = {
    "preferredterm-admn-sts": "preferred",
    "preferred": "preferred",
    "preferredterm": "preferred",
    "admittedterm-admn-sts": "admitted",
    "admitted": "admitted",
    "admittedterm": "admitted",
    "deprecatedterm-admn-sts": "deprecated",
    "deprecated": "deprecated",
    "deprecatedtermadmnsts": "deprecated",
    "supersededterm-admn-sts": "deprecated",
    "obsolete": "deprecated",
    "notrecommended": "deprecated",
    "superseded": "deprecated",
    "forbidden": "forbidden",
    "forbiddenterm-admn-sts": "forbidden",
}
_POS_IN = {
    "noun": "noun",
    "verb": "verb",
    "adjective": "adjective",
    "adverb": "adverb",
    "other": "other",
    "properNoun": "proper-noun",
    "proper noun": "proper-noun",
}


# The language codes the YAML format accepts (``glossary.load._LANG_RE``).
_YAML_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


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
        root: Element = safe_et.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        return root
    except defusedxml.EntitiesForbidden:
        raise TbxError(
            f"{path}: refused: the file declares XML entities (possible "
            "entity-expansion attack); remove the DOCTYPE's <!ENTITY> declarations"
        ) from None
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
            for part in el.text[len("tqkit glossary ") :].split("; "):
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


def _entry_lang(sec: Element, name: str, where: str) -> str:
    """The language of a ``langSec``/``langSet``, a code the YAML format accepts."""
    raw_lang = sec.get(XML_LANG) or sec.get("lang")
    if not raw_lang:
        raise TbxError(f"{where}: a <{name}> without xml:lang")
    lang = normalise_lang(raw_lang)
    if lang is None or not _YAML_LANG_RE.match(lang):
        raise TbxError(f"{where}: xml:lang={raw_lang[:40]!r} is not a language code")
    return lang


class _EntryFields:
    """The concept-level data categories of one entry, as they are read."""

    def __init__(self) -> None:
        self.domain: str | None = None
        self.definition: str | None = None
        self.sources: list[Source] = []
        self.notes: list[str] = []

    def add_lang_level(self, sec: Element, lang: str) -> None:
        """Language-level definitions and sources (TBX allows both on langSec)."""
        for sub in sec:
            if _local(sub.tag) not in ("descrip", "descripGrp", "admin"):
                continue
            for el in sub.iter():
                kind = _category(el)
                if kind == "definition" and (self.definition is None or lang == "en"):
                    self.definition = _text(el)
                elif kind == "source" and Source(_text(el)) not in self.sources:
                    self.sources.append(Source(_text(el)))

    def add(self, child: Element) -> None:
        kind = _category(child)
        if kind == "subjectField":
            self.domain = _text(child) or self.domain
        elif kind == "definition":
            self.definition = _text(child) or self.definition
        elif kind == "source":
            self.sources.append(Source(_text(child)))
        elif kind in ("externalCrossReference", "xref"):
            self.sources.append(Source(_text(child) or child.get("target", ""), child.get("target")))
        elif kind == "note":
            self.notes.append(_text(child))
        elif _local(child.tag) == "descripGrp":
            self._add_group(child)

    def _add_group(self, group: Element) -> None:
        for sub in group:
            sk = _category(sub)
            if sk == "definition":
                self.definition = _text(sub)
            elif sk == "source":
                self.sources.append(Source(_text(sub)))
            elif sk == "subjectField":
                self.domain = _text(sub)

    def note_and_review(self) -> tuple[str | None, str | None]:
        """The plain notes joined, and the ``Review: ...`` note (the last one wins)."""
        review = None
        plain: list[str] = []
        for text in self.notes:
            if text.startswith("Review: "):
                review = text[len("Review: ") :]
            else:
                plain.append(text)
        return " / ".join(plain) or None, review


def _read_entry(entry: Element, n: int, path: str, gid: str, report: list[str]) -> Concept:
    cid = normalise_id(entry.get("id") or "") or f"c{n:04d}"
    where = f"{path}: concept {cid!r}"
    fields = _EntryFields()
    terms: dict[str, list[Term]] = {}
    for child in entry:
        name = _local(child.tag)
        if name in _LANG_CONTAINERS:
            lang = _entry_lang(child, name, where)
            for t in _read_lang(child, lang, where, report):
                terms.setdefault(lang, []).append(t)
            fields.add_lang_level(child, lang)
        else:
            fields.add(child)
    note, review = fields.note_and_review()
    for lang, items in terms.items():
        terms[lang] = _merge_lang(items, f"{where}: {lang}", report)
    return Concept(
        cid,
        {k: tuple(v) for k, v in terms.items()},
        domain=fields.domain,
        definition=fields.definition,
        note=note,
        review=review,
        sources=tuple(fields.sources),
        file=path,
        glossary=gid,
    )


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
                report.append(
                    f"{where}: {t.text!r} and {preferred.text!r} are both preferred; {t.text!r} imported as admitted"
                )
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


_TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")


def _term_categories(sec: Element, fields: dict[str, Any]) -> tuple[str | None, bool, list[str]]:
    """Read a term's data categories into ``fields``: the term's text, whether the file
    states its status, and its notes."""
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
            if value in _TERM_TYPES:
                fields["type"] = value
        elif name == "note":
            notes.append(_text(el))
    return text, explicit, notes


def _term_notes(notes: list[str], fields: dict[str, Any]) -> bool:
    """Read ``Usage: ...``, ``tqkit: key=value; ...`` and plain notes into ``fields``;
    whether a ``tqkit:`` note states the status."""
    explicit = False
    plain: list[str] = []
    for note in notes:
        if note.startswith("Usage: "):
            fields["usage"] = note[len("Usage: ") :]
        elif note.startswith("tqkit: "):
            for part in note[len("tqkit: ") :].split("; "):
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
    return explicit


def _drop_unknown(fields: dict[str, Any], text: str, where: str, report: list[str] | None) -> bool:
    """Drop values the YAML format does not know (an unknown status becomes admitted);
    False when the status was dropped."""
    status_kept = True
    for key, allowed in (("status", STATUSES), ("pos", POS_VALUES), ("severity", SEVERITIES)):
        if key in fields and fields[key] not in allowed:
            if report is not None:
                report.append(
                    f"{where}: term {text!r}: {key} {str(fields[key])[:40]!r} is not one of "
                    f"{', '.join(allowed)}; dropped"
                )
            if key == "status":
                fields["status"] = "admitted"
                status_kept = False
            else:
                del fields[key]
    if "replace_with" in fields and not str(fields["replace_with"]).strip():
        del fields["replace_with"]
    return status_kept


def _read_term(sec: Element, lang: str, where: str = "", report: list[str] | None = None) -> tuple[Term, bool] | None:
    """The term and whether the file states its status (values the YAML format does not know
    are dropped, with a note)."""
    fields: dict[str, Any] = {"status": "admitted"}
    text, explicit, notes = _term_categories(sec, fields)
    if not text:
        return None
    explicit = _term_notes(notes, fields) or explicit
    if not _drop_unknown(fields, text, where, report):
        explicit = False
    return Term(text, lang, **fields), explicit
