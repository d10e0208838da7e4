"""TQ102: source words carried over in transliteration ("the opolchentsi" for Russian
"ополченцы", militiamen). Words in a foreign script (TQ101) are in :mod:`tqkit.checks.foreign_script`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import match_case, sentence_start
from tqkit.checks.translit_langs import translit_hits
from tqkit.chunks import space_chunks
from tqkit.document import Document, Token
from tqkit.errors import ProfileError, UnknownLanguage
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.literals import literal_finditer
from tqkit.profiles import Profile, base_code, profile_for
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# Unknown words with the endings of romanised Slavic words (-ov, -tsi, -ski, -nik...).
_ENDINGS = (
    "ov ev ova eva ovi evi ovtsi evtsi tsi tsa tsy ntsi ski sky ska shka chka nik niki ets iya yy "
    "iy ovo evo ishte ichi ovich evich ovna evna enko yuk chuk shchina stvo ata ite ove ushka "
    "ochka enok onok itsa ina ka ki"
).split()
_SLAVIC_ENDINGS = tuple(e + s for e in _ENDINGS for s in ("", "s", "es"))
_WORD4_RE = re.compile(r"\b[A-Za-z]{4,}\b")
# Letter groups of romanised Cyrillic (zh, kh, ts, shch, vch, dzh, yu, ya, yo).
_CLUSTER_RE = re.compile(r"zh|kh|ts|shch|vch|dzh|yu|ya|yo")


def _slavic_shape(word: str) -> bool:
    """A Slavic ending, or a Slavic letter group and a vowel ending (Bulgarian "братовчеди"
    romanised as "bratovchedi"; only reported in lower case)."""
    low = word.lower()
    if low.endswith(_SLAVIC_ENDINGS):
        return True
    return low[-1] in "iyea" and _CLUSTER_RE.search(low) is not None


@lru_cache(maxsize=64)
def _suspects_regex(words: frozenset[str]) -> re.Pattern[str]:
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’\-])(?:{alt})(?![\w'’\-])", re.I)


_PREV_WORD_RE = re.compile(r"(?<![\w'’\-])([a-z]+)[ \t]+$")
_NEXT_NAME_RE = re.compile(r"[ \t][A-Z][a-z]")
_PLURAL_OF_SLAVIC_RE = re.compile(r"(?:(?:ov|ev|in|tsi|ski|nik|ets|ka)s|tsi|tsy)$")
# Slavic plural endings no English name has: reported even without a determiner before them.
_SLAVIC_PLURAL_RE = re.compile(r"(?:ovtsi|evtsi|ntsi|tsi|tsy)$")
# Letters of Turkish and Azerbaijani that English never uses (names aside).
_TURKIC_WORD_RE = re.compile(r"(?<![\w'’\-])[a-zçöüâîû]*[əğışı][a-zçöüğışəıâîû]*(?![\w'’\-])")
_TURKIC_LETTER_RE = re.compile(r"[əğışı]")
_TURKIC_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzçöüğışəıâîû")


def _turkic_words(view: str) -> Iterator[re.Match[str]]:
    """The matches of ``_TURKIC_WORD_RE.finditer(view)``, tried only at the start of the run of
    its letters around each Turkic letter (the regex alone tries every position of the text,
    each one along the rest of its word)."""
    last_end = 0
    for h in _TURKIC_LETTER_RE.finditer(view):
        pos = h.start()
        if pos < last_end:
            continue
        # a match holding this letter starts where the run of its letters does: one letter
        # earlier, the look-behind fails
        while pos > last_end and view[pos - 1] in _TURKIC_WORD_CHARS:
            pos -= 1
        m = _TURKIC_WORD_RE.match(view, pos)
        if m is not None and m.start() <= h.start() < m.end():
            last_end = m.end()
            yield m


_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "these",
        "those",
        "some",
        "many",
        "all",
        "most",
        "several",
        "few",
        "big",
        "small",
        "great",
        "little",
        "old",
        "young",
        "local",
        "such",
        "our",
        "their",
        "his",
        "her",
        "its",
        "other",
        "both",
        "no",
        "any",
    ]
)


@register
class TransliteratedWord(Rule):
    """A source word carried over in transliteration instead of being translated ("the local Kmetovs");
    in Bulgarian, Russian and Ukrainian copy an English word spelled in Cyrillic and not adopted
    ("бекграунд"), in German a romanised Russian word ("die Opoltschenzy").

    **What it does.** Reports a word that is not an English word (offline word-frequency data)
    and looks like a romanised Slavic word: Slavic endings (-ov, -tsi, -ski, -nik...) or letter
    clusters (zh, kh, shch...). Lower-case words are reported on shape alone. Capitalised words
    are usually names, so they are reported only when the sentence treats them as a common noun:
    an English plural on a Slavic stem after a determiner or adjective ("none of the local
    Kmetovs"), or a Slavic plural ending no English name has ("-tsi"). Known transliterations listed in the rule packs (``glossaries/packs/``, ``kind:
    transliteration``) are always reported, with their translation. Lower-case words with
    letters of Turkish and Azerbaijani that English never uses (ə, ğ, ı) are reported as
    untranslated. With ``--source``, the source word whose romanisation matches is named.

    **Why it matters.** Slang and culture-bound words (Bulgarian "мутри", mobsters; Russian
    "ополченцы", militiamen) have no dictionary entry, so MT spells them in Latin letters. Spell-checkers accept capitalised
    words, so these reach print.

    **Example.** "He joined the opolchentsi in the east": "He joined the militiamen in the east".

    **Other languages.** Bulgarian, Russian and Ukrainian copy: an English word spelled in
    Cyrillic that the language has not adopted ("бекграунд", "стейкхолдери"): not in the
    language's word list, and its consonants, inflection stripped, spell a common English word.
    German copy: a lower-case word with a Slavic ending (German transliteration: -ow, -zy,
    -tschik...) in neither the German nor the English word list, or such a capitalised plural
    after an article ("die Opoltschenzy"). Names are never reported. The data is the profile's
    ``translit`` key; languages without it (French, Turkish ...) do not run the rule.

    **Fix safety.** Unsafe: the translation depends on context. A fix is offered when the
    glossary or the calque list knows the word.
    """

    code = "TQ102"
    name = "transliterated-word"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.UNTRANSLATED
    fires = (
        "Everyone wants a deal, but none of the local Kmetovs will sign it.",
        "The local militsiya detained him.",
        "Two tovarishch officials and their zemlyaki arrived.",
        "He joined the opolchentsi in the east.",
        "He called them Opolchentsi and laughed.",
        "The families of the şəhidlər gathered in Baku.",
    )
    quiet = (
        "Sergei Lavrov met Ilham Aliyev in Baku.",
        "Petrov said the talks would resume.",
        "The Ivanova case was closed.",
        "Residents of Panagyurishte gathered on Monday.",
        "NATO and the OSCE Minsk Group issued statements.",
        "The tsar's palace reopened.",
        "Recep Tayyip Erdoğan met Ilham Əliyev in Şuşa.",
    )

    @classmethod
    def runs_for(cls, lang: str) -> bool:
        """English, and every language whose profile has ``translit`` data."""
        code = base_code(lang)
        if code == "en":
            return True
        try:
            return profile_for(code).translit is not None
        except (UnknownLanguage, ProfileError):
            return False

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        profile = ctx.profile
        if profile is not None and profile.code != "en":
            yield from self._other_language(doc, profile)
            return
        res = ctx.resources
        known_translits = res.calques.transliterations
        view = doc.view
        source_text = ctx.source.text if ctx.source is not None else None
        # Known transliterations from the data file: reported wherever they occur.
        reported: set[int] = set()
        known_re = _known_regex(tuple(sorted(known_translits)))
        if known_re is not None:
            for m in literal_finditer(known_re, view, doc.folded, known_translits):
                word = m.group(1).lower()
                entry = known_translits.get(word) or known_translits.get(_singular(word))
                if entry is None:
                    continue
                reported.add(m.start())
                tok = Token(m.start(), m.start() + len(m.group(1)), m.group(1), "word")
                yield self._report(doc, tok, entry.suggestions, None, source_text, ctx, known=True)
        # Unknown words of Slavic shape: the distinct words of the text are filtered first (C-level
        # set and suffix tests); only the rare survivors are located and judged in context.
        # set difference with the word list runs in C; the few unknown words left are judged
        folded = doc.folded
        unknown: set[str] = set()
        for a, b in space_chunks(folded):  # (a piece at a time: memory stays flat)
            unknown.update(_WORD4_RE.findall(folded, a, b))
        unknown -= res.english_words
        suspects = {w for w in unknown if _slavic_shape(w) and not res.is_known_word(_singular(w))}
        yield from self._turkic(doc, reported)
        if not suspects:
            return
        for m in literal_finditer(_suspects_regex(frozenset(suspects)), view, doc.folded, suspects):
            if m.start() in reported:
                continue
            text = m.group()
            base = text.lower()
            if text.isupper():
                continue  # acronyms
            if text[0].isupper():
                if not _PLURAL_OF_SLAVIC_RE.search(base) or sentence_start(view, m.start()):
                    continue
                prev = _PREV_WORD_RE.search(view, max(0, m.start() - 40), m.start())
                if not _SLAVIC_PLURAL_RE.search(base) and (prev is None or prev.group(1) not in _DETERMINERS):
                    continue
                if _NEXT_NAME_RE.match(view, m.end()):
                    continue  # part of a multi-word name
            elif len(base) < 5 or _glossary_knows(ctx, base) or _english_compound(base, ctx):
                continue
            tok = Token(m.start(), m.end(), text, "word")
            yield self._report(doc, tok, (), None, source_text, ctx, known=False)

    def _turkic(self, doc: Document, reported: set[int]) -> Iterator[Finding]:
        """Lower-case words with letters of Turkish and Azerbaijani that English never uses."""
        view = doc.view
        if not any(ch in view for ch in "əğışı"):
            return
        for m in _turkic_words(view):
            if len(m.group()) >= 3 and m.start() not in reported:
                yield self.finding(
                    doc,
                    Span(m.start(), m.end()),
                    f"“{m.group()}” is not English: it looks like an untranslated Azerbaijani or "
                    "Turkish word (letters such as ə, ğ, ı); translate it.",
                )

    def _other_language(self, doc: Document, profile: Profile) -> Iterator[Finding]:
        """Copy in a language with a ``translit`` profile (see :mod:`tqkit.checks.translit_langs`)."""
        for hit in translit_hits(doc.view, profile):
            if hit.english:
                english = "” or “".join(hit.english)
                msg = (
                    f"“{hit.word}” is the English word “{english}” spelled in {profile.name} "
                    "letters, not an adopted word: translate it."
                )
            else:
                msg = (
                    f"“{hit.word}” is not a {profile.name} word and looks like a transliterated "
                    "source word: translate it."
                )
            yield self.finding(doc, Span(hit.start, hit.end), msg, english=list(hit.english))

    @staticmethod
    def _translation(doc: Document, span: Span, suggestion: str) -> Fix:
        """Replace the word with a translation; when the word before it already is the
        translation's first word ("the big X" translated as "big shots"), replace that word
        too."""
        first = suggestion.split(" ", 1)[0].lower()
        prev = _LAST_WORD_RE.search(doc.text, max(0, span.start - 40), span.start)
        if prev is not None and " " in suggestion and prev.group(1).lower() == first:
            span = Span(prev.start(1), span.end)
            suggestion = match_case(suggestion, prev.group(1))
        return Fix.replace(span, suggestion, f"Translate as “{suggestion}”")

    def _report(
        self,
        doc: Document,
        tok: Token,
        suggestions: tuple[str, ...],
        source_word: str | None,
        source_text: str | None,
        ctx: CheckContext,
        known: bool,
    ) -> Finding:
        if source_text and source_word is None:
            source_word = _source_word(tok.text, source_text, ctx.source.source_lang if ctx.source else None)
        span = Span(tok.start, tok.end)
        if source_word and not suggestions:
            suggestions = tuple(_suggest_for_source_word(ctx, source_word))
        fixes = [self._translation(doc, span, s) for s in suggestions]
        if source_word:
            msg = (
                f"“{tok.text}” is a transliteration of the source word “{source_word}”, not an "
                "English word: translate it."
            )
        elif known:
            msg = f"“{tok.text}” is a transliterated source word, not an English word: translate it."
        else:
            msg = (
                f"“{tok.text}” is not an English word and looks like a transliterated source "
                "word: translate it, or check the spelling if it is a name."
            )
        return self.finding(doc, span, msg, fixes, source_word=source_word)


@lru_cache(maxsize=8)
def _known_regex(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w\-])((?:{alt})(?:['’]s)?)(?![\w\-])", re.I)


_LAST_WORD_RE = re.compile(r"([^\W\d_]+)[ \t]+$")


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[-3:-2] in ("s", "x", "z", "h"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _suggest_for_source_word(ctx: CheckContext, word: str) -> list[str]:
    """Translations of a source word: the glossary's preferred English term, else the offline
    MT model for the language pair when one is installed (never downloaded, never required)."""
    lang = (ctx.source.source_lang if ctx.source is not None else None) or _guess_lang(word)
    glossary = ctx.resources.glossary
    if glossary is not None:
        found = glossary.english_for(word, lang)
        if found:
            return found[:3]
    if not lang:
        return []
    try:
        from tqkit.errors import ModelError, MTUnavailable
        from tqkit.mt.argos import get_translator, resolve_models_dir

        models_dir = resolve_models_dir(ctx.options.mt.models_dir)
        if not models_dir.is_dir() or not any(models_dir.iterdir()):
            return []  # no model installed: stay offline and fast
        out = get_translator(lang, "en", models_dir).translate_sentence(word).strip(" .")
    except (ImportError, MTUnavailable, ModelError, OSError):
        return []
    return [out] if out and out.lower() != word.lower() else []


def _guess_lang(word: str) -> str | None:
    from tqkit.text.translit import romanisation_language

    return romanisation_language(word)


def _english_compound(word: str, ctx: CheckContext) -> bool:
    """A closed compound of two English words, as technical English coins them ("desklets",
    "autoremove", "screencast"): a common word of three letters or more, then a known word of
    three or more. Romanised Slavic words do not split so ("opolchentsi", "militsiya")."""
    res = ctx.resources
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        if res.is_common_word(head) and (res.is_known_word(tail) or res.is_known_word(_singular(tail))):
            return True
    return False


def _glossary_knows(ctx: CheckContext, word: str) -> bool:
    glossary = ctx.resources.glossary
    return glossary is not None and glossary.has_term(word)


def _source_word(token: str, source_text: str, source_lang: str | None) -> str | None:
    try:
        from tqkit.text.translit import source_word_for
    except ImportError:
        return None
    try:
        return source_word_for(token, source_text, source_lang)
    except Exception:
        return None
