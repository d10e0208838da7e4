"""TQ203-TQ205: repetition beyond adjacent words. A word joined to itself by "and", one root
twice inside a clause, and one source attributed twice in a sentence. The word lists and the
stemmer they share live in :mod:`tqkit.checks.repetition`."""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Iterator

from tqkit.checks._text import shown
from tqkit.checks.repetition import repetition_idioms, stem, word_lemmas
from tqkit.checks.repetition_words import BETWEEN_OK, FUNCTION_WORDS, STOP
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_WORD_TAIL_RE = re.compile(r"[^\W\d_]*(?:['’-][^\W\d_]+)*")

# -- TQ203: "X and X" ------------------------------------------------------------------------

_ADJ_SUFFIXES = ("less", "ful", "ous", "ive", "al", "ic", "able", "ible", "ent", "ant", "ary", "ory")
_NEXT_WORD_RE = re.compile(r"[ \t]+([a-z]+)\b")
# Led by the conjunction: the word after it is compared with the text right before it.
_AND_RE = re.compile(r"([a-z]{3,})[ \t]+(and|or)[ \t]+\1(?![\w-])")
_CONJ_RES = tuple(re.compile(rf"{c}[ \t]+([a-z]{{3,}})(?![\w-])") for c in ("and", "or"))


@register
class RepeatedWithAnd(Rule):
    """An adjective or singular noun joined to itself by "and"/"or" ("baseless and baseless");
    idioms ("again and again") are allowed.

    **What it does.** Reports a word joined to itself by "and" or "or", when the word is an
    adjective or a singular noun. Idioms (again and again, more and more, over and over, on
    and on, through and through...: the list is data in
    ``glossaries/repetition-idioms.tsv``, with a source per entry), comparatives ("better and
    better"), verb forms ("talked and talked") and plurals ("years and years") are allowed:
    English repeats those for emphasis.

    **Why it matters.** MT renders two different source adjectives (two synonyms) with the
    same English word; the pair reads as a slip and loses what the second word meant.

    **Example.** "the accusations are baseless and baseless" becomes "baseless and
    unfounded" (the editor picks the second word).

    **Fix safety.** Unsafe: the fix drops the second copy; the source may have had two words.
    """

    code = "TQ203"
    name = "repeated-with-and"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.AWKWARD
    fires = (
        "The accusations are baseless and baseless.",
        "It was a peaceful and peaceful protest.",
        "The decision is illegal or illegal.",
    )
    quiet = (
        "Prices rose again and again.",
        "It got better and better.",
        "They talked and talked.",
        "We waited for years and years.",
        "He is British through and through.",
        "More and more people came.",
        "Baseless and unfounded claims.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        folded = doc.folded
        if " and " not in folded and " or " not in folded:
            return
        view = doc.view
        idioms = None
        # both scans merged in order of position (a list of every match held 14 MB on a
        # 1,000,000-word text)
        for c in heapq.merge(*(rx.finditer(folded) for rx in _CONJ_RES), key=re.Match.start):
            word = c.group(1)
            start = c.start() - 1 - len(word)
            if (
                start < 0
                or folded[c.start() - 1] not in " \t"
                or not folded.startswith(word, start)
                or (start > 0 and (folded[start - 1].isalnum() or folded[start - 1] in "-'"))
            ):
                continue
            if word in FUNCTION_WORDS or word in STOP:
                continue
            m = _AND_RE.match(folded, start)
            if m is None:
                continue
            if idioms is None:
                idioms = repetition_idioms()[0]
            if f"{word} {m.group(2)} {word}" in idioms or f"{word} and {word}" in idioms:
                continue
            first, second = view[m.start(1) : m.end(1)], view[m.end() - len(word) : m.end()]
            if first[:1].isupper() or second[:1].isupper():
                continue  # names ("Johnson and Johnson")
            if not self._reportable(word):
                continue
            nxt = _NEXT_WORD_RE.match(view, m.end())
            if nxt and "ADJ" not in word_lemmas(word) and nxt.group(1) not in FUNCTION_WORDS:
                continue  # a noun modifying the next word: "hypothesis and hypothesis testing"
            drop = Span(m.end(1), m.end())
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(view[m.start() : m.end()])}” joins a word to itself: the source probably had "
                "two different words. Keep one, or find the second.",
                [Fix(f"Keep one “{first}”", (Edit(drop, ""),), safe=False)],
            )

    @staticmethod
    def _reportable(word: str) -> bool:
        if word.endswith(("er", "ing", "ed")) and len(word) > 5:
            return False  # comparatives and verb forms repeat for emphasis
        lemmas = word_lemmas(word)
        if not lemmas:
            return False
        if "VERB" in lemmas and not word.endswith(_ADJ_SUFFIXES):
            return False  # "try and try", "he beat and beat"
        nouns = lemmas.get("NOUN", ())
        if nouns and word not in nouns and "ADJ" not in lemmas:
            return False  # a plural: "years and years"
        return "ADJ" in lemmas or "NOUN" in lemmas


