"""The matcher side of the TQ4xx terminology rules: the per-document scan of the term base
(cached on the check, so five rules cost one pass) and the helpers that turn a matched term into
a suggestion."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from tqkit.checks._text import match_case, sentence_start
from tqkit.findings import Span
from tqkit.registry import CheckContext

if TYPE_CHECKING:
    from tqkit.document import Document
    from tqkit.glossary.matcher import Match
    from tqkit.glossary.model import Concept, Term
    from tqkit.glossary.termbase import Glossary


@dataclass
class TermScan:
    """The term-base matches of one document, shared by the TQ4xx rules of one check."""

    glossary: Glossary
    matches: list[Match]  # leftmost-longest, document order
    doc: Document

    @cached_property
    def sentences(self) -> list[Span]:
        """Computed only when a rule asks (most documents have no glossary hits)."""
        return list(self.doc.sentences)

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_of(self, start: int) -> Span | None:
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self.sentences[i].start <= start < self.sentences[i].end:
            return self.sentences[i]
        return None


def term_glossary(ctx: CheckContext) -> Glossary | None:
    g = ctx.resources.glossary
    return g if g is not None and len(g) else None


def term_scan(doc: Document, ctx: CheckContext) -> TermScan | None:
    g = term_glossary(ctx)
    if g is None:
        return None
    return ctx.analysis(_scan, doc)


def _scan(doc: Document, ctx: CheckContext) -> TermScan | None:
    g = term_glossary(ctx)
    if g is None:
        return None
    lang = (doc.target_lang or "en").split("-")[0]
    return TermScan(g, g.matcher(lang).find(doc.view, folded=doc.folded), doc)


def bad_term_spans(doc: Document, ctx: CheckContext) -> list[Span]:
    """Spans of deprecated or forbidden glossary terms in ``doc`` (what TQ401 reports), from
    the scan shared by the TQ4xx rules; other families can skip findings these overlap."""
    scan = term_scan(doc, ctx)
    if scan is None:
        return []
    return [Span(m.start, m.end) for m in scan.matches if m.term.is_bad]


def in_larger_name(text: str, start: int, end: int) -> bool:
    """True when a capitalised word (not sentence-initial) touches the match on either side:
    the match is then probably part of a longer proper name."""
    m = re.search(r"([^\W\d_][\w'’-]*)\s+$", text[max(0, start - 40) : start])
    if m and m.group(1)[:1].isupper() and not sentence_start(text, start - len(m.group(0))):
        return True
    m = re.match(r"\s+([^\W\d_][\w'’-]*)", text[end : end + 40])
    return bool(m and m.group(1)[:1].isupper())


def surface_with(replacement: str, surface: str, term: Term, text: str, start: int) -> str:
    """``replacement`` with the surface's plural/possessive ending and sentence capital."""
    base = surface
    tail = ""
    key_len = len(term.text)
    if len(surface) > key_len:
        tail = surface[key_len:]
        base = surface[:key_len]
    if tail and not tail.startswith(("'", "’")) and replacement.lower().endswith(tail.lower()):
        tail = ""
    if replacement[:1].islower() and (base[:1].isupper() and sentence_start(text, start)):
        replacement = match_case(replacement, base[:1])
    return replacement + tail


def _acronym(concept: Concept, lang: str = "en") -> str | None:
    pref = concept.preferred(lang)
    if pref is None:
        return None
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", pref.text)).upper()
    for t in concept.good_terms(lang):
        if t is pref:
            continue
        if t.type in ("acronym", "abbreviation") or (t.text.isupper() and 2 <= len(t.text) <= 8 and t.text == initials):
            return t.text
    return None


def suggestion(concept: Concept, term: Term, lang: str = "en") -> str | None:
    """What to say instead of ``term`` in copy in ``lang``: its ``replace_with``, else the
    preferred term of that language (with the acronym in brackets when a multi-word full form
    replaces a multi-word variant)."""
    if term.replace_with:
        return term.replace_with
    pref = concept.preferred(lang)
    if pref is None or pref.text == term.text:
        return None
    acr = _acronym(concept, lang)
    if acr and " " in term.text and " " in pref.text:
        return f"{pref.text} ({acr})"
    return pref.text


_PREPOSITIONS = frozenset("of to in for on at by with from into over under against about".split())


def _english_number(phrase: str) -> str | None:
    """ "plural" or "singular" for an English noun phrase by its last word ("Russian
    peacekeepers", "peacekeeping contingent"); None when the last word need not be the head
    ("areas adjacent to it") or the phrase is a name in capitals or an acronym."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", phrase)
    if not words or any(w.lower() in _PREPOSITIONS for w in words):
        return None
    last = words[-1]
    if last.isupper() or len(last) < 4:
        return None
    low = last.lower()
    if low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s")):
        return "plural"
    return "singular"


def same_number_suggestion(concept: Concept, surface: str, instead: str, lang: str) -> tuple[str, bool]:
    """``instead``, or a preferred or admitted term of the same grammatical number as the
    text's own term ("Russian peacekeepers" for "Russian peacemakers", not "Russian
    peacekeeping contingent", which would leave "... have arrived" disagreeing). The flag
    says the numbers still differ (the editor must fix the verb)."""
    if lang != "en":
        return instead, False
    want, got = _english_number(surface), _english_number(instead)
    if want is None or got is None or want == got:
        return instead, False
    for t in concept.terms_in(lang):
        if t.status in ("preferred", "admitted") and _english_number(t.text) == want:
            return t.text, False
    return instead, True
