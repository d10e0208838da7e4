"""Fuzzy term search (``find``), concept display (``show``) and statistics (``stats``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from tqkit.glossary.matcher import same_word
from tqkit.glossary.model import STATUSES, Concept, Term
from tqkit.glossary.termbase import Glossary
from tqkit.text.fold import fold


@dataclass(frozen=True)
class Hit:
    score: float
    concept: str
    lang: str
    term: str
    status: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def search(g: Glossary, query: str, *, lang: str | None = None, limit: int = 10, min_score: float = 60.0) -> list[Hit]:
    """Terms closest to ``query`` in any language (rapidfuzz WRatio on folded text; an
    inflected query also meets the stems of Slavic and Turkic terms)."""
    from rapidfuzz import fuzz, process

    choices: list[str] = []
    owners: list[tuple[str, str, str, str]] = []
    for c in g:
        for t in c.all_terms():
            if lang and t.lang != lang:
                continue
            choices.append(fold(t.text))
            owners.append((c.id, t.lang, t.text, t.status))
    if not choices:
        return []
    q = fold(query)
    best: dict[int, float] = {}
    for _choice, score, idx in process.extract(q, choices, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=min_score):
        best[idx] = max(best.get(idx, 0.0), float(score))
    # Inflected queries: compare stems too ("Нагорного Карабаха" ~ "Нагорный Карабах").
    for idx, (_cid, tlang, text, _status) in enumerate(owners):
        if tlang == "en":
            continue
        qw, tw = query.split(), text.split()
        if len(qw) == len(tw) and all(same_word(a, b, tlang) for a, b in zip(qw, tw, strict=True)):
            best[idx] = max(best.get(idx, 0.0), 99.0)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], owners[kv[0]][0], kv[0]))[:limit]
    return [Hit(round(score, 1), *owners[idx]) for idx, score in ranked]


def concept_dict(c: Concept) -> dict[str, Any]:
    return {
        "id": c.id,
        "domain": c.domain,
        "definition": c.definition,
        "note": c.note,
        "review": c.review,
        "file": c.file,
        "line": c.line,
        "sources": [{"title": s.title, "url": s.url} for s in c.sources],
        "terms": {
            lang: [
                {
                    k: v
                    for k, v in {
                        "term": t.text,
                        "status": t.status,
                        "pos": t.pos,
                        "type": t.type,
                        "case_sensitive": t.case_sensitive or None,
                        "attribution": t.attribution or None,
                        "usage": t.usage,
                        "severity": t.severity,
                        "replace_with": t.replace_with,
                        "note": t.note,
                    }.items()
                    if v is not None
                }
                for t in terms
            ]
            for lang, terms in c.terms.items()
        },
    }


def _flags(t: Term) -> list[str]:
    flags = [t.status]
    if t.pos:
        flags.append(t.pos)
    if t.case_sensitive:
        flags.append("case-sensitive")
    if t.attribution:
        flags.append("needs attribution")
    return flags


def describe(c: Concept) -> str:
    lines = [f"{c.id}  ({c.file}:{c.line})" if c.line else c.id]
    for key in ("domain", "definition", "note", "review"):
        value = getattr(c, key)
        if value:
            lines.append(f"  {key}: {value}")
    for lang, terms in c.terms.items():
        lines.append(f"  {lang}:")
        for t in terms:
            lines.append(f"    {t.text}  [{', '.join(_flags(t))}]")
            if t.usage:
                lines.append(f"      usage: {t.usage}")
    if c.sources:
        lines.append("  sources:")
        for s in c.sources:
            lines.append(f"    - {s.title}" + (f" <{s.url}>" if s.url else ""))
    return "\n".join(lines) + "\n"


def statistics(g: Glossary) -> dict[str, Any]:
    langs: dict[str, dict[str, int]] = {}
    terms = 0
    for lang in g.languages:
        row = {"terms": 0, **{s: 0 for s in STATUSES}, "concepts_without_preferred": 0}
        for c in g:
            ts = c.terms_in(lang)
            row["terms"] += len(ts)
            for t in ts:
                row[t.status] += 1
            if not any(t.status == "preferred" for t in ts):
                row["concepts_without_preferred"] += 1
        terms += row["terms"]
        langs[lang] = row
    return {
        "glossaries": [i.id for i in g.infos],
        "concepts": len(g),
        "terms": terms,
        "with_sources": sum(1 for c in g if c.sources),
        "awaiting_review": sum(1 for c in g if c.review),
        "needs_attribution": sum(1 for c in g for t in c.all_terms() if t.attribution),
        "languages": langs,
    }
