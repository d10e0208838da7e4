"""TQ335-TQ337: lower-case paragraph starts, foreign punctuation marks, stray punctuation."""

from __future__ import annotations

import gc
import time

from tqkit.api import check_text
from tqkit.findings import Finding


def _findings(text: str, code: str) -> list[Finding]:
    return [f for f in check_text(text, select=[code]) if f.rule == code]


def test_lowercase_paragraph_start_reports_the_word_and_offers_a_capital() -> None:
    text = "The embassy is in contact.\n\n he noted that the check continues."
    (f,) = _findings(text, "TQ335")
    assert text[f.span.start : f.span.end] == "he"
    (fix,) = f.fixes
    assert not fix.safe and fix.edits[0].replacement == "H"


def test_lowercase_paragraph_start_is_quiet_after_a_colon_and_on_the_first_capital() -> None:
    assert _findings("The list:\n\n the mayor and the governor.", "TQ335") == []
    assert _findings("Sentence-per-line data.\n\nlower-case fragments are left alone.", "TQ335") == []
    assert _findings("He left.\n\nShe stayed.", "TQ335") == []


def test_armenian_mijaket_becomes_a_colon_and_takes_the_space_before_it() -> None:
    text = "The MP responded ․ “It is clear.”"
    (f,) = _findings(text, "TQ336")
    (edit,) = f.fixes[0].edits
    fixed = text[: edit.span.start] + edit.replacement + text[edit.span.end :]
    assert fixed == "The MP responded: “It is clear.”"


def test_stray_punctuation_kinds() -> None:
    assert len(_findings("It was covered in the media. . Then he left.", "TQ337")) == 1
    assert len(_findings("''Units resist'', she said.", "TQ337")) == 2
    assert len(_findings('"We will see what happens ", he said.', "TQ337")) == 1
    assert _findings("The students' union's chair spoke. Then... nothing.", "TQ337") == []


def test_scans_are_linear() -> None:
    """Doubling a hostile input about doubles the time (no catastrophic backtracking)."""
    unit = "a ''b'' . . ․ \n\n he said "  # every paragraph a TQ335 finding, which looks back
    _findings(unit, "TQ335")  # the word list loaded before timing
    times = []
    for n in (2000, 8000):
        text = unit * n
        best = float("inf")
        for _ in range(3):  # CPU time, best of three, no collector pauses: load-independent
            gc.collect()
            gc.disable()
            try:
                t0 = time.process_time()
                for code in ("TQ335", "TQ336", "TQ337"):
                    _findings(text, code)
                best = min(best, time.process_time() - t0)
            finally:
                gc.enable()
        times.append(best)
    assert times[1] < times[0] * 8  # four times the text: linear is ~4x, quadratic ~16x


def test_name_spelt_two_ways_reports_the_rarer_spelling_only() -> None:
    text = "Etibar Mirzayev arrived. Mirzayev spoke. Later Mirzoyev added more."
    (f,) = _findings(text, "TQ338")
    assert text[f.span.start : f.span.end] == "Mirzoyev"
    assert f.fixes[0].edits[0].replacement == "Mirzayev" and not f.fixes[0].safe


def test_name_spelt_two_ways_leaves_feminine_and_last_letter_variants() -> None:
    assert _findings("Ilham Aliyev and Mehriban Aliyeva attended.", "TQ338") == []
    assert _findings("Sooronbay Jeenbekov met Sooronbai Jeenbekov's staff.", "TQ338") == []
