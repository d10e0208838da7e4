"""Term matching, compiled once per glossary and language.

:class:`TermMatcher` (target side, English) is one Aho-Corasick automaton over the folded
(lower-cased, apostrophe- and hyphen-normalised) forms of every term plus their English plural
forms. A scan of a document is one pass over its text, so the cost grows with the text, not with
the glossary. Hits are kept only at word boundaries; a possessive ``'s`` (or ``s'``) after a hit
is taken into it.

:class:`StemMatcher` (source side: Bulgarian, Russian, Armenian, Azerbaijani, Turkish) matches
sequences of words by their *readings*: a word read as is, or with one common case or article
ending stripped. Two words are forms of one word when their readings meet, so "Нагорни
Карабах", "Нагорния Карабах", "Нагорного Карабаха" and "Нагорный Карабах" all match the same
terms. The lookup is a dict keyed by the readings of a term's first word, so this too is one
pass over the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from tqkit.chunks import automaton_iter
from tqkit.glossary.model import Concept, Term
from tqkit.text.fold import fold
from tqkit.text.scripts import Script, scripts_in


class Match(NamedTuple):
    start: int
    end: int
    term: Term
    concept: str  # concept id

    @property
    def length(self) -> int:
        return self.end - self.start


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) == "Mn"


def _boundary_before(text: str, i: int) -> bool:
    return i == 0 or not _is_word_char(text[i - 1])


def _boundary_after(text: str, i: int) -> bool:
    return i >= len(text) or not _is_word_char(text[i])


def english_plurals(key: str) -> list[str]:
    """Regular plural forms of a (folded) English term's last word."""
    if not key or not key[-1].isalpha():
        return []
    out = [key + "s"]
    if key.endswith(("s", "x", "z", "ch", "sh")):
        out.append(key + "es")
    if len(key) > 1 and key.endswith("y") and key[-2] not in "aeiou":
        out.append(key[:-1] + "ies")
    return out


def resolve(matches: Iterable[Match]) -> list[Match]:
    """Leftmost-longest non-overlapping hits (every hit on a winning span is kept)."""
    ordered = sorted(matches, key=lambda m: (m.start, -m.length))
    out: list[Match] = []
    taken_end = -1
    win: tuple[int, int] | None = None
    for m in ordered:
        if win is not None and (m.start, m.end) == win:
            out.append(m)
            continue
        if m.start < taken_end:
            continue
        out.append(m)
        win = (m.start, m.end)
        taken_end = m.end
    return out


@dataclass
class TermMatcher:
    """Exact (case-insensitive, boundary-checked) matching of one language's terms."""

    lang: str
    entries: list[tuple[Term, str]]
    automaton: ahocorasick.Automaton | None

    @classmethod
    def build(cls, glossary: Iterable[Concept], lang: str) -> TermMatcher:
        return cls.from_terms(((t, c.id) for c in glossary for t in c.terms_in(lang)), lang)

    @classmethod
    def from_terms(cls, items: Iterable[tuple[Term, str]], lang: str = "en") -> TermMatcher:
        entries = [(t, cid) for t, cid in items if t.text.strip()]
        if not entries:
            return cls(lang, entries, None)
        # Fold every term in one call (terms never contain line breaks: YAML scalars are
        # stripped and TBX text is whitespace-normalised).
        keys = fold("\n".join(t.text.replace("\n", " ") for t, _ in entries)).split("\n")
        exact: dict[str, list[int]] = {}
        variant: dict[str, list[int]] = {}
        english = lang == "en" or lang.startswith("en-")
        for idx, key in enumerate(keys):
            exact.setdefault(key, []).append(idx)
            if english:
                for form in english_plurals(key):
                    variant.setdefault(form, []).append(idx)
        auto = ahocorasick.Automaton()
        add = auto.add_word
        for key, idxs in variant.items():
            if key not in exact:
                add(key, (len(key), tuple(idxs)))
        for key, idxs in exact.items():
            add(key, (len(key), tuple(idxs)))
        auto.make_automaton()
        return cls(lang, entries, auto)

    def find_all(self, text: str, *, folded: str | None = None) -> list[Match]:
        """Every boundary-checked hit, overlapping ones included."""
        if self.automaton is None or not text:
            return []
        low = folded if folded is not None else fold(text)
        out: list[Match] = []
        n = len(low)
        for last, (size, idxs) in automaton_iter(self.automaton, low):
            start, end = last - size + 1, last + 1
            if not _boundary_before(low, start):
                continue
            if low.startswith("'s", end) and _boundary_after(low, end + 2):
                end += 2
            elif end < n and low[end] == "'" and low[end - 1] == "s" and _boundary_after(low, end + 1):
                end += 1
            if not _boundary_after(low, end):
                continue
            for i in idxs:
                term, cid = self.entries[i]
                out.append(Match(start, end, term, cid))
        return out

    def find(self, text: str, *, folded: str | None = None) -> list[Match]:
        """Leftmost-longest hits: "Nagorno-Karabakh Republic" hides the "Nagorno-Karabakh"
        and "Karabakh" inside it."""
        return resolve(self.find_all(text, folded=folded))


