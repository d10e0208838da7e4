"""TQ327-TQ328: articles that MT from article-less languages drops or misplaces ("in centre of the
city", "at meeting of the council", "a talks").

Russian, Ukrainian, Bulgarian (before its suffixed article), Armenian, Azerbaijani and Turkish
have no article in front of the noun, and MT often leaves an English count noun bare. Only two
frames are reported, where professional English nearly always has an article: a preposition,
a singular count noun and "of", and "a/an" with a plural noun. Both are literal-led (" of " and
"a "/"an " in ``Document.folded``); the fixed phrases that go without an article ("in front of",
"on behalf of") are data in ``glossaries/article-idioms.tsv``, each with a source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import shown
from tqkit.checks.mtgrammar._words import inflections, noun_classes, opens_sentence, word_lemmas
from tqkit.datafiles import bundled_table
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# -- shared word knowledge ------------------------------------------------------------------


@lru_cache(maxsize=1)
def article_idioms() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(fixed "preposition noun" phrases and nouns that go without an article before "of",
    nouns reported when they open a sentence bare before "of", abstract-looking nouns that
    are reported all the same)."""
    kinds: dict[str, set[str]] = {"idiom": set(), "noun": set(), "opening": set(), "count": set()}
    layout = "idiom|noun|opening|count<TAB>words<TAB>source"
    for kind, words, _source in bundled_table("article-idioms.tsv", 3, layout, kinds.keys()):
        kinds[kind].add(words.lower())
    return (
        frozenset(kinds["idiom"]),
        frozenset(kinds["noun"]),
        frozenset(kinds["opening"]),
        frozenset(kinds["count"]),
    )


# Abstract nouns (-tion, -ment, -ity ...) are often uncountable and go without an article
# ("in recognition of", "for prevention of"); of them only the `count` rows of the data file are
# reported (nouns English uses with "the" in this frame, or concrete ones: "at monument of").
_ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ity", "ness", "ism", "ship", "hood", "dom", "ure", "cy")
_DETERMINER_LIKE = frozenset(
    (
        "each every any some many much few several all both either neither no another other such this "
        "that these those what which whose own more less least half certain enough first last same whole "
        "entire top one little hundred thousand million billion dozen couple number"
    ).split()
)
# articles, pronouns and other closed-class words: never the adjective or the noun of the frame
_CLOSED_WORDS = frozenset(
    (
        "the a an his her its their our my your him them us me it he she they we you i who whom whose which "
        "what that this these those and or but nor so of to in on at by for from with as than then there here "
        "is are was were be been being has have had do does did will would can could should may might must not"
    ).split()
)
_PREPOSITIONS = (
    "in|at|on|during|after|before|from|with|under|within|near|into|through|upon|until|till|since|"
    "amid|towards|toward|throughout|across|along|following|as|of"
)
# after "of" only with these adjectives, which need "the" ("the role of next meeting of"): a bare
# noun after "of" is common and correct ("the point of view of", "freedom of speech of")
_OF_ADJECTIVES = frozenset("next previous following upcoming forthcoming current".split())
# the preposition, an optional adjective, the noun; anchored at the end of a short window
# before " of"
_BEFORE_OF_RE = re.compile(r"(?<![\w'’-])(" + _PREPOSITIONS + r")[ \t]+(?:([a-z]+)[ \t]+)?([a-z]+)[ \t]+$")
_HEADLINE_END = ".!?\"”’')…;"


