"""Romanisation of Cyrillic and Armenian, and matching of target tokens to source words.

Systems (tables written here, no dependency):

* ``bg``: the Bulgarian official (Streamlined) system of 2009 (ъ -> a, щ -> sht, word-final
  -ия -> ia).
* ``ru-bgn``: BGN/PCGN for Russian (ё -> ë, е -> ye at the start of a word and after vowels,
  ъ and ь as ” and ’).
* ``iso9``: ISO 9:1995, one letter for one letter with diacritics (ж -> ž, щ -> ŝ; Bulgarian
  ъ -> ǎ).
* ``hy-bgn``: BGN/PCGN 1981 for Armenian (ե -> ye at the start of a word, ո -> vo, ու -> u).

:func:`source_word_for` answers "which word of the source does this target token transliterate?"
across inflection: Slavic endings are stripped on the source side, English plural and possessive
endings on the target side, and the romanised stems are compared loosely (several systems,
a phonetic fold, a rapidfuzz similarity threshold).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

# -- tables ------------------------------------------------------------------------------------

_BG: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht",
    "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
    # letters of other Cyrillic alphabets, so that a Russian word in Bulgarian copy still reads
    "ё": "yo", "ы": "y", "э": "e", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip

_RU_BGN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "”", "ы": "y", "ь": "’", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "w",
}  # fmt: skip

_ISO9: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "ž", "з": "z",
    "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č", "ш": "š", "щ": "ŝ",
    "ъ": "ʺ", "ы": "y", "ь": "ʹ", "э": "è", "ю": "û", "я": "â", "і": "ì", "ї": "ï", "є": "ê",
    "ґ": "g̀", "ў": "ŭ", "ѣ": "ě", "ѫ": "ǎ",
}  # fmt: skip

_HY_BGN: dict[str, str] = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y", "թ": "t’",
    "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h", "ձ": "dz",
    "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o", "չ": "ch’",
    "պ": "p", "ջ": "j", "ռ": "r", "ս": "s", "վ": "v", "տ": "t", "ր": "r", "ց": "ts’",
    "ւ": "w", "փ": "p’", "ք": "k’", "օ": "o", "ֆ": "f", "և": "ev",
}  # fmt: skip

SYSTEMS: dict[str, str] = {
    "bg": "Bulgarian official (Streamlined) system",
    "ru-bgn": "BGN/PCGN romanisation of Russian",
    "iso9": "ISO 9:1995 (Cyrillic, with diacritics)",
    "hy-bgn": "BGN/PCGN romanisation of Armenian",
}

DEFAULT_SYSTEM = {"bg": "bg", "ru": "ru-bgn", "uk": "ru-bgn", "be": "ru-bgn", "mk": "bg", "sr": "iso9", "hy": "hy-bgn"}

_CYR_VOWELS = set("аеёиоуыэюяіїє")
_HY_VOWELS = set("աեէըիոօ")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


def _is_armenian(ch: str) -> bool:
    return "\u0531" <= ch <= "\u058f"


def _case_like(src: str, out: str, next_upper: bool) -> str:
    if not src.isupper() or not out:
        return out
    # Д -> D, Ж -> Zh, but ЖЖ (all capitals) -> ZH
    return out.upper() if next_upper else out[0].upper() + out[1:]


def romanise(text: str, lang: str | None = None, system: str | None = None) -> str:
    """Romanise Cyrillic or Armenian letters of ``text`` (other characters are kept).

    ``system`` is one of :data:`SYSTEMS`; by default it follows ``lang`` (``bg`` -> ``bg``,
    ``ru`` -> ``ru-bgn``, ``hy`` -> ``hy-bgn``), and for an unknown language the script decides
    (Cyrillic: ``bg`` when the text looks Bulgarian, else ``ru-bgn``).
    """
    system = _pick_system(text, lang, system)
    out: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if system == "hy-bgn" and _is_armenian(ch):
            rep, step = _armenian_letter(text, i)
        elif _is_cyrillic(ch):
            rep, step = _cyrillic_letter(text, i, system)
        else:
            rep, step = ch, 1
        out.append(rep)
        i += step
    return "".join(out)


def _pick_system(text: str, lang: str | None, system: str | None) -> str:
    """The romanisation system: ``system`` when given, else the default for ``lang``, else the
    one the script of ``text`` suggests. Raises ValueError for an unknown system."""
    if system is None:
        if lang and lang.split("-")[0].lower() in DEFAULT_SYSTEM:
            system = DEFAULT_SYSTEM[lang.split("-")[0].lower()]
        else:
            guessed = romanisation_language(text)
            system = DEFAULT_SYSTEM.get(guessed or "ru", "ru-bgn")
    if system not in SYSTEMS:
        raise ValueError(f"unknown romanisation system {system!r} (one of {', '.join(SYSTEMS)})")
    return system


def _neighbours(text: str, i: int) -> tuple[str, str, bool]:
    """(lower-cased previous character or "", next character or "", word starts at ``i``)."""
    prev = text[i - 1].lower() if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return prev, nxt, not prev or not prev.isalpha()


def _armenian_letter(text: str, i: int) -> tuple[str, int]:
    """BGN/PCGN romanisation of the Armenian letter at ``i``: (replacement, letters consumed)."""
    ch = text[i]
    low = ch.lower()
    prev, nxt, word_start = _neighbours(text, i)
    next_upper = nxt.isupper()
    if low == "ո" and nxt.lower() == "ւ":
        return _case_like(ch, "u", next_upper), 2
    rep = _HY_BGN.get(low, ch)
    if low == "ե" and (word_start or prev in _HY_VOWELS):
        rep = "ye"
    elif low == "ո" and word_start:
        rep = "vo"
    elif low == "և" and word_start:
        rep = "yev"
    return _case_like(ch, rep, next_upper), 1


def _cyrillic_letter(text: str, i: int, system: str) -> tuple[str, int]:
    """Romanisation of the Cyrillic letter at ``i`` in ``system``: (replacement, letters consumed)."""
    ch = text[i]
    low = ch.lower()
    prev, nxt, word_start = _neighbours(text, i)
    next_upper = nxt.isupper()
    if system == "bg":
        if low == "и" and nxt.lower() == "я" and not (i + 2 < len(text) and text[i + 2].isalpha()):
            return _case_like(ch, "i", next_upper) + _case_like(nxt, "a", False), 2
        rep = _BG.get(low, ch)
    elif system == "ru-bgn":
        rep = _RU_BGN.get(low, ch)
        if low in "её" and (word_start or prev in _CYR_VOWELS or prev in "йъь"):
            rep = "y" + rep
        elif low == "ы" and prev in _CYR_VOWELS:
            rep = "·y"
    else:
        rep = _ISO9.get(low, ch)
        if low == "ъ" and _looks_bulgarian_context(text):
            rep = "ǎ"
    return _case_like(ch, rep, next_upper), 1


def _looks_bulgarian_context(text: str) -> bool:
    return romanisation_language(text) == "bg"


_BG_MARKERS = re.compile(r"(?:\b(?:на|се|са|във|със|че|ще|който|която|които|това|тези|беше|бъде)\b|[а-я]ъ[а-я]|щ)")
_RU_MARKERS = re.compile(
    r"(?:[ыэё]|ь(?!о)|\b(?:это|что|который|которая|были|было|будет|его|она|они|в|к)\b|ъе|"
    r"(?:ого|ому|ый|ий|ой)\b)"
)


def romanisation_language(text: str) -> str | None:
    """Which romanisation applies to ``text``: ``bg``, ``ru`` or ``hy``, from its letters (None
    when there is no Cyrillic or Armenian). Cheap and good enough to pick a romanisation system;
    not a language detector (that is :func:`tqkit.langs.likely_language`)."""
    cyr = arm = 0
    for ch in text:
        if _is_cyrillic(ch):
            cyr += 1
        elif _is_armenian(ch):
            arm += 1
    if arm > cyr:
        return "hy"
    if not cyr:
        return None
    low = text.lower()
    bg = len(_BG_MARKERS.findall(low))
    ru = len(_RU_MARKERS.findall(low))
    if re.search(r"[ыэё]", low):
        ru += 3
    return "ru" if ru > bg else "bg"


def ascii_fold(text: str) -> str:
    """Letters without diacritics and transliteration apostrophes, lower case."""
    text = text.lower().replace("ʹ", "").replace("ʺ", "").replace("’", "").replace("”", "")
    text = text.replace("·", "").replace("'", "")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_FOLD_STEPS = (
    ("shch", "sh"), ("sht", "sh"), ("kh", "h"), ("x", "ks"), ("ph", "f"), ("ck", "k"),
    ("c", "k"), ("q", "k"), ("w", "v"), ("zh", "j"), ("dzh", "j"), ("y", "i"), ("j", "i"),
    ("ts", "z"), ("tz", "z"),
)  # fmt: skip


def phonetic_key(word: str) -> str:
    """A coarse phonetic key for comparing spellings of one name (Moskva ~ Moscow, Tsvetkov ~
    Zvetkov): ASCII, lower case, k/c/q and v/w and i/y/j merged, doubled letters single."""
    s = ascii_fold(word)
    for a, b in _FOLD_STEPS:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=4096)
def romanisations(word: str, lang: str | None = None) -> frozenset[str]:
    """ASCII romanisations of one source word under every relevant system."""
    if not any(_is_cyrillic(c) or _is_armenian(c) for c in word):
        return frozenset({ascii_fold(word)})
    if any(_is_armenian(c) for c in word):
        systems: Iterable[str] = ("hy-bgn",)
    elif lang and lang.split("-")[0].lower() == "bg":
        systems = ("bg", "ru-bgn", "iso9")
    else:
        systems = ("ru-bgn", "bg", "iso9")
    return frozenset(ascii_fold(romanise(word, system=s)) for s in systems)


# -- inflection ----------------------------------------------------------------------------------

# Endings stripped from source words, longest first (Bulgarian and Russian nominal and adjectival
# endings, Bulgarian articles). A stem keeps at least three letters.
_SLAVIC_ENDINGS = tuple(sorted({
    # Bulgarian articles and plurals
    "ият", "ия", "ът", "ят", "та", "то", "те", "ите", "ове", "овете", "еве", "евете", "ци",
    "ците", "ища", "ищата", "а", "я", "о", "е", "и", "ски", "ска", "ско", "ските",
    "ов", "ова", "ово", "ови", "ев", "ева", "еви", "ин", "ина", "ини",
    # Russian cases
    "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "ами", "ями", "ы", "у", "ю", "ого", "его",
    "ому", "ему", "ым", "им", "ых", "их", "ая", "яя", "ое", "ее", "ую", "юю", "ые", "ие",
    "ский", "ского", "скому", "ским", "ском", "ская", "ской", "скую", "ские", "ских",
    "овой", "овым", "ову", "овых", "евой", "евым", "ину", "иной", "иным", "цы", "цев",
    "ья", "ье", "ьи", "ью", "ию", "ии",
}, key=len, reverse=True))  # fmt: skip

_HY_ENDINGS = tuple(
    sorted(
        {"ը", "ն", "ի", "ից", "ով", "ում", "ներ", "ները", "ների", "երը", "երի", "եր", "յան", "յանը", "յանի", "ու"},
        key=len,
        reverse=True,
    )
)

# English endings of a borrowed name: Kmetovs, Kmetov's, Kmetovian, Sofians.
_EN_ENDINGS = ("'s", "’s", "s'", "s’", "ians", "ian", "ans", "an", "es", "s", "i", "a", "y")


def source_stems(word: str) -> list[str]:
    """The word and its stems with one inflectional ending removed (lower case)."""
    w = word.lower()
    out = [w]
    endings = _HY_ENDINGS if any(_is_armenian(c) for c in w) else _SLAVIC_ENDINGS
    for end in endings:
        if w.endswith(end) and len(w) - len(end) >= 3:
            out.append(w[: -len(end)])
    return out


def target_stems(token: str) -> list[str]:
    """A Latin-script token and its stems without English plural/possessive endings."""
    w = ascii_fold(token.replace("’", "'"))
    out = [w]
    low = token.lower().replace("’", "'")
    for end in _EN_ENDINGS:
        e = end.replace("’", "'")
        if low.endswith(e) and len(low) - len(e) >= 3:
            out.append(ascii_fold(low[: -len(e)]))
    return out


_CYR_WORD_RE = re.compile(r"[\u0400-\u052f\u0531-\u058f]+(?:[-’'][\u0400-\u052f\u0531-\u058f]+)*")

MIN_SIMILARITY = 88.0


def word_similarity(token: str, source_word: str, source_lang: str | None = None) -> float:
    """0-100: how well a Latin-script token reads as a transliteration of ``source_word``,
    across inflection on both sides (the best pair of stems, compared after romanisation and
    the phonetic :func:`phonetic_key`)."""
    tstems = target_stems(token)
    tfolds = {phonetic_key(t) for t in tstems if len(t) >= 3}
    if not tfolds:
        return 0.0
    best = 0.0
    for stem in source_stems(source_word):
        for rom in romanisations(stem, source_lang):
            f = phonetic_key(rom)
            if len(f) < 3:
                continue
            for t in tfolds:
                if t[0] != f[0]:
                    continue
                if t == f:
                    return 100.0
                score = fuzz.ratio(t, f)
                # a stem that is a prefix of the other (Petkov / Petkova) is as good
                short, long_ = (t, f) if len(t) <= len(f) else (f, t)
                if len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 3:
                    score = max(score, 95.0)
                best = max(best, score)
    return best


def source_word_for(token: str, source_text: str, source_lang: str | None = None) -> str | None:
    """The word of ``source_text`` that ``token`` transliterates, or None.

    ``source_word_for("Kmetovs", "... кметовете ...", "bg") == "кметовете"``. Only source words
    in Cyrillic or Armenian script are considered; ties go to the first occurrence.
    """
    if not token or not any(ch.isalpha() for ch in token):
        return None
    if any(_is_cyrillic(c) or _is_armenian(c) for c in token):
        return None
    lang = source_lang if source_lang and source_lang not in ("und", "") else romanisation_language(source_text)
    best_word: str | None = None
    best = 0.0
    seen: set[str] = set()
    for m in _CYR_WORD_RE.finditer(source_text):
        word = m.group()
        key = word.lower()
        if key in seen:
            continue
        seen.add(key)
        score = word_similarity(token, word, lang)
        if score > best:
            best, best_word = score, word
            if score >= 100.0:
                break
    return best_word if best >= MIN_SIMILARITY else None
