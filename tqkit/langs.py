"""Language identification for paragraphs: langdetect plus a fast Unicode-script classifier.

``detect`` wraps langdetect so that its results are deterministic: the factory's seed is fixed
(``DetectorFactory.seed = 0``) and every call builds a fresh detector, so the answer for a text
never depends on what was detected before, in this process or another. langdetect's language
profiles take a noticeable fraction of a second to load; they are loaded lazily, once per
process, on the first call that really needs them.

``script_mix`` tells which writing systems the letters of a text belong to
(:mod:`tqkit.text.scripts`, by code-point ranges). It is cheap
enough to run on every paragraph of a document and is what tells checks when langdetect is worth
calling at all.

langdetect has no profile for Armenian or Georgian; text written mostly in those scripts is
identified by its script instead.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from tqkit.document import MASK, paragraph_spans
from tqkit.findings import Span
from tqkit.text.scripts import Script, script_counts


def script_mix(text: str) -> dict[str, float]:
    """Share of the letters of ``text`` in each script, largest first (empty without letters).

    >>> script_mix("Sofia – София")
    {'Cyrillic': 0.5, 'Latin': 0.5}
    """
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return {}
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return {script.value: n / total for script, n in ordered}


# Scripts a language is normally written in (for "foreign script" tests). Languages not listed
# are taken to be written in Latin script.
LANG_SCRIPTS: dict[str, frozenset[str]] = {
    "ru": frozenset({"Cyrillic"}),
    "bg": frozenset({"Cyrillic"}),
    "uk": frozenset({"Cyrillic"}),
    "mk": frozenset({"Cyrillic"}),
    "be": frozenset({"Cyrillic"}),
    "sr": frozenset({"Cyrillic", "Latin"}),
    "kk": frozenset({"Cyrillic"}),
    "hy": frozenset({"Armenian"}),
    "ka": frozenset({"Georgian"}),
    "el": frozenset({"Greek"}),
    "he": frozenset({"Hebrew"}),
    "ar": frozenset({"Arabic"}),
    "fa": frozenset({"Arabic"}),
    "ur": frozenset({"Arabic"}),
    "hi": frozenset({"Devanagari"}),
    "mr": frozenset({"Devanagari"}),
    "ne": frozenset({"Devanagari"}),
    "bn": frozenset({"Bengali"}),
    "pa": frozenset({"Gurmukhi"}),
    "gu": frozenset({"Gujarati"}),
    "ta": frozenset({"Tamil"}),
    "te": frozenset({"Telugu"}),
    "kn": frozenset({"Kannada"}),
    "ml": frozenset({"Malayalam"}),
    "th": frozenset({"Thai"}),
    "zh": frozenset({"CJK"}),
    "zh-cn": frozenset({"CJK"}),
    "zh-tw": frozenset({"CJK"}),
    "ja": frozenset({"CJK", "Kana"}),
    "ko": frozenset({"Hangul", "CJK"}),
}

# Scripts langdetect has no profile for, used by a single language we care about.
# Scripts of one language in practice (langdetect's guess adds nothing but noise for them).
_SCRIPT_ONLY_LANGS = {
    "Armenian": "hy",
    "Georgian": "ka",
    "Bengali": "bn",
    "Gurmukhi": "pa",
    "Gujarati": "gu",
    "Tamil": "ta",
    "Telugu": "te",
    "Kannada": "kn",
    "Malayalam": "ml",
    "Thai": "th",
    "Greek": "el",
    "Khmer": "km",
    "Myanmar": "my",
    "Sinhala": "si",
    "Lao": "lo",
    "Tibetan": "bo",
}


def native_scripts(lang: str) -> frozenset[str]:
    """The scripts ``lang`` (a code such as ``en``, ``bg`` or ``en-GB``) is written in."""
    code = lang.lower()
    if code in LANG_SCRIPTS:
        return LANG_SCRIPTS[code]
    return LANG_SCRIPTS.get(code.split("-")[0].split("_")[0], frozenset({"Latin"}))


def foreign_script_share(text: str, lang: str) -> float:
    """Share of the letters of ``text`` written in a script ``lang`` does not use."""
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return 0.0
    native = native_scripts(lang)
    return sum(n for s, n in counts.items() if s not in native) / total


# -- language names --------------------------------------------------------------------------

LANGUAGE_NAMES: dict[str, str] = {
    "af": "Afrikaans", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian",
    "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "gu": "Gujarati",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh",
    "kn": "Kannada", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ml": "Malayalam", "mr": "Marathi", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian",
    "pa": "Punjabi", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "so": "Somali", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "th": "Thai",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh": "Chinese", "km": "Khmer", "my": "Burmese", "si": "Sinhala", "lo": "Lao", "bo": "Tibetan",
    "zh-cn": "Chinese (Simplified)", "zh-tw": "Chinese (Traditional)",
}  # fmt: skip


def language_name(code: str) -> str:
    """English name of a language code (the code itself when unknown)."""
    code_l = code.lower()
    return LANGUAGE_NAMES.get(code_l) or LANGUAGE_NAMES.get(code_l.split("-")[0], code)


def same_language(a: str, b: str) -> bool:
    """``en`` and ``en-GB`` are the same language; ``zh-cn`` and ``zh`` too."""
    return a.lower().replace("_", "-").split("-")[0] == b.lower().replace("_", "-").split("-")[0]


# -- langdetect --------------------------------------------------------------------------------

_lock = threading.Lock()
_factory_ready = False


def _ensure_factory() -> None:
    """Load langdetect's profiles once per process (shared with plain ``langdetect`` calls)."""
    global _factory_ready
    if _factory_ready:
        return
    with _lock:
        if _factory_ready:
            return
        from langdetect import detector_factory
        from langdetect.detector_factory import DetectorFactory

        DetectorFactory.seed = 0
        detector_factory.init_factory()
        _factory_ready = True


