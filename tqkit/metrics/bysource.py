"""Segments for ``tqkit score --source``: every file cut at the sentences of the original.

The hypothesis, any system compared with it and every reference are each aligned to the same
original-language article with :func:`tqkit.align.sentence_beads`. A bead maps a run of source
sentences to the target sentences that translate them, so each file induces a partition of the
source sentences (a 2-1 bead keeps two source sentences together). The segments are the finest
partition that every file's beads fit into: segment *i* of every file is the text aligned to the
same source sentence or sentences. One file merging two sentences, splitting one, or having a
different number of paragraphs then no longer shifts everything after it.

A target sentence aligned to no source sentence (an addition) joins the segment of the source
sentence before it (the first segment when it comes first); a source sentence a file leaves out
gives that file empty text in its segment. Segments where every file is empty are dropped.
Segment text is the prose the aligner sees (masked markup left out), whitespace collapsed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tqkit.align import Bead, sentence_beads
from tqkit.document import Document
from tqkit.errors import AlignmentError, ScoreInputError
from tqkit.metrics.inputs import Aligned, Segments


@dataclass(frozen=True, slots=True)
class SourceSegments:
    """The segments of every file, cut at the source sentences."""

    source: Segments  # the source sentences of each segment (line = first line in the source)
    files: tuple[Segments, ...]  # one per target file, in the order given


def _read(path: str, target_lang: str) -> Document:
    from tqkit.errors import InputError as ReaderError  # the readers' error
    from tqkit.readers import read_path

    try:
        return read_path(path, None, target_lang)
    except ReaderError as exc:
        raise ScoreInputError(str(exc)) from None


def read_source_document(path: str | Path, source_lang: str | None = None) -> Document:
    """The original article (any format ``tqkit check --source`` reads)."""
    return replace(_read(str(path), "und"), source_lang=source_lang)


def _line(doc: Document, offset: int) -> int:
    return doc.text.count("\n", 0, offset) + 1


def _beads(source: Document, target: Document) -> list[Bead]:
    try:
        return sentence_beads(source, target)
    except AlignmentError as exc:
        msg = str(exc)
        if target.path not in msg and source.path not in msg:
            msg = f"{target.path}: cannot align with {source.path}: {msg}"
        raise ScoreInputError(msg) from None
    except RecursionError:  # pragma: no cover - defensive: the aligner is iterative
        raise ScoreInputError(f"{target.path}: cannot align with {source.path}") from None


def _groups(
    source: Document, targets: Sequence[Document], per_file: list[list[Bead]], order: list[str], index: dict[str, int]
) -> tuple[list[int], int]:
    """The group of each source sentence (the finest partition every file's beads fit into)
    and the number of groups."""
    cut_sets: list[set[int]] = []
    for target, beads in zip(targets, per_file, strict=True):
        ids = [u.segment.id for b in beads for u in b.source]
        if ids != order:  # pragma: no cover - the aligner covers every source sentence once
            raise ScoreInputError(f"{target.path}: the alignment with {source.path} skips source sentences")
        cut_sets.append({index[b.source[0].segment.id] for b in beads if b.source})
    cuts = sorted(set.intersection(*cut_sets) | {0})
    group_of = [0] * len(order)
    for g, start in enumerate(cuts):
        end = cuts[g + 1] if g + 1 < len(cuts) else len(order)
        for k in range(start, end):
            group_of[k] = g
    return group_of, len(cuts)


def _target_groups(
    beads: list[Bead], group_of: list[int], index: dict[str, int], n: int
) -> tuple[list[list[str]], list[int | None]]:
    """One file's target text per group, and where each group's text starts (None: empty).
    A bead without source text joins the group before it."""
    parts: list[list[str]] = [[] for _ in range(n)]
    first: list[int | None] = [None] * n
    g = 0
    for bead in beads:
        if bead.source:
            g = group_of[index[bead.source[0].segment.id]]
        if bead.target:
            parts[g].append(bead.target_text)
            if first[g] is None:
                first[g] = bead.target[0].segment.span.start
    return parts, first


def _source_groups(
    beads: list[Bead], group_of: list[int], index: dict[str, int], n: int
) -> tuple[list[list[str]], list[int]]:
    src_parts: list[list[str]] = [[] for _ in range(n)]
    src_first: list[int] = [0] * n
    for bead in beads:
        for u in bead.source:
            g = group_of[index[u.segment.id]]
            if not src_parts[g]:
                src_first[g] = u.segment.span.start
            src_parts[g].append(u.text)
    return src_parts, src_first


def _file_segments(target: Document, parts: list[list[str]], first: list[int | None], keep: list[int]) -> Segments:
    """The kept groups of one file; an empty segment gets the line of the one before it."""
    items = tuple(" ".join(" ".join(parts[g]).split()) for g in keep)
    lines: list[int] = []
    last = 1
    for g in keep:
        if first[g] is not None:
            last = _line(target, first[g] or 0)
        lines.append(last)
    return Segments(target.path, items, tuple(lines))


def segment_by_source(source: Document, targets: Sequence[Document]) -> SourceSegments:
    """Align every target document to ``source`` and cut them all at common source sentences."""
    if not targets:
        raise ScoreInputError("no files to segment")
    per_file = [_beads(source, t) for t in targets]

    # The source sentences, in order, as the first alignment lists them; every alignment of the
    # same source lists the same ones.
    order: list[str] = [u.segment.id for b in per_file[0] for u in b.source]
    index = {sid: k for k, sid in enumerate(order)}
    if not order:
        raise ScoreInputError(f"{source.path}: the source has no sentences to align")
    group_of, n = _groups(source, targets, per_file, order, index)
    grouped = [_target_groups(beads, group_of, index, n) for beads in per_file]
    src_parts, src_first = _source_groups(per_file[0], group_of, index, n)

    keep = [g for g in range(n) if any(" ".join(parts[g]).strip() for parts, _ in grouped)]
    files = [
        _file_segments(target, parts, first, keep) for target, (parts, first) in zip(targets, grouped, strict=True)
    ]
    src = Segments(
        source.path,
        tuple(" ".join(" ".join(src_parts[g]).split()) for g in keep),
        tuple(_line(source, src_first[g]) for g in keep),
    )
    return SourceSegments(src, tuple(files))


def align_by_source(
    hypothesis: str | Path,
    references: Sequence[str | Path],
    source: str | Path,
    *,
    others: Sequence[str | Path] = (),
    source_lang: str | None = None,
    target_lang: str = "en",
) -> tuple[Aligned, Segments]:
    """Read the files and segment them by ``source`` (see the module docstring); returns the
    aligned segments (mode ``"source"``) and the source sentences of each segment."""
    if not references:
        raise ScoreInputError("no reference given (use --ref FILE)")
    paths = [str(hypothesis), *(str(o) for o in others), *(str(r) for r in references)]
    src_doc = read_source_document(source, source_lang)
    docs = [_read(p, target_lang) for p in paths]
    segs = segment_by_source(src_doc, docs)
    if not segs.files[0].items:
        raise ScoreInputError(f"{paths[0]}: no segments to score")
    n_sys = 1 + len(others)
    return Aligned("source", segs.files[:n_sys], segs.files[n_sys:]), segs.source
