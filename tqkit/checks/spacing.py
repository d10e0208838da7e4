"""TQ320-TQ323: spacing and punctuation that MT pipelines and copy-paste leave behind.

A missing space after a full stop ("night.The"), a space before a comma or full stop, foreign
quotation marks in English copy (« », „ “) and doubled punctuation (",,", ".."). Broken
hyphenated compounds are TQ304 (``tqkit.checks.grammar``). Each scan is a single regular
expression over the text; the few candidates are verified with word lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import near, shown
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.literals import char_led_finditer, hinted_finditer
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# Words that end with a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "gen",
        "col",
        "lt",
        "sgt",
        "rep",
        "sen",
        "gov",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "no",
        "nos",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "incl",
        "ca",
        "cf",
        "eg",
        "ie",
        "fig",
        "vol",
        "pp",
        "ed",
        "eds",
        "al",
        "op",
        "cit",
        "ibid",
        "viz",
        "mt",
        "ft",
        "rev",
        "hon",
        "capt",
        "cmdr",
        "maj",
        "adm",
        "brig",
        "pres",
        "dept",
        "univ",
        "assn",
        "bros",
        "est",
        "www",
    }
)
_NO_SPACE_RE = re.compile(r"(?<![\w.@/:\\#&=?%+~-])([a-z]{2,})([.!?]|[.!?]”|,)([A-Z]?[a-z]{2,})(?![\w@/\\.(_-])")
_NO_SPACE_HINT_RE = re.compile(r"[.!?,]”?[A-Za-z]")


@register
class MissingSpaceAfterPunctuation(Rule):
    """No space after a full stop, question mark, exclamation mark or comma ("night.The",
    "said,that"); abbreviations, initials, decimals, URLs and file names are left alone.

    **What it does.** Reports a word, a sentence mark and a capitalised word with no space
    between ("night.The"), and two words joined by a comma ("talks,which"), when both words are
    English words. Abbreviations ("etc.", "Dr."), initials ("J.R.R."), decimals ("2.5"), URLs,
    domain names ("bbc.com", "news.Google"-style hosts with a path), e-mail addresses, file names
    ("report.pdf") and version numbers are left alone.

    **Why it matters.** MT pipelines join segments without the space, and copy out of PDFs
    loses it; the glued words look careless and break search and hyphenation.

    **Example.** "It rained all night.The roads flooded" becomes "night. The roads".

    **Fix safety.** Safe: inserting the space cannot change the meaning.
    """

    code = "TQ320"
    name = "missing-space-after-punctuation"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = (
        "It rained all night.The roads flooded.",
        "Talks failed,which surprised no one.",
        "Who knows?Nobody does.",
        "He said it was “final.”Then he left.",
    )
    quiet = (
        "See www.example.com/News for details.",
        "Write to info@example.org today.",
        "Version 2.5 ships in May.",
        "Open report.pdf first.",
        "J.R.R. Tolkien wrote it.",
        "Prices etc.And more.",
        "Mr.Smith arrived.",
        "The U.S. and the U.K. agreed.",
        "Visit example.com today.",
        "The app is called node.js in docs.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        res = ctx.resources
        for m in near(_NO_SPACE_RE, _NO_SPACE_HINT_RE, view, 40):
            left, mark, right = m.group(1), m.group(2), m.group(3)
            if left in _ABBREVIATIONS:
                continue
            if mark == ",":
                if right[0].isupper() or not (res.is_common_word(left) and res.is_common_word(right)):
                    continue
            elif not right[0].isupper() or not (res.is_known_word(left) and res.is_common_word(right)):
                continue
            gap = Span(m.end(2), m.end(2))
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(m.group())}”: a space is missing after “{mark[0]}”.",
                [Fix(f"Insert a space after “{mark}”", (Edit(gap, " "),), safe=True)],
            )


_SPACE_BEFORE_HINT_RE = re.compile(r"[ \t\u00a0][,.;:!?]")
_SPACE_BEFORE_RE = re.compile(
    r"(?<=[^\W_])([ \t\u00a0]+)([,.;:!?])(?=[ \t\u00a0]*(?:[\r\n]|$)|[ \t\u00a0]+[^\s.,;:!?)\]]|[\"”’)])"
)


@register
class SpaceBeforePunctuation(Rule):
    """A space before a comma, full stop, colon, semicolon, question or exclamation mark
    ("the talks , which").

    **What it does.** Reports spaces between a word and the punctuation mark that follows it.
    Ellipses (" ..."), a leading full stop of a name (".NET") and emoticons are left alone.

    **Why it matters.** French typography puts a space before "?", "!", ":" and ";", and
    tokenised MT output puts one before every mark; English copy never does.

    **Example.** "The talks , which began on Monday" becomes "The talks, which".

    **Fix safety.** Safe: removing the space cannot change the meaning.
    """

    code = "TQ321"
    name = "space-before-punctuation"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    # any language with a profile; French-style spaces before ; : ! ? come from the profile
    languages = None
    fires = ("The talks , which began on Monday, failed.", "He asked : why now?", "Is it over ?", "It ended .")
    quiet = (
        "The talks, which began on Monday, failed.",
        "Wait ... what?",
        "Built on .NET and Java.",
        "Scores: 3 : 1 in the final.",
        "He smiled :) and left.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        profile = ctx.profile
        if profile is not None and profile.generic:
            return
        spaced = profile.space_before if profile is not None else frozenset()
        language = profile.name if profile is not None else "English"
        for m in near(_SPACE_BEFORE_RE, _SPACE_BEFORE_HINT_RE, view, 8):
            mark = m.group(2)
            if mark in spaced:
                continue
            if doc.text[m.start(1) : m.end(1)] != m.group(1):
                continue  # markup that reads as a space ("<a>link</a>,"): not a typed space
            nxt = view[m.end() : m.end() + 1]
            if mark in ":;" and nxt in ")(-D":
                continue  # an emoticon
            if mark == "." and nxt == ".":
                continue
            if mark == ":" and view[max(0, m.start() - 1)].isdigit():
                continue  # a score or a ratio
            space = Span(m.start(1), m.end(1))
            yield self.finding(
                doc,
                Span(m.start(1), m.end(2)),
                f"A space before “{mark}”: {language} puts no space before this mark.",
                [Fix(f"Remove the space before “{mark}”", (Edit(space, ""),), safe=True)],
            )


_FOREIGN_QUOTE_RE = re.compile(r"[«»„‹›‚]")
_QUOTE_FIX = {"«": "“", "»": "”", "„": "“", "‹": "‘", "›": "’", "‚": "‘"}
_CLOSERS = {"«": "»", "„": "“”", "‹": "›", "‚": "‘’", "»": "«", "›": "‹"}


@register
class ForeignQuotes(Rule):
    """Guillemets or low-9 quotation marks in English copy («Izvestia», „Izvestia“).

    **What it does.** Reports « », ‹ ›, „ and ‚ in an English document, with the mark that
    closes the quotation (so „ ... “ is reported as one finding), and offers English “ ”.
    Danish-style reversed guillemets (»quote«) are recognised.

    **Why it matters.** Russian, Ukrainian, Bulgarian and Turkish copy uses guillemets or
    low-9 marks, and MT keeps them; English news copy uses “ ” (or ' ').

    **Example.** "the newspaper «Izvestia» reported" becomes "the newspaper “Izvestia”
    reported".

    **Fix safety.** Safe: the quotation marks change, the words do not.
    """

    code = "TQ322"
    name = "foreign-quotes"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    # any language with a profile: marks outside its quotation marks are foreign
    languages = None
    fires = (
        "The newspaper «Izvestia» reported it.",
        "He called it „a disaster“ on Monday.",
        "The word »peace« was used.",
    )
    quiet = ("The newspaper “Izvestia” reported it.", "He called it “a disaster” on Monday.", "She said 'no' twice.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        profile = ctx.profile
        if profile is None or profile.generic or not any(c in view for c in "«»„‹›‚"):
            return
        native = profile.quote_marks
        if all(c in native for c in "«»„‹›‚" if c in view):
            return
        # English keeps single marks single; other languages get their primary pair
        english = profile.code == "en"
        q_open, q_close = profile.quotes_primary

        def opening(mark: str) -> str:
            return _QUOTE_FIX[mark] if english else q_open

        def closing(opener: str) -> str:
            if not english:
                return q_close
            return "”" if opener == "“" else "’"

        done = -1
        for m in _FOREIGN_QUOTE_RE.finditer(view):
            at = m.start()
            if at <= done:
                continue
            mark = m.group()
            if mark in native:
                continue
            closers = _CLOSERS[mark]
            if mark in "»›" and (at == 0 or not view[at - 1].isalnum()) and view[at + 1 : at + 2].isalnum():
                opener_fix = opening("«" if mark == "»" else "‹")  # »Danish style«
            elif mark in "»›":
                lone = _QUOTE_FIX[mark] if english else q_close
                yield self._report(doc, Span(at, at + 1), (Edit(Span(at, at + 1), lone),), profile.name)
                continue
            else:
                opener_fix = opening(mark)
            end = self._closer(view, at + 1, closers)
            edits: list[Edit] = [Edit(Span(at, at + 1), opener_fix)]
            span = Span(at, at + 1)
            if end is not None:
                edits.append(Edit(Span(end, end + 1), closing(opener_fix)))
                span = Span(at, end + 1)
                done = end
            yield self._report(doc, span, tuple(edits), profile.name)

    @staticmethod
    def _closer(view: str, start: int, closers: str) -> int | None:
        for i in range(start, min(len(view), start + 400)):
            c = view[i]
            if c in closers:
                return i
            if c == "\n" and view[i + 1 : i + 2] in ("\n", "\r"):
                return None
        return None

    def _report(self, doc: Document, span: Span, edits: tuple[Edit, ...], language: str) -> Finding:
        marks = "".join(doc.view[e.start] for e in edits)
        new = "".join(e.replacement for e in edits)
        return self.finding(
            doc,
            span,
            f"“{shown(doc.view[span.start : span.end])}”: {' and '.join(marks)} are not {language} quotation "
            f"marks; use {' and '.join(new)}."
            if len(edits) > 1
            else f"“{marks}” is not a {language} quotation mark; use “{new}”.",
            [Fix(f"Replace with {new}", edits, safe=True)],
        )


_DOUBLED_PUNCT_RE = re.compile(r"(?<=[^\W_]|[)”\"’])(,,|;;|,\.|\.\.)(?![.:,;\w/\\])")
# its matches start where a pair does (within a run of marks the look-behind fails)
_PUNCT_PAIR_RE = re.compile(r",,|;;|,\.|\.\.")


@register
class DoubledPunctuation(Rule):
    """Doubled punctuation: ",,", ";;", ",.", ".." (an ellipsis "..." is fine).

    **What it does.** Reports two commas or semicolons in a row, a comma followed by a full
    stop, and exactly two full stops after a word (three are an ellipsis). Paths ("../"),
    ranges ("1..10") and "::" in code are left alone.

    **Why it matters.** Doubled marks come from joined segments and careless edits; they
    look like typos.

    **Example.** "in the capital,, officials said" becomes "in the capital, officials said".

    **Fix safety.** Safe for doubled commas and semicolons; unsafe for ".." and ",." (the
    writer may have meant an ellipsis, or the other mark).
    """

    code = "TQ323"
    name = "doubled-punctuation"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    languages = None  # the same slip in any language
    fires = ("In the capital,, officials said.", "The talks ended..", "He left,.", "They agreed;; the rest left.")
    quiet = (
        "The talks ended...",
        "Open ../docs now.",
        "Use std::vector here.",
        "Pages 1..10.",
        "He left, then came back.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in hinted_finditer(_DOUBLED_PUNCT_RE, view, _PUNCT_PAIR_RE):
            pair = m.group(1)
            if pair == "::":
                continue
            if pair == ".." and view[max(0, m.start() - 1)].isdigit():
                continue
            keep = "." if pair == ",." else pair[0]
            safe = pair in (",,", ";;")
            span = Span(m.start(), m.end())
            yield self.finding(
                doc,
                span,
                f"“{pair}”: doubled punctuation; keep one mark (“{keep}”)."
                if pair != ".."
                else "“..”: two full stops; write one, or an ellipsis (“...”).",
                [Fix(f"Replace with “{keep}”", (Edit(span, keep),), safe=safe)],
            )


_SLASH_PAIR_RE = re.compile(r"(?<![^\s(])/([A-Za-z0-9€$£][^/\n]{1,80}?[^\s/])/(?=[\s.,;:)]|$)")
# An agency's dateline ("MOSCOW, November 29. /TASS/."): its house style, not an aside.
_DATELINE_RE = re.compile(r"(?:^|\n)[A-Z][A-Z .'\-]{1,40},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?\s*[.\-–—]?\s*$")


@register
class SlashBrackets(Rule):
    """An aside between slashes instead of parentheses ("29 million leva /EUR 14.8 million/").

    **What it does.** Reports a phrase between two slashes, with a space (or the start of a
    line) before the first slash and a space or punctuation after the second, as Bulgarian and
    Russian agency copy uses them for a conversion or an aside. Paths, dates ("1/2/2020"),
    "and/or" and URLs are left alone.

    **Why it matters.** English copy uses parentheses; slashes around a phrase look like a
    formatting slip.

    **Example.** "29 million leva /EUR 14.8 million/" becomes "29 million leva (EUR 14.8
    million)".

    An agency name between slashes right after a dateline ("MOSCOW, November 29. /TASS/.") is
    that agency's house style and stays quiet.

    **Fix safety.** Safe: the brackets change, the words do not.
    """

    code = "TQ324"
    name = "slash-brackets"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.PUNCTUATION
    fires = ("Turnover exceeded 29 million leva /EUR 14.8 million/ last year.", "The agency /BTA/ reported it.")
    quiet = (
        "Turnover exceeded 29 million leva (EUR 14.8 million).",
        "Use and/or here.",
        "It happened on 1/2/2020.",
        "See /usr/local/bin for the tools.",
        "The 24/7 service.",
        "Rates are quoted in km/h or m/s.",
        "MOSCOW, November 29. /TASS/. The talks went on.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in char_led_finditer(_SLASH_PAIR_RE, view, "/"):
            inner = m.group(1)
            if "/" in inner or ":" in inner or ("." in inner.split()[0][:-1] and " " not in inner):
                continue  # a path or a URL
            if " " not in inner and not inner.isupper():
                continue  # "/usr/", "/bin/": a path, not an aside (single words count when an acronym)
            if " " not in inner and _DATELINE_RE.search(view, max(0, m.start() - 80), m.start()):
                continue  # an agency's tag after its dateline
            edits = (Edit(Span(m.start(), m.start() + 1), "("), Edit(Span(m.end() - 1, m.end()), ")"))
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(m.group())}”: English copy puts an aside in parentheses, not between slashes.",
                [Fix(f"Replace with “({shown(inner)})”", edits, safe=True)],
            )
