"""What the TQ5xx source-target rules share: the alignment of the translation with its source
(computed once per check run) and the helpers that read it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from tqkit.align.core import (
    Bead,
    Unit,
    align_units,
    length_ratio,
    paragraph_beads,
    sentence_units,
    unit_of,
)
from tqkit.align.numbers import NumberAtom, number_atoms
from tqkit.document import MASK, Document, Segment
from tqkit.errors import AlignmentError
from tqkit.findings import Span
from tqkit.registry import CheckContext
from tqkit.text.translit import romanisation_language


def quote(text: str, limit: int = 140) -> str:
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
    return ctx.analysis(_align, doc)


def _align(doc: Document, ctx: CheckContext) -> list[Bead]:
    beads: list[Bead] = []
    try:
        beads = paragraph_beads(ctx.source, doc) if ctx.source is not None else _pairs_from_segments(doc)
    except AlignmentError as exc:
        ctx.notes.append(f"source not aligned: {exc}")
    return beads


def sentence_pairs(beads: list[Bead]) -> Iterator[tuple[Bead, Bead]]:
    for para in beads:
        for child in para.children:
            yield para, child


def bead_data(bead: Bead) -> dict[str, Any]:
    return {
        "source": bead.source_text,
        "source_segments": [u.segment.id for u in bead.source],
        "alignment": bead.kind,
    }


def target_view(doc: Document, span: Span) -> str:
    return doc.view_slice(span.start, span.end).replace(MASK, " ")


def target_atoms(doc: Document, units: Sequence[Unit]) -> list[NumberAtom]:
    out: list[NumberAtom] = []
    for u in units:
        base = u.segment.span.start
        for a in number_atoms(target_view(doc, u.segment.span)):
            out.append(NumberAtom(a.keys, a.start + base, a.end + base, a.text, a.digits))
    return out


def target_span(units: Sequence[Unit]) -> Span:
    return Span(units[0].segment.span.start, units[-1].segment.span.end)
