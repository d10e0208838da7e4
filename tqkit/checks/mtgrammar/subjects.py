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
from itertools import chain

from tqkit.checks._text import shown
from tqkit.checks.mtgrammar._anchors import anchor_offsets, anchored, register_anchors
from tqkit.checks.mtgrammar._words import finite_form, opens_sentence, word_class, word_lemmas
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


@lru_cache(maxsize=1)
def _institution_re() -> re.Pattern[str]:
    # an institution's name keeps its capitals ("Armenian Foreign Ministry said")
    names = "|".join(n.capitalize() for n in _INSTITUTIONS)
    return re.compile(r"([A-Z][\w'’-]*)[ \t]+(?:([A-Za-z][a-z-]*)[ \t]+)?(" + names + r")[ \t]+([a-z]+)(?![\w'’-])")


_MODIFIERS_BEFORE_RE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*[ \t]+(?:[A-Za-z][a-z-]*[ \t]+)?$")


# "X Municipal Council is the representative body ...": a definition opening an encyclopaedia entry
_DEFINITION_RE = re.compile(r"[ \t]+(?:an?|the)\b")


def _definition(view: str, m: re.Match[str]) -> bool:
    return m.group(4) in ("is", "was") and _DEFINITION_RE.match(view, m.end()) is not None


def _institutions(view: str, folded: str) -> Iterator[re.Match[str]]:
    """Bare institution names after one or two modifiers, found from the shared anchor scan."""
    register_anchors(_INSTITUTIONS)
    for pos in anchor_offsets(folded, _INSTITUTIONS):
        if not view[pos].isupper():
            continue
        back = _MODIFIERS_BEFORE_RE.search(view, max(0, pos - 60), pos)
        m = _institution_re().match(view, back.start()) if back else None
        if m is not None and m.start(3) == pos and not _definition(view, m):
            yield m


_INSTITUTIONS = ("ministry", "assembly", "court", "council", "commission", "committee", "government", "parliament")


# a person's role, capitalised, then "of" or a verb of saying ("Spokesman of the ministry said",
# "Khokim noted that")
_REPORTING = (
    "said|says|noted|notes|stated|states|told|stressed|emphasized|emphasised|added|announced|"
    "reported|explained|declared|underlined|pointed|informed|expressed|thanked|urged|called|praised|"
    "visited|met|signed|presented|attended|received|congratulated|chaired|opened|instructed|ordered"
)


@lru_cache(maxsize=1)
def _role_re() -> re.Pattern[str]:
    words = word_class("role") | word_class("title")
    roles = "|".join(sorted((r.capitalize() for r in words), key=lambda w: (-len(w), w)))
    return re.compile(r"(?<![\w'’-])(" + roles + r")[ \t]+(?:also[ \t]+)?(of|" + _REPORTING + r")(?![\w'’-])")


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


register_anchors(_INSTITUTIONS)  # (one shared scan: see _anchors)


