"""Alignment of an original article with its translation, without a model.

``align_paragraphs(src, tgt)`` and ``align_sentences(src, tgt)`` return ``(source, target)``
segment pairs (either side None for a paragraph or sentence present on one side only);
``paragraph_beads`` / ``sentence_beads`` return the richer :class:`Bead` objects (text, cost,
the units on each side); ``sentence_units(doc, segment)`` the sentences of a paragraph as the
aligner splits them, ``unit_of`` one unit. See :mod:`tqkit.align.core` for the method.
"""

from tqkit.align.core import (
    Bead,
    Unit,
    align_paragraphs,
    align_sentences,
    paragraph_beads,
    sentence_beads,
    sentence_units,
    unit_of,
)
from tqkit.errors import AlignmentError

__all__ = [
    "AlignmentError",
    "Bead",
    "Unit",
    "align_paragraphs",
    "align_sentences",
    "paragraph_beads",
    "sentence_beads",
    "sentence_units",
    "unit_of",
]