@register
class BareNounBeforeOf(Rule):
    """A singular count noun without an article between a preposition and "of" ("in centre of
    the city", "at meeting of the council", "with participation of").

    **What it does.** Reports a preposition (in, at, on, during, after, with, under ...), an
    optional adjective and a singular noun that has a plural, directly followed by "of", with
    no article or other determiner ("at regular session of the parliament"), and a sentence
    that opens with such a noun before "of" ("Number of victims rose", "Main goal of the visit
    is"), for the nouns listed as `opening` in the data file. Fixed phrases
    that go without an article ("in front of", "on behalf of", "in case of", "by way of", "as
    part of" ...; `glossaries/article-idioms.tsv`, with a source each), uncountable and abstract
    nouns ("in recognition of", "for prevention of"), and headlines are left alone.

    **Why it matters.** Russian, Ukrainian, Armenian, Azerbaijani and Turkish have no article
    before the noun, and MT leaves English count nouns bare; an editor adds "the" or "a".

    **Example.** "The exhibition opened in center of the city" becomes "in the center of the
    city".

    **Fix safety.** Unsafe: "the" is usually right, but "a" may be meant ("at a meeting of the
    council"); the editor chooses.
    """

    code = "TQ327"
    name = "bare-noun-before-of"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The exhibition opened in center of the city on Saturday.",
        "The issue was raised at meeting of the security council.",
        "The forum was held with participation of 30 countries.",
        "The agreement was signed during official visit of the president.",
        "Traffic will be restricted at end of the week.",
        "The bridge collapsed as result of heavy rains.",
        "Number of victims of the earthquake reached 40.",
        "They stressed the role of next meeting of the commission.",
    )
    quiet = (
        "The mayor spoke in front of the town hall on behalf of the residents.",
        "In case of rain, the concert will move indoors.",
        "Talks will resume at the end of the month.",
        "The plan was adopted as part of the reform.",
        "He was arrested on suspicion of fraud.",
        "The march was held in memory of the victims.",
        "Limpets cling to the low rocks in reach of the waves.",
        "One of the buildings was damaged.",
        "Police fired in violation of the rules.",
        "Villages came under control of the army.",
        "Explosion at plant of chemicals maker",
        "He was appointed as head of the delegation.",
        "They want to take care of the children.",
        "Construction of the bridge began in May.",
        "Number of cases",
        "It was seen from the point of view of the law.",
        "The budget of next year of the city grows.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        at = folded.find(" of")
        while at != -1:
            of_at = at + 1
            at = folded.find(" of", at + 3)
            if folded[of_at + 2 : of_at + 3].isalnum() or _after_determiner(folded, of_at):
                continue  # "off", "often"; "the centre of" (the common case, tested cheaply)
            hit = _after_preposition(view, folded, of_at) or _at_sentence_start(view, folded, of_at)
            if hit is None or _in_headline(view, of_at):
                continue
            start, phrase_start, noun_start, noun_end = hit
            noun = view[noun_start:noun_end]
            if start == phrase_start:  # the sentence opens with the noun phrase
                first = view[start]
                fix = Fix("Insert “The”", (Edit(Span(start, start + 1), "The " + first.lower()),), safe=False)
                suggestion = "“The " + view[start:noun_end].lower() + " of”"
            else:
                fix = Fix("Insert “the”", (Edit(Span(phrase_start, phrase_start), "the "),), safe=False)
                suggestion = f"“{view[start:phrase_start]}the {view[phrase_start:noun_end]} of”"
            yield self.finding(
                doc,
                Span(start, of_at + 2),
                f"“{shown(view[start : of_at + 2])}”: the singular noun “{noun}” needs an article here "
                f"({suggestion} or “a …”).",
                [fix],
            )


_DETERMINERS = frozenset("the a an his her its their our my your this that these those".split())


def _after_determiner(folded: str, of_at: int) -> bool:
    """The word two before "of" is an article or a possessive ("the centre of")."""
    words = folded[max(0, of_at - 30) : of_at].split()
    return len(words) >= 2 and words[-2] in _DETERMINERS


def _after_preposition(view: str, folded: str, of_at: int) -> tuple[int, int, int, int] | None:
    """(start, noun phrase start, noun start, noun end) of "in centre of", "at next meeting of"."""
    m = _BEFORE_OF_RE.search(folded, max(0, of_at - 48), of_at)
    if m is None:
        return None
    prep, adj, noun = m.group(1), m.group(2), m.group(3)
    if prep == "of" and adj not in _OF_ADJECTIVES:
        return None
    if not view[m.start(3) : m.end(3)].islower() or (adj and not view[m.start(2) : m.end(2)].islower()):
        return None
    if adj is not None and (adj in _CLOSED_WORDS or adj in _DETERMINER_LIKE):
        return None  # "in the centre of": the cheap test first, so clean copy never loads the lexicon
    idioms, nouns, _openings, _counts = article_idioms()
    if noun in _CLOSED_WORDS or f"{prep} {noun}" in idioms or noun in nouns or not _count_noun(noun, prep):
        return None
    if adj is not None and not _adjective(adj):
        return None
    return m.start(), (m.start(2) if adj else m.start(3)), m.start(3), m.end(3)


_OPENING_RE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)(?:[ \t]+([a-z]+))?[ \t]+$")


