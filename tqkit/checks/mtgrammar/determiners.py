"""TQ330-TQ332: determiners that MT from article-less and Turkic languages drops or does not
match with its noun ("one of most important", "is largest partner", "these decision").

Russian, Ukrainian, Armenian, Azerbaijani and Turkish have no article before a superlative, and
Turkic languages do not mark the plural after a demonstrative; MT copies both. Every detector
is literal-led: "one of ", the copulas before "most" or a superlative, and "these", "those",
"this" in ``Document.folded``; only there are words looked up in lemminflect.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.checks._text import match_case, shown
from tqkit.checks.mtgrammar._words import inflections, opens_sentence, word_hits_matches, word_lemmas
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

_WORDS_RE = re.compile(r"[ \t]+([A-Za-z][a-z]*)(?![\w'’-])")


def _next_words(text: str, pos: int, n: int) -> list[tuple[int, int, str]]:
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
            words = _next_words(view, start + 6, 2)
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
            words = _next_words(view, m.end(), 4)
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
            words = _next_words(view, at - 1, 4) if at else _next_words(" " + view, 0, 4)
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


# -- TQ332: a demonstrative that does not agree with its noun ------------------------------------

_DEMONSTRATIVES = ("these", "those", "this")
_CLOSED = frozenset(
    "the a an his her its their our my your it he she they we you him them us me not also only all very so".split()
)
_PLURAL_VERBS = frozenset("are were have do will would can could should may might must".split())
_BOUNDARY = frozenset(
    (
        "is was are were has have had will would can could should may might must and or but of in on at to for "
        "with by from that which who as after before during since"
    ).split()
)


@register
class DemonstrativeNumber(Rule):
    """ "These" or "those" with a singular noun, or "this" with a plural ("these decision",
    "this measures").

    **What it does.** Reports these or those followed (after at most one adjective) by a
    singular count noun, and this followed by a plural noun, when the noun ends the noun
    phrase (a verb, a preposition, a conjunction or punctuation follows). Words that are also
    verbs ("this shows"), nouns the same in both numbers ("these species", "this data"),
    compound nouns ("these computer codes") and names are left alone.

    **Why it matters.** Turkish, Azerbaijani and Armenian do not mark the plural after a
    demonstrative, and MT sometimes keeps the singular noun; it reads as broken English.

    **Example.** "These decision was taken unanimously" becomes "This decision was taken".

    **Fix safety.** Unsafe: either the demonstrative or the noun is wrong, and the editor
    decides which.
    """

    code = "TQ332"
    name = "demonstrative-number"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "These decision was taken unanimously.",
        "Those village were hit by shelling.",
        "This countries have signed the treaty.",
        "These important document was signed in Baku.",
    )
    quiet = (
        "This decision was taken unanimously.",
        "These computer codes were leaked.",
        "This shows that the plan works.",
        "These species are protected.",
        "This data is public.",
        "These days prices are rising.",
        "Those present applauded.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        for m in word_hits_matches(folded, _DEMONSTRATIVES):
            demonstrative = folded[m.start() : m.end()]
            words = _next_words(view, m.end(), 3)
            i = self._noun_index(view, words, demonstrative == "this")
            if i is None:
                continue
            noun, e = words[i][2], words[i][1]
            strict = i == 0  # right after the demonstrative a verb may follow ("this shows")
            wrong = plural_noun(noun, strict=strict) if demonstrative == "this" else singular_noun(noun, strict=strict)
            if not wrong:
                continue
            right = {"these": "this", "those": "that", "this": "these"}[demonstrative]
            written = view[m.start() : m.end()]
            fixed = match_case(right, written)
            yield self.finding(
                doc,
                Span(m.start(), e),
                f"“{shown(view[m.start() : e])}”: “{written}” does not agree with “{noun}” in number "
                f"(“{fixed} {view[words[0][0] : e]}”, or change the noun).",
                [Fix.replace(Span(m.start(), m.end()), fixed, f"Replace “{written}” with “{fixed}”", safe=False)],
            )

    @classmethod
    def _noun_index(cls, view: str, words: list[tuple[int, int, str]], plural: bool) -> int | None:
        """Where the noun is (0, or 1 after an adjective), by cheap tests of shape and of what
        follows, before any look-up (clean copy then never loads the lexicon)."""
        for i in (0, 1):
            if i >= len(words):
                return None
            noun = words[i][2]
            if not noun.islower() or noun in _BOUNDARY or noun in _CLOSED:
                return None
            if plural and (noun.endswith(("ss", "us", "is")) or not cls._plural_verb_after(view, words, i)):
                return None  # "this process of", "this happens when": only "this countries have"
            if noun.endswith("s") == plural and cls._ends_phrase(view, words, i):
                if i == 1 and not pure_adjective(words[0][2]):
                    return None
                return i
        return None

    @staticmethod
    def _plural_verb_after(view: str, words: list[tuple[int, int, str]], i: int) -> bool:
        """A plural verb after the noun ("this countries have"), or punctuation after an
        adjective and the noun ("this new rules."; "if this happens," is a verb)."""
        end = words[i][1]
        if i == 1 and view[end : end + 1] in (".", ",", ";", ":", "!", "?", ")"):
            return True
        return i + 1 < len(words) and words[i + 1][2].lower() in _PLURAL_VERBS

    @staticmethod
    def _ends_phrase(view: str, words: list[tuple[int, int, str]], i: int) -> bool:
        end = words[i][1]
        after = view[end : end + 2].lstrip(" \t")
        if after[:1] in (".", ",", ";", ":", "!", "?", ")"):
            return True
        if i + 1 >= len(words) or words[i + 1][0] - end > 2:
            return False
        nxt = words[i + 1][2].lower()
        return nxt in _BOUNDARY
