"""TQ701: English quotation marks in German copy (“so” or "so" instead of „so“)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import shown
from tqkit.checks.german._base import GermanRule
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, register

# An opening mark: “ (U+201C) or a straight " at the start of a word, and the next quotation
# mark of any kind in the same paragraph.
_OPEN_RE = re.compile(r'(?:(?<=[\s(\[/–—-])|^)(["“„])(?=[\w\d.…‚‘\'(])', re.MULTILINE)
_MARKS = '"“”„'
_REACH = 600
# pairs that are German (skipped whole) and pairs that are English or mixed (reported)
_GERMAN = frozenset({("„", "“"), ("“", "„")})
_ENGLISH = frozenset({('"', '"'), ("“", "”"), ("„", "”"), ("„", '"')})


def _closer(view: str, start: int) -> int | None:
    """The offset of the next quotation mark after ``start`` in the same paragraph."""
    for i in range(start, min(len(view), start + _REACH)):
        c = view[i]
        if c in _MARKS:
            return i
        if c == "\n" and view[i + 1 : i + 2] in ("\n", "\r"):
            return None
    return None


@register
class EnglishQuotes(GermanRule):
    """English quotation marks in German copy (“so” or "so" instead of „so“).

    **What it does.** In German copy, reports a quotation opened with the English “ and closed
    with ” (English typography), or opened with „ and closed with ” or a straight " (mixed
    marks), as a warning; a quotation between straight marks ("so") is an info note, since
    much German online copy uses them. Guillemets (»so«) are German too and stay quiet; other
    foreign marks are TQ322.

    **Why it matters.** German quotations open low and close high („so“); machine translation
    from English keeps the English marks, and reviewers of MT into German mark them as
    punctuation errors.

    **Example.** "Er nannte es “einen Fehler”." becomes "Er nannte es „einen Fehler“."

    **Fix safety.** Safe: the quotation marks change, the words do not.
    """

    code = "TQ701"
    name = "german-english-quotes"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = (
        "Er nannte es “einen Fehler” und ging.",
        "Die Zeitung „Bild” berichtete darüber.",
        'Er nannte es "einen Fehler" und ging.',
    )
    quiet = (
        "Er nannte es „einen Fehler“ und ging.",
        "Er nannte es »einen Fehler« und ging.",
        "Die Zeitung „Bild“ berichtete, „sehr früh“.",
        'Ein 19"-Rack und ein 5" großer Bildschirm.',
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        if '"' not in view and "”" not in view:
            return
        done = -1
        for m in _OPEN_RE.finditer(view):
            at = m.start(1)
            if at <= done:
                continue
            opener = m.group(1)
            end = _closer(view, at + 1)
            if end is None:
                continue
            closer = view[end]
            if (opener, closer) in _GERMAN:
                done = end
                continue
            if (opener, closer) not in _ENGLISH:
                continue
            done = end
            yield self._report(doc, at, end, opener, closer)

    def _report(self, doc: Document, at: int, end: int, opener: str, closer: str) -> Finding:
        edits: list[Edit] = []
        if opener != "„":
            edits.append(Edit(Span(at, at + 1), "„"))
        edits.append(Edit(Span(end, end + 1), "“"))
        quoted = shown(doc.view[at + 1 : end])
        if len(quoted) > 40:
            quoted = quoted[:37] + "…"
        if opener == '"':
            return self.finding(
                doc,
                Span(at, end + 1),
                f"Straight quotation marks around “{quoted}”: German copy quotes „so“ (house style).",
                [Fix("Use „ and “", tuple(edits), safe=True)],
                severity=Severity.INFO,
            )
        what = "English quotation marks" if opener == "“" else "Mixed quotation marks (German „ with English ”)"
        return self.finding(
            doc,
            Span(at, end + 1),
            f"{what} around “{quoted}”: German quotations open low and close high („so“).",
            [Fix("Use „ and “", tuple(edits), safe=True)],
        )