def _at_sentence_start(view: str, folded: str, of_at: int) -> tuple[int, int, int, int] | None:
    """The same for a sentence that opens with the noun ("Opening of the bridge was delayed")."""
    m = _OPENING_RE.search(view, max(0, of_at - 40), of_at)
    if m is None or not opens_sentence(view, m.start()):
        return None
    _idioms, _nouns, openings, _counts = article_idioms()
    first = folded[m.start(1) : m.end(1)]
    noun, noun_at = (first, (m.start(1), m.end(1))) if m.group(2) is None else (m.group(2), (m.start(2), m.end(2)))
    if noun not in openings or first in _CLOSED_WORDS:
        return None
    if m.group(2) is not None and not _adjective(first):
        return None
    return m.start(), m.start(), noun_at[0], noun_at[1]


def _count_noun(noun: str, prep: str) -> bool:
    if len(noun) < 3 or noun in _DETERMINER_LIKE:
        return False
    if prep == "as" and noun != "result":
        return False  # "as head of", "as chairman of": a role goes without an article
    lemmas = word_lemmas(noun)
    if noun not in lemmas.get("NOUN", ()) or lemmas.get("PROPN"):
        return False
    plurals = inflections(noun, "NOUN").get("NNS", ())
    if not plurals or plurals[0] == noun:
        return False
    return not noun.endswith(_ABSTRACT_SUFFIXES) or noun in article_idioms()[3]


def _adjective(word: str, *, pure: bool = False) -> bool:
    """An adjective (``pure``: one that is not also a noun, "a liberal refrains")."""
    if word in _DETERMINER_LIKE or word.isdigit():
        return False
    lemmas = word_lemmas(word)
    return bool(lemmas.get("ADJ")) and not lemmas.get("VERB") and not (pure and lemmas.get("NOUN"))


def _in_headline(view: str, at: int) -> bool:
    """A short line without closing punctuation: a headline, which drops its articles."""
    start = view.rfind("\n", 0, at) + 1
    end = view.find("\n", at)
    line = view[start : end if end != -1 else len(view)].rstrip()
    return bool(line) and line[-1] not in _HEADLINE_END and len(line.split()) < 16


# -- TQ328: "a" or "an" with a plural noun ------------------------------------------------------

# led by the literal "a" (the preceding character is tested in code: a lookbehind first would
# make the regex engine try every position)
_A_RE = re.compile(r"an?[ \t]+((?:[a-z][a-z-]*[ \t]+){0,2})([a-z]+s)(?![\w'’-])")
# what may follow the plural for it to be the head of the noun phrase (a following noun makes it
# a noun modifier: "a sales tax", "a goods train", "a savings account")
_AFTER_HEAD = frozenset(
    (
        "was were is are has have had will would can could should may might must between with on in at to "
        "for from of by about that which who and or but took began ended lasted during after before"
    ).split()
)
_NEXT_RE = re.compile(r"[ \t]*([A-Za-z]+|[.,;:!?)])")


