"""Word knowledge shared by the MT grammar detectors: irregular verbs, lemminflect look-ups,
literal-led anchors and the small context helpers."""

from __future__ import annotations

import re
from functools import lru_cache

from tqkit.datafiles import bundled_table

# -- word knowledge ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def irregular_verbs() -> tuple[frozenset[str], frozenset[str], frozenset[str], dict[str, str]]:
    """(base forms, simple past forms, past participles, past -> base) of irregular verbs."""
    bases: set[str] = set()
    pasts: set[str] = set()
    parts: set[str] = set()
    base_of: dict[str, str] = {}
    for cols in bundled_table("english-irregular-verbs.tsv", 3, "base<TAB>past<TAB>participle", empty=True):
        base, past, part = cols[0], cols[1].split(","), cols[2].split(",")
        bases.add(base)
        pasts.update(past)
        parts.update(part)
        for p in past:
            base_of.setdefault(p, base)
    return frozenset(bases), frozenset(pasts), frozenset(parts), base_of


@lru_cache(maxsize=1)
def noun_classes() -> dict[str, frozenset[str]]:
    """``glossaries/english-noun-classes.tsv``: nouns ending in -s that take a singular verb
    (``singular-in-s``), measure words (``measure``) and group nouns (``collective``)."""
    kinds: dict[str, set[str]] = {"singular-in-s": set(), "measure": set(), "collective": set()}
    layout = "singular-in-s|measure|collective<TAB>noun<TAB>source"
    for kind, noun, _source in bundled_table("english-noun-classes.tsv", 3, layout, kinds.keys()):
        kinds[kind].add(noun.lower())
    return {k: frozenset(v) for k, v in kinds.items()}


@lru_cache(maxsize=1)
def singular_verb_plurals() -> frozenset[str]:
    """Plural-looking subjects that take a singular verb: measures and -s nouns ("news is")."""
    classes = noun_classes()
    return classes["measure"] | classes["singular-in-s"]


@lru_cache(maxsize=8192)
def word_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from tqkit.lemmacache import lemminflect

    result: dict[str, tuple[str, ...]] = lemminflect("lemmas").getAllLemmas(word)
    return result


