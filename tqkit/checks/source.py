"""TQ5xx: source-target checks. They need the original (``--source FILE``, or the source side
of XLIFF / PO units), which is aligned with the translation by :mod:`tqkit.align` (paragraphs,
then sentences, no model). Every finding points at the target text and carries the aligned
source sentence in ``Finding.data["source"]`` and, shortened, in its message.

TQ501 (round-trip MT) lives in :mod:`tqkit.checks.roundtrip`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from rapidfuzz import fuzz

from tqkit.align.core import (
    Bead,
    Unit,
    align_units,
    length_ratio,
    paragraph_beads,
    sentence_units,
    sentence_units_spans,
    unit_of,
)
from tqkit.align.numbers import NumberAtom, all_keys, number_atoms, unmatched
from tqkit.document import MASK, Document, Segment
from tqkit.errors import AlignmentError
from tqkit.findings import Category, Finding, Severity, Span
from tqkit.langs import detect, foreign_script_share, language_name, same_language
from tqkit.registry import CheckContext, FixAvailability, Rule, register
from tqkit.text.translit import romanisation_language, romanise, word_similarity

_CACHE_KEY = "_tqkit_source_alignment"


def _quote(text: str, limit: int = 140) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _pairs_from_segments(doc: Document) -> list[Bead]:
    """Beads from segments that carry their own source (XLIFF units, PO entries)."""
    segs = [s for s in doc.segments if s.source]
    if not segs:
        return []
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for s in segs:
        text = (s.source or "").replace("\n\n", "\n")
        spans.append(Span(pos, pos + len(text)))
        parts.append(text)
        pos += len(text) + 2
    src_doc = Document("<source>", "\n\n".join(parts), target_lang="und")

    slang = doc.source_lang or romanisation_language(src_doc.text[:5000])
    beads: list[Bead] = []
    ratio_units: list[tuple[Unit, Unit]] = []
    for k, (seg, span) in enumerate(zip(segs, spans, strict=True)):
        sseg = Segment(seg.id, span, "paragraph")
        su, tu = unit_of(src_doc, sseg, slang), unit_of(doc, seg, doc.target_lang)
        ratio_units.append((su, tu))
        beads.append(Bead((su,), (tu,)))
        beads[-1].children = []
        _ = k
    ratio = length_ratio([a for a, _ in ratio_units], [b for _, b in ratio_units])
    for bead in beads:
        (su,), (tu,) = bead.source, bead.target
        ss = [unit_of(src_doc, s, slang) for s in sentence_units(src_doc, su.segment)]
        ts = [unit_of(doc, s, doc.target_lang) for s in sentence_units(doc, tu.segment)]
        bead.children = align_units(ss, ts, ratio) if ss and ts else []
    return beads


def alignment(doc: Document, ctx: CheckContext) -> list[Bead]:
    """Paragraph beads (with sentence beads as children) for this check run, computed once and
    shared by every TQ5xx rule. Empty when there is nothing to align."""
    cached = ctx.cache.get(_CACHE_KEY)
    if isinstance(cached, tuple) and cached[0] is doc and cached[1] is ctx.source:
        beads: list[Bead] = cached[2]
        return beads
    beads = []
    try:
        if ctx.source is not None:
            beads = paragraph_beads(ctx.source, doc)
        else:
            beads = _pairs_from_segments(doc)
    except AlignmentError as exc:
        ctx.notes.append(f"source not aligned: {exc}")
    ctx.cache[_CACHE_KEY] = (doc, ctx.source, beads)
    return beads


def _sentence_pairs(beads: list[Bead]) -> Iterator[tuple[Bead, Bead]]:
    for para in beads:
        for child in para.children:
            yield para, child


def _data(bead: Bead) -> dict[str, Any]:
    return {
        "source": bead.source_text,
        "source_segments": [u.segment.id for u in bead.source],
        "alignment": bead.kind,
    }


def _view(doc: Document, span: Span) -> str:
    return doc.view[span.start : span.end].replace(MASK, " ")


def _target_atoms(doc: Document, units: Sequence[Unit]) -> list[NumberAtom]:
    out: list[NumberAtom] = []
    for u in units:
        base = u.segment.span.start
        for a in number_atoms(_view(doc, u.segment.span)):
            out.append(NumberAtom(a.keys, a.start + base, a.end + base, a.text, a.digits))
    return out


def _target_span(units: Sequence[Unit]) -> Span:
    return Span(units[0].segment.span.start, units[-1].segment.span.end)


@register
class NumberMismatch(Rule):
    """A number, date or amount differs between the source sentence and its translation.

    **What it does.** Aligns the translation with the source, then compares the numbers of each
    aligned pair of sentences after normalising them: thousands separators and decimal commas
    ("1 500", "1.500", "1,500"; "2,5" = "2.5"), scale words ("2,5 млн." = "2.5 million"),
    dates in any order or notation ("27 септември", "September 27", "27.09"), Roman century
    numerals and decades ("90-те" = "the 1990s"), and number words ("пет", "five"), which may
    stand for a number but are never reported themselves. A number of the translation that the
    aligned source sentence (and its paragraph) does not have is reported at the number; a
    number of the source (10 or more, or with decimals) missing from the translation is reported
    on the target sentence.

    **Why it matters.** A wrong year, amount or casualty figure is the most damaging error a
    translated news story can carry, and machine translation and tired editors both make it.

    **Example.** Source *Войната продължи от 1992 до 1994 година.*, translation *The war lasted
    from 1992 to 1996.*: "1996" is reported, the source has 1994. *September 27* for *27
    септември* is not reported.

    **Fix safety.** No automatic fix: which side is right needs a person.
    """

    code = "TQ502"
    languages = None  # any target language
    name = "number-mismatch"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.MISTRANSLATION
    needs_source = True
    fires_with_source = (
        ("Войната продължи от 1992 до 1994 година.", "The war lasted from 1992 to 1996."),
        ("Бюджетът е 142 милиона лева.", "The budget is 124 million leva."),
        ("Встреча состоится 27 сентября.", "The meeting will take place on October 27."),
    )
    quiet_with_source = (
        ("Срещата ще бъде на 27 септември.", "The meeting will be on September 27."),
        ("Бюджетът е 2,5 млн. лева, а разходите са 1 500 000 лева.",
         "The budget is 2.5 million leva and spending is 1,500,000 leva."),
        ("Срещата е на 27.09.2024 г. в 10.30 ч.", "The meeting is on 27 September 2024 at 10:30."),
        ("В залата имаше пет души.", "There were 5 people in the hall."),
        ("Това се случи през 90-те години на XX век.", "It happened in the 1990s, in the 20th century."),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for para, bead in _sentence_pairs(alignment(doc, ctx)):
            if not bead.source or not bead.target:
                continue
            src_atoms = number_atoms(bead.source_text)
            tgt_atoms = _target_atoms(doc, bead.target)
            if not src_atoms and not tgt_atoms:
                continue
            para_src = all_keys(number_atoms(para.source_text))
            para_tgt = all_keys(_target_atoms(doc, para.target))
            extra = [a for a in unmatched(tgt_atoms, src_atoms) if not (a.keys & para_src)]
            missing = [a for a in unmatched(src_atoms, tgt_atoms)
                       if not (a.keys & para_tgt) and _worth_reporting_missing(a)]
            src_q = _quote(bead.source_text)
            if extra:
                also = f" (the source has {', '.join(a.text for a in missing)})" if missing else ""
                for a in extra:
                    yield self.finding(
                        doc, Span(a.start, a.end),
                        f"“{a.text}” is not in the source sentence{also}: “{src_q}”",
                        number=a.text, missing=[m.text for m in missing], **_data(bead),
                    )
            elif missing:
                nums = ", ".join(f"“{a.text}”" for a in missing)
                yield self.finding(
                    doc, _target_span(bead.target),
                    f"The source sentence has {nums}, not found in this translation: “{src_q}”",
                    missing=[m.text for m in missing], **_data(bead),
                )


def _worth_reporting_missing(atom: NumberAtom) -> bool:
    key = atom.key
    if key.startswith("m:"):
        return False
    try:
        value = float(key[2:])
    except ValueError:
        return False
    return value >= 10 or value != int(value)


# -- names ----------------------------------------------------------------------------------------

_CAP = r"[A-ZА-ЯЁ\u0400-\u040f][a-zа-яёіїєґ’'\-]+"
_PERSON_RE = re.compile(rf"(?<![\w-])({_CAP})\s+({_CAP})(?:\s+({_CAP}))?(?![\w-])")
_LATIN_NAME_RE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9]|[a-z]+[A-Z][A-Za-z]*)(?![\w-])")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
# A first word with an adjective ending is a place or an institution, not a person: "Ближнего
# Востока" (the Middle East), "Нагорный Карабах", "Государственная Дума". First names do not
# end like this (surnames may: "Фёдора Достоевского", but the surname comes second).
_ADJECTIVE_FIRST_RE = re.compile(r"(?:ого|его|ому|ему|ый|ий|ая|яя|ое|ее|ые|ие|ых|их|ым|им|ыми|ими|ата|ото|ите)$")
_FIRST_NAMES_LIKE_ADJECTIVES = re.compile(r"(?:рий|лий|тий|ксей|дрей|гий|ний|вий|сий|ций|зий|фий|мий|ллий)$")
NAME_SIMILARITY = 80.0


def _target_words(doc: Document, units: Sequence[Unit]) -> list[str]:
    out: list[str] = []
    for u in units:
        out.extend(t.text for t in doc.tokens_in(u.segment.span) if t.kind == "word")
    return out


@register
class NameMissing(Rule):
    """A person's name or a Latin-script name of the source is missing from the translation.

    **What it does.** For each aligned pair of paragraphs, takes from the source the names of
    people (two or three capitalised words in a row, such as *Петър Иванов*) and the names the
    source already writes in Latin script (*NATO*, *Google*, *iPhone*), and looks for them in the
    translation: the surname romanised (Bulgarian official system, BGN/PCGN and ISO 9 for
    Russian, BGN/PCGN for Armenian) and compared loosely across inflection (*Христова* ~
    *Hristova*, *Смирнова* ~ *Smirnov*), the Latin-script names as written. Reports the
    target paragraph's aligned sentence when a name is not found anywhere in the aligned
    target paragraph. Place and institution names are not checked, because English uses its
    own names for them (*Москва* is *Moscow*, *Народно събрание* is *National Assembly*).

    **Why it matters.** A dropped name changes who said or did something; machine translation
    drops or mangles names in long sentences.

    **Example.** Source *Министърът Петър Иванов заяви, че бюджетът е готов.*, translation *The
    minister said the budget was ready.*: "Petar Ivanov" is reported as missing.

    **Fix safety.** No fix: where the name belongs needs a person.
    """

    code = "TQ503"
    languages = None  # any target language
    name = "name-missing"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.OMISSION
    needs_source = True
    fires_with_source = (
        ("Министърът Петър Иванов заяви, че бюджетът е готов.", "The minister said the budget was ready."),
        ("Компанията Google откри нов офис в София.", "The company opened a new office in Sofia."),
    )
    quiet_with_source = (
        ("Министърът Петър Иванов заяви, че бюджетът е готов.",
         "Minister Petar Ivanov said the budget was ready."),
        ("Кметът Таня Христова откри изложбата.", "Mayor Tanya Hristova opened the exhibition."),
        ("Руководитель экспедиции Алексей Смирнов рассказал об итогах.",
         "Expedition leader Alexey Smirnov described the results."),
        ("Президент России Владимир Путин прибыл в Москву.", "Russian President Vladimir Putin arrived in Moscow."),
        ("Ситуация на Ближнего Востока обсуждалась в Москве.", "The situation in the Middle East was discussed in Moscow."),
        ("Компанията Google откри нов офис в София.", "Google opened a new office in Sofia."),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        res = ctx.resources
        for para in alignment(doc, ctx):
            if not para.source or not para.target:
                continue
            words = _target_words(doc, para.target)
            # the target as written (not only its word tokens), so "ISBN-10", "UTF-8" and
            # "Winapp2.ini" are found as they stand
            text_lower = " ".join(_view(doc, u.segment.span) for u in para.target).lower()
            latin_source = _mostly_latin(para.source_text)
            reported: set[str] = set()
            for child in para.children:
                if not child.source or not child.target:
                    continue
                for name, shown in self._names(child.source_text, latin_source, res.is_common_word):
                    if name in reported:
                        continue
                    if _CYRILLIC_RE.search(name) or latin_source:
                        # romanised (Cyrillic), or respelled between Latin-script variants
                        # ("Color" / "Colour", "Organize" / "Organise")
                        if name.lower() in text_lower or any(
                                word_similarity(w, name) >= NAME_SIMILARITY for w in words):
                            continue
                    elif name.lower() in text_lower or any(w.lower() == name.lower() for w in words):
                        continue
                    reported.add(name)
                    yield self.finding(
                        doc, _target_span(child.target),
                        f"The source names {shown} but this translation does not: "
                        f"“{_quote(child.source_text)}”",
                        name=shown, **_data(child),
                    )

    @staticmethod
    def _names(text: str, latin_source: bool = False,
               is_common: Callable[[str], bool] = lambda w: False) -> Iterator[tuple[str, str]]:
        """(key word, what to show) for each checkable name in a source sentence.

        In a Latin-script source, capitals say little: a sentence starts with one, and UI
        strings and headlines capitalise every word. There a word counts as a name only when
        it is not sentence-initial and not a common word in title case ("Open File", "Colour
        Settings"); acronyms, mixed case and words with digits ("NATO", "iPhone", "Winapp2.ini")
        still count."""
        for m in _PERSON_RE.finditer(text):
            parts = [p for p in m.groups() if p]
            if not all(_CYRILLIC_RE.search(p) for p in parts):
                continue
            first = parts[0].lower()
            if _ADJECTIVE_FIRST_RE.search(first) and not _FIRST_NAMES_LIKE_ADJECTIVES.search(first):
                continue  # "Ближнего Востока": a place, which English names in its own way
            surname = parts[-1]
            if len(surname) < 4:
                continue
            shown = " ".join(parts)
            yield surname, f"“{shown}” ({romanise(shown)})"
        for m in _LATIN_NAME_RE.finditer(text):
            word = m.group(1)
            if len(word) < 2 or word.isdigit():
                continue
            if latin_source and _plain_capitalised(word) and (
                    _sentence_initial(text, m.start()) or is_common(word)):
                continue
            yield word, f"“{word}”"


_OPENERS = " \t\"'“‘«([*•–—-"


def _sentence_initial(text: str, start: int) -> bool:
    """Only spaces, opening quotes or brackets since the start of ``text``, a line break or the
    end of a sentence (looked at backwards from ``start``: constant work per word)."""
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    if i == 0 or text[i - 1] in "\r\n":
        return True
    return i < start and text[i - 1] in ".!?:;…"


def _plain_capitalised(word: str) -> bool:
    """"Open", "Colour": a capital, then lower-case letters only (no digits, dots, inner caps)."""
    return word[:1].isupper() and word[1:].islower() and word.isalpha()


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f") >= 0.8 * len(letters)


# -- untranslated copy -----------------------------------------------------------------------------

MIN_COPY_WORDS = 3


@register
class SourceCopied(Rule):
    """A sentence of the translation is still in the source language (copied, not translated).

    **What it does.** For each aligned pair of sentences, reports the target sentence when at
    least half of its letters are in a script English does not use (Cyrillic, Armenian) and it
    has three words or more; the message says whether it is a copy of the aligned source
    sentence (85% similar or more) or other source-language text. Single foreign names in an
    English sentence are far below the threshold.

    **Why it matters.** Machine-translation pipelines pass through sentences they could not
    translate, and editors paste the original next to their draft; a paragraph-level language
    check misses one sentence inside an English paragraph.

    **Example.** Source *Правителството одобри бюджета. Министърът е доволен.*, translation
    *The government approved the budget. Министърът е доволен.*: the second sentence is reported.

    **Fix safety.** No fix: the sentence needs translating.
    """

    code = "TQ504"
    languages = None  # any target language
    name = "source-copied"
    fix_availability = FixAvailability.NONE
    severity = Severity.ERROR
    category = Category.UNTRANSLATED
    needs_source = True
    fires_with_source = (
        ("Правителството одобри бюджета. Министърът на финансите е доволен от резултата.",
         "The government approved the budget. Министърът на финансите е доволен от резултата."),
    )
    quiet_with_source = (
        ("Правителството одобри бюджета. Министърът на финансите е доволен от резултата.",
         "The government approved the budget. The finance minister is pleased with the result."),
        ("Вестник „Дневник“ съобщи новината.", "The newspaper Dnevnik (Дневник) reported the news."),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for _para, bead in _sentence_pairs(alignment(doc, ctx)):
            if not bead.target:
                continue
            for unit in bead.target:
                text = unit.text
                if len(text.split()) < MIN_COPY_WORDS:
                    continue
                if foreign_script_share(text, doc.target_lang or "en") < 0.5:
                    continue
                similar = bool(bead.source) and fuzz.ratio(text.lower(), bead.source_text.lower()) >= 85
                what = "is copied from the source" if similar else "is not in the target language"
                yield self.finding(
                    doc, unit.segment.span,
                    f"This sentence {what} (untranslated)"
                    + (f": source “{_quote(bead.source_text)}”" if bead.source else ""),
                    copied=similar, **_data(bead),
                )


# -- omission and addition ----------------------------------------------------------------------------

MIN_GAP_WORDS = 6
MIN_LENGTH_CHARS = 80
SHORT_FACTOR = 0.45
LONG_FACTOR = 2.2


def _word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalpha() for ch in w))


def _doc_ratio(beads: list[Bead]) -> float:
    su = [u for b in beads for u in b.source]
    tu = [u for b in beads for u in b.target]
    return length_ratio(su, tu)


def _anchored_elsewhere(bead: Bead, para_target_text: str, doc_lang: str | None) -> bool:
    """True when the numbers or capitalised names of an unaligned source sentence do occur in
    the target paragraph, i.e. the sentence was probably merged into another one."""
    src = bead.source_text
    keys = all_keys([a for a in number_atoms(src) if a.digits])
    if keys and keys & all_keys(number_atoms(para_target_text)):
        return True
    names = [m.group(0) for m in re.finditer(r"(?<=\s)[A-ZА-ЯЁ][\w’'-]{3,}", src)]
    words = re.findall(r"[^\W\d_]{3,}", para_target_text)
    return any(word_similarity(w, n) >= NAME_SIMILARITY for n in names for w in words)


def _neighbour_span(para: Bead, index: int) -> Span | None:
    """The target sentence next to an unaligned source sentence (the one before it, or after)."""
    before = [c for c in para.children[:index] if c.target]
    if before:
        return _target_span(before[-1].target)
    after = [c for c in para.children[index + 1 :] if c.target]
    if after:
        return _target_span(after[0].target)
    return None


@register
class PossibleOmission(Rule):
    """A source sentence or paragraph has no translation, or its translation is much shorter.

    **What it does.** Uses the alignment of the translation with its source. Reports a source
    sentence of six words or more that is aligned with nothing (unless its numbers or names
    occur in the target paragraph, which means it was merged into another sentence), a source
    paragraph aligned with nothing (once, at the target paragraph before the gap), and an
    aligned sentence of 80 characters or more whose translation is less than 45% as long as the
    document's own length ratio predicts. Spans point at the target sentence next to the gap.

    **Why it matters.** Dropped sentences and clauses are the commonest accuracy error of
    machine translation and of hurried editing, and the hardest to see without the original.

    **Example.** A source paragraph of three sentences translated as two, with the sentence
    *Общият бюджет е 9,4 милиона долара.* left out, is reported at the translated sentence
    before the gap.

    **Fix safety.** No fix: the missing text has to be translated.
    """

    code = "TQ505"
    languages = None  # any target language
    name = "possible-omission"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.OMISSION
    needs_source = True
    fires_with_source = (
        ("Експедицията беше финансирана от Българската академия на науките. "
         "Общият бюджет на проекта възлиза на 9,4 милиона долара, осигурени от три държави. "
         "Резултатите ще бъдат публикувани догодина.",
         "The expedition was funded by the Bulgarian Academy of Sciences. "
         "The results will be published next year."),
    )
    quiet_with_source = (
        ("Експедицията беше финансирана от Българската академия на науките. "
         "Резултатите ще бъдат публикувани догодина.",
         "The expedition was funded by the Bulgarian Academy of Sciences. "
         "The results will be published next year."),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        beads = alignment(doc, ctx)
        ratio = _doc_ratio(beads)
        last_target: Span | None = None
        for p_index, para in enumerate(beads):
            if not para.target:
                words = _word_count(para.source_text)
                span = last_target or _next_target(beads, p_index)
                if span is not None and words >= MIN_GAP_WORDS:
                    yield self.finding(
                        doc, span,
                        f"A source paragraph ({words} words) has no translation after this "
                        f"point: “{_quote(para.source_text)}”",
                        **_data(para),
                    )
                continue
            last_target = _target_span(para.target)
            if not para.source:
                continue
            para_text = para.target_text
            for i, child in enumerate(para.children):
                if child.source and not child.target:
                    if _word_count(child.source_text) < MIN_GAP_WORDS:
                        continue
                    if _anchored_elsewhere(child, para_text, doc.target_lang):
                        continue
                    span = _neighbour_span(para, i)
                    if span is None:
                        continue
                    yield self.finding(
                        doc, span,
                        f"A source sentence has no translation near here: “{_quote(child.source_text)}”",
                        **_data(child),
                    )
                elif child.source and child.target:
                    ls = sum(u.length for u in child.source)
                    lt = sum(u.length for u in child.target)
                    if ls >= MIN_LENGTH_CHARS and lt < SHORT_FACTOR * ratio * ls:
                        yield self.finding(
                            doc, _target_span(child.target),
                            f"This translation is much shorter than its source ({lt} vs "
                            f"{ls} characters); part may be missing: “{_quote(child.source_text)}”",
                            **_data(child),
                        )


def _next_target(beads: list[Bead], index: int) -> Span | None:
    for b in beads[index + 1 :]:
        if b.target:
            return _target_span(b.target)
    return None


@register
class PossibleAddition(Rule):
    """A target sentence has no counterpart in the source, or is much longer than its source.

    **What it does.** Uses the alignment of the translation with its source. Reports a target
    sentence of six words or more aligned with no source sentence inside an aligned paragraph,
    and an aligned sentence whose translation (80 characters or more) is over 2.2 times as long
    as the document's own length ratio predicts. Added paragraphs are reported too.

    **Why it matters.** Machine translation sometimes repeats or invents text, and an editor's
    note or a paragraph of another story can slip into the copy. News translators also add
    background for foreign readers on purpose, so this is information, not a warning.

    **Example.** Source *Бюджетът предвижда 3 милиона лева за социални услуги.*, translation
    *The budget sets aside 3 million leva for social services. Gabrovo, a town of about 50,000
    people, lies in central Bulgaria.*: the second sentence is reported.

    **Fix safety.** No fix: a person decides whether the addition stays.
    """

    code = "TQ506"
    languages = None  # any target language
    name = "possible-addition"
    fix_availability = FixAvailability.NONE
    severity = Severity.INFO
    category = Category.ADDITION
    needs_source = True
    fires_with_source = (
        ("Бюджетът предвижда и 3 милиона лева за социални услуги.",
         "The budget also sets aside 3 million leva for social services. "
         "Gabrovo, a town of about 50,000 people, lies in the centre of the country."),
    )
    quiet_with_source = (
        ("Бюджетът предвижда и 3 милиона лева за социални услуги.",
         "The budget also sets aside 3 million leva for social services."),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        beads = alignment(doc, ctx)
        if not any(b.source for b in beads):
            return
        ratio = _doc_ratio(beads)
        for para in beads:
            if not para.source:
                text = para.target_text
                if _word_count(text) >= MIN_GAP_WORDS:
                    yield self.finding(
                        doc, _target_span(para.target),
                        "This paragraph has no counterpart in the source (added?)",
                        **_data(para),
                    )
                continue
            for child in para.children:
                if child.target and not child.source:
                    if _word_count(child.target_text) < MIN_GAP_WORDS:
                        continue
                    yield self.finding(
                        doc, _target_span(child.target),
                        "This sentence has no counterpart in the aligned source paragraph "
                        f"(added?): “{_quote(para.source_text)}”",
                        **_data(para),
                    )
                elif child.source and child.target:
                    ls = sum(u.length for u in child.source)
                    lt = sum(u.length for u in child.target)
                    if lt >= MIN_LENGTH_CHARS and lt > LONG_FACTOR * ratio * max(ls, 1):
                        yield self.finding(
                            doc, _target_span(child.target),
                            f"This translation is much longer than its source ({lt} vs {ls} "
                            f"characters); text may have been added: “{_quote(child.source_text)}”",
                            **_data(child),
                        )


# -- the source itself ---------------------------------------------------------------------------------


@register
class SourceLanguage(Rule):
    """The file given as the source is in the target language, or is the translation itself.

    **What it does.** Identifies the language of the source document (its first few thousand
    characters); when it is the target language (at least 90% sure), or the source text is
    nearly identical to the translation, reports it once, on the first paragraph of the
    translation, so the other source rules are not trusted.

    **Why it matters.** Passing the wrong file to ``--source`` (the English draft again, or
    another translation) makes every source-target check meaningless.

    **Example.** ``tqkit check draft.md --source draft.md`` reports that the source is in
    English.

    **Fix safety.** No fix: give the original article as the source.
    """

    code = "TQ507"
    languages = None  # any target language
    name = "source-language"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.OTHER
    needs_source = True
    fires_with_source = (
        ("The government approved the budget on Monday after a long debate in parliament.",
         "The government approved the budget on Monday after a long debate in parliament."),
    )
    quiet_with_source = (
        ("Правителството одобри бюджета в понеделник след дълъг дебат в парламента.",
         "The government approved the budget on Monday after a long debate in parliament."),
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        src = ctx.source
        if src is None or not doc.segments:
            return
        sample = src.view[:4000].replace(MASK, " ")
        if len(sample.split()) < 5:
            return
        target = doc.target_lang or "en"
        first = doc.segments[0].span
        tgt_sample = doc.view[:4000].replace(MASK, " ")
        if fuzz.ratio(sample, tgt_sample) >= 90:
            yield self.finding(doc, first, "The source file is (nearly) the same text as the translation")
            return
        found = detect(sample)
        if found and found[0][1] >= 0.9 and same_language(found[0][0], target):
            yield self.finding(
                doc, first,
                f"The source file appears to be in {language_name(found[0][0])}, the language of "
                "the translation; source-target checks are unreliable",
                language=found[0][0],
            )


__all__ = [
    "NameMissing",
    "NumberMismatch",
    "PossibleAddition",
    "PossibleOmission",
    "SourceCopied",
    "SourceLanguage",
    "alignment",
    "sentence_units_spans",
]
