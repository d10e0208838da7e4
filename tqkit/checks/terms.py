"""TQ4xx terminology: the document checked against the multilingual term base.

Every rule reads the same compiled matcher (``Glossary.matcher("en")``, built once per process)
and the same per-document scan, which is cached on the document, so five rules cost one pass.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from tqkit.checks._text import inside_quotes, match_case, sentence_start
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

if TYPE_CHECKING:
    from tqkit.document import Document, Segment
    from tqkit.glossary.matcher import Match
    from tqkit.glossary.model import Concept, Term
    from tqkit.glossary.termbase import Glossary

_SCAN_KEY = "_tqkit_term_scan"


@dataclass
class _Scan:
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


def _glossary(ctx: CheckContext) -> Glossary | None:
    g = ctx.resources.glossary
    return g if g is not None and len(g) else None


def _scan(doc: Document, ctx: CheckContext) -> _Scan | None:
    g = _glossary(ctx)
    if g is None:
        return None
    cached = ctx.cache.get(_SCAN_KEY)
    if isinstance(cached, _Scan) and cached.glossary is g and cached.doc is doc:
        return cached
    lang = (doc.target_lang or "en").split("-")[0]
    scan = _Scan(g, g.matcher(lang).find(doc.view, folded=doc.folded), doc)
    ctx.cache[_SCAN_KEY] = scan
    return scan


def bad_term_spans(doc: Document, ctx: CheckContext) -> list[Span]:
    """Spans of deprecated or forbidden glossary terms in ``doc`` (what TQ401 reports), from
    the scan shared by the TQ4xx rules; other families can skip findings these overlap."""
    scan = _scan(doc, ctx)
    if scan is None:
        return []
    return [Span(m.start, m.end) for m in scan.matches if m.term.is_bad]


def _in_larger_name(text: str, start: int, end: int) -> bool:
    """True when a capitalised word (not sentence-initial) touches the match on either side:
    the match is then probably part of a longer proper name."""
    m = re.search(r"([^\W\d_][\w'’-]*)\s+$", text[max(0, start - 40) : start])
    if m and m.group(1)[:1].isupper() and not sentence_start(text, start - len(m.group(0))):
        return True
    m = re.match(r"\s+([^\W\d_][\w'’-]*)", text[end : end + 40])
    return bool(m and m.group(1)[:1].isupper())


def _surface_with(replacement: str, surface: str, term: Term, text: str, start: int) -> str:
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
        if t.type in ("acronym", "abbreviation") or (
            t.text.isupper() and 2 <= len(t.text) <= 8 and t.text == initials
        ):
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
    """"plural" or "singular" for an English noun phrase by its last word ("Russian
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


@register
class DeprecatedTerm(Rule):
    """Deprecated or forbidden rendering of a glossary concept.

    **What it does.** Flags a term the glossary marks ``deprecated`` (outdated or non-standard) or
    ``forbidden`` (a known wrong rendering, such as a machine-translation calque) and
    suggests the concept's preferred term. An ``admitted`` term that carries a
    ``severity`` in the glossary (e.g. "Nagorno-Karabakh Autonomous Region", admitted but
    imprecise) is reported at that severity as a note.

    **Why it matters.** Conflict copy is judged by its terms: "peacemakers" for peacekeepers or "Bishkek
    Armistice Protocol" for the Bishkek Protocol tells the reader the text was machine
    translated and can change its meaning.

    **Example.** "In 1994 the sides signed the Bishkek Armistice Protocol." becomes "In 1994 the
    sides signed the Bishkek Protocol."

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
        "In 1994 the sides signed the Bishkek Armistice Protocol.",
        "Russian peacemakers were deployed along the Lachin corridor.",
        "Azerbaijan lost control of the seven areas adjacent to it.",
        "In February 1988 the Nagorno-Karabakh Autonomous Region asked to leave the Azerbaijan SSR.",
    )
    quiet = (
        "In 1994 the sides signed the Bishkek Protocol.",
        "Russian peacekeepers were deployed along the Lachin corridor.",
        "Azerbaijan lost control of the seven adjacent districts.",
        "Nagorno-Karabakh, Stepanakert and the ceasefire line were quiet on Tuesday.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        scan = _scan(doc, ctx)
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
                # the replacement as it would be written (_surface_with inflects it to the
                # text's own number where it can); only when its number still differs is
                # another term of the concept looked for
                written = _surface_with(instead, surface, term, text, m.start)
                other, agreement = same_number_suggestion(concept, surface, written, lang)
                if other != written:
                    instead = other
            sev = Severity.parse(term.severity) if term.severity else self.severity
            kind = {"forbidden": "a known wrong rendering", "deprecated": "a deprecated term",
                    "admitted": "admitted but imprecise"}.get(term.status, term.status)
            msg = f"“{surface}” is {kind}"
            if instead:
                msg += f"; use “{instead}”"
            if term.usage:
                msg += f" ({term.usage.rstrip('.')})"
            fixes: list[Fix] = []
            if instead:
                quoted = inside_quotes(text, m.start, m.end)
                proper = term.is_proper or any(ch.isupper() for ch in surface)
                safe = (not quoted and not proper and term.status != "admitted" and not agreement
                        and not _in_larger_name(text, m.start, m.end))
                repl = _surface_with(instead, surface, term, text, m.start)
                title = f"Replace with “{repl}”" + (" and make the verb agree" if agreement else "")
                fixes.append(Fix.replace(Span(m.start, m.end), repl, title, safe=safe))
            yield self.finding(doc, Span(m.start, m.end), msg, fixes, severity=sev,
                               concept=concept.id, status=term.status,
                               preferred=instead or "")


# -- TQ402 -----------------------------------------------------------------------------------


def _letters(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.lower())


def _is_short(term: Term) -> bool:
    return term.type in ("acronym", "abbreviation", "shortForm") or (
        term.text.isupper() and len(term.text) <= 8
    )


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
    name = "inconsistent-term"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.TERM_INCONSISTENT
    fires = (
        "Fighting in Nagorno-Karabakh resumed on Sunday.\n\n"
        "Shelling in Nagorny Karabakh continued overnight.",
        "Armenia declared general mobilization. Azerbaijan announced partial mobilisation too, "
        "and then general mobilisation.",
    )
    quiet = (
        "Fighting in Nagorno-Karabakh resumed on Sunday.\n\n"
        "Shelling in Nagorno-Karabakh continued overnight.",
        "The ceasefire collapsed within hours. Nobody expected the truce to hold.",
        "Nagorno-Karabakh, which Armenians call Artsakh, was quiet.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        scan = _scan(doc, ctx)
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
            safe = not quoted and not _in_larger_name(text, m.start, m.end)
            options = [used.text]
            if pref is not None and pref.text not in options and pref.text != term.text:
                options.append(pref.text)
            fixes = []
            for i, opt in enumerate(options):
                repl = _surface_with(opt, surface, term, text, m.start)
                why = "the form used first" if i == 0 else "the preferred term"
                fixes.append(Fix.replace(Span(m.start, m.end), repl,
                                         f"Replace with “{repl}” ({why})", safe=safe and i == 0))
            yield self.finding(
                doc, Span(m.start, m.end),
                f"“{surface}” and “{used.text}” both name {concept.label}; use one spelling.",
                fixes, concept=concept.id, first=used.text,
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
        scan = _scan(doc, ctx)
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
            yield self.finding(doc, Span(m.start, m.end), msg, concept=concept.id,
                               neutral=neutral or "")


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
    """Wrong capitalisation of a case-sensitive proper term.

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
        scan = _scan(doc, ctx)
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
                doc, Span(m.start, m.end), f"“{surface}” should be capitalised “{fixed}”",
                [Fix.replace(Span(m.start, m.end), fixed, f"Capitalise as “{fixed}”", safe=True)],
                concept=concept.id,
            )


