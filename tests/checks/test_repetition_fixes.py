"""Issue 14: TQ202 fixes never break grammar and always follow one strategy."""

from __future__ import annotations

import pytest

from tqkit.api import check_text


def _fixed(text: str) -> list[str]:
    out = []
    for f in check_text(text, select=["TQ202"]):
        for fix in f.fixes:
            e = fix.edits[0]
            out.append(text[: e.span.start] + e.replacement + text[e.span.end :])
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The government decided to strengthen the strengthening of the border.",
            ["The government decided to strengthen the border."],
        ),
        (
            "Rebels fighting the fighting near the border refused to leave.",
            ["Rebels fighting near the border refused to leave."],
        ),
        ("None of the big shots were fighting the fighting.", ["None of the big shots were fighting."]),
        ("They tried to influence Russian influence in the region.", []),  # the editor picks a verb
    ],
)
def test_one_grammatical_strategy(text: str, expected: list[str]) -> None:
    assert _fixed(text) == expected


def test_two_findings_in_one_article_prefer_the_same_strategy() -> None:
    text = "Rebels fighting the fighting refused to leave. The ministry wanted to control the control of prices."
    titles = [f.fixes[0].title for f in check_text(text, select=["TQ202"]) if f.fixes]
    assert len(titles) == 2 and all(t.startswith("Keep only the first") for t in titles)


@pytest.mark.parametrize(
    "text",
    [
        "Its leader, of the banned Group 24 opposition group, was jailed.",
        "The banned Group 24 opposition group was outlawed in 2014.",
    ],
)
def test_a_name_before_its_common_noun_is_no_repetition(text: str) -> None:
    assert check_text(text, select=["TQ202"]) == []


def test_a_capital_at_the_sentence_start_says_nothing_about_names() -> None:
    assert check_text("Monitoring the monitors took a week.", select=["TQ202"])
