"""TQ2xx: repetition. Doubled words and tautological repetition of one word root, as machine
translation produces it when a source verb and noun share a root."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

from tqkit.checks._text import match_case, sentence_start, shown
from tqkit.chunks import space_chunks
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# Doubles that are grammatical ("that that", "had had") or idiomatic.
ALLOWED_DOUBLES = frozenset({
    "that", "had", "bye", "no", "ha", "haha", "so", "knock", "chop", "tut", "boo", "yada", "na",
    "tsk", "cha", "ma", "pa", "la", "dum", "bla", "blah", "yeah", "hush", "night", "tom", "pom",
    "wah", "ho", "hee", "uh", "oh", "ooh", "mm", "hmm", "ah", "aha", "go", "lo", "is", "do",
})
FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "my", "me", "him", "them", "us", "not", "no", "will", "would", "can", "could", "should", "may", "might", "must", "shall", "do", "does", "did", "have", "has", "had", "if", "then", "than", "so", "there", "here", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "all", "any", "some", "each", "every", "very", "too", "also", "just", "only", "about", "over", "under", "into", "onto", "upon", "out", "up", "down", "off", "again", "because", "although", "though", "since", "unless", "until", "while", "whereas", "namely", "whether", "after", "before", "during", "without", "within", "between", "among", "against", "toward", "towards", "through", "across"]
)

_SPACES_RE = re.compile(r"[ \t]+")
_DOUBLE_HINT_RE = re.compile(r"\b(\w+)\s+\1\b")
# Combining marks belong to the word before them: "might mighţ" (t + U+0327) is two different
# words, and removing "might" must never leave the mark on the kept word.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_DOUBLE_RE = re.compile(
    rf"(?<![\w'’{_MARKS}-])([^\W\d_]+)([ \t]+|[ \t]*(?:\r\n|\r|\n)[ \t]*)(\1)(?![\w'’{_MARKS}-])", re.I
)
# Function words whose double can be grammatical: "gave her her book" (object + possessive),
# "went on on Monday", "yelled at at home" (particle + preposition). Never a safe fix; "her her"
# before a word is not reported at all.
GRAMMATICAL_DOUBLES = frozenset({
    "her", "on", "in", "at", "up", "out", "off", "over", "by", "down", "about", "through",
    "round", "around", "to", "you", "it", "what", "which", "who", "this", "there",
})
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
    quiet = ("She said that that was final.", "They had had enough.", "They flew to Bora Bora.",
             "It was a long, long night.", "Bye bye, he said.", "She gave her her book back.",
             "What it is is a trap.", "The verb might mighţ not match.")

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
            yield self.finding(doc, Span(m.start(1), m.end(3)),
                               f"“{first}” is written twice in a row.", [fix])


# Idiomatic "X prep X" and cognate-object expressions, and grammatical repeats.
LINKING_WORDS = frozenset({
    "to", "by", "after", "and", "in", "for", "upon", "on", "over", "or", "against", "versus",
    "vs", "nor", "from", "into", "than", "beyond", "within", "the", "a", "an", "of", "with",
})
# Linking words that make "X link X" idiomatic; "the"/"a"/"of"/"with" make it suspicious.
IDIOM_LINKS = frozenset({
    "to", "by", "after", "and", "in", "for", "upon", "on", "over", "or", "against", "versus",
    "vs", "nor", "from", "into", "than", "beyond", "within", "at",
})
# Cognate objects that are idiomatic English ("fight a good fight", "dream a dream").
COGNATE_IDIOMS = frozenset({"fight", "dream", "danc", "smile", "laugh", "sigh", "run", "race",
                            "play", "live", "die", "sing", "walk", "talk", "tell", "work"})
STOP = FUNCTION_WORDS | frozenset(
    ["said", "say", "says", "one", "two", "three", "new", "first", "last", "year", "years", "time", "times", "people", "way", "day", "days", "week", "weeks", "month", "months", "state", "states", "mr", "mrs", "ms", "dr", "well", "even", "still", "back", "more", "most", "less", "other", "others", "such", "own", "same", "like", "much", "many", "make", "made", "get", "got", "go", "going", "take", "something", "nothing", "anything", "everything", "someone", "anyone", "everyone"]
)
# Words that may stand between the two repeats: determiners and "with" ("warned with a warning").
BETWEEN_OK = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "these",
                        "those", "our", "my", "your", "with", "such"})
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_BREAK_RE = re.compile(r"[.,;:!?()\[\]{}\"“”«»—–…]|\s-{1,2}\s|--")
WINDOW = 3  # the second word at most this many words after the first
# \w-based on purpose: Python's regex engine scans it about three times faster than the
# letter-only classes; the stricter checks run on the few candidates it finds.
# Plain \s+ gaps scan twice as fast as a "one line break at most" group; a candidate that
# spans a blank line (two paragraphs) is dropped afterwards.
# Scanned over the lower-cased text; both words have at least four letters (shorter ones are
# never reported).
_CANDIDATE_RE = re.compile(rf"\b([a-z]{{3}})[a-z]+(?:\s+\w+){{0,{WINDOW - 1}}}?\s+\1[a-z]")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\r?\n|\r[ \t]*\r")
# "to", a modal or a pronoun subject right before the first word: it is a verb, and dropping
# it would leave "try to Russian influence".
_VERB_BEFORE_RE = re.compile(
    r"\b(?:to|will|would|can|could|should|may|might|must|shall|we|they|i|you)\s+$", re.I
)
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


@register
class TautologicalRepetition(Rule):
    """One word root repeated within a few words ("to control the control").

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

    **Fix safety.** Unsafe: the editor chooses the word. The one fix offered keeps the first
    word and drops the repeat ("to strengthen the strengthening of the border" becomes "to
    strengthen the border"); after a verb with other words between ("to influence Russian
    influence") no fix is offered, because the right verb has to be typed.
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
        "The fighting continued; fighting broke out again later.",
        "Investors bought shares as share prices rose.",
        "Farmers used to use horses.",
        "The report was reported widely.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
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
                if len(between) == 1 and between[0] in IDIOM_LINKS and (
                    al == bl or between[0] != "to" or sa in ("use", "need")
                ):
                    continue  # "face to face", "step by step"; but "decided to decide" is reported
                if any(w in FUNCTION_WORDS and w not in BETWEEN_OK and not (w == "to" and al != bl and len(between) == 1)
                       for w in between):
                    continue  # "shares as share prices": a new clause, not a tautology
                if len(between) == 2 and not any(w in BETWEEN_OK for w in between):
                    continue  # "data source includes data": a verb in between
                if any(w.endswith("ly") for w in between) or al.endswith("ly"):
                    continue  # adverbs: "actually smells actually"
                if al.endswith(("'s", "’s")):
                    continue
                if sa in COGNATE_IDIOMS and any(w in ("a", "an") for w in between):
                    continue
                if a[0].isupper() != b[0].isupper() and ((i > 0 and a[0].isupper()) or b[0].isupper()):
                    continue  # a name next to a common word ("Bush bushes")
                if b[0].isupper() and (a[0].isupper() or i > 0):
                    continue  # a name repeated ("Alpha Phi Alpha", "Maurya founded the Maurya Empire")
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
                # more than a determiner between ("to influence Russian influence") neither
                # deletion reads right: the editor must choose a verb, so no fix is offered.
                fixes: list[Fix] = []
                if not verb_first or all(w in BETWEEN_OK for w in between):
                    fixes.append(Fix(f"Keep only the first “{a}”", (keep_first,), safe=False))
                phrase = shown(clause[a_start:b_end])
                root = min(al, bl, key=len)
                what = f"the word “{root}”" if al == bl else f"one root (“{al}”, “{bl}”)"
                yield self.finding(
                    doc, span,
                    f"“{phrase}” repeats {what}: machine translation often gives a verb and a noun "
                    "of one root the same English word. Say it once, with the intended word.",
                    fixes, phrase=match_case(phrase, phrase),
                )
                break


# -- shared data: idiomatic repetitions ------------------------------------------------------


@lru_cache(maxsize=1)
def repetition_idioms() -> tuple[frozenset[str], frozenset[frozenset[str]]]:
    """("X and X" idioms, pairs of words of one root that are idiomatic together) from
    ``glossaries/repetition-idioms.tsv``."""
    from tqkit.datafiles import bundled_glossary_dir
    from tqkit.errors import ResourceError

    path = bundled_glossary_dir() / "repetition-idioms.tsv"
    phrases: set[str] = set()
    pairs: set[frozenset[str]] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        phrase, tab, source = line.partition("\t")
        if not tab or not source.strip():
            raise ResourceError(f"{path}:{n}: expected phrase<TAB>source")
        if " ~ " in phrase:
            a, _, b = phrase.partition(" ~ ")
            pairs.add(frozenset((a.strip().lower(), b.strip().lower())))
        else:
            phrases.add(" ".join(phrase.lower().split()))
    return frozenset(phrases), frozenset(pairs)


@lru_cache(maxsize=8192)
def _word_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from tqkit.lemmacache import lemminflect

    result: dict[str, tuple[str, ...]] = lemminflect("lemmas").getAllLemmas(word)
    return result


# -- TQ203: "X and X" ------------------------------------------------------------------------

_ADJ_SUFFIXES = ("less", "ful", "ous", "ive", "al", "ic", "able", "ible", "ent", "ant", "ary", "ory")
_NEXT_WORD_RE = re.compile(r"[ \t]+([a-z]+)\b")
# Led by the conjunction: the word after it is compared with the text right before it.
_AND_RE = re.compile(r"([a-z]{3,})[ \t]+(and|or)[ \t]+\1(?![\w-])")
_CONJ_RES = tuple(re.compile(rf"{c}[ \t]+([a-z]{{3,}})(?![\w-])") for c in ("and", "or"))


@register
class RepeatedWithAnd(Rule):
    """The same word on both sides of "and" or "or" ("baseless and baseless").

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
    fires = ("The accusations are baseless and baseless.", "It was a peaceful and peaceful protest.",
             "The decision is illegal or illegal.")
    quiet = ("Prices rose again and again.", "It got better and better.", "They talked and talked.",
             "We waited for years and years.", "He is British through and through.",
             "More and more people came.", "Baseless and unfounded claims.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        folded = doc.folded
        if " and " not in folded and " or " not in folded:
            return
        view = doc.view
        idioms = None
        hits = [c for rx in _CONJ_RES for c in rx.finditer(folded)]
        hits.sort(key=lambda c: c.start())
        for c in hits:
            word = c.group(1)
            start = c.start() - 1 - len(word)
            if start < 0 or folded[c.start() - 1] not in " \t" or not folded.startswith(word, start) or (
                start > 0 and (folded[start - 1].isalnum() or folded[start - 1] in "-'")
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
            first, second = view[m.start(1):m.end(1)], view[m.end() - len(word):m.end()]
            if first[:1].isupper() or second[:1].isupper():
                continue  # names ("Johnson and Johnson")
            if not self._reportable(word):
                continue
            nxt = _NEXT_WORD_RE.match(view, m.end())
            if nxt and "ADJ" not in _word_lemmas(word) and nxt.group(1) not in FUNCTION_WORDS:
                continue  # a noun modifying the next word: "hypothesis and hypothesis testing"
            drop = Span(m.end(1), m.end())
            yield self.finding(
                doc, Span(m.start(), m.end()),
                f"“{shown(view[m.start():m.end()])}” joins a word to itself: the source probably had "
                "two different words. Keep one, or find the second.",
                [Fix(f"Keep one “{first}”", (Edit(drop, ""),), safe=False)],
            )

    @staticmethod
    def _reportable(word: str) -> bool:
        if word.endswith(("er", "ing", "ed")) and len(word) > 5:
            return False  # comparatives and verb forms repeat for emphasis
        lemmas = _word_lemmas(word)
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
_TIGHT = frozenset({"him", "her", "them", "us", "me", "it", "the", "a", "an", "and", "or", "its",
                    "their", "his", "this", "these", "those", "our", "such"})
_INFLECTION_ENDINGS = ("", "s", "es", "'s", "ed", "d", "ing")


def _inflectional_variants(a: str, b: str) -> str | None:
    """"noun"/"verb"/"same" when ``a`` and ``b`` differ only by an inflection, else None."""
    short, long_ = sorted((a, b), key=len)
    for base in (short, short[:-1] if short.endswith("e") else short):
        if long_.startswith(base) and long_[len(base):] in (*_INFLECTION_ENDINGS, "e", "es"):
            tail = long_[len(base):]
            if tail in ("ed", "d", "ing"):
                return "verb"
            return "noun"
    return None


@register
class RootRepeatedInClause(Rule):
    """One word root twice inside one clause, beyond TQ202's three-word reach ("a peaceful and
    constructive peace agenda", "awarded him an award").

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
    fires = ("They backed a peaceful and constructive peace agenda.",
             "The president awarded him an award on Monday.")
    quiet = ("The report says the reports were late.", "He said he would say more.",
             "Peace talks brought a peaceful, if tense, week.", "The National Guard and the nation mourned.",
             "The worker went back to work.", "The fighting continued.")

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
            region = folded[m.start():end]
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
            first = view[m.start():m.start() + len(a)]
            second = view[end - len(b):end]
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
                lemmas = _word_lemmas(a)
                tight = "ADJ" in lemmas and "NOUN" not in lemmas and bool(_word_lemmas(b).get("NOUN"))
            span = Span(m.start(), end)
            last_end = end
            yield self.finding(
                doc, span,
                f"“{shown(view[span.start:span.end])}” uses one root twice (“{first}”, “{second}”): "
                "say it once.",
                severity=Severity.WARNING if tight else Severity.INFO,
            )

    @staticmethod
    def _candidates(folded: str) -> list[int]:
        """Starts of words followed, within about seven words, by a word with the same first
        four letters: one pass that keeps the last position of each four-letter prefix (much
        cheaper than a backreference tried at every word)."""
        last: dict[str, tuple[int, str]] = {}
        out: list[int] = []
        for a, b in space_chunks(folded):  # (a piece at a time: memory stays flat)
            matches = list(_LONG_WORD_RE.finditer(folded, a, b))
            starts = list(map(re.Match.start, matches))
            keys = list(map(re.Match.group, matches, itertools.repeat(1)))
            words = list(map(re.Match.group, matches))
            for at, key, word in zip(starts, keys, words, strict=True):
                prev = last.get(key)
                # the same word again is cohesion, not a repeated root
                if prev is not None and at - prev[0] <= _ROOT_REACH and word != prev[1]:
                    out.append(prev[0])
                last[key] = (at, word)
        return out

    @staticmethod
    def _verb_noun(a: str, b: str) -> bool:
        """True when one of the two is a verb form and the other a noun ("awarded", "award")."""
        verb, noun = (a, b) if a.endswith(("ed", "ing")) else (b, a)
        if not verb.endswith(("ed", "ing")) or noun.endswith(("ed", "ing")):
            return False
        return bool(_word_lemmas(noun).get("NOUN"))


# -- TQ205: repeated attribution ---------------------------------------------------------------

_ATTRIB_RE = re.compile(
    r"\b(?:(he|she|they|it|we|i|[a-z]{3,})[ \t]+(?:said|says|stated|noted|added|told|reported|claimed)"
    r"|(?:said|says|stated|noted|added|told|reported|claimed)[ \t]+(?:the[ \t]+)?(he|she|they|[a-z]{3,})"
    r"|according[ \t]+to[ \t]+(him|her|them|[a-z]{3,}))\b"
)
_ATTRIB_VERB_RES = tuple(re.compile(w) for w in (
    "said", "says", "stated", "noted", "added", "told", "reported", "claimed", "according to"))
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
    fires = ("According to him, the talks will resume soon, he said.",
             "The talks, he said, will resume on Monday, he said.",
             "According to Petrov, the plan failed, Petrov said.",
             "The case was closed last year, the lawyer said, the lawyer said.")
    quiet = ("He said the talks would resume. He said more later.",
             "According to him, the talks will resume soon, she said.",
             "He said that she said nothing.", "The lawyer said the judge said no.")

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
                if not view[m.start(1):m.start(1) + 1].isupper() and folded[max(0, m.start(1) - 4):m.start(1)] != "the ":
                    continue
            elif m.group(2) is not None and m.group(2) not in ("he", "she", "they"):
                if not view[m.start(2):m.start(2) + 1].isupper() and not m.group(0).endswith("the " + m.group(2)):
                    continue
            elif (m.group(3) is not None and m.group(3) not in _PRONOUN_SUBJECT
                  and not view[m.start(3):m.start(3) + 1].isupper()):
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
                    doc, span,
                    f"“{shown(view[prev[0]:prev[1]])}” and “{shown(view[m.start():m.end()])}” attribute "
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