# -- stems -----------------------------------------------------------------------------------

_ENDINGS: dict[str, tuple[str, ...]] = {
    "ru": (
        "иями",
        "ями",
        "ами",
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "ией",
        "ах",
        "ях",
        "ов",
        "ев",
        "ей",
        "ий",
        "ый",
        "ой",
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        "ых",
        "их",
        "ым",
        "им",
        "ом",
        "ем",
        "ую",
        "юю",
        "ам",
        "ям",
        "ия",
        "ии",
        "ию",
        "а",
        "я",
        "у",
        "ю",
        "е",
        "ы",
        "и",
        "о",
        "ь",
        "й",
    ),
    "bg": (
        "ските",
        "ският",
        "ския",
        "ската",
        "ското",
        "ите",
        "ята",
        "ът",
        "ят",
        "та",
        "то",
        "те",
        "ия",
        "ие",
        "ии",
        "ски",
        "ска",
        "ско",
        "а",
        "я",
        "и",
        "о",
        "е",
        "у",
    ),
    "uk": (
        "ами",
        "ого",
        "ому",
        "ими",
        "ах",
        "ів",
        "ій",
        "ий",
        "ої",
        "ою",
        "ом",
        "ем",
        "ам",
        "а",
        "я",
        "у",
        "ю",
        "е",
        "и",
        "і",
        "о",
        "ь",
    ),
    "hy": ("ներից", "ներում", "ներով", "ներին", "ների", "ներ", "ում", "ից", "ով", "ին", "ի", "ը", "ն", "ու"),
    "az": (
        "ların",
        "lərin",
        "ları",
        "ləri",
        "lar",
        "lər",
        "nın",
        "nin",
        "nun",
        "nün",
        "dan",
        "dən",
        "da",
        "də",
        "ın",
        "in",
        "un",
        "ün",
        "ya",
        "yə",
        "na",
        "nə",
        "a",
        "ə",
        "ı",
        "i",
        "u",
        "ü",
    ),
    "tr": (
        "ların",
        "lerin",
        "ları",
        "leri",
        "lar",
        "ler",
        "nın",
        "nin",
        "nun",
        "nün",
        "dan",
        "den",
        "tan",
        "ten",
        "da",
        "de",
        "ta",
        "te",
        "ın",
        "in",
        "un",
        "ün",
        "ya",
        "ye",
        "na",
        "ne",
        "a",
        "e",
        "ı",
        "i",
        "u",
        "ü",
    ),
}
_MIN_STEM = 3
_WORD_RE = re.compile(r"[^\W\d_]+")
_GAP_RE = re.compile(r"^[\s\-'\u00a0]{1,3}$")


