"""TQ315-TQ316: quantity words after a decimal ("2.5 thousand", "1,5 million") and a
currency or unit said twice ("EUR 3 million euros")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import near, shown
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# -- TQ315: quantity words after a decimal --------------------------------------------------

_DECIMAL_RE = re.compile(
    r"(?<![\d.,])(\d+)([.,])(\d+)(?![\d.,]\d)([ \t\u00a0]+)"
    r"(thousand|hundred|million|billion|trillion|mln|bn|per\s?cent|percent)\b|"
    r"(?<![\d.,])(\d+),(\d{1,2})(?![\d.,]\d)[ \t\u00a0]?(%)"
)
_DECIMAL_HINT_RE = re.compile(r"\d[.,]\d")


@register
class DecimalQuantity(Rule):
    """A decimal before "thousand"/"hundred" ("2.5 thousand") or a decimal comma ("1,5 million",
    "12,5%").

    **What it does.** Reports a decimal before "thousand" or "hundred" (English writes "2,500",
    not "2.5 thousand"), and a decimal comma (one or two digits after the comma) before
    million, billion, per cent or "%" ("1,5 million", "12,5%"). "2.5 million" is English and
    is never reported; nor is "1,500 million".

    **Why it matters.** Russian, Bulgarian, Ukrainian and Turkish write "2,5 тыс." and MT keeps
    both the comma and the quantity word. An English reader may read "1,5 million" as fifteen
    hundred thousand or as a list.

    **Example.** "2.5 thousand people" becomes "2,500 people"; "1,5 million" becomes
    "1.5 million".

    **Fix safety.** Unsafe: the fix rewrites the number, and the editor checks the source.
    """

    code = "TQ315"
    name = "decimal-quantity"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "About 2.5 thousand people attended.",
        "The budget is 1,5 million euros.",
        "Inflation reached 12,5% in May.",
        "Some 1,2 thousand soldiers left.",
    )
    quiet = (
        "About 2,500 people attended.",
        "The budget is 1.5 million euros.",
        "It cost 1,500 million dollars.",
        "Inflation reached 12.5% in May.",
        "Version 2.5 was released in 2020.",
        "Scores were 1,2 and 3.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in near(_DECIMAL_RE, _DECIMAL_HINT_RE, doc.folded, 24):
            if m.group(8):  # "12,5%"
                span = Span(m.start(), m.end())
                number = f"{m.group(6)}.{m.group(7)}"
                yield self.finding(
                    doc,
                    span,
                    f"“{shown(view[span.start : span.end])}” uses a decimal comma; English writes “{number}%”.",
                    [Fix.replace(Span(m.start(6), m.end(7)), number, f"Replace with “{number}”", safe=False)],
                )
                continue
            whole, sep, frac, word = m.group(1), m.group(2), m.group(3), m.group(5)
            if sep == "," and len(frac) == 3:
                continue  # "1,500 million": a thousands separator
            span = Span(m.start(), m.end())
            text = shown(view[span.start : span.end])
            if word in ("thousand", "hundred"):
                factor = 1000 if word == "thousand" else 100
                scale = 10 ** len(frac)
                value = int(whole) * factor + int(frac) * factor // scale
                if (int(frac) * factor) % scale:
                    msg = f"“{text}”: English does not put a decimal before “{word}”; write the number in figures."
                    yield self.finding(doc, span, msg)
                    continue
                figures = f"{value:,}"
                yield self.finding(
                    doc,
                    span,
                    f"“{text}”: English does not put a decimal before “{word}”; write “{figures}”.",
                    [Fix.replace(span, figures, f"Replace with “{figures}”", safe=False)],
                )
            elif sep == ",":
                number = f"{whole}.{frac}"
                yield self.finding(
                    doc,
                    span,
                    f"“{text}” uses a decimal comma; English writes “{number} {view[m.start(5) : m.end(5)]}”.",
                    [Fix.replace(Span(m.start(1), m.end(3)), number, f"Replace with “{number}”", safe=False)],
                )


# -- TQ316: currency or unit said twice --------------------------------------------------------

_CURRENCY_WORDS = {
    "eur": "euro",
    "€": "euro",
    "usd": "dollar",
    "$": "dollar",
    "us$": "dollar",
    "gbp": "pound",
    "£": "pound",
    "rub": "rouble",
    "₽": "rouble",
    "uah": "hryvnia",
    "₴": "hryvnia",
    "amd": "dram",
    "azn": "manat",
    "₼": "manat",
    "bgn": "lev",
    "try": "lira",
    "₺": "lira",
    "chf": "franc",
    "jpy": "yen",
    "¥": "yen",
    "cny": "yuan",
    "%": "per cent",
    "km": "kilometre",
    "kg": "kilogram",
}
_UNIT_WORD = {
    "euro": "euro",
    "euros": "euro",
    "dollar": "dollar",
    "dollars": "dollar",
    "pound": "pound",
    "pounds": "pound",
    "rouble": "rouble",
    "roubles": "rouble",
    "ruble": "rouble",
    "rubles": "rouble",
    "hryvnia": "hryvnia",
    "hryvnias": "hryvnia",
    "hryvnas": "hryvnia",
    "hryvnya": "hryvnia",
    "dram": "dram",
    "drams": "dram",
    "manat": "manat",
    "manats": "manat",
    "lev": "lev",
    "leva": "lev",
    "levs": "lev",
    "lira": "lira",
    "liras": "lira",
    "lire": "lira",
    "franc": "franc",
    "francs": "franc",
    "yen": "yen",
    "yuan": "yuan",
    "percent": "per cent",
    "per cent": "per cent",
    "kilometre": "kilometre",
    "kilometres": "kilometre",
    "kilometer": "kilometre",
    "kilometers": "kilometre",
    "kilogram": "kilogram",
    "kilograms": "kilogram",
    "kilogramme": "kilogram",
    "kilogrammes": "kilogram",
}
_DOUBLED_UNIT_RE = re.compile(
    r"(?:\b(eur|usd|gbp|rub|uah|amd|azn|bgn|try|chf|jpy|cny)[ \t\u00a0]?|(us\$|[€$£₽₴₼₺¥]))"
    r"(\d[\d.,]*(?:[ \t\u00a0]?(?:million|billion|trillion|thousand|mln|bn|tn|m|k)\b)?)"
    r"|(?<![\w.,])(\d[\d.,]*)[ \t\u00a0]?(%|km|kg)(?!\w)"
)
# Literal first letters of the unit names: one fast literal search each.
_UNIT_STEM_RES = tuple(
    re.compile(stem)
    for stem in (
        "euro",
        "dollar",
        "pound",
        "roubl",
        "rubl",
        "hryvn",
        "dram",
        "manat",
        "lev",
        "lir",
        "franc",
        "yen",
        "yuan",
        "per cent",
        "per\tcent",
        "percent",
        "kilo",
    )
)
_UNIT_AFTER_RE = re.compile(
    r"[ \t\u00a0]+(euros?|dollars?|pounds?|roubles?|rubles?|hryvnias?|hryvnas|hryvnya|drams?|"
    r"manats?|leva|levs?|lev|liras?|lire|francs?|yen|yuan|per[ \t]?cent|percent|kilomet(?:re|er)s?|"
    r"kilogram(?:me)?s?)\b"
)


@register
class DoubledUnit(Rule):
    """A currency or unit said twice ("EUR 3 million euros", "$5 million dollars", "5% percent").

    **What it does.** Reports an amount that has a currency code or sign before the number and
    the currency's name after it, and likewise "%" with "per cent" and "km"/"kg" with the unit
    name. When the two name different currencies ("$5 million euros") it says so.

    **Why it matters.** Sources write "3 млн евро" and MT adds the code the style guide asks
    for without dropping the word; the doubled unit reads as careless.

    **Example.** "EUR 3 million euros" becomes "EUR 3 million".

    **Fix safety.** Safe when both name the same currency or unit: dropping the word after the
    number cannot change the amount. No fix when they disagree.
    """

    code = "TQ316"
    name = "doubled-unit"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The bank lent EUR 3 million euros.",
        "They paid $5 million dollars.",
        "Prices rose 5% percent.",
        "The deal was worth $2bn euros.",
    )
    quiet = (
        "The bank lent EUR 3 million.",
        "They paid $5 million.",
        "Prices rose 5 per cent.",
        "It cost $5 million, or 4 million euros.",
        "The euro fell 2% against the dollar.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        folded = doc.folded
        view = doc.view
        starts = sorted({m.start() for rx in _UNIT_STEM_RES for m in rx.finditer(folded)})
        for at in starts:
            if not at or folded[at - 1] not in " \t\u00a0":
                continue
            while at > 0 and folded[at - 1] in " \t\u00a0":
                at -= 1
            hit = _UNIT_AFTER_RE.match(folded, at)
            if hit is None:
                continue
            lo = max(0, hit.start() - 40)
            m = None
            for cand in _DOUBLED_UNIT_RE.finditer(folded, lo, hit.start()):
                if cand.end() == hit.start():
                    m = cand
            if m is None:
                continue
            after = hit
            code = m.group(1) or m.group(2) or m.group(5)
            first = _CURRENCY_WORDS[code]
            word = re.sub(r"[ \t]+", " ", after.group(1))
            second = _UNIT_WORD.get(word, word)
            span = Span(m.start(), after.end())
            text = shown(view[span.start : span.end])
            shown_code = (
                view[m.start(1) : m.end(1)]
                if m.group(1)
                else view[m.start(2) : m.end(2)]
                if m.group(2)
                else view[m.start(5) : m.end(5)]
            )
            if first != second:
                yield self.finding(
                    doc,
                    span,
                    f"“{text}” names two different units (“{shown_code}” and “{after.group(1)}”): check the source.",
                )
                continue
            drop = Span(after.start(), after.end())
            kept = shown(view[span.start : drop.start])
            yield self.finding(
                doc,
                span,
                f"“{text}” says the unit twice (“{shown_code}” and “{view[after.start(1) : after.end(1)]}”): "
                f"write “{kept}”.",
                [Fix(f"Remove “{view[after.start(1) : after.end(1)]}”", (Edit(drop, ""),), safe=True)],
            )
