"""Passages left in the source language (or another language) inside the translation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.document import MASK, Document
from tqkit.findings import Category, Finding, Severity
from tqkit.langs import detect, foreign_script_share, language_name, native_scripts, same_language
from tqkit.language_id import detect_language
from tqkit.registry import CheckContext, FixAvailability, Rule, register

# A paragraph needs at least this many words before its language is worth guessing.
MIN_WORDS = 4
# Cheap gates: langdetect runs only when one of them says the paragraph may be foreign.
FOREIGN_SCRIPT_SHARE = 0.30
UNKNOWN_WORD_SHARE = 0.50
# langdetect must be at least this sure before we report.
MIN_PROBABILITY = 0.80


_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_EN_FUNCTION = (" the ", " of ", " and ", " to ", " a ", " in ")


def _looks_english(chunk: str) -> bool:
    """Most English paragraphs show it at once: about one word in six or more is "the", "of",
    "and", "to", "a" or "in" (plain substring counts, far cheaper than tokenising). Paragraphs
    that fail this go on to the word-list test."""
    padded = " " + chunk.lower().replace(",", " ") + " "
    hits = sum(padded.count(w) for w in _EN_FUNCTION)
    return hits >= 0.08 * (chunk.count(" ") + 1)


# A whole file is judged from a sample of its paragraphs (this many characters at most).
FILE_SAMPLE_CHARS = 4000
FILE_MIN_WORDS = 30
FILE_MIN_PROBABILITY = 0.95


def file_language_mismatch(doc: Document) -> tuple[str, float] | None:
    """``(language, probability)`` when the file as a whole is written in another language
    than its target language (a Russian catalogue checked as Bulgarian); None otherwise.

    Judged once per file on a sample of paragraphs spread over it, so a wrong ``--target-lang``
    or ``target-language`` gives one finding, not one per paragraph."""
    target = doc.target_lang or "en"
    segments = doc.segments
    if not segments:
        return None
    view = doc.view
    step = max(1, len(segments) // 40)
    parts: list[str] = []
    size = 0
    for seg in segments[::step]:
        chunk = view[seg.span.start : min(seg.span.end, seg.span.start + 400)].replace(MASK, " ")
        parts.append(chunk)
        size += len(chunk)
        if size >= FILE_SAMPLE_CHARS:
            break
    sample = "\n".join(parts)
    if len(_WORD_RE.findall(sample)) < FILE_MIN_WORDS and _cjk_chars(sample) < 2 * FILE_MIN_WORDS:
        return None
    if same_language(target, "en") and sample.isascii() and _looks_english(sample):
        return None
    if same_language(target, "en") and detect_language(sample) == "en":
        # English function words fit (cheap, and curly quotes do not defeat it); closely
        # related languages (Russian and Bulgarian) need langdetect
        return None
    found = detect(sample)
    if not found:
        return None
    lang, prob = found[0]
    if prob < FILE_MIN_PROBABILITY or same_language(lang, target):
        return None
    return lang, prob


_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _cjk_chars(chunk: str) -> int:
    """Chinese, Japanese and Korean text has few spaces: its characters count as words."""
    return len(_CJK_RE.findall(chunk)) if not chunk.isascii() else 0


@register
class WrongLanguagePassage(Rule):
    """A paragraph mostly written in another language than the document's.

    **What it does.** Looks at every paragraph of at least four words. When a cheap test says
    the paragraph may be foreign, either because more than 30% of its letters are in a script
    the target language is not written in (Cyrillic or Armenian in English copy) or, for English
    targets, because more than half of its words are not in the English word list, it asks
    langdetect (seeded, so the answer is the same on every run) which language the paragraph is
    in, and reports it when langdetect is at least 80% sure it is not the target language.
    Paragraphs in Armenian or Georgian script are identified by their script.

    **Why it matters.** Machine-translation pipelines pass through text they failed to
    translate, and editors paste source paragraphs next to their translation to work on them
    and forget one. A paragraph of Bulgarian in an English news story is a publishing error
    that a reader sees at once.

    **Example.** In an English article, the paragraph *Правителството одобри новия бюджет за
    следващата година.* is reported: "This paragraph appears to be in Bulgarian (99%), not
    English." An English paragraph quoting a few foreign names is not.

    **Fix safety.** No fix: the paragraph has to be translated (or deleted) by a person.
    """

    code = "TQ103"
    languages = None  # any target language
    name = "wrong-language-passage"
    fix_availability = FixAvailability.NONE
    severity = Severity.WARNING
    category = Category.UNTRANSLATED
    fires = (
        "The government met on Monday to discuss the budget.\n\n"
        "Правителството на България одобри днес проектобюджета за следващата година, "
        "съобщиха от пресцентъра на Министерския съвет.\n",
        "The talks ended without an agreement.\n\n"
        "Türkiye Cumhurbaşkanı bugün Ankara'da düzenlenen toplantıda yeni ekonomi programını "
        "açıkladı ve enflasyonla mücadelenin süreceğini söyledi.\n",
        "Azərbaycan Respublikasının Prezidenti bu gün Bakıda xarici işlər nazirləri ilə görüşüb "
        "və regional təhlükəsizlik məsələlərini müzakirə edib.\n",
    )
    quiet = (
        "Prime Minister Nikol Pashinyan met Ilham Aliyev and Recep Tayyip Erdogan in Brussels "
        "on Tuesday, officials in Yerevan and Baku said.\n",
        "Sofia (София)\n\nBaku\n\nYerevan, Armenia\n",
        "The newspaper Dnevnik and the broadcaster bTV reported the news from Plovdiv, "
        "Stara Zagora and Veliko Tarnovo on Friday evening.\n",
    )

    def file_finding(self, doc: Document) -> Finding | None:
        """One finding for a file that is as a whole in another language than its target
        (checked before any rule runs: the runner then skips the per-paragraph rules)."""
        found = file_language_mismatch(doc)
        if found is None:
            return None
        lang, prob = found
        target = doc.target_lang or "en"
        first = doc.segments[0]
        return self.finding(
            doc,
            first.span,
            f"This file appears to be in {language_name(lang)} ({prob:.0%}), not "
            f"{language_name(target)}: check its target language (--target-lang, or the "
            "file's own language setting); other checks were skipped.",
            language=lang,
            language_name=language_name(lang),
            probability=round(prob, 4),
            scope="file",
        )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        target = doc.target_lang or "en"
        english = same_language(target, "en")
        view = doc.view
        for segment in doc.segments:
            chunk = view[segment.span.start : segment.span.end]
            if chunk.count(" ") + 1 < MIN_WORDS and _cjk_chars(chunk) < 2 * MIN_WORDS:
                continue
            if english and chunk.isascii() and _looks_english(chunk):
                continue
            words = _WORD_RE.findall(chunk)
            if len(words) < MIN_WORDS and _cjk_chars(chunk) < 2 * MIN_WORDS:
                continue
            if not self._worth_detecting(chunk, words, target, english, ctx):
                continue
            text = view[segment.span.start : segment.span.end].replace(MASK, " ")
            found = detect(text)
            if not found:
                continue
            lang, prob = found[0]
            if prob < MIN_PROBABILITY or same_language(lang, target):
                continue
            name = language_name(lang)
            yield self.finding(
                doc,
                segment.span,
                f"This paragraph appears to be in {name} ({prob:.0%}), not {language_name(target)}.",
                language=lang,
                language_name=name,
                probability=round(prob, 4),
                segment=segment.id,
            )

    @staticmethod
    def _worth_detecting(chunk: str, words: list[str], target: str, english: bool, ctx: CheckContext) -> bool:
        latin_target = "Latin" in native_scripts(target)
        if (not chunk.isascii() or not latin_target) and foreign_script_share(chunk, target) > FOREIGN_SCRIPT_SHARE:
            return True
        if not english:
            return False
        # (the distinct words looked up once, then counted in C: a Python test per word was
        # most of this rule's time)
        lowered = list(map(str.lower, words))
        unknown_words = set(lowered) - ctx.resources.english_words
        unknown = sum(map(unknown_words.__contains__, lowered))
        if unknown <= UNKNOWN_WORD_SHARE * len(words):
            return False
        # slower, exact test (hyphens, possessives) only for the few doubtful paragraphs
        unknown = sum(1 for w in words if not ctx.resources.is_known_word(w))
        return unknown > UNKNOWN_WORD_SHARE * len(words)
