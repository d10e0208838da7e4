"""TQ2xx: repetition. Doubled words and tautological repetition of one word root, as machine
translation produces it when a source verb and noun share a root."""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

from tqkit.checks._text import match_case, sentence_start, shown
from tqkit.checks.repetition_roots import root_pairs
from tqkit.checks.repetition_words import (
    ALLOWED_DOUBLES,
    BETWEEN_OK,
    COGNATE_IDIOMS,
    FUNCTION_WORDS,
    GRAMMATICAL_DOUBLES,
    IDIOM_LINKS,
    STOP,
)
from tqkit.document import Document
from tqkit.errors import ProfileError, UnknownLanguage
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.profiles import Profile, base_code, profile_for
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_SPACES_RE = re.compile(r"[ \t]+")
_DOUBLE_HINT_RE = re.compile(r"\b(\w++)\s++\1\b")
# Combining marks belong to the word before them: "might mighţ" (t + U+0327) is two different
# words, and removing "might" must never leave the mark on the kept word.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_DOUBLE_RE = re.compile(
    rf"(?<![\w'’{_MARKS}-])([^\W\d_]+)([ \t]+|[ \t]*(?:\r\n|\r|\n)[ \t]*)(\1)(?![\w'’{_MARKS}-])", re.I
)
_WORD_NEXT_RE = re.compile(r"[ \t]+[a-z]")


