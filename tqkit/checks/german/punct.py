"""TQ702-TQ703, TQ708: English punctuation habits in German copy: the possessive apostrophe
("Kant's Mausoleum"), the serial comma before "und"/"oder" ("A, B, und C") and an
abbreviation written apart from its noun ("EU Kommission")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks.german._base import GermanRule
from tqkit.checks.localewords import word_set
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, register

# An apostrophe and "s" (MT keeps the English genitive; tokenised data has "Kant' s"), then the
# next word; the name before the apostrophe is read backwards from there (literal-led).
_POSSESSIVE_RE = re.compile(r"(?<=\w)(['’]) ?s (?=(\w+)(?: (\w+))?)")
# an inflected adjective between the possessive and its noun ("Dennis's neue Kleidung")
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
_NUMERALS = frozenset("zwei drei vier fünf sechs sieben acht neun zehn elf zwölf".split())
_NAME_END_RE = re.compile(r"(?<![\w.-])([A-ZÄÖÜ][\w.-]*\w)\Z")
# names that end in an s sound take the bare apostrophe in German (Duden: "Klaus' Buch")
_S_SOUND = ("s", "ß", "x", "z", "ce")


def _noun_follows(first: str, second: str | None) -> bool:
    """True when a noun follows the possessive: a capitalised word, or an inflected adjective
    or a numeral and then one ("Marys neue Kleidung"); "Ryker's beherbergt" (a name standing alone) is not."""
    if first[:1].isupper():
        return True
    prenominal = first.endswith(_ADJECTIVE_ENDINGS) or first in _NUMERALS
    return prenominal and second is not None and second[:1].isupper()


@register
class EnglishPossessive(GermanRule):
    """The English possessive "'s" in German copy ("Kant's Mausoleum" for "Kants Mausoleum").

    **What it does.** In German copy, reports a capitalised name followed by "'s" (or "’s")
    and a German word that is not a common English word, so English titles and names ("King's
    College", "Valentine's Day", "America's Cup") stay quiet.

    **Why it matters.** German forms the genitive of names without an apostrophe ("Kants",
    "Marys"); only names that end in an s sound take a bare apostrophe ("Klaus'"). Machine
    translation from English keeps "'s", and post-editors remove it.

    **Example.** "Roosevelt's Kommandeure empfahlen ihn" becomes "Roosevelts Kommandeure
    empfahlen ihn".

    **Fix safety.** Unsafe: the name may belong to an English title the rule did not recognise.
    """

    code = "TQ702"
    name = "german-english-possessive"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = (
        "Roosevelt's Kommandeure empfahlen ihn für die Medaille.",
        "Drei von Galileo’s fünf Geschwistern überlebten.",
        "Luxemburg's Außenminister reiste an.",
        "Dennis's neue Kleidung bestand aus einem Trainingsanzug.",
    )
    quiet = (
        "Roosevelts Kommandeure empfahlen ihn für die Medaille.",
        "Er studierte am King's College in London.",
        "Die Queen Anne's Revenge sank vor der Küste.",
        "Klaus' Buch erschien 2001.",
        "Das fiktive Ryker's beherbergt Verbrecher.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        if "'" not in view and "’" not in view:
            return
        profile = ctx.profile
        german = profile.words(2.0) if profile is not None else None
        if not german:
            return
        english = ctx.resources.common_english_words
        for m in _POSSESSIVE_RE.finditer(view):
            nxt = m.group(2).lower()
            # a German word: listed and not English, or spelt with an umlaut ("Außenminister")
            is_german = (nxt in german and nxt not in english) or any(c in nxt for c in "äöüß")
            if not is_german or not _noun_follows(m.group(2), m.group(3)):
                continue
            named = _NAME_END_RE.search(view, max(0, m.start() - 40), m.start())
            if named is None:
                continue
            name = named.group(1)
            if name.lower() in english and name.lower() not in german:
                continue  # "One Priest's Life": an English phrase
            start, end = named.start(1), m.end() - 1
            s_sound = name.lower().endswith(_S_SOUND)
            new = f"{name}'" if s_sound else f"{name}s"
            yield self.finding(
                doc,
                Span(start, end),
                f"“{view[start:end]}” is the English possessive: German writes “{new}” "
                "(no apostrophe before the genitive s).",
                [Fix(f"Write “{new}”", (Edit(Span(start, end), new),), safe=False)],
            )


_ARTICLE = r"(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines) "
_NOUN = r"[A-ZÄÖÜ][\w.'’-]*"
# "X, Y, und Z": the middle item is one to three capitalised words, maybe with an article, and
# the item after the conjunction starts with an article or a capital.
_SERIAL_RE = re.compile(
    rf"(?<=[\wäöüß.)]), ((?:{_ARTICLE})?{_NOUN}(?: {_NOUN}){{0,2}})(, )(und|oder) (?=(?:{_ARTICLE})?[A-ZÄÖÜ])"
)
_PRONOUNS = frozenset({"Sie", "Ihr", "Ihre", "Ihnen", "Ihren", "Ihrem", "Ihrer", "Ich"})


def _apposition(view: str, start: int, first: str) -> bool:
    """True when the list item before ``start`` ends a noun phrase ("Ministerin für Integration")
    or the middle item ``first`` is a title: the middle item is then an apposition."""
    if first in word_set("de", "title"):  # "der Ministerin, Frau X, und"
        return True
    before = view[max(0, start - 80) : start].split()
    return len(before) >= 3 and before[-2] in word_set("de", "link") and before[-3][:1].isupper()


@register
class SerialComma(GermanRule):
    """A comma before "und" or "oder" that ends a list ("Tiger, Löwen, und Bären").

    **What it does.** In German copy, reports ", und" or ", oder" after a list item of one to
    three capitalised words (nouns or names, maybe with an article) that itself follows a comma,
    when a noun or an article follows the conjunction: the English serial (Oxford) comma. A
    comma before "und" between two clauses is allowed and not matched (the list items must be
    nouns); abbreviations of parties ("CDU") are left alone.

    **Why it matters.** German puts no comma between the last two items of a list joined by
    "und" or "oder" (Duden, comma rules); machine translation from English keeps the serial
    comma and post-editors delete it.

    **Example.** "Sting, The Ultimate Warrior, und Shawn Michaels" becomes "Sting, The Ultimate
    Warrior und Shawn Michaels".

    **Fix safety.** Unsafe: the middle item may be an apposition (then the comma belongs there).
    """

    code = "TQ703"
    name = "german-serial-comma"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = (
        "Im Zoo leben Tiger, Löwen, und Bären.",
        "Sie trafen die Grafen, die Herzöge, und die Fürsten.",
    )
    quiet = (
        "Im Zoo leben Tiger, Löwen und Bären.",
        "Blockaden setzten sich fort, und Grange befestigte das Schloss.",
        "Angela Merkel, CDU, und Olaf Scholz, SPD, sprachen.",
        "Der Mann, der kam, und seine Frau gingen.",
        "Sie traf die Beauftragte für Integration, Frau Weber, und Minister Braun.",
        "Er traf den Präsidenten, Herrn Müller, und die Ministerin.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        if ", und " not in view and ", oder " not in view:
            return
        for m in _SERIAL_RE.finditer(view):
            item = m.group(1)
            words = item.split()
            if words[0] in _PRONOUNS or all(w.isupper() and len(w) <= 5 for w in words):
                continue
            if _apposition(view, m.start(), words[0]):
                continue
            comma = m.start(2)
            yield self.finding(
                doc,
                Span(comma, m.end(3)),
                f"A comma before “{m.group(3)}” at the end of a list: German lists take no comma "
                f"before “und” or “oder” (“{item} {m.group(3)} …”).",
                [Fix("Remove the comma", (Edit(Span(comma, comma + 1), ""),), safe=False)],
            )


# An abbreviation in capitals, a space and a German noun: "EU Kommission", "ARVN Truppen"
# (not before a number: "FN Modell 1910" is a designation)
_ACRONYM_NOUN_RE = re.compile(r"(?<![\w.-])([A-ZÄÖÜ]{2,5}) ([A-ZÄÖÜ][a-zäöüß]{3,})\b(?![-'’]| \d)")
_ROMAN = frozenset("IVXLCDM")
_ARTICLES = frozenset({"die", "der", "den", "dem", "das", "des"})


def _subject_reading(view: str, start: int) -> bool:
    """True when the abbreviation may be a noun phrase of its own ("dass die USA Waffen
    liefern"): an article before it that does not follow a preposition."""
    before = view[max(0, start - 40) : start].split()
    if not before or before[-1].lower() not in _ARTICLES:
        return False
    return len(before) < 2 or before[-2].lower() not in word_set("de", "preposition")


@register
class AbbreviationCompoundApart(GermanRule):
    """An abbreviation and a noun written apart instead of joined by a hyphen ("EU Kommission").

    **What it does.** In German copy, reports an abbreviation in capitals followed by a space and
    a German noun that is not a common English word ("die ARVN Truppen", "mit der EU
    Kommission"), and offers the hyphenated compound ("EU-Kommission"). Roman numerals ("XI
    Husaren"), names written apart ("DR Kongo"), designations before a number ("FN Modell
    1910") and an article before the abbreviation that may
    belong to it alone ("dass die USA Waffen liefern") stay quiet.

    **Why it matters.** German joins an abbreviation and a noun into one compound with a hyphen
    (Duden: "EU-Kommission", "US-Präsident", "NHL-Saison"); machine translation from English
    keeps the English open compound, and post-editors add the hyphen.

    **Example.** "nach seiner NHL Amtszeit" becomes "nach seiner NHL-Amtszeit".

    **Fix safety.** Unsafe: the abbreviation may end a noun phrase of its own.
    """

    code = "TQ708"
    name = "german-abbreviation-compound"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = ("Er spielte nach seiner NHL Amtszeit in Europa.", "Die Zusammenarbeit mit der EU Kommission wuchs.")
    quiet = (
        "Er spielte nach seiner NHL-Amtszeit in Europa.",
        "Er sagte, dass die USA Waffen liefern.",
        "Die XI Husaren wurden 1936 gebildet.",
        "Der Präsident der DR Kongo reiste ab.",
        "Er trug eine FN Modell 1910 Pistole.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        profile = ctx.profile
        german = profile.words(2.5) if profile is not None else None
        if not german:
            return
        english = ctx.resources.common_english_words
        for m in _ACRONYM_NOUN_RE.finditer(view):
            abbr, noun = m.group(1), m.group(2)
            if set(abbr) <= _ROMAN or abbr in word_set("de", "named"):
                continue
            low = noun.lower()
            if low not in german or low in english or _subject_reading(view, m.start()):
                continue
            space = m.end(1)
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{m.group()}”: German joins an abbreviation and a noun with a hyphen (“{abbr}-{noun}”).",
                [Fix(f"Write “{abbr}-{noun}”", (Edit(Span(space, space + 1), "-"),), safe=False)],
            )
