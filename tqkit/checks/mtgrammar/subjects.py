"""TQ333: a sentence whose subject is a bare singular count noun ("Azerbaijani delegation arrived
in Rome", "Russian army shelled the village").

Russian, Ukrainian, Armenian, Azerbaijani and Turkish open a news sentence with a modifier and
a noun and no article; MT keeps the bare noun phrase as an English subject. The detector is
literal-led on the nouns of ``glossaries/article-subjects.tsv`` (a short list of count nouns
that news sentences open with) and looks only at sentence starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import shown
from tqkit.checks.mtgrammar._words import finite_form, opens_sentence, word_lemmas
from tqkit.datafiles import bundled_table
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register


@lru_cache(maxsize=1)
def subject_nouns() -> frozenset[str]:
    return frozenset(noun.lower() for noun, _source in bundled_table("article-subjects.tsv", 2, "noun<TAB>source"))


@lru_cache(maxsize=1)
def _noun_re() -> re.Pattern[str]:
    nouns = "|".join(sorted(subject_nouns(), key=lambda n: (-len(n), n)))  # (the same in every process)
    # the modifier (capitalised, at a sentence start), an optional second modifier, the noun,
    # the next word
    return re.compile(r"([A-Z][\w'’-]*)[ \t]+(?:([a-z][a-z-]*)[ \t]+)?(" + nouns + r")[ \t]+([a-z]+)(?![\w'’-])")


# closed-class words that open a sentence before a noun correctly ("Each delegation has")
_DETERMINERS = frozenset(
    (
        "the a an this that these those each every no another any some one his her its their our my your "
        "which what whose either neither such many much several both all few former latter two three four five "
        "six seven eight nine ten eleven twelve twenty thirty forty fifty hundred"
    ).split()
)
_ABBREVIATION_RE = re.compile(r"(?<![\w.])[A-Z][a-z]{0,3}\.[ \t]*$")
_VERBS = frozenset(
    "is was has had will would can could should must may might does did says said stated noted told".split()
)


@register
class BareSubjectNoun(Rule):
    """A sentence that opens with a modifier and a singular count noun but no article ("Azerbaijani
    delegation arrived", "Russian army shelled the village").

    **What it does.** Reports a sentence that starts with a capitalised modifier (a nationality,
    a name or an adjective), an optional second modifier, and a singular count noun from
    `glossaries/article-subjects.tsv` (delegation, army, government, ministry, minister ...),
    directly followed by a finite verb. Determiners ("Each delegation has"), titles before a
    name ("Russian foreign minister Sergei Lavrov said"), plurals and mass nouns ("Turkish
    police detained", "Russian gas flows") and headlines are left alone.

    **Why it matters.** The source languages open such sentences without an article, and MT
    keeps the bare noun; an English singular count noun cannot be a subject on its own.

    **Example.** "Azerbaijani delegation arrived in Rome" becomes "The Azerbaijani delegation
    arrived in Rome".

    **Fix safety.** Unsafe: "The" is usually meant, but "A" may be ("A Russian soldier was
    detained").
    """

    code = "TQ333"
    name = "bare-subject-noun"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "Azerbaijani delegation arrived in Rome on Monday.",
        "Russian army shelled the village overnight.",
        "Armenian foreign ministry said the talks would continue.",
        "Pashinyan government has approved the plan.",
    )
    quiet = (
        "The Azerbaijani delegation arrived in Rome on Monday.",
        "Russian troops shelled the village overnight.",
        "Russian foreign minister Sergei Lavrov said the talks would continue.",
        "Turkish police detained two suspects.",
        "Each delegation has two votes.",
        "Russian army shells village",
        "Former minister Ivanov was detained.",
        "Denmark's parliament has approved the law.",
        "Nine government troops died.",
        'Spiritual leader appoints new "apostles"',
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in _noun_re().finditer(view):
            if not self._bare_subject(view, m):
                continue
            start = m.start()
            noun_end = m.end(3)
            # a name or a nationality keeps its capital ("The Azerbaijani delegation"); an ordinary
            # word loses it ("The new government")
            first = view[start] if not word_lemmas(m.group(1).lower()) else view[start].lower()
            phrase = first + view[start + 1 : noun_end]
            yield self.finding(
                doc,
                Span(start, noun_end),
                f"“{shown(view[start:noun_end])}”: a singular noun as the subject needs an article "
                f"(“The {phrase}” or “A …”).",
                [Fix("Insert “The”", (Edit(Span(start, start + 1), "The " + first),), safe=False)],
            )

    @staticmethod
    def _bare_subject(view: str, m: re.Match[str]) -> bool:
        modifier = m.group(1)
        low = modifier.lower()
        if low in _DETERMINERS or modifier.endswith(("'s", "’s", "s'", "s’")):
            return False  # a determiner or a possessive ("Denmark's parliament")
        if not opens_sentence(view, m.start()) or _ABBREVIATION_RE.search(view, max(0, m.start() - 8), m.start()):
            return False  # not a sentence start, or after "St." / "Mr."
        if _headline(view, m.start()):
            return False
        if (m.start(1) > 0 and view[m.start(1) - 1].isalnum()) or view[m.start(3) - 1] not in " \t":
            return False
        verb = m.group(4)
        if verb not in _VERBS:
            form = finite_form(verb)
            if form is None or word_lemmas(verb).get("NOUN"):
                return False  # not a verb, or a plural noun too ("government troops")
        lemmas = word_lemmas(low)
        if lemmas.get("ADV") or (lemmas.get("VERB") and not lemmas.get("NOUN") and not lemmas.get("ADJ")):
            return False  # "Meanwhile government has", "Make ..."
        second = m.group(2)
        return second is None or bool(word_lemmas(second).get("ADJ") or word_lemmas(second).get("NOUN"))


def _headline(view: str, at: int) -> bool:
    """A short line that does not end a sentence (closing quotes aside): a headline."""
    end = view.find("\n", at)
    line = view[at : end if end != -1 else len(view)].rstrip().rstrip("\"”’' ")
    return bool(line) and line[-1] not in ".!?)…;:" and len(line.split()) < 16
