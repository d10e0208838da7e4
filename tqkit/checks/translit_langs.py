"""Transliterated words (TQ102) in copy that is not English.

Two mechanisms, chosen by the profile's ``translit`` data:

- ``source: en`` (Bulgarian, Russian, Ukrainian): an English word spelled in Cyrillic letters
  that the language has not adopted ("бекграунд" for "background", "стейкхолдери" for
  "stakeholders"). The oracle for "is it a real word" is the profile's word list (and the
  lemmatiser, when it knows the word); for "is it English" the word must hold a letter group
  English spelling leaves (the profile's ``markers``: "-инг", "ейк", "аунд") and its consonant
  skeleton, inflection stripped, must be the skeleton of a common English word. Adopted
  loans carry the language's own suffixes (-ация, -ция, -изъм) and so differ in skeleton from
  the English spelling ("ескалация" is not "escalation").
- ``source: slavic`` (German): a Russian or Bulgarian word romanised the German way and left
  untranslated ("die Opoltschenzy"): not in the German or English word lists, with a Slavic
  ending from the profile. Capitalised words are nouns in German, so they are reported only
  with a Slavic plural ending after an article; names stay quiet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from tqkit.datafiles import load_wordlist
from tqkit.errors import ResourceError
from tqkit.profiles import Profile, TranslitRules

MIN_LETTERS = 6  # shorter words are never judged
MIN_SKELETON = 5  # consonants an English skeleton needs to count as evidence
ENGLISH_MIN_ZIPF = 3.0  # the English word must be common (about once per million words)

_CYRILLIC_WORD_RE = re.compile(r"(?<![\w'’-])[а-яёіїєґўъь]+(?![\w'’-])")
_LATIN_WORD_RE = re.compile(r"(?<![\w'’-])[^\W\d_]+(?![\w'’-])")

# Cyrillic letters as the consonant classes of English spelling; vowels (with й and ъ) are one
# vowel slot "V"; ь and х (English h is mostly silent or absent) are dropped.
_CYR = {
    "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "ж": "zh", "з": "s", "к": "k", "л": "l",
    "м": "m", "н": "n", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sht",
}  # fmt: skip
_CYR_VOWELS = frozenset("аеёиоуыэюяйъіїє")


@dataclass(frozen=True)
class TranslitHit:
    start: int
    end: int
    word: str
    # the English words it spells (``source: en``), or nothing
    english: tuple[str, ...] = ()


def _key(units: list[str]) -> str:
    """Units joined with repeats collapsed ("tt" is "t", two vowels one slot), without a final
    vowel slot (English silent e, Slavic inflection vowels)."""
    out: list[str] = []
    for u in units:
        if u and not (out and out[-1] == u):
            out.append(u)
    while out and out[-1] == "V":
        out.pop()
    return "".join(out)


def cyrillic_skeleton(word: str) -> str:
    """The consonants and vowel slots of a Cyrillic word as English spelling would have them
    ("бекграунд" -> "bVkgrVnd"); "дж" is "j"."""
    w = word.replace("дж", "\x00")
    return _key(["j" if ch == "\x00" else "V" if ch in _CYR_VOWELS else _CYR.get(ch, "") for ch in w])


_EN_RULES = (
    ("tch", "ch"),
    ("ck", "k"),
    ("ph", "f"),
    ("gh", ""),
    ("wh", "v"),
    ("qu", "kv"),
    ("x", "ks"),
    ("dg", "j"),
    ("th", "t"),
)


def english_skeleton(word: str) -> str:
    """The consonants and vowel slots of an English word as a Cyrillic spelling renders them
    ("background" -> "bVkgrVnd"): c is s before e, i, y and k elsewhere; w is v; z is s; h is
    dropped."""
    w = word.lower()
    for a, b in _EN_RULES:
        w = w.replace(a, b)
    w = re.sub(r"c(?=[eiy])", "s", w)
    w = w.replace("c", "k").replace("q", "k").replace("w", "v").replace("z", "s")
    w = w.replace("sh", "\x01").replace("ch", "\x02")
    units: list[str] = []
    for ch in w:
        if ch in "aeiouy":
            units.append("V")
        elif ch in "\x01\x02":
            units.append("sh" if ch == "\x01" else "ch")
        elif ch.isalpha() and ch != "h":
            units.append(ch)
    return _key(units)


def _consonants(key: str) -> int:
    return sum(1 for ch in key if ch != "V")


@lru_cache(maxsize=1)
def _english_index() -> dict[str, tuple[str, ...]]:
    """Skeleton -> the common English words (six letters or more) with it ("thrilling or
    trolling"), at most three, in alphabetical order."""
    try:
        words = load_wordlist("en", min_zipf=ENGLISH_MIN_ZIPF)
    except (ResourceError, OSError):
        return {}
    index: dict[str, tuple[str, ...]] = {}
    for w in sorted(words):  # sorted: the same word wins in every process
        if len(w) >= MIN_LETTERS and w.isascii() and w.isalpha():
            sk = english_skeleton(w)
            if _consonants(sk) >= MIN_SKELETON and len(index.get(sk, ())) < 3:
                index[sk] = (*index.get(sk, ()), w)
    return index


def _known(profile: Profile, word: str, words: AbstractSet[str]) -> bool:
    """In the word list, another form of a listed word (same Snowball stem), or known to the
    lemmatiser (simplemma's dictionaries are larger than the smaller wordfreq lists)."""
    if word in words:
        return True
    kind, _, lang = (profile.stemmer or "").partition(":")
    if not profile.can_stem:
        return False
    if kind == "snowball":
        # another form of the word is in the list ("модераторов" of "модератор")
        return profile.stem(word) in _stems(profile, words)
    import simplemma

    return bool(simplemma.is_known(word, lang=lang)) or profile.stem(word) in words


_STEMS: dict[tuple[str, int], frozenset[str]] = {}


def _stems(profile: Profile, words: AbstractSet[str]) -> frozenset[str]:
    """The stems of a word list, built once per language the first time a word is in doubt."""
    key = (profile.code, len(words))
    found = _STEMS.get(key)
    if found is None:
        found = _STEMS[key] = frozenset(profile.stem(w) for w in words)
    return found


def _forms(word: str, endings: tuple[str, ...]) -> list[str]:
    """The word without each inflection it ends in, or the word itself when it ends in none (a
    Bulgarian article "-то" would add a consonant the English word does not have)."""
    stripped = [word[: -len(e)] for e in endings if word.endswith(e) and len(word) - len(e) >= MIN_LETTERS - 1]
    return stripped or [word]


def translit_hits(text: str, profile: Profile) -> Iterator[TranslitHit]:
    """Transliterated words in ``text`` by the profile's ``translit`` rules."""
    rules = profile.translit
    if rules is None:
        return
    words = profile.words(rules.min_zipf)
    if words is None:
        return
    if rules.source == "en":
        yield from _english_in_cyrillic(text, profile, rules, words)
    else:
        yield from _slavic_in_latin(text, rules, words)


def _english_in_cyrillic(
    text: str, profile: Profile, rules: TranslitRules, words: AbstractSet[str]
) -> Iterator[TranslitHit]:
    index: dict[str, tuple[str, ...]] | None = None
    seen: dict[str, tuple[str, ...]] = {}
    for m in _CYRILLIC_WORD_RE.finditer(text):
        word = m.group()
        if len(word) < MIN_LETTERS:
            continue
        if word not in seen:
            seen[word] = ()
            forms = _forms(word, rules.endings)
            if rules.markers and not any(mk in word for mk in rules.markers):
                continue  # no trace of English spelling: a rare native word ("баклуши")
            if not _known(profile, word, words) and not any(f in rules.loans for f in (word, *forms)):
                if index is None:
                    index = _english_index()
                for form in forms:
                    hit = index.get(cyrillic_skeleton(form))
                    if hit is not None:
                        seen[word] = hit
                        break
        english = seen[word]
        if english:
            yield TranslitHit(m.start(), m.end(), word, english)


_ARTICLE_BEFORE_RE = re.compile(r"(?:^|\s)(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines)\s+$", re.I)


def _slavic_in_latin(text: str, rules: TranslitRules, words: AbstractSet[str]) -> Iterator[TranslitHit]:
    english: AbstractSet[str] | None = None
    for m in _LATIN_WORD_RE.finditer(text):
        word = m.group()
        low = word.lower()
        if len(low) < MIN_LETTERS or not low.endswith(rules.endings) or low in words:
            continue
        if word[0].isupper():
            if word.isupper() or not low.endswith(rules.plural_endings):
                continue
            if not _ARTICLE_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
                continue  # a name: "Iwanow", "Petrowski"
        elif not word.islower():
            continue
        if english is None:
            try:
                english = load_wordlist("en")
            except (ResourceError, OSError):
                return
        if low in english:
            continue
        yield TranslitHit(m.start(), m.end(), word)
