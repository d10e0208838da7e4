"""TQ339: a singular count noun without an article as the object of a verb or after a
preposition ("police detained member of the gang", "he got into police vehicle", "the leader
congratulated Kyrgyz president").

Russian, Ukrainian, Armenian, Azerbaijani, Kazakh and Turkish have no article before the noun,
and MT leaves an English count noun bare wherever it stands, not only before "of" (TQ327) or at
the start of a sentence (TQ333). The detector is literal-led on the nouns of
``glossaries/english-count-nouns.tsv`` (count nouns of news English with no common uncountable
use and no article-less fixed phrase) and looks at the few words around each of them: the word
after the noun must end the noun phrase, and the words before it must be a verb or a
preposition with at most two modifiers in between.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import shown
from tqkit.checks.mtgrammar._words import finite_form, irregular_verbs, opens_sentence, word_lemmas
from tqkit.checks.mtgrammar.subjects import subject_nouns
from tqkit.datafiles import bundled_table
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.literals import literal_finditer
from tqkit.registry import CheckContext, FixAvailability, Rule, register


@lru_cache(maxsize=1)
def count_nouns() -> dict[str, str]:
    """noun -> kind (``count``, ``person`` or ``role``) from ``glossaries/english-count-nouns.tsv``."""
    kinds = {"count", "person", "role"}
    rows = bundled_table("english-count-nouns.tsv", 3, "count|person|role<TAB>noun<TAB>source", kinds)
    return {noun.lower(): kind for kind, noun, _source in rows}


@lru_cache(maxsize=1)
def _noun_keys() -> frozenset[str]:
    return frozenset(count_nouns())


@lru_cache(maxsize=1)
def _noun_re() -> re.Pattern[str]:
    nouns = "|".join(sorted(count_nouns(), key=len, reverse=True))
    # the noun first (a literal alternation), its left edge is tested in code
    return re.compile(r"(?:" + nouns + r")(?![\w'’-])")


# the lead words of the two frames
_PREPOSITIONS = frozenset(
    "in into at on onto to from with near inside outside for against after before during about through behind "
    "towards toward as".split()
)
_BE = frozenset("is was are were be been being".split())
# verbs whose object or complement is a role without an article ("elected mayor", "named
# chairman"), or which take a noun as a predicate ("became member" is still wrong, but "became
# president" is right: only role nouns are exempted)
_ROLE_VERBS = frozenset(
    (
        "elect elected elects electing re-elect re-elected appoint appointed appoints appointing name named names "
        "naming become became becomes becoming remain remained remains remaining serve served serves serving "
        "nominate nominated nominates declare declared declares proclaim proclaimed crown crowned designate "
        "designated make made makes making vote voted stay stayed sworn swear swore dub dubbed install installed "
        "confirm confirmed reappoint reappointed"
    ).split()
)
# verbs that name or rank: their noun is a complement, not an object ("is called step", "held
# hostage" is excluded in the data)
_NAMING_VERBS = frozenset("call called calls term termed dub dubbed".split())
_MODAL_LEADS = frozenset("to will would can could should must may might not did does do shall".split())
# closed-class words: never a modifier, never a verb
_CLOSED = frozenset(
    (
        "the a an his her its their our my your him them us me it he she they we you i who whom whose which what "
        "that this these those and or but nor so of to in on at by for from with as than then there here is are was "
        "were be been being has have had do does did will would can could should may might must not no each every "
        "any some many much few several all both either neither another other such one two three four five six "
        "seven eight nine ten more most less least very also only even just too same own whole entire first last "
        "next new former late said per via up out off over down whichever whatever"
    ).split()
)
# words that may follow the noun when it ends its noun phrase
_FOLLOW = frozenset(
    (
        "of in on at to from with for by near into after during since until under against over through about and "
        "or but who which whose that was were is are has had will would could said told responsible worth online"
    ).split()
)
_CAPITAL_MODIFIER_ENDS = ("an", "ian", "ese", "ish", "i", "ic", "ch", "yz", "ek", "akh", "ik", "men")
_WORD_RE = re.compile(r"\w[\w'’-]*|[^\w\s]")
_NEXT_RE = re.compile(r"[ \t]*([A-Za-z]+|[.,;:!?)])")
_HEADLINE_END = ".!?\"”’')…;:"


@register
class BareCountNoun(Rule):
    """A singular count noun without an article as the object of a verb or after a preposition
    ("police detained member of the gang", "he got into police vehicle").

    **What it does.** Reports a noun from `glossaries/english-count-nouns.tsv` (person, member,
    vehicle, building, idea, decision, ribbon, officer ...) with no article or other
    determiner, when it ends its noun phrase (a preposition, a conjunction, a verb or
    punctuation follows) and stands directly after a verb ("detained member of", "cut red
    ribbon", "to detain person accused") or after a preposition and a modifier ("into police
    vehicle", "as kindergarten teacher"), or after "is"/"was" before "of" ("is member of").
    Titles and roles (president, minister, mayor ...) are reported only after other verbs
    ("congratulated Kyrgyz president"): "elected mayor", "as president" and a title before a
    name ("met president Aliyev") are English. Plurals, mass nouns, noun compounds ("police
    vehicle fleet") and headlines are left alone. A hyphenated compound that ends in the noun
    counts as the noun with a modifier ("began with video-conference with"); prefixes
    ("multi-country", "ex-president") do not.

    **Why it matters.** The source languages have no article before the noun; MT leaves a
    singular count noun bare, which English does not allow.

    **Example.** "Police detained member of the gang" becomes "Police detained a member of the
    gang".

    **Fix safety.** Unsafe: "a" or "the" depends on what the reader already knows; the editor
    chooses.
    """

    code = "TQ339"
    name = "bare-count-noun"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "Police detained member of the gang on Friday.",
        "Interfax reports spokesman of the ministry as saying the talks failed.",
        "Residential house was destroyed by the shelling.",
        "There was explosion at the plant on Monday.",
        "The driver crashed into police vehicle and fled.",
        "The mayor cut red ribbon at the new school.",
        "Officers are trying to detain person suspected of arson.",
        "The president congratulated Uzbek president on the holiday.",
        "The week began with video-conference with the district heads.",
        "She has worked as kindergarten teacher for ten years.",
        "He is member of the board of the bank.",
    )
    quiet = (
        "Police detained a member of the gang on Friday.",
        "He was elected president in 2018.",
        "She served as ambassador to France.",
        "He met president Aliyev in Baku.",
        "The detained member of the gang was released.",
        "Police vehicle hits tree",
        "This house was built in 1900.",
        "Russian troops were seen there.",
        "There was no explosion at the plant.",
        "The driver crashed into a police vehicle fleet.",
        "They moved from village to village.",
        "He became president of the club.",
        "Critics attacked journalist Ivan Petrov.",
        "The government will study every proposal carefully.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        nouns = count_nouns()
        for m in literal_finditer(_noun_re(), folded, folded, _noun_keys()):
            start, end = m.start(), m.end()
            start = _compound_start(folded, start)  # "video-conference": the whole compound
            if start and (folded[start - 1].isalnum() or folded[start - 1] in "'’-_"):
                continue
            kind = nouns[m.group()]
            if view[start:end].islower():
                hit = _frame(view, start, end, kind, compound=start != m.start())
            elif view[start].isupper() and view[start + 1 : end].islower():
                hit = _opening_noun(view, start, end, kind)  # "Woman was detained"
            else:
                continue
            if hit is None or _in_headline(view, start):
                continue
            phrase_start, lead = hit
            if view.startswith(lead, phrase_start):  # the noun phrase opens the sentence
                # a nationality keeps its capital ("The Russian citizen"), a word loses it
                first = lead[0] if lead.endswith(_CAPITAL_MODIFIER_ENDS) else lead[0].lower()
                hint = "“A …” or “The …” at the start of the sentence"
                fix = Fix("Insert “The”", (Edit(Span(phrase_start, phrase_start + 1), "The " + first),), safe=False)
            else:
                hint = f"“{lead} a …” or “{lead} the …”"
                fix = Fix("Insert “the”", (Edit(Span(phrase_start, phrase_start), "the "),), safe=False)
            yield self.finding(
                doc,
                Span(phrase_start, end),
                f"“{shown(view[phrase_start:end])}”: the singular noun “{view[start:end]}” needs an article "
                f"or another determiner ({hint}).",
                [fix],
            )


def _compound_start(folded: str, start: int) -> int:
    """The start of a hyphenated compound that ends in the noun ("video-conference"), or
    ``start``."""
    if start < 3 or folded[start - 1] != "-":
        return start
    i = start - 1
    while i > 0 and folded[i - 1].isalpha():
        i -= 1
    if start - 1 - i < 2 or folded[i : start - 1] in _PREFIXES:
        return start  # "multi-country", "ex-president": a prefix makes an adjective or a title
    return i


_PREFIXES = frozenset(
    "multi anti pro non post pre ex co inter cross semi self well mid over under counter re sub super ultra vice "
    "all half one two three four five six seven eight nine ten".split()
)


def _frame(view: str, start: int, end: int, kind: str, *, compound: bool = False) -> tuple[int, str] | None:
    """(start of the noun phrase, the lead word) when the bare noun stands after a verb or a
    preposition, else None; a hyphenated ``compound`` ("video-conference") counts as a noun with
    a modifier."""
    nxt = _NEXT_RE.match(view, end)
    if nxt is None:
        return None
    follower = nxt.group(1)
    if follower[0].isalpha() and follower not in _FOLLOW and not _participle(follower):
        return None  # a compound ("police vehicle fleet"), a name after a title, or no phrase end
    if follower in ("by", "to", "after") and view.startswith(view[start:end], nxt.end() + 1):
        return None  # "step by step", "house to house"
    words = _WORD_RE.findall(view, max(0, start - 90), start)
    modifiers = 0
    while modifiers < min(3, len(words)) and _modifier(words[-1 - modifiers], kind):
        modifiers += 1
    subject = _bare_subject(view, start, words, modifiers, follower, kind)
    if subject is not None:
        return subject
    # the outermost "modifier" may be the verb ("cut red ribbon", "police vehicle"): peel back
    while modifiers >= 0:
        hit = _lead(words[: len(words) - modifiers], follower, kind, modifiers + compound) if modifiers <= 2 else None
        outer = words[len(words) - modifiers].lower() if modifiers else ""
        if hit == "to" and outer in word_lemmas(outer).get("VERB", ()):
            hit = None  # "to find person": a verb after "to", not a modifier
        if hit is not None:
            if (
                modifiers
                and view[start:end].endswith("ing")
                and not all(
                    word_lemmas(w.lower()).get("ADJ") or w.lower() in count_nouns() or _hyphenated(w.lower())
                    for w in words[len(words) - modifiers :]
                )
            ):
                return None  # a compound with a gerund ("state building")
            return _phrase_start(view, start, modifiers), hit
        modifiers -= 1
    return None


def _opening_noun(view: str, start: int, end: int, kind: str) -> tuple[int, str] | None:
    """A sentence that opens with the bare noun before its verb ("Woman was detained")."""
    nxt = _NEXT_RE.match(view, end)
    if nxt is None or kind == "role":
        return None
    follower = nxt.group(1)
    word = view[start:end]
    if follower not in _SUBJECT_VERBS or not opens_sentence(view, start):
        return None
    # the same capitalised word inside a sentence elsewhere is a name ("Train said ...")
    return None if re.search(r"[a-z,][ \t]+" + word + r"\b", view) else (start, word)


_SUBJECT_VERBS = frozenset("was were is has had will would could can".split())


def _bare_subject(
    view: str, start: int, words: list[str], modifiers: int, follower: str, kind: str
) -> tuple[int, str] | None:
    """A sentence that opens with a modifier and the noun before its verb ("Residential house
    was destroyed", "Police vehicle was damaged"); the nouns of TQ333 are left to it."""
    if kind == "role" or modifiers > 1 or len(words) <= modifiers:
        return None
    first = words[-1 - modifiers]
    low = first.lower()
    if not (first[0].isupper() and first[1:].islower()) or low in _CLOSED or low in subject_nouns():
        return None
    if follower not in _SUBJECT_VERBS and not (follower.endswith("ed") and finite_form(follower)):
        return None
    lemmas = word_lemmas(low)
    if not (lemmas.get("ADJ") or lemmas.get("NOUN")) or lemmas.get("ADV") or lemmas.get("PROPN"):
        return None
    at = _phrase_start(view, start, modifiers + 1)
    if not opens_sentence(view, at) or view[at : at + len(first)] != first:
        return None
    return at, first


def _lead(before: list[str], follower: str, kind: str, modifiers: int) -> str | None:
    """The lead word (a verb or a preposition) of a bare noun phrase, else None."""
    if not before or not before[-1].islower():
        return None
    lead = before[-1]
    prior = before[-2].lower() if len(before) > 1 else ""
    if len(before) > 2 and before[-3].lower() == lead:
        return None  # "a face to face meeting", "door to door"
    if lead in _PREPOSITIONS:
        if not modifiers or follower == "of" or kind == "role" or prior in ("from", "between"):
            return None  # "by car", "in front of" (TQ327), "as president", "from village to village"
        return lead
    if lead in _BE:
        if prior == "there" and kind != "role":
            return lead  # "there was explosion"
        return lead if follower == "of" and kind != "role" and not modifiers else None
    if kind == "role" and lead in _ROLE_VERBS:
        return None
    prior2 = before[-3].lower() if len(before) > 2 else ""
    if prior.endswith("-"):
        return None  # a broken compound ("state- owned bank"): TQ304's business
    if prior in ("and", "or") and any(w.lower() in ("a", "an", "the") for w in before[-5:-2]):
        return None  # an article shared by both: "a tracery or paired lancet window"
    if lead in _REPORTING and len(before) > 1 and before[-2][:1].isupper():
        return lead  # "the agency reports spokesperson of the ministry": a verb after a name
    if lead in _PARTICLES and len(before) > 1:
        # a phrasal verb: "shot down enemy drone", "set up joint venture"
        return lead if _verb(prior, prior2, particle=True) else None
    return lead if _verb(lead, prior, prior2) else None


_REPORTING = frozenset("reports informs writes notes quotes cites".split())
_PARTICLES = frozenset("down up out off away back".split())


def _phrase_start(view: str, start: int, modifiers: int) -> int:
    at = start
    for _ in range(modifiers):
        while at > 0 and view[at - 1] in " \t":
            at -= 1
        while at > 0 and not view[at - 1].isspace():
            at -= 1
    return at


def _hyphenated(word: str) -> bool:
    """A hyphenated modifier whose last part is an adjective or a noun ("multi-storey")."""
    parts = word.split("-")
    if len(parts) < 2 or not all(p.isalpha() for p in parts):
        return False
    last = word_lemmas(parts[-1])
    return bool(last.get("ADJ") or last.get("NOUN"))


def _modifier(word: str, kind: str) -> bool:
    """An adjective, a noun or a participle before the noun ("red", "police", "detention",
    "officers'"); a capitalised word only as a nationality ("Kyrgyz", "Russian")."""
    if not word[0].isalpha():
        return False
    low = word.lower()
    if low in _CLOSED:
        return False
    if not word.islower():
        return (
            kind != "count"
            and word[0].isupper()
            and word[1:].islower()
            and low.endswith(_CAPITAL_MODIFIER_ENDS)
            and len(low) > 3
        )
    if low.endswith(("s'", "s’")) or _hyphenated(low):
        return True  # "officers'", "multi-storey", "high-speed"
    lemmas = word_lemmas(low)
    if lemmas.get("ADJ"):
        return True
    # a noun, but not an inflected verb form ("police" and "rescue" are, "detained" is not)
    return bool(lemmas.get("NOUN")) and (not lemmas.get("VERB") or low in lemmas["VERB"])


def _verb(word: str, prior: str, prior2: str = "", *, particle: bool = False) -> bool:
    """A verb form that takes an object here: a past or "-s" form ("detained"), an "-ing"
    form that is not a noun ("combating"), or a base form after "to" or a modal."""
    if word in _CLOSED or word in _NAMING_VERBS or (not particle and _modifies(prior, prior2)):
        return False  # "the detained member", "a recently passed bill": an adjective
    if prior in (",", "(", ";", ":") and word.endswith("ed"):
        return False  # "the detained member", "a recently passed bill": an adjective
    lemmas = word_lemmas(word)
    if not lemmas.get("VERB") or (word.endswith("s") and lemmas.get("NOUN")):
        return False  # not a verb, or a plural noun too ("music awards ceremony")
    if word.endswith("ing"):
        # "are combating fire", "while combating fire"; not a compound ("printing house")
        return not lemmas.get("NOUN") and not lemmas.get("ADJ") and prior in _ING_LEADS
    if finite_form(word) is not None:
        return True
    if word in lemmas["VERB"] and prior in _MODAL_LEADS:
        return not lemmas.get("ADJ")
    return word in irregular_verbs()[1]


_DETERMINERS = frozenset(
    (
        "the a an this that these those his her its their our my your no each every any some such one two three four "
        "five six seven eight nine ten many several few almost most more less least very newly single"
    ).split()
)
_ING_LEADS = frozenset("is are was were be been am while after before by for of in on without when and , not".split())
# adverbs that stand between a subject and its verb ("police also detained member")
_CLAUSE_ADVERBS = frozenset("also then later reportedly allegedly previously again already subsequently".split())


def _modifies(prior: str, prior2: str = "") -> bool:
    """The word before a participle makes it an adjective in a noun phrase: a determiner, a
    possessive, a number, an adverb of degree or an adjective ("the", "newspaper's", "3",
    "recently", "most", "single"); a word that is a noun too ("army") only after a
    determiner ("the real accused person")."""
    if not prior or prior in _CLAUSE_ADVERBS:
        return False
    if prior in _DETERMINERS or prior[0].isdigit() or prior.endswith(("'s", "’s", "s'", "s’", "ly")):
        return True
    if prior in _CLOSED:
        return False
    lemmas = word_lemmas(prior)
    return bool(lemmas.get("ADJ")) and (not lemmas.get("NOUN") or prior2 in _DETERMINERS)


def _participle(word: str) -> bool:
    """A past participle after the noun ("person accused of", "member detained in")."""
    if not word.islower():
        return False
    if word.endswith("ed"):
        return bool(word_lemmas(word).get("VERB"))
    return word in irregular_verbs()[2]


def _in_headline(view: str, at: int) -> bool:
    """A short line without closing punctuation: a headline, which drops its articles."""
    start = view.rfind("\n", 0, at) + 1
    end = view.find("\n", at)
    line = view[start : end if end != -1 else len(view)].rstrip()
    return bool(line) and line[-1] not in _HEADLINE_END and len(line.split()) < 16
