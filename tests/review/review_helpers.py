"""A fixed checker for the review tests (snapshots must not change when the real rules do)."""

from __future__ import annotations

import re

from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity, Span

_DOUBLED = re.compile(r"\b(\w+) (\1)\b", re.I)


def fixed_checker(doc: Document, source: Document | None) -> list[Finding]:
    """Deterministic findings: doubled words, "theirs own", and "Batkovs" with three fixes."""
    text = doc.text
    out: list[Finding] = []
    for m in _DOUBLED.finditer(text):
        out.append(
            Finding(
                "TQ201",
                "doubled-word",
                Span(m.start(), m.end()),
                Severity.WARNING,
                Category.GRAMMAR,
                f"“{m.group(1)}” is written twice in a row.",
                (Fix.replace(Span(m.start(2) - 1, m.end(2)), "", f"Remove the second “{m.group(2)}”", safe=True),),
                doc.path,
            )
        )
    for m in re.finditer(r"\btheirs own\b", text):
        out.append(
            Finding(
                "TQ303",
                "possessive-error",
                Span(m.start(), m.end()),
                Severity.WARNING,
                Category.GRAMMAR,
                "“theirs own” is not English: the possessive before “own” is “their own”.",
                (Fix.replace(Span(m.start(), m.start() + 6), "their", "Replace with “their own”", safe=True),),
                doc.path,
            )
        )
    for m in re.finditer(r"\bBatkovs\b", text):
        span = Span(m.start(), m.end())
        out.append(
            Finding(
                "TQ102",
                "transliterated-word",
                span,
                Severity.ERROR,
                Category.UNTRANSLATED,
                "“Batkovs” is a transliteration of “батковци”, not an English word: translate it.",
                tuple(Fix.replace(span, w, f"Translate as “{w}”") for w in ("big shots", "heavies", "tough guys")),
                doc.path,
            )
        )
    for m in re.finditer(r"\bstrategic heights\b", text):
        out.append(
            Finding(
                "TQ301",
                "known-bad-rendering",
                Span(m.start(), m.end()),
                Severity.INFO,
                Category.MISTRANSLATION,
                "“strategic heights” is a known bad rendering.",
                (Fix.replace(Span(m.start(), m.end()), "high ground"),),
                doc.path,
            )
        )
    return out
