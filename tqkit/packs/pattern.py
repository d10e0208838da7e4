"""Token patterns of rule packs: parsing a pattern string into token conditions, and the
linear-safety test for regular-expression tokens.

A pattern is a space-separated list of token conditions (see ``glossaries/packs/FORMAT.md``)::

    word   word~   (a|an|the)   *   *{0,2}   /regex/   =/regex/   <NUM> <CAP> <PUNCT>   =Word

Conditions are plain tuples so that a compiled pack set caches as plain data and matches fast:

- ``(LIT, forms, exact, tilde, index, tags)`` -- the folded token is one of ``forms``; ``exact``
  is the case-sensitive text (``=Word``) or ``None``; ``tilde`` marks an inflected word
  (possessive ``'s`` allowed); ``index`` is the position of this token among the pattern's ``~``
  tokens (for suggestion templates) or -1; ``tags`` maps each form to its Penn tag ("" for the
  word as written); ``others`` are class or regex conditions among the alternatives;
- ``(GAP, lo, hi)`` -- ``lo`` to ``hi`` tokens of any kind (never across a sentence end);
  ``(GAP, 0, 1, cond)`` -- an optional token (``tok?``): none, or one satisfying ``cond``;
- ``(RX, compiled, case_sensitive)`` -- the token's text fully matches;
- ``(CLS, name)`` -- ``NUM``, ``CAP`` or ``PUNCT``;
- ``(ANC, where, cond)`` -- ``cond`` on a token that opens a line (``^tok``: where ``"p"``) or a
  sentence (``^^tok``: where ``"s"``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tqkit.errors import PatternError

LIT, GAP, RX, CLS, ANC = 0, 1, 2, 3, 4
MAX_GAP = 4
CLASSES = ("NUM", "CAP", "PUNCT")

Cond = tuple[Any, ...]

_GAP_RE = re.compile(r"\*(?:\{(\d+),(\d+)\})?")


@dataclass(frozen=True)
class Parsed:
    """A pattern as written: its conditions, and the literal words of each ``LIT`` (for
    choosing the anchor and showing the pattern)."""

    text: str
    conds: tuple[Cond, ...]


def _fold_word(word: str) -> str:
    from tqkit.text.fold import fold

    return fold(word)


def parse_pattern(text: str, inflect: Callable[[str], dict[str, str]] | None = None) -> Parsed:
    """Parse a pattern. ``inflect(word)`` returns ``{form: tag}`` for every inflected form of a
    ``word~`` token (lemminflect; see :mod:`tqkit.packs.inflect`)."""
    if not isinstance(text, str) or not text.strip():
        raise PatternError("empty pattern")
    parts = text.split()
    conds: list[Cond] = []
    tilde_index = 0
    for part in parts:
        cond = _parse_token(part, inflect, tilde_index)
        if cond[0] == LIT and cond[3]:
            tilde_index += 1
        conds.append(cond)
    if not any(c[0] == LIT and c[1] and not c[6] and all(f[:1].isalpha() for f in c[1]) for c in conds):
        raise PatternError(
            f"pattern {text!r} has no literal word to look for (add a word, `word~` or `(a|b)` of words)"
        )
    if all(c[0] == GAP for c in conds):
        raise PatternError(f"pattern {text!r} is only gaps")
    return Parsed(text, tuple(conds))


def _parse_token(part: str, inflect: Callable[[str], dict[str, str]] | None, tilde_index: int) -> Cond:
    if part.startswith("^") and len(part) > 1:
        return _parse_anchored(part, inflect, tilde_index)
    if part.endswith("?") and len(part) > 1 and not part.startswith("/"):
        return _parse_optional(part, inflect, tilde_index)
    if part.startswith("*"):
        return _parse_gap(part)
    if part.startswith("<") and part.endswith(">"):
        return _parse_class(part)
    case = False
    body = part
    if body.startswith("=") and len(body) > 1:
        case, body = True, body[1:]
    if body.startswith("/"):
        return _parse_regex(part, body, case)
    if body.startswith("("):
        return _parse_alternatives(part, body, case, inflect, tilde_index)
    word, tilde = _word(body, part)
    if case and tilde:
        raise PatternError(f"{part!r}: `=` (case-sensitive) and `~` (inflection) do not combine")
    forms = _forms(word, tilde, inflect)
    exact = word.replace("’", "'") if case else None
    return (LIT, frozenset(forms), exact, tilde, tilde_index if tilde else -1, forms, ())


def _parse_gap(part: str) -> Cond:
    """``*`` or ``*{lo,hi}``."""
    m = _GAP_RE.fullmatch(part)
    if not m:
        raise PatternError(f"bad gap {part!r}: write `*` or `*{{0,2}}`")
    lo, hi = (int(m.group(1)), int(m.group(2))) if m.group(1) is not None else (1, 1)
    if lo > hi or hi > MAX_GAP or hi == 0:
        raise PatternError(f"bad gap {part!r}: between 0 and {MAX_GAP} tokens, low <= high, high >= 1")
    return (GAP, lo, hi)


def _parse_anchored(part: str, inflect: Callable[[str], dict[str, str]] | None, tilde_index: int) -> Cond:
    """``^tok`` (the token opens a line: a paragraph of plain text) or ``^^tok`` (it opens a
    sentence: a line, or after ``.`` ``!`` ``?`` ``…`` and closing quotes)."""
    where = "s" if part.startswith("^^") else "p"
    body = part[2:] if where == "s" else part[1:]
    if not body or body.startswith(("^", "*")) or body.endswith("?"):
        raise PatternError(f"bad anchored token {part!r}: write ^word, ^(a|b), ^<CAP> or ^^word")
    inner = _parse_token(body, inflect, tilde_index)
    if inner[0] == LIT and inner[3]:
        raise PatternError(f"{part!r}: a `^` token cannot carry `~` (list the forms as alternatives)")
    return (ANC, where, inner)


def _parse_optional(part: str, inflect: Callable[[str], dict[str, str]] | None, tilde_index: int) -> Cond:
    """``tok?``: an optional token, a gap of at most one token that satisfies ``tok``."""
    body = part[:-1]
    if body.startswith(("*", "^")) or body.endswith("?"):
        raise PatternError(f"bad optional token {part!r}: write word?, (a|b)?, <CAP>? or /re/?")
    inner = _parse_token(body, inflect, tilde_index)
    if inner[0] == LIT and inner[3]:
        raise PatternError(f"{part!r}: an optional token cannot carry `~` (list the forms as alternatives)")
    return (GAP, 0, 1, inner)


_LINE_SPACE = frozenset(" \t\u00a0\x00\r")
_CLOSERS = frozenset("\"'”’»)")
_ENDS = frozenset(".!?…")


def opens(text: str, pos: int, where: str) -> bool:
    """The token at ``pos`` opens a line (``where`` "p") or a sentence ("s"): only spaces before
    it back to a line break or the start of the text; for a sentence also a sentence-ending mark
    (closing quotes allowed after it). Looks back at most 64 characters."""
    i, lo = pos, max(0, pos - 64)
    while i > lo and text[i - 1] in _LINE_SPACE:
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    if where != "s" or i == pos:
        return False
    while i > lo and text[i - 1] in _CLOSERS:
        i -= 1
    return i > 0 and text[i - 1] in _ENDS


def _parse_class(part: str) -> Cond:
    """``<NUM>``, ``<CAP>``, ``<PUNCT>``."""
    name = part[1:-1]
    if name not in CLASSES:
        raise PatternError(f"unknown condition {part!r} (known: <NUM>, <CAP>, <PUNCT>)")
    return (CLS, name)


def _parse_regex(part: str, body: str, case: bool) -> Cond:
    """``/regex/`` (``body`` is ``part`` without a leading ``=``)."""
    if len(body) < 3 or not body.endswith("/"):
        raise PatternError(f"bad regex token {part!r}: write /regex/ (no spaces)")
    rx = body[1:-1]
    check_regex(rx)
    return (RX, re.compile(rx, 0 if case else re.I), case)


def _parse_alternatives(
    part: str, body: str, case: bool, inflect: Callable[[str], dict[str, str]] | None, tilde_index: int
) -> Cond:
    """``(a|b~|<NUM>|/re/)``: one literal condition with the words' forms, plus the others."""
    if not body.endswith(")") or len(body) < 3:
        raise PatternError(f"bad alternatives {part!r}: write (a|b|c~)")
    if case:
        raise PatternError(f"{part!r}: `=` applies to one word, not to alternatives")
    forms: dict[str, str] = {}
    others: list[Cond] = []
    tilde = False
    for alt in _alternatives(body[1:-1], part):
        if alt.startswith("<") or (alt.startswith("/") and len(alt) > 2 and alt.endswith("/")):
            others.append(_parse_token(alt, inflect, tilde_index))
            continue
        try:
            word, t = _word(alt, alt)
        except PatternError as exc:
            raise PatternError(f"in {part!r}: {exc}") from None
        tilde |= t
        forms.update(_forms(word, t, inflect))
    if tilde and others:
        raise PatternError(f"{part!r}: `~` words and classes or regexes do not mix in one alternative list")
    return (LIT, frozenset(forms), None, tilde, tilde_index if tilde else -1, forms, tuple(others))


