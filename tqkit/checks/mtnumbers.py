"""TQ363-TQ365: times, number words and dashes as MT carries them over from continental copy.

Studied on English editions of Armenian, Bulgarian, Kazakh, Russian and Ukrainian news sites:
24-hour times written with a dot ("at 22.15"), digits before the word "thousand" ("12 thousand
visitors") and a dash spaced on one side only ("the lorry –Ivan"). Each scan is one
linear regular expression; the few candidates are checked in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import near
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.literals import literal_finditer
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# "at 22.15": a preposition of time and an hour.minute pair, not part of a longer number.
_TIME_RE = re.compile(
    r"\b(?:[Aa]t|[Aa]round|[Aa]bout|[Aa]fter|[Bb]efore|[Bb]y)[ \t]+(([01]?\d|2[0-3])\.([0-5]\d))(?![\d.,]*\d|[ \t]*%|\w)"
)
_TIME_HINT = re.compile(r"\d\.[0-5]\d")
# Words before the number that make it a price, a rate or a score rather than a time.
_MEASURE_BEFORE = frozenset(
    "closed opened traded stood rose fell dropped climbed ended fixed priced sold bought rate rates price "
    "prices index shares stock yield level grew increased decreased amounted estimated valued worth "
    "inflation growth score cost costs".split()
)
# Words near the time that show the clock is meant.
_TIME_CUE_RE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December|yesterday|today|tonight|morning|evening|"
    r"night|afternoon|midnight|noon|local time|hours|hrs|o'clock|Moscow time|Kyiv time)\b"
)


def _twelve_hour(hour: int, minute: str) -> str:
    if hour == 0 and minute == "00":
        return "midnight"
    if hour == 12 and minute == "00":
        return "noon"
    suffix = "a.m." if hour < 12 else "p.m."
    h = hour % 12 or 12
    return f"{h} {suffix}" if minute == "00" else f"{h}:{minute} {suffix}"


@register
class DottedClockTime(Rule):
    """A 24-hour time written with a dot ("at 22.15", "at 19.00").

    **What it does.** Reports an hour and minutes joined by a dot after "at", "around",
    "after", "before" or "by" ("at 22.15"), and offers the AP form ("10:15 p.m."). A warning when
    a day, a date or a part of the day is in the same sentence ("On March 3, at 22.15"), an
    info note otherwise; quiet after words of prices and rates ("shares closed at 18.45") and
    before a unit or a currency ("at 18.00 euros").

    **Why it matters.** Russian, Ukrainian, Bulgarian and Turkish copy writes times with a dot;
    English news writes "10:15 p.m." (AP) or "22:15" (Reuters), and a reader may take "22.15"
    for a price.

    **Example.** "On March 3, at 22.15, the sirens sounded" becomes "at 10:15 p.m.".

    **Fix safety.** Unsafe: house style may want the 24-hour clock with a colon ("22:15").
    """

    code = "TQ363"
    name = "dotted-clock-time"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = (
        "On March 3, at 22.15, the sirens sounded in the city.",
        "The session will open on Monday at 10.00 in the city hall.",
        "They met at 18.30 and talked for an hour.",
    )
    quiet = (
        "On March 3, at 10:15 p.m., the sirens sounded in the city.",
        "The shares closed at 18.45 on Monday.",
        "The fuel price is now at 22.15 lira on Monday.",
        "Inflation stood at 10.30 percent in March.",
        "Version 2.1 was released at 10.5 per cent.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in near(_TIME_RE, _TIME_HINT, view, 12):
            before = view[max(0, m.start() - 40) : m.start()].lower().split()[-3:]
            if any(w.strip(",.") in _MEASURE_BEFORE for w in before):
                continue
            lo = max(view.rfind(".", 0, max(0, m.start() - 1)), view.rfind("\n", 0, m.start()), 0)
            hi = view.find(".", m.end())
            hi = len(view) if hi < 0 else hi
            sentence = view[lo:hi]
            if re.search(
                r"\d[ \t]*(?:%|percent|per cent)|\b(?:euros?|dollars?|lira|rubles?|tenge|manats?)\b", sentence
            ):
                continue
            cue = _TIME_CUE_RE.search(sentence) is not None
            new = _twelve_hour(int(m.group(2)), m.group(3))
            yield self.finding(
                doc,
                Span(m.start(1), m.end(1)),
                f"“{m.group(1)}”: a 24-hour time with a dot is continental practice; English news writes "
                f"“{new}” (AP) or “{m.group(2)}:{m.group(3)}” (Reuters).",
                [Fix(f"Write “{new}”", (Edit(Span(m.start(1), m.end(1)), new),), safe=False)],
                severity=Severity.WARNING if cue else Severity.INFO,
            )


# Digits before the word "thousand" ("12 thousand visitors"), not "500 thousand million".
_THOUSAND_RE = re.compile(r"(?<![\d.,])\b([1-9]\d{0,2})[ \t\u00a0]+thousand\b(?![ \t]+(?:million|billion|trillion)\b)")

_THOUSAND_HINT = re.compile(r"\d[ \t\u00a0]+thousand")


@register
class DigitsThousand(Rule):
    """Digits before the word "thousand" ("12 thousand visitors").

    **What it does.** Reports one to three digits followed by "thousand" and offers the figure
    ("12,000"). Decimals ("2.5 thousand") are TQ315; "thousand million" stays quiet.

    **Why it matters.** Russian "12 тыс.", Bulgarian "12 хиляди" and Turkish "12 bin" become
    "12 thousand" in MT; English news writes "12,000" (AP, Reuters: figures for 10 and above).

    **Example.** "about 12 thousand visitors" becomes "about 12,000 visitors".

    **Fix safety.** Safe: the figure is the same number.
    """

    code = "TQ364"
    name = "digits-thousand"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = ("The festival drew about 12 thousand visitors.", "Some 250 thousand tourists came.")
    quiet = (
        "The festival drew about 12,000 visitors.",
        "Thousands came, some 2.5 thousand of them from abroad.",
        "It cost 500 thousand million lira.",
        "Tens of thousands came.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        if "thousand" not in view:
            return
        for m in near(_THOUSAND_RE, _THOUSAND_HINT, view, 20):
            new = f"{int(m.group(1)) * 1000:,}"
            span = Span(m.start(1), m.end())
            yield self.finding(
                doc,
                span,
                f"“{m.group()}”: English news writes the figure: “{new}”.",
                [Fix(f"Write “{new}”", (Edit(span, new),), safe=True)],
            )


# A dash with a space on one side only, between words ("lorry –Ivan", "lorry– Ivan").
_LOPSIDED_RE = re.compile(r"(?<=[\w,.])(?:[ \t]([–—])(?=[A-Za-z])|([–—])[ \t](?=[A-Za-z]))")
_DASH_RE = re.compile("[–—]")


def _lopsided(view: str) -> Iterator[re.Match[str]]:
    """The matches of ``_LOPSIDED_RE.finditer(view)``, tried only at a dash and at a space or tab
    just before one (where every match starts): its look-behind made the regex engine stop at
    every character of the text."""
    last_end = 0
    for d in _DASH_RE.finditer(view):
        p = d.start()
        for q in (p - 1, p) if p > 0 and view[p - 1] in " \t" else (p,):
            if q < last_end:
                continue
            m = _LOPSIDED_RE.match(view, q)
            if m is not None:
                last_end = m.end()
                yield m
                break


@register
class LopsidedDash(Rule):
    """A dash with a space on one side only ("the lorry –Ivan Petrov").

    **What it does.** Reports an en or em dash between words with a space before it and none
    after, or the other way round, and offers the spaced dash.

    **Why it matters.** MT and copy-paste from word processors lose one of the spaces; the dash
    then glues itself to a word and reads as a minus sign or a typo.

    **Example.** "the driver of the lorry –Ivan Petrov" becomes "lorry – Ivan Petrov".

    **Fix safety.** Safe: only a space is added.
    """

    code = "TQ365"
    name = "lopsided-dash"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = ("The driver of the lorry –Ivan Petrov was detained.", "The driver of the lorry– Ivan Petrov left.")
    quiet = (
        "The driver of the lorry – Ivan Petrov – was detained.",
        "The 1990–1995 period and the Paris–Berlin line.",
        "It was cold—very cold.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        if "–" not in view and "—" not in view:
            return
        for m in _lopsided(view):
            at = m.end(1) if m.group(1) else m.start(2)
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                "A dash with a space on one side only: English spaces a dash on both sides or on neither.",
                [Fix("Space the dash on both sides", (Edit(Span(at, at), " "),), safe=True)],
            )


# An abbreviated month glued to the day ("Mar.14").
_GLUED_MONTH_RE = re.compile(r"\b(Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.(?=([1-9]|[12]\d|3[01])\b(?![.,]\d))")

_GLUED_MONTH_HINT = re.compile(r"[a-z]\.\d")


@register
class GluedMonthAbbreviation(Rule):
    """An abbreviated month glued to the day ("Mar.14").

    **What it does.** Reports an abbreviated month with its full stop directly followed by the
    day ("Mar.14", "Sept.5") and inserts the space.

    **Why it matters.** Dateline templates of agency copy drop the space; English writes "Mar.
    14" (AP abbreviates Jan., Feb., Aug., Sept., Oct., Nov., Dec. before a day).

    **Example.** "Almaty, Mar.14, 2021" becomes "Almaty, Mar. 14, 2021".

    An info note: professional wire copy slips the same way now and then.

    **Fix safety.** Safe: only a space is added.
    """

    code = "TQ368"
    name = "glued-month-abbreviation"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.INFO  # wire copy slips too (one in the clean sets): a note
    category = Category.PUNCTUATION
    fires = ("Almaty, Mar.14, 2021. The talks began.", "It happened on Sept.5 in Baku.")
    quiet = ("Almaty, Mar. 14, 2021.", "Version Dec.2.5 is out.", "See Aug.2019 figures.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in near(_GLUED_MONTH_RE, _GLUED_MONTH_HINT, view, 6):
            at = m.end()
            yield self.finding(
                doc,
                Span(m.start(), at + len(m.group(2))),
                f"“{m.group(1)}.{m.group(2)}”: a space is missing between the month and the day.",
                [Fix("Insert a space", (Edit(Span(at, at), " "),), safe=True)],
            )


# "by 5.2%" ... "by 3.9," in one sentence: a change with its percent sign and one without.
_BY_PERCENT_RE = re.compile(r"\bby[ \t]+\d+(?:[.,]\d+)?[ \t]*(?:%|percent\b|per cent\b)")
_BY_BARE_RE = re.compile(r"\bby[ \t]+(\d+(?:\.\d+)?)(?=[ \t]*(?:[,;.](?!\d)|\)|[ \t]and\b|$))")


@register
class PercentDroppedInList(Rule):
    """A change without its percent sign in a list of percentage changes ("burglaries fell
    by 5.2%, street robberies by 11%, pickpocketing by 3.9, ...").

    **What it does.** In a sentence with at least two changes "by N%" (or "percent"), reports a
    change "by N" with no unit that ends at a comma, a full stop, a semicolon or "and".

    **Why it matters.** MT drops a repeated "%" or "per cent" from lists of statistics, and the
    bare figure reads as an absolute number (3.9 pickpockets?).

    **Example.** "street robberies by 11%, pickpocketing by 3.9, and fraud by 2%" — "by 3.9%".

    **Fix safety.** Unsafe: the figure may be absolute; check the source.
    """

    code = "TQ369"
    name = "percent-dropped-in-list"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.OMISSION
    fires = ("Burglaries fell by 5.2%, street robberies by 11%, pickpocketing by 3.9, and fraud by 2%.",)
    quiet = (
        "Burglaries fell by 5.2%, street robberies by 11%, pickpocketing by 3.9%, and fraud by 2%.",
        "Burglaries fell by 5.2%. The team won by 3, and left.",
        "Prices rose by 4% and wages by 5%; the rate was cut by 25 basis points.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        if "%" not in view and "percent" not in view and "per cent" not in view:
            return
        done: set[int] = set()
        for hit in literal_finditer(_BY_PERCENT_RE, view, doc.folded, ("by",)):
            sentence_start, sentence = _sentence_at(view, hit.start())
            if sentence_start in done or len(_BY_PERCENT_RE.findall(sentence)) < 2:
                continue
            done.add(sentence_start)
            for m in _BY_BARE_RE.finditer(sentence):
                end = sentence_start + m.end(1)
                yield self.finding(
                    doc,
                    Span(sentence_start + m.start(), end),
                    f"“{m.group()}” in a list of percentage changes: the percent sign is missing?",
                    [Fix("Add “%”", (Edit(Span(end, end), "%"),), safe=False)],
                )


_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)|\n")


def _sentence_at(view: str, at: int) -> tuple[int, str]:
    """The sentence (or line) around ``at``: its start and text."""
    lo = max(view.rfind(". ", 0, at), view.rfind("! ", 0, at), view.rfind("? ", 0, at), view.rfind("\n", 0, at))
    lo = lo + 1 if lo >= 0 else 0
    end = _SENTENCE_END_RE.search(view, at)
    hi = end.end() if end else len(view)
    return lo, view[lo:hi]
