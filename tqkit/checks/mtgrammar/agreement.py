"""TQ325-TQ326: a verb that does not agree with its subject ("they was", "she don't", "the
countries has").

Russian, Ukrainian and Bulgarian mark person and number on the verb differently, Armenian,
Azerbaijani and Turkish drop the pronoun or the plural, and MT sometimes joins an English
subject with the verb form of another person. Both detectors are literal-led: they look only at
the few forms of *be*, *have* and *do* (a regular expression over ``Document.folded``), and only
there at the word before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import match_case, shown
from tqkit.checks.mtgrammar._words import inflections, noun_classes, singular_verb_plurals, word_lemmas
from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# -- TQ325: a personal pronoun with the verb form of another person ---------------------------

# (pronoun, verb) pairs that never agree, with the form that does. "were" after he/she/it is
# left alone (the subjunctive "if it were"), as are "I" (a Roman numeral: "World War I was")
# and "you" (an object as often as a subject: "what I tell you is").
_SINGULAR_PRONOUNS = ("he", "she", "it")
_PLURAL_PRONOUNS = ("they", "we")
_AGREE: dict[tuple[str, str], str] = {}
for _p in _SINGULAR_PRONOUNS:
    _AGREE.update(
        {
            (_p, "have"): "has",
            (_p, "haven't"): "hasn't",
            (_p, "do"): "does",
            (_p, "don't"): "doesn't",
            (_p, "are"): "is",
            (_p, "aren't"): "isn't",
        }
    )
for _p in _PLURAL_PRONOUNS:
    _AGREE.update(
        {
            (_p, "has"): "have",
            (_p, "hasn't"): "haven't",
            (_p, "does"): "do",
            (_p, "doesn't"): "don't",
            (_p, "is"): "are",
            (_p, "isn't"): "aren't",
            (_p, "was"): "were",
            (_p, "wasn't"): "weren't",
        }
    )
# Only the tense-keeping swap of "was" and "were" can never change what the sentence says.
_SAFE_SWAP = frozenset({("was", "were"), ("wasn't", "weren't")})
# one pattern per pronoun, each led by its literal (the regex engine then skips ahead fast)
_PRONOUN_VERB_RES = tuple(
    re.compile("(" + p + r")[ \t]+(" + "|".join(v for q, v in _AGREE if q == p) + r")(?![\w'’-])")
    for p in _SINGULAR_PRONOUNS + _PLURAL_PRONOUNS
)
# Words before the pronoun that make the verb after it correct English: inversion after an
# auxiliary ("did he have", "should she do"), causatives and perception verbs with "it" as object
# ("let it do", "make it have"), comparisons ("more than they do" is fine; "than they does" is not,
# so only the auxiliaries matter there).
_INVERTING = frozenset(
    (
        "do does did will would can could should shall may might must had has have let lets make makes "
        "made making help helps helped see saw watch watched hear heard bid not n't"
    ).split()
)
_PREV_RE = re.compile(r"([\w'’]+)[\s,]*$")


@register
class PronounVerbAgreement(Rule):
    """A personal pronoun with a verb form of another person ("they was", "she don't", "he
    have").

    **What it does.** Reports he, she or it followed by "have", "do", "are" (or their negations),
    and they or we followed by "has", "does", "is" or "was". Inversions after an auxiliary ("did
    he have", "should they do"), "it" as the object of let, make, help, see or hear ("let it
    do its work") and the subjunctive "were" ("if it were") are left alone; "I" and "you" are not
    checked (a Roman numeral, an object).

    **Why it matters.** Russian and Bulgarian mark person on the verb, Turkish and Azerbaijani
    drop the pronoun; MT that supplies an English pronoun sometimes keeps the verb of another
    person. Editors always correct it.

    **Example.** "The deputies said they was not informed" becomes "they were not informed".

    **Fix safety.** "was" to "were" keeps the tense and is safe; the other swaps are unsafe
    ("he have made" may need "has" or "had", "it are" may need "these are").
    """

    code = "TQ325"
    name = "pronoun-verb-agreement"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The deputies said they was not informed about the decision.",
        "She don't agree with the conclusions, the lawyer said.",
        "The ambassador hopes he have made a contribution.",
        "We is ready for dialogue, the minister said.",
        "The minister said that it are important steps for the region.",
    )
    quiet = (
        "The deputies said they were not informed.",
        "Did he have any contact with the suspects?",
        "If it were not for the rain, the harvest would be larger.",
        "Let it do its work, the governor said.",
        "World War I was a turning point.",
        "What I tell you is true.",
        "Should they have been warned earlier?",
        "The less they do, the better.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        hits = sorted((m for pat in _PRONOUN_VERB_RES for m in pat.finditer(folded)), key=lambda m: m.start())
        for m in hits:
            if m.start() and (folded[m.start() - 1].isalnum() or folded[m.start() - 1] in "_'’.-"):
                continue  # inside a word ("the have", "she's")
            pronoun, verb = m.group(1), m.group(2).replace("’", "'")
            right = _AGREE.get((pronoun, verb))
            if right is None or (not view[m.start() : m.end()].islower() and not _capital_start(view, m)):
                continue
            prev = _PREV_RE.search(folded, max(0, m.start() - 30), m.start())
            if prev is not None and prev.group(1).replace("’", "'") in _INVERTING:
                continue
            if pronoun == "it" and not opens_clause(folded, m.start()):
                continue  # "it" as an object: "those who know it are", "about it have"
            if m.start() and view[m.start() - 1] in "\"“'‘" and view[m.end(1) : m.end(1) + 1] in "\"”'’":
                continue  # the pronoun quoted as a word: '"they" is plural'
            written = view[m.start(2) : m.end(2)]
            fixed = match_case(right, written)
            safe = (verb, right) in _SAFE_SWAP
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(view[m.start() : m.end()])}”: the verb does not agree with “"
                f"{view[m.start(1) : m.end(1)]}”; write “{view[m.start(1) : m.end(1)]} {fixed}”.",
                [Fix.replace(Span(m.start(2), m.end(2)), fixed, f"Replace “{written}” with “{fixed}”", safe=safe)],
            )


def _capital_start(view: str, m: re.Match[str]) -> bool:
    """The pronoun capitalised only because it opens a sentence ("They was ...")."""
    text = view[m.start() : m.end()]
    return text[:1].isupper() and text[1:].islower()


# -- TQ326: a plural noun subject with a singular verb ----------------------------------------

_SINGULAR_VERBS = ("has", "is", "was", "does", "hasn't", "isn't", "wasn't", "doesn't")
_PLURAL_OF: dict[str, str] = {
    "has": "have",
    "is": "are",
    "was": "were",
    "does": "do",
    "hasn't": "haven't",
    "isn't": "aren't",
    "wasn't": "weren't",
    "doesn't": "don't",
}
# determiner, up to two modifiers, a lower-case word ending in -s, then the verb
_PLURAL_SUBJECT_RE = re.compile(
    r"(?<![\w'’-])(the|these|those|both|all|its|their|his|her|our|my|your)"
    r"((?:[ \t]+[a-z][a-z-]*){0,2}?)[ \t]+([a-z]+s)[ \t]+$"
)
# The determiner must open the subject: at the start of a sentence or clause, after one of these
# words (a plural after a preposition or a verb is inside another phrase: "the gap between the
# regions is", "knowing these facts is").
CLAUSE_OPENERS = frozenset(
    (
        "that because since as if when while whereas but and although though whether where so after "
        "before until once unless said says noted stressed added believes thinks stated emphasized "
        "emphasised announced reported recalled also however now then meanwhile today yesterday"
    ).split()
)


@register
class SubjectVerbNumber(Rule):
    """A verb whose number does not match a clear subject: a plural noun with a singular verb
    ("the countries has", "there was many protests"), or a singular noun with "of the" and a
    name before a plural verb ("The flag of the Republic of Azerbaijan have been raised").

    **What it does.** Reports a noun phrase that opens with the, these, those, both, all or a
    possessive and ends in a plain plural noun (in lemminflect's lexicon, not a singular in
    its own right like "news" or "series"), directly followed by "has", "is", "was" or "does".
    A plural inside a larger subject ("the cost of the repairs is", "one of the countries
    has"), a clause object ("what the government plans is"), measures and spans of time ("the
    last two years has been"), names and fields of study ("economics is") are left alone. "There
    is", "there was" and "there has been" before a plural noun are reported too ("There was
    many protests"); the spoken "there's" is not. The other way round, "the" and a singular
    count noun, "of the" and a capitalised name (not a plural such as "the Games"), then "have",
    "are" or "were", are reported unless the noun is collective ("the government of Ukraine
    have" is British usage).

    **Why it matters.** Turkic sources often do not mark the plural on the verb, and MT keeps a
    singular verb after an English plural subject; editors always correct it.

    **Example.** "The sides has agreed to continue the talks" becomes "The sides have agreed".

    **Fix safety.** Unsafe: the plural verb is the likely intent, but the subject may be
    meant in the singular ("the side has").
    """

    code = "TQ326"
    name = "subject-verb-number"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The sides has agreed to continue the talks.",
        "The minister noted that the countries has a great potential.",
        "There was many protests in the capital.",
        "The national flag of the Republic of Azerbaijan have been raised.",
        "These measures is necessary, the governor said.",
        "Their new proposals was rejected by the opposition.",
    )
    quiet = (
        "The sides have agreed to continue the talks.",
        "The cost of the repairs is unknown.",
        "One of the countries has withdrawn.",
        "What the government plans is a new tax.",
        "All the ministry needs is time.",
        "The news was welcomed in Yerevan.",
        "The last two years has been difficult for farmers.",
        "The series is shown on Sundays.",
        "The United States is the largest donor.",
        "Economics is not an exact science.",
        "Their whereabouts is unknown.",
        "There is news from the front.",
        "There's new possibilities here.",
        "There was 20 minutes left.",
        "There is lots of evidence.",
        "The government of Ukraine have said so.",
        "The opening of the Olympic Games were delayed.",
        "The flag of the Republic of Azerbaijan has been raised.",
        "The ministry and the office of the Federal Chancellor have declined to comment.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for verb_at, verb_end in _verb_hits(folded):
            m = _PLURAL_SUBJECT_RE.search(folded, max(0, verb_at - 60), verb_at)
            if m is None or not self._plural_subject(view, folded, m):
                continue
            written = view[verb_at:verb_end]
            fixed = match_case(_PLURAL_OF[folded[verb_at:verb_end].replace("’", "'")], written)
            noun = view[m.start(3) : m.end(3)]
            yield self.finding(
                doc,
                Span(m.start(3), verb_end),
                f"“{shown(view[m.start(3) : verb_end])}”: “{noun}” is plural and takes “{fixed}”.",
                [Fix.replace(Span(verb_at, verb_end), fixed, f"Replace “{written}” with “{fixed}”", safe=False)],
            )
        yield from self._there_is(doc)
        yield from self._singular_of_name(doc)

    def _singular_of_name(self, doc: Document) -> Iterator[Finding]:
        """ "The flag of the Republic of Azerbaijan have": a singular head, a plural verb."""
        view = doc.view
        for m in _OF_NAME_RE.finditer(view):
            at = m.start()
            if at and (view[at - 1].isalnum() or view[at - 1] in "'’-"):
                continue  # "bathe", "Blythe"
            if not _opens_subject(doc.folded, at):
                continue  # a second subject ("the ministry and the office of the Chancellor have")
            noun, name, adj = m.group(2), m.group(3).split(), m.group(1)
            if (
                noun in noun_classes()["collective"]
                or name[-1].endswith("s")
                or (adj and not word_lemmas(adj).get("ADJ"))
            ):
                continue  # a collective ("the government of X have"), a plural name ("the Games")
            if not _singular_count(noun):
                continue
            verb = m.group(4)
            fixed = {"have": "has", "are": "is", "were": "was"}[verb]
            yield self.finding(
                doc,
                Span(m.start(2), m.end(4)),
                f"“{shown(view[m.start(2) : m.end(4)])}”: the subject “{noun}” is singular and takes “{fixed}”.",
                [Fix.replace(Span(m.start(4), m.end(4)), fixed, f"Replace “{verb}” with “{fixed}”")],
            )

    def _there_is(self, doc: Document) -> Iterator[Finding]:
        """ "There is" or "there was" before a plural subject ("There was many protests")."""
        view = doc.view
        for m in _THERE_RE.finditer(doc.folded):
            if m.start() and doc.folded[m.start() - 1].isalnum():
                continue
            adj, noun = m.group(3), m.group(4)
            if (
                noun in singular_verb_plurals()
                or noun in ("lots", "loads", "tons", "heaps")  # "there is lots of evidence"
                or noun.endswith(("ss", "us", "is", "ics"))
                or not view[m.start(4) : m.end(4)].islower()
            ):
                continue
            if adj is not None and not word_lemmas(adj).get("ADJ"):
                continue
            if not _plain_plural(noun, has_modifier=False):
                continue
            verb = m.group(1).split()[0]
            written = view[m.start(1) : m.start(1) + len(verb)]
            fixed = match_case(_PLURAL_OF[verb], written)
            yield self.finding(
                doc,
                Span(m.start(), m.end(4)),
                f"“{shown(view[m.start() : m.end(4)])}”: the subject “{view[m.start(4) : m.end(4)]}” is plural; "
                f"write “there {fixed}”.",
                [Fix.replace(Span(m.start(1), m.start(1) + len(verb)), fixed, f"Replace “{written}” with “{fixed}”")],
            )

    @staticmethod
    def _plural_subject(view: str, folded: str, m: re.Match[str]) -> bool:
        if not view[m.start(2) : m.end(3)].islower() and view[m.start(2) : m.end(3)].strip():
            return False  # a name ("the United States", "the Netherlands")
        noun = m.group(3)
        modifiers = m.group(2).split()
        if (
            noun in singular_verb_plurals()
            or noun.endswith(("ss", "us", "is", "ics"))
            or view[m.end(3) : m.end(3) + 1] in "'’"
        ):
            return False
        if not opens_clause(folded, m.start()):
            return False
        if any(not _modifier(w) for w in modifiers):
            return False
        return _plain_plural(noun, has_modifier=bool(modifiers))


# "the", an optional adjective, a noun, "of the" and a capitalised name, a plural verb
_OF_NAME_RE = re.compile(
    r"[Tt]he[ \t]+(?:([a-z]+)[ \t]+)?([a-z]+)[ \t]+of[ \t]+the[ \t]+"
    r"((?:[A-Z][\w'’-]*[ \t]+(?:(?:of|and)[ \t]+)?){1,5})(have|are|were)(?![\w'’-])"
)


def _opens_subject(folded: str, at: int) -> bool:
    """``at`` opens a clause's subject, not a second one joined by "and", "or" or a comma."""
    before = folded[max(0, at - 12) : at].rstrip()
    if before.endswith((",", " and", " or", " nor")) or before in ("and", "or", "nor"):
        return False
    return opens_clause(folded, at)


def _singular_count(noun: str) -> bool:
    lemmas = word_lemmas(noun)
    if noun not in lemmas.get("NOUN", ()) or lemmas.get("PROPN"):
        return False
    plurals = inflections(noun, "NOUN").get("NNS", ())
    return bool(plurals) and plurals[0] != noun


# "there is/was/has been", an optional count or quantifier, an optional adjective, a plural noun
_THERE_RE = re.compile(
    r"there[ \t]+(is|was|has[ \t]+been)[ \t]+"
    r"(?:(\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|many|several|numerous|dozens|hundreds|thousands)[ \t]+)?"
    r"(?:([a-z]+)[ \t]+)?([a-z]+s)(?![\w'’-])"
)


def opens_clause(folded: str, at: int) -> bool:
    """True when the word at ``at`` opens a sentence or a clause (see CLAUSE_OPENERS)."""
    i = at - 1
    newlines = 0
    while i >= 0 and folded[i] in " \t\r\n\"'“”«(":
        newlines += folded[i] == "\n"
        i -= 1
    if i < 0 or newlines >= 2 or folded[i] in ".!?:;,—–":
        return True  # a single line break is a space in hard-wrapped text
    prev = _PREV_RE.search(folded, max(0, at - 30), i + 1)
    return prev is not None and prev.group(1) in CLAUSE_OPENERS


def _modifier(word: str) -> bool:
    """A word that can stand between a determiner and its noun (an adjective or a noun)."""
    if word in _NOT_MODIFIERS or word.isdigit():
        return False
    lemmas = word_lemmas(word)
    return bool(lemmas.get("ADJ") or lemmas.get("NOUN")) and not lemmas.get("ADP")


def _verb_hits(folded: str) -> list[tuple[int, int]]:
    """(start, end) of a singular verb right after a word that ends in "s"."""
    out: list[tuple[int, int]] = []
    for verb in _SINGULAR_VERBS:
        for m in _verb_re(verb).finditer(folded):
            if m.start() and folded[m.start() - 1] == "s":
                out.append((m.start() + 1, m.end()))
    out.sort()
    return out


_VERB_RES: dict[str, re.Pattern[str]] = {}
# words that cannot sit between the determiner and the noun of one plural subject
_NOT_MODIFIERS = frozenset(
    {"of", "in", "on", "at", "for", "with", "and", "or", "to", "by", "from", "that", "which", "who"}
    | {"two", "three", "four", "five", "few", "last", "past", "next", "first", "coming", "recent"}
    | {"between", "towards", "toward", "within", "inside", "outside", "over", "under", "among", "after"}
    | {"before", "during", "against", "across", "through", "about", "into", "like", "than", "per", "via"}
    | {"without", "despite", "behind", "beyond", "near", "upon", "around", "along", "amid", "up", "down"}
    | {"off", "out", "other", "such", "many", "more", "most", "only", "same", "very", "own"}
)


def _verb_re(verb: str) -> re.Pattern[str]:
    pat = _VERB_RES.get(verb)
    if pat is None:
        pat = _VERB_RES[verb] = re.compile(r" " + re.escape(verb) + r"(?![\w'’-])")
    return pat


def _plain_plural(noun: str, *, has_modifier: bool) -> bool:
    """``noun`` is only a plural noun form (not a singular noun too); a word that is also a
    verb form ("plans", "needs") counts only right after the determiner."""
    lemmas = word_lemmas(noun)
    nouns = lemmas.get("NOUN", ())
    if not nouns or noun in nouns or lemmas.get("PROPN") or lemmas.get("ADJ"):
        return False
    lemma = nouns[0]
    if noun not in inflections(lemma, "NOUN").get("NNS", ()):
        return False
    return not (has_modifier and (lemmas.get("VERB") or lemmas.get("AUX")))
