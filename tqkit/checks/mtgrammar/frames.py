"""TQ347: "the" before a capitalised title and a name ("The Prime Minister Ivanov said");
TQ348: a broken existential "there" ("there were injured", "is there are"); TQ349: a personal
passive of "explain" ("He was explained about the rules").

Russian, Ukrainian, Kazakh and Azerbaijani sources have no articles, impersonal clauses with no
subject ("ранены" / "есть ли") and an indirect object where English needs "to"; MT adds an
article where English news has none, turns a participle into a noun and makes the person the
subject of "explain". Every detector is literal-led: a plain string search over
``Document.folded`` finds the few anchors, and only there is the context looked at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqkit.checks._text import shown
from tqkit.checks.mtgrammar._words import opens_sentence, word_lemmas
from tqkit.datafiles import bundled_table
from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# a capitalised title that English news writes before a name without an article; a lowercase
# Central Asian title ("akim") after an optional local adjective
_TITLE_RE = re.compile(
    r"[Tt]he[ \t]+(?:(?:Deputy|First[ \t]+Deputy|Vice)[ \t]+)?"
    r"(?:Prime[ \t]+Minister|President|Foreign[ \t]+Minister|Defen[cs]e[ \t]+Minister|Minister|"
    r"Speaker|Mayor|Governor|Chairman|Ombudsman|Patriarch|Metropolitan|Catholicos|"
    r"(?:(?:regional|district|city|oblast)[ \t]+)?(?:akim|hokim))"
    # the name: a capitalised word that is not the start of a title or an organisation
    r"[ \t]+([A-Z][a-z]+(?:['’-][A-Z][a-z]+)?)(?:[ \t]+[A-Z][a-z]+(?:['’-][A-Z][a-z]+)?)?(?![\w'’-])"
)
# after the name: a possessive or a lowercase noun makes the name a modifier ("the President
# Biden administration"); a comma after the title is the British apposition, not matched
_NAME_AS_MODIFIER_RE = re.compile(r"(?:['’]s\b|[ \t]+(?:administration|era|government|cabinet|years|camp|team)\b)")
# a capitalised word after the title that is not a name ("the President of", "the Minister
# For ...", days and months, "the President Office" in MT is another rule's business)
_NOT_NAMES = frozenset(
    (
        "Of For And Or The On In At To By With From Office Administration Council Cabinet Monday Tuesday "
        "Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
        "September October November December Emeritus Elect"
    ).split()
)


# lowercase adjectives of scope before a generic abstract noun ("the regional stability")
_SCOPE = "regional|global|world|civil|modern|international"


@lru_cache(maxsize=1)
def _generic_re() -> re.Pattern[str]:
    nouns = "|".join(
        sorted(
            (n.lower() for n, _s in bundled_table("article-generic-nouns.tsv", 2, "noun<TAB>source")),
            key=len,
            reverse=True,
        )
    )
    # "the", a nationality (a capitalised adjective) or a scope adjective, the noun, the next word
    return re.compile(
        r"[Tt]he[ \t]+((?:[A-Z][a-z]+(?:an|ian|ish|ese|i|ic|ch|yz|ek|en))|" + _SCOPE + r")[ \t]+(" + nouns + r")"
        r"(?![\w'’-])(?:[ \t]*([A-Za-z]+))?"
    )


# after the noun: words that make the phrase specific ("the Bulgarian society of the 1930s",
# "the society that emerged") or a name ("the Royal Society")
_SPECIFIC_NEXT = frozenset("of that which who whose where when whom".split())


def _generic_findings(view: str) -> Iterator[tuple[int, int, int]]:
    """(start of "the", end of "the " and its space, end of the noun) of each "the" before a
    generic abstract noun."""
    pattern = _generic_re()
    for m in pattern.finditer(view):
        if m.start() > 0 and (view[m.start() - 1].isalnum() or view[m.start() - 1] in "-'’"):
            continue
        nxt = m.group(3)
        if nxt is not None and view[m.end(2) : m.start(3)].strip() == "":
            low = nxt.lower()
            # a following noun makes a compound ("the regional stability pact"); a capitalised
            # word a name
            if low in _SPECIFIC_NEXT or nxt[0].isupper() or _noun_only(low):
                continue
        yield m.start(), m.start(1), m.end(2)


_MODALS = frozenset("will can must may might should would could".split())


def _noun_only(word: str) -> bool:
    """``word`` can be a noun (a compound: "the regional stability fund"); a modal is not."""
    return word not in _MODALS and bool(word_lemmas(word).get("NOUN"))


def _common_word(name: str) -> bool:
    """The last word of the name is an English word ("the President Hotel", "the Mayor Cup"):
    an institution's name, or a surname that is also a word; left alone."""
    last = name.split()[-1].lower().rstrip("'’")
    return bool(word_lemmas(last))


