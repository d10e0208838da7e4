"""TQ301: known bad renderings (calques, false friends, officialese) from a data file.

The list lives in ``glossaries/calques.yaml``; each entry has English patterns, suggestions,
the source language and word, a note and a reference. Patterns match case-insensitively and
across English inflection (plural, possessive, -ed, -ing) of every word. All patterns are
compiled into one regular expression, so cost grows with text length, not list length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqkit.checks._text import inside_quotes, match_case, shown
from tqkit.document import Document, fold, merge_spans
from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.registry import CheckContext, Rule, register
from tqkit.resources import ResourceError


@dataclass(frozen=True)
class Calque:
    id: str
    patterns: tuple[str, ...]
    suggestions: tuple[str, ...]
    source_lang: str
    source: str
    note: str
    reference: str
    severity: Severity = Severity.WARNING
    context: str = "any"  # "any" | "source"
    source_match: tuple[str, ...] = ()
    kind: str = "calque"  # "calque" | "transliteration"
    safe: bool = False
    path: str = ""
    line: int = 0


def _inflect(word: str) -> str:
    """A regex for an English word and its regular inflections."""
    w = word.lower()
    if not w[-1:].isalpha():
        return re.escape(w)
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        stem = re.escape(w[:-1])
        return rf"{stem}(?:y|ies|ied|ying|y's|y’s)"
    if w.endswith("e"):
        stem = re.escape(w[:-1])
        return rf"{stem}(?:e|es|ed|ing|e's|e’s)"
    return rf"{re.escape(w)}(?:s|es|ed|ing|'s|’s)?"


_APOSTROPHE_RE = re.compile("['’]")


def pattern_regex(pattern: str) -> str:
    words = pattern.split()
    parts = []
    for i, w in enumerate(words):
        # only inflect content words longer than three letters; keep small words exact
        if len(w) > 3 and w.isalpha():
            parts.append(_inflect(w))
        else:
            parts.append(_APOSTROPHE_RE.sub("['’]", re.escape(w.lower())))
        if i < len(words) - 1:
            parts.append(r"[\s\-]+")
    return "".join(parts)


def _key(first_word: str) -> str:
    """The literal prefix every inflected form of a pattern's first word starts with."""
    w = first_word.lower()
    if len(w) > 3 and w.isalpha() and (w.endswith("e") or (w.endswith("y") and w[-2] not in "aeiou")):
        return w[:-1]
    return w.replace("’", "'")


_COMMON = frozenset("the a an of in on at to for by with and or as is be we it this that".split())


def _anchor_word(pattern: str) -> str:
    """The word of a pattern to look for first: the longest that is not a common small word."""
    words = pattern.split()
    rare = [w for w in words if w.lower() not in _COMMON] or words
    return max(reversed(rare), key=len)


class CalqueSet:
    """Every calque entry, matched in one pass: an Aho-Corasick automaton finds where a
    pattern's first word occurs, and only there is the pattern's regular expression tried, so
    cost grows with text length, not with the length of the list."""

    def __init__(self, entries: Sequence[Calque]):
        import ahocorasick

        self.entries = list(entries)
        # key -> (pattern, entry); each pattern is compiled the first time its key is seen in a
        # text (compiling hundreds of regular expressions up front would dominate start-up).
        self.candidates: dict[str, list[tuple[str, Calque]]] = {}
        self._compiled: dict[str, list[tuple[re.Pattern[str], Calque, int]]] = {}
        for entry in self.entries:
            if entry.kind == "transliteration":
                continue
            for pat in entry.patterns:
                # key on the longest word: "frames", not "in", finds "in the frames of"
                self.candidates.setdefault(_key(_anchor_word(pat)), []).append((pat, entry))
        self.automaton: ahocorasick.Automaton | None = None
        if self.candidates:
            automaton = ahocorasick.Automaton()
            for key in self.candidates:
                automaton.add_word(key, key)
            automaton.make_automaton()
            self.automaton = automaton
        self.transliterations: dict[str, Calque] = {}
        for entry in self.entries:
            if entry.kind == "transliteration":
                for pat in entry.patterns:
                    self.transliterations[pat.lower()] = entry

    @classmethod
    def load(cls, paths: Sequence[Path]) -> CalqueSet:
        entries: list[Calque] = []
        for path in paths:
            entries.extend(load_calques(path))
        return cls(entries)

    def finditer(self, text: str, folded: str | None = None) -> Iterator[tuple[re.Match[str], Calque]]:
        """Non-overlapping matches, leftmost and then longest first. ``folded`` is
        ``fold(text)`` when the caller has it (``Document.folded``)."""
        if self.automaton is None:
            return
        lowered = folded if folded is not None else fold(text)
        found: list[tuple[int, int, re.Match[str], Calque]] = []
        n = len(text)
        for end, key in self.automaton.iter(lowered):
            start = end - len(key) + 1
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_"):
                continue
            compiled = self._compiled.get(key)
            if compiled is None:
                compiled = [
                    (re.compile(r"(?<![\w\-])" + pattern_regex(p) + r"(?![\w\-])",
                                0 if (p.isupper() and len(p) > 1) else re.I),  # acronyms keep their case
                     e, 2 * len(p) + 8)
                    for p, e in self.candidates[key]
                ]
                self._compiled[key] = compiled
            for rx, entry, reach in compiled:
                # the key may be any word of the pattern: search a window around it
                for m in rx.finditer(text, max(0, start - reach), min(n, end + 1 + reach)):
                    if m.start() <= start and m.end() > end:
                        found.append((m.start(), -m.end(), m, entry))
        found.sort(key=lambda item: (item[0], item[1]))
        last_end = -1
        for start, _neg_end, m, entry in found:
            if start >= last_end and m.end() > last_end:
                last_end = m.end()
                yield m, entry