def profiles_loaded() -> bool:
    """True once langdetect's profiles are in memory (used by tests of laziness)."""
    return _factory_ready


def _langdetect(text: str) -> list[tuple[str, float]]:
    _ensure_factory()
    from langdetect import detector_factory
    from langdetect.detector_factory import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    factory = detector_factory._factory
    assert factory is not None
    DetectorFactory.seed = 0  # a fresh, seeded detector per call: deterministic
    detector = factory.create()
    detector.append(text)
    try:
        found = detector.get_probabilities()
    except LangDetectException:  # no letters langdetect knows
        return []
    return [(lang.lang, float(lang.prob)) for lang in found]


def detect(text: str) -> list[tuple[str, float]]:
    """Candidate languages of ``text`` with probabilities, most likely first.

    Deterministic across calls and processes. Text written mostly (>= 50 % of its letters) in
    Armenian or Georgian script, which langdetect does not model, is identified by its script,
    with the script's share as the probability; Latin-script Azerbaijani, which langdetect
    takes for Turkish, is told apart by its schwa (ə). Empty list when nothing can be said.
    """
    text = text.replace(MASK, " ")
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return []
    top_script, top_n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if top_script in _SCRIPT_ONLY_LANGS and top_n / total >= 0.5:
        return [(_SCRIPT_ONLY_LANGS[top_script], top_n / total)]
    # Chinese, Japanese and Korean by script first: langdetect's n-grams take short CJK text
    # mixed with Latin letters for Norwegian or Vietnamese
    cjk = counts[Script.CJK] + counts[Script.KANA] + counts[Script.HANGUL]
    if cjk / total >= 0.5:
        if counts[Script.KANA] >= 0.1 * cjk:
            return [("ja", cjk / total)]
        if counts[Script.HANGUL] >= 0.5 * cjk:
            return [("ko", cjk / total)]
        return [("zh", cjk / total)]
    found = _langdetect(text)
    if found and found[0][0] == "tr" and _looks_azerbaijani(text):
        found[0] = ("az", found[0][1])
    return found


def _looks_azerbaijani(text: str) -> bool:
    """langdetect has no Azerbaijani profile and calls it Turkish; the schwa (ə), which Turkish
    does not use, tells them apart."""
    lowered = text.lower()
    return lowered.count("ə") >= 2 or ("ə" in lowered and "q" in lowered)


# -- paragraphs --------------------------------------------------------------------------------


RELIABLE_MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class ParagraphLanguage:
    """What :func:`paragraph_languages` says about one paragraph."""

    index: int  # 1-based
    span: Span
    words: int
    languages: list[tuple[str, float]] = field(default_factory=list)
    scripts: dict[str, float] = field(default_factory=dict)

    @property
    def reliable(self) -> bool:
        """langdetect guesses on fewer than four words (headlines, datelines) are noise."""
        return self.words >= RELIABLE_MIN_WORDS

    @property
    def language(self) -> str | None:
        return self.languages[0][0] if self.languages else None

    @property
    def probability(self) -> float:
        return self.languages[0][1] if self.languages else 0.0


def _count_words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalpha() for ch in w))


def iter_paragraph_languages(doc_text: str) -> Iterator[ParagraphLanguage]:
    for i, span in enumerate(paragraph_spans(doc_text), 1):
        chunk = doc_text[span.start : span.end]
        yield ParagraphLanguage(
            index=i,
            span=span,
            words=_count_words(chunk),
            languages=detect(chunk),
            scripts=script_mix(chunk),
        )


def paragraph_languages(doc_text: str) -> list[ParagraphLanguage]:
    """Language candidates and script mix of every blank-line separated paragraph."""
    return list(iter_paragraph_languages(doc_text))


def likely_language(text: str) -> str | None:
    """The most likely language of ``text`` (seeded langdetect on its first 5,000 characters),
    or None. A language detector; :func:`tqkit.text.translit.romanisation_language` only picks
    a romanisation from the letters."""
    found = detect(text[:5000])
    return found[0][0] if found else None
