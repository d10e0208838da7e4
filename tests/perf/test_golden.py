"""Speed-ups keep the findings identical: the default rules on a fixed sample of real copy give
the findings recorded in ``golden.json`` (regenerate it with
``.venv/bin/python tests/perf/golden_corpus.py --update`` when findings change on purpose)."""

from __future__ import annotations

import json

import pytest
from golden_corpus import GOLDEN, check, digest, samples, summary

_GOLDEN = json.loads(GOLDEN.read_text(encoding="utf-8"))
_SAMPLES = list(samples())


def test_every_sample_has_a_golden_record() -> None:
    assert sorted(_GOLDEN) == sorted(s.name for s in _SAMPLES)
    assert sum(int(g["count"]) for g in _GOLDEN.values()) > 100  # the sample does exercise rules


@pytest.mark.parametrize("sample", _SAMPLES, ids=[s.name for s in _SAMPLES])
def test_findings_identical(sample) -> None:  # type: ignore[no-untyped-def]
    rows = check(sample)
    want = _GOLDEN[sample.name]
    if digest(rows) == want["sha256"]:
        return
    now, before = summary(rows), list(want["findings"])
    gone = [f for f in before if f not in now][:5]
    new = [f for f in now if f not in before][:5]
    changed = ""
    if not gone and not new:  # same spans: a message, severity or fix changed
        changed = f"; same spans, first findings now {json.dumps(rows[:2], ensure_ascii=False)}"
    pytest.fail(
        f"{sample.name}: findings differ from tests/perf/golden.json ({len(now)} now, "
        f"{len(before)} before); disappeared {gone}, appeared {new}{changed}. If the change "
        "is intended: .venv/bin/python tests/perf/golden_corpus.py --update"
    )
