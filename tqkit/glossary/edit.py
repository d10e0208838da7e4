"""Writing the YAML authoring format: whole glossaries (import), one concept added to a file
(``add``), two files merged (``merge``). Files are edited through ruamel's round-trip tree, so
comments, key order and the order of untouched entries survive; writes are atomic."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqkit.errors import GlossaryError
from tqkit.glossary.load import build_glossary, parse_roundtrip, read_text, roundtrip_yaml
from tqkit.glossary.model import Concept, GlossaryInfo, Source, Term, normalise_id
from tqkit.text.fold import fold


def _cm() -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap()


def _flow_list(items: Iterable[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(list(items))
    seq.fa.set_flow_style()
    return seq


def term_to_map(t: Term) -> Any:
    m = _cm()
    m["term"] = t.text
    m["status"] = t.status
    if t.pos:
        m["pos"] = t.pos
    if t.type:
        m["type"] = t.type
    if t.case_sensitive:
        m["case_sensitive"] = True
    if t.usage:
        m["usage"] = t.usage
    if t.attribution:
        m["attribution"] = True
    if t.severity:
        m["severity"] = t.severity
    if t.replace_with:
        m["replace_with"] = t.replace_with
    if t.note:
        m["note"] = t.note
    return m


def concept_to_map(c: Concept) -> Any:
    m = _cm()
    m["id"] = c.id
    for key in ("domain", "definition", "note", "review"):
        value = getattr(c, key)
        if value:
            m[key] = value
    if c.sources:
        sources = []
        for s in c.sources:
            sm = _cm()
            sm["title"] = s.title
            if s.url:
                sm["url"] = s.url
            sources.append(sm)
        m["sources"] = sources
    terms = _cm()
    for lang, items in c.terms.items():
        if items:
            terms[lang] = [term_to_map(t) for t in items]
    m["terms"] = terms
    return m


# Plain scalars that YAML 1.1 readers (PyYAML, many tools) take for booleans, nulls or numbers
# although YAML 1.2 reads them as text: ``no:`` (Norwegian) would become the key False.
_YAML11_AMBIGUOUS = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|~|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?0[0-7_]+"
    r"|[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|=|<<)$"
)


def _quote_ambiguous(node: Any) -> Any:
    """Quote, in place, every string key and value a YAML 1.1 reader would not read as text."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

    def fix(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, ScalarString) and _YAML11_AMBIGUOUS.match(value):
            return DoubleQuotedScalarString(value)
        return value

    if isinstance(node, dict):
        for pos, key in enumerate(list(node)):
            value = node[key]
            _quote_ambiguous(value)
            new_key = fix(key)
            if new_key is not key and hasattr(node, "insert"):
                del node[key]
                node.insert(pos, new_key, fix(value))
            else:
                node[key] = fix(value)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _quote_ambiguous(value)
            node[i] = fix(value)
    return node


def dumps(tree: Any) -> str:
    buf = io.StringIO()
    roundtrip_yaml().dump(_quote_ambiguous(tree), buf)
    return buf.getvalue()


def glossary_to_yaml(info: GlossaryInfo, concepts: Sequence[Concept], comment: str | None = None) -> str:
    root = _cm()
    header = _cm()
    header["id"] = info.id
    if info.title:
        header["title"] = info.title
    if info.domain:
        header["domain"] = info.domain
    langs = list(info.languages) or list(dict.fromkeys(lang for c in concepts for lang in c.terms))
    header["languages"] = _flow_list(langs)
    root["glossary"] = header
    root["concepts"] = [concept_to_map(c) for c in concepts]
    text = dumps(root)
    if comment:
        text = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines()) + text
    return text


def check_text(path: str, text: str) -> tuple[GlossaryInfo, list[Concept]]:
    """Validate YAML text about to be written (raises :class:`GlossaryError`)."""
    info, concepts, problems = build_glossary(path, parse_roundtrip(path, text))
    if problems:
        raise GlossaryError(path, f"{problems[0].field}: {problems[0].message}", problems[0].line)
    return info, concepts