@register
class NeedlessArticle(Rule):
    """A "the" that English news leaves out: before a capitalised title and a name ("The Prime
    Minister Ivanov said") or before an abstract noun meant in general ("the Bulgarian society",
    "the regional stability").

    **What it does.** Reports "the" directly before a capitalised title (Prime Minister,
    President, Foreign Minister, Speaker, Mayor, Governor ...) or a local "akim" that is directly
    followed by a capitalised name. A lowercase title ("the president Askar Akayev", British
    style), a modifier before the title ("the former President ...", "the US President"), the
    British comma ("the Prime Minister, Boris Johnson,"), "the President of ..." and a name used
    as a modifier ("the President Biden administration", "the Mayor Smith's office") are left
    alone. Also reports "the" before a nationality ("Bulgarian", "Armenian") or a scope
    adjective ("regional", "global", "world", "modern") and an abstract noun of
    `glossaries/article-generic-nouns.tsv` (society, history, statehood, stability ...) unless
    "of", a relative word or another noun makes the phrase specific ("the Bulgarian society of
    the 1930s", "the regional stability pact").

    **Why it matters.** Russian and the Turkic languages have no articles; MT adds "the" to the
    title, but English news writes a capitalised title before a name without an article, and an
    abstract noun meant in general takes no article.

    **Example.** "The Prime Minister Ivanov opened the session" becomes "Prime Minister Ivanov
    opened the session".

    **Fix safety.** Unsafe: the editor may prefer "the prime minister, Ivanov," with commas, or
    the phrase may be meant as a specific one.
    """

    code = "TQ347"
    name = "needless-article"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "The Prime Minister Ivanov opened the session on Monday.",
        "The decree was signed by the President Tokayev yesterday.",
        "The regional akim Serik Abenov visited the plant.",
        "The reform divided the Bulgarian society for years.",
        "The talks serve the regional stability.",
    )
    quiet = (
        "Prime Minister Ivanov opened the session on Monday.",
        "The Prime Minister, Boris Johnson, opened the session.",
        "An angry mob ousted the president Askar Akayev.",
        "The former President Donald Trump spoke.",
        "The President Biden administration has said little.",
        "The President of France arrived.",
        "The President on Monday signed the law.",
        "Bulgarian society is divided.",
        "The Bulgarian society of the 1930s was rural.",
        "The regional stability pact was signed.",
        "The Royal Society met.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        at = folded.find("the ")
        while at != -1:
            start = at
            at = folded.find("the ", at + 4)
            if start > 0 and (view[start - 1].isalnum() or view[start - 1] in "-'’"):
                continue
            m = _TITLE_RE.match(view, start)
            if m is None or m.group(1) in _NOT_NAMES or _NAME_AS_MODIFIER_RE.match(view, m.end()):
                continue
            if (m.end() < len(view) and view[m.end()] in "-") or _common_word(view[m.start(1) : m.end()]):
                continue
            title_start = start + 3
            while view[title_start] in " \t":
                title_start += 1
            first = view[title_start].upper() if opens_sentence(view, start) else view[title_start]
            yield self.finding(
                doc,
                Span(start, m.end()),
                f"“{shown(view[start : m.end()])}”: English news writes a title before a name without "
                f"“the” (“{first}{view[title_start + 1 : m.end()]}”).",
                [Fix("Remove “the”", (Edit(Span(start, title_start + 1), first),), safe=False)],
            )

        for start, word, end in _generic_findings(view):
            first = view[word].upper() if opens_sentence(view, start) else view[word]
            yield self.finding(
                doc,
                Span(start, end),
                f"“{shown(view[start:end])}”: an abstract noun meant in general takes no article in English "
                f"(“{first}{view[word + 1 : end]}”).",
                [Fix("Remove “the”", (Edit(Span(start, word + 1), first),), safe=False)],
            )


# "there were injured" + an end: a participle used as a noun; "is there are": two verbs
_THERE_RE = re.compile(
    r"there[ \t]+(?:(was|were|are|is)[ \t]+(?:no[ \t]+)?(injured|wounded)(?=[ \t]*[,.;:!?)]|[ \t]+(?:and|among|in|at|on|as|but)\b)"
    # "there were killed 5 people": the source's passive with its subject after the verb
    r"|(?:was|were)[ \t]+(injured|wounded|killed|detained|arrested)(?=[ \t]+(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|several|dozens|hundreds)\b)"
    r")"
)
_DOUBLE_BE_RE = re.compile(r"(?:is|are|was|were)[ \t]+there[ \t]+(?:is|are|was|were)\b")
# words before an existential "there" (so that "the people there were injured" stays quiet)
_EXISTENTIAL_BEFORE = frozenset("and but that as when while if although because so where whether".split())


def _existential(view: str, at: int) -> bool:
    """``there`` at ``at`` opens a clause: a sentence start, a comma before it, or a conjunction."""
    if opens_sentence(view, at):
        return True
    i = at - 1
    while i >= 0 and view[i] in " \t\n":
        i -= 1
    if i >= 0 and view[i] in ",;(—–":
        return True
    j = i
    while j >= 0 and view[j].isalpha():
        j -= 1
    return view[j + 1 : i + 1].lower() in _EXISTENTIAL_BEFORE


@register
class BrokenExistential(Rule):
    """A broken existential "there": a participle as its noun ("there were injured") or two
    verbs ("is there are other damages").

    **What it does.** Reports "there was/were (no) injured" or "wounded" when the participle
    ends the clause (a comma, a full stop, "and", "among", "in" ...), "there were killed" (or
    injured, detained ...) before a number ("there were killed 5 people"), and "is there are" / "was
    there were" inside a sentence. "There" must open a clause (a sentence start, a comma, "and",
    "that" ...), so "the people there were injured" is left alone; so are "there were injured
    civilians", "there were no injuries" and the question "Is there a plan?".

    **Why it matters.** Russian and Ukrainian use the participle as a noun ("есть раненые") and
    ask indirect questions with "есть ли"; MT copies both, and English needs a noun ("there
    were injuries", "people were injured") and one verb ("whether there are").

    **Example.** "A bus overturned and there were injured." becomes "... and people were
    injured."; "checking is there are other damages" becomes "checking whether there is other
    damage".

    **Fix safety.** No automatic fix: the editor chooses the noun or the clause.
    """

    code = "TQ348"
    name = "broken-existential"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "A bus overturned on the motorway, there were injured, and rescuers arrived.",
        "Police are checking is there are other victims.",
        "There were no injured among the passengers.",
        "During the raid, there were detained 12 suspects.",
    )
    quiet = (
        "The people who lived there were injured.",
        "There were injured civilians in the queue.",
        "There were no injuries.",
        "Is there a plan? There are two.",
        "Nobody there was injured.",
        "Two soldiers there were killed 5 km from the border.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        at = folded.find("there ")
        while at != -1:
            start = at
            at = folded.find("there ", at + 6)
            if start > 0 and view[start - 1].isalnum():
                continue
            m = _THERE_RE.match(folded, start)
            if m is not None and _existential(view, start):
                end = m.end(m.lastindex or 0)
                yield self.finding(
                    doc,
                    Span(start, end),
                    f"“{shown(view[start:end])}”: a participle used as a noun (source language); "
                    f"write “there were injuries” or “people were injured”."
                    if m.group(3) is None
                    else f"“{shown(view[start:end])} …”: the source's passive with its subject after the "
                    f"verb; write “12 suspects were detained”.",
                    [],
                )
                continue
            b = start - 1
            while b >= 0 and view[b] in " \t":
                b -= 1
            w = b
            while w >= 0 and view[w].isalpha():
                w -= 1
            d = _DOUBLE_BE_RE.match(folded, w + 1)
            if d is not None and w + 1 < start and not opens_sentence(view, w + 1):
                yield self.finding(
                    doc,
                    Span(w + 1, d.end()),
                    f"“{shown(view[w + 1 : d.end()])}”: two verbs around “there” (a source-language indirect "
                    f"question); write “whether there is/are”.",
                    [],
                )


_EXPLAINED_RE = re.compile(
    r"(?<![\w'’-])(?:i|he|she|we|they|you)[ \t]+"
    r"(?:was|were|is|are|has[ \t]+been|have[ \t]+been|had[ \t]+been|will[ \t]+be)[ \t]+(?:also[ \t]+)?"
    r"(?:(explained)[ \t]+(?:about|that|how|why|what|the|his|her|their|our|my|your|to[ \t]+him|to[ \t]+her)\b"
    r"|(answered)[ \t]+that\b"
    # "he was suggested to resign": the person as the subject of a verb that takes a clause
    r"|(suggested|proposed|demanded)[ \t]+to[ \t]+([a-z]+)\b)"
)
_ANCHORS = (" explained ", " answered ", " suggested ", " proposed ", " demanded ")


@register
class ExplainedPersonalPassive(Rule):
    """A person as the subject of a passive "explain", "answer" or "suggest" ("He was explained
    about the rules", "He was suggested to resign").

    **What it does.** Reports a personal pronoun with a passive "explained" directly followed by
    what was explained ("about", "that", "how", "the" ...): "She was explained that", "They were
    explained the procedure"; "answered that"; and "suggested", "proposed" or "demanded" with
    "to" and a verb ("He was suggested to resign"). "It was explained that" (the thing explained
    as subject), "She was proposed to by ..." and "He was suggested to the board" are English
    and left alone.

    **Why it matters.** Russian and Kazakh put the person told in the dative ("ему объяснили",
    "ему предложили уйти"), and MT makes that person the subject; English "explain" and
    "suggest" take the thing as their object and the person with "to".

    **Example.** "He was explained about his rights" becomes "His rights were explained to him"
    or "He was told about his rights".

    **Fix safety.** Unsafe: "told" for "explained" or "answered" keeps the meaning in most news
    sentences, but the editor may rather rebuild the sentence; no fix for "suggested to" (asked?
    advised? nominated?).
    """

    code = "TQ349"
    name = "explained-personal-passive"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.GRAMMAR
    fires = (
        "He was explained about the consequences of the violation.",
        "The detainees said they were explained that the hearing was postponed.",
        "He was suggested to resign after the vote.",
        "They were answered that the office was closed.",
    )
    quiet = (
        "It was explained that the hearing was postponed.",
        "The consequences were explained to him.",
        "He explained that the hearing was postponed.",
        "The delay, he was told, was explained by the weather.",
        "She was proposed to by her colleague.",
        "He was suggested to the board as a candidate.",
        "Our prayers were answered that night.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        folded = doc.folded
        if not any(anchor in folded for anchor in _ANCHORS):
            return
        for m in _EXPLAINED_RE.finditer(folded):
            if not (view[m.start()] == "I" or view[m.start()].islower() or opens_sentence(view, m.start())):
                continue  # "He" inside a sentence: a name or a heading, not the pronoun
            verb = m.lastindex if m.lastindex in (1, 2) else 3
            if verb == 3 and not _base_verb(m.group(4)):
                continue  # "she was proposed to by ..."
            end = m.end(verb)
            told = verb in (1, 2)
            yield self.finding(
                doc,
                Span(m.start(), end),
                f"“{shown(view[m.start() : end])}”: in English the person is not the subject of a passive "
                f"“{m.group(verb)}” (source-language dative); write “… was told” or “It was {m.group(verb)} "
                f"to him …”.",
                [Fix("Replace with “told”", (Edit(Span(m.start(verb), end), "told"),), safe=False)] if told else [],
            )


def _base_verb(word: str) -> bool:
    lemmas = word_lemmas(word)
    return word in lemmas.get("VERB", ()) or word in lemmas.get("AUX", ())


__all__ = ["BrokenExistential", "ExplainedPersonalPassive", "NeedlessArticle"]
