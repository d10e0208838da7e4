"""TQ105-TQ106: untranslated text in copy written in a non-Latin script (Bulgarian, Russian,
Ukrainian, Armenian ...): words that mix Latin look-alike letters into Cyrillic, and English
phrases left over by machine translation or copy-paste."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import shown
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register
from tqkit.text.scripts import script_of

# A word: letters (any script) with inner combining marks; hyphens and digits end it.
_WORD_RE = re.compile(r"[^\W\d_]+")
# Latin letters that look like Cyrillic ones, for copy in a Cyrillic language. The Ukrainian і,
# Serbian ј and Macedonian ѕ only count in those languages.
_LATIN_TO_CYRILLIC = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "Y": "У", "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х",
    "y": "у",
}  # fmt: skip
_EXTRA_BY_LANG = {
    "uk": {"i": "і", "I": "І"},
    "be": {"i": "і", "I": "І"},
    "sr": {"j": "ј", "J": "Ј"},
    "mk": {"j": "ј", "J": "Ј", "s": "ѕ", "S": "Ѕ"},
}
_CYRILLIC_TO_LATIN = {v: k for k, v in _LATIN_TO_CYRILLIC.items()}
CYRILLIC_LANGS = frozenset({"bg", "ru", "uk", "be", "sr", "mk", "kk", "ky", "tg", "mn"})

# A run of Latin-script words inside non-Latin copy: words joined by spaces, commas, apostrophes.
_LATIN_RUN_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ ,]+[A-Za-z][A-Za-z'’]*){2,}")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "a an the of to in on at for with from by as is are was were be been has have had will would "
    "that this these those it its and or but not which who said says".split()
)


@register
class MixedScriptWord(Rule):
    """A Cyrillic word with a Latin look-alike letter inside ("сe" with a Latin "e"), in Bulgarian,
    Russian, Ukrainian ... copy; the fix restores the letter (safe).

    **What it does.** In Bulgarian, Russian, Ukrainian and other Cyrillic copy, reports words
    that mix Cyrillic and Latin letters. When every Latin letter has a Cyrillic twin (o/о,
    a/а, e/е, c/с, p/р ...) the fix puts the Cyrillic letters back; a mostly Latin word with
    Cyrillic look-alikes ("Facebооk") gets its Latin letters back.

    **Why it matters.** The two words look the same to a reader but not to search engines,
    spell-checkers, hyphenation or a screen reader; mixed keyboards and OCR leave them behind.

    **Example.** "Срещата сe проведе" (Latin "e" in "се"): the fix restores "се".

    **Fix safety.** Swapping a letter for its look-alike twin never changes what the reader
    sees or means: safe. Words with other Latin letters have no fix.
    """

    code = "TQ105"
    name = "mixed-script-word"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.SPELLING
    languages = CYRILLIC_LANGS
    example_lang = "bg"
    fires = ("Срещата сe проведе в София.", "Министърът на oтбраната пристигна.", "Профилът във Facebооk беше спрян.")
    quiet = ("Срещата се проведе в София.", "Профилът във Facebook беше спрян.", "Ракетите С-300 бяха изтеглени.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        lang = (doc.target_lang or "").split("-")[0]
        twins = {**_LATIN_TO_CYRILLIC, **_EXTRA_BY_LANG.get(lang, {})}
        for m in _WORD_RE.finditer(doc.view):
            word = m.group()
            if word.isascii():
                continue
            scripts = [script_of(ch) for ch in word]
            latin = sum(1 for s in scripts if s == "Latin")
            cyrillic = sum(1 for s in scripts if s == "Cyrillic")
            if not latin or not cyrillic:
                continue
            span = Span(m.start(), m.end())
            if cyrillic >= latin:
                fixed = "".join(twins.get(ch, ch) if s == "Latin" else ch for ch, s in zip(word, scripts, strict=True))
                bad = "Latin"
            else:
                fixed = "".join(
                    _CYRILLIC_TO_LATIN.get(ch, ch) if s == "Cyrillic" else ch
                    for ch, s in zip(word, scripts, strict=True)
                )
                bad = "Cyrillic"
            clean = all(script_of(ch) in ("Cyrillic" if bad == "Latin" else "Latin", None) for ch in fixed)
            letters = "".join(sorted({ch for ch, s in zip(word, scripts, strict=True) if s == bad}))
            fixes = (
                [
                    Fix(
                        f"Use {'Cyrillic' if bad == 'Latin' else 'Latin'} letters: “{fixed}”",
                        (Edit(span, fixed),),
                        safe=True,
                    )
                ]
                if clean
                else []
            )
            yield self.finding(
                doc,
                span,
                f"“{shown(word)}” mixes Cyrillic and Latin letters ({bad} {', '.join(letters)}): it looks "
                "right but search and spell-checking will not find it",
                fixes,
            )


@register
class EnglishPassage(Rule):
    """An English phrase left untranslated in copy written in another script (Bulgarian,
    Russian, Armenian ...).

    **What it does.** In copy whose language is not written in the Latin script, reports runs of
    three or more Latin-script words that read as English: at least two English function words
    ("the", "of", "was" ...) among common English words. Names and titles ("The Wall Street
    Journal", "Ministry of Foreign Affairs") stay quiet; a paragraph mostly in English is left
    to TQ103.

    **Why it matters.** Machine translation of agency copy leaves clauses it could not handle
    in English, and editors skim past them in a long article.

    **Example.** "Министърът заяви, че the meeting was held in Sofia." (a leftover English clause).

    **Fix safety.** No fix: the phrase needs translating.
    """

    code = "TQ106"
    name = "english-passage"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.UNTRANSLATED
    languages = None  # any language not written in the Latin script; checked below
    example_lang = "bg"
    fires = (
        "Министърът заяви, че the meeting was held in Sofia, и добави подробности.",
        "Според агенцията, the talks will resume next week, съобщиха от министерството.",
    )
    quiet = (
        "Статията е публикувана в The Wall Street Journal миналата седмица.",
        "Документът е подписан от Ministry of Foreign Affairs на Армения.",
        "Той използва iPhone и MacBook Pro за работа.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.profile is None or "Latin" in ctx.profile.scripts:
            return
        view = doc.view
        common = ctx.resources.common_english_words
        for m in _LATIN_RUN_RE.finditer(view):
            words = re.findall(r"[A-Za-z'’]+", m.group())
            lower = [w.lower() for w in words]
            function = sum(1 for w in lower if w in _ENGLISH_FUNCTION_WORDS)
            known = sum(1 for w in lower if w in common)
            lowercase = sum(1 for w in words if w[0].islower())
            if function < 2 or known < 0.8 * len(words) or lowercase < len(words) / 2:
                continue
            para_start = view.rfind("\n", 0, m.start()) + 1
            para_end = view.find("\n", m.end())
            para = view[para_start : para_end if para_end >= 0 else len(view)]
            letters = [ch for ch in para if ch.isalpha()]
            if letters and sum(1 for ch in letters if ch.isascii()) > 0.75 * len(letters):
                continue  # mostly English: TQ103 reports the whole paragraph
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"English left untranslated in {ctx.profile.name} copy: “{shown(m.group())}”",
            )