# -- TQ204: one root twice in a clause --------------------------------------------------------

ROOT_WINDOW = 7
_ROOT_CANDIDATE_RE = re.compile(rf"([a-z]{{4}})[a-z]+(?:[ \t]+[a-z'-]+){{0,{ROOT_WINDOW - 1}}}?[ \t]+\1[a-z]")
_LONG_WORD_RE = re.compile(r"(?<![a-z])([a-z]{4})[a-z]+")  # five letters or more
_ROOT_REACH = 90  # characters: about seven words
_CLAUSE_BREAK_RE = re.compile(r"[.,;:!?()\[\]{}\"“”«»—–…\n]|\s-\s")
# Words between the two that keep the pair tight: object pronouns, determiners, "and"/"or".
_TIGHT = frozenset(
    {
        "him",
        "her",
        "them",
        "us",
        "me",
        "it",
        "the",
        "a",
        "an",
        "and",
        "or",
        "its",
        "their",
        "his",
        "this",
        "these",
        "those",
        "our",
        "such",
    }
)
_INFLECTION_ENDINGS = ("", "s", "es", "'s", "ed", "d", "ing")


def _inflectional_variants(a: str, b: str) -> str | None:
    """ "noun"/"verb"/"same" when ``a`` and ``b`` differ only by an inflection, else None."""
    short, long_ = sorted((a, b), key=len)
    for base in (short, short[:-1] if short.endswith("e") else short):
        if long_.startswith(base) and long_[len(base) :] in (*_INFLECTION_ENDINGS, "e", "es"):
            tail = long_[len(base) :]
            if tail in ("ed", "d", "ing"):
                return "verb"
            return "noun"
    return None


