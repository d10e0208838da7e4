"""The language of a document, from the share of each language profile's function words
(:mod:`tqkit.profiles`); langdetect decides only when no profile fits."""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from tqkit.langs import detect
from tqkit.profiles import base_code, is_language_code, known_languages, profile_for
from tqkit.text.scripts import script_counts

_WORD_RE = re.compile(r"[^\W\d_]+")
# a profile's function words must make up this share of a text's words to name its language
_MIN_SHARE = 0.12
_SAMPLE_WORDS = 300
# below this many words another language must beat the default by a clear margin
_SHORT_TEXT = 40
_SHORT_MARGIN = 0.15


def detect_language(text: str, default: str = "en") -> str:
    """The language of a document, from the share of each profile's function words among its
    first words, among the profiles written in the text's main script (cheap: no model). A
    short text keeps ``default`` unless another language clearly wins; when no profile fits,
    langdetect decides (loaded only then)."""
    words = [m.group() for m in islice(_WORD_RE.finditer(text), _SAMPLE_WORDS)]
    n = len(words)
    counts = Counter(" ".join(words).lower().split())
    if n < 4:
        return default
    scripts = script_counts("".join(list(counts)[:200]))
    main = scripts.most_common(1)[0][0] if scripts else "Latin"
    shares: dict[str, float] = {}
    for code in known_languages():
        profile = profile_for(code)
        if main in profile.scripts:
            shares[code] = sum(c for w, c in counts.items() if w in profile.function_words) / n
    best = max(shares, key=shares.__getitem__, default="")
    if best and shares[best] >= _MIN_SHARE:
        if n < _SHORT_TEXT and best != default and default in shares:
            # a line of English naming "von der Leyen" is not German
            return best if shares[best] >= shares[default] + _SHORT_MARGIN else default
        return best
    guesses = detect(" ".join(list(counts)[:400]))
    if guesses and is_language_code(guesses[0][0]):
        return base_code(guesses[0][0])
    return best or default
