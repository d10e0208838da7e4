"""TQ206: names that reach English through Russian. A surname or place spelt with the Russian
adjective ending "-skiy"/"-skii" where English news writes "-sky" ("Petrovskiy"); a district of
Ukraine, Georgia, Azerbaijan or Armenia named with the Russian adjective of its town
("Kupyansky district") where English news names the town ("Kupiansk district").

The towns come from the names gazetteer (``glossaries/names/``, :mod:`tqkit.names.gazetteer`);
house-style forms curated there (Reuters' "Zelenskiy") stay quiet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tqkit.checks._text import match_case
from tqkit.checks.names import gazetteer
from tqkit.checks.names_scan import names_of
from tqkit.checks.repetition_words import FUNCTION_WORDS
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register

if TYPE_CHECKING:
    from tqkit.document import Document
    from tqkit.names.gazetteer import Gazetteer
    from tqkit.names.model import Entity

# the BGN/PCGN rendering of -ский that AP, Reuters (but for Zelenskiy) and the BBC simplify to -sky
_SKIY_RE = re.compile(r"[A-Z][a-z]{2,}(?:skiy|skii|tskiy|tskii|zkiy)")
# a Russian adjective of a town before the unit it names
_ADJ_RE = re.compile(
    r"([A-Z][a-z]{2,}?)(?:sky|skiy|skii|skyi|skyy|skoy|skoi) +(district|raion|rayon|community|hromada|municipality)\b"
)
# countries whose English news names districts after the town in the local language's form
_LOCAL_FORM = frozenset({"UA", "GE", "AZ", "AM", "MD"})


@register
class RussianFormName(Rule):
    """A name carried through Russian: "-skiy" for "-sky", or a district of Ukraine, Georgia,
    Azerbaijan, Armenia or Moldova named with the Russian adjective of its town.

    **What it does.** Reports a capitalised word ending in "-skiy"/"-skii" (the BGN/PCGN
    rendering of Russian -ский) unless the names gazetteer lists it as a preferred or a curated
    house-style form (Reuters' "Zelenskiy"); and "X-sky district" where removing the Russian
    adjective ending leaves a town of Ukraine, Georgia, Azerbaijan, Armenia or Moldova in the
    gazetteer ("Kupyansky district": Kupiansk).

    **Why it matters.** AP, the BBC and most English news simplify -ский to "-sky"
    (Dostoevsky, Medinsky); a "-skiy" name is a sign of a machine or a Russian-language source.
    Ukrainian districts are named after their town in its Ukrainian form since 2020
    ("Kupiansk district"), and English news follows; the Russian adjective is what a
    translation from a Russian-language source leaves.

    **Example.** "Governor Petrovskiy said": English news writes "Petrovsky"; "shelling hit the
    Kupyansky district": "the Kupiansk district".

    **Fix safety.** Unsafe: an official document or a passport may keep the -skiy spelling.
    """

    code = "TQ206"
    name = "russian-form-name"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.SPELLING
    fires = (
        "Governor Petrovskiy said the talks would continue.",
        "Shelling hit the Kupyansky district overnight.",
    )
    quiet = (
        "Governor Petrovsky said the talks would continue.",
        "Shelling hit the Kupiansk district overnight.",
        "Reuters spells the president's name Zelenskiy.",
        "Voters in Moscow's Leninsky district went to the polls.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        gaz: Gazetteer | None = None
        if "ki" in view:
            for start, end, word in names_of(doc):
                if not word.endswith(("kiy", "kii")) or not _SKIY_RE.fullmatch(word):
                    continue
                gaz = gaz or gazetteer(ctx)
                if _house_style(gaz, word):
                    continue
                good = word[:-2] + "y"
                yield self._finding(
                    doc,
                    start,
                    end,
                    good,
                    f"“{word}”: the “-skiy” ending is the BGN/PCGN rendering of Russian -ский; "
                    f"English news (AP, BBC) writes “{good}”.",
                )
        if "district" in view or "raion" in view or "rayon" in view or "community" in view or "hromada" in view:
            yield from self._districts(doc, ctx)

    def _districts(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in _ADJ_RE.finditer(view):
            if m.start() and view[m.start() - 1].isalnum():
                continue
            town = _town(gazetteer(ctx), m.group(1))
            if town is None:
                continue
            s, e = m.start(), m.start(2) - 1
            form = view[s:e].rstrip()
            good = match_case(town.name, form)
            yield self._finding(
                doc,
                s,
                s + len(form),
                good,
                f"“{form}” is the Russian adjective of {town.name}; English news names the "
                f"district after the town: “{good} {m.group(2)}”.",
            )

    def _finding(self, doc: Document, start: int, end: int, good: str, message: str) -> Finding:
        fix = Fix.replace(Span(start, end), good, f"Replace with “{good}”")
        return self.finding(doc, Span(start, end), message, [fix], suggestion=good)


def _house_style(gaz: Gazetteer, word: str) -> bool:
    """The gazetteer gives the form as preferred, or as a curated admitted form (a house style
    such as Reuters' "Zelenskiy"), not as a GeoNames romanisation variant."""
    found = gaz.lookup(word)
    if found is None:
        return False
    ent, status = found
    return status == "preferred" or (status == "admitted" and ent.curated)


def _town(gaz: Gazetteer, stem: str) -> Entity | None:
    """The town of Ukraine, Georgia, Azerbaijan, Armenia or Moldova whose Russian adjective has
    this stem ("Kupyan" -> Kupiansk, "Izyum" -> Izium, "Bogodukhov" -> Bohodukhiv)."""
    for form in (stem + "sk", stem, stem + "a", stem + "o", stem + "e"):
        found = gaz.lookup(form)
        if found is not None and found[0].country in _LOCAL_FORM and found[0].kind != "country":
            return found[0]
    return None


# first name, patronymic (Russian, Ukrainian, Belarusian), surname (the Turkic "Heydar oglu" form
# is an info note of the az-en pack, az-oglu-patronymic)
_PATRONYMIC_RE = re.compile(
    r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)? "
    r"([A-Z][a-z]+(?:ovich|evich|ovych|evych|ovna|evna|ivna|ichna))"
    r" (?=[A-Z][a-z]{2,})"
)


@register
class PatronymicInName(Rule):
    """A full name with the Russian or Ukrainian patronymic ("Mikhail Nikolayevich
    Bocharnikov", "Olena Ivanivna Kovalenko"): English news drops it.

    **What it does.** Reports the middle part of a three-part name whose middle word ends like
    an East Slavic patronymic (-ovich, -evich, -ovna, -evna, -ivna, -ovych), when a
    capitalised surname follows. (It replaces the first-name lists of the ru-en and uk-en
    packs' info notes; the Turkic "Heydar oglu" form stays an az-en info note.)

    **Why it matters.** AP and Reuters give a Russian, Ukrainian or Central Asian name as first
    name and surname; the patronymic is a form of address in the source language and reads as
    official paperwork in English.

    **Example.** "Mikhail Nikolayevich Bocharnikov arrived": English news writes "Mikhail
    Bocharnikov".

    **Fix safety.** Unsafe: a quotation or a formal document may keep the full form.
    """

    code = "TQ207"
    name = "patronymic-in-name"
    fix_availability = FixAvailability.ALWAYS
    severity = Severity.WARNING
    category = Category.AWKWARD
    fires = (
        "Ambassador Mikhail Nikolayevich Bocharnikov arrived.",
        "Olena Ivanivna Kovalenko signed the decree.",
    )
    quiet = (
        "Ambassador Mikhail Bocharnikov arrived.",
        "Novak Djokovic beat Daniil Medvedev.",
        "The Verkhovna Rada passed the law.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        view = doc.view
        for m in _PATRONYMIC_RE.finditer(view):
            s, e = m.span(1)
            if view[m.start() : s - 1].lower() in FUNCTION_WORDS:
                continue  # "The Verkhovna Rada": an adjective in a name, not a first name
            fix = Fix.replace(Span(s, e + 1), "", "Drop the patronymic")
            yield self.finding(
                doc,
                Span(s, e),
                f"“{m.group(1)}” is a patronymic (the father's name); English news gives the first "
                "name and surname only.",
                [fix],
            )
