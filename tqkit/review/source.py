"""The source view: the sentence alignment of the article with its original, carried through
edits, and the excerpt of the source shown for a finding (the aligned paragraph, with the
aligned sentence(s) marked)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from tqkit.document import Document
from tqkit.findings import Edit, Span

from .edits import map_point


@dataclass(frozen=True)
class SourceLink:
    """One sentence bead of the alignment: target sentence(s) of the article, the source
    sentence(s) aligned with them (none for an added sentence) and the source paragraph(s) of
    the paragraph bead they belong to (spans into the source document's text)."""

    target: Span
    target_id: str
    sources: tuple[Span, ...]
    source_ids: tuple[str, ...]
    paragraphs: tuple[Span, ...]
    paragraph_ids: tuple[str, ...]


@dataclass
class SourceAlignment:
    """The sentence alignment of one version of the article with its source, computed once per
    version in the checking worker. ``links`` are in target order."""

    links: list[SourceLink]
    error: str | None = None

    def at(self, offset: int) -> SourceLink | None:
        """The link of the target sentence containing ``offset`` (the last one starting at or
        before it, so a finding between sentences belongs to the sentence before)."""
        starts = [link.target.start for link in self.links]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return self.links[0] if self.links else None
        return self.links[i]

    def mapped(self, edits: Sequence[Edit]) -> SourceAlignment:
        """The same alignment with its target spans carried through ``edits``."""
        links = [
            SourceLink(
                Span(map_point(lk.target.start, edits), map_point(lk.target.end, edits)),
                lk.target_id,
                lk.sources,
                lk.source_ids,
                lk.paragraphs,
                lk.paragraph_ids,
            )
            for lk in self.links
        ]
        return SourceAlignment(links, self.error)


def align_with_source(source: Document, doc: Document) -> SourceAlignment:
    """Sentence alignment of ``doc`` with ``source`` (tqkit.align); never raises: a failure
    comes back as an empty alignment with ``error`` set."""
    try:
        # the aligner loads in the checking worker, not before the app's first paint
        from tqkit.align import AlignmentError, paragraph_beads

        beads = paragraph_beads(source, doc)
    except AlignmentError as exc:
        return SourceAlignment([], str(exc))
    except Exception as exc:  # a failing aligner must not take the editor down
        return SourceAlignment([], f"alignment failed: {exc}")
    links: list[SourceLink] = []
    for para in beads:
        p_spans = tuple(u.segment.span for u in para.source)
        p_ids = tuple(u.segment.id for u in para.source)
        for bead in para.children:
            if not bead.target:
                continue
            first, last = bead.target[0].segment, bead.target[-1].segment
            links.append(
                SourceLink(
                    Span(first.span.start, last.span.end),
                    "+".join(u.segment.id for u in bead.target),
                    tuple(u.segment.span for u in bead.source),
                    tuple(u.segment.id for u in bead.source),
                    p_spans,
                    p_ids,
                )
            )
    links.sort(key=lambda lk: (lk.target.start, lk.target.end))
    return SourceAlignment(links)


@dataclass(frozen=True)
class SourceExcerpt:
    """What the source pane shows for a finding: a title, the source paragraph(s) as pieces of
    text with the aligned sentence(s) marked, and a note when something is missing."""

    title: str
    pieces: tuple[tuple[str, bool], ...]
    note: str | None = None

    @property
    def marked(self) -> str:
        """The marked source text (the aligned sentences), for tests and screen readers."""
        return " ".join(" ".join(t.split()) for t, hi in self.pieces if hi)


def source_excerpt(source: Document, alignment: SourceAlignment | None, offset: int) -> SourceExcerpt:
    """The source paragraph(s) aligned with the paragraph of the article at ``offset``, the
    source sentence(s) aligned with its sentence marked."""
    if alignment is None:
        return SourceExcerpt("Source", (), "aligning…")
    if alignment.error:
        return SourceExcerpt("Source", (), f"cannot align with the source: {alignment.error}")
    link = alignment.at(offset)
    if link is None:
        return SourceExcerpt("Source", (), "no aligned source paragraph")
    if not link.paragraphs:
        return SourceExcerpt("Source", (), "no aligned source paragraph (added in the translation?)")
    pieces = _pieces(source.text, link)
    if link.source_ids:
        return SourceExcerpt(f"Source {_sentence_label(link.source_ids)}", pieces)
    return SourceExcerpt(
        f"Source {_para_label(link.paragraph_ids)}", pieces, "no aligned source sentence (added in the translation?)"
    )


def _marks(text: str, sources: Sequence[Span]) -> list[Span]:
    """The aligned source sentences, neighbours merged (several sentences: one mark)."""
    marks: list[Span] = []
    for sp in sorted(sources, key=lambda sp: sp.start):
        if marks and not text[marks[-1].end : sp.start].strip():
            marks[-1] = Span(marks[-1].start, sp.end)
        else:
            marks.append(sp)
    return marks


def _pieces(text: str, link: SourceLink) -> tuple[tuple[str, bool], ...]:
    pieces: list[tuple[str, bool]] = []
    marks = _marks(text, link.sources)
    for n, para in enumerate(link.paragraphs):
        if n:
            pieces.append(("\n", False))
        pos = para.start
        for m in marks:
            start, end = max(m.start, para.start), min(m.end, para.end)
            if start >= end:
                continue
            if start > pos:
                pieces.append((text[pos:start], False))
            pieces.append((text[start:end], True))
            pos = end
        if pos < para.end:
            pieces.append((text[pos : para.end], False))
    return tuple(pieces)


def _sentence_label(ids: Sequence[str]) -> str:
    """``("p2.s2", "p2.s3")`` -> ``"¶2 sentences 2–3"``; several paragraphs joined with "+"."""
    by_para: dict[str, list[str]] = {}
    for sid in ids:
        para, _, sent = sid.partition(".s")
        by_para.setdefault(para.removeprefix("p"), []).append(sent)
    parts = []
    for para, sents in by_para.items():
        if len(sents) == 1:
            parts.append(f"¶{para}, sentence {sents[0]}")
        else:
            parts.append(f"¶{para}, sentences {sents[0]}–{sents[-1]}")
    return " + ".join(parts)


def _para_label(ids: Sequence[str]) -> str:
    return "+".join("¶" + i.removeprefix("p") for i in ids)
