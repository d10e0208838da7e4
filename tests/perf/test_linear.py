"""Issue 12: the cost of a check is linear in the length of the document. The bundled article,
doubled four times (1, 2, 4, 8 and 16 copies), is checked with the default rules; each doubling
at most doubles the CPU time (plus a small constant for a busy machine)."""

from __future__ import annotations

import gc
import time
from pathlib import Path

from tqkit.config import RunOptions
from tqkit.readers import reader_for
from tqkit.runner import engine_for, settings_for

SEED = Path(__file__).resolve().parents[2] / "corpora" / "silent-front.en.txt"
SLACK = 0.25  # seconds


def _cpu(fn: object, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            t0 = time.process_time()
            fn()  # type: ignore[operator]
            best = min(best, time.process_time() - t0)
        finally:
            gc.enable()
    return best


def test_check_time_is_linear_in_document_length() -> None:
    options = RunOptions()
    engine = engine_for(settings_for("x.md", options), options)
    engine.resources.warm()
    reader = reader_for("x.md")
    seed = SEED.read_text(encoding="utf-8")
    engine.check(reader.read("x.md", seed.encode()))  # lazy data (lemmas, names) loaded
    times = []
    for k in range(5):
        data = "\n\n".join([seed] * (1 << k)).encode()
        times.append(_cpu(lambda data=data: engine.check(reader.read("x.md", data)), 2 if k < 4 else 1))
    for k in range(4):
        assert times[k + 1] <= 2.0 * times[k] + SLACK, f"{1 << (k + 1)} copies: {[round(t, 3) for t in times]}"
    assert times[-1] > times[0]  # the check does read the whole text