# -- TQ405 -----------------------------------------------------------------------------------


def _align(source: Document, target: Document) -> list[tuple[Segment | None, Segment | None]]:
    from tqkit.errors import InputError

    try:
        from tqkit.align import align_paragraphs
        from tqkit.errors import AlignmentError
    except ImportError:
        return _align_by_order(source, target)
    try:
        pairs: Any = align_paragraphs(source, target)
    except AlignmentError as exc:
        raise InputError(target.path, str(exc)) from None
    return list(pairs)


def _align_by_order(source: Document, target: Document) -> list[tuple[Segment | None, Segment | None]]:
    """Fallback while ``tqkit.align`` lacks ``align_paragraphs``: pair paragraphs by order."""
    from tqkit.errors import InputError

    src, tgt = source.segments, target.segments
    if len(src) != len(tgt):
        raise InputError(target.path, f"cannot align paragraphs: the source {source.path} has "
                         f"{len(src)} and the translation {len(tgt)}")
    return list(zip(src, tgt, strict=True))


@register
class SourceTermMissing(Rule):
    """A source-language glossary term with none of its English renderings in the translation.

    **What it does.** With the original article (``--source``), aligns paragraphs and looks in each source
    paragraph for the source-language terms of every concept, across inflections
    (Bulgarian "Нагорни Карабах" and "Нагорния Карабах", Russian "Нагорного Карабаха":
    one case or article ending is stripped from each word). When the aligned English
    paragraph contains none of the concept's preferred or admitted terms (nor a
    deprecated one, which TQ401 reports), the paragraph is flagged.

    **Why it matters.** A missing term is usually an omission or a paraphrase that lost the conflict's
    established name; the glossary tells the editor what the source said.

    **Example.** Source "Боевете в Нагорни Карабах продължават." with target "Fighting in the
    region continues." is flagged: expected "Nagorno-Karabakh".

    **Fix safety.** No automatic fix: where the term belongs in the sentence is an editor's call.
    """

    code = "TQ405"
    languages = None  # any target language
    name = "source-term-missing"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.TERM_INAPPROPRIATE
    needs_source = True
    fires_with_source = (
        ("Боевете в Нагорни Карабах продължават.", "Fighting in the region continues."),
        ("Бои в Нагорном Карабахе продолжаются.", "Fighting in the mountains continues."),
    )
    quiet_with_source = (
        ("Боевете в Нагорни Карабах продължават.", "Fighting in Nagorno-Karabakh continues."),
        ("Бои в Нагорном Карабахе продолжаются.", "Fighting in Nagorny Karabakh continues."),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        g = _glossary(ctx)
        if g is None:
            return
        from tqkit.glossary.matcher import resolve, source_languages
        from tqkit.text.fold import fold

        pairs = list(_source_pairs(doc, ctx))
        if not pairs:
            return
        declared = ctx.source.source_lang or ctx.source.target_lang if ctx.source else doc.source_lang
        langs = source_languages(" ".join(p[0] for p in pairs), declared,
                                 [lang for lang in g.languages if lang != "en"])
        if not langs:
            return
        matcher = g.matcher("en")
        for src_text, src_id, tgt_seg in pairs:
            # Longest match across languages: Russian "Нагорном Карабахе" wins over the
            # Bulgarian reading of "Карабахе" alone.
            found: dict[str, Match] = {}
            for m in resolve(x for lang in langs for x in g.stem_matcher(lang).find_all(src_text)):
                found.setdefault(m.concept, m)
            if not found:
                continue
            tgt_text = doc.view[tgt_seg.span.start : tgt_seg.span.end]
            hits = matcher.find_all(tgt_text)
            present = {h.concept for h in hits}
            hit_keys = {fold(h.term.text) for h in hits if h.term.is_good}
            missing: list[tuple[str, str, str, list[str]]] = []
            for cid, m in found.items():
                if cid in present:
                    continue
                concept = g.concepts[cid]
                expected = [t.text for t in concept.good_terms("en")]
                if not expected:
                    continue
                if any(_contains_word(fold(e), k) for e in expected for k in hit_keys):
                    continue  # "Karabakh" as a second reference to "Nagorno-Karabakh"
                pref = concept.preferred("en")
                want = pref.text if pref else expected[0]
                others = [t.text for t in concept.good_terms("en")
                          if t.text != want and not t.attribution][:3]
                missing.append((cid, src_text[m.start : m.end], want, others))
            if not missing:
                continue
            # One finding per paragraph (findings are keyed by span), naming every term.
            parts = []
            for _cid, src_word, want, others in missing:
                also = f" (or {', '.join('“' + o + '”' for o in others)})" if others else ""
                parts.append(f"“{src_word}” -> “{want}”{also}")
            noun = "term has" if len(missing) == 1 else "terms have"
            yield self.finding(
                doc, tgt_seg.span,
                f"source {noun} no rendering in this paragraph: {'; '.join(parts)}",
                concept=missing[0][0], concepts=[x[0] for x in missing],
                source_term=missing[0][1], source_segment=src_id,
            )


def _source_pairs(doc: Document, ctx: CheckContext) -> Iterator[tuple[str, str, Segment]]:
    """(source text, source segment id, target segment): paragraphs aligned with ``--source``,
    or the units of a bilingual file (XLIFF, PO) that carry their own source text."""
    source = ctx.source
    if source is not None:
        for src_seg, tgt_seg in _align(source, doc):
            if src_seg is not None and tgt_seg is not None:
                yield source.view[src_seg.span.start : src_seg.span.end], src_seg.id, tgt_seg
        return
    for seg in doc.given_segments:
        if seg.source:
            yield seg.source, seg.id, seg


def _contains_word(haystack: str, needle: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None