# -- add -------------------------------------------------------------------------------------


def add_concept(path: Path, concept: Concept, existing: Iterable[Concept] = ()) -> str:
    """The text of ``path`` with ``concept`` appended to its concepts (comments kept).

    Refuses a concept id already used, and a term already in another concept."""
    name = str(path)
    new = not path.exists()
    if new:  # a new glossary file: a header named after the file, then the concept
        gid = normalise_id(path.stem) or "glossary"
        text = f"glossary:\n  id: {gid}\nconcepts: []\n"
    else:
        text = read_text(path)
    tree = parse_roundtrip(name, text)
    _info, concepts, problems = build_glossary(name, tree)
    if problems:
        raise GlossaryError(name, f"fix this file first: {problems[0].field}: {problems[0].message}", problems[0].line)
    everything = {c.id: c for c in existing}
    everything.update({c.id: c for c in concepts})
    if concept.id in everything:
        other = everything[concept.id]
        raise GlossaryError(name, f"concept id {concept.id!r} already exists ({other.file}:{other.line})")
    used = {(t.lang, fold(t.text)): c for c in everything.values() for t in c.all_terms()}
    for t in concept.all_terms():
        owner = used.get((t.lang, fold(t.text)))
        if owner is not None:
            raise GlossaryError(
                name, f"{t.lang} term {t.text!r} is already in concept {owner.id!r} ({owner.file}:{owner.line})"
            )
    seq = tree.get("concepts")
    if seq is None or new:
        from ruamel.yaml.comments import CommentedSeq

        seq = CommentedSeq()
        tree["concepts"] = seq
    seq.append(concept_to_map(concept))
    out = dumps(tree)
    check_text(name, out)
    return out


# -- merge -----------------------------------------------------------------------------------


@dataclass
class Conflict:
    concept: str
    field: str
    ours: object
    theirs: object
    note: str | None = None

    def __str__(self) -> str:
        if self.note:
            return f"{self.concept}: {self.field}: {self.note}"
        return f"{self.concept}: {self.field}: kept {self.ours!r}, other file has {self.theirs!r}"


@dataclass
class MergeResult:
    text: str
    added: list[str] = field(default_factory=list)
    extended: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def merge_files(a: Path, b: Path) -> MergeResult:
    """Concepts of ``b`` merged into ``a``. New concepts are appended; new terms and sources of
    shared concepts are appended to them; differing values are conflicts: ``a``'s value is
    kept and the conflict reported, never overwritten silently."""
    tree_a = parse_roundtrip(str(a), read_text(a))
    tree_b = parse_roundtrip(str(b), read_text(b))
    for path, tree in ((a, tree_a), (b, tree_b)):
        _, _, problems = build_glossary(str(path), tree)
        if problems:
            p = problems[0]
            raise GlossaryError(str(path), f"{p.field}: {p.message}", p.line or None)
    result = MergeResult("")
    seq_a = tree_a.setdefault("concepts", [])
    by_id = {str(node["id"]): node for node in seq_a}
    # Terms already used by some concept of a: (lang, folded) -> concept id.
    owner = {
        (str(lang), fold(str(t["term"] if isinstance(t, dict) else t))): str(node["id"])
        for node in seq_a
        for lang, items in (node.get("terms") or {}).items()
        for t in items
    }
    for node in tree_b.get("concepts") or []:
        cid = str(node["id"])
        mine = by_id.get(cid)
        if mine is None:
            clashes = []
            for lang, items in (node.get("terms") or {}).items():
                for t in items:
                    text = str(t["term"] if isinstance(t, dict) else t)
                    other = owner.get((str(lang), fold(text)))
                    if other is not None:
                        clashes.append(
                            Conflict(
                                cid,
                                f"terms.{lang}",
                                other,
                                text,
                                note=f"term {text!r} already belongs to concept {other}; concept not added",
                            )
                        )
            if clashes:  # adding it would put one term in two concepts
                result.conflicts.extend(clashes)
                continue
            seq_a.append(node)
            by_id[cid] = node
            result.added.append(cid)
            continue
        if _merge_concept(mine, node, cid, result.conflicts):
            result.extended.append(cid)
    result.text = dumps(tree_a)
    check_text(str(a), result.text)
    return result


