"""TQ345-TQ346: punctuation slips that raters of MT into English mark and a scan can find.

Studied on the MQM TED zh-en rater spans (Fluency/Punctuation): a hyphen typed where a dash
belongs ("the universe-this series of images") and a large number without thousands separators
("250000 species"). Each scan is one linear regular expression; the few candidates are checked
against short word lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks.localewords import word_set
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.literals import hinted_finditer
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# Words that open a clause or a noun phrase: after a hyphen (no spaces) they mark a dash.
_OPENERS = (
    "a|an|the|this|that|these|those|we|you|he|she|they|at|of|and|but|or|so|each|which|who|maybe|"
    "therefore|imagine|because|when|if|what|for|not|our|their|his|its|there|here|just|all|some"
)
_DASH_RE = re.compile(rf"(?<![\w'’-])([A-Za-z]{{2,}})-({_OPENERS})(?= )")
_OPENER_SET = frozenset(_OPENERS.split("|"))
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _dash_matches(view: str) -> Iterator[re.Match[str]]:
    """The matches of ``_DASH_RE.finditer(view)``, tried only at the start of the letters before
    each hyphen (where every match starts): its look-behind made the regex engine stop at every
    character of the text."""
    last_end = 0
    h = view.find("-")
    while h != -1:
        p = h
        while p > 0 and view[p - 1] in _ASCII_LETTERS:
            p -= 1
        if h - p >= 2 and p >= last_end:
            m = _DASH_RE.match(view, p)
            if m is not None:
                last_end = m.end()
                yield m
        h = view.find("-", h + 1)


@register
class HyphenAsDash(Rule):
    """A hyphen typed where a dash belongs ("the universe-this series of images").

    **What it does.** Reports a hyphen with no spaces between a word and a word that opens a
    clause or a noun phrase ("universe-this", "Norway-a small country", "much-we"), and offers a
    spaced en dash. Compounds of these words ("what-if", "so-so", "thank-you", "state-of-the-art")
    stay quiet.

    **Why it matters.** Machine translation renders the source's dash (the Chinese "——", the
    Russian "—") as a bare hyphen, which glues two words into a false compound; raters mark it as
    a punctuation error.

    **Example.** "the silent images of the universe-this series of images" becomes "the silent
    images of the universe – this series of images".

    **Fix safety.** Unsafe: the house style may want an em dash, a colon or a comma.
    """

    code = "TQ345"
    name = "hyphen-as-dash"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = (
        "We watched the universe-this series of images changed us.",
        "It is a small country in the north, Norway-a country of fjords.",
        "Nobody knows how much-we only guess.",
    )
    quiet = (
        "It is a state-of-the-art plant.",
        "He wrote a thank-you note and a what-if scenario.",
        "The results were so-so at best.",
        "A dam-like structure stood there.",
        "The universe – this series of images – changed us.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        if "-" not in view:
            return
        for m in _dash_matches(view):
            left = m.group(1).lower()
            # "what-if", "so-so", "thank-you", "forget-me-not": compounds of these words
            if left in _OPENER_SET or left in word_set("en", "compound"):
                continue
            hyphen = m.end(1)
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{m.group()}”: a hyphen joins two words that are not a compound; a dash is meant (“ – ”).",
                [Fix("Use a spaced dash", (Edit(Span(hyphen, hyphen + 1), " – "),), safe=False)],
            )


# Five to seven digits with no separator, not part of a code, a decimal or a longer token.
_BIG_RE = re.compile(r"(?<![\w.,$#/:+-])([1-9]\d{4,6})(?![\w,/:%-]|\.\d)")
# (every match starts a run of five digits or more: tried only there, not at every character)
_DIGITS_RE = re.compile(r"\d{5,}")


def _grouped(digits: str) -> str:
    return f"{int(digits):,}"


@register
class NumberWithoutSeparator(Rule):
    """A number of five or more digits without thousands separators ("250000 species").

    **What it does.** Reports an integer of five to seven digits written without commas
    ("40000 years", "250000 types") and offers the grouped form ("40,000"). Numbers after "No.",
    "code", "flight", "ZIP" ... (identifiers), decimals, codes with letters or slashes and
    numbers glued to other marks stay quiet.

    **Why it matters.** English news and style guides (AP, Chicago) group thousands with commas;
    machine translation from languages that group by ten thousand or use spaces leaves the bare
    digits, and raters mark them as punctuation errors. An info note (house style): human
    translators leave bare numbers too.

    **Example.** "There are at least 250000 species" becomes "There are at least 250,000
    species".

    **Fix safety.** Unsafe: the number may be an identifier the rule did not recognise.
    """

    code = "TQ346"
    name = "number-without-separator"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.INFO  # a house-style note: translators of the MQM references leave them too
    category = Category.PUNCTUATION
    fires = ("There are at least 250000 species of flowering plants.", "It happened 40000 years ago.")
    quiet = (
        "There are at least 250,000 species of flowering plants.",
        "Call flight 10234 or write to PO Box 12345.",
        "The ZIP code is 10001 and the ratio is 0.12345.",
        "The file ID-20931 was sent to +3741234567.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in hinted_finditer(_BIG_RE, view, _DIGITS_RE):
            before = view[max(0, m.start() - 24) : m.start()].split()[-3:]
            if (before and before[-1].isupper()) or any(w.lower().strip(":#") in word_set("en", "id") for w in before):
                continue
            digits = m.group(1)
            new = _grouped(digits)
            yield self.finding(
                doc,
                Span(m.start(1), m.end(1)),
                f"“{digits}” has no thousands separators: English writes “{new}”.",
                [Fix(f"Write “{new}”", (Edit(Span(m.start(1), m.end(1)), new),), safe=False)],
            )
