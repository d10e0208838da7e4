"""TQ301: known bad renderings (calques, false friends, news formulas, officialese), driven by
the rule packs in ``glossaries/packs/`` (format: ``glossaries/packs/FORMAT.md``; engine:
:mod:`tqkit.packs`). The rule holds no phrases of its own: it reports what the packs' entries
match, with the entry's message, severity, reference and suggestions.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import replace

from tqkit.checks._text import inside_quotes, match_case, shown, single_quoted
from tqkit.document import Document, merge_spans
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, get_rule, register
from tqkit.text.fold import fold


def source_lookup(doc: Document, ctx: CheckContext) -> Callable[[int], str | None] | None:
    """``offset -> folded aligned source text``: the ``--source`` article, else the source of the
    inline segment (XLIFF, PO) holding the offset; ``None`` when there is no source."""
    if ctx.source is not None:
        whole = fold(ctx.source.text)
        return lambda _offset: whole
    segs = [s for s in doc.given_segments if s.source]
    if not segs:
        return None

    def at(offset: int) -> str | None:
        for s in segs:
            if s.span.start <= offset < s.span.end:
                return fold(s.source or "")
        return None

    return at


@register
class KnownBadRendering(Rule):
    """A known bad rendering from the source language: calque, false friend, news formula,
    officialese ("the Azerbaijani side"), from the rule packs. Each entry sets its severity
    (ambiguous ones are info).

    **What it does.** Matches the entries of the rule packs in ``glossaries/packs/`` (token
    patterns with inflection, gaps and exceptions; ``tqkit rules`` lists the packs, ``tqkit rule
    ENTRY-ID`` shows an entry) and suggests the established English. Entries that are normal
    English in other senses (``context: source``) are reported only when the ``--source`` text
    contains the source word; mild ones are info-level hints. A pack applies to copy in its
    ``target_lang`` (English unless it says otherwise).

    **Why it matters.** "peaceful residents" (for civilians), "in the frames of" (for within),
    "peacemakers" (for peacekeepers): each is a word-for-word rendering that an English reader
    stumbles on or misreads.

    **Example.** "Shelling killed three peaceful residents" becomes "Shelling killed three
    civilians".

    A warning becomes an info note when the phrase stands alone in quotation marks (a “critical
    infrastructure object”): the writer is quoting an official's wording on purpose. It also
    becomes one inside a longer quotation when the article has fewer than
    ``QUOTED_ALONE_BELOW`` such warnings outside quotations: edited copy quotes translated
    statements verbatim, and an editor does not rewrite a quotation; machine-translated copy
    shows the same renderings in its own sentences too.

    **Fix safety.** As the entry says (``safe:``); unsafe by default, since the best wording
    depends on the sentence. Inside quotations the fix is always unsafe.
    """

    code = "TQ301"
    name = "known-bad-rendering"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.MISTRANSLATION
    # any language a pack is written for (a pack's `target_lang`; English for most)
    languages = None
    fires = (
        "Shelling killed three peaceful residents of the village.",
        "The talks were held in the frames of the OSCE process.",
        "Russian peacemakers entered the region.",
    )
    quiet = (
        "Shelling killed three civilians in the village.",
        "The talks were held within the OSCE process.",
        "Russian peacekeepers entered the region.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        from tqkit.packs import render

        packs = ctx.resources.packs
        view = doc.view
        # A term-base entry is more specific than a general calque: where TQ401 reports a
        # deprecated glossary term, this rule stays quiet.
        glossary_spans: list[Span] = []
        if "TQ401" in ctx.selected:
            from tqkit.checks.terms_scan import bad_term_spans

            glossary_spans = bad_term_spans(doc, ctx)
        # sorted and merged once, looked up by bisection (a scan per match is quadratic)
        glossary_spans = merge_spans(glossary_spans)
        glossary_ends = [g.end for g in glossary_spans]
        selected = ctx.selected
        accept = None if not selected or packs.rules <= selected else (lambda e: e.rule in selected)
        # the document's tokens when another rule has made them; else the matcher tokenises only
        # around its candidates
        tokens = doc.__dict__.get("tokens")
        lang = doc.target_lang.strip().lower().replace("_", "-").split("-")[0] or "en"
        found_all: list[tuple[Finding, bool]] = []
        for m in packs.find(view, doc.folded, source_lookup(doc, ctx), accept, tokens, lang):
            entry = m.entry
            span = Span(m.start, m.end)
            k = bisect.bisect_right(glossary_ends, span.start)
            if k < len(glossary_spans) and glossary_spans[k].start < span.end:
                continue
            found = shown(view[m.start : m.end])
            term_quoted = single_quoted(view, span.start, span.end)
            quoted = term_quoted or inside_quotes(view, span.start, span.end)
            fixes = []
            for s in dict.fromkeys(render(m, view)):
                text = match_case(s, found)
                fixes.append(Fix.replace(span, text, f"Replace with “{text}”", safe=entry.safe and not quoted))
            message = entry.message.replace("$0", found)
            severity = entry.severity
            if quoted and severity > Severity.INFO and (term_quoted or scare_quoted(view, span)):
                severity = Severity.INFO
                message += " (Quoted as a term: attribute it or paraphrase.)"
            finding = self.finding(
                doc,
                span,
                message,
                fixes,
                severity=severity,
                category=entry.finding_category,
                entry=entry.id,
                calque=entry.id,
                pack=entry.pack,
                reference=entry.reference,
            )
            if entry.rule != self.code:
                other = get_rule(entry.rule)
                finding = replace(finding, rule=other.code, name=other.name)
            found_all.append((finding, quoted))
        yield from _quoted_alone_as_info(found_all)


# Fewer warnings than this outside quotations: the article reads as edited English, and a
# rendering inside a quotation is the speaker's translated wording, quoted verbatim.
QUOTED_ALONE_BELOW = 2


def _quoted_alone_as_info(found: list[tuple[Finding, bool]]) -> Iterator[Finding]:
    outside = sum(1 for f, quoted in found if not quoted and f.severity > Severity.INFO)
    for finding, quoted in found:
        if quoted and outside < QUOTED_ALONE_BELOW and finding.severity > Severity.INFO:
            finding = replace(
                finding,
                severity=Severity.INFO,
                message=finding.message
                + " (Inside a quotation in otherwise edited copy: check the quoted translation.)",
            )
        yield finding


_OPENING_QUOTES = '“"«‘'
_CLOSING_QUOTES = '”"»’'


def scare_quoted(view: str, span: Span, slack: int = 24) -> bool:
    """The phrase stands alone between quotation marks, give or take two words (a “critical
    infrastructure object”), as a writer quotes a term rather than a sentence."""
    left = view[max(0, span.start - slack) : span.start]
    right = view[span.end : span.end + slack]
    i = max(left.rfind(q) for q in _OPENING_QUOTES)
    j = min((k for k in (right.find(q) for q in _CLOSING_QUOTES) if k >= 0), default=-1)
    if i < 0 or j < 0:
        return False
    outside = left[i + 1 :] + " " + right[:j]
    return len(outside.split()) <= 2 and not any(c in outside for c in ".!?;:")
