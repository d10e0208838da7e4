"""TQ503: names of people, and Latin-script names, of the source missing from the translation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from tqkit.align.core import Unit
from tqkit.checks.source_align import alignment, bead_data, quote, target_span, target_view
from tqkit.document import Document
from tqkit.findings import Category, Finding, Severity
from tqkit.registry import CheckContext, FixAvailability, Rule, register
from tqkit.text.translit import romanise, word_similarity

_CAP = r"[A-ZА-ЯЁ\u0400-\u040f][a-zа-яёіїєґ’'\-]+"
_PERSON_RE = re.compile(rf"(?<![\w-])({_CAP})\s+({_CAP})(?:\s+({_CAP}))?(?![\w-])")
_LATIN_NAME_RE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9]|[a-z]+[A-Z][A-Za-z]*)(?![\w-])")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
# A first word with an adjective ending is a place or an institution, not a person: "Ближнего
# Востока" (the Middle East), "Нагорный Карабах", "Государственная Дума". First names do not
# end like this (surnames may: "Фёдора Достоевского", but the surname comes second).
_ADJECTIVE_FIRST_RE = re.compile(r"(?:ого|его|ому|ему|ый|ий|ая|яя|ое|ее|ые|ие|ых|их|ым|им|ыми|ими|ата|ото|ите)$")
_FIRST_NAMES_LIKE_ADJECTIVES = re.compile(r"(?:рий|лий|тий|ксей|дрей|гий|ний|вий|сий|ций|зий|фий|мий|ллий)$")
NAME_SIMILARITY = 80.0


def _target_words(doc: Document, units: Sequence[Unit]) -> list[str]:
    out: list[str] = []
    for u in units:
        out.extend(t.text for t in doc.tokens_in(u.segment.span) if t.kind == "word")
    return out


@register
class NameMissing(Rule):
    """A person's name, or a Latin-script name of the source, missing from the translation.

    **What it does.** For each aligned pair of paragraphs, takes from the source the names of
    people (two or three capitalised words in a row, such as *Петър Иванов*) and the names the
    source already writes in Latin script (*NATO*, *Google*, *iPhone*), and looks for them in the
    translation: the surname romanised (Bulgarian official system, BGN/PCGN and ISO 9 for
    Russian, BGN/PCGN for Armenian) and compared loosely across inflection (*Христова* ~
    *Hristova*, *Смирнова* ~ *Smirnov*), the Latin-script names as written. Reports the
    target paragraph's aligned sentence when a name is not found anywhere in the aligned
    target paragraph. Place and institution names are not checked, because English uses its
    own names for them (*Москва* is *Moscow*, *Народно събрание* is *National Assembly*).

    **Why it matters.** A dropped name changes who said or did something; machine translation
    drops or mangles names in long sentences.

    **Example.** Source *Министърът Петър Иванов заяви, че бюджетът е готов.*, translation *The
    minister said the budget was ready.*: "Petar Ivanov" is reported as missing.

    **Fix safety.** No fix: where the name belongs needs a person.
    """

    code = "TQ503"
    languages = None  # any target language
    name = "name-missing"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.OMISSION
    needs_source = True
    fires_with_source = (
        ("Министърът Петър Иванов заяви, че бюджетът е готов.", "The minister said the budget was ready."),
        ("Компанията Google откри нов офис в София.", "The company opened a new office in Sofia."),
    )
    quiet_with_source = (
        ("Министърът Петър Иванов заяви, че бюджетът е готов.", "Minister Petar Ivanov said the budget was ready."),
        ("Кметът Таня Христова откри изложбата.", "Mayor Tanya Hristova opened the exhibition."),
        (
            "Руководитель экспедиции Алексей Смирнов рассказал об итогах.",
            "Expedition leader Alexey Smirnov described the results.",
        ),
        ("Президент России Владимир Путин прибыл в Москву.", "Russian President Vladimir Putin arrived in Moscow."),
        (
            "Ситуация на Ближнего Востока обсуждалась в Москве.",
            "The situation in the Middle East was discussed in Moscow.",
        ),
        ("Компанията Google откри нов офис в София.", "Google opened a new office in Sofia."),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        res = ctx.resources
        for para in alignment(doc, ctx):
            if not para.source or not para.target:
                continue
            words = _target_words(doc, para.target)
            # the target as written (not only its word tokens), so "ISBN-10", "UTF-8" and
            # "Winapp2.ini" are found as they stand
            text_lower = " ".join(target_view(doc, u.segment.span) for u in para.target).lower()
            latin_source = _mostly_latin(para.source_text)
            reported: set[str] = set()
            for child in para.children:
                if not child.source or not child.target:
                    continue
                for name, shown in self._names(child.source_text, latin_source, res.is_common_word):
                    if name in reported:
                        continue
                    if _CYRILLIC_RE.search(name) or latin_source:
                        # romanised (Cyrillic), or respelled between Latin-script variants
                        # ("Color" / "Colour", "Organize" / "Organise")
                        if name.lower() in text_lower or any(
                            word_similarity(w, name) >= NAME_SIMILARITY for w in words
                        ):
                            continue
                        # a Latin name in Cyrillic copy ("Petkov" / "Петков"): romanise the copy
                        if not _CYRILLIC_RE.search(name) and any(
                            _CYRILLIC_RE.search(w) and word_similarity(name, w) >= NAME_SIMILARITY for w in words
                        ):
                            continue
                    elif name.lower() in text_lower or any(w.lower() == name.lower() for w in words):
                        continue
                    reported.add(name)
                    yield self.finding(
                        doc,
                        target_span(child.target),
                        f"The source names {shown} but this translation does not: “{quote(child.source_text)}”",
                        name=shown,
                        **bead_data(child),
                    )

    @staticmethod
    def _names(
        text: str, latin_source: bool = False, is_common: Callable[[str], bool] = lambda w: False
    ) -> Iterator[tuple[str, str]]:
        """(key word, what to show) for each checkable name in a source sentence.

        In a Latin-script source, capitals say little: a sentence starts with one, and UI
        strings and headlines capitalise every word. There a word counts as a name only when
        it is not sentence-initial and not a common word in title case ("Open File", "Colour
        Settings"); acronyms, mixed case and words with digits ("NATO", "iPhone", "Winapp2.ini")
        still count."""
        for m in _PERSON_RE.finditer(text):
            parts = [p for p in m.groups() if p]
            if not all(_CYRILLIC_RE.search(p) for p in parts):
                continue
            first = parts[0].lower()
            if _ADJECTIVE_FIRST_RE.search(first) and not _FIRST_NAMES_LIKE_ADJECTIVES.search(first):
                continue  # "Ближнего Востока": a place, which English names in its own way
            surname = parts[-1]
            if len(surname) < 4:
                continue
            shown = " ".join(parts)
            yield surname, f"“{shown}” ({romanise(shown)})"
        for m in _LATIN_NAME_RE.finditer(text):
            word = m.group(1)
            if len(word) < 2 or word.isdigit():
                continue
            if latin_source and _plain_capitalised(word) and (_sentence_initial(text, m.start()) or is_common(word)):
                continue
            yield word, f"“{word}”"


_OPENERS = " \t\"'“‘«([*•–—-"


def _sentence_initial(text: str, start: int) -> bool:
    """Only spaces, opening quotes or brackets since the start of ``text``, a line break or the
    end of a sentence (looked at backwards from ``start``: constant work per word)."""
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    if i == 0 or text[i - 1] in "\r\n":
        return True
    return i < start and text[i - 1] in ".!?:;…"


def _plain_capitalised(word: str) -> bool:
    """ "Open", "Colour": a capital, then lower-case letters only (no digits, dots, inner caps)."""
    return word[:1].isupper() and word[1:].islower() and word.isalpha()


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f") >= 0.8 * len(letters)
