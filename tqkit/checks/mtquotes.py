"""TQ360-TQ362: quotations as MT carries them over from Slavic and Turkish news copy.

Studied on English editions of Bulgarian, Russian, Turkish, Ukrainian and Central Asian news
sites: a quotation closed with a full stop before its attribution ("... over.” he said"), a
closing mark typed as an opening one after a space (", “said the mayor"), a quotation glued
to the previous sentence ("end.“We"), the dash that opens direct speech in a paragraph
("- We have repaired ...") and quotation marks around names of roads, organisations and
newspapers (the Slavic «...» habit: "the “Struma” highway", "As “Dnevnik” reports").
Each scan is one linear regular expression; the few candidates are checked in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import near, near_spans, shown
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.literals import char_led_finditer
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# Verbs of an attribution ("he said", "said the mayor").
_SPEECH = (
    "said|added|noted|stressed|stated|explained|continued|concluded|emphasized|emphasised|"
    "underlined|told|says|adds|notes|declared|replied|answered|recalled|remarked|assured|wrote|asked"
)
# A full stop, then the closing mark, then a pronoun and a speech verb ("over.” he said").
_STOP_PRONOUN_RE = re.compile(rf"(?<=\w)(\.)([\"”])[ \t]+(?:he|she|they|we|I)[ \t]+(?:{_SPEECH})\b")
# A full stop, then the closing mark, then an inverted attribution ("over.” said the mayor").
_STOP_INVERTED_RE = re.compile(rf"(?<=\w)(\.)([\"”])[ \t]+(?:{_SPEECH})[ \t]+(?:the|[A-Z][a-z])")
# A full stop, then the closing mark, then one to three capitalised words and a speech verb that
# ends the sentence ("over.” Mayor Smith said.").
_STOP_NAMED_RE = re.compile(rf"(?<=\w)(\.)([\"”])[ \t]+(?:[A-Z][\w’'-]+[ \t]+){{1,3}}(?:{_SPEECH})(?=[.,])")
# A mark, a space and an opening mark before a lower-case speech verb (", “said Hovhannisyan").
_OPENER_AS_CLOSER_RE = re.compile(rf"(?<=\w)([,.!?])([ \t]+)([“\"])(?=(?:{_SPEECH})\b)")
# A sentence mark glued to an opening curly mark and a capital ("end.“We").
_GLUED_OPENER_RE = re.compile(r"(?<=[a-z]{2})([.!?])“(?=[A-Z])")
# An opening curly mark that ends a paragraph ("for ten years.“"): the closing one is meant.
_OPENER_AT_END_RE = re.compile(r"(?<=[\w.,!?])“(?=[ \t]*(?:\n|\Z))")
# A space before a closing mark that ends a paragraph ("went off. \"").
# (Not after a spaced mark: tokenised text, "word . \"", spaces every mark.)
_SPACE_BEFORE_END_RE = re.compile(r"(?:(?<=[\w)][.,!?])|(?<=\w))([ \t]+)[\"”](?=[ \t]*(?:\n|\Z))")
# A curly quotation opened again inside an open one ("“The harvest was good. “Next year ...").
_REOPENED_RE = re.compile(r"“[^“”\n]{1,300}?[.!?][ \t]+(“)(?=[A-Z])")
# Literal-led hints: the strict patterns run only around them (tqkit.checks._text.near).
_STOP_HINT = re.compile(r"\.[\"”][ \t]+[A-Za-z]")
_OPENER_AS_CLOSER_HINT = re.compile(r"[,.!?][ \t]+[“\"][a-z]")
_SPACE_BEFORE_END_HINT = re.compile(r"[ \t][\"”][ \t]*(?:\n|\Z)")
_GLUED_OPENER_HINT = re.compile(r"[.!?]“[A-Z]")
_NO_COMMA_HINT = re.compile(r"[ \t][“\"][A-Z]")
# A speech verb and an opening mark with no comma or colon ("said “We will").


def _mark_hints(view: str, hint: re.Pattern[str], marks: str, run: bool) -> list[tuple[int, int]]:
    """The spans of ``hint.finditer(view)`` for a hint that holds one of the quotation ``marks``
    after one space or tab (``run``: after a run of them and one character before it), found
    from the marks: a hint that opens with a space stops the regex engine at every word."""
    at: list[int] = []
    for mark in marks:
        p = view.find(mark)
        while p != -1:
            at.append(p)
            p = view.find(mark, p + 1)
    spans: list[tuple[int, int]] = []
    last_end = 0
    for p in sorted(at):
        q = p - 1
        if run:
            while q > 0 and view[q - 1] in " \t":
                q -= 1
            q -= 1
        if q >= last_end:
            m = hint.match(view, q)
            if m is not None:
                last_end = m.end()
                spans.append(m.span())
    return spans


_NO_COMMA_RE = re.compile(rf"\b(?:{_SPEECH})([ \t]+)[“\"](?=[A-Z])([^“”\"\n]{{0,200}})")


@register
class QuotationPunctuation(Rule):
    """A quotation closed with a full stop before its attribution ("over.” he said"), a closing
    mark typed as an opening one after a space (", “said the mayor"), a quotation glued to the
    previous sentence ("end.“We") or a speech verb with no comma before the quotation ("said “We").

    **What it does.** Reports a full stop before a closing quotation mark that a pronoun or a
    name and a speech verb follow ("...done.” he said"; English: "...done,” he said"), a
    comma or full stop, a space and an opening mark before a lower-case speech verb
    ("house, “said"), a full stop glued to the opening mark of the next quotation ("end.“We"),
    and "said" + an opening mark + a quoted sentence of four words or more with no comma.

    **Why it matters.** Russian, Bulgarian and Turkish punctuate direct speech differently; MT
    carries the marks over, and English readers see a sentence end where the attribution
    continues it (AP Stylebook, quotation marks; Chicago 6.9).

    **Example.** "“The work is done.” he said." becomes "“The work is done,” he said."

    **Fix safety.** Unsafe: a sentence may have been cut at the quotation; the editor decides.
    """

    code = "TQ360"
    name = "quotation-punctuation"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = (
        "“We will finish the road this year.” he said.",
        '"The work goes on." said the mayor.',
        "“We thank the volunteers for their work.” Mayor Demir said.",
        "“The water is back in every house, “said the official.",
        "The meeting ended.“We will return,” she said.",
        "The mayor said “We will build the school next spring.”",
        "“We have asked for this road for ten years.“\n\nThe next item.",
        '"I think the lights went off. "\n\nThe next item.',
        "“The harvest was good. “Next year we plan more.”",
    )
    quiet = (
        "“We will finish the road this year,” he said.",
        "“The work goes on,” said the mayor.",
        "“We thank the volunteers.” Mayor Demir said the work would last three days.",
        "“Is it over?” he asked.",
        "The mayor said “no” twice.",
        "Protesters said “the law must go”, a slogan of the movement.",
        "The meeting ended. “We will return,” she said.",
        "He said, “We will build the school next spring.”",
        "“The harvest was good.” “Next year we plan more,” he said.",
        "He cited “Hamlet” and “Macbeth” on stage.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        if '"' not in view and "“" not in view and "”" not in view:
            return
        for rx in (_STOP_PRONOUN_RE, _STOP_INVERTED_RE, _STOP_NAMED_RE):
            for m in near(rx, _STOP_HINT, view, 80):
                stop = m.start(1)
                yield self.finding(
                    doc,
                    Span(stop, m.end()),
                    f"“{shown(m.group())}”: the attribution continues the sentence; English closes the "
                    "quotation with a comma before it: …,” he said.",
                    [Fix("Replace the full stop with a comma", (Edit(Span(stop, stop + 1), ","),), safe=False)],
                )
        yield from self._misplaced_marks(doc, view)

    def _misplaced_marks(self, doc: Document, view: str) -> Iterator[Finding]:
        for m in near_spans(_OPENER_AS_CLOSER_RE, _mark_hints(view, _OPENER_AS_CLOSER_HINT, '“"', True), view, 20):
            new = m.group(1) + "”" if m.group(3) == "“" else m.group(1) + '"'
            span = Span(m.start(1), m.end(3))
            yield self.finding(
                doc,
                span,
                f"“{shown(m.group())}”: the closing quotation mark stands after a space, as an opening one; "
                "English closes the quotation right after its last mark: …,” said.",
                [Fix("Close the quotation", (Edit(span, new + " "),), safe=False)],
            )
        for m in near(_GLUED_OPENER_RE, _GLUED_OPENER_HINT, view, 4):
            at = m.end(1)
            yield self.finding(
                doc,
                Span(m.start(1), m.end()),
                f"“{m.group()}”: a space is missing before the opening quotation mark.",
                [Fix("Insert a space", (Edit(Span(at, at), " "),), safe=True)],
            )
        yield from self._paragraph_ends(doc, view)
        for m in near_spans(_NO_COMMA_RE, _mark_hints(view, _NO_COMMA_HINT, '“"', False), view, 220):
            if len(m.group(2).split()) < 4:
                continue  # a quoted word or title ("said “no”")
            if view.startswith(("”", '"'), m.end()) and not m.group(2).rstrip().endswith((".", ",", "!", "?", "…")):
                continue  # a quoted phrase, not a sentence: chanted “Down with the law”, a slogan
            gap = Span(m.start(1), m.start(1))
            yield self.finding(
                doc,
                Span(m.start(), m.end(1) + 1),
                f"“{shown(m.group()[: m.end(1) + 1 - m.start()])}”: English puts a comma between the speech "
                "verb and a quoted sentence: said, “We ...”.",
                [Fix("Insert a comma", (Edit(gap, ","),), safe=True)],
            )

    def _paragraph_ends(self, doc: Document, view: str) -> Iterator[Finding]:
        for m in char_led_finditer(_OPENER_AT_END_RE, view, "“"):
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                "The paragraph ends with an opening quotation mark (“); the closing one (”) is meant.",
                [Fix("Replace with ”", (Edit(Span(m.start(), m.end()), "”"),), safe=True)],
            )
        for m in near_spans(_SPACE_BEFORE_END_RE, _mark_hints(view, _SPACE_BEFORE_END_HINT, '"”', False), view, 8):
            if not _quotation_open(view, m.start()):
                continue  # a mark with no opening one in the paragraph: the quotation began earlier
            gap = Span(m.start(1), m.end(1))
            yield self.finding(
                doc,
                Span(m.start(1), m.end()),
                "A space before the closing quotation mark: English closes the quotation right after its last mark.",
                [Fix("Remove the space", (Edit(gap, ""),), safe=True)],
            )
        for m in _REOPENED_RE.finditer(view):
            yield self.finding(
                doc,
                Span(m.start(1), m.end(1)),
                "A quotation mark opens a new quotation inside one that is still open: close the first "
                "quotation (”) or drop this mark.",
                [Fix("Drop the mark", (Edit(Span(m.start(1), m.end(1)), ""),), safe=False)],
            )


def _quotation_open(view: str, at: int) -> bool:
    """True when a quotation is open at ``at`` in its paragraph (line): an odd number of straight
    marks before it, or a curly opening mark after the last closing one (MT mixes the two)."""
    para = view[view.rfind("\n", 0, at) + 1 : at]
    return para.count('"') % 2 == 1 or para.rfind("“") > para.rfind("”")


# A paragraph that opens with a dash or hyphen and a capital ("- We approved ...").
_DASH_PARA_RE = re.compile(r"(?:\A|\n|(?<=[.!?])[ \t])[ \t]*([-–—])[ \t]+(?=[A-Z\"“])(?=([^\n]{0,400}))")
# Evidence of direct speech: a first-person word, or a dash attribution later in the paragraph.
_DASH_PARA_HINT = re.compile(r"[-–—][ \t]+[A-Z\"“]")
_HEAD_RE = re.compile(r"\S+(?:[ \t]+\S+){0,3}")
_FIRST_PERSON_RE = re.compile(r"\b(?:I|I’m|I'm|I’ll|I'll|we|We|our|Our|us|my|My|me)\b")
_DASH_TAG_RE = re.compile(
    rf"[,.!?…]?[ \t]+[-–—][ \t]+(?:the|he|she|[A-Z][a-z]+)\b[^\n]{{0,60}}?\b(?:{_SPEECH}|began)\b"
)


@register
class DialogueDashParagraph(Rule):
    """A paragraph of direct speech opened with a dash ("- We have repaired nine schools ...").

    **What it does.** Reports a paragraph that starts with a hyphen, an en dash or an em dash and
    a capital when the paragraph is direct speech: a first-person word ("I", "we", "our") in its
    first sentence, or a dash attribution later ("... - the mayor said"). A list of items whose
    lines start with dashes and speak of others stays quiet.

    **Why it matters.** Russian, Ukrainian, Bulgarian and Turkish interviews mark each reply
    with a dash; English news uses quotation marks and an attribution, and a bare dash reads as
    a bullet point (AP Stylebook, quotations).

    **Example.** "- We have repaired nine schools, - the mayor said." becomes "“We
    have repaired nine schools,” the mayor said."

    **Fix safety.** Unsafe: the closing mark and the attribution need rewriting by hand.
    """

    code = "TQ361"
    name = "dialogue-dash-paragraph"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = (
        "The session opened.\n\n- We have repaired nine schools, the rest will follow.",
        "— The government has set clear tasks - the minister said.",
        "Intro.\n– I will talk about the lighting first.",
        "The budget was adopted, the mayor said. - I will speak about the roads first.",
    )
    quiet = (
        "The plan includes:\n- New roads in three districts.\n- A school in the north.",
        "“We have repaired nine schools,” the mayor said.",
        "Intro.\n- Ministry of Health: 12 cases.",
        "The score was 3-1. - Three days later the team left.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in near(_DASH_PARA_RE, _DASH_PARA_HINT, view, 420):
            para = m.group(2)
            first = re.split(r"(?<=[.!?])\s", para, maxsplit=1)[0]
            if not (_FIRST_PERSON_RE.search(first) or _DASH_TAG_RE.search(para)):
                continue
            dash = m.start(1)
            head_m = _HEAD_RE.match(para)
            head = shown(head_m.group()) if head_m else ""
            yield self.finding(
                doc,
                Span(dash, m.start(2) + (head_m.end() if head_m else 0)),
                f"“{m.group(1)} {head}”: a dash opening direct speech is the Russian and Bulgarian convention; "
                "English news puts the words in quotation marks with an attribution: “We ...,” the mayor said.",
                [Fix("Open the quotation", (Edit(Span(dash, m.start(2)), "“"),), safe=False)],
            )


# A capitalised name of one to four words in quotation marks.
_QNAME = r"[“\"]((?:[A-Z][\w’'-]*)(?:[ \t][A-Z][\w’'-]*){0,3})[”\"]"
# Nouns of things whose names English copy does not quote: roads, bodies, firms, media, places.
_FACILITY = (
    "highway|motorway|road|street|boulevard|avenue|square|bridge|tunnel|checkpoint|airport|station|"
    "port|plant|factory|mine|company|enterprise|corporation|holding|bank|hospital|clinic|hotel|"
    "stadium|market|park|village|district|neighbourhood|neighborhood|complex|centre|center|"
    "newspaper|agency|channel|party|movement|association|union|foundation|organization|organisation|"
    "battalion|brigade|regiment|unit|group|program|programme|project"
)
_QNAME_HINT = re.compile(r"[“\"][A-Z]")
_NAME_BEFORE_NOUN_RE = re.compile(rf"{_QNAME}[ \t]+(?:{_FACILITY})s?\b")
_NOUN_BEFORE_NAME_RE = re.compile(rf"\b(?:{_FACILITY})s?[ \t]+{_QNAME}")
# (Not after "a"/"an": "a “Concerned Reader” wrote" quotes a pen name, not a newspaper.)
_MEDIA_REPORTS_RE = re.compile(
    rf"(?<!\b[Aa][ \t])(?<!\b[Aa]n[ \t]){_QNAME}[ \t]+(?:reports|reported|writes|wrote|informs|informed)\b"
)
_THE_NAME_RE = re.compile(
    rf"\bthe[ \t]+{_QNAME}(?=[ \t]*[.,;:)]|[ \t]+(?:and|or|in|on|at|from|to|was|were|is|are|has|had|will)\b)"
)


@register
class QuotedProperName(Rule):
    """A road, organisation, firm or newspaper name in quotation marks ("the “Struma” highway",
    "As “Dnevnik” reports").

    **What it does.** Reports a capitalised name of one to four words in quotation marks next to
    a noun of a road, a body, a firm, a place or a medium ("the “Struma” highway", "the party
    “Renaissance”"), or before "reports"/"writes"; a warning. A quoted capitalised name after
    "the" without such a noun ("passed to the “Municipal Guard”") is an info note: English
    quotes titles of works and coined terms, and only a reader knows which this is.

    **Why it matters.** Russian, Bulgarian and Ukrainian copy puts names of organisations, roads
    and newspapers in «...»; English news writes them bare (AP Stylebook: quotation marks are for
    titles of works, not for names of companies, roads or publications).

    **Example.** "the “Struma” highway" becomes "the Struma highway".

    **Fix safety.** Unsafe: the quoted words may be the title of a work.
    """

    code = "TQ362"
    name = "quoted-proper-name"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = (
        "Traffic on the “Struma” highway was stopped.",
        'As "Dnevnik" reports, the tender was cancelled.',
        "The deal went to the company “Stroyinvest” last year.",
        "The detainees were passed to the “Municipal Guard”.",
    )
    quiet = (
        "Traffic on the Struma highway was stopped.",
        "She sang “Yesterday” at the concert.",
        "“Stop,” he said.",
        "He called it the “Great Plan” of the year, a plan he later dropped in May.",
        "In 1851 a “Country Parson” wrote to the editor about the harvest.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        if '"' not in view and "“" not in view:
            return
        seen: set[int] = set()
        hits = [h.span() for h in _QNAME_HINT.finditer(view)]  # (one hint scan for the four patterns)
        for rx in (_NAME_BEFORE_NOUN_RE, _NOUN_BEFORE_NAME_RE, _MEDIA_REPORTS_RE):
            for m in near_spans(rx, hits, view, 60):
                if m.start(1) not in seen:
                    seen.add(m.start(1))
                    yield self._quoted(doc, m, Severity.WARNING)
        for m in near_spans(_THE_NAME_RE, hits, view, 60):
            if m.start(1) not in seen and len(m.group(1).split()) > 1:
                seen.add(m.start(1))
                yield self._quoted(doc, m, Severity.INFO)

    def _quoted(self, doc: Document, m: re.Match[str], severity: Severity) -> Finding:
        name = m.group(1)
        span = Span(m.start(1) - 1, m.end(1) + 1)
        return self.finding(
            doc,
            span,
            f"“{name}” in quotation marks: English news writes names of roads, organisations, firms and "
            "newspapers without them (the «...» of the source).",
            [Fix("Remove the quotation marks", (Edit(span, name),), safe=False)],
            severity=severity,
        )
