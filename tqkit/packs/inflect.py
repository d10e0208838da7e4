"""English inflection for ``word~`` tokens, from lemminflect's bundled lexicon (no downloads).

Used only when packs are compiled: every inflected form is precomputed, so matching stays a
literal lookup and a cached pack set never imports lemminflect.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_OOV_POS = ("NOUN", "VERB")


def _lemminflect() -> Any:
    try:
        import lemminflect
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RuntimeError("`word~` needs lemminflect: pip install 'lemminflect>=0.2.3,<0.3'") from exc
    return lemminflect


@lru_cache(maxsize=8192)
def inflections(word: str) -> dict[str, tuple[str, ...]]:
    """``{form: (Penn tags...)}`` for every inflection of every lemma of ``word`` (the word
    itself included). Words outside the lexicon get the regular noun and verb forms."""
    lm = _lemminflect()
    w = word.lower()
    lemmas = {w}
    for group in lm.getAllLemmas(w).values():
        lemmas.update(group)
    out: dict[str, list[str]] = {}
    found = False
    for lemma in sorted(lemmas):
        table = lm.getAllInflections(lemma)
        if table:
            found = True
        for tag, forms in table.items():
            for form in forms:
                out.setdefault(form.lower(), []).append(tag)
    if not found:
        for pos in _OOV_POS:
            for tag, forms in lm.getAllInflectionsOOV(w, pos).items():
                for form in forms:
                    out.setdefault(form.lower(), []).append(tag)
    out.setdefault(w, [])
    return {form: tuple(dict.fromkeys(tags)) for form, tags in out.items()}


@lru_cache(maxsize=8192)
def inflect_as(lemma: str, tags: tuple[str, ...]) -> str:
    """``lemma`` in the first of ``tags`` it has (``hold`` as VBD is ``held``); the lemma
    itself when none applies. Multi-word lemmas inflect their first word."""
    if not tags:
        return lemma
    lm = _lemminflect()
    first, _, rest = lemma.partition(" ")
    for tag in tags:
        upos = {"N": "NOUN", "V": "VERB", "J": "ADJ", "R": "ADV"}.get(tag[:1], "")
        base = first
        if upos:
            lemmas = lm.getLemma(first, upos=upos, lemmatize_oov=True)
            base = lemmas[0] if lemmas else first
        forms = lm.getInflection(base, tag=tag, inflect_oov=True)
        if forms:
            word = str(forms[0])
            if first[:1].isupper():
                word = word[:1].upper() + word[1:]
            return word + (" " + rest if rest else "")
    return lemma
