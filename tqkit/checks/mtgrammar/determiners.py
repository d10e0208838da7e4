"""TQ330-TQ331: determiners that MT from article-less and Turkic languages drops ("one of most
important", "is largest partner", "at same time"); TQ332 (in ``demonstratives``) reuses the
word tests here.

Russian, Ukrainian, Armenian, Azerbaijani and Turkish have no article before a superlative, and
Turkic languages do not mark the plural after a demonstrative; MT copies both. Every detector
is literal-led: "one of ", the copulas before "most" or a superlative, and "these", "those",
"this" in ``Document.folded``; only there are words looked up in lemminflect.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import shown
from tqkit.checks.mtgrammar._words import inflections, opens_sentence, word_hits_matches, word_lemmas
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_WORDS_RE = re.compile(r"[ \t]+([A-Za-z][a-z]*)(?![\w'’-])")


def next_words_after(text: str, pos: int, n: int) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    while len(out) < n:
        m = _WORDS_RE.match(text, pos)
        if m is None:
            break
        out.append((m.start(1), m.end(1), m.group(1)))
        pos = m.end()
    return out


def is_superlative(word: str) -> bool:
    """``word`` is a superlative adjective form ("biggest", "best")."""
    if not word.endswith("est") and word not in ("best", "worst"):
        return False
    adjectives = word_lemmas(word).get("ADJ", ())
    return any(word != a and word in inflections(a, "ADJ").get("JJS", ()) for a in adjectives)


def pure_adjective(word: str) -> bool:
    lemmas = word_lemmas(word)
    return bool(lemmas.get("ADJ")) and not lemmas.get("NOUN") and not lemmas.get("VERB")


def singular_noun(word: str, *, strict: bool = True) -> bool:
    """A singular count noun that is not also a name ("decision"); ``strict``: not an adjective
    or a verb either ("partner" is one), else only not an inflected verb form ("known")."""
    lemmas = word_lemmas(word)
    excluded = ("ADJ", "ADV", "PROPN", "AUX") if strict else ("ADV", "PROPN", "AUX")
    if word not in lemmas.get("NOUN", ()) or any(lemmas.get(t) for t in excluded):
        return False
    verbs = lemmas.get("VERB", ())
    if verbs and (strict or any(word in inflections(v, "VERB").get("VBN", ()) or word != v for v in verbs)):
        return False
    plurals = inflections(word, "NOUN").get("NNS", ())
    return bool(plurals) and plurals[0] != word and word not in _SAME_IN_PLURAL


def plural_noun(word: str, *, strict: bool = True) -> bool:
    """A plural noun form that is not also a singular noun (``strict``: nor a verb form,
    "measures") ("countries")."""
    lemmas = word_lemmas(word)
    nouns = lemmas.get("NOUN", ())
    if not nouns or word in nouns or (strict and lemmas.get("VERB")) or lemmas.get("ADJ") or word in _SAME_IN_PLURAL:
        return False
    return word in inflections(nouns[0], "NOUN").get("NNS", ())


_SAME_IN_PLURAL = frozenset(
    (
        "sheep series species aircraft spacecraft people police personnel staff cattle media data criteria "
        "phenomena kind sort type fish deer offspring means news headquarters crossroads insignia bacteria "
        "youth folk clergy poultry livestock infantry crew faculty"
    ).split()
)


# -- TQ330: "one of" without a determiner ---------------------------------------------------------

# what may follow "one of" directly: determiners, pronouns, numbers and quantity words
_OF_OK = frozenset(
    (
        "the a an his her its their our my your these those them us you whom which whose this that each every "
        "all both many several few two three four five six seven eight nine ten eleven twelve twenty thirty "
        "hundred dozens hundreds thousands millions billions such what whatever only own mine yours ours "
        "theirs himself herself itself themselves ourselves whichever either countless numerous various "
        "multiple innumerable myriad untold thirteen fourteen fifteen sixteen seventeen eighteen nineteen "
        "forty fifty sixty seventy eighty ninety"
    ).split()
)


@register
class OneOfWithoutDeterminer(Rule):
    """ "One of" followed by an adjective or a plural noun without "the" ("one of most
    important", "one of priority directions").

    **What it does.** Reports "one of" directly followed by "most", a superlative ("biggest"),
    an adjective or a plural noun, where English needs "the" (or another determiner) first.
    "One of them", "one of those", "one of many", "one of 12 candidates", "one of Europe's"
    and other determiners, pronouns, numbers and names are left alone.

    **Why it matters.** Russian "один из самых важных" and Azerbaijani "ən vacib ... biri" have
    no article, and MT often leaves "the" out; an editor always adds it.

    **Example.** "It is one of most important projects" becomes "one of the most important
    projects".

    **Fix safety.** Safe: "the" is the only determiner that fits before a superlative or a
    bare plural after "one of", and it changes nothing in the meaning.
    """

    code = "TQ330"
    name = "one-of-without-the"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "Energy is one of most important areas of cooperation.",
        "Baku is one of largest ports of the Caspian.",
        "Tourism is one of priority directions of the economy.",
        "He is one of leading experts in the field.",
    )
    quiet = (
        "Energy is one of the most important areas of cooperation.",
        "One of them was arrested.",
        "It is one of many projects.",
        "She is one of 12 candidates.",
        "It is one of Europe's largest ports.",
        "One of those killed was a child.",
        "One of whom was a journalist.",
        "He is one of countless victims.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        at = folded.find("one of ")
        while at != -1:
            start = at
            at = folded.find("one of ", at + 7)
            if start and (folded[start - 1].isalpha() or folded[start - 1] in "'-"):
                continue  # "someone of", "no-one of"
            words = next_words_after(view, start + 6, 2)
            if not words:
                continue
            s, e, w = words[0]
            low = w.lower()
            if not w.islower() or low in _OF_OK:
                continue
            if not (low == "most" or is_superlative(low) or self._bare_plural_phrase(words)):
                continue
            yield self.finding(
                doc,
                Span(start, e),
                f"“{shown(view[start:e])}”: after “one of” English needs “the” (“one of the {w} …”).",
                [Fix("Insert “the”", (Edit(Span(s, s), "the "),), safe=True)],
            )

    @staticmethod
    def _bare_plural_phrase(words: list[tuple[int, int, str]]) -> bool:
        """A plural noun, or an adjective and a plural noun ("priority directions")."""
        first = words[0][2]
        if plural_noun(first):
            return True
        if len(words) < 2 or not words[1][2].islower():
            return False
        lemmas = word_lemmas(first)
        modifier = lemmas.get("ADJ") or lemmas.get("NOUN") or first.endswith(("ing", "ed"))
        return bool(modifier) and plural_noun(words[1][2], strict=False)


# -- TQ331: a superlative without "the" after a linking verb ------------------------------------

_COPULAS = ("is", "was", "are", "were", "became", "becomes", "become", "remains", "remained", "remain")


@register
class SuperlativeWithoutThe(Rule):
    """A superlative with a singular noun and no "the" after is, was, became or remains, or at
    the start of a sentence ("Azerbaijan is largest partner", "Most important issue is").

    **What it does.** Reports is, was, are, were, become(s), became or remain(s) followed by
    "most" and an adjective, or by a superlative form, and then a singular noun with no
    article ("is most reliable partner", "remains biggest investor"), and a sentence that opens
    with such a phrase before a verb or "of" ("Biggest problem of the region is"), and
    "same" without "the" ("at same time"), which English treats like a superlative.
    Superlatives without a noun ("is best known for", "was hardest hit", "Most important, ...")
    and "most" as a quantifier ("Most people voted") are left alone.

    **Why it matters.** A superlative before a noun takes "the" in English; languages without
    articles have nothing to carry over, and MT leaves it out.

    **Example.** "Turkey is largest trading partner of Azerbaijan" becomes "is the largest
    trading partner".

    **Fix safety.** Unsafe: "the" is nearly always meant, but "most" may be the intensifier
    ("a most welcome step"); safe for "same", where "the" is the only determiner that fits.
    """

    code = "TQ331"
    name = "superlative-without-the"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "Turkey is largest trading partner of Azerbaijan.",
        "The country remains most reliable partner of the union.",
        "It was most difficult year for the farmers.",
        "Most important issue is the security of the border.",
        "Biggest problem of the region is unemployment.",
        "The two events took place at same time.",
    )
    quiet = (
        "Turkey is the largest trading partner of Azerbaijan.",
        "The town is best known for its wine.",
        "The east was hardest hit by the storm.",
        "It is most important that the talks continue.",
        "Prices were highest in June.",
        "It is best practice to publish the data.",
        "Most people voted for the plan.",
        "Most important, the talks will continue.",
        "Best regards to all of you.",
        "Latest figures show growth.",
        "It was much the same as last year.",
        "Same-sex couples may register.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for m in word_hits_matches(folded, _COPULAS):
            nxt = folded[m.end() + 1 : m.end() + 24].split(" ", 1)[0]
            if nxt != "most" and not nxt.endswith("est"):
                continue  # the cheap test first: no superlative follows
            words = next_words_after(view, m.end(), 4)
            phrase = _superlative_phrase([(s, e, w) for s, e, w in words])
            if phrase is None:
                continue
            s, ne = phrase
            yield self.finding(
                doc,
                Span(s, ne),
                f"“{shown(view[s:ne])}”: a superlative before a noun takes “the” (“the {view[s:ne]}”).",
                [Fix("Insert “the”", (Edit(Span(s, s), "the "),), safe=False)],
            )
        yield from self._bare_same(doc)
        for at in _opening_superlatives(view):
            words = next_words_after(view, at - 1, 4) if at else next_words_after(" " + view, 0, 4)
            if not at:
                words = [(s - 1, e - 1, w) for s, e, w in words]
            lowered = [(s, e, w.lower() if i == 0 else w) for i, (s, e, w) in enumerate(words)]
            phrase = _superlative_phrase(lowered)
            if phrase is None or not _verb_or_of_after(view, words, phrase[1]):
                continue
            s, ne = phrase
            first = view[s].lower()
            yield self.finding(
                doc,
                Span(s, ne),
                f"“{shown(view[s:ne])}”: a superlative before a noun takes “the” (“The {first}{view[s + 1 : ne]}”).",
                [Fix("Insert “The”", (Edit(Span(s, s + 1), "The " + first),), safe=False)],
            )

    def _bare_same(self, doc: Document) -> Iterator[Finding]:
        """ "Same" without "the" ("at same time", "in same way")."""
        view = doc.view
        folded = doc.folded
        at = folded.find("same")
        while at != -1:
            s, at = at, folded.find("same", at + 4)
            if not s or folded[s - 1] not in " \t" or (m := _SAME_RE.match(folded, s - 1)) is None:
                continue
            words = folded[max(0, s - 20) : s].split()
            prev = words[-1] if words else ""
            if not prev.isalpha() or prev in _BEFORE_SAME_OK or view[s] != "s":
                continue  # after a determiner or punctuation, or "Same" opening a sentence
            start = s - 1 - len(prev)
            while start < s and not folded[start].isalpha():
                start += 1
            yield self.finding(
                doc,
                Span(start, m.end()),
                f"“{shown(view[start : m.end()])}”: “same” takes “the” (“{view[start:s]}the same”).",
                [Fix("Insert “the”", (Edit(Span(s, s), "the "),), safe=True)],
            )


# "same" after a word that is not a determiner ("at same time")
_SAME_RE = re.compile(r"[ \t]same(?![\w'’-])")
_BEFORE_SAME_OK = frozenset("the this that these those very his her its their our my your a one".split())


# a sentence that opens with "Most" or a superlative ("Most important issue is", "Biggest problem
# is"): both found by a literal ("Most ", "est ")
_MOST_RE = re.compile(r"Most[ \t]")
_EST_RE = re.compile(r"est[ \t]")


def _opening_superlatives(view: str) -> list[int]:
    """Where a sentence opens with "Most" or a capitalised word in -est."""
    out = [m.start() for m in _MOST_RE.finditer(view)]
    for m in _EST_RE.finditer(view):
        start = m.start()
        while start > 0 and view[start - 1].isalpha():
            start -= 1
        if view[start].isupper() and m.start() - start >= 2:
            out.append(start)
    return sorted(at for at in out if (not at or not view[at - 1].isalnum()) and opens_sentence(view, at))


_AFTER_NOUN_VERBS = frozenset("is was are were has have had will would can could remains remained of".split())


def _verb_or_of_after(view: str, words: list[tuple[int, int, str]], end: int) -> bool:
    """The noun phrase is followed by a verb or "of" ("Most important issue is")."""
    later = [w for s, _e, w in words if s > end]
    return bool(later) and later[0] in _AFTER_NOUN_VERBS


def _superlative_phrase(words: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """(start, end) of "most <adjective> <noun>" or "<superlative> <noun>" with a singular noun
    (or a modifier in -ing and the noun: "largest trading partner")."""
    if len(words) < 2 or not all(w.islower() for _s, _e, w in words[:3]):
        return None
    s, _e, first = words[0]
    if first == "most" and len(words) >= 3 and pure_adjective(words[1][2]):
        noun_at = 2
    elif first not in ("best", "worst") and is_superlative(first):
        noun_at = 1
    else:
        return None
    _ns, ne, noun = words[noun_at]
    if singular_noun(noun, strict=False):
        return s, ne
    after = words[noun_at + 1][2] if noun_at + 1 < len(words) else ""
    if after and noun.endswith("ing") and singular_noun(after, strict=False):
        return s, words[noun_at + 1][1]
    return None
