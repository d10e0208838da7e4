"""TQ1xx: untranslated words. Words in a script foreign to the target language, and source words
carried over in transliteration ("the big Batkovs" for Bulgarian "батковци", big shots)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from tqkit.checks._text import sentence_start
from tqkit.document import Document, Token
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, Rule, register

# Letters outside the Latin script (Latin-1, Latin Extended A/B and Additional are Latin).
_FOREIGN_RUN_RE = re.compile(
    r"(?:[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u02B0-\u02FF\u0300-\u036F\u00AA\u00BA])+"
    r"(?:[\u0300-\u036F'’-]*[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+)*"
)
# Latin homoglyphs in Cyrillic and Greek (a Cyrillic "а" inside "Аrmenia").
HOMOGLYPHS = {
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "і": "i", "ј": "j", "ѕ": "s", "Ѕ": "S", "І": "I", "Ј": "J", "Α": "A", "Β": "B", "Ε": "E",
    "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T",
    "Υ": "Y", "Χ": "X", "ο": "o",
}


def script_of(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "unknown"
    head = name.split(" ", 1)[0]
    if head == "CJK":
        return "Chinese"
    return head.capitalize()


@register
class ForeignScript(Rule):
    """A word in a script foreign to the target language (Cyrillic, Armenian, Greek... in English).

    **What it does.** Reports runs of letters outside the Latin script in English copy, naming
    the script. A Latin word with a look-alike Cyrillic or Greek letter inside ("Аrmenia" with
    a Cyrillic "А") is reported too, with a fix that restores the Latin letter. A single Greek
    letter (a scientific symbol such as "β") is allowed.

    **Why it matters.** Machine translation leaves words it could not translate in the source
    script; copy-paste brings look-alike letters that break search and spell-checking.

    **Example.** "The батковци will not allow it": translate the word ("big shots").

    **Fix safety.** Restoring a Latin look-alike letter is safe. An untranslated word has a
    fix only when the glossary knows it, and that fix is unsafe.
    """

    code = "TQ101"
    name = "foreign-script"
    severity = Severity.WARNING
    category = Category.UNTRANSLATED
    fires = ("None of the big батковци will allow it.", "Talks in Аrmenia resumed.",
             "The word Ղարաբաղ appeared in the headline.")
    quiet = ("The β-blocker trial ended.", "Talks in Armenia resumed.", "Café owners in Zürich met.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if doc.target_lang not in ("en", "und", "fr", "de", "es", "it", "pt", "nl", "tr", "az"):
            return
        view = doc.view
        for m in _FOREIGN_RUN_RE.finditer(view):
            run = m.group()
            span = Span(m.start(), m.end())
            # extend to the whole token (a Latin word with a homoglyph inside)
            s, e = span.start, span.end
            while s > 0 and (view[s - 1].isalpha() or view[s - 1] in "'’"):
                s -= 1
            while e < len(view) and (view[e].isalpha() or view[e] in "'’"):
                e += 1
            word = view[s:e]
            latin = sum(1 for ch in word if ch.isascii() and ch.isalpha())
            if latin and all(ch in HOMOGLYPHS for ch in run):
                fixed = "".join(HOMOGLYPHS.get(ch, ch) for ch in word)
                fix = Fix(f"Replace the look-alike letters: “{fixed}”", (Edit(Span(s, e), fixed),), safe=True)
                yield self.finding(
                    doc, Span(s, e),
                    f"“{word}” mixes Latin letters with look-alike {script_of(run[0])} ones; "
                    "search and spell-checking will miss it.",
                    [fix], category=Category.SPELLING,
                )
                continue
            script = script_of(run[0])
            if script == "Greek" and len(run) == 1:
                continue
            if not any(ch.isalpha() for ch in run):
                continue
            fixes = _glossary_fixes(ctx, word, Span(s, e))
            yield self.finding(
                doc, Span(s, e),
                f"“{word}” is in {script} script: a word left untranslated in the English text.",
                fixes, script=script,
            )


def _glossary_fixes(ctx: CheckContext, word: str, span: Span) -> list[Fix]:
    glossary = ctx.resources.glossary
    lookup = getattr(glossary, "english_for", None) if glossary is not None else None
    if lookup is None:
        return []
    try:
        suggestions = lookup(word)
    except Exception:  # a glossary problem must not stop the check
        return []
    return [Fix.replace(span, s, f"Translate as “{s}” (glossary)") for s in suggestions[:5]]


# Morphology of romanised Slavic words: endings and letter clusters English words rarely have.
_SLAVIC_END_RE = re.compile(
    r"(?:ov|ev|ova|eva|ovi|evi|ovtsi|evtsi|tsi|tsa|tsy|ntsi|ski|sky|ska|shka|chka|nik|niki|"
    r"ets|iya|yy|iy|ovo|evo|ishte|ichi|ovich|evich|ovna|evna|enko|yuk|chuk|shchina|stvo|ata|ite|ove|"
    r"ushka|ochka|enok|onok|itsa|ina|ka|ki)(?:s|es)?$"
)
_SLAVIC_CLUSTER_RE = re.compile(r"zh|kh|shch|ts(?!$)|dzh|yu|ya|iy|yy|yo|ye(?!s$)|(?<!^)j(?=[aeiou])")
_PLURAL_OF_SLAVIC_RE = re.compile(r"(?:ov|ev|in|tsi|ski|nik|ets|ka)s$")
_DETERMINERS = frozenset(
    "the a an these those some many all most several few big small great little old young local "
    "such our their his her its other both no any".split()
)


@register
class TransliteratedWord(Rule):
    """A source word carried over in transliteration instead of being translated.

    **What it does.** Reports a word that is not an English word (offline word-frequency data)
    and looks like a romanised Slavic word: Slavic endings (-ov, -tsi, -ski, -nik...) or letter
    clusters (zh, kh, shch...). Lower-case words are reported on shape alone. Capitalised words
    are usually names, so they are reported only when the sentence treats them as a common noun:
    an English plural on a Slavic stem after a determiner or adjective ("none of the big
    Batkovs"). Known transliterations listed in ``glossaries/calques.yaml`` (``kind:
    transliteration``) are always reported, with their translation. With ``--source``, the
    source word whose romanisation matches is named.

    **Why it matters.** Slang and culture-bound words (Bulgarian "батковци", big shots) have no
    dictionary entry, so MT spells them in Latin letters. Spell-checkers accept capitalised
    words, so these reach print.

    **Example.** "none of the big Batkovs will allow it": "none of the big shots will allow it".

    **Fix safety.** Unsafe: the translation depends on context. A fix is offered when the
    glossary or the calque list knows the word.
    """

    code = "TQ102"
    name = "transliterated-word"
    severity = Severity.WARNING
    category = Category.UNTRANSLATED
    fires = (
        "Everyone wants peace, but none of the big Batkovs will allow it.",
        "The local militsiya detained him.",
        "Two tovarishch officials and their zemlyaki arrived.",
        "He joined the opolchentsi in the east.",
    )
    quiet = (
        "Sergei Lavrov met Ilham Aliyev in Baku.",
        "Petrov said the talks would resume.",
        "The Ivanova case was closed.",
        "Residents of Panagyurishte gathered on Monday.",
        "NATO and the OSCE Minsk Group issued statements.",
        "The tsar's palace reopened.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        res = ctx.resources
        known_translits = res.calques.transliterations
        view = doc.view
        words = doc.words
        source_text = ctx.source.text if ctx.source is not None else None
        for idx, tok in enumerate(words):
            text = tok.text
            if len(text) < 4 or not text.isalpha():
                if "-" not in text and "'" not in text and "’" not in text:
                    continue
            low = text.lower()
            base = re.sub(r"(?:'s|’s)$", "", low)
            entry = known_translits.get(base) or known_translits.get(_singular(base))
            if entry is not None:
                yield self._report(doc, tok, entry.suggestions, entry.source, source_text, ctx, known=True)
                continue
            if not base.isascii() or not base.isalpha() or len(base) < 4:
                continue
            if text.isupper():
                continue  # acronyms
            if res.is_known_word(base) or res.is_known_word(_singular(base)):
                continue
            slavic = bool(_SLAVIC_END_RE.search(base)) or len(_SLAVIC_CLUSTER_RE.findall(base)) >= 1
            if not slavic:
                continue
            if text[0].isupper():
                if not _PLURAL_OF_SLAVIC_RE.search(base):
                    continue
                if sentence_start(view, tok.start):
                    continue
                prev = words[idx - 1].lower if idx > 0 else ""
                if prev not in _DETERMINERS or words[idx - 1].text[0].isupper():
                    continue
                if idx + 1 < len(words) and words[idx + 1].text[:1].isupper() and words[idx + 1].start - tok.end <= 1:
                    continue  # part of a multi-word name
            else:
                if len(base) < 5 or not _SLAVIC_END_RE.search(base):
                    continue
                if _glossary_knows(ctx, base):
                    continue
            yield self._report(doc, tok, (), None, source_text, ctx, known=False)

    def _report(self, doc: Document, tok: Token, suggestions: tuple[str, ...], source_word: str | None,
                source_text: str | None, ctx: CheckContext, known: bool) -> Finding:
        if source_text and source_word is None:
            source_word = _source_word(tok.text, source_text, ctx.source.source_lang if ctx.source else None)
        span = Span(tok.start, tok.end)
        fixes = [Fix.replace(span, s, f"Translate as “{s}”") for s in suggestions]
        if source_word:
            msg = (f"“{tok.text}” is a transliteration of the source word “{source_word}”, not an "
                   "English word: translate it.")
        elif known:
            msg = f"“{tok.text}” is a transliterated source word, not an English word: translate it."
        else:
            msg = (f"“{tok.text}” is not an English word and looks like a transliterated source "
                   "word: translate it, or check the spelling if it is a name.")
        return self.finding(doc, span, msg, fixes, source_word=source_word)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[-3:-2] in ("s", "x", "z", "h"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _glossary_knows(ctx: CheckContext, word: str) -> bool:
    glossary = ctx.resources.glossary
    knows = getattr(glossary, "has_term", None) if glossary is not None else None
    return bool(knows and knows(word))


def _source_word(token: str, source_text: str, source_lang: str | None) -> str | None:
    try:
        from tqkit.translit import source_word_for
    except ImportError:
        return None
    try:
        return source_word_for(token, source_text, source_lang)
    except Exception:
        return None
