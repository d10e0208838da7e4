"""Compiling pack entries for :mod:`tqkit.packs.engine`: each pattern and antipattern parsed
into token conditions (:mod:`tqkit.packs.pattern`), the suggestion templates with their
inflection tables, and the anchor of each pattern (the literal token the matcher looks for).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tqkit.errors import PatternError
from tqkit.packs.model import Entry
from tqkit.packs.pattern import GAP, LIT, Cond, parse_pattern

# words never chosen as a pattern's anchor when the pattern has another literal
_COMMON = frozenset(
    "the a an of in on at to for by with and or as is are was were be been it its this that "
    "these those from not no has have had do does did will would can could should may he she "
    "they we you i his her their our".split()
)
_TEMPLATE_RE = re.compile(r"\$(\d+)|([^\W\d_][\w'’\-]*)~")


# -- compiling --------------------------------------------------------------------------------


def compile_entry(entry: Entry) -> Entry:
    """Parse the entry's patterns, antipatterns and suggestion templates (raises PatternError)."""
    from tqkit.packs.inflect import inflections

    def infl(word: str) -> dict[str, str]:
        return {form: ",".join(tags) for form, tags in inflections(word).items()}

    english = entry.target_lang == "en"
    if not english and any("~" in p for p in (*entry.patterns, *entry.unless, *entry.suggest)):
        raise PatternError(
            f"`word~` inflects English words only (this pack checks "
            f"{entry.target_lang} text): list the forms as (a|b|c)"
        )

    def each(field: str, items: Sequence[str], make: Callable[[str], Any]) -> list[Any]:
        out = []
        for i, item in enumerate(items):
            try:
                out.append(make(item))
            except PatternError as exc:
                exc.where = (field, i)
                raise
        return out

    parsed = each("patterns", entry.patterns, lambda p: parse_pattern(p, infl))
    unless = each("unless", entry.unless, lambda p: parse_pattern(p, infl))
    entry.compiled = tuple(p.conds for p in parsed)
    entry.compiled_unless = tuple(p.conds for p in unless)
    entry.templates = tuple(each("suggest", entry.suggest, lambda s: _template(s, entry.compiled)))
    entry.extra["anchors"] = tuple(anchor(conds) for conds in entry.compiled)
    # the form -> tag tables served the templates; drop them so a cached set stays small
    entry.compiled = tuple(tuple((*c[:5], None, c[6]) if c[0] == LIT else c for c in conds) for conds in entry.compiled)
    entry.compiled_unless = tuple(
        tuple((*c[:5], None, c[6]) if c[0] == LIT else c for c in conds) for conds in entry.compiled_unless
    )
    return entry


def _template(text: str, patterns: Sequence[tuple[Cond, ...]]) -> tuple[tuple[Any, ...], ...]:
    """Pieces of a suggestion: ``("t", text)``, ``("$", n)`` or ``("~", k, {form: word}, word)``."""
    from tqkit.packs.inflect import inflect_as

    pieces: list[tuple[Any, ...]] = []
    pos = 0
    k = 0
    shortest = min(len(p) for p in patterns)
    for m in _TEMPLATE_RE.finditer(text):
        if m.start() > pos:
            pieces.append(("t", text[pos : m.start()]))
        pos = m.end()
        if m.group(1) is not None:
            n = int(m.group(1))
            if not 1 <= n <= shortest:
                raise PatternError(f"suggestion {text!r}: ${n} but the pattern has {shortest} tokens")
            pieces.append(("$", n))
            continue
        word = m.group(2)
        table: dict[str, str] = {}
        having = 0
        for conds in patterns:
            tilde = [c for c in conds if c[0] == LIT and c[3]]
            if k >= len(tilde):
                continue  # this pattern gives no form: the word is used as written
            having += 1
            for form, tags in tilde[k][5].items():
                table.setdefault(form, inflect_as(word, tuple(t for t in tags.split(",") if t)))
        if not having:
            raise PatternError(
                f"suggestion {text!r}: `{word}~` has no matching `~` token in the pattern to take its inflection from"
            )
        pieces.append(("~", k, table, word))
        k += 1
    if pos < len(text):
        pieces.append(("t", text[pos:]))
    return tuple(pieces)


def width(conds: Iterable[Cond]) -> int:
    """Tokens the conditions take at most (a gap its upper bound)."""
    return sum(c[2] if c[0] == GAP else 1 for c in conds)


def anchor(conds: tuple[Cond, ...]) -> int:
    """The literal token to look for: not a common word if possible, then the longest."""
    best, best_score = -1, (-1, -1)
    for i, c in enumerate(conds):
        if c[0] != LIT or c[6] or not c[1] or not all(f[:1].isalpha() for f in c[1]):
            continue
        common = any(f in _COMMON for f in c[1])
        score = (0 if common else 1, min(len(f) for f in c[1]))
        if score > best_score:
            best, best_score = i, score
    return best
