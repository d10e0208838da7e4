"""TQ101: words in a script foreign to the target language, and Latin look-alike letters inside
Cyrillic words (homoglyphs)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, FixAvailability, Rule, register
from tqkit.text.scripts import script_label

# Letters outside the Latin script (Latin-1, Latin Extended A/B and Additional are Latin).
_FOREIGN_LETTER = r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u02B0-\u02FF\u0300-\u036F\u00AA\u00BA]"
# Combining marks inside words of other scripts (Indic vowel signs and viramas, Hebrew points,
# Arabic harakat, Thai and Khmer signs, joiners): not letters to Python, but part of the word, so
# "বাংলা" is one word, not four.
_MARKS = (
    r"\u0300-\u036F\u0483-\u0489\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED"
    r"\u0900-\u0963\u0966-\u0DFF\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECD\u0F18-\u0FBC"
    r"\u102B-\u103E\u1056-\u1059\u17B4-\u17D3\u200C\u200D\u3099\u309A"
)
# Letters outside the Latin script (Latin-1, Latin Extended A/B and Additional are Latin), with
# their marks; words joined by an apostrophe or hyphen stay one run. No nested ambiguity: a run
# is read greedily and never backtracks.
_FOREIGN_RUN_RE = re.compile(
    rf"{_FOREIGN_LETTER}(?:{_FOREIGN_LETTER}|[{_MARKS}])*"
    rf"(?:['’-]{_FOREIGN_LETTER}(?:{_FOREIGN_LETTER}|[{_MARKS}])*)*"
)
# Latin homoglyphs in Cyrillic and Greek (a Cyrillic "а" inside "Аrmenia").
HOMOGLYPHS = {
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "і": "i",
    "ј": "j",
    "ѕ": "s",
    "Ѕ": "S",
    "І": "I",
    "Ј": "J",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    "ο": "o",
}


@register
class ForeignScript(Rule):
    """A word in a script foreign to the target language (Cyrillic, Armenian, Greek... in English),
    including Latin words with a look-alike letter.

    **What it does.** Reports runs of letters outside the Latin script in English copy, naming
    the script. A Latin word with a look-alike Cyrillic or Greek letter inside ("Аrmenia" with
    a Cyrillic "А") is reported too, with a fix that restores the Latin letter. A single Greek
    letter (a scientific symbol such as "β") is allowed.

    **Why it matters.** Machine translation leaves words it could not translate in the source
    script; copy-paste brings look-alike letters that break search and spell-checking.

    **Example.** "The батковци will not allow it": translate the word ("big shots").

    **Fix safety.** Restoring a Latin look-alike letter is safe. An untranslated word has a
    fix only when the glossary knows it, and that fix is unsafe.
    """

    code = "TQ101"
    languages = None  # any target language
    name = "foreign-script"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.UNTRANSLATED
    fires = (
        "None of the big батковци will allow it.",
        "Talks in Аrmenia resumed.",
        "The word Ղարաբաղ appeared in the headline.",
    )
    quiet = ("The β-blocker trial ended.", "Talks in Armenia resumed.", "Café owners in Zürich met.")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if doc.target_lang not in ("en", "und", "fr", "de", "es", "it", "pt", "nl", "tr", "az"):
            return
        view = doc.view
        words: list[tuple[int, int, str]] = []  # (start, end, script) of foreign-script words
        for m in _FOREIGN_RUN_RE.finditer(view):
            if words and m.start() < words[-1][1]:
                continue  # inside the word just taken
            run = m.group()
            span = Span(m.start(), m.end())
            # extend to the whole token (a Latin word with a homoglyph inside)
            s, e = span.start, span.end
            while s > 0 and (view[s - 1].isalpha() or view[s - 1] in "'’"):
                s -= 1
            while e < len(view) and (view[e].isalpha() or view[e] in "'’"):
                e += 1
            word = view[s:e]
            latin = sum(1 for ch in word if ch.isascii() and ch.isalpha())
            if latin and all(ch in HOMOGLYPHS for ch in run):
                fixed = "".join(HOMOGLYPHS.get(ch, ch) for ch in word)
                fix = Fix(f"Replace the look-alike letters: “{fixed}”", (Edit(Span(s, e), fixed),), safe=True)
                yield self.finding(
                    doc,
                    Span(s, e),
                    f"“{word}” mixes Latin letters with look-alike {script_label(run[0])} ones; "
                    "search and spell-checking will miss it.",
                    [fix],
                    category=Category.SPELLING,
                )
                continue
            script = script_label(run[0])
            if script == "Greek" and len(run) == 1:
                continue
            if not any(ch.isalpha() for ch in run):
                continue
            words.append((s, e, script))
        # words of one script separated only by spaces are one phrase left untranslated
        # ("комендантский час"): one finding, and the glossary is asked for the phrase
        i = 0
        while i < len(words):
            s, e, script = words[i]
            j = i + 1
            while (
                j < len(words)
                and words[j][2] == script
                and words[j][0] > e
                and view[e : words[j][0]].strip(" \t") == ""
            ):
                e = words[j][1]
                j += 1
            i = j
            word = view[s:e]
            fixes = _glossary_fixes(ctx, word, Span(s, e))
            what = "a phrase" if " " in word else "a word"
            yield self.finding(
                doc,
                Span(s, e),
                f"“{word}” is in {script} script: {what} left untranslated in the English text.",
                fixes,
                script=script,
            )


def _glossary_fixes(ctx: CheckContext, word: str, span: Span) -> list[Fix]:
    glossary = ctx.resources.glossary
    if glossary is None:
        return []
    try:
        suggestions = glossary.english_for(word)
    except Exception:  # a glossary problem must not stop the check
        return []
    return [Fix.replace(span, s, f"Translate as “{s}” (glossary)") for s in suggestions[:5]]
