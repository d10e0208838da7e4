"""TQ360-TQ369: quotations, dialogue dashes, quoted names, times, "thousand", dashes, typos,
initials, month abbreviations and dropped percent signs as MT leaves them."""

from __future__ import annotations

import gc
import time
from types import ModuleType

from hypothesis import given, settings
from hypothesis import strategies as st

from tqkit.api import check_text
from tqkit.datafiles import bundled_table
from tqkit.findings import Finding, Severity

CODES = ("TQ208", "TQ360", "TQ361", "TQ362", "TQ363", "TQ364", "TQ365", "TQ366", "TQ367", "TQ368", "TQ369")


def _findings(text: str, code: str) -> list[Finding]:
    return [f for f in check_text(text, select=[code]) if f.rule == code]


def _apply(text: str, f: Finding) -> str:
    out = text
    for edit in sorted(f.fixes[0].edits, key=lambda e: e.span.start, reverse=True):
        out = out[: edit.span.start] + edit.replacement + out[edit.span.end :]
    return out


def test_full_stop_before_attribution_becomes_a_comma() -> None:
    text = "“We thank the volunteers for their work.” he said."
    (f,) = _findings(text, "TQ360")
    assert text[f.span.start : f.span.end] == ".” he said"
    assert _apply(text, f) == "“We thank the volunteers for their work,” he said."
    assert not f.fixes[0].safe


def test_closing_mark_typed_as_opening_after_a_space() -> None:
    text = "“The water is back in every house, “said the official."
    (f,) = _findings(text, "TQ360")
    assert _apply(text, f) == "“The water is back in every house,” said the official."


def test_paragraph_end_and_reopened_quotation() -> None:
    text = "“We asked for this road for ten years.“\n\nNext."
    (f,) = _findings(text, "TQ360")
    assert f.fixes[0].safe and _apply(text, f).startswith("“We asked for this road for ten years.”")
    text = "“The harvest was good. “Next year we plan more.”"
    (f,) = _findings(text, "TQ360")
    assert text[f.span.start : f.span.end] == "“" and f.span.start > 0


def test_said_without_comma_needs_a_quoted_sentence() -> None:
    (f,) = _findings("The mayor said “We will build the school next spring.”", "TQ360")
    assert f.fixes[0].safe
    assert _findings("The mayor said “no” twice and “Hamlet” once.", "TQ360") == []


def test_dialogue_dash_needs_evidence_of_speech() -> None:
    text = "The session opened.\n\n- We have repaired nine schools, the rest will follow."
    (f,) = _findings(text, "TQ361")
    assert text[f.span.start : f.span.end] == "- We have repaired nine"
    assert _findings("Agenda:\n- New roads in three districts.\n- A school in the north.", "TQ361") == []
    assert _findings("The score was 3-1. - Three days later the team left.", "TQ361") == []


def test_quoted_proper_names_warning_and_info() -> None:
    (f,) = _findings("Traffic on the “Struma” highway was stopped.", "TQ362")
    assert f.severity == Severity.WARNING and f.fixes[0].edits[0].replacement == "Struma"
    (f,) = _findings("The detainees were passed to the “Municipal Guard”.", "TQ362")
    assert f.severity == Severity.INFO
    assert _findings("She sang “Yesterday” and “Let It Be” at the concert.", "TQ362") == []


def test_dotted_time_is_a_warning_only_with_a_time_cue() -> None:
    (f,) = _findings("On March 3, at 22.15, the sirens sounded in the city.", "TQ363")
    assert f.severity == Severity.WARNING and f.fixes[0].edits[0].replacement == "10:15 p.m."
    (f,) = _findings("They met at 18.00 and talked.", "TQ363")
    assert f.severity == Severity.INFO and f.fixes[0].edits[0].replacement == "6 p.m."
    assert _findings("The shares closed at 18.45 on Monday.", "TQ363") == []
    assert _findings("The fuel price was at 22.15 lira on Monday.", "TQ363") == []