@register
class RootRepeatedInClause(Rule):
    """One word root twice inside one clause, beyond TQ202's three-word reach ("awarded him an
    award", "a peaceful and constructive peace agenda"). Looser pairs report as info.

    **What it does.** Reports two different words of one root (Snowball English stemmer) at
    most seven words apart with no punctuation between, when they are derived from each other
    ("peaceful" / "peace") or are a verb and a noun of one form ("awarded" / "award").
    Plurals and tenses of one word ("the report ... reports"), function words, names, very
    common words, and pairs listed as idiomatic in ``glossaries/repetition-idioms.tsv`` are
    allowed. Pairs close together (only pronouns, articles or "and" between) are warnings;
    looser ones are style notes (info).

    **Why it matters.** MT translates a source word and its derivative with one English root,
    and the sentence says the same thing twice ("awarded him an award" for "presented him
    with a prize").

    **Example.** "a peaceful and constructive peace agenda" becomes "a constructive peace
    agenda".

    **Fix safety.** No automatic fix: the editor rewrites the phrase.
    """

    code = "TQ204"
    name = "root-repeated-in-clause"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.AWKWARD
    fires = ("They backed a peaceful and constructive peace agenda.", "The president awarded him an award on Monday.")
    quiet = (
        "The report says the reports were late.",
        "He said he would say more.",
        "Peace talks brought a peaceful, if tense, week.",
        "The National Guard and the nation mourned.",
        "The worker went back to work.",
        "The fighting continued.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        folded = doc.folded
        view = doc.view
        pairs: frozenset[frozenset[str]] | None = None
        last_end = -1
        for start in self._candidates(folded):
            m = _ROOT_CANDIDATE_RE.match(folded, start)
            if m is None:
                continue
            tail = _WORD_TAIL_RE.match(folded, m.end())
            end = tail.end() if tail else m.end()
            region = folded[m.start() : end]
            if _CLAUSE_BREAK_RE.search(region) or m.start() < last_end:
                continue
            words = region.split()
            a, b = words[0], words[-1]
            between = words[1:-1]
            if a == b or a in STOP or b in STOP or "'" in a or "'" in b or "-" in a or "-" in b:
                continue
            sa = stem(a)
            if len(sa) < 4 or sa != stem(b):
                continue
            kind = _inflectional_variants(a, b)
            if kind == "noun" or (kind == "verb" and not self._verb_noun(a, b)):
                continue  # "report ... reports", "said ... says"
            if kind is None and len(between) <= 2 and not any(w in FUNCTION_WORDS for w in between):
                continue  # TQ202's reach
            if len(between) <= 2 and kind == "verb" and all(w in BETWEEN_OK for w in between):
                continue  # TQ202's reach
            first = view[m.start() : m.start() + len(a)]
            second = view[end - len(b) : end]
            if not first.islower() or not second.islower():
                continue
            if pairs is None:
                pairs = repetition_idioms()[1]
            if frozenset((a, b)) in pairs or any(w.endswith("ly") for w in (a, b)):
                continue
            tight = all(w in _TIGHT for w in between) and not any(w in ("and", "or") for w in between)
            if not tight and any(w in ("and", "or") for w in between) and sum(w not in _TIGHT for w in between) <= 1:
                # "a peaceful and constructive peace agenda": an adjective coordinated before a
                # noun of its own root; two coordinated nouns ("publications and public
                # conferences") are ordinary English
                lemmas = word_lemmas(a)
                tight = "ADJ" in lemmas and "NOUN" not in lemmas and bool(word_lemmas(b).get("NOUN"))
            span = Span(m.start(), end)
            last_end = end
            yield self.finding(
                doc,
                span,
                f"“{shown(view[span.start : span.end])}” uses one root twice (“{first}”, “{second}”): say it once.",
                severity=Severity.WARNING if tight else Severity.INFO,
            )

    @staticmethod
    def _candidates(folded: str) -> list[int]:
        """Starts of words followed, within about seven words, by a word with the same first
        four letters (:func:`root_pairs`)."""
        return root_pairs(folded)

    @staticmethod
    def _verb_noun(a: str, b: str) -> bool:
        """True when one of the two is a verb form and the other a noun ("awarded", "award")."""
        verb, noun = (a, b) if a.endswith(("ed", "ing")) else (b, a)
        if not verb.endswith(("ed", "ing")) or noun.endswith(("ed", "ing")):
            return False
        return bool(word_lemmas(noun).get("NOUN"))


def root_pairs(folded: str) -> list[int]:
    """Starts of long words followed, within ``_ROOT_REACH`` characters, by the next long word
    with the same first four letters, when that word is another word (the same word again is
    cohesion, not a repeated root); in the order of the second word. One pass that keeps the
    last position of each four-letter prefix (much cheaper than a backreference tried at every
    word); a plain loop over the matches is about twice as fast as listing them a piece at a
    time first."""
    last: dict[str, tuple[int, str]] = {}
    get = last.get
    out: list[int] = []
    reach = _ROOT_REACH
    for m in _LONG_WORD_RE.finditer(folded):
        key = m[1]
        prev = get(key)
        if prev is not None and m.start() - prev[0] <= reach and m[0] != prev[1]:
            out.append(prev[0])
        last[key] = (m.start(), m[0])
    return out


# -- TQ205: repeated attribution ---------------------------------------------------------------

_ATTRIB_RE = re.compile(
    r"\b(?:(he|she|they|it|we|i|[a-z]{3,})[ \t]+(?:said|says|stated|noted|added|told|reported|claimed)"
    r"|(?:said|says|stated|noted|added|told|reported|claimed)[ \t]+(?:the[ \t]+)?(he|she|they|[a-z]{3,})"
    r"|according[ \t]+to[ \t]+(him|her|them|[a-z]{3,}))\b"
)
_ATTRIB_VERB_RES = tuple(
    re.compile(w) for w in ("said", "says", "stated", "noted", "added", "told", "reported", "claimed", "according to")
)
_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’»)]*\s+[\"'“‘«(]?[A-Z]|\n\s*\n")
_PRONOUN_SUBJECT = {"him": "he", "her": "she", "them": "they"}


