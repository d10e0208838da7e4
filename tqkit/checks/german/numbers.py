"""TQ704-TQ707: English number and date habits in German copy: "in 2010" for a year, the
English decimal point or thousands comma ("3.5 Millionen", "10,000 Einwohner"), the currency
sign before the amount ("$4,5 Millionen") and the English date order ("April 24, 1972")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from tqkit.checks.german._base import GermanRule
from tqkit.checks.localewords import word_set, words
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, register

# "in 2010" followed by a lower-case word, punctuation or the end: not "in 2000 Metern"
_IN_YEAR_RE = re.compile(r"\b([Ii]n) ((?:1[0-9]|20)\d\d)(?=[,.;:!?)]|\s+[a-zäöüß]|\s*$)", re.MULTILINE)


@register
class InYear(GermanRule):
    """ "In" before a year ("in 2010"), an anglicism in German copy.

    **What it does.** In German copy, reports "in" directly before a four-digit year that is
    followed by a lower-case word, punctuation or the end of the line (so "in 2000 Metern Höhe"
    and "in 1500 m" stay quiet), and offers "im Jahr 2010".

    **Why it matters.** German names a year alone ("2010 zog er um") or with "im Jahr"; "in
    2010" is a calque of English that style guides (Duden, "in 2010") advise against, and
    post-editors of MT into German correct it.

    **Example.** "Er zog in 2010 nach Berlin." becomes "Er zog im Jahr 2010 nach Berlin."

    **Fix safety.** Unsafe: the number may not be a year; dropping "in" is the other fix.
    """

    code = "TQ704"
    name = "german-in-year"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = ("Er zog in 2010 nach Berlin.", "In 1849 reiste er nach Kalifornien.", "Das Buch erschien in 1998.")
    quiet = (
        "Er zog im Jahr 2010 nach Berlin.",
        "Das Lager liegt in 2000 Metern Höhe.",
        "Der Gipfel liegt in 1500 m Höhe.",
        "2010 zog er nach Berlin.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in _IN_YEAR_RE.finditer(view):
            rest = view[m.end() : m.end() + 8].split(maxsplit=1)
            if rest and rest[0].rstrip(".,").lower() in word_set("de", "unit"):  # "in 2000 m Höhe"
                continue
            word = m.group(1)
            im = "Im" if word == "In" else "im"
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{word} {m.group(2)}” is an English construction: German writes “{im} Jahr "
                f"{m.group(2)}” or the year alone.",
                [
                    Fix(
                        f"Write “{im} Jahr {m.group(2)}”", (Edit(Span(m.start(1), m.end(1)), f"{im} Jahr"),), safe=False
                    ),
                ],
            )


@cache
def _decimal_re() -> re.Pattern[str]:
    """ "3.5 Millionen", "2.75 Prozent": a point before one or two decimals and a quantity word."""
    after = "|".join(re.escape(w) for w in words("de", "quantity"))
    return re.compile(rf"(?<![\d.,])(\d+)\.(\d{{1,2}})(?= ?(?:{after})(?!\w))")


# "10,000 Einwohner", "1,250,000": an English thousands comma (German reads "10,000" as ten).
# One group is ambiguous ("217,711 mph" is a German decimal): it needs a following noun that
# counts things (not a unit or a quantity word, which can take three decimals).
_THOUSANDS_RE = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:,\d{3})+(?![\d,]|\.\d)(?:\s+([A-ZÄÖÜ][a-zäöüß]+))?")


@register
class EnglishNumberFormat(GermanRule):
    """An English decimal point or thousands comma in German copy ("3.5 Millionen", "10,000").

    **What it does.** In German copy, reports a decimal point before one or two digits and a
    quantity word ("3.5 Millionen", "2.75 Prozent", "1.5 %") and digits grouped by commas in
    threes ("10,000 Einwohner", "1,250,000"), and offers the German form ("3,5 Millionen",
    "10.000").

    **Why it matters.** German writes a decimal comma and groups thousands with a point or a
    space (Duden; CLDR de): "10,000" reads as ten, "3.5" as a date. Machine translation from
    English often keeps the English format, a locale error reviewers mark.

    **Example.** "Die Stadt hat 10,000 Einwohner und 3.5 Millionen Besucher." becomes "Die Stadt
    hat 10.000 Einwohner und 3,5 Millionen Besucher."

    **Fix safety.** Safe for a decimal point before a quantity word (no other reading); unsafe for
    a thousands comma (a measurement with three decimals reads the same).
    """

    code = "TQ705"
    name = "german-english-number-format"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = (
        "Die Stadt hat 10,000 Einwohner.",
        "Es waren 1,250,000 Besucher.",
        "Der Umsatz stieg um 3.5 Millionen Euro.",
        "Die Quote lag bei 2.75 Prozent.",
    )
    quiet = (
        "Die Stadt hat 10.000 Einwohner.",
        "Der Umsatz stieg um 3,5 Millionen Euro.",
        "Am 3.5. war Feiertag.",
        "Kapitel 3.5 beschreibt es.",
        "Es kostet 1,50 Euro.",
        "Er fuhr 217,711 mph und 1,661 Millionen sahen zu.",
        "Die Dosis betrug 0,175 Gramm.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in _decimal_re().finditer(view):
            dot = m.end(1)
            new = f"{m.group(1)},{m.group(2)}"
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{m.group()}” has an English decimal point: German writes “{new}”.",
                [Fix(f"Write “{new}”", (Edit(Span(dot, dot + 1), ","),), safe=True)],
            )
        if "," not in view:
            return
        for m in _THOUSANDS_RE.finditer(view):
            number = m.group().split()[0]
            if number.count(",") == 1 and (m.group(1) is None or m.group(1) in word_set("de", "measure")):
                continue
            new = number.replace(",", ".")
            yield self.finding(
                doc,
                Span(m.start(), m.start() + len(number)),
                f"“{number}” groups thousands with commas, as English does: German writes “{new}” "
                "(a comma is the decimal sign).",
                [Fix(f"Write “{new}”", (Edit(Span(m.start(), m.start() + len(number)), new),), safe=False)],
            )


# "$4,5 Millionen", "£ 11.000": the currency sign before the amount, English style
_CURRENCY_RE = re.compile(
    r"(?<![\w$€£-])([$€£]) ?(\d[\d.,]*\d|\d)(?: (Millionen|Milliarden|Billionen|Mio\.|Mrd\.|Million|Milliarde))?"
)


@register
class CurrencyBeforeAmount(GermanRule):
    """A currency sign before the amount in German copy ("$4,5 Millionen", "£ 11.000").

    **What it does.** In German copy, reports "$", "€" or "£" written before a number (with
    "Millionen", "Milliarden" ... when they follow) and offers the German order, the amount and
    then the currency word ("4,5 Millionen Dollar"). "US$" and signs after the amount ("5 €")
    stay quiet.

    **Why it matters.** German writes the amount first and the currency after it, in news copy
    mostly as a word ("150.000 Dollar", "50.000 Pfund"; Duden, DIN 5008); machine translation
    keeps the English "$150,000", a locale error that reviewers mark and post-editors correct.

    **Example.** "mehr als $4,5 Millionen" becomes "mehr als 4,5 Millionen Dollar".

    **Fix safety.** Unsafe: "$" may stand for US, Canadian or Australian dollars; the editor
    chooses "Dollar", "US-Dollar" ...
    """

    code = "TQ706"
    name = "german-currency-before-amount"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = ("Die Klage forderte mehr als $4,5 Millionen.", "Sie erbte ein Vermögen von £ 50.000.")
    quiet = (
        "Die Klage forderte mehr als 4,5 Millionen Dollar.",
        "Der Eintritt kostet 5 € und der Kaffee 2,50 $.",
        "Der Preis lag bei 40 US$ je Barrel.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        if not any(c in view for c in "$€£"):
            return
        for m in _CURRENCY_RE.finditer(view):
            sign, amount, scale = m.group(1), m.group(2), m.group(3)
            names = dict(w.split("=", 1) for w in words("de", "currency"))
            new = " ".join(p for p in (amount, scale, names.get(sign, sign)) if p)
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{m.group()}”: German puts the currency after the amount (“{new}”).",
                [Fix(f"Write “{new}”", (Edit(Span(m.start(), m.end()), new),), safe=False)],
            )


_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
# "April 24, 1972", "September 8, ...": the English month-day order
_MONTH_DAY_RE = re.compile(rf"\b({_MONTHS}) ([1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:(,) ?(\d{{4}})\b|(?=,))")
# "am 24 April 1972": a day without its full stop
_DAY_MONTH_RE = re.compile(rf"\b(?:[Aa]m|[Vv]om|bis|zum|seit|ab|dem|den) ([1-9]|[12]\d|3[01]) ({_MONTHS})\b")


@register
class EnglishDateOrder(GermanRule):
    """A date in English form in German copy ("April 24, 1972", "am 24 April").

    **What it does.** In German copy, reports a month name followed by a day and a comma
    ("April 24, 1972", "September 8,") and a day without its full stop before a month after
    "am", "vom", "bis", "seit" ... ("am 24 April"), and offers the German date ("24. April 1972").

    **Why it matters.** German writes the day first, as an ordinal with a full stop ("am 24.
    April 1972"; Duden, DIN 5008); machine translation keeps the English order or drops the
    full stop, a locale error that reviewers mark.

    **Example.** "uraufgeführt in April 24, 1972" becomes "uraufgeführt in 24. April 1972" (the
    editor then writes "am").

    **Fix safety.** Safe: the same date, written the German way.
    """

    code = "TQ707"
    name = "german-english-date"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = (
        "Das Stück wurde am April 24, 1972 uraufgeführt.",
        "Er kam am 24 April an.",
        "Bis September 8, als der Sturm kam.",
    )
    quiet = (
        "Das Stück wurde am 24. April 1972 uraufgeführt.",
        "Im April 1972 wurde es uraufgeführt.",
        "Im Mai 5 Tore und im Juni 3 Tore.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in _MONTH_DAY_RE.finditer(view):
            year = m.group(4)
            new = f"{m.group(2)}. {m.group(1)}" + (f" {year}" if year else "")
            yield self._report(doc, Span(m.start(), m.end()), new)
        for m in _DAY_MONTH_RE.finditer(view):
            span = Span(m.start(1), m.end(2))
            yield self._report(doc, span, f"{m.group(1)}. {m.group(2)}")

    def _report(self, doc: Document, span: Span, new: str) -> Finding:
        old = doc.view[span.start : span.end]
        return self.finding(
            doc,
            span,
            f"“{old}” is an English date: German writes the day first, with a full stop (“{new}”).",
            [Fix(f"Write “{new}”", (Edit(span, new),), safe=True)],
        )
