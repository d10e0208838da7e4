"""Glossary lookup for the review (no Textual here): find concepts for a word or phrase, and
describe them line by line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tqkit.findings import Finding
from tqkit.text.fold import fold as _fold

if TYPE_CHECKING:  # the glossary package loads on the first lookup, not with the app
    from tqkit.glossary.model import Concept
    from tqkit.glossary.termbase import Glossary


def lookup(glossary: Glossary | None, query: str, limit: int = 20) -> list[Concept]:
    """Concepts whose terms (any language) or id match ``query``: exact first, then prefix,
    then substring."""
    query = query.strip()
    if glossary is None or not query:
        return []
    q = _fold(query)
    hits: list[tuple[int, str, Concept]] = []
    for concept in glossary:
        best = 0 if q == _fold(concept.id) else 99
        for term in concept.all_terms():
            key = _fold(term.text)
            if key == q:
                best = min(best, 0)
            elif key.startswith(q) or q.startswith(key + " "):
                best = min(best, 1)
            elif q in key or (len(key) > 3 and key in q):
                best = min(best, 2)
        if best < 99:
            hits.append((best, concept.id, concept))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [c for _, _, c in hits[:limit]]


_MARKS = {"preferred": "✓", "admitted": "·", "deprecated": "✗", "forbidden": "✗"}


def describe(concept: Concept, target_lang: str = "en") -> list[tuple[str, str]]:
    """Lines ``(style, text)`` describing a concept: label, definition, terms by language."""
    label, cid = concept.label, concept.id
    lines: list[tuple[str, str]] = [("bold", f"{label}  [{cid}]" if cid and cid != label else label)]
    for attr, value in (("definition", concept.definition), ("note", concept.note)):
        if value:
            lines.append(("muted", f"{attr}: {value}"))
    for lang in sorted(concept.terms, key=lambda lang: (lang != target_lang, lang)):
        parts = [f"{_MARKS.get(t.status, '·')} {t.text} ({t.status})" for t in concept.terms[lang]]
        lines.append(("", f"  {lang}: " + "; ".join(parts)))
    return lines


def load_glossary(glossaries: Sequence[str], target_lang: str) -> tuple[Glossary | None, str | None]:
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
