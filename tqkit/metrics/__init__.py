"""Corpus metrics (BLEU, chrF, chrF++, TER through sacrebleu) for ``tqkit score``.

Importing this package is cheap: sacrebleu is imported only when a score is computed.
"""

from __future__ import annotations

from tqkit.errors import ScoreInputError
from tqkit.metrics.inputs import Aligned, Segments, align, read_text
from tqkit.metrics.scoring import (
    DEFAULT_METRICS,
    METRICS,
    Comparison,
    Score,
    SegmentScore,
    SystemScores,
    compare_systems,
    parse_metrics,
    score_corpus,
    sentence_chrf,
    worst_segments,
)

__all__ = [
    "DEFAULT_METRICS",
    "METRICS",
    "Aligned",
    "Comparison",
    "Score",
    "ScoreInputError",
    "SegmentScore",
    "Segments",
    "SystemScores",
    "align",
    "compare_systems",
    "parse_metrics",
    "read_text",
    "score_corpus",
    "sentence_chrf",
    "worst_segments",
]
