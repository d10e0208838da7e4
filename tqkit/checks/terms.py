"""TQ4xx terminology: the document checked against the multilingual term base.

Every rule reads the same compiled matcher (``Glossary.matcher("en")``, built once per process)
and the same per-document scan, which is cached on the document, so five rules cost one pass.

The scan and the suggestion helpers are in :mod:`tqkit.checks.terms_scan`; TQ405, which needs
the source, is in :mod:`tqkit.checks.terms_source`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import TYPE_CHECKING

from tqkit.checks._text import inside_quotes
from tqkit.checks.terms_scan import (
    bad_term_spans,
    in_larger_name,
    same_number_suggestion,
    suggestion,
    surface_with,
    term_scan,
)
from tqkit.checks.terms_source import SourceTermMissing
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

if TYPE_CHECKING:
    from tqkit.document import Document
    from tqkit.glossary.model import Term


@register
class DeprecatedTerm(Rule):
    """A deprecated or forbidden rendering of a glossary concept ("Mountainous Karabakh"). A
    term's `severity` in the glossary can change the level.

    **What it does.** Flags a term the glossary marks ``deprecated`` (outdated or non-standard) or
    ``forbidden`` (a known wrong rendering, such as a machine-translation calque) and
    suggests the concept's preferred term. An ``admitted`` term that carries a
    ``severity`` in the glossary (e.g. "Nagorno-Karabakh Autonomous Region", admitted but
    imprecise) is reported at that severity as a note.

    **Why it matters.** Conflict copy is judged by its terms: "peacemakers" for peacekeepers or "Mountainous
    Karabakh" for Nagorno-Karabakh tells the reader the text was machine
    translated and can change its meaning.

    **Example.** "Fighting broke out in Mountainous Karabakh in 1991." becomes "Fighting broke
    out in Nagorno-Karabakh in 1991."

    **Fix safety.** Decided per occurrence. Safe only for a lower-case common term outside quotation
    marks and not part of a longer capitalised name ("peacemakers" -> "peacekeepers").
    Unsafe inside quotations (a quote is what someone said), for proper names and
    capitalised forms, and for notes on admitted terms.
    """

    code = "TQ401"
    languages = None  # any target language
    name = "deprecated-term"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.TERM_INAPPROPRIATE
    fires = (
        "Fighting broke out in Mountainous Karabakh in 1991.",
        "Russian peacemakers were deployed along the Lachin corridor.",
        "Azerbaijan lost control of the seven areas adjacent to it.",
        "In February 1988 the Nagorno-Karabakh Autonomous Region asked to leave the Azerbaijan SSR.",
    )
    quiet = (
        "Fighting broke out in Nagorno-Karabakh in 1991.",
        "Russian peacekeepers were deployed along the Lachin corridor.",
        "Azerbaijan lost control of the seven adjacent districts.",
        "Nagorno-Karabakh, Stepanakert and the ceasefire line were quiet on Tuesday.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        scan = term_scan(doc, ctx)
        if scan is None:
            return
        text = doc.text
        lang = (doc.target_lang or "en").split("-")[0]
        for m in scan.matches:
            term = m.term
            if not (term.is_bad or (term.status == "admitted" and term.severity)):
                continue
            concept = scan.glossary.concepts[m.concept]
            surface = text[m.start : m.end]
            instead = suggestion(concept, term, lang)
            agreement = False
            if instead and not term.replace_with:
                # the replacement as it would be written (surface_with inflects it to the
                # text's own number where it can); only when its number still differs is
                # another term of the concept looked for
                written = surface_with(instead, surface, term, text, m.start)
                other, agreement = same_number_suggestion(concept, surface, written, lang)
                if other != written:
                    instead = other
            sev = Severity.parse(term.severity) if term.severity else self.severity
            kind = {
                "forbidden": "a known wrong rendering",
                "deprecated": "a deprecated term",
                "admitted": "admitted but imprecise",
            }.get(term.status, term.status)
            msg = f"“{surface}” is {kind}"
            if instead:
                msg += f"; use “{instead}”"
            if term.usage:
                msg += f" ({term.usage.rstrip('.')})"
            fixes: list[Fix] = []
            if instead:
                quoted = inside_quotes(text, m.start, m.end)
                proper = term.is_proper or any(ch.isupper() for ch in surface)
                safe = (
                    not quoted
                    and not proper
                    and term.status != "admitted"
                    and not agreement
                    and not in_larger_name(text, m.start, m.end)
                )
                repl = surface_with(instead, surface, term, text, m.start)
                title = f"Replace with “{repl}”" + (" and make the verb agree" if agreement else "")
                fixes.append(Fix.replace(Span(m.start, m.end), repl, title, safe=safe))
            yield self.finding(
                doc,
                Span(m.start, m.end),
                msg,
                fixes,
                severity=sev,
                concept=concept.id,
                status=term.status,
                preferred=instead or "",
            )


# -- TQ402 -----------------------------------------------------------------------------------


def _letters(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.lower())


def _is_short(term: Term) -> bool:
    return term.type in ("acronym", "abbreviation", "shortForm") or (term.text.isupper() and len(term.text) <= 8)


@lru_cache(maxsize=4096)
def spelling_variants(a: str, b: str) -> bool:
    """True when two terms are spellings of one name ("Nagorno-Karabakh" / "Nagorny
    Karabakh", "mobilization" / "mobilisation"), not synonyms ("ceasefire" / "truce") and not
    a short form of the other ("Minsk Group" / "OSCE Minsk Group")."""
    from rapidfuzz import fuzz

    la, lb = _letters(a), _letters(b)
    if la == lb:
        return True
    if la in lb or lb in la:
        return False
    return fuzz.ratio(la, lb) >= 75


@register
class InconsistentTerm(Rule):
    """Two spellings of one concept in one document.

    **What it does.** Finds concepts written in two different admitted or preferred spellings in the same
    document ("Nagorno-Karabakh" and later "Nagorny Karabakh", "mobilization" and
    "mobilisation") and suggests the first form used, or the preferred one. Synonyms
    ("ceasefire" and "truce"), short forms ("Minsk Group" after "OSCE Minsk Group"),
    acronyms and terms that need attribution are not variants; neither is a second
    spelling in the same sentence as the first ("Kalbajar (Kelbajar)").

    **Why it matters.** Readers take two spellings for two places or two things; house style asks for one.

    **Example.** "Fighting in Nagorno-Karabakh resumed. Shelling in Nagorny Karabakh continued."
    flags the second spelling and offers "Nagorno-Karabakh".

    **Fix safety.** Safe outside quotation marks and outside longer capitalised names; unsafe inside
    them. The first fix is the form used first; the second, when different, the
    preferred term.
    """

    code = "TQ402"
    languages = None  # any target language
    scope = "document"
    name = "inconsistent-term"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.TERM_INCONSISTENT
    fires = (
        "Fighting in Nagorno-Karabakh resumed on Sunday.\n\nShelling in Nagorny Karabakh continued overnight.",
        "Armenia declared general mobilization. Azerbaijan announced partial mobilisation too, "
        "and then general mobilisation.",
    )
    quiet = (
        "Fighting in Nagorno-Karabakh resumed on Sunday.\n\nShelling in Nagorno-Karabakh continued overnight.",
        "The ceasefire collapsed within hours. Nobody expected the truce to hold.",
        "Nagorno-Karabakh, which Armenians call Artsakh, was quiet.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        scan = term_scan(doc, ctx)
        if scan is None:
            return
        text = doc.text
        first: dict[str, tuple[Term, Span | None]] = {}
        for m in scan.matches:
            term = m.term
            if not term.is_good or term.attribution or _is_short(term):
                continue
            if m.concept not in first:
                first[m.concept] = (term, scan.sentence_of(m.start))
                continue
            used, sent = first[m.concept]
            if term.text == used.text or not spelling_variants(term.text, used.text):
                continue
            here = scan.sentence_of(m.start)
            if here is not None and here == sent:
                continue  # "Kalbajar (Kelbajar)": deliberate apposition
            concept = scan.glossary.concepts[m.concept]
            pref = concept.preferred("en")
            surface = text[m.start : m.end]
            quoted = inside_quotes(text, m.start, m.end)
            safe = not quoted and not in_larger_name(text, m.start, m.end)
            options = [used.text]
            if pref is not None and pref.text not in options and pref.text != term.text:
                options.append(pref.text)
            fixes = []
            for i, opt in enumerate(options):
                repl = surface_with(opt, surface, term, text, m.start)
                why = "the form used first" if i == 0 else "the preferred term"
                fixes.append(
                    Fix.replace(Span(m.start, m.end), repl, f"Replace with “{repl}” ({why})", safe=safe and i == 0)
                )
            yield self.finding(
                doc,
                Span(m.start, m.end),
                f"“{surface}” and “{used.text}” both name {concept.label}; use one spelling.",
                fixes,
                concept=concept.id,
                first=used.text,
            )


# -- TQ403 -----------------------------------------------------------------------------------

_ATTRIBUTION_RE = re.compile(
    r"\b(?:call(?:s|ed|ing)?|known\s+as|so[- ]called|self[- ](?:proclaimed|styled|declared)|"
    r"(?:armenian|azerbaijani|azeri|russian|turkish)\s+names?|names?\s+(?:for|of)|named|"
    r"refer(?:s|red)?\s+to|term(?:s|ed)?|dubbed|according\s+to|"
    r"sa(?:id|ys|y)|claim(?:s|ed)?|accus(?:e|es|ed|ing)|alleg(?:e|es|ed|ing|ation|ations)|"
    r"describ(?:e|es|ed|ing)|denounc(?:e|es|ed)|condemn(?:s|ed)?|insist(?:s|ed)?|"
    r"tells?|told|what\s+(?:armenia|azerbaijan|baku|yerevan|armenians|azerbaijanis)\s+calls?)\b",
    re.IGNORECASE,
)


@register
class UnattributedTerm(Rule):
    """A term that needs attribution, used in the narrative voice.

    **What it does.** Notes a term the glossary marks ``attribution: true``: one side's name or framing
    ("Artsakh", "occupied territories", "Khankendi") used in a sentence without a cue
    that attributes it: "which Armenians call", "known as", "so-called", "the
    self-proclaimed", "Armenian name", a reporting verb ("said", "accused") or quotation
    marks around it.

    **Why it matters.** Neutral copy names contested places and events in the wire-standard form and
    attributes each side's own terms; an unattributed "Artsakh" reads as taking sides.

    **Example.** "Artsakh authorities ordered an evacuation." is noted; "Nagorno-Karabakh, which
    Armenians call Artsakh, ..." is not.

    **Fix safety.** No automatic fix: how to attribute is an editor's choice. The note names the
    neutral term.
    """

    code = "TQ403"
    languages = None  # any target language
    name = "unattributed-term"
    fix_availability = FixAvailability.NONE
    severity = Severity.INFO
    category = Category.TERM_INAPPROPRIATE
    fires = (
        "Artsakh authorities ordered an evacuation of the capital.",
        "The army shelled the occupied territories overnight.",
    )
    quiet = (
        "Nagorno-Karabakh, which Armenians call Artsakh, was quiet on Monday.",
        "Baku said its forces had taken back the “occupied territories”.",
        "Stepanakert residents queued for bread.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        scan = term_scan(doc, ctx)
        if scan is None:
            return
        text = doc.text
        for m in scan.matches:
            term = m.term
            if not term.attribution:
                continue
            sent = scan.sentence_of(m.start) or Span(max(0, m.start - 200), min(len(text), m.end + 200))
            sentence = text[sent.start : sent.end]
            if _ATTRIBUTION_RE.search(sentence) or inside_quotes(text, m.start, m.end):
                continue
            if _quoted_here(text, m.start, m.end):
                continue
            concept = scan.glossary.concepts[m.concept]
            pref = concept.preferred("en")
            neutral = pref.text if pref is not None and pref.text != term.text else None
            surface = text[m.start : m.end]
            msg = f"“{surface}” needs attribution in neutral copy"
            if neutral:
                msg += f" (neutral term: “{neutral}”"
                msg += f"; {term.usage.rstrip('.')})" if term.usage else ")"
            elif term.usage:
                msg += f" ({term.usage.rstrip('.')})"
            yield self.finding(doc, Span(m.start, m.end), msg, concept=concept.id, neutral=neutral or "")


def _quoted_here(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    return bool(before) and before in "\"“‘'«" and bool(after) and after in "\"”’'»"


# -- TQ404 -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _common_words() -> AbstractSet[str]:
    """Frequent English words (zipf >= 4): a lower-case term made only of them ("basic
    principles", "black january") is probably ordinary prose, not a miswritten name."""
    try:
        from tqkit.datafiles import load_wordlist

        return load_wordlist("en", min_zipf=4.0)
    except Exception:  # the word list is optional for this rule
        return frozenset()


def _missing_capitals(surface: str, term: str) -> bool:
    if len(surface) < len(term):
        return False
    return any(t.isupper() and s.islower() for s, t in zip(surface, term, strict=False))


@register
class TermCapitalisation(Rule):
    """Wrong capitalisation of a case-sensitive proper term ("minsk group").

    **What it does.** Flags a glossary term marked ``case_sensitive`` written with capitals missing
    ("minsk group", "Bishkek protocol") and offers the glossary's form. Extra capitals
    (headline case, ALL CAPS) are left alone, and so is a lower-case form made only of
    common English words ("basic principles").

    **Why it matters.** "the minsk group" or "nagorno-karabakh" looks careless and, for names that are
    also common words, can change the meaning.

    **Example.** "The minsk group met in Vienna." becomes "The Minsk Group met in Vienna."

    **Fix safety.** Safe: only the case of the letters changes.
    """

    code = "TQ404"
    languages = None  # any target language
    name = "term-capitalisation"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.TERM_INAPPROPRIATE
    fires = (
        "The minsk group met in Vienna.",
        "Both sides accepted the Bishkek protocol in May 1994.",
    )
    quiet = (
        "The Minsk Group met in Vienna.",
        "THE MINSK GROUP MET IN VIENNA",
        "Journalists discussed the basic principles of fair reporting.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        scan = term_scan(doc, ctx)
        if scan is None:
            return
        text = doc.text
        common = None
        for m in scan.matches:
            term = m.term
            if not term.case_sensitive or term.is_bad:
                continue
            surface = text[m.start : m.end]
            base = surface[: len(term.text)]
            if base == term.text or not _missing_capitals(base, term.text):
                continue
            if base.isupper():
                continue
            if base.islower():
                if common is None:
                    common = _common_words()
                words = re.findall(r"[^\W\d_]+", base)
                if words and all(w in common for w in words):
                    continue
            fixed = term.text + surface[len(term.text) :]
            concept = scan.glossary.concepts[m.concept]
            yield self.finding(
                doc,
                Span(m.start, m.end),
                f"“{surface}” should be capitalised “{fixed}”",
                [Fix.replace(Span(m.start, m.end), fixed, f"Capitalise as “{fixed}”", safe=True)],
                concept=concept.id,
            )


__all__ = [
    "DeprecatedTerm",
    "InconsistentTerm",
    "SourceTermMissing",
    "TermCapitalisation",
    "UnattributedTerm",
    "bad_term_spans",
    "same_number_suggestion",
    "spelling_variants",
    "suggestion",
]
