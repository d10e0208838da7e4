"""Writing systems: one :class:`Script` enum and one code-point table for every module that asks
which script a letter is in (language identification, mixed-script words, untranslated words,
the glossary's source-language guess).

``script_of`` looks a letter up by code-point range (no ``unicodedata`` look-ups, one dictionary
hit per distinct character), cheap enough for every paragraph of a document. ``script_label``
is the name a message shows. ``Script`` is a ``StrEnum``: a member equals its name
(``Script.CYRILLIC == "Cyrillic"``), so scripts read from data files compare directly.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum

__all__ = ["Script", "script_counts", "script_label", "script_of", "scripts_in"]


class Script(StrEnum):
    """A writing system, by the name tqkit's profiles and messages use."""

    ARABIC = "Arabic"
    ARMENIAN = "Armenian"
    BENGALI = "Bengali"
    CJK = "CJK"
    CYRILLIC = "Cyrillic"
    DEVANAGARI = "Devanagari"
    ETHIOPIC = "Ethiopic"
    GEORGIAN = "Georgian"
    GREEK = "Greek"
    GUJARATI = "Gujarati"
    GURMUKHI = "Gurmukhi"
    HANGUL = "Hangul"
    HEBREW = "Hebrew"
    KANA = "Kana"
    KANNADA = "Kannada"
    KHMER = "Khmer"
    LAO = "Lao"
    LATIN = "Latin"
    MALAYALAM = "Malayalam"
    MYANMAR = "Myanmar"
    ORIYA = "Oriya"
    SINHALA = "Sinhala"
    SYRIAC = "Syriac"
    TAMIL = "Tamil"
    TELUGU = "Telugu"
    THAANA = "Thaana"
    THAI = "Thai"
    TIBETAN = "Tibetan"
    OTHER = "Other"  # a letter outside the table


# (first code point, last code point, script); non-overlapping, sorted by first code point.
_SCRIPT_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0041, 0x005A, Script.LATIN),
    (0x0061, 0x007A, Script.LATIN),
    (0x00AA, 0x00AA, Script.LATIN),
    (0x00BA, 0x00BA, Script.LATIN),
    (0x00C0, 0x024F, Script.LATIN),
    (0x0250, 0x02AF, Script.LATIN),  # IPA extensions
    (0x0370, 0x03FF, Script.GREEK),
    (0x0400, 0x052F, Script.CYRILLIC),
    (0x0530, 0x058F, Script.ARMENIAN),
    (0x0590, 0x05FF, Script.HEBREW),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0700, 0x074F, Script.SYRIAC),
    (0x0750, 0x077F, Script.ARABIC),
    (0x0780, 0x07BF, Script.THAANA),
    (0x08A0, 0x08FF, Script.ARABIC),
    (0x0900, 0x097F, Script.DEVANAGARI),
    (0x0980, 0x09FF, Script.BENGALI),
    (0x0A00, 0x0A7F, Script.GURMUKHI),
    (0x0A80, 0x0AFF, Script.GUJARATI),
    (0x0B00, 0x0B7F, Script.ORIYA),
    (0x0B80, 0x0BFF, Script.TAMIL),
    (0x0C00, 0x0C7F, Script.TELUGU),
    (0x0C80, 0x0CFF, Script.KANNADA),
    (0x0D00, 0x0D7F, Script.MALAYALAM),
    (0x0D80, 0x0DFF, Script.SINHALA),
    (0x0E00, 0x0E7F, Script.THAI),
    (0x0E80, 0x0EFF, Script.LAO),
    (0x0F00, 0x0FFF, Script.TIBETAN),
    (0x1000, 0x109F, Script.MYANMAR),
    (0x10A0, 0x10FF, Script.GEORGIAN),
    (0x1100, 0x11FF, Script.HANGUL),
    (0x1200, 0x139F, Script.ETHIOPIC),
    (0x1780, 0x17FF, Script.KHMER),
    (0x1C80, 0x1C8F, Script.CYRILLIC),
    (0x1C90, 0x1CBF, Script.GEORGIAN),
    (0x1D00, 0x1D7F, Script.LATIN),  # phonetic extensions
    (0x1E00, 0x1EFF, Script.LATIN),
    (0x1F00, 0x1FFF, Script.GREEK),
    (0x2C60, 0x2C7F, Script.LATIN),
    (0x2D00, 0x2D2F, Script.GEORGIAN),
    (0x2DE0, 0x2DFF, Script.CYRILLIC),
    (0x2E80, 0x2FDF, Script.CJK),
    (0x3005, 0x3007, Script.CJK),
    (0x3040, 0x30FF, Script.KANA),
    (0x3130, 0x318F, Script.HANGUL),
    (0x31F0, 0x31FF, Script.KANA),
    (0x3400, 0x4DBF, Script.CJK),
    (0x4E00, 0x9FFF, Script.CJK),
    (0xA640, 0xA69F, Script.CYRILLIC),
    (0xA720, 0xA7FF, Script.LATIN),
    (0xAB30, 0xAB6F, Script.LATIN),
    (0xAC00, 0xD7AF, Script.HANGUL),
    (0xF900, 0xFAFF, Script.CJK),
    (0xFB00, 0xFB06, Script.LATIN),  # ligatures ﬀ ﬁ ﬂ
    (0xFB13, 0xFB17, Script.ARMENIAN),
    (0xFB1D, 0xFB4F, Script.HEBREW),
    (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE70, 0xFEFF, Script.ARABIC),
    (0xFF21, 0xFF3A, Script.LATIN),
    (0xFF41, 0xFF5A, Script.LATIN),
    (0xFF66, 0xFF9F, Script.KANA),
    (0xFFA0, 0xFFDC, Script.HANGUL),
    (0x20000, 0x3134F, Script.CJK),
)
_RANGE_STARTS = [r[0] for r in _SCRIPT_RANGES]
_script_cache: dict[str, Script | None] = {}


def script_of(ch: str) -> Script | None:
    """The script of one letter (:attr:`Script.OTHER` outside the table); ``None`` for anything
    that is not a letter."""
    try:
        return _script_cache[ch]
    except KeyError:
        pass
    script: Script | None = None
    if ch.isalpha():
        cp = ord(ch)
        i = bisect.bisect_right(_RANGE_STARTS, cp) - 1
        script = _SCRIPT_RANGES[i][2] if i >= 0 and cp <= _SCRIPT_RANGES[i][1] else Script.OTHER
    _script_cache[ch] = script
    return script


def script_counts(text: str) -> Counter[Script]:
    """Number of letters per script in ``text``."""
    counts: Counter[Script] = Counter()
    for ch, n in Counter(text).items():
        script = script_of(ch)
        if script is not None:
            counts[script] += n
    return counts


def script_label(ch: str) -> str:
    """The script of ``ch`` as a message names it: "Cyrillic", "Greek", "Chinese" (for CJK);
    Japanese kana and letters outside the table by their Unicode name ("Hiragana", "Runic");
    "unknown" for an unnamed character."""
    script = script_of(ch)
    if script is Script.CJK:
        return "Chinese"
    if script is not None and script not in (Script.OTHER, Script.KANA):
        return script.value
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "unknown"
    head = name.split(" ", 1)[0]
    return "Chinese" if head == "CJK" else head.capitalize()


def scripts_in(text: str, among: Iterable[Script]) -> set[Script]:
    """Which of the scripts ``among`` occur in ``text`` (stops once all are found)."""
    wanted = set(among)
    found: set[Script] = set()
    for ch in set(text):
        script = script_of(ch)
        if script in wanted:
            found.add(script)
            if len(found) == len(wanted):
                break
    return found
