"""The pack matcher's gates are necessary conditions: a token that satisfies a condition always
passes its gate (so gating never loses a match)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tqkit.packs.gates import CAP_GATE, DIGIT_GATE, gate_ok, regex_gate
from tqkit.packs.pattern import RX
from tqkit.text.fold import fold

REGEXES = [
    r"\/",
    r"(january|february|march)",
    r"\d{4}",
    r"(0?[1-9]|[12][0-9]|3[01])\.(0?[1-9]|1[0-2])\.(19|20)[0-9]{2}",
    r"[a-z]+",
    r"(?:ab)?c",
    r"x\b",
    r"informs?|informed",
    r"[A-Z][a-z]+",
    r"(?=s)[a-z]+",
]
TOKENS = st.text(alphabet="abcfjimnsxyzIKS0129/.\u0130\u0131\u017f\u212a", min_size=1, max_size=12)


def test_simple_regexes_get_gates() -> None:
    assert regex_gate(r"\/", re.I, True) == frozenset("/")
    assert regex_gate(r"(january|february)", re.I, True) == frozenset("jf")
    assert regex_gate(r"(january|february)", re.I, False) == frozenset("y")
    assert regex_gate(r"\d{4}", 0, True) is DIGIT_GATE
    assert regex_gate(r"[^a]", 0, True) is None  # a negated class: no cheap test
    assert regex_gate(r"(?i:a)b", 0, True) is None  # local flags: no cheap test
    assert CAP_GATE != DIGIT_GATE


@given(st.sampled_from(REGEXES), st.booleans(), TOKENS)
def test_regex_gate_never_rejects_a_match(pattern: str, case: bool, token: str) -> None:
    flags = 0 if case else re.I
    rx = re.compile(pattern, flags)
    folded = fold(token)
    text = token if case else folded  # as the matcher's _tok_ok reads a RX condition
    if rx.fullmatch(text) is None:
        return
    for first, p in ((True, 0), (False, len(token) - 1)):
        g = regex_gate(pattern, flags, first)
        if g is not None:
            assert gate_ok(g, token, folded, p), (pattern, case, token, first)


def test_rx_condition_uses_regex_gate() -> None:
    from tqkit.packs.gates import gate

    cond = (RX, re.compile(r"(may|june)", re.I), False)
    assert gate(cond, 1) == frozenset("mj")
    assert gate(cond, -1) == frozenset("ye")


def test_one_letter_keys_match_as_words_only() -> None:
    from tqkit.packs.keyscan import KeyScan

    # the one-letter key alone, never inside a word or after a hyphen
    text = "a cat, a-b x-a _a ab a"
    scan = KeyScan({"a", "ab"})
    assert scan._singles is None
    assert [s for s, k in scan.hits(text) if k == "a"] == [0, 7, 21]
    assert scan._singles is not None
