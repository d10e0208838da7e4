"""Case folding for matching: one code point per code point, so offsets in the folded text
are offsets in the original (documents, glossary terms and pack patterns all match on it)."""

from __future__ import annotations

__all__ = ["fold"]

# One-to-one character substitutions used for matching (offsets never move).
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "\u2010": "-", "\u2011": "-", "ё": "е", "Ё": "Е"})
_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())


def fold(text: str) -> str:
    """Lower-case ``text`` for matching, keeping its length (one code point per code point):
    curly apostrophes become straight ones, Unicode hyphens ASCII ones, "ё" becomes "е"."""
    # str.replace per character is much faster than str.translate on long texts
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower()[:1] or c for c in text)
