"""TQ344: a plural verb after a singular subject with a prepositional phrase ("The threat of
violence are growing", "The visit of the minister to the region were postponed"), and a
singular verb after "police" ("Police prevents the march").

Russian, Ukrainian and the Turkic source languages mark agreement differently; MT often takes
the number of the verb from the noun next to it or from the source, and the English verb no
longer agrees with the head of its subject. TQ326 covers plural subjects with a singular verb
and "the X of the <Name> have"; this detector covers a singular head whose prepositional phrase
holds only singular or mass nouns, where no reading makes a plural verb right. It is
literal-led on " are ", " were ", " have " and on "police".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import match_case, shown
from tqkit.checks.mtgrammar._words import finite_form, inflections, noun_classes, opens_sentence, word_lemmas
from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_SINGULAR_OF = {"are": "is", "were": "was", "have": "has"}
# the subject: an optional determiner, an optional adjective, the head noun, a preposition and
# one to four words, directly before the verb
_SUBJECT_RE = re.compile(
    r"(?:(the|this|that|its|his|her|their|our)[ \t]+)?(?:([a-z]+)[ \t]+)?([a-z]+)[ \t]+"
    r"(of|to|in|on|with|for|against|at|from)[ \t]+((?:[a-z][\w'’-]*[ \t]+){1,6})$",
    re.IGNORECASE,
)
_COMPLEMENT_CLOSED = frozenset("the a an this that its his her their our my your own".split())
# heads whose verb follows the noun after "of" ("the rest of the money is", "the majority of the
# population are"), and plural-looking or plural-only words
_QUANTITY_HEADS = frozenset(
    (
        "number majority minority lot lots rest half part percent percentage proportion range variety series couple "
        "total plenty remainder bulk third quarter fifth tenth most all none some each any either neither one kind "
        "sort type amount group set pair share dozen hundred thousand million billion handful host"
    ).split()
)
# words that never belong to a noun phrase
_NOT_IN_PHRASE = frozenset(
    (
        "and or but nor who which whose whom that than as if when where while because since what is was were be been "
        "has had have do does did will would can could should may might must not also there here they we you he she "
        "it i"
    ).split()
)


@register
class SingularSubjectPluralVerb(Rule):
    """A plural verb after a singular subject with a prepositional phrase ("The threat of
    violence are growing"), or a singular verb after "police" ("Police prevents the march").

    **What it does.** Reports "are", "were" or "have" after a subject that opens the sentence
    and is a singular count noun (with "the", a possessive or none, and an optional adjective)
    followed by a preposition and a short phrase of singular or mass nouns only ("The visit of
    the minister to the region were postponed"). Collective heads ("the government of X
    have", British usage), quantity words ("the majority of the population are", "a number
    of"), plural or capitalised words in the phrase (TQ326 covers "the flag of the Republic of
    Azerbaijan have") and coordinated subjects are left alone. Also reported: "police" opening
    a clause with "is", "was", "has", "does" or another "-s" verb form ("Police prevents"):
    English takes "police" as plural.

    **Why it matters.** MT often takes the verb's number from the nearest noun or from the
    source; the verb then disagrees with the head of its subject and an editor corrects it.

    **Example.** "The threat of violence are growing" becomes "The threat of violence is
    growing"; "Police says" becomes "Police say".

    **Fix safety.** Unsafe: the verb form is changed to agree with the head noun; the editor
    checks that the head is what was meant.
    """

    code = "TQ344"
    name = "singular-subject-plural-verb"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The threat of violence are growing in the region.",
        "The visit of the minister to the region were postponed.",
        "Police prevents the march from reaching the square.",
        "The price of bread have risen by a tenth.",
    )
    quiet = (
        "The threat of violence is growing in the region.",
        "The majority of the population are against it.",
        "The government of Ukraine have said so.",
        "The leaders of the opposition are in Baku.",
        "The price of bread and milk have risen.",
        "The flag of the Republic of Azerbaijan has been raised.",
        "Police prevent the march from reaching the square.",
        "Police officers are on the scene.",
        "The police forces were deployed.",
        "The head of state and the ministers were present.",
        "A number of journalists were detained.",
        "The road to the villages were closed.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for verb in _SINGULAR_OF:
            token = f" {verb} "
            at = folded.find(token)
            while at != -1:
                v_start, v_end = at + 1, at + 1 + len(verb)
                at = folded.find(token, v_end)
                lo = max(0, v_start - 80)
                stop = max(folded.rfind(".", lo, v_start), folded.rfind("\n", lo, v_start))
                if stop == -1 and lo:
                    continue  # no sentence start close enough: the subject is longer than we judge
                m = _SUBJECT_RE.search(view, max(lo, stop), v_start)
                if m is None or not _singular_subject(view, m):
                    continue
                fixed = match_case(_SINGULAR_OF[verb], view[v_start:v_end])
                head = m.group(3)
                yield self.finding(
                    doc,
                    Span(m.start(3), v_end),
                    f"“{shown(view[m.start(3) : v_end])}”: the subject “{head}” is singular and takes “{fixed}”.",
                    [
                        Fix.replace(
                            Span(v_start, v_end), fixed, f"Replace “{view[v_start:v_end]}” with “{fixed}”", safe=False
                        )
                    ],
                )
        yield from self._police(doc)

    def _police(self, doc: Document) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        at = folded.find("police ")
        while at != -1:
            start = at
            at = folded.find("police ", at + 7)
            if start and (folded[start - 1].isalnum() or folded[start - 1] in "'’-"):
                continue
            m = _WORD_AFTER_RE.match(view, start + 6)
            if m is None:
                continue
            verb = m.group(1)
            plural = _plural_of_singular_verb(verb)
            if plural is None or not _police_opens_clause(view, folded, start):
                continue
            yield self.finding(
                doc,
                Span(start, m.end(1)),
                f"“{shown(view[start : m.end(1)])}”: “police” is plural in English and takes “{plural}”.",
                [Fix.replace(Span(m.start(1), m.end(1)), plural, f"Replace “{verb}” with “{plural}”", safe=False)],
            )


_WORD_AFTER_RE = re.compile(r"[ \t]+([a-z]+)(?![\w'’-])")
_POLICE_VERBS = {"is": "are", "was": "were", "has": "have", "does": "do"}


def _plural_of_singular_verb(verb: str) -> str | None:
    """The plural form of a singular verb ("says" -> "say"), if ``verb`` is only a verb form."""
    if verb in _POLICE_VERBS:
        return _POLICE_VERBS[verb]
    if not verb.endswith("s") or word_lemmas(verb).get("NOUN"):
        return None  # "police officers", "police forces": a compound
    form = finite_form(verb)
    return form[0] if form is not None and form[1] == "VBZ" else None


def _police_opens_clause(view: str, folded: str, start: int) -> bool:
    """ "Police" opens the clause: at the start of a sentence, after "the", or after a comma or
    a clause word ("said police", "the local police" are left alone)."""
    if opens_sentence(view, start):
        return True
    before = folded[max(0, start - 24) : start].split()
    if before and before[-1] == "the":
        the_at = folded.rfind("the", 0, start)
        return opens_sentence(view, the_at) or (len(before) > 1 and before[-2] in _CLAUSE_WORDS)
    return bool(before) and before[-1] in _CLAUSE_WORDS


_CLAUSE_WORDS = frozenset("that and but when while because".split())


def _singular_subject(view: str, m: re.Match[str]) -> bool:
    det, adj, head = m.group(1), m.group(2), m.group(3)
    start = m.start(1) if det else m.start(2) if adj else m.start(3)
    if not opens_sentence(view, start):
        return False
    first = view[start]
    if not view[start + 1 : m.end(3)].replace(" ", "").replace("\t", "").islower() or not (
        first.islower() or first.isupper()
    ):
        return False
    low_det = det.lower() if det else None
    low_adj = adj.lower() if adj else None
    low_head = head.lower()
    if low_det is None and low_adj in _DETERMINER_WORDS:
        return False
    if low_adj is not None and not (word_lemmas(low_adj).get("ADJ") and not word_lemmas(low_adj).get("NOUN")):
        return False
    if not _singular_count(low_head):
        return False
    return _singular_phrase(m.group(5).split())


_DETERMINER_WORDS = frozenset("a an the these those both all some many several few each every no".split())


@lru_cache(maxsize=4096)
def _singular_count(noun: str) -> bool:
    if noun in _QUANTITY_HEADS or noun in noun_classes()["collective"] or noun.endswith("s"):
        return False
    lemmas = word_lemmas(noun)
    if noun not in lemmas.get("NOUN", ()) or lemmas.get("PROPN") or (lemmas.get("VERB") and noun.endswith("ed")):
        return False
    plurals = inflections(noun, "NOUN").get("NNS", ())
    return bool(plurals) and plurals[0] != noun


def _singular_phrase(words: list[str]) -> bool:
    """Every word of the phrase is a determiner, a preposition, an adjective or a singular
    noun; its last word is a singular or mass noun (no plural, name, number or verb)."""
    for w in words:
        if not w.islower() or w in _NOT_IN_PHRASE or w in _QUANTITY_HEADS:
            return False
        if w in _COMPLEMENT_CLOSED or w in ("of", "to", "in", "on", "with", "for", "at", "from"):
            continue
        lemmas = word_lemmas(w)
        if not (lemmas.get("NOUN") or lemmas.get("ADJ")):
            return False
        if w not in lemmas.get("NOUN", ()) and not lemmas.get("ADJ"):
            return False  # a plural noun form ("rebels")
        if w in noun_classes()["collective"] or w in noun_classes()["singular-in-s"]:
            return False
    last = words[-1]
    return last not in _COMPLEMENT_CLOSED and last in word_lemmas(last).get("NOUN", ())