_ALT_RE = re.compile(r"(/(?:[^/\\]|\\.)*/|[^|]*)(\||$)")


def _alternatives(inner: str, part: str) -> list[str]:
    """The alternatives of ``(a|b|/re|gex/|<NUM>)``: split on ``|`` outside ``/regex/``."""
    out: list[str] = []
    pos = 0
    while pos <= len(inner):
        m = _ALT_RE.match(inner, pos)
        if m is None or (not m.group(2) and m.end() < len(inner)):
            raise PatternError(f"bad alternatives {part!r}: write (a|b|c~)")
        if not m.group(1):
            raise PatternError(f"empty alternative in {part!r}")
        out.append(m.group(1))
        if not m.group(2):
            break
        pos = m.end()
    return out


def _word(text: str, part: str) -> tuple[str, bool]:
    from tqkit.document import TOKEN_RE

    tilde = text.endswith("~")
    word = text[:-1] if tilde else text
    m = TOKEN_RE.fullmatch(word) if word else None
    if m is not None and m.lastgroup == "other" and word in "*(/<=~":
        m = None
    if m is not None and tilde and m.lastgroup != "word":
        raise PatternError(f"{part!r}: only a word can carry `~`")
    if m is None:
        if any(ch in word for ch in "[]{}?+^$\\|"):
            raise PatternError(f"unknown condition {part!r} (a regex token is written /regex/)")
        if word in ("'s", "’s"):
            raise PatternError(
                f"{part!r}: a possessive 's is part of the word before it "
                '("ministry\'s" is one token; `ministry~` matches it)'
            )
        if TOKEN_RE.match(word) and len(word) > 1:
            raise PatternError(f"{part!r} is not one token (the text splits it): write its parts separated by spaces")
        raise PatternError(f"unknown condition {part!r}")
    return word, tilde


