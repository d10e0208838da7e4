"""Corpus metrics through sacrebleu: scores identical to sacrebleu's, with its signatures.

sacrebleu (and numpy, which its significance tests use) is imported inside the functions, so
importing this module costs nothing until a score is actually computed.

Scores are not findings: a :class:`Score` is a number about a whole corpus with the signature
that makes it reproducible (``nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sacrebleu.metrics.base import Metric

# Names accepted by ``--metrics`` (lowercase) and what they are.
METRICS: dict[str, str] = {
    "bleu": "BLEU (sacrebleu defaults: 13a tokenisation, exponential smoothing)",
    "chrf": "chrF2 (character 6-grams, beta 2)",
    "chrf++": "chrF2++ (chrF plus word bigrams)",
    "ter": "TER (translation edit rate; lower is better)",
}
DEFAULT_METRICS = ("bleu", "chrf")
DEFAULT_SEED = 12345
DEFAULT_SAMPLES = 1000


@dataclass(frozen=True, slots=True)
class Score:
    """One corpus-level score. ``metric`` is sacrebleu's name for it (``BLEU``, ``chrF2``,
    ``chrF2++``, ``TER``); ``ci`` is the half-width of the 95% confidence interval around
    ``mean`` when bootstrap resampling was run, ``p_value`` the paired test's p-value against
    the baseline system."""

    metric: str
    value: float
    signature: str
    ci: float | None = None
    mean: float | None = None
    p_value: float | None = None
    key: str = ""
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SegmentScore:
    """Sentence-level chrF of one aligned segment (``index`` and ``line`` are 1-based)."""

    index: int
    line: int
    chrf: float
    hypothesis: str
    references: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["references"] = list(self.references)
        return d


@dataclass(frozen=True, slots=True)
class SystemScores:
    name: str
    scores: tuple[Score, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Paired bootstrap resampling of a baseline and a candidate system."""

    samples: int
    seed: int
    systems: tuple[SystemScores, ...]  # baseline first

    def to_dict(self) -> dict[str, Any]:
        return {
            "test": "paired-bootstrap",
            "samples": self.samples,
            "seed": self.seed,
            "systems": [
                {"name": s.name, "baseline": i == 0, "scores": [sc.to_dict() for sc in s.scores]}
                for i, s in enumerate(self.systems)
            ],
        }


def parse_metrics(spec: str | Sequence[str]) -> list[str]:
    """``"bleu,chrf"`` -> ``["bleu", "chrf"]``; unknown names raise ``ValueError``."""
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    out: list[str] = []
    for item in items:
        name = item.strip().lower()
        if not name:
            continue
        if name == "chrf2":
            name = "chrf"
        if name not in METRICS:
            raise ValueError(f"unknown metric {item.strip()!r} (expected {', '.join(METRICS)})")
        if name not in out:
            out.append(name)
    if not out:
        raise ValueError("no metric given (expected some of bleu, chrf, chrf++, ter)")
    return out


def make_metric(name: str) -> Metric:
    """A fresh sacrebleu metric object with sacrebleu's default settings."""
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    if name == "bleu":
        return BLEU()
    if name == "chrf":
        return CHRF()
    if name == "chrf++":
        return CHRF(word_order=2)
    if name == "ter":
        return TER()
    raise ValueError(f"unknown metric {name!r}")


def _check_refs(hypotheses: Sequence[str], references: Sequence[Sequence[str]]) -> None:
    if not references:
        raise ValueError("no references")
    for ref in references:
        if len(ref) != len(hypotheses):
            raise ValueError(f"{len(hypotheses)} hypotheses but a reference stream of {len(ref)} segments")


