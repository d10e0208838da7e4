"""Length-based alignment in the manner of Gale and Church (1993), helped by anchors.

Paragraphs are aligned first, then the sentences inside each aligned pair of paragraphs. A
*bead* joins 0-3 source units to 0-3 target units (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3).
The cost of a 1-1 or many-to-many bead is Gale and Church's: minus the log of the bead type's
prior times the probability of the observed length difference, where the target length is
expected to be the source length times the document's own length ratio, with a variance
proportional to the source length. A 1-0 or 0-1 bead (a paragraph or sentence left out or added)
has a fixed cost, so a long missing paragraph is not forced into a wrong merge.

Anchors lower the cost of a bead when both sides share them: numbers (normalised, so
"27 September" matches "27 септември"), capitalised names (romanised and phonetically folded,
so "Петков" matches "Petkov" and "Москва" matches "Moscow") and acronyms. No model, no network.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tqkit.align.numbers import digit_keys, number_atoms
from tqkit.document import MASK, Document, Segment, sentence_spans
from tqkit.errors import AlignmentError
from tqkit.findings import Span
from tqkit.text.translit import phonetic_key, romanise

# Prior probability of each bead type (Gale and Church's, with 2-2 and 3-1 added).
PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (2, 1): 0.045,
    (1, 2): 0.045,
    (2, 2): 0.011,
    (3, 1): 0.004,
    (1, 3): 0.004,
    (1, 0): 0.005,
    (0, 1): 0.005,
}
# Variance of the target length per source character.
VARIANCE = 6.8
# Fixed cost of leaving a unit unaligned (replaces the prior and length terms).
INDEL_COST = 330.0
# Most that a length difference may cost: a partly translated paragraph is still that
# paragraph's translation (anchors then decide).
LENGTH_CAP = 400.0
# Extra cost per number that a bead has on one side only.
NUMBER_MISMATCH = 60.0
# Cost taken off a bead per anchor found on both sides.
ANCHOR_BONUS = 60.0
# Largest dynamic-programming table (source units x target units).
MAX_CELLS = 4_000_000


@dataclass(frozen=True)
class Unit:
    """A paragraph or sentence taking part in an alignment."""

    segment: Segment
    text: str
    length: int
    anchors: frozenset[str]


@dataclass
class Bead:
    """Source units aligned with target units (either side may be empty)."""

    source: tuple[Unit, ...]
    target: tuple[Unit, ...]
    cost: float = 0.0
    children: list[Bead] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    @property
    def source_text(self) -> str:
        return " ".join(u.text for u in self.source)

    @property
    def target_text(self) -> str:
        return " ".join(u.text for u in self.target)

    def pair(self) -> tuple[Segment | None, Segment | None]:
        src = _merged(self.source)
        tgt = _merged(self.target)
        if tgt is not None and src is not None:
            tgt = Segment(tgt.id, tgt.span, tgt.kind, source=self.source_text)
        return src, tgt


def _merged(units: Sequence[Unit]) -> Segment | None:
    if not units:
        return None
    if len(units) == 1:
        return units[0].segment
    first, last = units[0].segment, units[-1].segment
    return Segment("+".join(u.segment.id for u in units), Span(first.span.start, last.span.end), first.kind)


# -- anchors ------------------------------------------------------------------------------------

_CAP_RE = re.compile(r"(?<![\w])([A-Z\u0410-\u042f\u0400-\u040f\u0531-\u0556][^\W\d_]*(?:[-’'][^\W\d_]+)*)")
_ACRONYM_RE = re.compile(r"^[A-Z\u0400-\u042f]{2,6}$")


def name_keys(text: str, lang: str | None = None) -> set[str]:
    """Keys of the capitalised words of ``text`` that are not the first word of a sentence:
    the first four letters of their folded romanisation (acronyms whole)."""
    keys: set[str] = set()
    for m in _CAP_RE.finditer(text):
        word = m.group(1)
        i = m.start() - 1  # the last mark before the word (a walk back, not a copy of the text)
        while i >= 0 and text[i] in " \t\"'“«„(":
            i -= 1
        initial = i < 0 or text[i] in ".!?:\n\x00"
        if initial and not _ACRONYM_RE.match(word):
            continue
        key = name_key(word, lang)
        if key:
            keys.add(key)
    return keys


def name_key(word: str, lang: str | None = None) -> str | None:
    if _ACRONYM_RE.match(word):
        return "a:" + phonetic_key(romanise(word, lang)) if not word.isascii() else "a:" + phonetic_key(word)
    f = phonetic_key(romanise(word, lang) if not word.isascii() else word)
    if len(f) < 4:
        return None
    return "w:" + f[:4]


def _anchors(text: str, lang: str | None) -> frozenset[str]:
    keys = set(digit_keys(number_atoms(text)))
    keys.update(name_keys(text, lang))
    return frozenset(keys)


def _length(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace() and ch != MASK)


def unit_of(doc: Document, seg: Segment, lang: str | None) -> Unit:
    """The alignment unit of ``seg``: its text with masked runs and spaces collapsed, its length
    and its anchors (numbers, transliterated names) in language ``lang``."""
    text = doc.view_slice(seg.span.start, seg.span.end).replace(MASK, " ")
    text = re.sub(r"\s+", " ", text).strip()
    return Unit(seg, text, _length(text), _anchors(text, lang))


# -- dynamic programming ------------------------------------------------------------------------


def _bead_cost(src: Sequence[Unit], tgt: Sequence[Unit], ratio: float) -> float:
    prior = PRIORS[(len(src), len(tgt))]
    base = -100.0 * math.log(prior)
    if not src or not tgt:
        return INDEL_COST
    ls = sum(u.length for u in src)
    lt = sum(u.length for u in tgt)
    mean = ls * ratio
    delta = (lt - mean) / math.sqrt(max(ls, 1) * VARIANCE * ratio)
    p = math.erfc(abs(delta) / math.sqrt(2.0))
    cost = base + min(LENGTH_CAP, -100.0 * math.log(max(p, 1e-30)))
    sa: set[str] = set().union(*(u.anchors for u in src))
    ta: set[str] = set().union(*(u.anchors for u in tgt))
    shared = len(sa & ta)
    lonely = sum(1 for k in sa ^ ta if k.startswith("n:"))
    return cost - ANCHOR_BONUS * shared + NUMBER_MISMATCH * lonely


def align_units(src: Sequence[Unit], tgt: Sequence[Unit], ratio: float) -> list[Bead]:
    """The cheapest sequence of beads covering both unit lists in order."""
    n, m = len(src), len(tgt)
    if (n + 1) * (m + 1) > MAX_CELLS:
        raise AlignmentError(f"too many units to align ({n} x {m})")
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, (0, 0)
            for di, dj in PRIORS:
                if di > i or dj > j:
                    continue
                prev = cost[i - di][j - dj]
                if prev == inf:
                    continue
                c = prev + _bead_cost(src[i - di : i], tgt[j - dj : j], ratio)
                if c < best:
                    best, arg = c, (di, dj)
            cost[i][j], back[i][j] = best, arg
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = back[i][j]
        beads.append(Bead(tuple(src[i - di : i]), tuple(tgt[j - dj : j]), cost[i][j] - cost[i - di][j - dj]))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


# -- documents -----------------------------------------------------------------------------------


def _langs(src: Document, tgt: Document) -> tuple[str | None, str | None]:
    from tqkit.text.translit import romanisation_language

    s = src.source_lang if src.target_lang in ("und", "") else src.target_lang
    if not s or s == "und":
        s = romanisation_language(src.view[:5000])
    return s, tgt.target_lang


# Expected target/source length ratio before the document says otherwise (characters without
# spaces; English from Bulgarian or Russian news runs a little shorter), and how many source
# characters of evidence weigh as much as this prior.
PRIOR_RATIO = 0.95
PRIOR_WEIGHT = 1500


def length_ratio(src_units: Sequence[Unit], tgt_units: Sequence[Unit]) -> float:
    """The document's target/source length ratio, shrunk towards :data:`PRIOR_RATIO` for short
    documents (whose omissions would otherwise skew it)."""
    ls = sum(u.length for u in src_units)
    lt = sum(u.length for u in tgt_units)
    ratio = (lt + PRIOR_RATIO * PRIOR_WEIGHT) / (ls + PRIOR_WEIGHT)
    return min(2.0, max(0.5, ratio))


def paragraph_beads(src: Document, tgt: Document) -> list[Bead]:
    """Paragraph beads, each with its sentence beads in ``children``."""
    slang, tlang = _langs(src, tgt)
    su = [unit_of(src, s, slang) for s in src.segments]
    tu = [unit_of(tgt, s, tlang) for s in tgt.segments]
    if not su:
        raise AlignmentError(f"{src.path}: the source has no text to align")
    if not tu:
        raise AlignmentError(f"{tgt.path}: the target has no text to align")
    ratio = length_ratio(su, tu)
    beads = align_units(su, tu, ratio)
    for bead in beads:
        ss = [unit_of(src, s, slang) for u in bead.source for s in sentence_units(src, u.segment)]
        ts = [unit_of(tgt, s, tlang) for u in bead.target for s in sentence_units(tgt, u.segment)]
        if ss and ts:
            bead.children = align_units(ss, ts, ratio)
        else:
            bead.children = [Bead((s,), ()) for s in ss] + [Bead((), (t,)) for t in ts]
    return beads


def sentence_units_spans(doc: Document, seg: Segment) -> list[Span]:
    """The sentences of a segment, with pieces that start with a lower-case letter joined to
    the sentence before (the splitter takes "2025 г. и" for a sentence end)."""
    out: list[Span] = []
    for span in sentence_spans(doc.view, seg.span):
        first = doc.view[span.start]
        if out and first.isalpha() and first.islower():
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


def sentence_units(doc: Document, seg: Segment) -> list[Segment]:
    """The sentences of segment ``seg`` as alignment sees them (ids ``p1.s2``): lower-case
    continuations joined to the sentence before (:func:`sentence_units_spans`)."""
    return [Segment(f"{seg.id}.s{k + 1}", span, "sentence") for k, span in enumerate(sentence_units_spans(doc, seg))]


def sentence_beads(src: Document, tgt: Document) -> list[Bead]:
    return [child for bead in paragraph_beads(src, tgt) for child in bead.children]


def align_paragraphs(src: Document, tgt: Document) -> list[tuple[Segment | None, Segment | None]]:
    """Aligned paragraphs as ``(source, target)`` pairs; merged paragraphs come back as one
    segment covering them (id ``p2+p3``); a missing side is None. Target segments carry the
    aligned source text in ``Segment.source``."""
    return [b.pair() for b in paragraph_beads(src, tgt)]


def align_sentences(src: Document, tgt: Document) -> list[tuple[Segment | None, Segment | None]]:
    """Aligned sentences (ids ``p1.s2``; merged ``p1.s2+p1.s3``), like :func:`align_paragraphs`."""
    return [b.pair() for b in sentence_beads(src, tgt)]
