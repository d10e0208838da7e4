"""Glossary lookup for the review (no Textual here): find concepts for a word or phrase, and
describe them line by line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tqkit.findings import Finding
from tqkit.text.fold import fold as _fold


def lookup(glossary: Any, query: str, limit: int = 20) -> list[Any]:
    """Concepts whose terms (any language) match ``query``: exact first, then prefix, then
    substring. Uses the glossary's own ``find``/``search`` when it has one."""
    query = query.strip()
    if glossary is None or not query:
        return []
    for name in ("find", "search", "lookup"):
        method = getattr(glossary, name, None)
        if callable(method):
            try:
                found = method(query)
            except TypeError:
                continue
            if found is None:
                return []
            items = list(found) if isinstance(found, Iterable) else [found]
            return [_concept_of(x) for x in items][:limit]
    q = _fold(query)
    hits: list[tuple[int, str, Any]] = []
    for concept in glossary:
        best = 99
        for term in concept.all_terms():
            key = _fold(term.text)
            if key == q:
                best = min(best, 0)
            elif key.startswith(q) or q.startswith(key + " "):
                best = min(best, 1)
            elif q in key or (len(key) > 3 and key in q):
                best = min(best, 2)
        if q == _fold(str(getattr(concept, "id", ""))):
            best = 0
        if best < 99:
            hits.append((best, str(getattr(concept, "id", "")), concept))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [c for _, _, c in hits[:limit]]


def _concept_of(item: Any) -> Any:
    """``find`` may return concepts, or (concept, term) pairs, or matches with ``.concept``."""
    if isinstance(item, tuple) and item:
        return item[0]
    return getattr(item, "concept", item)


def describe(concept: Any, target_lang: str = "en") -> list[tuple[str, str]]:
    """Lines ``(style, text)`` describing a concept: label, definition, terms by language."""
    lines: list[tuple[str, str]] = []
    label = getattr(concept, "label", None) or getattr(concept, "id", str(concept))
    cid = getattr(concept, "id", "")
    lines.append(("bold", f"{label}  [{cid}]" if cid and cid != label else str(label)))
    for attr in ("definition", "note"):
        value = getattr(concept, attr, None)
        if value:
            lines.append(("muted", f"{attr}: {value}"))
    terms = getattr(concept, "terms", {}) or {}
    langs = sorted(terms, key=lambda lang: (lang != target_lang, lang))
    for lang in langs:
        parts = []
        for t in terms[lang]:
            status = getattr(t, "status", "")
            mark = {"preferred": "✓", "admitted": "·", "deprecated": "✗", "forbidden": "✗"}.get(status, "·")
            parts.append(f"{mark} {t.text} ({status})")
        lines.append(("", f"  {lang}: " + "; ".join(parts)))
    return lines


def load_glossary(glossaries: Sequence[str], target_lang: str) -> tuple[Any, str | None]:
    """The merged glossary the checks use, or ``(None, reason)`` when there is none."""
    try:
        from tqkit.resources import Resources  # loads the glossaries on first lookup only

        glossary = Resources(glossaries or None, target_lang).glossary
    except Exception as exc:
        return None, f"The glossary cannot be loaded: {exc}"
    if glossary is None:
        return None, "No glossary is available in this installation."
    return glossary, None


def concept_of(finding: Finding) -> str | None:
    """The glossary concept a finding names (a term rule's ``concept``/``concept_id``)."""
    concept = None
    for key in ("concept", "concept_id"):
        value = finding.data.get(key)
        if isinstance(value, str):
            concept = value
    return concept
