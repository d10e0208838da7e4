"""TQ302-TQ304: grammar patterns that survive machine translation: words glued together,
possessive errors, compounds broken by a stray space."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import match_case, near, shown
from tqkit.document import Document, Segment
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.literals import literal_finditer
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_GLUED_RE = re.compile(r"(?<![\w@#/.])([a-z]{3,})([A-Z][a-z]{1,})(?![\w@])")
_GLUED_HINT_RE = re.compile(r"[a-z]{3}[A-Z][a-z]")


_SENTENCE_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "It",
        "He",
        "She",
        "They",
        "We",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "But",
        "And",
        "Or",
        "So",
        "As",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "However",
        "Meanwhile",
        "According",
    ]
)


@register
class GluedWords(Rule):
    """Two words glued together without a space ("statedThe").

    **What it does.** Reports a lower-case word followed directly by a capitalised one, when
    both halves are English words and the whole is not (so brand names such as "iPhone" or
    "eBay", and PascalCase names such as "YouTube", stay quiet).

    **Why it matters.** Lost spaces or lost full stops come from MT pipelines that join
    segments, and from copy-paste out of PDFs; they look careless in print.

    **Example.** "the minister statedThe talks" becomes "the minister stated. The talks".

    **Fix safety.** Unsafe: the missing character may be a space or a full stop. The first fix
    inserts a full stop when the second word usually starts a sentence, else a space.
    """

    code = "TQ302"
    name = "glued-words"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = ("The minister statedThe talks would resume.", "Officials saidRussia would respond.")
    quiet = (
        "He bought an iPhone on eBay.",
        "Watch us on YouTube and LinkedIn.",
        "Set the fileName option, then read fileName again.",
        "Call setName() first.",
        "The macOS update shipped.",
        "Visit example.com/NewsRoom today.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        res = ctx.resources
        view = doc.view
        matches = list(near(_GLUED_RE, _GLUED_HINT_RE, view, 40))
        seen: dict[str, int] = {}
        for m in matches:
            seen[m.group()] = seen.get(m.group(), 0) + 1
        sources = [s for s in doc.given_segments if s.source]
        for m in matches:
            left, right = m.group(1), m.group(2)
            whole = left + right
            if res.is_known_word(whole) or not res.is_known_word(left) or not res.is_known_word(right):
                continue
            if _identifier(view, m, seen, sources):
                continue
            gap = Span(m.end(1), m.end(1))
            fixes = []
            if right in _SENTENCE_WORDS:
                fixes.append(Fix(f"Insert a full stop: “{left}. {right}”", (Edit(gap, ". "),), safe=False))
            fixes.append(Fix(f"Insert a space: “{left} {right}”", (Edit(gap, " "),), safe=False))
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{whole}” looks like two words glued together (“{left}” + “{right}”).",
                fixes,
            )


_CODE_AFTER_RE = re.compile(r"[(\[=_:]|\.[a-z]|->")


def _identifier(view: str, m: re.Match[str], seen: dict[str, int], sources: list[Segment]) -> bool:
    """A camelCase identifier, not two glued words: written as code (``fileName(``,
    ``obj.fileName``, ``fileName =``), used more than once (glued words are accidents, not
    repeated), or present as such in the unit's source (a PO/XLIFF catalogue keeps identifiers)."""
    if _CODE_AFTER_RE.match(view, m.end()) or (m.start() and view[m.start() - 1] in "._$>"):
        return True
    if seen.get(m.group(), 0) > 1:
        return True
    for seg in sources:
        if seg.span.start <= m.start() < seg.span.end:
            return m.group() in (seg.source or "")
    return False


_POSSESSIVE_OWN_RE = re.compile(r"(?<![\w'’])(theirs|ours|yours|hers|it['’]s)(\s+)(own)\b", re.I)
_APOSTROPHE_POSS_RE = re.compile(r"(?<![\w'’])(their|our|your|her)['’]s(?![\w'’])", re.I)
_ARTICLE_POSS_RE = re.compile(r"(?<![\w'’])(the|a|an)(\s+)(his|their|its|my|our|your)(?=\s+[a-z])", re.I)
_POSS_HINT_RE = re.compile(r"[ \t](?:his|their|its|my|our|your|His|Their|Its|My|Our|Your)\b")
_POSS_FIX = {"theirs": "their", "ours": "our", "yours": "your", "hers": "her", "it's": "its", "it’s": "its"}


@register
class PossessiveError(Rule):
    """A broken possessive ("ours own", "it's own", "their's", "the their").

    **What it does.** Reports possessive pronouns used where a possessive determiner is needed
    ("ours own" for "our own", "it's own" for "its own"), apostrophes in possessive
    pronouns ("their's"), and an article before a possessive ("the their decision"), which
    comes from source languages that mark possession differently.

    **Why it matters.** These slip past spell-checkers and read as broken English.

    **Example.** "They defend ours own interests" becomes "They defend our own interests".

    **Fix safety.** Safe: each pattern has exactly one correct form (the article before a
    possessive is removed, which is unsafe when the sentence needs rewording, so that one is
    unsafe).
    """

    code = "TQ303"
    name = "possessive-error"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "They will defend ours own interests.",
        "The army has it's own plan.",
        "The decision was their's.",
        "They announced the their decision.",
    )
    quiet = (
        "The decision was theirs.",
        "The army has its own plan.",
        "It's their own decision.",
        "Ours is a small newsroom.",
        "The My Step faction voted against.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for m in literal_finditer(_POSSESSIVE_OWN_RE, view, folded, _POSS_FIX):
            word = m.group(1)
            right = match_case(_POSS_FIX[word.lower()], word)
            span = Span(m.start(1), m.end(1))
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(m.group())}” is not English: the possessive before “own” is “{right} own”.",
                [Fix(f"Replace with “{right} {m.group(3)}”", (Edit(span, right),), safe=True)],
            )
        for m in literal_finditer(_APOSTROPHE_POSS_RE, view, folded, ("their", "our", "your", "her")):
            word = m.group(1)
            right = match_case(word.lower() + "s", word)
            span = Span(m.start(), m.end())
            yield self.finding(
                doc,
                span,
                f"“{shown(m.group())}” takes no apostrophe: the possessive pronoun is “{right}”.",
                [Fix.replace(span, right, f"Replace with “{right}”", safe=True)],
            )
        for m in near(_ARTICLE_POSS_RE, _POSS_HINT_RE, view, 8):
            if m.group(3)[0].isupper() and not m.group(3).isupper():
                continue  # "the My Step faction", "the Our Ukraine bloc": a name
            span = Span(m.start(1), m.end(2))
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(m.group())}”: an article cannot stand before the possessive “{m.group(3)}”.",
                [Fix(f"Remove “{m.group(1)}”", (Edit(span, ""),), safe=False)],
            )