def score_corpus(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    metrics: Sequence[str] = DEFAULT_METRICS,
    *,
    width: int = 1,
) -> list[Score]:
    """Corpus scores of ``hypotheses`` against one or more reference streams (each the same
    length as ``hypotheses``), exactly as ``sacrebleu.metrics.X().corpus_score`` gives them.
    ``detail`` is sacrebleu's one-line rendering with ``width`` decimals."""
    _check_refs(hypotheses, references)
    hyps = list(hypotheses)
    refs = [list(r) for r in references]
    out: list[Score] = []
    for name in metrics:
        metric = make_metric(name)
        result = metric.corpus_score(hyps, refs)
        out.append(
            Score(
                metric=result.name,
                value=float(result.score),
                signature=metric.get_signature().format(),
                key=name,
                detail=result.format(width=width),
            )
        )
    return out


def sentence_chrf(hypotheses: Sequence[str], references: Sequence[Sequence[str]]) -> list[float]:
    """Sentence-level chrF of every segment (same values as ``CHRF().sentence_score``), from
    one pass over the corpus."""
    _check_refs(hypotheses, references)
    metric = make_metric("chrf")
    stats = metric._extract_corpus_statistics(list(hypotheses), [list(r) for r in references])
    return [float(metric._aggregate_and_compute([row]).score) for row in stats]


def worst_segments(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    n: int,
    lines: Sequence[int] | None = None,
) -> list[SegmentScore]:
    """The ``n`` segments with the lowest sentence chrF (ties: earlier segment first)."""
    if n <= 0:
        return []
    scores = sentence_chrf(hypotheses, references)
    order = sorted(range(len(scores)), key=lambda i: (scores[i], i))[:n]
    return [
        SegmentScore(
            index=i + 1,
            line=lines[i] if lines is not None else i + 1,
            chrf=scores[i],
            hypothesis=hypotheses[i],
            references=tuple(ref[i] for ref in references),
        )
        for i in order
    ]


@contextmanager
def _sacrebleu_seed(seed: int) -> Iterator[None]:
    """sacrebleu's significance tests read their seed from ``SACREBLEU_SEED``."""
    old = os.environ.get("SACREBLEU_SEED")
    os.environ["SACREBLEU_SEED"] = str(seed)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SACREBLEU_SEED", None)
        else:
            os.environ["SACREBLEU_SEED"] = old


def compare_systems(
    baseline: Sequence[str],
    candidate: Sequence[str],
    references: Sequence[Sequence[str]],
    metrics: Sequence[str] = DEFAULT_METRICS,
    *,
    names: tuple[str, str] = ("baseline", "candidate"),
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
) -> Comparison:
    """sacrebleu's paired bootstrap resampling (``PairedTest`` with ``test_type="bs"``): each
    system's score, mean and 95% confidence interval, and the candidate's p-value.
    Deterministic for a given ``seed`` (which must be positive: sacrebleu treats 0 as unseeded).
    """
    if seed <= 0:
        raise ValueError("the bootstrap seed must be a positive integer")
    if samples <= 0:
        raise ValueError("the number of bootstrap samples must be positive")
    _check_refs(baseline, references)
    _check_refs(candidate, references)
    from sacrebleu.significance import PairedTest

    metric_objs = {name: make_metric(name) for name in metrics}
    refs = [list(r) for r in references]
    with _sacrebleu_seed(seed):
        test = PairedTest(
            [(names[0], list(baseline)), (names[1], list(candidate))],
            metric_objs,
            references=refs,
            test_type="bs",
            n_samples=samples,
            n_jobs=1,
        )
        signatures, results = test()
    keys = list(metrics)
    metric_names = [k for k in results if k != "System"]
    systems: list[SystemScores] = []
    for pos, sys_name in enumerate(names):
        scores: list[Score] = []
        for key, mname in zip(keys, metric_names, strict=True):
            res = results[mname][pos]
            assert not isinstance(res, str)
            scores.append(
                Score(
                    metric=mname,
                    value=float(res.score),
                    signature=signatures[mname].format(),
                    ci=None if res.ci is None else float(res.ci),
                    mean=None if res.mean is None else float(res.mean),
                    p_value=None if res.p_value is None else float(res.p_value),
                    key=key,
                )
            )
        systems.append(SystemScores(sys_name, tuple(scores)))
    return Comparison(samples=samples, seed=seed, systems=tuple(systems))