@register
class RepeatedAttribution(Rule):
    """The same source attributed twice in one sentence (", he said, ... he said", "according
    to X, ... X said").

    **What it does.** Reports a sentence with two attributions ("said", "says", "stated",
    "noted", "added", "told", "according to") to the same subject: the same pronoun or the same
    name.

    **Why it matters.** Slavic news style attributes with "according to him" and MT adds "he
    said" as well; the doubled attribution reads as clumsy.

    **Example.** "According to him, the talks will resume, he said." becomes "The talks will
    resume, he said."

    **Fix safety.** No automatic fix: the editor chooses which attribution to keep.
    """

    code = "TQ205"
    name = "repeated-attribution"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.AWKWARD
    fires = (
        "According to him, the talks will resume soon, he said.",
        "The talks, he said, will resume on Monday, he said.",
        "According to Petrov, the plan failed, Petrov said.",
        "The case was closed last year, the lawyer said, the lawyer said.",
    )
    quiet = (
        "He said the talks would resume. He said more later.",
        "According to him, the talks will resume soon, she said.",
        "He said that she said nothing.",
        "The lawyer said the judge said no.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        folded = doc.folded
        # only where two attribution verbs stand within 300 characters
        at = sorted(m.start() for rx in _ATTRIB_VERB_RES for m in rx.finditer(folded))
        windows: list[tuple[int, int]] = []
        for a, b in itertools.pairwise(at):
            if b - a < 300:
                lo, hi = max(0, a - 40), min(len(folded), b + 40)
                if windows and lo <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], hi)
                else:
                    windows.append((lo, hi))
        view = doc.view
        for lo, hi in windows:
            yield from self._window(doc, folded, view, lo, hi)

    def _window(self, doc: Document, folded: str, view: str, lo: int, hi: int) -> Iterator[Finding]:
        prev: tuple[int, int, str] | None = None
        for m in _ATTRIB_RE.finditer(folded, lo, hi):
            subject = m.group(1) or m.group(2) or m.group(3) or ""
            subject = _PRONOUN_SUBJECT.get(subject, subject)
            if subject in FUNCTION_WORDS and subject not in ("he", "she", "they", "we", "i", "it"):
                continue
            if m.group(1) is not None and m.group(1) not in ("he", "she", "they", "it", "we", "i"):
                # a name ("Petrov said") or a definite noun ("the lawyer said") before the verb
                if (
                    not view[m.start(1) : m.start(1) + 1].isupper()
                    and folded[max(0, m.start(1) - 4) : m.start(1)] != "the "
                ):
                    continue
            elif m.group(2) is not None and m.group(2) not in ("he", "she", "they"):
                if not view[m.start(2) : m.start(2) + 1].isupper() and not m.group(0).endswith("the " + m.group(2)):
                    continue
            elif (
                m.group(3) is not None
                and m.group(3) not in _PRONOUN_SUBJECT
                and not view[m.start(3) : m.start(3) + 1].isupper()
            ):
                continue
            current = (m.start(), m.end(), subject)
            if (
                prev is not None
                and prev[2] == subject
                and m.start() - prev[1] < 300
                and _SENTENCE_END_RE.search(view, prev[1], m.start() + 2) is None
                and not self._reported_speech(folded, prev[1], m.start())
            ):
                span = Span(prev[0], m.end())
                yield self.finding(
                    doc,
                    span,
                    f"“{shown(view[prev[0] : prev[1]])}” and “{shown(view[m.start() : m.end()])}” attribute "
                    "one sentence twice to the same source: keep one attribution.",
                )
                prev = None
                continue
            prev = current

    @staticmethod
    def _reported_speech(folded: str, start: int, end: int) -> bool:
        """True when the second attribution belongs to another clause ("he said that he said")."""
        gap = folded[start:end]
        return gap.lstrip().startswith("that ") or " that he " in gap or (" and " in gap and "," not in gap)
