"""Reading and aligning the files ``tqkit score`` compares.

A hypothesis and its references are aligned segment by segment. Plain line-aligned files (one
segment per line, as sacrebleu expects) are the common case; articles, Markdown or plain text,
can instead be aligned paragraph by paragraph (blank-line separated). ``auto`` picks lines when
every file has the same number of lines, else paragraphs when every file has the same number of
paragraphs, and otherwise fails with a message naming the files and their counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tqkit.document import paragraph_spans
from tqkit.errors import ScoreInputError

ALIGN_MODES = ("auto", "lines", "paragraphs")


@dataclass(frozen=True, slots=True)
class Segments:
    """The segments of one file under one alignment, with the 1-based line each starts on."""

    path: str
    items: tuple[str, ...]
    lines: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Aligned:
    """Hypotheses, references (one stream per reference file) and how they were aligned."""

    mode: str  # "lines" | "paragraphs"
    systems: tuple[Segments, ...]  # the hypothesis first, then any system compared with it
    references: tuple[Segments, ...]

    @property
    def hypotheses(self) -> list[str]:
        return list(self.systems[0].items)

    @property
    def reference_streams(self) -> list[list[str]]:
        """References as sacrebleu wants them: one list of segments per reference file."""
        return [list(r.items) for r in self.references]

    def __len__(self) -> int:
        return len(self.systems[0].items)


def read_text(path: str | Path) -> str:
    """A file's text decoded as UTF-8 (a byte-order mark is dropped)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ScoreInputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScoreInputError(
            f"{path}: not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})"
        ) from None


def split_lines(text: str) -> tuple[list[str], list[int]]:
    """Lines exactly as sacrebleu's command line reads them: split at ``\\n`` only, trailing
    whitespace stripped; a final line break does not start another line."""
    if not text:
        return [], []
    parts = text.split("\n")
    if text.endswith("\n"):
        parts.pop()
    return [p.rstrip() for p in parts], list(range(1, len(parts) + 1))


def split_paragraphs(text: str) -> tuple[list[str], list[int]]:
    """Blank-line separated paragraphs, their inner whitespace collapsed to single spaces."""
    items: list[str] = []
    lines: list[int] = []
    for span in paragraph_spans(text):
        items.append(" ".join(text[span.start : span.end].split()))
        lines.append(text.count("\n", 0, span.start) + 1)
    return items, lines


def _n(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _counts(paths: Sequence[str], per_file: Sequence[int], unit: str) -> str:
    return ", ".join(f"{p} has {_n(n, unit)}" for p, n in zip(paths, per_file, strict=True))


def align(
    hypothesis: str | Path,
    references: Sequence[str | Path],
    *,
    others: Sequence[str | Path] = (),
    mode: str = "auto",
) -> Aligned:
    """Read and align a hypothesis, its references and any other systems to compare with it."""
    if mode not in ALIGN_MODES:
        raise ScoreInputError(f"unknown alignment {mode!r} (expected lines, paragraphs or auto)")
    if not references:
        raise ScoreInputError("no reference given (use --ref FILE)")
    paths = [str(hypothesis), *(str(o) for o in others), *(str(r) for r in references)]
    texts = [read_text(p) for p in paths]
    by_lines = [split_lines(t) for t in texts]
    line_counts = [len(items) for items, _ in by_lines]

    chosen: list[tuple[list[str], list[int]]]
    if mode == "lines" or (mode == "auto" and len(set(line_counts)) == 1):
        if len(set(line_counts)) != 1:
            raise ScoreInputError(f"cannot align by lines: {_counts(paths, line_counts, 'line')}")
        chosen, used = by_lines, "lines"
    else:
        by_paras = [split_paragraphs(t) for t in texts]
        para_counts = [len(items) for items, _ in by_paras]
        if len(set(para_counts)) != 1:
            if mode == "paragraphs":
                raise ScoreInputError(f"cannot align by paragraphs: {_counts(paths, para_counts, 'paragraph')}")
            both = ", ".join(
                f"{p} has {_n(nl, 'line')} and {_n(np_, 'paragraph')}"
                for p, nl, np_ in zip(paths, line_counts, para_counts, strict=True)
            )
            raise ScoreInputError(f"cannot align the files by lines or by paragraphs: {both}")
        chosen, used = by_paras, "paragraphs"

    if not chosen[0][0]:
        raise ScoreInputError(f"{paths[0]}: no segments to score")
    segs = [Segments(p, tuple(items), tuple(lines)) for p, (items, lines) in zip(paths, chosen, strict=True)]
    n_sys = 1 + len(others)
    return Aligned(used, tuple(segs[:n_sys]), tuple(segs[n_sys:]))