def _norm_word(word: str, lang: str) -> str:
    w = fold(word)
    if lang in ("tr", "az"):
        w = w.replace("ı", "i").replace("\u0307", "")
    return w


def stem(word: str, lang: str) -> str:
    """``word`` folded, with its longest common inflectional ending stripped (if enough
    remains)."""
    w = _norm_word(word, lang)
    for ending in _ENDINGS.get(lang, ()):
        if w.endswith(_norm_word(ending, lang)) and len(w) - len(ending) >= _MIN_STEM:
            return w[: len(w) - len(ending)]
    return w


def stems(word: str, lang: str) -> frozenset[str]:
    """Every reading of ``word`` with no ending or one ending stripped. Two words are forms of
    one word when their readings meet: "Карабах" ({карабах, караб}) and "Карабаха"
    ({карабаха, карабах}) meet in "карабах"."""
    w = _norm_word(word, lang)
    out = {w}
    for ending in _ENDINGS.get(lang, ()):
        e = _norm_word(ending, lang)
        if w.endswith(e) and len(w) - len(e) >= _MIN_STEM:
            out.add(w[: len(w) - len(e)])
    return frozenset(out)


def same_word(a: str, b: str, lang: str) -> bool:
    return not stems(a, lang).isdisjoint(stems(b, lang))


@dataclass
class StemMatcher:
    """Inflection-tolerant matching of one language's terms, word by word."""

    lang: str
    index: dict[str, list[tuple[tuple[frozenset[str], ...], Term, str]]]

    @classmethod
    def build(cls, glossary: Iterable[Concept], lang: str) -> StemMatcher:
        return cls.from_terms(((t, c.id) for c in glossary for t in c.terms_in(lang)), lang)

    @classmethod
    def from_terms(cls, items: Iterable[tuple[Term, str]], lang: str) -> StemMatcher:
        index: dict[str, list[tuple[tuple[frozenset[str], ...], Term, str]]] = {}
        for term, cid in items:
            readings = tuple(stems(w, lang) for w in _WORD_RE.findall(term.text))
            if readings:
                entry = (readings, term, cid)
                for key in readings[0]:
                    index.setdefault(key, []).append(entry)
        return cls(lang, index)

    def find_all(self, text: str) -> list[Match]:
        if not self.index:
            return []
        words = [(m.start(), m.end(), stems(m.group(), self.lang)) for m in _WORD_RE.finditer(text)]
        out: list[Match] = []
        for i, (start, _end, readings) in enumerate(words):
            seen: set[int] = set()
            for key in readings:
                for entry in self.index.get(key, ()):
                    if id(entry) in seen:
                        continue
                    seen.add(id(entry))
                    wanted, term, cid = entry
                    k = len(wanted)
                    if i + k > len(words):
                        continue
                    if all(not words[i + j][2].isdisjoint(wanted[j]) for j in range(1, k)) and all(
                        _GAP_RE.match(text[words[i + j - 1][1] : words[i + j][0]]) for j in range(1, k)
                    ):
                        out.append(Match(start, words[i + k - 1][1], term, cid))
        return out

    def find(self, text: str) -> list[Match]:
        return resolve(self.find_all(text))


SCRIPT_LANGS = {Script.CYRILLIC: ("bg", "ru", "uk"), Script.ARMENIAN: ("hy",), Script.LATIN: ("az", "tr")}


def source_languages(text: str, declared: str | None, available: Sequence[str]) -> list[str]:
    """The glossary languages to look for in a source text: the declared one when the glossary
    has it, else every language whose script occurs in the text."""
    if declared and declared in available and declared != "en":
        return [declared]
    langs: list[str] = []
    for script in sorted(scripts_in(text, SCRIPT_LANGS)):
        langs.extend(lang for lang in SCRIPT_LANGS[script] if lang in available)
    return langs
