"""TQ335-TQ338: paragraph, punctuation, quotation and name slips seen in real machine-translated news.

Studied on English editions of Armenian, Azerbaijani, Georgian, Russian and Ukrainian news
sites: a paragraph that starts in lower case because MT split one sentence over two
paragraphs ("quiet said.\\n\\n he noted that ..."), punctuation marks of the source script
(the Armenian "․" and "։", the Arabic comma) left in English copy, stray marks around
quotations and sentence ends ("Turkey. .", "''Defense units ...''", "assessments ", he said"),
and a name spelt two ways in one article ("Mirzayev" ... "Mirzoyev").
Each scan is one linear regular expression over the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import near, shown
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.literals import char_led_finditer
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# A paragraph start: the text start or a blank line, then a space or tab, then a lower-case word.
# The leading space is the mark of a segment cut out of its sentence by the MT pipeline; a bare
# lower-case start is left alone, as sentence-per-line data and chat text are full of them.
_PARA_START_RE = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]+([a-z][a-z']*)(?=[ ,;:])")
# Particles of names that are written in lower case at the start of a sentence too.
_NAME_PARTICLES = frozenset(
    {"de", "van", "von", "al", "el", "la", "le", "du", "da", "di", "bin", "ibn", "ul", "der", "den", "ter"}
)
# Marks that end the previous paragraph without ending its sentence: a list or a quote follows.
_CONTINUES = ":,;-–—("


@register
class LowercaseParagraphStart(Rule):
    """A paragraph that starts with a space and a lower-case word (" he noted that ...").

    **What it does.** Reports a paragraph whose first characters are a space or tab and a
    common English word in lower case, unless the previous paragraph ends with a colon, comma, semicolon or dash (a list or
    a continued quotation) or the word is a name particle ("de", "van", "al").

    **Why it matters.** MT pipelines translate paragraph by paragraph and sometimes split one
    sentence over two, or drop the capital of a sentence whose start was a quotation; the
    result reads as a fragment.

    **Example.** "The embassy is in contact.\\n\\n he noted that ..." starts its second
    paragraph with a space and "he".

    **Fix safety.** Unsafe: capitalising the word is the fix when the paragraph is a whole
    sentence; when MT split a sentence, the paragraphs should be joined instead.
    """

    code = "TQ335"
    name = "lowercase-paragraph-start"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The embassy is in contact with the channel.\n\n he noted that the check continues.",
        "Three phones were seized.\n\n police seized the phones from two residents.",
    )
    quiet = (
        "The embassy is in contact with the channel.\n\nHe noted that the check continues.",
        "The list includes:\n\n the mayor, the governor and two deputies.",
        "Three phones were seized.\n\npolice seized the phones from two residents.",
        "The family moved to Brussels.\n\nde Gaulle was mentioned twice.",
        "iPhone sales rose.\n\neBay sales fell.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        res = ctx.resources
        for m in _PARA_START_RE.finditer(view):
            word = m.group(1)
            if word in _NAME_PARTICLES or not res.is_common_word(word):
                continue
            i = m.start() - 1  # the last mark before the blank line (a walk back, not a copy)
            while i >= 0 and view[i].isspace():
                i -= 1
            if i >= 0 and view[i] in _CONTINUES:
                continue
            start = m.start(1)
            capital = Edit(Span(start, start + 1), word[0].upper())
            yield self.finding(
                doc,
                Span(start, m.end(1)),
                f"The paragraph starts with a lower-case word (“{word}”): a sentence starts with a "
                "capital letter; if MT split one sentence over two paragraphs, join them.",
                [Fix(f"Capitalise “{word}”", (capital,), safe=False)],
            )


# Punctuation of other scripts, with the English mark that does the same job.
_FOREIGN_MARKS = {
    "։": ".",  # Armenian full stop (verjaket)
    "․": ":",  # one dot leader, typed for the Armenian mijaket (a colon or a pause)
    "՝": ",",  # Armenian comma
    "՞": "?",  # Armenian question mark
    "՜": "!",  # Armenian exclamation mark
    "،": ",",  # Arabic comma
    "؛": ";",  # Arabic semicolon
    "؟": "?",  # Arabic question mark
    "。": ".",  # ideographic full stop
    "，": ",",  # full-width comma
    "：": ":",  # full-width colon
    "；": ";",  # full-width semicolon
    "！": "!",  # full-width exclamation mark
    "？": "?",  # full-width question mark
}
_FOREIGN_MARK_RE = re.compile("[" + "".join(_FOREIGN_MARKS) + "]")
_MARK_NAMES = {
    "։": "the Armenian full stop",
    "․": "the Armenian mijaket (a one dot leader)",
    "՝": "the Armenian comma",
    "՞": "the Armenian question mark",
    "՜": "the Armenian exclamation mark",
    "،": "the Arabic comma",
    "؛": "the Arabic semicolon",
    "؟": "the Arabic question mark",
}


@register
class ForeignPunctuationMark(Rule):
    """A punctuation mark of another script in English copy (the Armenian "․" or "։", the
    Arabic comma, full-width marks).

    **What it does.** Reports Armenian, Arabic and full-width (CJK) punctuation marks in an
    English document and offers the English mark that does the same job.

    **Why it matters.** MT keeps the source's punctuation when it cannot map it; an Armenian
    mijaket or full stop in English copy looks like a stray dot, and search and hyphenation
    break on it.

    **Example.** "MP Hayk Konjoryan responded ․ “It is clear ...”" becomes "responded: “It
    is clear ...”".

    **Fix safety.** Unsafe: the mark's job (full stop, colon, pause) depends on the sentence.
    """

    code = "TQ336"
    name = "foreign-punctuation-mark"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = ("The MP responded ․ “It is clear.”", "The session ended։ The deputies left.", "He came، and left.")
    quiet = ("The MP responded: “It is clear.”", "The session ended. The deputies left.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in _FOREIGN_MARK_RE.finditer(view):
            mark = m.group()
            english = _FOREIGN_MARKS[mark]
            what = _MARK_NAMES.get(mark, "a full-width mark")
            start, end = m.start(), m.end()
            if english in ":,;.?!" and start > 0 and view[start - 1] == " ":
                start -= 1  # "responded ․" -> "responded:"
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{mark}” is {what}; English copy uses “{english}”.",
                [Fix(f"Replace with “{english}”", (Edit(Span(start, end), english),), safe=False)],
            )


# A full stop, comma or semicolon standing alone after a sentence end ("Turkey. .").
_STRAY_STOP_RE = re.compile(r"[.!?]([ \t]+[.,;])(?![.\w])")
# Two apostrophes used as a quotation mark (''Defense units ...'').
_DOUBLE_APOS_RE = re.compile(r"(?<![\w'])''(?=\w)|(?<=[\w.,!?])''(?![\w'])")
# A space before a closing quotation mark that a comma or full stop follows ("assessments ",").
_SPACE_CLOSE_RE = re.compile(r"(?<=[\w.,!?])([ \t]+)[\"”](?=[,.;:])")
# A comma and a dash before a name: the Russian way of attributing a quotation (", – Rex ...").
_COMMA_DASH_RE = re.compile(r"(?<![\"”»]),[ \t]*[–—-][ \t]+(?=[A-Z])")  # after a quote: TQ301 (pun-dialogue-dash)
# Two or more spaces between two words inside a sentence ("Regional  Military").
_DOUBLE_SPACE_RE = re.compile(r"(?<=[a-z,])([ ]{2,})(?=[A-Za-z])")
# Literal-led hints: the strict patterns run only around them (tqkit.checks._text.near).
_STRAY_STOP_HINT = re.compile(r"[.!?][ \t]+[.,;]")
_SPACED_ELLIPSIS = ". . ."

_DOUBLE_APOS_HINT = re.compile(r"''")
_SPACE_CLOSE_HINT = re.compile(r"[ \t][\"”][,.;:]")
# A quotation closed with an opening mark (“Trakia“) or opened with a closing one (”Trakia”):
# the source's „...“ or ”...” pair half converted. The quoted text holds no curly double mark,
# so each scan stops at the next one (linear).
_CLOSED_WITH_OPENER_RE = re.compile(r"“[^“”\n]{1,300}?[^\s“”]“(?!\w)")
_OPENED_WITH_CLOSER_RE = re.compile(r"(?:^|(?<=[\s(\[]))”(?=\w)[^“”\n]{0,300}?”")
_COMMA_DASH_HINT = re.compile(r",[ \t]*[–—-]")
_DOUBLE_SPACE_HINT = re.compile(r"  ")


@register
class StrayPunctuation(Rule):
    """A stray mark after a sentence end ("Turkey. ."), two apostrophes used as a quotation
    mark (''units''), a quotation closed with an opening mark (“units“), a space before a
    closing quotation mark ("assessments ", he said"), a comma and a dash before a speaker
    (", – Rex Tillerson said") or two spaces between words.

    **What it does.** Reports a full stop, comma or semicolon standing alone after a
    sentence's final mark, a pair of straight apostrophes opening or closing a quotation, a
    curly quotation whose closing mark is an opening one (“units“) or whose opening mark is a
    closing one (”units”), spaces between a word and the closing quotation mark that a comma or full stop follows; a
    comma followed by a dash and a capitalised word (the Russian attribution of a quotation);
    two or more spaces between two words inside a sentence (not after a full stop).

    **Why it matters.** Segment-by-segment MT and copy-paste from word processors leave these
    marks; an editor removes them before publication.

    **Example.** "It was covered in Kurdish media. ." becomes "... media."; "''Units
    resist''" becomes "“Units resist”".

    **Fix safety.** Safe: only the punctuation changes, never a word.
    """

    code = "TQ337"
    name = "stray-punctuation"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = (
        "It was covered in Kurdish media. . Then he left.",
        "''Defense units resist the attack'', she said.",
        '"We will see what happens ", he said.',
        "We must end the conflict, – Rex Tillerson said.",
        "The head of the regional  military administration said so.",
        "The road to the “Northern“ bypass was closed.",
        "They called it ”the plan” on Monday.",
    )
    quiet = (
        "It was covered in Kurdish media... Then he left.",
        "We have worked hard to build trust . . . and we will go on.",
        "“Defense units resist the attack,” she said.",
        "The students' union's chair spoke.",
        '"We will see what happens", he said.',
        "We must end the conflict, Rex Tillerson said.",
        "The war ended.  Peace talks began.",
        "The road to the “Northern” bypass was closed; “it is open,” he said.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        yield from self._stray_stops(doc, view)
        yield from self._apostrophe_quotes(doc, view)
        yield from self._mismatched_quotes(doc, view)
        yield from self._dashes_and_spaces(doc, view)
        for m in near(_SPACE_CLOSE_RE, _SPACE_CLOSE_HINT, view, 12):
            if doc.text[m.start(1) : m.end(1)] != m.group(1):
                continue  # markup that reads as a space
            gap = Span(m.start(1), m.end(1))
            yield self.finding(
                doc,
                Span(m.start(1), m.end()),
                "A space before the closing quotation mark: English closes the quotation right after its last word.",
                [Fix("Remove the space", (Edit(gap, ""),), safe=True)],
            )

    def _dashes_and_spaces(self, doc: Document, view: str) -> Iterator[Finding]:
        for m in near(_COMMA_DASH_RE, _COMMA_DASH_HINT, view, 8):
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(m.group().strip())}”: a comma and a dash before the speaker mark a quotation in "
                "Russian and Ukrainian copy; English closes the quotation and writes “..., Name said”.",
                [Fix("Keep only the comma", (Edit(Span(m.start() + 1, m.end()), " "),), safe=False)],
            )
        for m in near(_DOUBLE_SPACE_RE, _DOUBLE_SPACE_HINT, view, 4):
            if doc.text[m.start(1) : m.end(1)] != m.group(1):
                continue  # markup that reads as a space ("<a>link</a>"): not typed spaces
            yield self.finding(
                doc,
                Span(m.start(1), m.end(1)),
                "Two spaces between words: English copy has one.",
                [Fix("Keep one space", (Edit(Span(m.start(1), m.end(1)), " "),), safe=True)],
            )

    def _stray_stops(self, doc: Document, view: str) -> Iterator[Finding]:
        for m in near(_STRAY_STOP_RE, _STRAY_STOP_HINT, view, 4):
            if _SPACED_ELLIPSIS in view[max(0, m.start() - 4) : m.end(1) + 4]:
                continue  # ". . ." is an ellipsis in Chicago and British house styles
            span = Span(m.start(1), m.end(1))
            yield self.finding(
                doc,
                Span(m.start(1) - 1, m.end(1)),
                f"“{shown(view[m.start(1) - 1 : m.end(1)])}”: a stray mark after the end of the sentence.",
                [Fix("Remove the stray mark", (Edit(span, ""),), safe=True)],
            )

    def _mismatched_quotes(self, doc: Document, view: str) -> Iterator[Finding]:
        if "“" in view:
            for m in _CLOSED_WITH_OPENER_RE.finditer(view):
                yield self._wrong_mark(doc, m, m.end() - 1, "”")
        if "”" in view:
            for m in char_led_finditer(_OPENED_WITH_CLOSER_RE, view, "”"):  # (its look-behind: not every character)
                yield self._wrong_mark(doc, m, m.start(), "“")

    def _wrong_mark(self, doc: Document, m: re.Match[str], at: int, mark: str) -> Finding:
        if mark == "”":
            what = "ends with an opening quotation mark instead of a closing one"
        else:
            what = "starts with a closing quotation mark instead of an opening one"
        return self.finding(
            doc,
            Span(m.start(), m.end()),
            f"{shown(m.group())} {what} ({mark}): the source's „...“ or ”...” pair was half converted.",
            [Fix(f"Replace with “{mark}”", (Edit(Span(at, at + 1), mark),), safe=True)],
        )

    def _apostrophe_quotes(self, doc: Document, view: str) -> Iterator[Finding]:
        for m in near(_DOUBLE_APOS_RE, _DOUBLE_APOS_HINT, view, 4):
            opening = m.start() == 0 or not (view[m.start() - 1].isalnum() or view[m.start() - 1] in ".,!?")
            mark = "“" if opening else "”"
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                "Two apostrophes ('') stand for a quotation mark; English copy uses double quotation marks (“ ”).",
                [Fix(f"Replace with “{mark}”", (Edit(Span(m.start(), m.end()), mark),), safe=True)],
            )


# A capitalised word of six letters or more (a name candidate).
_NAME_RE = re.compile(r"\b[A-Z][a-z]{5,}\b")


def _one_letter_apart(a: str, b: str) -> bool:
    """Same length, one letter substituted (not a feminine "-a" or a plural "-s" ending)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 1 and diff[0] not in (0, len(a) - 1)


@register
class NameSpeltTwoWays(Rule):
    """The same name spelt two ways in one article ("Mirzayev" ... "Mirzoyev").

    **What it does.** Collects the capitalised words of six letters or more that are not
    English words, and reports the rarer spelling of two that differ by one inner letter
    ("Sooronbay" / "Sooronbai" is left alone: the last letter may be a legitimate ending, and so
    may the first).

    **Why it matters.** MT transliterates a name anew in every sentence, sometimes through
    different source forms (Russian and Azerbaijani), and the article ends up naming one
    person or place two ways; readers and search engines take them for two.

    **Example.** "Deputy Minister Etibar Mirzayev ... Etibar Mirzoyev said" reports
    "Mirzoyev".

    **Fix safety.** Unsafe: which of the two spellings is right needs a reference.
    """

    code = "TQ338"
    name = "name-spelt-two-ways"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = ("Deputy Minister Etibar Mirzayev arrived. Mirzayev said the fire was out. Later Mirzoyev added more.",)
    quiet = (
        "Ilham Aliyev and Mehriban Aliyeva attended.",
        "Deputy Minister Etibar Mirzayev arrived. Mirzayev said the fire was out.",
        "Sweden and Sweeten are different words.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        res = ctx.resources
        seen: dict[str, list[tuple[int, int]]] = {}
        for m in _NAME_RE.finditer(view):
            word = m.group()
            if res.is_known_word(word):
                continue
            seen.setdefault(word, []).append((m.start(), m.end()))
        if len(seen) < 2:
            return
        by_shape: dict[tuple[int, str, str], list[str]] = {}
        for word in seen:
            by_shape.setdefault((len(word), word[0], word[-1]), []).append(word)
        for group in by_shape.values():
            yield from self._group(doc, group, seen)

    def _group(self, doc: Document, group: list[str], seen: dict[str, list[tuple[int, int]]]) -> Iterator[Finding]:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if not _one_letter_apart(a, b):
                    continue
                rare, common = (a, b) if (len(seen[a]), seen[b][0]) < (len(seen[b]), seen[a][0]) else (b, a)
                for start, end in seen[rare]:
                    yield self.finding(
                        doc,
                        Span(start, end),
                        f"“{rare}” and “{common}” in one article: the same name spelt two ways? "
                        "Keep the spelling of the agency style guide or the gazetteer.",
                        [Fix(f"Replace with “{common}”", (Edit(Span(start, end), common),), safe=False)],
                    )
