"""Root repetition (TQ202) in any profiled language: two words of one root within a few words
of each other inside one clause ("контролира контрола", "die Kontrolle kontrollieren").

The profile supplies the stemmer (Snowball through PyStemmer, or simplemma's lemmas), its
function words and the ``root_repetition`` data (see :class:`tqkit.profiles.RootRules`). The
English rule keeps its own tuned lists in :mod:`tqkit.checks.repetition`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tqkit.profiles import Profile, RootRules

# a word of letters (any script), with inner apostrophes and hyphens
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# what ends a clause between two words: punctuation, a dash between spaces, a blank line
_BREAK_RE = re.compile(r"[.,;:!?()\[\]{}\"“”„«»‚‘’—–…]|\s-{1,2}\s|\n[ \t]*\r?\n|\r[ \t]*\r")
WINDOW = 3  # the second word at most this many words after the first
MIN_LETTERS = 4  # shorter words and stems are never compared
# content words allowed between the two: none ("городские власти города" is ordinary Russian)
MAX_BETWEEN_CONTENT = 0
# with ``common_prefix``: the letters each stem may have after the shared prefix
MAX_TAIL = 5


@dataclass(frozen=True)
class RootPair:
    """Two words of one root: character offsets into the text, the words and their root."""

    start: int
    end: int
    first: str
    second: str
    root: str


_ROOTS: dict[str, dict[str, str]] = {}  # per language: word -> stem (stemming is the cost)


def _root(profile: Profile, word: str) -> str:
    cache = _ROOTS.setdefault(profile.code, {})
    root = cache.get(word)
    if root is None:
        if len(cache) > 100_000:
            cache.clear()
        root = cache[word] = profile.stem(word)
    return root


def _same_root(profile: Profile, rules: RootRules, a: str, b: str) -> str | None:
    """The shared root of two lower-cased words, or None: equal stems, one stem extending the
    other by at most ``rules.extra`` letters, or (with ``rules.common_prefix``) stems sharing
    that many first letters and differing in at most ``MAX_TAIL`` letters each."""
    ra, rb = _root(profile, a), _root(profile, b)
    short, long_ = sorted((ra, rb), key=len)
    if len(short) < MIN_LETTERS:
        return None
    if short == long_:
        return short
    # one extends the other: a five-letter stem at least ("прот-" is no root of "протест-")
    if len(short) > MIN_LETTERS and long_.startswith(short) and len(long_) - len(short) <= rules.extra:
        return short
    n = rules.common_prefix
    if n and ra[:n] == rb[:n]:
        shared = next((k for k, (x, y) in enumerate(zip(ra, rb, strict=False)) if x != y), len(short))
        if len(ra) - shared <= MAX_TAIL and len(rb) - shared <= MAX_TAIL:
            return ra[:shared]
    return None


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 4) : at].rstrip(" \t\"'“„«‚(")
    return not before or before[-1] in ".!?\n"


def root_pairs(text: str, profile: Profile) -> Iterator[RootPair]:
    """Pairs of words of one root, at most ``WINDOW`` words apart inside one clause, in text
    order; each word belongs to one pair at most."""
    rules = profile.roots
    if rules is None or not profile.can_stem:
        return
    allowed = frozenset(_root(profile, w) for w in rules.allowed)
    words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    # clause number of each word: a break in the gap before it opens a new clause
    clause = 0
    clauses: list[int] = []
    prev_end = 0
    for start, end, _ in words:
        if _BREAK_RE.search(text, prev_end, start):
            clause += 1
        clauses.append(clause)
        prev_end = end
    used = -1
    for i, (a_start, _a_end, a) in enumerate(words):
        if i <= used or not _eligible(text, a_start, a, profile, rules):
            continue
        for j in range(i + 1, min(len(words), i + 1 + WINDOW)):
            if clauses[j] != clauses[i]:
                break
            b_start, b_end, b = words[j]
            if not _eligible(text, b_start, b, profile, rules):
                continue
            al, bl = a.lower(), b.lower()
            if al == bl and j == i + 1:
                break  # a doubled word: TQ201's job
            if rules.capitalised_nouns and a[0].isupper() and b[0].isupper():
                continue  # two nouns, or a name and its noun: "Niederländer aus den Niederlanden"
            root = _same_root(profile, rules, al, bl)
            if root is None or root in allowed or _root(profile, al) in allowed:
                continue
            if j == i + 1 and _root(profile, al) == _root(profile, bl):
                continue  # one word in two cases side by side: "шутки шутками, а ..."
            between = [w[2].lower() for w in words[i + 1 : j]]
            if _idiomatic_gap(between, profile, rules):
                continue
            used = j
            yield RootPair(a_start, b_end, a, b, root)
            break


def _eligible(text: str, start: int, word: str, profile: Profile, rules: RootRules) -> bool:
    low = word.lower()
    if len(low) < MIN_LETTERS or low in profile.function_words or low in rules.clause_words:
        return False
    if word.isupper():
        return False  # acronyms
    # a capital letter inside a sentence marks a name, except where nouns are capitalised
    return not (word[0].isupper() and not rules.capitalised_nouns and not _sentence_start(text, start))


def _idiomatic_gap(between: list[str], profile: Profile, rules: RootRules) -> bool:
    """True when the words between the two make the pair ordinary: a single linking word ("ден
    след ден", "Schritt für Schritt", "время от времени"), a word that opens a new clause, or
    more than one content word (a verb between: a new predicate)."""
    if len(between) == 1 and between[0] in rules.links:
        return True
    if any(w in rules.clause_words for w in between):
        return True
    return sum(w not in profile.function_words for w in between) > MAX_BETWEEN_CONTENT