@register
class BareSubjectNoun(Rule):
    """A sentence that opens with a modifier and a singular count noun but no article ("Azerbaijani
    delegation arrived", "Russian army shelled the village"), or with a bare role ("Spokesman of
    the ministry said", "Head of the district noted").

    **What it does.** Reports a sentence that starts with a capitalised modifier (a nationality,
    a name or an adjective), an optional second modifier, and a singular count noun from
    `glossaries/article-subjects.tsv` (delegation, army, government, ministry, minister ...),
    directly followed by a finite verb. Determiners ("Each delegation has"), titles before a
    name ("Russian foreign minister Sergei Lavrov said"), plurals and mass nouns ("Turkish
    police detained", "Russian gas flows") and headlines are left alone. Also reports a person's
    role from `glossaries/grammar-word-classes.tsv` (spokesman, head, deputy, representative,
    member, akim ...) capitalised without an article and followed by "of" or a verb of saying,
    and a formal title (president, minister, governor ...) followed directly by such a verb,
    at a sentence start or after a comma that ends a clause (", Spokesman of the ministry Ivan
    Petrov told"); formal titles before a name ("Secretary of State Antony Blinken") are not
    in the list, and a role in apposition to a name ("Anna Petrova, Head of Research") is quiet.

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
        "Spokesman of the ministry said the troops had left.",
        "Head of the district noted that the work continues.",
        "President praised the builders of the new bridge.",
        "Armenian Foreign Ministry said the talks would continue.",
        "The village was shelled, Spokesman of the army Ivan Petrov told reporters.",
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
        "The spokesman of the ministry said the troops had left.",
        "Secretary of State Antony Blinken said the talks would go on.",
        '"We will win," said Anna Petrova, Head of Research at the bank.',
        "Head of state visits Baku",
        "President Aliyev praised the builders of the new bridge.",
        "Minister of Defence Ivan Petrov said the troops would stay.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._bare_roles(doc)
        view = doc.view
        for m in chain(_noun_re().finditer(view), _institutions(view, doc.folded)):
            if not self._bare_subject(view, m):
                continue
            start = m.start()
            noun_end = m.end(3)
            # a name or a nationality keeps its capital ("The Azerbaijani delegation"); an ordinary
            # word loses it ("The new government")
            name = m.group(3)[0].isupper()
            first = view[start] if name or not word_lemmas(m.group(1).lower()) else view[start].lower()
            phrase = first + view[start + 1 : noun_end]
            yield self.finding(
                doc,
                Span(start, noun_end),
                f"“{shown(view[start:noun_end])}”: a singular noun as the subject needs an article "
                f"(“The {phrase}” or “A …”).",
                [Fix("Insert “The”", (Edit(Span(start, start + 1), "The " + first),), safe=False)],
            )

    def _bare_roles(self, doc: Document) -> Iterator[Finding]:
        """A capitalised role with no article at a sentence start ("Spokesman of the ministry
        said", "Khokim noted") or after a comma with "of" (", Spokesman of the ministry X told")."""
        view = doc.view
        words = word_class("role") | word_class("title")
        for m in anchored(_role_re(), view, doc.folded, sorted(words)):
            start = m.start()
            if _headline(view, start) or (start > 0 and view[start - 1] in "-–—/"):
                continue
            if m.group(2) == "of" and m.group(1).lower() not in word_class("role"):
                continue  # a formal title before "of" and a name ("Secretary of State Antony Blinken")
            lead = view[max(0, start - 40) : start].rstrip(" \t")
            if opens_sentence(view, start):
                fixed = "The " + view[start].lower()
            elif m.group(2) == "of" and lead.endswith(",") and _after_clause(lead):
                fixed = "the " + view[start].lower()
            else:
                continue
            end = m.end(1)
            yield self.finding(
                doc,
                Span(start, end),
                f"“{shown(view[start:end])}”: a role without a name is an ordinary noun in English and "
                f"needs an article (“{fixed}{view[start + 1 : end]} …”).",
                [Fix(f"Insert “{fixed.split()[0]}”", (Edit(Span(start, start + 1), fixed),), safe=False)],
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
        if second is None:
            return True
        if second[0].isupper() and not m.group(3)[0].isupper():
            return False  # "Russian Foreign minister": a capitalised modifier goes with a name only
        return bool(word_lemmas(second.lower()).get("ADJ") or word_lemmas(second.lower()).get("NOUN"))


def _after_clause(lead: str) -> bool:
    """The word before the comma ends a clause (lower case, a digit), not a name in apposition
    ("said Anna Petrova, Head of Research")."""
    word = lead[:-1].rstrip().rsplit(None, 1)[-1] if lead[:-1].strip() else ""
    return bool(word) and (word[-1].isdigit() or word.strip("\"”’)'").islower())


def _headline(view: str, at: int) -> bool:
    """A short line that does not end a sentence (closing quotes aside): a headline."""
    end = view.find("\n", at)
    line = view[at : end if end != -1 else len(view)].rstrip().rstrip("\"”’' ")
    return bool(line) and line[-1] not in ".!?)…;:" and len(line.split()) < 16