@lru_cache(maxsize=8192)
def inflections(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    from tqkit.lemmacache import lemminflect

    result: dict[str, tuple[str, ...]] = lemminflect("inflections").getAllInflections(lemma, upos=upos)
    return result


def verb_lemma(word: str) -> str | None:
    """The lemma when ``word`` is only an inflected verb form (never a base form)."""
    lemmas = word_lemmas(word)
    verbs = lemmas.get("VERB", ()) + lemmas.get("AUX", ())
    if not verbs or word in verbs:
        return None
    lemma = verbs[0]
    return lemma if all(v == lemma for v in verbs) else None


def maybe_finite(w: str) -> bool:
    """A cheap first test: could ``w`` be a past or "-s" verb form at all?"""
    if w.endswith("ed") or (w.endswith("s") and not w.endswith(("ss", "us", "is"))):
        return True
    return w in irregular_verbs()[1]


def finite_form(word: str) -> tuple[str, str] | None:
    """(lemma, tag) when ``word`` is a past (VBD/VBN) or third-person (VBZ) verb form that
    cannot be a base form of any verb."""
    w = word.lower()
    bases, _pasts, _parts, _base_of = irregular_verbs()
    if w in bases or not maybe_finite(w):
        return None
    lemma = verb_lemma(w)
    if lemma is None:
        return None
    forms = inflections(lemma, "VERB")
    for tag in ("VBD", "VBN", "VBZ"):
        if w in forms.get(tag, ()):
            return lemma, tag
    return None


_ADVERBS = frozenset(
    {
        "also",
        "not",
        "never",
        "even",
        "yet",
        "still",
        "already",
        "only",
        "just",
        "really",
        "always",
        "ever",
        "further",
        "then",
        "now",
        "hardly",
        "certainly",
        "probably",
        "soon",
        "once",
        "again",
        "no",
        "longer",
        "in",
        "turn",
        "all",
        "both",
        "each",
        "definitely",
        "surely",
        "necessarily",
    }
)
# Verbs ending in -ly (not adverbs): "will apply", "can rely".
_LY_VERBS = frozenset(
    {
        "apply",
        "supply",
        "reply",
        "rely",
        "fly",
        "ally",
        "tally",
        "rally",
        "bully",
        "sully",
        "multiply",
        "comply",
        "imply",
        "belly",
        "jelly",
        "dally",
        "shilly",
        "volley",
        "resupply",
        "reapply",
    }
)
_WORD_AFTER_RE = re.compile(r"[ \t]+([A-Za-z]+)\b")


@lru_cache(maxsize=64)
def _literal_re(word: str) -> re.Pattern[str]:
    # a pattern that starts with a literal: the regex engine searches for it very fast
    return re.compile(re.escape(word) + r"(?:n't)?(?=[ \t])")


def word_hits_matches(folded: str, words: tuple[str, ...]) -> list[re.Match[str]]:
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


def word_hits(folded: str, words: tuple[str, ...]) -> list[int]:
    return [m.start() for m in word_hits_matches(folded, words)]


def next_words(view: str, pos: int, n: int) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    while len(out) < n:
        m = _WORD_AFTER_RE.match(view, pos)
        if m is None:
            break
        out.append((m.start(1), m.end(1), m.group(1)))
        pos = m.end()
    return out


def skip_adverbs(words: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The first word after at most two adverbs ("will also met", "did not even saw")."""
    for i, (s, e, w) in enumerate(words):
        low = w.lower()
        if i < 2 and (low in _ADVERBS or (low.endswith("ly") and len(low) > 4 and low not in _LY_VERBS)):
            continue
        return s, e, w
    return None


QUESTION_LEADS = frozenset(
    {
        "what",
        "who",
        "whom",
        "why",
        "how",
        "when",
        "where",
        "which",
        "whose",
        "nor",
        "neither",
        "so",
        "only",
        "then",
        "rarely",
        "seldom",
        "never",
        "not",
        "if",
    }
)
NOUN_LEADS = frozenset(
    {
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "that",
        "no",
        "of",
        "for",
        "with",
        "by",
        "against",
        "without",
        "from",
        "to",
        "in",
        "on",
        "at",
        "free",
        "good",
        "ill",
        "political",
        "popular",
        "military",
        "people's",
        "public",
        "last",
        "own",
        "whose",
        "tin",
        "trash",
        "garbage",
        "spray",
        "beer",
        "soda",
        "paint",
        "oil",
        "watering",
    }
)
_PREV_WORD_RE = re.compile(r"([\w'’]+)[^\w\n]*$")


def previous_word(view: str, at: int) -> str:
    m = _PREV_WORD_RE.search(view, max(0, at - 40), at)
    return m.group(1).lower().replace("’", "'") if m else ""


def sentence_start(view: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and view[i] in " \t\"“‘'«(":
        i -= 1
    return i < 0 or view[i] in ".!?…:\n\r"


def opens_sentence(view: str, at: int) -> bool:
    """Like :func:`sentence_start`, but a single line break is taken for a space (hard-wrapped
    text breaks lines inside sentences); a blank line, sentence punctuation or the start of the
    text opens a sentence."""
    i = at - 1
    newlines = 0
    while i >= 0 and view[i] in " \t\r\n\"“‘'«(":
        if view[i] == "\n":
            newlines += 1
        i -= 1
    return i < 0 or newlines >= 2 or view[i] in ".!?…:"


def ends_in_question(view: str, at: int) -> bool:
    for i in range(at, min(len(view), at + 300)):
        c = view[i]
        if c == "?":
            return True
        if c in ".!\n":
            return False
    return False


@lru_cache(maxsize=16)
def literal_any(word: str) -> re.Pattern[str]:
    return re.compile(re.escape(word))


WORD_CLASSES = (
    "result-verb",
    "document-verb",
    "clause-verb",
    "asking-verb",
    "own-action",
    "role",
    "title",
    "motion-verb",
    "place-adverb",
    "unit",
)


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {k: set() for k in WORD_CLASSES}
    for kind, word, _source in bundled_table(
        "grammar-word-classes.tsv", 3, "class<TAB>word<TAB>source", frozenset(WORD_CLASSES)
    ):
        kinds[kind].add(word.lower())
    return {k: frozenset(v) for k, v in kinds.items()}


def word_class(kind: str) -> frozenset[str]:
    """One class of ``glossaries/grammar-word-classes.tsv`` (result verbs, clause verbs, roles,
    units ...), lower-case."""
    return _word_classes()[kind]


def verb_lemma_of(word: str) -> str | None:
    """The verb lemma of ``word`` (any form, the base form included) when it has exactly one."""
    lemmas = word_lemmas(word.lower())
    verbs = set(lemmas.get("VERB", ()))
    return next(iter(verbs)) if len(verbs) == 1 else None


def is_participle(word: str, lemma: str) -> bool:
    """``word`` is a past participle of ``lemma`` (lemminflect lists a regular verb's
    participle as its past, VBD, only)."""
    forms = inflections(lemma, "VERB")
    return word.lower() in (forms.get("VBN") or forms.get("VBD", ()))
