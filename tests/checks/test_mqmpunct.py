"""TQ345-TQ346: punctuation that raters of MT into English mark (MQM TED zh-en spans)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tqkit.api import check_text
from tqkit.findings import Finding

MQM = Path(__file__).resolve().parent.parent.parent / "corpora" / "mqm-ted-zhen" / "mqm_ted_zhen.jsonl"


def _findings(text: str, code: str) -> list[Finding]:
    return [f for f in check_text(text, select=[code]) if f.rule == code]


@pytest.mark.parametrize(
    ("text", "flagged", "fixed"),
    [
        ("the images of the universe-this series", "universe-this", "the images of the universe – this series"),
        ("a small country, Norway-a land of fjords", "Norway-a", "a small country, Norway – a land of fjords"),
    ],
)
def test_hyphen_as_dash(text: str, flagged: str, fixed: str) -> None:
    (f,) = _findings(text, "TQ345")
    assert text[f.span.start : f.span.end] == flagged
    (edit,) = f.fixes[0].edits
    assert text[: edit.span.start] + edit.replacement + text[edit.span.end :] == fixed
    assert not f.fixes[0].safe


def test_hyphen_compounds_stay_quiet() -> None:
    text = "A state-of-the-art, so-so, what-if, thank-you, break-even, dam-like, check-in plan."
    assert _findings(text, "TQ345") == []


def test_number_without_separator() -> None:
    (f,) = _findings("There are 250000 species.", "TQ346")
    assert f.fixes[0].edits[0].replacement == "250,000"
    assert _findings("There are 2500 species and 250,000 more; flight 12345, No. 67890.", "TQ346") == []


def _rated(human: bool) -> list[dict[str, object]]:
    with MQM.open(encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    return [r for r in recs if (r["system"] in {"ref", "refB"}) == human]


def test_quiet_on_human_references_and_hitting_rater_spans() -> None:
    """The dash rule is near silent on the human references (<= 2 findings in 17,000 words) and
    at least half its findings on MT overlap a rater's span."""
    refs = "\n\n".join(str(r["target"]) for r in _rated(True))
    assert len(_findings(refs, "TQ345")) <= 2
    hits = total = 0
    for r in _rated(False):
        text = str(r["target"])
        spans = r["spans"]
        assert isinstance(spans, list)
        for f in _findings(text, "TQ345"):
            total += 1
            hits += any(s["start"] < f.span.end and f.span.start < s["end"] for s in spans)
    assert total >= 50 and hits / total >= 0.5