@register
class DoubledWord(Rule):
    """The same word twice in a row ("the the").

    **What it does.** Reports a word immediately repeated, separated only by spaces or a line
    break, ignoring case. Grammatical doubles ("that that", "had had") and a few idioms
    ("bye bye", "no no") are allowed; capitalised doubles that are names ("Bora Bora") too.

    **Why it matters.** A doubled word is a slip that spell-checkers miss and readers notice.

    **Example.** "the the talks" becomes "the talks".

    "Her her" before a noun ("gave her her book") is grammatical and never reported.

    **Fix safety.** Deleting the second copy is safe for function words ("the", "of", "a"),
    unsafe for other words, where the doubling may be deliberate emphasis, and for function
    words whose double can be grammatical ("went on on Monday", "yelled at at home").
    """

    code = "TQ201"
    name = "doubled-word"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    # any language with a profile: its grammatical doubles ("die die", "nous nous") and its
    # word list decide; English adds the lists below
    languages = None
    fires = ("Talks resumed in the the capital on Monday.", "He said that\nthat the the deal was off.")
    quiet = (
        "She said that that was final.",
        "They had had enough.",
        "They flew to Bora Bora.",
        "It was a long, long night.",
        "Bye bye, he said.",
        "She gave her her book back.",
        "What it is is a trap.",
        "The verb might mighţ not match.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        profile = ctx.profile
        english = profile is None or profile.code == "en"
        if english:
            allowed, function, grammatical = ALLOWED_DOUBLES, FUNCTION_WORDS, GRAMMATICAL_DOUBLES
            words: AbstractSet[str] | None = None
        elif profile is None or profile.generic:
            return  # no profile: nothing says which doubles are grammatical
        else:
            allowed, function, grammatical = profile.allowed_doubles, profile.function_words, frozenset()
            words = profile.words(3.0)
        for hint in _DOUBLE_HINT_RE.finditer(doc.folded):
            m = _DOUBLE_RE.match(view, hint.start())
            if m is None:
                continue
            first, second = m.group(1), m.group(3)
            low = first.lower()
            if low in allowed or (not english and profile is not None and profile.is_allowed_double(low)):
                continue
            if first[0].isupper() and second[0].isupper() and low not in function:
                continue  # a name such as "Bora Bora" or "Walla Walla"
            if first[0].isupper() and second.islower() and not sentence_start(view, m.start(1)):
                continue  # a name before a word: "Georg and Are are informed"
            if len(first) == 1 and low not in ("a", "i") and low not in (set() if english else function):
                continue  # initials, list letters (but Russian "в в", Bulgarian "с с")
            if low not in function and not (
                ctx.resources.is_common_word(low) if english else (words is not None and low in words)
            ):
                continue  # reduplicated names and loanwords ("ylang ylang", "mahi mahi")
            span = Span(m.start(2), m.end(3))
            gap = m.group(2)
            if doc.text[m.start(2) : m.end(2)] != gap:
                span = Span(m.start(3), m.end(3))  # markup in the gap ("the <b>the</b>"): keep it
            elif "\n" in gap or "\r" in gap:
                # keep the line break: remove the second word and the spaces after it (or, before
                # punctuation, the indentation in front of it)
                trail_m = _SPACES_RE.match(view, m.end(3))
                trail = trail_m.end() - trail_m.start() if trail_m else 0
                if trail:
                    span = Span(m.start(3), m.end(3) + trail)
                else:
                    lead = len(gap) - len(gap.rstrip(" \t"))
                    span = Span(m.start(3) - lead, m.end(3))
            if english and low == "her" and _WORD_NEXT_RE.match(view, m.end(3)):
                continue  # "She gave her her book back."
            safe = low in function and low not in grammatical and english
            fix = Fix(f"Remove the second “{second}”", (Edit(span, ""),), safe=safe)
            yield self.finding(doc, Span(m.start(1), m.end(3)), f"“{first}” is written twice in a row.", [fix])


_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_BREAK_RE = re.compile(r"[.,;:!?()\[\]{}\"“”«»—–…]|\s-{1,2}\s|--")
WINDOW = 3  # the second word at most this many words after the first
# \w-based on purpose: Python's regex engine scans it about three times faster than the
# letter-only classes; the stricter checks run on the few candidates it finds.
# Plain \s+ gaps scan twice as fast as a "one line break at most" group; a candidate that
# spans a blank line (two paragraphs) is dropped afterwards.
# Scanned over the lower-cased text; both words have at least four letters (shorter ones are
# never reported).
# (possessive repeats: giving back a letter or a space never lets these match, and trying it
# was a third of their time)
_CANDIDATE_RE = re.compile(rf"\b([a-z]{{3}})[a-z]++(?:\s++\w++){{0,{WINDOW - 1}}}?\s++\1[a-z]")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\r?\n|\r[ \t]*\r")
# "to", a modal or a pronoun subject right before the first word: it is a verb, and dropping
# it would leave "try to Russian influence".
_VERB_BEFORE_RE = re.compile(r"\b(?:to|will|would|can|could|should|may|might|must|shall|we|they|i|you)\s+$", re.I)
_OF_AFTER_RE = re.compile(r"[ \t]+of(?=[ \t])")
_WORD_TAIL_RE = re.compile(r"[^\W\d_]*(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    result: str = _stemmer().stemWord(word.lower().replace("’", "'").removesuffix("'s"))
    return result


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    # PyStemmer: the Snowball English stemmer in C (the pure-Python snowballstemmer package
    # imports every language's stemmer and costs ~90 ms of start-up)
    import Stemmer

    return Stemmer.Stemmer("english")


_COGNATE_DETERMINERS = frozenset(("a", "an", "my", "your", "his", "her", "its", "our", "their"))


@register
class TautologicalRepetition(Rule):
    """One word root repeated within a few words ("to stop the stopping"); with the profile's
    stemmer in Bulgarian, Russian, Ukrainian, German and French ("контролира контрола", "die
    Kontrolle kontrollieren").

    **What it does.** Reports two content words with the same stem (Snowball English stemmer),
    at most three words apart inside one clause, such as "to control the control", "regulate
    the regulation", "glass reusable glasses", "the organizers organized". Idioms of the form
    "X to X", "X by X", "X after X", "X and X" ("face to face", "step by step", "again and
    again", "more and more"), possessives ("children's children"), idiomatic cognate objects
    ("fight a good fight") and function words are allowed.

    **Why it matters.** Machine translation from Slavic languages often renders a verb and a
    noun of one root with the same English word, so a sentence about stopping or limiting
    something comes out as "to control the control". It reads as nonsense and the real verb
    is lost.

    **Example.** "the ministry wants to control the control of the border": say what is meant,
    e.g. "to tighten checks at the border".

    **Other languages.** Bulgarian, Russian, Ukrainian, German and French copy is checked with
    the language profile's stemmer (Snowball through PyStemmer; simplemma's lemmas for
    Bulgarian and Ukrainian, from the ``langs`` extra) and its ``root_repetition`` data:
    grammatical repeats ("друг друга", "einen Kampf kämpfen"), linking words that make "X link
    X" idiomatic ("ден след ден", "Schritt für Schritt"), words that open a new clause, and how
    far a verb's stem may extend its noun's (German keeps compounds apart). Turkish and
    Azerbaijani repeat roots productively; the rule is off for them.

    **Fix safety.** Unsafe: the editor chooses the word. The one fix offered keeps the first
    word and drops the repeat ("to strengthen the strengthening of the border" becomes "to
    strengthen the border"); after a verb with other words between ("to monitor local
    monitoring") no fix is offered, because the right verb has to be typed. In other languages
    no fix is offered: dropping an inflected word breaks the sentence's grammar.
    """

    code = "TQ202"
    name = "tautological-repetition"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.AWKWARD
    fires = (
        "The mission will try to stop the stopping of the talks.",
        "The new body will monitor the monitoring of elections.",
        "The organizers organized a rally.",
        "They bought glass reusable glasses for the event.",
        "The council decided to decide on the budget later.",
    )
    quiet = (
        "They met face to face and agreed step by step.",
        "Prices rose again and again, more and more every year.",
        "It was a crime after crime, day by day.",
        "These are our children's children.",
        "He fought a good fight.",
        "Residents want to live their lives in peace.",
        "The fighting continued; fighting broke out again later.",
        "Investors bought shares as share prices rose.",
        "Farmers used to use horses.",
        "The report was reported widely.",
    )

    @classmethod
    def runs_for(cls, lang: str) -> bool:
        """English, and every language whose profile has ``root_repetition`` data."""
        code = base_code(lang)
        if code == "en":
            return True
        try:
            profile = profile_for(code)
        except (UnknownLanguage, ProfileError):
            return False
        return profile.roots is not None

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        profile = ctx.profile
        if profile is not None and profile.code != "en":
            yield from self._other_language(doc, profile)
            return
        # One regex pass finds the few places where a word is followed, within three words and
        # with no punctuation between, by a word with the same first three letters; only there
        # are the words stemmed and compared.
        view = doc.view
        for m in _CANDIDATE_RE.finditer(doc.folded):
            tail = _WORD_TAIL_RE.match(view, m.end())
            end = tail.end() if tail else m.end()
            region = view[m.start() : end]
            if _BLANK_LINE_RE.search(region):
                continue
            yield from self._clause(doc, m.start(), region)

    def _other_language(self, doc: Document, profile: Profile) -> Iterator[Finding]:
        view = doc.view
        for pair in root_pairs(view, profile):
            phrase = shown(view[pair.start : pair.end])
            what = (
                f"the word “{pair.first}”"
                if pair.first.lower() == pair.second.lower()
                else f"one root (“{pair.first}”, “{pair.second}”)"
            )
            yield self.finding(
                doc,
                Span(pair.start, pair.end),
                f"“{phrase}” repeats {what}: machine translation often gives two source words of "
                "one root the same word. Say it once, with the intended word.",
                phrase=phrase,
                root=pair.root,
            )

    @staticmethod
    def _ordinary(al: str, bl: str, sa: str, between: list[str]) -> bool:
        """True when two lower-cased words of one stem ``sa`` with ``between`` them are ordinary
        English, not a tautology."""
        if (
            len(between) == 1
            and between[0] in IDIOM_LINKS
            and (al == bl or between[0] != "to" or sa in ("use", "need"))
        ):
            return True  # "face to face", "step by step"; but "decided to decide" is reported
        if any(
            w in FUNCTION_WORDS and w not in BETWEEN_OK and not (w == "to" and al != bl and len(between) == 1)
            for w in between
        ):
            return True  # "shares as share prices": a new clause, not a tautology
        if len(between) == 2 and not any(w in BETWEEN_OK for w in between):
            return True  # "data source includes data": a verb in between
        if any(w.endswith("ly") for w in between) or al.endswith("ly"):
            return True  # adverbs: "actually smells actually"
        if al.endswith(("'s", "’s")):
            return True
        # a cognate object: "live a life", "live their lives", "dream his dream"
        return sa in COGNATE_IDIOMS and any(w in _COGNATE_DETERMINERS for w in between)

    @staticmethod
    def _names(a: str, b: str, inside: bool) -> bool:
        """True when the pair is a name: "Bush bushes", "Alpha Phi Alpha", "the Group 24
        opposition group" (``inside``: the first word does not open a sentence, where any
        word is capitalised)."""
        if a[0].isupper() != b[0].isupper() and ((inside and a[0].isupper()) or b[0].isupper()):
            return True  # a name next to a common word ("Bush bushes")
        # a name repeated ("Alpha Phi Alpha", "Maurya founded the Maurya Empire")
        return b[0].isupper() and (a[0].isupper() or inside)

    def _clause(self, doc: Document, base: int, clause: str) -> Iterator[Finding]:
        words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(clause)]
        n = len(words)
        for i in range(n):
            a_start, a_end, a = words[i]
            al = a.lower()
            if al in STOP or len(al) < 4:
                continue
            for j in range(i + 1, min(n, i + 1 + WINDOW)):
                _b_start, b_end, b = words[j]
                bl = b.lower()
                if bl in STOP or len(bl) < 4:
                    continue
                if al == bl and j == i + 1:
                    continue  # a doubled word: TQ201's job
                if al[:3] != bl[:3]:
                    continue
                sa = stem(al)
                if len(sa) < 4 or sa != stem(bl):
                    continue
                between = [w[2].lower() for w in words[i + 1 : j]]
                inside = not sentence_start(doc.view, base + a_start)
                if self._ordinary(al, bl, sa, between) or self._names(a, b, inside):
                    continue
                span = Span(base + a_start, base + b_end)
                at = base + a_start
                verb_first = bool(_VERB_BEFORE_RE.search(doc.view, max(0, at - 24), at))
                cut_end = base + b_end
                if verb_first:
                    # "to strengthen the strengthening of the border": the verb takes the object
                    # of the noun ("to strengthen the border"), never "to strengthen of the border"
                    of = _OF_AFTER_RE.match(doc.view, cut_end)
                    if of:
                        cut_end = of.end()
                keep_first = Edit(Span(base + a_end, cut_end), "")
                # one strategy everywhere: keep the first word (say it once). After a verb with
                # more than a determiner between ("to monitor local monitoring") neither
                # deletion reads right: the editor must choose a verb, so no fix is offered.
                fixes: list[Fix] = []
                if not verb_first or all(w in BETWEEN_OK for w in between):
                    fixes.append(Fix(f"Keep only the first “{a}”", (keep_first,), safe=False))
                phrase = shown(clause[a_start:b_end])
                root = min(al, bl, key=len)
                what = f"the word “{root}”" if al == bl else f"one root (“{al}”, “{bl}”)"
                yield self.finding(
                    doc,
                    span,
                    f"“{phrase}” repeats {what}: machine translation often gives a verb and a noun "
                    "of one root the same English word. Say it once, with the intended word.",
                    fixes,
                    phrase=match_case(phrase, phrase),
                )
                break


# -- shared data: idiomatic repetitions ------------------------------------------------------


@lru_cache(maxsize=1)
def repetition_idioms() -> tuple[frozenset[str], frozenset[frozenset[str]]]:
    """("X and X" idioms, pairs of words of one root that are idiomatic together) from
    ``glossaries/repetition-idioms.tsv``."""
    from tqkit.datafiles import bundled_table

    phrases: set[str] = set()
    pairs: set[frozenset[str]] = set()
    for phrase, _source in bundled_table("repetition-idioms.tsv", 2, "phrase<TAB>source"):
        if " ~ " in phrase:
            a, _, b = phrase.partition(" ~ ")
            pairs.add(frozenset((a.strip().lower(), b.strip().lower())))
        else:
            phrases.add(" ".join(phrase.lower().split()))
    return frozenset(phrases), frozenset(pairs)


@lru_cache(maxsize=8192)
def word_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from tqkit.lemmacache import lemminflect

    result: dict[str, tuple[str, ...]] = lemminflect("lemmas").getAllLemmas(word)
    return result
