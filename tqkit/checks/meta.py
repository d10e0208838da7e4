"""TQ9xx: tqkit's own housekeeping."""

from __future__ import annotations

from collections.abc import Iterator

from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register, register_post_pass
from tqkit.suppress import Suppression, apply_suppressions, find_suppressions


@register
class UnusedSuppression(Rule):
    """An inline suppression that suppresses nothing.

    **What it does.** Reports ``<!-- tqkit: ignore ... -->`` comments and ``tqkit: off``
    regions under which no finding was silenced.

    **Why it matters.** Stale suppressions hide future problems and clutter the copy.

    **Example.** ``<!-- tqkit: ignore TQ201 -->`` above a paragraph with no doubled word.

    **Fix safety.** Safe: removing the comment changes no prose.
    """

    code = "TQ901"
    languages = None  # any target language
    scope = "document"
    name = "unused-suppression"
    severity = Severity.INFO
    category = Category.OTHER
    fix_availability = FixAvailability.ALWAYS
    fires = ("<!-- tqkit: ignore TQ201 -->\nA clean paragraph.",)
    quiet = ("A paragraph with no suppression comment.",)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        return iter(())  # reported by the post-pass below, once the suppressions are applied


@register_post_pass
def suppressions(doc: Document, findings: list[Finding], ctx: CheckContext) -> list[Finding]:
    """Inline suppressions (``tqkit.suppress``) over every rule's findings; with TQ901 running
    on the document, a finding for each suppression that silenced nothing."""
    found = find_suppressions(doc)
    if not found:
        return findings
    kept = apply_suppressions(findings, found)
    if UnusedSuppression.code in ctx.active:
        kept.extend(unused_suppression_findings(doc, found))
    return kept


def unused_suppression_findings(doc: Document, suppressions: list[Suppression]) -> Iterator[Finding]:
    rule = UnusedSuppression()
    text = doc.text
    for s in suppressions:
        if s.used:
            continue
        start, end = s.comment.start, s.comment.end
        # remove the comment with its own line when it stands alone on one
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end + 1
        if not text[line_start:start].strip() and not text[end:line_end].strip():
            start, end = line_start, line_end
        what = ", ".join(s.codes) if s.codes else "all rules"
        yield rule.finding(
            doc,
            Span(s.comment.start, s.comment.end),
            f"This suppression ({what}) silences nothing here; remove it.",
            [Fix("Remove the unused suppression", (Edit(Span(start, end), ""),), safe=True)],
        )
