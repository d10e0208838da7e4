"""TQ310-TQ316: grammar that machine translation leaves behind in English news copy.

Verb forms after an auxiliary ("did not commented", "will also met", "has became"), the
present with *since* and a point in time ("are held since 1992"), "one of the" with a singular
noun, quantity words after decimals ("2.5 thousand", "1,5 million") and a currency said twice
("EUR 3 million euros").

Every detector is literal-led: a cheap regular expression over ``Document.folded`` finds the
few candidate anchors, and only there are words looked up. Word forms come from lemminflect's
inflection lexicon (it ships its data; nothing is downloaded); its tables are loaded the first
time a candidate needs them, so a clean article never pays for them. A small list of irregular
verbs (``glossaries/english-irregular-verbs.tsv``, generated from lemminflect) is the first
filter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import match_case, near, shown
from tqkit.datafiles import bundled_glossary_dir
from tqkit.document import Document
from tqkit.errors import ResourceError
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# -- word knowledge ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _irregular() -> tuple[frozenset[str], frozenset[str], frozenset[str], dict[str, str]]:
    """(base forms, simple past forms, past participles, past -> base) of irregular verbs."""
    path = bundled_glossary_dir() / "english-irregular-verbs.tsv"
    bases: set[str] = set()
    pasts: set[str] = set()
    parts: set[str] = set()
    base_of: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            raise ResourceError(f"{path}:{n}: expected base<TAB>past<TAB>participle")
        base, past, part = cols[0], cols[1].split(","), cols[2].split(",")
        bases.add(base)
        pasts.update(past)
        parts.update(part)
        for p in past:
            base_of.setdefault(p, base)
    return frozenset(bases), frozenset(pasts), frozenset(parts), base_of


@lru_cache(maxsize=8192)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from tqkit.lemmacache import lemminflect

    result: dict[str, tuple[str, ...]] = lemminflect("lemmas").getAllLemmas(word)
    return result


@lru_cache(maxsize=8192)
def _inflections(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    from tqkit.lemmacache import lemminflect

    result: dict[str, tuple[str, ...]] = lemminflect("inflections").getAllInflections(lemma, upos=upos)
    return result


def _verb_lemma(word: str) -> str | None:
    """The lemma when ``word`` is only an inflected verb form (never a base form)."""
    lemmas = _lemmas(word)
    verbs = lemmas.get("VERB", ()) + lemmas.get("AUX", ())
    if not verbs or word in verbs:
        return None
    lemma = verbs[0]
    return lemma if all(v == lemma for v in verbs) else None


def _maybe_finite(w: str) -> bool:
    """A cheap first test: could ``w`` be a past or "-s" verb form at all?"""
    if w.endswith("ed") or (w.endswith("s") and not w.endswith(("ss", "us", "is"))):
        return True
    return w in _irregular()[1]


def _finite_form(word: str) -> tuple[str, str] | None:
    """(lemma, tag) when ``word`` is a past (VBD/VBN) or third-person (VBZ) verb form that
    cannot be a base form of any verb."""
    w = word.lower()
    bases, _pasts, _parts, _base_of = _irregular()
    if w in bases or not _maybe_finite(w):
        return None
    lemma = _verb_lemma(w)
    if lemma is None:
        return None
    forms = _inflections(lemma, "VERB")
    for tag in ("VBD", "VBN", "VBZ"):
        if w in forms.get(tag, ()):
            return lemma, tag
    return None


_ADVERBS = frozenset({
    "also", "not", "never", "even", "yet", "still", "already", "only", "just", "really", "always",
    "ever", "further", "then", "now", "hardly", "certainly", "probably", "soon", "once", "again",
    "no", "longer", "in", "turn", "all", "both", "each", "definitely", "surely", "necessarily",
})
# Verbs ending in -ly (not adverbs): "will apply", "can rely".
_LY_VERBS = frozenset({
    "apply", "supply", "reply", "rely", "fly", "ally", "tally", "rally", "bully", "sully", "multiply",
    "comply", "imply", "belly", "jelly", "dally", "shilly", "volley", "resupply", "reapply",
})
_WORD_AFTER_RE = re.compile(r"[ \t]+([A-Za-z]+)\b")


@lru_cache(maxsize=64)
def _literal_re(word: str) -> re.Pattern[str]:
    # a pattern that starts with a literal: the regex engine searches for it very fast
    return re.compile(re.escape(word) + r"(?:n't)?(?=[ \t])")


def _word_hits_matches(folded: str, words: tuple[str, ...]) -> list[re.Match[str]]:
    """Matches of any of ``words`` as whole words followed by a space, in text order."""
    out: list[re.Match[str]] = []
    for word in words:
        for m in _literal_re(word).finditer(folded):
            at = m.start()
            if at and (folded[at - 1].isalnum() or folded[at - 1] in "'_"):
                continue
            out.append(m)
    out.sort(key=lambda m: m.start())
    return out


def _word_hits(folded: str, words: tuple[str, ...]) -> list[int]:
    return [m.start() for m in _word_hits_matches(folded, words)]


def _next_words(view: str, pos: int, n: int) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    while len(out) < n:
        m = _WORD_AFTER_RE.match(view, pos)
        if m is None:
            break
        out.append((m.start(1), m.end(1), m.group(1)))
        pos = m.end()
    return out


def _skip_adverbs(words: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The first word after at most two adverbs ("will also met", "did not even saw")."""
    for i, (s, e, w) in enumerate(words):
        low = w.lower()
        if i < 2 and (low in _ADVERBS or (low.endswith("ly") and len(low) > 4 and low not in _LY_VERBS)):
            continue
        return s, e, w
    return None


