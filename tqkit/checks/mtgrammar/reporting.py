"""TQ343: the source of a report named without "by" ("It is reported RIA Novosti with
reference to ...", "as reported Interfax, ...", "as informs Trend").

Russian "сообщает РИА Новости", "как сообщил Интерфакс" and their Azerbaijani, Armenian and
Kazakh equivalents put the agency after the reporting verb with no preposition; MT keeps the
order and leaves the agency as a bare noun phrase after a passive ("It is reported RIA
Novosti") or after "as" ("as reported Interfax"). The detector is literal-led on the reporting
verbs in ``Document.folded`` and reads only the few words around each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import shown
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_PASSIVE = ("reported", "informed", "stated", "announced", "noted", "said", "written")
_ACTIVE = ("reports", "informs", "states", "announces", "notes", "says", "writes", "wrote")
# what stands before the verb: "It is", "This was", "As", "as was"
_LEAD_RE = re.compile(
    r"(?<![\w'’-])(?:(?:it|this)[ \t]+(?:is|was|has[ \t]+been|had[ \t]+been)|as(?:[ \t]+(?:is|was))?)[ \t]+$"
)
# the source: one to four capitalised words (an agency, a newspaper, a ministry), then the end
# of the clause or "with reference to", "citing" ...
_NAME = r"[A-Z](?:[\w&'’-]|\.(?=\w))*"
_SOURCE_RE = re.compile(
    r"[ \t]+(" + _NAME + r"(?:[ \t]+(?:" + _NAME + r"|of|the|and)){0,4}?)"
    r"(?=[ \t]*(?:[,.;:]|with[ \t]+reference|citing|quoting|referring|$))"
)
_NOT_SOURCES = frozenset(
    (
        "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
        "august september october november december earlier later today yesterday i"
    ).split()
)


@register
class SourceWithoutBy(Rule):
    """The source of a report named without "by" ("It is reported RIA Novosti with reference
    to ...", "as reported Interfax, ...", "as informs Trend").

    **What it does.** Reports "It is reported", "It was stated", "This was announced", "as
    reported", "as informs", "as writes" ... directly followed by a capitalised name (an
    agency, a newspaper, a ministry) that ends the clause (a comma, a full stop, "with
    reference to", "citing"). "It was reported by Interfax", "as reported Monday" and "It is
    said Paris will host the games" (a clause follows) are left alone.

    **Why it matters.** Russian and the other source languages put the agency after the verb
    with no preposition ("сообщает РИА Новости"); in English the agency needs "by", or the
    sentence is turned round ("RIA Novosti reported").

    **Example.** "It is reported RIA Novosti with reference to the ministry" becomes "RIA
    Novosti reported, citing the ministry" or "It was reported by RIA Novosti".

    **Fix safety.** Unsafe: inserting "by" after a passive verb keeps the meaning, but the
    editor usually rebuilds the attribution; after an active verb ("as informs Trend") there is
    no automatic fix.
    """

    code = "TQ343"
    name = "source-without-by"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "It is reported RIA Novosti with reference to the ministry.",
        "The bridge will reopen in May, as reported Interfax, citing the city hall.",
        "The talks resumed on Monday, as informs Trend.",
        "This was announced Ministry of Defence of Armenia.",
    )
    quiet = (
        "It was reported by Interfax, citing the ministry.",
        "The bridge will reopen in May, as reported Monday.",
        "It is said Paris will host the games.",
        "Interfax reported, citing the city hall, that the bridge would reopen.",
        "As reported earlier, the bridge will reopen.",
        "It was noted in the report that prices rose.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for verb in _PASSIVE + _ACTIVE:
            token = f" {verb} "
            at = folded.find(token)
            while at != -1:
                v_start, v_end = at + 1, at + 1 + len(verb)
                at = folded.find(token, v_end)
                lead = _LEAD_RE.search(folded, max(0, v_start - 24), v_start)
                if lead is None:
                    continue
                src = _SOURCE_RE.match(view, v_end)
                if src is None or src.group(1).split()[0].lower() in _NOT_SOURCES:
                    continue
                span = Span(lead.start(), src.end(1))
                fixes = []
                if verb in _PASSIVE:
                    fixes.append(Fix("Insert “by”", (Edit(Span(v_end + 1, v_end + 1), "by "),), safe=False))
                yield self.finding(
                    doc,
                    span,
                    f"“{shown(view[span.start : span.end])}”: the source of the report needs “by” "
                    f"(“{view[v_start:v_end]} by {src.group(1)}”), or put it first (“{src.group(1)} reported”).",
                    fixes,
                )
