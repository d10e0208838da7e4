"""TQ366-TQ367, TQ208: a word with two letters swapped ("Adminsitration"), a person named by an
initial and a surname ("R. Mammadov said") in news copy, and a real word where its
near-homophone is meant ("the rout bus", from a curated list with sources).

Both seen in English editions of Azerbaijani, Serbian and Central Asian news sites. The
spelling check needs no model: a word that is in no English word list (wordfreq's offline data,
already a dependency) but becomes a frequent word when two neighbouring letters trade places is
a typo, not a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import match_case, near, sentence_start
from tqkit.datafiles import bundled_table
from tqkit.document import Document
from tqkit.errors import ResourceError
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.literals import literal_finditer
from tqkit.registry import CheckContext, FixAvailability, Rule, register
from tqkit.resources import Resources

# A word of seven letters or more (shorter words swap into other words too easily).
_LONG_WORD_RE = re.compile(r"(?<![\w’'-])[A-Za-z][a-z]{6,}(?![\w’'-])")


def _swaps(word: str) -> Iterator[str]:
    """``word`` with each pair of neighbouring (different) letters swapped, the first kept."""
    for i in range(1, len(word) - 1):
        a, b = word[i], word[i + 1]
        if a != b:
            yield word[:i] + b + a + word[i + 2 :]


def _swapped_word(word: str, res: Resources) -> str | None:
    """The frequent word ``word`` becomes with two neighbouring letters swapped, if it is in no
    word list itself."""
    if res.is_known_word(word) or (word[0].isupper() and len(word) < 9):
        return None  # a short capitalised word may be a rare name ("Granish" is no "garnish")
    return next((s for s in _swaps(word.lower()) if res.is_common_word(s)), None)


@register
class TransposedLetters(Rule):
    """Two neighbouring letters swapped in a common word ("Adminsitration", "govenrment").

    **What it does.** Reports a word of seven letters or more that is in no English word list
    but becomes a frequent English word when two neighbouring letters (not the first) trade
    places, and offers that word. A capitalised word needs nine letters or more: a shorter one may
    be a rare surname one swap away from a word ("Granish").

    **Why it matters.** Typos of the source or of the post-editor survive MT; a spell checker
    catches them, but MT output often skips one. Names are safe: a name is rarely one swap away
    from a frequent word, and the word lists know common names.

    **Example.** "the regional Adminsitration" becomes "the regional Administration".

    **Fix safety.** Unsafe: a rare name or term may be meant.
    """

    code = "TQ366"
    name = "transposed-letters"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = ("The regional Adminsitration published the figures.", "The minsitry said nothing.")
    quiet = (
        "Mr Granish spoke.",
        "The regional Administration published the figures.",
        "Mirzayev and Kochanova spoke.",
        "The Kharkiv region.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        res = ctx.resources
        verdicts: dict[str, str | None] = {}  # a word's swap, looked up once per document
        for m in _LONG_WORD_RE.finditer(view):
            word = m.group()
            if word not in verdicts:
                verdicts[word] = _swapped_word(word, res)
            found = verdicts[word]
            if found is None:
                continue
            new = match_case(found, word)
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{word}”: two letters swapped? “{new}” is meant.",
                [Fix(f"Write “{new}”", (Edit(Span(m.start(), m.end()), new),), safe=False)],
            )


_SPEECH = "said|added|noted|stressed|stated|explained|emphasized|emphasised|told|says|declared|reported|recalled"
# An initial and a surname: "R. Mammadov said", "said R. Mammadov".
_INITIAL_RE = re.compile(
    rf"(?<![\w.])([A-Z]\.[ \t]?(?:[A-Z]\.[ \t]?)?)([A-Z][a-z]{{2,}}(?:-[A-Z][a-z]+)?)[ \t]+(?:{_SPEECH})\b"
    rf"|\b(?:{_SPEECH})[ \t]+([A-Z]\.[ \t]?(?:[A-Z]\.[ \t]?)?)([A-Z][a-z]{{2,}})\b"
)
_INITIAL_HINT = re.compile(r"[A-Z]\.[ \t]?[A-Z]")
_TITLE_WORDS = frozenset(
    "president minister governor mayor chairman akim hokim ambassador director rector speaker premier "
    "prosecutor general colonel academician professor dr mr mrs ms".split()
)


@register
class InitialForFirstName(Rule):
    """A person named by an initial and a surname ("R. Mammadov said") in news copy.

    **What it does.** Reports an initial (or two) and a surname next to a speech verb ("R.
    Mammadov said", "said A. Petrov") when no given name or title precedes; an info note. After a
    title ("President I. Aliyev") the punctuation-conventions pack reports it.

    **Why it matters.** Agency copy of the region names officials by initial and surname;
    English news gives the full name on first mention and the surname after (AP, Reuters).

    **Example.** "“... the case goes to court,” R. Mammadov said." — write the given name on first
    mention: “Rashad Mammadov said”.

    **Fix safety.** No fix: the given name must be looked up.
    """

    code = "TQ367"
    name = "initial-for-first-name"
    fix_availability = FixAvailability.NONE
    severity = Severity.INFO
    category = Category.AWKWARD
    fires = ("“The case goes to court,” R. Mammadov said.", "The figures were confirmed, said A. Petrov.")
    quiet = (
        "“The case goes to court,” Rashad Mammadov said.",
        "President George W. Bush said so.",
        "U.S. officials said so.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in near(_INITIAL_RE, _INITIAL_HINT, view, 60):
            g = 1 if m.group(1) else 3
            start = m.start(g)
            before = view[max(0, start - 30) : start].split()
            prev = before[-1].strip(',.“”"') if before else ""
            if prev[:1].isupper() and not sentence_start(view, start) and prev.lower() not in _TITLE_WORDS:
                continue  # "George W. Bush": a given name before the initial
            if prev.lower() in _TITLE_WORDS:
                continue  # the pack's pun-title-initial-surname
            name = view[start : m.end(g + 1)]
            yield self.finding(
                doc,
                Span(start, m.end(g + 1)),
                f"“{name}”: English news gives the full name on first mention (“Rashad Mammadov”), then the "
                "surname alone; an initial is the source's convention.",
            )


@lru_cache(maxsize=1)
def _confused() -> tuple[re.Pattern[str], dict[str, tuple[str, str]], frozenset[str]]:
    """The phrases of ``glossaries/confused-words.tsv`` as one pattern, each phrase's wrong and
    meant word, and the first words of the phrases (where a match can start)."""
    rows = bundled_table("confused-words.tsv", 4, "phrase<TAB>wrong word<TAB>meant word<TAB>source")
    table: dict[str, tuple[str, str]] = {}
    for phrase, wrong, meant, _source in rows:
        if wrong not in phrase.split() and wrong not in re.split(r"[ -]", phrase):
            raise ResourceError(f"confused-words.tsv: {wrong!r} is not a word of {phrase!r}")
        table[phrase] = (wrong, meant)
    alternatives = "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True))
    firsts = frozenset(re.split(r"[ -]", p)[0] for p in table)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), table, firsts


@register
class ConfusedWord(Rule):
    """A real word where its near-homophone is meant ("the rout bus", "would of been").

    **What it does.** Reports the wrong word of a phrase listed in
    ``glossaries/confused-words.tsv`` (each with its source: Brians, *Common Errors in English
    Usage*; Merriam-Webster) and offers the word meant: "rout bus" (route), "free reign" (rein),
    "heroine smuggling" (heroin), "principle suspect" (principal).

    **Why it matters.** A spell checker passes a real word; MT keeps the source's typo or picks
    the wrong homophone, and the sentence says something else ("rout" is a crushing defeat).

    **Example.** "the rout bus was cancelled" becomes "the route bus was cancelled".

    **Fix safety.** Unsafe: the listed contexts leave little doubt, but the editor confirms.
    """

    code = "TQ208"
    name = "confused-word"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = ("The rout bus was cancelled on Sunday.", "The principle suspect was detained.")
    quiet = ("The route bus was cancelled on Sunday.", "The army's rout ended the war.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        rx, table, firsts = _confused()
        for m in literal_finditer(rx, view, doc.folded, firsts):
            wrong, meant = table[m.group().lower()]
            at = re.search(rf"(?<![a-z]){re.escape(wrong)}(?![a-z])", m.group(), re.IGNORECASE)
            if at is None:
                continue
            start, end = m.start() + at.start(), m.start() + at.end()
            new = match_case(meant, view[start:end])
            yield self.finding(
                doc,
                Span(start, end),
                f"“{view[start:end]}” in “{m.group()}”: “{new}” is meant (a real-word error a spell checker passes).",
                [Fix(f"Write “{new}”", (Edit(Span(start, end), new),), safe=False)],
            )
