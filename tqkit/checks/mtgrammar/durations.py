"""TQ354: "since" with a length of time ("since five years", "since many years", "since long
time"); TQ355: the present after "in recent years" ("In recent years, there is a shortage");
TQ358: "in the evening of" a date ("In the evening of September 15") and "at late evening".

Russian, Ukrainian, Bulgarian, Romanian and Turkish use one word for "since" and "for" with a
duration (уже пять лет, от пет години, de cinci ani, beş yıldır) and the present tense for a state
that began in the past, and one preposition for "in the evening" and "on the evening of a
date"; MT writes "since five years", "in recent years there is" and "in the evening of
September 15". The detectors are literal-led ("since"; "there"; "in", "at") and read a few
words only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import match_case, shown
from tqkit.checks.mtgrammar._anchors import anchored, register_anchors
from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_COUNT = (
    r"(?:\d+|a[ \t]+few|few|many|several|some|a[ \t]+couple[ \t]+of|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a[ \t]+hundred|hundreds[ \t]+of)"
)
_DURATION_RE = re.compile(
    r"(?<![\w'’-])since[ \t]+(?:"
    + _COUNT
    + r"[ \t]+(?:years|months|weeks|days|decades|centuries|hours)|(?:a[ \t]+)?long[ \t]+time)"
    r"(?![\w'’-])(?![ \t]+(?:ago|earlier|before|back|later|previously|prior)\b)"
)
_RECENT_RE = re.compile(
    r"(?<![\w'’-])(?:in|over|during|for)[ \t]+(?:the[ \t]+)?(?:recent|last|past)[ \t]+(?:(?:\d+|few|several|two|three|"
    r"four|five|six|seven|eight|nine|ten|twenty)[ \t]+)?(?:years|decades|decade|months)[ \t]*,?[ \t]*$"
)
_THERE_RE = re.compile(r"(?<![\w'’-])(there)[ \t]+(is|are)(?![\w'’-])")


@register
class SinceWithDuration(Rule):
    """ "Since" with a length of time instead of a point in time ("since five years", "since many
    years", "since long time").

    **What it does.** Reports "since" followed by a number or a quantity word and "years",
    "months", "weeks", "days", "decades" or "hours", and "since (a) long time". "Since five years
    ago" (a point in time) is left alone.

    **Why it matters.** The source languages say "for" and "since" with one word; in English
    "since" needs a point in time ("since 2019") and a length of time takes "for".

    **Example.** "He has lived here since five years" becomes "He has lived here for five years".

    **Fix safety.** Unsafe: "for" is offered, but the verb often needs the present perfect too
    ("lives here since five years" -> "has lived here for five years").
    """

    code = "TQ354"
    name = "since-with-duration"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "He has lived in Berlin since five years.",
        "Since many years, the plant has supplied the army.",
        "The two sides have not met since long time.",
        "The road is closed since 3 months.",
    )
    quiet = (
        "He has lived in Berlin for five years.",
        "It was the first such visit since five years ago.",
        "He has lived in Berlin since 2019.",
        "Prices have risen since the 1990s.",
        "They have been friends since long before the war.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for m in anchored(_DURATION_RE, folded, folded, ("since",)):
            written = view[m.start() : m.start() + 5]
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(view[m.start() : m.end()])}”: a length of time takes “for” in English; “since” "
                f"needs a point in time (“since 2019”), and the verb usually the present perfect.",
                [Fix.replace(Span(m.start(), m.start() + 5), match_case("for", written), safe=False)],
            )


@register
class PresentWithRecentYears(Rule):
    """The present "there is" or "there are" after "in recent years" or "over the past N years"
    ("In recent years, there is a shortage of water").

    **What it does.** Reports "there is" or "there are" directly after "in recent years", "in
    the last few years", "over the past decade" and the like. Other tenses ("there has been",
    "there were") are left alone.

    **Why it matters.** A period that runs up to now takes the present perfect in English; the
    source languages use the present, and MT keeps it.

    **Example.** "In recent years, there is a shortage of water" becomes "In recent years, there
    has been a shortage of water".

    **Fix safety.** Unsafe: the present perfect is offered; the editor checks the noun's number.
    """

    code = "TQ355"
    name = "present-with-recent-years"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "In recent years, there is a shortage of irrigation water.",
        "Over the past five years there are fewer tourists in the town.",
    )
    quiet = (
        "In recent years, there has been a shortage of irrigation water.",
        "In the past, there were more tourists.",
        "Over the past five years there were fewer tourists in the town.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        if "years" not in folded and "decade" not in folded and "months" not in folded:
            return
        for m in anchored(_THERE_RE, folded, folded, ("there",)):
            lead = _RECENT_RE.search(folded, max(0, m.start() - 60), m.start())
            if lead is None:
                continue
            be = view[m.start(2) : m.end(2)]
            fixed = "has been" if be.lower() == "is" else "have been"
            start = lead.start()
            yield self.finding(
                doc,
                Span(m.start(1), m.end(2)),
                f"“{shown(view[start : m.end()])}”: a period that runs up to now takes the present "
                f"perfect (“there {fixed}”).",
                [Fix.replace(Span(m.start(2), m.end(2)), fixed, safe=False)],
            )


# -- TQ358: "in the evening of" a date, "at late evening" --------------------------------------

_DAY_PART = r"(?:morning|afternoon|evening|night)"
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_IN_THE_RE = re.compile(
    r"(?<![\w'’-])(in)[ \t]+the[ \t]+(?:(?:early|late)[ \t]+)?" + _DAY_PART + r"[ \t]+of[ \t]+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:" + _MONTHS + r")|(?:" + _MONTHS + r")[ \t]+\d{1,2}|"
    r"(?:" + _WEEKDAYS + r")|the[ \t]+\d{1,2}(?:st|nd|rd|th)?)(?![\w'’-])"
)
_IN_THE_ANCHORS = tuple(
    f"in the {early}{part} of"
    for early in ("", "early ", "late ")
    for part in ("morning", "afternoon", "evening", "night")
)
_AT_LATE_RE = re.compile(
    r"(?<![\w'’-])at[ \t]+(late|early)[ \t]+(evening|morning|afternoon)(?=[ \t]*(?:[.,;:!?)]|$|on\b|in\b|the\b|when\b|or\b|and\b))"
)


register_anchors(("since", "there", *_IN_THE_ANCHORS, "at late", "at early"))  # (one shared scan: see _anchors)


@register
class TimeOfDayPreposition(Rule):
    """ "In the evening of" a date or a weekday instead of "on" ("In the evening of September
    15"), and "at late evening" for "late in the evening".

    **What it does.** Reports "in the morning / afternoon / evening / night of" followed by a
    date or a weekday, and "at late evening" or "at early morning" at the end of a phrase. "In
    the morning" alone, "in the early hours of" and "on the evening of May 9" are left alone.

    **Why it matters.** Russian, Ukrainian, Bulgarian and Turkish use the same preposition for
    "in the evening" and "on the evening of September 15"; English says "on" before a part of a
    particular day, and "late in the evening".

    **Example.** "In the evening of September 15, the village was shelled" becomes "On the
    evening of September 15, ...".

    **Fix safety.** "In" -> "on" before a part of a dated day is safe (the same time, said in
    English); "at late evening" -> "late in the evening" is unsafe (the editor may prefer "late
    at night").
    """

    code = "TQ358"
    name = "time-of-day-preposition"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "In the evening of September 15, the village was shelled.",
        "The fire broke out in the night of 3 March.",
        "Two drones were downed at late evening.",
    )
    quiet = (
        "On the evening of September 15, the village was shelled.",
        "The talks resumed in the morning.",
        "The fire broke out in the early hours of Sunday.",
        "He spoke in the evening of his career.",
        "The bar is busy at late evening hours.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for m in anchored(_IN_THE_RE, folded, folded, _IN_THE_ANCHORS):
            written = view[m.start(1) : m.end(1)]
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(view[m.start() : m.end()])}”: English says “on” before a part of a particular day "
                f"(“on the evening of September 15”).",
                [Fix.replace(Span(m.start(1), m.end(1)), match_case("on", written), safe=True)],
            )
        for m in anchored(_AT_LATE_RE, folded, folded, ("at late", "at early")):
            fixed = f"{m.group(1)} in the {m.group(2)}"
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(view[m.start() : m.end()])}”: English says “{fixed}”.",
                [Fix.replace(Span(m.start(), m.end()), match_case(fixed, view[m.start() : m.end()]), safe=False)],
            )
