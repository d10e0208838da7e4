"""Findings, fixes and their vocabulary: what every check produces and every reporter shows."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How serious a finding is. Ordered, so ``--fail-on warning`` means ``>= WARNING``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected info, warning or error)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Category(enum.StrEnum):
    """Error categories from the MQM typology (accuracy, fluency, style, terminology)."""

    UNTRANSLATED = "accuracy/untranslated"
    MISTRANSLATION = "accuracy/mistranslation"
    OMISSION = "accuracy/omission"
    ADDITION = "accuracy/addition"
    GRAMMAR = "fluency/grammar"
    SPELLING = "fluency/spelling"
    PUNCTUATION = "fluency/punctuation"
    INCONSISTENCY = "fluency/inconsistency"
    AWKWARD = "style/awkward"
    TERM_INAPPROPRIATE = "terminology/inappropriate-for-context"
    TERM_INCONSISTENT = "terminology/inconsistent-use"
    OTHER = "other"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of code-point offsets into ``Document.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one code point, or are the same empty point."""
        if self.start == self.end or other.start == other.end:
            return self.start == other.start or (self.start < other.end and other.start < self.end)
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``span`` of the text with ``replacement`` (an empty span inserts)."""

    span: Span
    replacement: str

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


@dataclass(frozen=True, slots=True)
class Fix:
    """One suggested change. ``title`` says what the fix does; ``safe`` fixes may be applied
    without a human looking (``--fix``); unsafe ones need ``--unsafe-fixes`` or the review UI."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool = False

    @classmethod
    def replace(cls, span: Span, replacement: str, title: str | None = None, *, safe: bool = False) -> Fix:
        return cls(title or f"Replace with “{replacement}”", (Edit(span, replacement),), safe)

    @property
    def span(self) -> Span:
        """The smallest span covering every edit."""
        return Span(min(e.start for e in self.edits), max(e.end for e in self.edits))


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a document."""

    rule: str
    name: str
    span: Span
    severity: Severity
    category: Category
    message: str
    fixes: tuple[Fix, ...] = ()
    path: str = "-"
    # Extra facts a reporter or the UI may show (source sentence, glossary concept id...).
    data: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def preferred_fix(self) -> Fix | None:
        return self.fixes[0] if self.fixes else None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start, self.span.end, self.rule)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits to ``text`` (raises ``ValueError`` when two overlap)."""
    ordered: Sequence[Edit] = sorted(edits, key=lambda e: (e.start, e.end))
    out: list[str] = []
    pos = 0
    for edit in ordered:
        if edit.start < pos:
            raise ValueError(f"overlapping edits at offset {edit.start}")
        if edit.end > len(text):
            raise ValueError(f"edit [{edit.start}, {edit.end}) beyond end of text ({len(text)})")
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)