_BROKEN_RE = re.compile(
    r"(?<![\w-])([^\W\d_]{2,})(?:(\s+)-(?=[^\W\d_])|-(\s+)(?!(?:and|or|to|nor|but|as well|than)\b))([^\W\d_]{2,})"
)
_BROKEN_HINT_RE = re.compile(r" -|- ")
PREFIXES = frozenset(
    [
        "self",
        "anti",
        "non",
        "co",
        "ex",
        "post",
        "pre",
        "pro",
        "counter",
        "cross",
        "inter",
        "intra",
        "multi",
        "neo",
        "pan",
        "semi",
        "sub",
        "super",
        "trans",
        "ultra",
        "well",
        "ill",
        "half",
        "quasi",
        "pseudo",
        "vice",
        "mid",
        "over",
        "under",
        "long",
        "short",
        "high",
        "low",
        "full",
        "all",
        "far",
        "near",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    ]
)


# Second halves that only stand after a hyphen in news copy ("state-owned", "Kyiv-based").
COMPOUND_TAILS = frozenset(
    {
        "owned",
        "based",
        "led",
        "backed",
        "funded",
        "controlled",
        "run",
        "style",
        "related",
        "oriented",
        "term",
        "scale",
        "level",
        "wide",
        "free",
        "made",
        "born",
        "speaking",
        "sponsored",
        "affiliated",
        "minded",
        "centred",
        "centered",
        "friendly",
        "proof",
        "bound",
        "aligned",
        "dominated",
        "held",
    }
)


@register
class BrokenCompound(Rule):
    """A hyphenated compound broken by a stray space ("self -destruction", "anti- war",
    "state- owned").

    **What it does.** Reports a hyphen with a space on one side only between two words, when
    the first part is a common compound prefix (self, anti, non, co, ex, post, pro, well...) or
    the second a word that only stands after a hyphen ("state- owned", "Kyiv -based").
    Suspended hyphens ("pre- and post-war") are allowed.

    **Why it matters.** MT and PDF conversion split compounds; the stray space reads as a typo
    and breaks line wrapping.

    **Example.** "self -destruction" becomes "self-destruction".

    **Fix safety.** Safe: removing the stray space cannot change the meaning.
    """

    code = "TQ304"
    name = "broken-compound"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = (
        "It was an act of self -destruction.",
        "The anti- war rally began.",
        "The co -chairs met in Vienna.",
        "The state- owned bank failed.",
        "A Kyiv -based group said so.",
    )
    quiet = (
        "It was an act of self-destruction.",
        "Pre- and post-war figures differ.",
        "The talks - if they happen - will be short.",
        "Both pro- and anti-government groups marched.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for m in near(_BROKEN_RE, _BROKEN_HINT_RE, doc.view, 40):
            first, second = m.group(1), m.group(4)
            if first.lower() not in PREFIXES and second.lower() not in COMPOUND_TAILS:
                continue
            space = Span(m.start(2), m.end(2)) if m.group(2) else Span(m.start(3), m.end(3))
            joined = f"{first}-{second}"
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(m.group())}” is a compound broken by a stray space: write “{joined}”.",
                [Fix(f"Join as “{joined}”", (Edit(space, ""),), safe=True)],
            )
