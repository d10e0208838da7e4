"""Transliteration-aware keys for names.

A name reaches English copy through German, Polish, Czech, French or Turkish spelling habits
("Charkow", "Mykolajiw", "Selenskyj", "Harkiv"). :func:`skeleton` maps those habits onto one
key, so that spellings of the same source name through different conventions come out equal
or one edit apart: ``w``→``v``, ``j``→``y``, ``sch``/``sz``→``sh``, ``cz``/``tsch``/``tch``→``ch``,
``ch``/``kh``/``x``→``h`` (the sounds of Cyrillic х and ч share one key: German "ch" is
the first, English "ch" the second), ``y``→``i``, ``ü``→``yu``, ``ou``→``u``, doubled letters
once... :func:`english_fold` is the looser key of
English romanisation choices only (``Ekaterinburg``/``Yekaterinburg``), used to tell an admitted
English variant from a third-language spelling.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

# Letters with their own transliteration value (before accents are stripped).
_LETTERS = {
    "ü": "yu",
    "ö": "yo",
    "ä": "ya",
    "ß": "ss",
    "ł": "l",
    "ż": "zh",
    "ź": "z",
    "ž": "zh",
    "š": "sh",
    "č": "tsch",
    "ć": "tsch",
    "ś": "s",
    "ń": "n",
    "ş": "sh",
    "ç": "tsch",
    "ğ": "g",
    "ı": "i",
    "ə": "a",
    "đ": "d",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ĥ": "h",
}
# Letter groups, longest first (one left-to-right pass, so outputs are never re-read).
_GROUPS = {
    "schtsch": "shh",
    "szcz": "shh",
    "shch": "shh",
    "sch": "sh",
    "tsch": "h",
    "dsch": "j",
    "dzh": "j",
    "dž": "j",
    "tch": "h",
    "cz": "h",
    "sz": "sh",
    "ch": "h",
    "kh": "h",
    "zh": "zh",
    "sh": "sh",
    "ts": "ts",
    "tz": "ts",
    "x": "h",
    "w": "v",
    "j": "y",
    "ou": "u",
    "ph": "f",
    "th": "t",
    "ck": "k",
    "c": "ts",
    "q": "k",
    "'": "",
    "’": "",
    "ʹ": "",
    "ʼ": "",
    "`": "",
    "-": "",
    " ": "",
}
_GROUP_RE = re.compile("|".join(re.escape(g) for g in sorted(_GROUPS, key=len, reverse=True)))
# Doubled consonants carry no transliteration information ("Zaporizhzhia" keeps its zhzh).
_DOUBLE_RE = re.compile(r"([a-z])\1+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def skeleton(name: str) -> str:
    """The transliteration-neutral key of ``name`` (lower case ASCII letters)."""
    low = name.lower()
    low = "".join(_LETTERS.get(ch, ch) for ch in low)
    low = strip_accents(low)
    low = _GROUP_RE.sub(lambda m: _GROUPS[m.group()], low)
    low = _DOUBLE_RE.sub(r"\1", low.replace("y", "i"))
    return "".join(ch for ch in low if "a" <= ch <= "z")


_EN_GROUPS = {
    "yo": "e",
    "ye": "e",
    "iy": "y",
    "ii": "y",
    "yy": "y",
    "ia": "ya",
    "'": "",
    "’": "",
    "ʹ": "",
    "ʼ": "",
    "-": "",
    " ": "",
    "y": "i",
}
_EN_RE = re.compile("|".join(re.escape(g) for g in sorted(_EN_GROUPS, key=len, reverse=True)))


def english_fold(name: str) -> str:
    """A key under which English romanisation variants are equal: apostrophes (soft signs),
    ``ye``/``e``, ``yo``/``e``, ``iy``/``y``/``i``, accents, hyphens and spaces."""
    low = strip_accents(name.lower())
    low = _EN_RE.sub(lambda m: _EN_GROUPS[m.group()], low)
    return _EN_RE.sub(lambda m: _EN_GROUPS[m.group()], low)


def foreign_marks(name: str) -> bool:
    """True when ``name`` uses a spelling habit English romanisation does not (w, j, sch, cz,
    sz, tsch, ü...): the mark of a name carried through German, Polish, Czech or French."""
    low = name.lower()
    if any(ch in _LETTERS for ch in low):
        return True
    return re.search(r"w|j|sch|cz|sz|tsch|tch|dsch|ou|ij|c(?!h)|x", low) is not None


_SOFT_RE = re.compile(r"[aeiouy'’ʹ\s-]")


def english_variant(alt: str, name: str) -> bool:
    """True when ``alt`` differs from ``name`` only in choices English romanisation makes too:
    vowels, ``y`` and apostrophes ("Sergiev"/"Sergiyev", "Ploesti"/"Ploiesti"), or the
    :func:`english_fold` equivalences; never with German, Polish or Czech letters."""
    if foreign_marks(alt):
        return False
    if english_fold(alt) == english_fold(name):
        return True
    a, b = strip_accents(alt.lower()), strip_accents(name.lower())
    if Levenshtein.distance(a, b, score_cutoff=3) > 2:
        return False
    return _SOFT_RE.sub("", a) == _SOFT_RE.sub("", b)
