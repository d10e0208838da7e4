"""Precision of the language profiles on text the team did not write: German MT that
post-editors left unchanged (MLQE-PE en-de) and Russian originals (MLQE-PE ru-en sources)."""

from __future__ import annotations

import json
from pathlib import Path

from tqkit.api import check_text
from tqkit.findings import Severity

DATA = Path(__file__).parent / "data" / "mlqe-pe"


def _warnings_per_1000(sentences: list[str], lang: str) -> tuple[float, list[str]]:
    text = "\n\n".join(sentences)
    words = len(text.split())
    found = [f for f in check_text(text, target_lang=lang) if f.severity >= Severity.WARNING]
    shown = [f"{f.rule} {text[max(0, f.span.start - 30) : f.span.end + 10]!r}" for f in found]
    return len(found) * 1000 / words, shown


def test_german_mt_that_post_editors_left_unchanged_is_near_silent() -> None:
    rows = [json.loads(line) for line in (DATA / "en-de.dev.jsonl").read_text(encoding="utf-8").splitlines()]
    unedited = [r["mt"] for r in rows if r["hter"] == 0]
    assert len(unedited) > 200
    rate, shown = _warnings_per_1000(unedited, "de")
    assert rate <= 0.5, shown


def test_german_post_edits_are_near_silent() -> None:
    rows = [json.loads(line) for line in (DATA / "en-de.dev.jsonl").read_text(encoding="utf-8").splitlines()]
    rate, shown = _warnings_per_1000([r["pe"] for r in rows], "de")
    assert rate <= 0.5, shown


def test_russian_originals_are_near_silent() -> None:
    lines = (DATA / "ru.dev.src.txt").read_text(encoding="utf-8").splitlines()
    rate, shown = _warnings_per_1000(lines, "ru")
    assert rate <= 0.5, shown