@register
class ArticleWithPlural(Rule):
    """ "A" or "an" with a plural noun ("a talks", "an agreements").

    **What it does.** Reports "a" or "an", an optional adjective, and a noun in its plural form
    (in lemminflect's lexicon; not a singular in its own right such as "series", "means",
    "news" or "headquarters"), when the plural ends the noun phrase: a verb, a preposition, a
    conjunction, a participle that is only a verb ("codenamed") or punctuation follows. Plural noun modifiers ("a sales tax", "a sports
    club", "a human rights group") are left alone.

    **Why it matters.** MT from languages without articles sometimes adds one to a plural; the
    noun phrase then reads as broken English.

    **Example.** "A talks between the delegations lasted three hours" becomes "Talks between
    the delegations lasted three hours".

    **Fix safety.** Unsafe: the fix drops the article, but the singular noun ("a talk") may be
    what was meant.
    """

    code = "TQ328"
    name = "article-with-plural"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "A talks between the two delegations lasted three hours.",
        "The parliament approved an amendments to the tax code.",
        "The ministry adopted a new rules on migration.",
        "Police held a large-scale anti-drug operations in May.",
        "Prices rose in a particular districts of the city.",
        "Forces launched a large-scale anti-terrorist activities codenamed Heroes.",
    )
    quiet = (
        "Talks between the two delegations lasted three hours.",
        "A sales tax was introduced in May.",
        "A series of attacks hit the city.",
        "A human rights group said so.",
        "The company opened a new headquarters in Baku.",
        "It is a means of pressure.",
        "A few hours later the talks resumed.",
        "He works as a sports journalist.",
        "She owns a Lotus.",
        "The Linear A texts were found in Crete.",
    )

    @staticmethod
    def _adjectives(written: str, adjs: list[str], noun: str) -> bool:
        """Every word between the article and the plural is an adjective; one that is a noun
        too ("a liberal refrains") only when the plural cannot be a verb ("a particular
        districts")."""
        if not written.islower() or any(a in _CLOSED_WORDS for a in adjs):
            return False
        pure = bool(word_lemmas(noun).get("VERB"))
        return all(_adjective_or_compound(a, pure=pure) for a in adjs)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for m in _article_hits(folded):
            adjs, noun = m.group(1).split(), m.group(2)
            if view[m.start()] == "A" and not opens_sentence(view, m.start()):
                continue  # a letter, not the article ("Linear A texts", "Plan A talks")
            if noun in noun_classes()["singular-in-s"] or not view[m.start(2) : m.end(2)].islower():
                continue
            nxt = _NEXT_RE.match(folded, m.end())
            if nxt is None or (nxt.group(1)[0].isalpha() and not _after_head(nxt.group(1))):
                continue
            if adjs and not self._adjectives(view[m.start(1) : m.end(1)], adjs, noun):
                continue
            if not _only_plural(noun):
                continue
            article_end = m.start() + (2 if folded[m.start() + 1] == "n" else 1)
            cut = Span(m.start(), article_end + 1)
            keep = view[article_end + 1 : article_end + 2]
            edit = Edit(Span(m.start(), article_end + 2), keep.upper() if view[m.start()].isupper() else keep)
            yield self.finding(
                doc,
                Span(m.start(), m.end()),
                f"“{shown(view[m.start() : m.end()])}”: “{view[cut.start : article_end]}” cannot go with the plural "
                f"“{view[m.start(2) : m.end(2)]}”; drop the article or make the noun singular.",
                [Fix(f"Remove “{view[cut.start : article_end]}”", (edit,), safe=False)],
            )


def _after_head(word: str) -> bool:
    """A word that cannot extend the noun phrase: a verb, preposition or conjunction of
    ``_AFTER_HEAD``, or a participle in -ed that is nothing but a verb ("operations codenamed
    ...")."""
    if word in _AFTER_HEAD:
        return True
    if not word.endswith("ed"):
        return False
    lemmas = word_lemmas(word)
    if not lemmas:
        return True  # not in the lexicon: a compound participle ("codenamed")
    return bool(lemmas.get("VERB")) and not any(lemmas.get(k) for k in ("NOUN", "ADJ", "PROPN"))


def _adjective_or_compound(word: str, *, pure: bool) -> bool:
    """An adjective, or a hyphenated one ("large-scale", "anti-terrorist")."""
    if "-" in word:
        parts = word.split("-")
        return all(parts) and bool(word_lemmas(parts[-1]).get("ADJ") or word_lemmas(parts[-1]).get("NOUN"))
    return _adjective(word, pure=pure)


def _article_hits(folded: str) -> Iterator[re.Match[str]]:
    pos = 0
    while (m := _A_RE.search(folded, pos)) is not None:
        at = m.start()
        if at and (folded[at - 1].isalnum() or folded[at - 1] in "_'’.-"):
            pos = at + 1  # "a" ending a word ("data talks"): look again from the next character
            continue
        pos = m.end()
        yield m


def _only_plural(noun: str) -> bool:
    lemmas = word_lemmas(noun)
    nouns = lemmas.get("NOUN", ())
    if not nouns or noun in nouns or lemmas.get("PROPN") or lemmas.get("ADJ"):
        return False
    return noun in inflections(nouns[0], "NOUN").get("NNS", ())