_QUESTION_LEADS = frozenset({
    "what", "who", "whom", "why", "how", "when", "where", "which", "whose", "nor", "neither",
    "so", "only", "then", "rarely", "seldom", "never", "not", "if",
})
_NOUN_LEADS = frozenset({
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "no",
    "of", "for", "with", "by", "against", "without", "from", "to", "in", "on", "at", "free", "good", "ill", "political", "popular", "military", "people's", "public", "last",
    "own", "whose", "tin", "trash", "garbage", "spray", "beer", "soda", "paint", "oil", "watering",
})
_PREV_WORD_RE = re.compile(r"([\w'’]+)[^\w\n]*$")


def _previous_word(view: str, at: int) -> str:
    m = _PREV_WORD_RE.search(view, max(0, at - 40), at)
    return m.group(1).lower().replace("’", "'") if m else ""


def _sentence_start(view: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and view[i] in " \t\"“‘'«(":
        i -= 1
    return i < 0 or view[i] in ".!?…:\n\r"


def _ends_in_question(view: str, at: int) -> bool:
    for i in range(at, min(len(view), at + 300)):
        c = view[i]
        if c == "?":
            return True
        if c in ".!\n":
            return False
    return False


# -- TQ310: verb form after do-support -------------------------------------------------------

# Lookbehinds instead of a leading \b: Python's regex engine scans such patterns about twice
# as fast.
_DO_RE = re.compile(r"(?:do|does|did)(?:\s+not|n't)\b")
_DO_WORDS = ("do", "does", "did", "don't", "doesn't", "didn't")


@register
class VerbFormAfterDo(Rule):
    """A past or third-person verb form after "do not", "does not" or "did not" ("did not
    commented").

    **What it does.** Reports a verb in the past tense, past participle or "-s" form right
    after "do", "does" or "did" with "not" (or "n't"), allowing up to two adverbs between
    ("did not even commented"). The form must be unambiguous in lemminflect's lexicon: a word
    that is also a base form ("saw", "found", "need") is never reported.

    **Why it matters.** Slavic and Turkic languages mark tense on the main verb only, and MT
    often keeps the past tense on both the auxiliary and the verb. Editors always correct it.

    **Example.** "The ministry did not commented on the report" becomes "did not comment".

    **Fix safety.** Safe: after do-support only the base form is English, and the tense is
    already carried by "did".
    """

    code = "TQ310"
    name = "verb-form-after-do"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = ("The ministry did not commented on the report.", "He doesn't wants to resign.",
             "Officials did not even answered the question.", "The army did not went there.")
    quiet = ("The ministry did not comment on the report.", "They did not need help.",
             "She did not saw the logs herself, but sawed them.", "They did not found a new party.",
             "I do not always agree.", "He did not, however, resign.", "We don't use it.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for at in _word_hits(folded, _DO_WORDS):
            m = _DO_RE.match(folded, at)
            if m is None:
                continue
            words = _next_words(view, m.end(), 3)
            target = _skip_adverbs(words)
            if target is None:
                continue
            s, e, w = target
            if not w.islower():
                continue
            form = _finite_form(w)
            if form is None:
                continue
            lemma, _tag = form
            right = match_case(lemma, w)
            yield self.finding(
                doc, Span(m.start(), e),
                f"“{shown(view[m.start():e])}”: after “{shown(view[m.start():m.end()])}” the verb "
                f"takes its base form, “{right}”.",
                [Fix.replace(Span(s, e), right, f"Replace “{w}” with “{right}”", safe=True)],
            )


# -- TQ311: verb form after a modal ------------------------------------------------------------

_MODALS = ("will", "would", "can", "could", "should", "may", "might", "must", "shall", "cannot",
           "won't")


@register
class VerbFormAfterModal(Rule):
    """A past or "-s" verb form after a modal verb ("will also met", "can helps").

    **What it does.** Reports a verb in the past tense or the "-s" form right after will,
    would, can, could, should, may, might, must or shall (with "not" or up to two adverbs
    between). Questions ("Can affected residents apply?"), noun uses of the modal ("political
    will", "military might", "a tin can") and words that are also base forms are left alone.

    **Why it matters.** MT copies the tense of the source verb onto the English main verb;
    the result reads as broken English.

    **Example.** "The ministers will also met in Brussels" becomes "will also meet".

    **Fix safety.** Unsafe: the base form is the likely intent, but the translator may have
    meant another tense ("also met"); the editor decides.
    """

    code = "TQ311"
    name = "verb-form-after-modal"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = ("The ministers will also met in Brussels.", "The new law can helps farmers.",
             "Prices could rose further next year.", "The parties must agreed on a date.")
    quiet = ("The ministers will also meet in Brussels.", "Can affected residents apply for aid?",
             "The people's political will prevailed.", "Russia's military might grows.",
             "In May saw the first talks.", "The fund will need more money.",
             "He will have met them by then.", "They will be held in June.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in _word_hits_matches(doc.folded, _MODALS):
            words = _next_words(view, m.end(), 3)
            target = _skip_adverbs(words)
            if target is None:
                continue
            s, e, w = target
            if not w.islower() or not _maybe_finite(w):
                continue
            modal = view[m.start():m.end()]
            if modal == "May" or (modal[:1].isupper() and _sentence_start(view, m.start())):
                continue  # the month, or a question ("Will displaced people return?")
            prev = _previous_word(view, m.start())
            if prev in _QUESTION_LEADS or prev in _NOUN_LEADS or prev.endswith("'s"):
                continue
            form = _finite_form(w)
            if form is None:
                continue
            if prev and modal.lower() in ("will", "might", "can", "must") and _lemmas(prev).get("ADJ"):
                continue  # "popular will", "naval might"
            if _ends_in_question(view, e):
                continue
            lemma, _tag = form
            right = match_case(lemma, w)
            yield self.finding(
                doc, Span(m.start(), e),
                f"“{shown(view[m.start():e])}”: after “{modal}” the verb takes its base form, “{right}”.",
                [Fix.replace(Span(s, e), right, f"Replace “{w}” with “{right}”", safe=False)],
            )


# -- TQ312: simple past after a perfect auxiliary ----------------------------------------------

_PERFECTS = ("has", "have", "had")
_PARTICLE_AFTER = frozenset({
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "up", "down", "out", "off", "into", "to", "in", "on", "from", "away", "back", "him",
    "them", "us", "me", "it", "through", "over", "under",
})


@register
class PastAfterPerfect(Rule):
    """A simple past where the perfect needs a past participle ("has became", "have went").

    **What it does.** Reports an irregular verb's simple past form right after has, have or had
    (with "not" or up to two adverbs between), when the past participle differs ("became" /
    "become", "went" / "gone", "took" / "taken"). Forms that are also nouns or adjectives
    ("had rose petals", "one fell swoop") are reported only when an object follows
    ("has broke the record"). British "have got" is correct.

    **Why it matters.** It is a common slip of MT and non-native writers; in news copy it reads
    as an error.

    **Example.** "The city has became a symbol of resistance" becomes "has become".

    **Fix safety.** Unsafe: the participle is usually meant, but the simple past without the
    auxiliary ("became") may be what the sentence needs.
    """

    code = "TQ312"
    name = "past-after-perfect"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = ("The city has became a symbol of resistance.", "Thousands have went to the polls.",
             "The minister had took part in the talks.", "He has not yet wrote the letter.",
             "The team has broke the record.")
    quiet = ("The city has become a symbol.", "They have got a plan.", "She had rose petals.",
             "We have gone home.", "They had lain there.", "The boys had run away.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        _bases, pasts, parts, _base_of = _irregular()
        for m in _word_hits_matches(doc.folded, _PERFECTS):
            words = _next_words(view, m.end(), 4)
            target = _skip_adverbs(words)
            if target is None:
                continue
            s, e, w = target
            low = w.lower()
            if low not in pasts or low in parts or low == "got" or low.endswith("ed") or not w.islower():
                continue
            lemma = _verb_lemma(low)
            if lemma is None:
                continue
            forms = _inflections(lemma, "VERB")
            participles = forms.get("VBN", forms.get("VBD", ()))
            if not participles or low in participles:
                continue
            lemmas = _lemmas(low)
            if lemmas.get("NOUN") or lemmas.get("ADJ"):
                after = [x for x in words if x[0] > s][:1]
                if not after or after[0][2].lower() not in _PARTICLE_AFTER:
                    continue
            right = match_case(participles[0], w)
            aux = view[m.start():m.end()]
            yield self.finding(
                doc, Span(m.start(), e),
                f"“{shown(view[m.start():e])}”: after “{aux}” the verb takes its past participle, “{right}”.",
                [Fix.replace(Span(s, e), right, f"Replace “{w}” with “{right}”", safe=False)],
            )


# -- TQ313: present with "since" + a point in time ----------------------------------------------

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_SINCE_RE = re.compile(
    r"since\s+(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?"
    rf"(?:(?:1[89]\d\d|20\d\d)(?!\d)(?![.,]\d)|(?:\d{{1,2}}\s+)?(?:{_MONTHS})\b|"
    r"last\s+(?:year|month|week|spring|summer|autumn|fall|winter)\b|the\s+(?:19|20)\d0s\b|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"
)
_BE_BEFORE_RE = re.compile(
    r"\b(is|are|am)\s+((?:(?:not|also|still|already|now|only|being)\s+){0,2})([a-z]+)((?:\s+[a-z]+){0,3}?)\s+$"
)
_NOT_BETWEEN_RE = re.compile(r"\b(?:first|last|only|ever|most|least|\w+est|since|than|because|and|but|or|which|who|that)\b")
_CAUSAL_AFTER_RE = re.compile(r"\s+(?:was|is|were|are|had|has|saw|brought|marked|proved)\b")


@register
class PresentWithSince(Rule):
    """The present or present progressive with *since* and a point in time ("are held since
    1992", "is working here since 2010").

    **What it does.** Reports "is", "are" or "am" followed by a participle ("held", "working")
    and, within three more words, "since" with a year, a month, a weekday, "last year" or a
    decade. Superlatives and "first" ("the highest level since 2008") are left alone, and so
    is causal *since* ("since 2010 was a bad year").

    **Why it matters.** Russian, Bulgarian, Ukrainian and Turkish use the present tense for an
    action that began in the past and continues; English needs the present perfect. The
    mistake is one of the most frequent in MT news copy.

    **Example.** "The festival is held since 1992" becomes "has been held since 1992".

    **Fix safety.** Unsafe: the editor checks the tense of the whole sentence.
    """

    code = "TQ313"
    name = "present-with-since"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = ("The games are held since 1992.", "He is working in Kyiv since 2010.",
             "The road is closed since last year.", "The border is closed since March.")
    quiet = ("The games have been held since 1992.", "The index is trading at its highest level since 2008.",
             "Shares are down 20% since January.", "It is the first time since 2010.",
             "He is tired since 2010 was a hard year.", "She has been working there since May.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        folded = doc.folded
        view = doc.view
        pos = folded.find("since ")
        while pos != -1:
            at = pos
            pos = folded.find("since ", pos + 6)
            if at and folded[at - 1].isalnum():
                continue
            m = _SINCE_RE.match(folded, at)
            if m is None or _CAUSAL_AFTER_RE.match(folded, m.end()):
                continue
            lo = max(0, at - 80)
            before = _BE_BEFORE_RE.search(folded, lo, at)
            if before is None:
                continue
            if any(c in folded[before.start():at] for c in ".,;:!?\n"):
                continue
            verb = before.group(3)
            if _NOT_BETWEEN_RE.search(before.group(4)) or _NOT_BETWEEN_RE.fullmatch(verb):
                continue
            if not self._participle(verb):
                continue
            aux = before.group(1)
            perfect = {"is": "has been", "are": "have been", "am": "have been"}[aux]
            aux_span = Span(before.start(1), before.end(1))
            perfect = match_case(perfect, view[aux_span.start:aux_span.end])
            yield self.finding(
                doc, Span(before.start(), m.end()),
                f"“{shown(view[before.start():m.end()])}”: with “since” and a point in time, English "
                f"uses the present perfect (“{perfect} {verb} …”).",
                [Fix.replace(aux_span, perfect, f"Replace “{aux}” with “{perfect}”", safe=False)],
            )

    @staticmethod
    def _participle(word: str) -> bool:
        if word in ("being", "going", "having", "doing", "nothing", "something", "anything", "everything"):
            return False
        _bases, pasts, parts, _ = _irregular()
        if not (word.endswith(("ing", "ed")) or word in parts or word in pasts):
            return False
        lemma = _verb_lemma(word)
        if lemma is None:
            return False
        forms = _inflections(lemma, "VERB")
        return word in forms.get("VBG", ()) or word in forms.get("VBN", forms.get("VBD", ()))


# -- TQ314: "one of the" + singular noun -------------------------------------------------------

_ONE_OF_RE = re.compile(r"\bone\s+of\s+(?:the|its|their|his|her|our|these|those|your|my)\s+")
_NP_WORD_RE = re.compile(r"([A-Za-z][A-Za-z'’-]*)|([^\sA-Za-z])")
_NP_BOUNDARY = frozenset({
    "in", "of", "on", "at", "to", "for", "from", "with", "by", "about", "that", "which", "who",
    "whom", "where", "and", "or", "but", "is", "was", "are", "were", "has", "had", "have", "will",
    "would", "can", "could", "as", "since", "after", "before", "during", "when", "while",
})
_NOT_IN_NP = frozenset({
    "most", "more", "least", "few", "many", "same", "other", "others", "first", "last", "best",
    "worst", "top", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "hundred", "thousand", "dozen", "very", "so", "such", "biggest", "largest", "latter", "former",
})
# Nouns whose usual plural is the singular form.
_ZERO_PLURAL = frozenset({
    "fish", "sheep", "deer", "species", "series", "aircraft", "spacecraft", "offspring", "salmon",
    "trout", "cod", "moose", "bison", "swine", "cattle", "means", "crossroads", "headquarters",
    "shrimp", "squid", "elk", "reindeer", "grouse", "quail", "buffalo", "craft", "hovercraft",
})
_DEGREE = frozenset({"most", "more", "least", "less", "very", "so", "too", "quite", "rather"})
# Collective nouns: "one of the family", "one of the team" are English.
_COLLECTIVE = frozenset({
    "team", "family", "crowd", "group", "gang", "party", "public", "staff", "crew", "club", "band",
    "squad", "cast", "audience", "committee", "council", "board", "jury", "panel", "government",
    "opposition", "majority", "minority", "elite", "clergy", "police", "military", "press",
    "media", "personnel", "company", "household", "unit", "delegation", "couple", "pair", "trio",
    "duo", "guard", "class", "faculty", "faithful", "congregation", "community", "population",
    "people", "youth", "army", "navy", "force", "regiment", "battalion", "brigade", "platoon",
    "division", "corps", "orchestra", "choir", "troupe", "lot", "bunch", "batch", "kind", "sort",
    "type", "generation", "fold", "flock", "herd", "pack", "litter", "brood", "tribe", "clan",
    "dynasty", "line", "order", "society", "league", "alliance", "coalition", "union", "bloc",
    "cabinet", "parliament", "senate", "house", "assembly", "chamber", "court", "bench", "bar",
    "fleet", "convoy", "network", "chain", "series", "set", "range", "collection", "lineup",
    "roster", "field", "peloton", "posse", "mob", "horde", "rank", "file",
    "establishment", "aristocracy", "nobility", "gentry", "poor",
    "rich", "wealthy", "dead", "injured", "wounded", "accused", "living", "missing", "young",
    "old", "elderly", "unemployed", "homeless", "disabled", "sick", "lucky", "brave", "few",
})


@register
class OneOfSingular(Rule):
    """"One of the" followed by a singular noun ("one of the country").

    **What it does.** Reports "one of the" (or "one of its/their/these ...") when the noun
    phrase that follows ends, before punctuation or a preposition, in a singular countable
    noun whose plural exists ("one of the largest city in Europe"). Collective nouns ("one of
    the family", "one of the team"), adjectives used as nouns ("one of the wounded"), names,
    numbers and nouns whose plural is the same word ("one of the sheep") are left alone.

    **Why it matters.** Languages without articles mark the plural on the adjective or not at
    all, and MT loses it; the phrase reads as broken English.

    **Example.** "one of the largest city in Europe" becomes "one of the largest cities".

    **Fix safety.** Unsafe: the fix puts the noun in the plural; the editor checks the rest of
    the noun phrase.
    """

    code = "TQ314"
    name = "one-of-singular"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = ("It is one of the largest city in Europe.", "Armenia is one of the country that signed.",
             "He was one of the most popular politician, polls show.")
    quiet = ("It is one of the largest cities in Europe.", "He is one of the family.",
             "One of the wounded died.", "One of the sheep escaped.", "She is one of the best.",
             "One of the country's largest banks failed.", "One of the two sides agreed.",
             "It is one of the hotel restaurants.", "He was one of the team that won.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        pos = folded.find("one of ")
        while pos != -1:
            at = pos
            pos = folded.find("one of ", pos + 7)
            m = _ONE_OF_RE.match(folded, at)
            if m is None or (at and folded[at - 1].isalpha()):
                continue
            head = self._head(view, m.end())
            if head is None:
                continue
            s, e, word = head
            plural = self._plural(word, ctx)
            if plural is None:
                continue
            plural = match_case(plural, word)
            yield self.finding(
                doc, Span(at, e),
                f"“{shown(view[at:e])}”: after “one of the” the noun is plural (“{plural}”).",
                [Fix.replace(Span(s, e), plural, f"Replace “{word}” with “{plural}”", safe=False)],
            )

    @staticmethod
    def _head(view: str, pos: int) -> tuple[int, int, str] | None:
        prev: tuple[int, int, str] | None = None
        previous = last = ""
        for i, m in enumerate(_NP_WORD_RE.finditer(view, pos, min(len(view), pos + 80))):
            if i > 5:
                return None
            if m.group(2) is not None:  # punctuation or a digit
                if m.group(2) in ".,;:!?)\"”" and prev is not None and last not in _DEGREE:
                    return prev
                return None
            word = m.group(1)
            low = word.lower()
            if low in ("and", "or", "but"):
                return None  # a coordinated noun phrase: too complex to judge
            if low in _NP_BOUNDARY:
                return prev if last not in _DEGREE else None
            if not word.islower() or "'" in low or "’" in low or "-" in low:
                return None
            if prev is not None and prev[2].endswith("s") and not prev[2].endswith(("ss", "us", "is")):
                return None  # the noun phrase already ended in a plural ("reasons teachers leave")
            prev = None if low in _NOT_IN_NP else (m.start(1), m.end(1), word)
            last = previous
            previous = low
        return None

    @staticmethod
    def _plural(word: str, ctx: CheckContext) -> str | None:
        if word in _COLLECTIVE or word.endswith(("ing", "ed", "ly", "est", "ss")):
            return None
        lemmas = _lemmas(word)
        nouns = lemmas.get("NOUN", ())
        if word not in nouns or lemmas.get("ADV") or lemmas.get("PROPN"):
            return None
        plurals = _inflections(word, "NOUN").get("NNS", ())
        if not plurals or plurals[0] == word or word in _ZERO_PLURAL:
            return None
        if word in plurals and not ctx.resources.is_common_word(plurals[0]):
            return None  # a plural the same as the singular is usual ("freshwater fish")
        if lemmas.get("ADJ") and not ctx.resources.is_common_word(plurals[0]):
            return None  # an adjective used as a noun ("one of the accused")
        return plurals[0]


# -- TQ315: quantity words after a decimal --------------------------------------------------

_DECIMAL_RE = re.compile(
    r"(?<![\d.,])(\d+)([.,])(\d+)(?![\d.,]\d)([ \t\u00a0]+)"
    r"(thousand|hundred|million|billion|trillion|mln|bn|per\s?cent|percent)\b|"
    r"(?<![\d.,])(\d+),(\d{1,2})(?![\d.,]\d)[ \t\u00a0]?(%)"
)
_DECIMAL_HINT_RE = re.compile(r"\d[.,]\d")


@register
class DecimalQuantity(Rule):
    """A quantity word after a decimal ("2.5 thousand") or a decimal comma in English copy
    ("1,5 million").

    **What it does.** Reports a decimal before "thousand" or "hundred" (English writes "2,500",
    not "2.5 thousand"), and a decimal comma (one or two digits after the comma) before
    million, billion, per cent or "%" ("1,5 million", "12,5%"). "2.5 million" is English and
    is never reported; nor is "1,500 million".

    **Why it matters.** Russian, Bulgarian, Ukrainian and Turkish write "2,5 тыс." and MT keeps
    both the comma and the quantity word. An English reader may read "1,5 million" as fifteen
    hundred thousand or as a list.

    **Example.** "2.5 thousand people" becomes "2,500 people"; "1,5 million" becomes
    "1.5 million".

    **Fix safety.** Unsafe: the fix rewrites the number, and the editor checks the source.
    """

    code = "TQ315"
    name = "decimal-quantity"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = ("About 2.5 thousand people attended.", "The budget is 1,5 million euros.",
             "Inflation reached 12,5% in May.", "Some 1,2 thousand soldiers left.")
    quiet = ("About 2,500 people attended.", "The budget is 1.5 million euros.",
             "It cost 1,500 million dollars.", "Inflation reached 12.5% in May.",
             "Version 2.5 was released in 2020.", "Scores were 1,2 and 3.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in near(_DECIMAL_RE, _DECIMAL_HINT_RE, doc.folded, 24):
            if m.group(8):  # "12,5%"
                span = Span(m.start(), m.end())
                number = f"{m.group(6)}.{m.group(7)}"
                yield self.finding(
                    doc, span,
                    f"“{shown(view[span.start:span.end])}” uses a decimal comma; English writes “{number}%”.",
                    [Fix.replace(Span(m.start(6), m.end(7)), number, f"Replace with “{number}”", safe=False)],
                )
                continue
            whole, sep, frac, word = m.group(1), m.group(2), m.group(3), m.group(5)
            if sep == "," and len(frac) == 3:
                continue  # "1,500 million": a thousands separator
            span = Span(m.start(), m.end())
            text = shown(view[span.start:span.end])
            if word in ("thousand", "hundred"):
                factor = 1000 if word == "thousand" else 100
                scale = 10 ** len(frac)
                value = int(whole) * factor + int(frac) * factor // scale
                if (int(frac) * factor) % scale:
                    msg = f"“{text}”: English does not put a decimal before “{word}”; write the number in figures."
                    yield self.finding(doc, span, msg)
                    continue
                figures = f"{value:,}"
                yield self.finding(
                    doc, span,
                    f"“{text}”: English does not put a decimal before “{word}”; write “{figures}”.",
                    [Fix.replace(span, figures, f"Replace with “{figures}”", safe=False)],
                )
            elif sep == ",":
                number = f"{whole}.{frac}"
                yield self.finding(
                    doc, span,
                    f"“{text}” uses a decimal comma; English writes “{number} {view[m.start(5):m.end(5)]}”.",
                    [Fix.replace(Span(m.start(1), m.end(3)), number, f"Replace with “{number}”", safe=False)],
                )


# -- TQ316: currency or unit said twice --------------------------------------------------------

_CURRENCY_WORDS = {
    "eur": "euro", "€": "euro", "usd": "dollar", "$": "dollar", "us$": "dollar", "gbp": "pound",
    "£": "pound", "rub": "rouble", "₽": "rouble", "uah": "hryvnia", "₴": "hryvnia", "amd": "dram",
    "azn": "manat", "₼": "manat", "bgn": "lev", "try": "lira", "₺": "lira", "chf": "franc",
    "jpy": "yen", "¥": "yen", "cny": "yuan", "%": "per cent", "km": "kilometre", "kg": "kilogram",
}
_UNIT_WORD = {
    "euro": "euro", "euros": "euro", "dollar": "dollar", "dollars": "dollar", "pound": "pound",
    "pounds": "pound", "rouble": "rouble", "roubles": "rouble", "ruble": "rouble", "rubles": "rouble",
    "hryvnia": "hryvnia", "hryvnias": "hryvnia", "hryvnas": "hryvnia", "hryvnya": "hryvnia",
    "dram": "dram", "drams": "dram", "manat": "manat", "manats": "manat", "lev": "lev", "leva": "lev",
    "levs": "lev", "lira": "lira", "liras": "lira", "lire": "lira", "franc": "franc", "francs": "franc",
    "yen": "yen", "yuan": "yuan", "percent": "per cent", "per cent": "per cent",
    "kilometre": "kilometre", "kilometres": "kilometre", "kilometer": "kilometre",
    "kilometers": "kilometre", "kilogram": "kilogram", "kilograms": "kilogram",
    "kilogramme": "kilogram", "kilogrammes": "kilogram",
}
_DOUBLED_UNIT_RE = re.compile(
    r"(?:\b(eur|usd|gbp|rub|uah|amd|azn|bgn|try|chf|jpy|cny)[ \t\u00a0]?|(us\$|[€$£₽₴₼₺¥]))"
    r"(\d[\d.,]*(?:[ \t\u00a0]?(?:million|billion|trillion|thousand|mln|bn|tn|m|k)\b)?)"
    r"|(?<![\w.,])(\d[\d.,]*)[ \t\u00a0]?(%|km|kg)(?!\w)"
)
# Literal first letters of the unit names: one fast literal search each.
_UNIT_STEM_RES = tuple(re.compile(stem) for stem in (
    "euro", "dollar", "pound", "roubl", "rubl", "hryvn", "dram", "manat", "lev", "lir", "franc",
    "yen", "yuan", "per cent", "per\tcent", "percent", "kilo"))
_UNIT_AFTER_RE = re.compile(
    r"[ \t\u00a0]+(euros?|dollars?|pounds?|roubles?|rubles?|hryvnias?|hryvnas|hryvnya|drams?|"
    r"manats?|leva|levs?|lev|liras?|lire|francs?|yen|yuan|per[ \t]?cent|percent|kilomet(?:re|er)s?|"
    r"kilogram(?:me)?s?)\b"
)


@register
class DoubledUnit(Rule):
    """A currency or unit said twice ("EUR 3 million euros", "$5 million dollars", "5% percent").

    **What it does.** Reports an amount that has a currency code or sign before the number and
    the currency's name after it, and likewise "%" with "per cent" and "km"/"kg" with the unit
    name. When the two name different currencies ("$5 million euros") it says so.

    **Why it matters.** Sources write "3 млн евро" and MT adds the code the style guide asks
    for without dropping the word; the doubled unit reads as careless.

    **Example.** "EUR 3 million euros" becomes "EUR 3 million".

    **Fix safety.** Safe when both name the same currency or unit: dropping the word after the
    number cannot change the amount. No fix when they disagree.
    """

    code = "TQ316"
    name = "doubled-unit"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = ("The bank lent EUR 3 million euros.", "They paid $5 million dollars.",
             "Prices rose 5% percent.", "The deal was worth $2bn euros.")
    quiet = ("The bank lent EUR 3 million.", "They paid $5 million.", "Prices rose 5 per cent.",
             "It cost $5 million, or 4 million euros.", "The euro fell 2% against the dollar.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        folded = doc.folded
        view = doc.view
        starts = sorted({m.start() for rx in _UNIT_STEM_RES for m in rx.finditer(folded)})
        for at in starts:
            if not at or folded[at - 1] not in " \t\u00a0":
                continue
            while at > 0 and folded[at - 1] in " \t\u00a0":
                at -= 1
            hit = _UNIT_AFTER_RE.match(folded, at)
            if hit is None:
                continue
            lo = max(0, hit.start() - 40)
            m = None
            for cand in _DOUBLED_UNIT_RE.finditer(folded, lo, hit.start()):
                if cand.end() == hit.start():
                    m = cand
            if m is None:
                continue
            after = hit
            code = m.group(1) or m.group(2) or m.group(5)
            first = _CURRENCY_WORDS[code]
            word = re.sub(r"[ \t]+", " ", after.group(1))
            second = _UNIT_WORD.get(word, word)
            span = Span(m.start(), after.end())
            text = shown(view[span.start:span.end])
            shown_code = view[m.start(1):m.end(1)] if m.group(1) else view[m.start(2):m.end(2)] if m.group(2) else view[m.start(5):m.end(5)]
            if first != second:
                yield self.finding(
                    doc, span,
                    f"“{text}” names two different units (“{shown_code}” and “{after.group(1)}”): "
                    "check the source.",
                )
                continue
            drop = Span(after.start(), after.end())
            kept = shown(view[span.start:drop.start])
            yield self.finding(
                doc, span,
                f"“{text}” says the unit twice (“{shown_code}” and “{view[after.start(1):after.end(1)]}”): "
                f"write “{kept}”.",
                [Fix(f"Remove “{view[after.start(1):after.end(1)]}”", (Edit(drop, ""),), safe=True)],
            )


# -- TQ317: present perfect with a finished past time -------------------------------------------

_PAST_TIME_RE = re.compile(
    r"yesterday\b|last[ \t]+(?:week|month|year|night|weekend|spring|summer|autumn|fall|winter|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|"
    r"june|july|august|september|october|november|december)\b|"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)[ \t]+"
    r"(?:days?|weeks?|months?|years?|hours?|decades?)[ \t]+ago\b"
)
_PAST_TIME_LEADS = ("yesterday", "last", "ago")
_MODALS_AND_TO = frozenset({"will", "would", "could", "should", "might", "must", "may", "can", "to",
                            "shall", "won't", "wouldn't", "couldn't", "shouldn't", "not"})
_HAVE_BEFORE_RE = re.compile(
    r"\b(has|have)[ \t]+((?:(?:already|also|just|recently|now|not|never|been)[ \t]+){0,3})"
    r"([a-z]+)((?:[ \t]+[a-z0-9'-]+){0,6}?)[ \t]+$"
)
# A word right before the time phrase that makes it a reference point, not the time of the
# action ("since last year", "than a year ago", "over the last week").
_REFERENCE_WORDS = frozenset({
    "since", "from", "than", "until", "till", "before", "after", "by", "for", "over", "the",
    "during", "between", "with", "to", "of", "as", "within", "throughout", "this",
})
# A word between the verb and the time phrase that starts another clause.
_CLAUSE_WORDS_RE = re.compile(r"\b(?:and|but|or|which|who|that|when|where|while|if|because|whose)\b")


@register
class PerfectWithPastTime(Rule):
    """The present perfect with a finished time in the past ("has been appointed last week",
    "have signed the deal yesterday").

    **What it does.** Reports "has" or "have" with a past participle when the same clause ends
    in "yesterday", "last week" (month, year, a weekday...) or "... ago". Time phrases after
    "since", "from", "than", "over the" and the like ("has risen since last year", "higher
    than a year ago") are left alone.

    **Why it matters.** English uses the simple past with a finished time; Slavic and Turkic
    languages have no such rule, and MT keeps the perfect. Editors always change it.

    **Example.** "He has been appointed as ambassador last week" becomes "He was appointed".

    **Fix safety.** Unsafe: the verb has to be rewritten in the simple past ("has signed" to
    "signed"); the fix offered drops "has"/"have" only when a participle the same as the
    simple past follows ("has signed" to "signed").
    """

    code = "TQ317"
    name = "perfect-with-past-time"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = ("He has been appointed as the new ambassador last week.",
             "The two leaders have signed the agreement yesterday.",
             "The company has opened the plant two years ago.")
    quiet = ("He was appointed ambassador last week.", "Prices have risen since last year.",
             "Exports have grown 5% from last year.", "Turnover has been higher than a year ago.",
             "It has rained over the last week.", "He has said he would resign, and last week he did.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        folded = doc.folded
        view = doc.view
        seen_end = -1
        for at in sorted({m.start() for w in _PAST_TIME_LEADS for m in _literal_any(w).finditer(folded)}):
            t = at
            if folded.startswith("ago", at):
                # back to the number: "two years ago"
                m0 = None
                for cand in _PAST_TIME_RE.finditer(folded, max(0, at - 30), at + 3):
                    if cand.end() == at + 3:
                        m0 = cand
                        break
                if m0 is None:
                    continue
                t = m0.start()
                time_m = m0
            else:
                if at and folded[at - 1].isalnum():
                    continue
                found = _PAST_TIME_RE.match(folded, at)
                if found is None:
                    continue
                time_m = found
            if t <= seen_end:
                continue
            lo = max(0, t - 90)
            clause = folded[lo:t]
            cut = max(clause.rfind(c) for c in ".,;:!?()\n\"")
            before = _HAVE_BEFORE_RE.search(folded, lo + cut + 1, t)
            if before is None:
                continue
            if _previous_word(view, before.start()) in _MODALS_AND_TO:
                continue  # "would have been", "is believed to have died two years ago"
            verb = before.group(3)
            between = before.group(4)
            if "been" in before.group(2).split() and verb in ("in", "on", "at"):
                continue
            last_word = between.split()[-1] if between.split() else verb
            if last_word in _REFERENCE_WORDS or _CLAUSE_WORDS_RE.search(between):
                continue
            if not PresentWithSince._participle(verb) or verb.endswith("ing"):
                continue
            seen_end = time_m.end()
            span = Span(before.start(), time_m.end())
            aux = view[before.start(1):before.end(1)]
            fixes = []
            if not before.group(2).strip():
                lemma = _verb_lemma(verb)
                past = _inflections(lemma, "VERB").get("VBD", ()) if lemma else ()
                if verb in past:
                    fixes.append(Fix(f"Write the simple past: “{verb}”",
                                     (Edit(Span(before.start(1), before.start(3)), ""),), safe=False))
            yield self.finding(
                doc, span,
                f"“{shown(view[span.start:span.end])}”: with a finished time (“{shown(view[time_m.start():time_m.end()])}”) "
                f"English uses the simple past, not “{aux} …”.",
                fixes,
            )


@lru_cache(maxsize=16)
def _literal_any(word: str) -> re.Pattern[str]:
    return re.compile(re.escape(word))