def test_thousand_and_dash_and_month_fixes() -> None:
    text = "About 12 thousand visitors came."
    (f,) = _findings(text, "TQ364")
    assert _apply(text, f) == "About 12,000 visitors came." and f.fixes[0].safe
    text = "The driver of the lorry –Ivan Petrov was held."
    (f,) = _findings(text, "TQ365")
    assert _apply(text, f) == "The driver of the lorry – Ivan Petrov was held."
    text = "Almaty, Mar.14, 2021."
    (f,) = _findings(text, "TQ368")
    assert _apply(text, f) == "Almaty, Mar. 14, 2021." and f.severity == Severity.INFO


def test_transposed_letters_and_initials() -> None:
    text = "The regional Adminsitration published the figures."
    (f,) = _findings(text, "TQ366")
    assert _apply(text, f) == "The regional Administration published the figures."
    assert _findings("Kochanova, Mirzayev and Syniehubov spoke in Kharkiv.", "TQ366") == []
    (f,) = _findings("“It goes to court,” R. Mammadov said.", "TQ367")
    assert f.severity == Severity.INFO and not f.fixes
    assert _findings("George W. Bush said so.", "TQ367") == []


def test_every_confused_phrase_fires_on_its_wrong_word_only() -> None:
    for phrase, wrong, meant, source in bundled_table("confused-words.tsv", 4, "4 columns"):
        assert source in ("BRIANS", "MW")
        text = f"They said {phrase} today."
        (f,) = _findings(text, "TQ208")
        assert text[f.span.start : f.span.end] == wrong
        assert f.fixes[0].edits[0].replacement == meant and not f.fixes[0].safe
    assert _findings("The army's rout ended the war; the route bus left.", "TQ208") == []


def test_percent_dropped_in_a_list() -> None:
    text = "Burglaries fell by 5.2%, street robberies by 11%, pickpocketing by 3.9, and fraud by 2%."
    (f,) = _findings(text, "TQ369")
    assert text[f.span.start : f.span.end] == "by 3.9"
    assert _findings("Burglaries fell by 5.2%. The team won by 3, and left.", "TQ369") == []


def test_quiet_on_professional_english(quality_mtgrammar: ModuleType) -> None:
    """The MQM TED human references and the original English of MLQE-PE en-de: no warnings."""
    words, alarms = quality_mtgrammar.professional_alarms(CODES, warnings_only=True)
    assert words > 10_000
    assert alarms == []


_PIECES = st.lists(
    st.sampled_from(
        [
            "“We won.” he said. ",
            "at 22.15 on Monday ",
            "12 thousand ",
            " –Word ",
            "Mar.14 ",
            "\n\n- We left. ",
            "the “Struma” highway ",
            "Adminsitration ",
            "R. Mammadov said ",
            "by 4%, by 5%, by 6, ",
            "said “We will see it all.” ",
            "plain words ",
            "“",
            "”",
            '"',
            ".",
        ]
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(_PIECES)
def test_spans_are_inside_the_text_and_safe_fixes_silence_the_rule(pieces: list[str]) -> None:
    text = "".join(pieces)
    for f in check_text(text, select=list(CODES)):
        assert 0 <= f.span.start < f.span.end <= len(text)
        if f.fixes and f.fixes[0].safe and f.rule in ("TQ364", "TQ365", "TQ368"):
            fixed = _apply(text, f)
            again = [g for g in check_text(fixed, select=[f.rule]) if g.span.start == f.span.start]
            assert again == [], (f.rule, text, fixed)


def test_scans_are_linear() -> None:
    """Doubling a hostile input about doubles the time (no catastrophic backtracking)."""
    unit = "“a b. “c d. at 12.30 by 4%, by 5, 10 thousand – x –y Feb.3 “A B” road K. Ab said \n- We "
    check_text(unit, select=list(CODES))
    times = []
    for n in (500, 2000):
        text = unit * n
        best = float("inf")
        for _ in range(3):
            gc.collect()
            gc.disable()
            try:
                t0 = time.process_time()
                check_text(text, select=list(CODES))
                best = min(best, time.process_time() - t0)
            finally:
                gc.enable()
        times.append(best)
    assert times[1] < times[0] * 8  # four times the text: linear is ~4x, quadratic ~16x