REQUIRED = ("id", "patterns", "suggestions", "source_lang", "source", "note", "reference")


def load_calques(path: Path) -> list[Calque]:
    """Read a calque list. The fast C parser (PyYAML's libyaml) reads a valid file; a file with
    a problem is read again with ruamel.yaml's round-trip parser, so the error names its line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return _calques_from(path, yaml.load(text, Loader=loader))
    except Exception:  # any problem: re-read with line numbers for the message
        pass
    return _calques_from(path, _load_rt(path, text))


def _load_rt(path: Path, text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")
    try:
        return yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ResourceError(f"{path}{line}: malformed YAML: {getattr(exc, 'problem', exc)}") from None


def _calques_from(path: Path, data: Any) -> list[Calque]:
    items = data.get("calques") if hasattr(data, "get") else None
    if not isinstance(items, list):
        raise ResourceError(f"{path}: expected a top-level `calques:` list")
    out: list[Calque] = []
    seen: set[str] = set()
    for item in items:
        lineno: int = item.lc.line + 1 if hasattr(item, "lc") else 0
        where = f"{path}:{lineno}"
        if not hasattr(item, "get"):
            raise ResourceError(f"{where}: each calque must be a mapping")
        for key in REQUIRED:
            if item.get(key) in (None, "", []):
                raise ResourceError(f"{where}: calque {item.get('id', '?')!s}: missing `{key}`")
        cid = str(item["id"])
        if cid in seen:
            raise ResourceError(f"{where}: duplicate calque id `{cid}`")
        seen.add(cid)
        patterns = item["patterns"]
        suggestions = item["suggestions"]
        if isinstance(patterns, str):
            patterns = [patterns]
        if isinstance(suggestions, str):
            suggestions = [suggestions]
        try:
            severity = Severity.parse(str(item.get("severity", "warning")))
        except ValueError as exc:
            raise ResourceError(f"{where}: {exc}") from None
        context = str(item.get("context", "any"))
        if context not in ("any", "source"):
            raise ResourceError(f"{where}: `context` must be any or source")
        source_match = item.get("source_match") or []
        if isinstance(source_match, str):
            source_match = [source_match]
        out.append(Calque(
            id=cid, patterns=tuple(str(p) for p in patterns), suggestions=tuple(str(s) for s in suggestions),
            source_lang=str(item["source_lang"]), source=str(item["source"]), note=str(item["note"]).strip(),
            reference=str(item["reference"]), severity=severity, context=context,
            source_match=tuple(str(s).lower() for s in source_match),
            kind=str(item.get("kind", "calque")), safe=bool(item.get("safe", False)),
            path=str(path), line=lineno,
        ))
    return out


@register
class KnownBadRendering(Rule):
    """A known bad rendering from the source language (calque, false friend, officialese).

    **What it does.** Matches the entries of ``glossaries/calques.yaml`` (case-insensitive,
    across plural, possessive, -ed and -ing forms) and suggests the established English. Entries
    that are normal English in other senses (``context: source``) are reported only when the
    ``--source`` text contains the source word; mild ones are info-level hints.

    **Why it matters.** "peaceful residents" (for civilians), "in the frames of" (for within),
    "peacemakers" (for peacekeepers): each is a word-for-word rendering that an English reader
    stumbles on or misreads.

    **Example.** "Shelling killed three peaceful residents" becomes "Shelling killed three
    civilians".

    **Fix safety.** Unsafe by default: the best wording depends on the sentence. Inside
    quotations the fix is always unsafe.
    """

    code = "TQ301"
    name = "known-bad-rendering"
    severity = Severity.WARNING
    category = Category.MISTRANSLATION
    fires = (
        "Shelling killed three peaceful residents of the village.",
        "The talks were held in the frames of the OSCE process.",
        "Russian peacemakers entered the region.",
    )
    quiet = (
        "Shelling killed three civilians in the village.",
        "The talks were held within the OSCE process.",
        "Russian peacekeepers entered the region.",
    )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        calques = ctx.resources.calques
        source = ctx.source.text.lower() if ctx.source is not None else None
        view = doc.view
        # A term-base entry is more specific than a general calque: where TQ401 reports a
        # deprecated glossary term, this rule stays quiet.
        glossary_spans: list[Span] = []
        if "TQ401" in ctx.selected:
            from tqkit.checks.terms import bad_term_spans

            glossary_spans = bad_term_spans(doc, ctx)
        # sorted and merged once, looked up by bisection (a scan per match is quadratic)
        glossary_spans = merge_spans(glossary_spans)
        glossary_ends = [g.end for g in glossary_spans]
        for m, entry in calques.finditer(view, doc.folded):
            if entry.context == "source" and (
                source is None or not any(s in source for s in (entry.source_match or (entry.source.lower(),)))
            ):
                continue
            span = Span(m.start(), m.end())
            k = bisect.bisect_right(glossary_ends, span.start)
            if k < len(glossary_spans) and glossary_spans[k].start < span.end:
                continue
            found = shown(m.group())
            quoted = inside_quotes(view, span.start, span.end)
            fixes = [
                Fix.replace(span, match_case(s, found), f"Replace with “{match_case(s, found)}”",
                            safe=entry.safe and not quoted)
                for s in entry.suggestions
            ]
            src = f" (from {entry.source_lang.upper()} “{entry.source}”)" if entry.source else ""
            yield self.finding(
                doc, span, f"“{found}” is a known bad rendering{src}: {entry.note}", fixes,
                severity=entry.severity, calque=entry.id, reference=entry.reference,
            )