def _merge_fields(mine: Any, theirs: Any, cid: str, conflicts: list[Conflict]) -> bool:
    changed = False
    for key in ("domain", "definition", "note", "review"):
        if key not in theirs:
            continue
        if key not in mine:
            mine[key] = theirs[key]
            changed = True
        elif str(mine[key]).strip() != str(theirs[key]).strip():
            conflicts.append(Conflict(cid, key, str(mine[key]), str(theirs[key])))
    return changed


def _merge_sources(mine: Any, theirs: Any) -> bool:
    if "sources" not in theirs:
        return False
    changed = False
    mine_sources = mine.setdefault("sources", [])
    known = [_plain(s) for s in mine_sources]
    for s in theirs["sources"]:
        if _plain(s) not in known:
            mine_sources.append(s)
            changed = True
    return changed


def _term_key(t: Any) -> str:
    return fold(str(t["term"] if isinstance(t, dict) else t))


def _merge_term(ours: Any, t: Any, cid: str, lang: str, conflicts: list[Conflict]) -> bool:
    """Their fields that our term lacks are added; differing ones are conflicts."""
    changed = False
    po, pt = _plain(ours), _plain(t)
    if isinstance(po, str):
        po = {"term": po}
    if isinstance(pt, str):
        pt = {"term": pt}
    for fkey in sorted(set(po) | set(pt)):
        if fkey == "term":
            continue
        if fkey in pt and fkey not in po and isinstance(ours, dict):
            ours[fkey] = t[fkey]
            changed = True
        elif fkey in pt and po.get(fkey) != pt.get(fkey):
            conflicts.append(Conflict(cid, f"terms.{lang}[{po['term']}].{fkey}", po.get(fkey), pt.get(fkey)))
    return changed


def _merge_terms(mine: Any, theirs: Any, cid: str, conflicts: list[Conflict]) -> bool:
    changed = False
    mine_terms = mine.setdefault("terms", _cm())
    for lang, items in (theirs.get("terms") or {}).items():
        mine_items = mine_terms.get(lang)
        if mine_items is None:
            mine_terms[lang] = items
            changed = True
            continue
        index = {_term_key(t): t for t in mine_items}
        for t in items:
            ours = index.get(_term_key(t))
            if ours is None:
                mine_items.append(t)
                changed = True
            elif _merge_term(ours, t, cid, lang, conflicts):
                changed = True
    return changed


def _merge_concept(mine: Any, theirs: Any, cid: str, conflicts: list[Conflict]) -> bool:
    """Merge their concept into ours (a YAML node); True when ours changed. Every step runs
    (no short cut), in the order fields, sources, terms."""
    changed = _merge_fields(mine, theirs, cid, conflicts)
    changed = _merge_sources(mine, theirs) or changed
    return _merge_terms(mine, theirs, cid, conflicts) or changed


def new_concept(
    cid: str,
    terms: Sequence[tuple[str, str, str]],
    *,
    domain: str | None = None,
    definition: str | None = None,
    note: str | None = None,
    sources: Sequence[tuple[str, str | None]] = (),
    path: str = "-",
) -> Concept:
    """A concept from command-line values; ``terms`` are (lang, term, status) triples."""
    by_lang: dict[str, list[Term]] = {}
    for lang, text, status in terms:
        if status == "preferred" and any(t.status == "preferred" for t in by_lang.get(lang, ())):
            raise ValueError(
                f"two preferred {lang} terms ({by_lang[lang][0].text!r}, {text!r}); "
                f"give the others a status, e.g. {lang}:{text}:admitted"
            )
        by_lang.setdefault(lang, []).append(Term(text, lang, status))
    return Concept(
        cid,
        {k: tuple(v) for k, v in by_lang.items()},
        domain=domain,
        definition=definition,
        note=note,
        sources=tuple(Source(t, u) for t, u in sources),
        file=path,
    )