def _forms(word: str, tilde: bool, inflect: Callable[[str], dict[str, str]] | None) -> dict[str, str]:
    """``{folded form: tag}``; the word itself is tagged ``""``."""
    folded = _fold_word(word)
    out: dict[str, str] = {}
    if tilde:
        if inflect is None:
            raise PatternError(f"`{word}~` needs the inflection lexicon (pip install lemminflect)")
        for form, tag in inflect(word).items():
            out.setdefault(_fold_word(form), tag)
    out.setdefault(folded, "")
    return out


# -- regex safety -----------------------------------------------------------------------------


def check_regex(rx: str) -> None:
    """Reject what could backtrack catastrophically: back-references, and a quantifier applied to
    anything but a single character (nested quantifiers, quantified groups or alternations).
    Tokens longer than 64 characters are never tested against a regex, so what remains is
    bounded."""
    try:
        import re._parser as sre_parse
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_parse
    try:
        tree = sre_parse.parse(rx)
    except re.error as exc:
        raise PatternError(f"bad regex /{rx}/: {exc}") from None
    _walk(tree, rx, sre_parse)


def _walk(tree: Any, rx: str, sp: Any) -> None:
    c = sp
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT} | ({c.POSSESSIVE_REPEAT} if hasattr(c, "POSSESSIVE_REPEAT") else set())
    single = {c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY, c.CATEGORY}
    for op, av in tree:
        if op in (c.GROUPREF, getattr(c, "GROUPREF_EXISTS", None)):
            raise PatternError(f"regex /{rx}/ uses a back-reference, which can backtrack catastrophically")
        if op in repeats:
            _lo, hi, sub = av
            items = list(sub)
            if hi != 0 and not (len(items) == 1 and items[0][0] in single):
                raise PatternError(
                    f"regex /{rx}/ quantifies a group ({_show(items)}): nested or "
                    "grouped quantifiers can backtrack catastrophically; quantify "
                    "single characters or classes only"
                )
            continue
        if op == c.SUBPATTERN:
            _walk(av[-1], rx, sp)
        elif op == c.BRANCH:
            for branch in av[1]:
                _walk(branch, rx, sp)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            _walk(av[1], rx, sp)


def _show(items: list[Any]) -> str:
    return "group" if len(items) != 1 else str(items[0][0]).lower()


def show_condition(cond: Cond) -> str:
    """A short human description of a condition (for `tqkit rule ENTRY-ID`)."""
    kind = cond[0]
    if kind == LIT:
        forms = sorted(cond[1])
        shown = ", ".join(forms[:8]) + (", ..." if len(forms) > 8 else "")
        return f"{'exactly ' + repr(cond[2]) if cond[2] else 'one of: ' + shown}"
    if kind == GAP:
        return f"optionally {show_condition(cond[3])}" if len(cond) > 3 else f"{cond[1]} to {cond[2]} tokens"
    if kind == RX:
        return f"/{cond[1].pattern}/"
    if kind == ANC:
        return ("opening a line: " if cond[1] == "p" else "opening a sentence: ") + show_condition(cond[2])
    return f"<{cond[1]}>"
