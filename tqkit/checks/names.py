"""TQ6xx: names of people and places. A name carried through a third language ("Charkow",
"Mykolajiw"), misspelt ("Ursula von der Lajen") or in a spelling style guides retired ("Kiev").

The gazetteer (``glossaries/names/``: GeoNames places, ISO countries and subdivisions, curated
office holders) is loaded the first time one of these rules runs (``tqkit.names.gazetteer``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from tqkit.checks._text import match_case
from tqkit.checks.names_scan import NAME_RE, names_of
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

if TYPE_CHECKING:
    from tqkit.document import Document
    from tqkit.names.gazetteer import Gazetteer
    from tqkit.names.model import Entity

# A capitalised word (Latin letters, inner hyphens and apostrophes), with a possessive 's apart.
# (No look-behind: the regex engine then skips fast to capitals; the character before a match
# is tested in Python.)
# Word endings that make a name into an adjective, a plural or a demonym ("Kharkivite").
_ENDINGS = (
    "s",
    "a",
    "e",
    "i",
    "y",
    "an",
    "ans",
    "ian",
    "ians",
    "ite",
    "ites",
    "er",
    "ers",
    "ese",
    "ov",
    "ova",
    "sky",
    "ska",
    "ski",
    "in",
    "ina",
    "ka",
    "ko",
    "ia",
    "o",
    "u",
)
_DOUBLE_RE = re.compile(r"(.)\1+")
_LOWER_TAIL_RE = re.compile(r"^.[a-z]+(?:[-'’][A-Za-z][a-z]+)*$")
# How far (in skeleton edits) a misspelling may be from a gazetteer name.
_MIN_LEN = 5


def _gazetteer(ctx: CheckContext) -> Gazetteer:
    """The bundled gazetteer, or the one of ``$TQKIT_NAMES_DIR`` (a directory laid out like
    ``glossaries/names/``)."""
    import os

    return _gazetteer_of(os.environ.get("TQKIT_NAMES_DIR") or "")


gazetteer = _gazetteer  # (the public name, for the other name rules)


@lru_cache(maxsize=4)
def _gazetteer_of(directory: str) -> Gazetteer:
    from pathlib import Path

    from tqkit.names.gazetteer import NAMES_DIR, load_gazetteer

    return load_gazetteer(Path(directory) if directory else NAMES_DIR)


def _describe(ent: Entity) -> str:
    if ent.kind == "person":
        return ent.name
    if ent.kind == "country":
        return f"{ent.name} (country)"
    return ent.name


def _kept(view: str, start: int, end: int, ent: Entity) -> bool:
    """True when the form is part of a phrase where the old spelling is right ("Chicken Kiev")."""
    for phrase in ent.keep_in:
        lo = max(0, start - len(phrase))
        window = view[lo : end + len(phrase)]
        if phrase in window:
            i = window.find(phrase)
            while i != -1:
                if lo + i <= start and lo + i + len(phrase) >= end:
                    return True
                i = window.find(phrase, i + 1)
    return False


def _known(gaz: Gazetteer, view: str, start: int, end: int, word: str) -> tuple[int, int, Entity, str] | None:
    """The longest gazetteer form at ``start``: the word, or the word and the next capitalised
    word ("Krivoy Rog", "Sankt Petersburg")."""
    nxt = NAME_RE.match(view, end + 1) if view[end : end + 1] == " " else None
    if nxt is not None:
        found = gaz.lookup(f"{word} {nxt.group()}")
        if found is not None:
            return start, nxt.end(), found[0], found[1]
    found = gaz.lookup(word)
    if found is not None:
        return start, end, found[0], found[1]
    return None


def _preferred_form(ent: Entity, form: str) -> str:
    """What to write instead of ``form``: the entity's name, or for a surname alone the
    surname of the English spelling."""
    if ent.kind == "person" and " " not in form:
        return ent.name.split()[-1]
    return ent.name


@register
class NameNearMiss(Rule):
    """A capitalised word that is not an English word but one transliteration slip from a gazetteer
    name ("Kharkiw", "Ursula von der Lajen"): "did you mean Kharkiv?"

    **What it does.** Looks at capitalised words that are not English words (offline
    word-frequency data) and are not themselves names in the gazetteer
    (``glossaries/names/``: GeoNames places of the regions tqkit covers, world capitals, ISO
    countries and subdivisions, curated office holders). It compares each with the gazetteer's
    larger places (100,000 people and more, capitals, countries) and people's surnames after
    mapping German, Polish, Czech and French transliteration habits onto one key (w/v, j/y,
    ch/kh/h, sch/sh, cz/ch, ü/yu...): one edit apart for short names, two for names of eight
    letters and more. Inflected forms ("Kharkivites") and surnames whose person's first name
    is not in the text stay quiet.

    **Why it matters.** Machine translation that passes through a third language, and OCR or
    typing slips, leave names readers cannot find and search engines do not match.

    **Example.** "Shelling resumed in Kharkiw on Monday": "Kharkiv".

    **Fix safety.** Unsafe: a name one letter away may be another place or person.
    """

    code = "TQ601"
    name = "name-near-miss"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = (
        "Shelling resumed in Kharkiw on Monday.",
        "The governor of Mykolajiv said two people were injured.",
        "Ursula von der Lajen arrived in Brussels.",
        "The mayor, Igor Terechow, thanked the rescuers.",
        "Troops left Sievjerodonetsk.",
    )
    quiet = (
        "Shelling resumed in Kharkiv on Monday.",
        "Residents of Mykolaiv and Mykolayiv oblast were evacuated.",
        "Nikol Pashinian met Ilham Aliyev.",
        "Lajen is a village name; Anna Lajen lives there.",
        "Kharkivites queued for water.",
        "Marta Kostyuk won in Melbourne.",
        "The Leyden jar is an early capacitor.",
        "Shares of Nvidia and Alphabet rose.",
        "Tajikistan's upper house, the Majlisi Milli, met on Friday.",
        "President Emomali Rakhmon spoke.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        names = names_of(doc)
        if not names:
            return
        words = ctx.resources.english_words
        common = ctx.resources.common_english_words
        # Distinct words first: only capitalised ASCII non-words of five letters and more are
        # compared (names with native letters, "Timișoara", "Põltsamaa", are spelt by natives).
        distinct = {w for w in names.words if len(w) >= _MIN_LEN and w.isascii()}
        suspects = {
            w
            for w in distinct
            if w.lower() not in words
            and _LOWER_TAIL_RE.match(w)
            and not ("-" in w and all(p in words for p in w.lower().split("-")))
        }
        if not suspects:
            return
        gaz = _gazetteer(ctx)
        forms = gaz.forms
        suspects = {w for w in suspects if w not in forms}  # (iterate the small side)
        if not suspects:
            return
        view = doc.view
        seen: dict[str, tuple[str, Entity] | None] = {}
        for start, end, word in names:
            if word not in suspects or _known(gaz, view, start, end, word) is not None:
                continue
            if word not in seen:
                seen[word] = _nearest(gaz, word)
            hit = seen[word]
            if hit is not None and hit[1].kind == "person" and not _first_name_near(view, start, hit[1]):
                continue
            if hit is None:
                continue
            form, ent = hit
            if ent.kind != "person" and _foreign_phrase(view, start, end, common, gaz.multi_words):
                continue  # one word of a name in another language ("Majlisi Milli", "Jogorku Kenesh")
            fix = Fix.replace(Span(start, end), form, f"Replace with “{form}”")
            where = f" ({ent.name})" if form != ent.name else ""
            yield self.finding(
                doc,
                Span(start, end),
                f"“{word}” is not an English word and is close to the name “{form}”{where}: "
                f"a misspelt or transliterated name? Did you mean “{form}”?",
                [fix],
                suggestion=form,
                entity=ent.name,
            )


_NEXT_WORD_RE = re.compile(r"[ \u00A0]+([A-Z][a-z]+)\b")
_PREV_WORD_RE = re.compile(r"\b([A-Z][a-z]+)[ \u00A0]+$")


def _foreign_phrase(view: str, start: int, end: int, words: AbstractSet[str], parts: AbstractSet[str]) -> bool:
    """The word stands next to another capitalised word that is neither common English nor a
    word of a known name ("oblast"): together they are a name in another language (an institution, a square, a party),
    which a near-miss to a distant town would only garble."""
    nxt = _NEXT_WORD_RE.match(view, end, min(len(view), end + 40))
    prev = _PREV_WORD_RE.search(view, max(0, start - 40), start)
    return any(
        m is not None and m.group(1).lower() not in words and m.group(1).lower() not in parts for m in (nxt, prev)
    )


_BEFORE_RE = re.compile(r"([A-Z][^\W\d_]+)(?:[ \u00A0]+(?:von|van|der|de|al|el|bin|ibn|di|da))*[ \u00A0]+$")


def _first_name_near(view: str, start: int, ent: Entity) -> bool:
    """True when the word before the surname is the person's first name, spelt in any
    transliteration ("Igor Terechow" for Ihor Terekhov, "Ursula von der Lajen")."""
    from tqkit.names.translit import skeleton

    m = _BEFORE_RE.search(view, max(0, start - 60), start)
    if m is None:
        return False
    key = skeleton(m.group(1))
    firsts = {skeleton(n.split()[0]) for n in (ent.name, *ent.admitted) if " " in n}
    return any(Levenshtein.distance(key, f, score_cutoff=1) <= 1 for f in firsts)


def _nearest(gaz: Gazetteer, word: str) -> tuple[str, Entity] | None:
    """The gazetteer name ``word`` is a transliteration slip of: within one skeleton edit (two
    for long names), and closer in skeleton than in spelling, so that the transliteration
    mapping explains at least part of the difference ("Kharkiw": spelling one edit from
    "Kharkiv", skeleton none; "Uganda" and "Ugandi" differ as much either way)."""
    from tqkit.names.translit import english_variant, skeleton

    key = skeleton(word)
    if len(key) < _MIN_LEN - 1:
        return None
    # Short names collide with other names: a place of fewer than seven letters must match
    # exactly once transliteration is undone; a surname (checked only next to the person's
    # first name) may be one edit away.
    limit = 0 if len(key) < 7 else 1 if len(key) < 10 else 2
    person_limit = 1 if len(key) < 10 else 2
    best: list[tuple[int, str, Entity]] = []
    low = _DOUBLE_RE.sub(r"\1", word.lower())
    for _other, form, ent, d in gaz.near(key, person_limit):
        if d > (person_limit if ent.kind == "person" else limit):
            continue
        flow = form.lower()
        if Levenshtein.distance(low, _DOUBLE_RE.sub(r"\1", flow), score_cutoff=d + 1) <= d:
            continue  # the transliteration mapping explains nothing: another name
        if english_variant(word, form):
            continue  # an English romanisation variant ("Presnensky"/"Presnenskiy", "Sa'na")
        if low.startswith(flow) and low[len(flow) :] in _ENDINGS:
            return None  # an inflected or derived form of the name ("Kharkivites")
        if flow.startswith(low) and flow[len(low) :] in _ENDINGS:
            return None  # the name inflected in the gazetteer, the base form in the text
        best.append((d, form, ent))
    if not best:
        return None
    best.sort(key=lambda t: (t[0], -t[2].population))
    d0 = best[0][0]
    names = {e.name for d, _f, e in best if d == d0}
    if len(names) > 2:
        return None  # too many look-alikes: a name of its own, not a slip
    return best[0][1], best[0][2]


@register
class ForeignNameSpelling(Rule):
    """A place or person spelt the way another language writes it ("Charkow", "Jerewan", "Wolodymyr
    Selenskyj").

    **What it does.** Reports names that the gazetteer lists as a non-English spelling of a
    place of 100,000 people or more, a capital, a country or a curated person: GeoNames'
    Latin-script alternate names that are transliterations rather than English romanisations
    (German "Charkow", Polish "Kijów", Turkish "Harkiv"), and the third-language forms curated
    in ``glossaries/names/*.yaml`` ("Wolodymyr Selenskyj"). Forms established in English
    (frequent in English text) and spellings outlets use as house style (Pashinian and
    Pashinyan, Zelensky and Zelenskyy) are never reported.

    **Why it matters.** Machine translation through German, Polish or Turkish leaves these
    spellings in English copy; readers and search engines know the English spelling.

    **Example.** "Missiles hit Charkow overnight": "Kharkiv".

    **Fix safety.** Unsafe: a quoted title or a historical text may keep the foreign form.
    """

    code = "TQ602"
    name = "foreign-name-spelling"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = (
        "Missiles hit Charkow overnight.",
        "Wolodymyr Selenskyj addressed parliament.",
        "The delegation flew from Jerewan to Tiflis.",
    )
    quiet = (
        "Missiles hit Kharkiv overnight.",
        "Volodymyr Zelensky and Volodymyr Zelenskyy are the same man.",
        "Ekaterinburg and Yekaterinburg are both used in English.",
        "Odessa and Odesa are both in use.",
        "Police in Jizzakh and Khiva detained two men.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        yield from _variants(self, doc, ctx, "foreign")


@register
class DeprecatedNameSpelling(Rule):
    """A name in a spelling most English style guides retired ("Kiev", "Lugansk", "Kishinev"): a
    house-style note.

    **What it does.** Reports the ``deprecated`` forms curated in ``glossaries/names/*.yaml``:
    Russian-based spellings of Ukrainian cities that AP, Reuters and the BBC replaced ("Kiev",
    "Lugansk", "Nikolaev"), Soviet-era names ("Kishinev", "Alma-Ata", "Leninakan"). Phrases
    where the old form is right stay quiet ("Chicken Kiev", "Dynamo Kiev").

    **Why it matters.** It is a house-style matter, not an error: the older form is still
    understood and stays right in historical context, hence an info note.

    **Example.** "Talks in Kiev resumed": most style guides now write "Kyiv".

    **Fix safety.** Unsafe: historical names and quotations keep the old spelling.
    """

    code = "TQ603"
    name = "deprecated-name-spelling"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.INFO
    category = Category.SPELLING
    fires = (
        "Talks in Kiev resumed on Tuesday.",
        "Flights from Kishinev were cancelled.",
    )
    quiet = (
        "Talks in Kyiv resumed on Tuesday.",
        "The restaurant serves Chicken Kiev.",
        "Dynamo Kiev won the cup in 1975.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        yield from _variants(self, doc, ctx, "deprecated")


def form_of(view: str, start: int, end: int) -> str:
    return view[start:end]


def _foreign_enough(form: str, ent: Entity) -> bool:
    """A GeoNames variant is reported for a large place only, and only when it shows a
    third-language habit (w, j, sch, cz, ł...) or is the English name's transliteration
    skeleton ("Harkiv"): other variants are older English forms ("Erzerum") or names of
    their own ("Barna")."""
    from tqkit.names.translit import foreign_marks, skeleton

    if not ent.curated and foreign_marks(ent.name):
        # GeoNames writes the place in its national Latin alphabet ("Jizzax", "Xiva"): the
        # variants are as likely the English spelling ("Jizzakh", "Khiva") as a foreign one
        return False
    return ent.target and (foreign_marks(form) or skeleton(form) == (ent.key or skeleton(ent.name)))


def _variants(rule: Rule, doc: Document, ctx: CheckContext, status: str) -> Iterator[Finding]:
    view = doc.view
    names = names_of(doc)
    if not names:
        return
    gaz = _gazetteer(ctx)
    # Distinct words first (C-level set operations): most texts have no variant at all.
    distinct = set(names.words)
    forms, multi = gaz.forms, gaz.multi_first
    wanted = {w for w in distinct if w in forms or w in multi}  # (iterate the small side)
    if not wanted:
        return
    after = -1
    for start, end, word in names:
        if start < after or len(word) < 4 or word not in wanted:
            continue
        found = _known(gaz, view, start, end, word)
        if found is None:
            continue
        s, e, ent, st = found
        after = e
        if st != status or _kept(view, s, e, ent):
            continue
        if (
            status == "foreign"
            and form_of(view, s, e) not in ent.listed
            and not _foreign_enough(form_of(view, s, e), ent)
        ):
            continue
        form = view[s:e]
        good = match_case(_preferred_form(ent, form), form)
        fix = Fix.replace(Span(s, e), good, f"Replace with “{good}”")
        if status == "foreign":
            message = (
                f"“{form}” is a non-English spelling of “{good}” (another language's form or "
                f"transliteration); English news copy writes “{good}”."
            )
        else:
            note = f" {ent.note}" if ent.note else ""
            message = f"“{form}” is an older spelling; most English style guides now write “{good}”.{note}"
        yield rule.finding(
            doc,
            Span(s, e),
            message,
            [fix],
            suggestion=good,
            entity=ent.name,
            source=ent.source or "GeoNames alternate names",
        )
