"""Fast paths of rules (C-level passes instead of a Python loop per word) give exactly what
their word-by-word reference gives."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tqkit.checks.repetition_clause import _LONG_WORD_RE, _ROOT_REACH, root_pairs

_WORDS = ["peace", "peaceful", "peacefully", "award", "awarded", "awards", "the", "talks", "talking", "x"]
_SEPS = [" ", "  ", ", ", "\n", "-", "é", ". "]


def root_pairs_reference(text: str) -> list[int]:
    """Each long word paired with the next long word of the same first four letters."""
    words = [(m.start(), m[1], m[0]) for m in _LONG_WORD_RE.finditer(text)]
    pairs = []
    for i, (at, key, word) in enumerate(words):
        nxt = next((w for w in words[i + 1 :] if w[1] == key), None)
        if nxt is not None and nxt[0] - at <= _ROOT_REACH and nxt[2] != word:
            pairs.append((nxt[0], at))
    return [at for _q, at in sorted(pairs)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), max_size=80))
def test_root_pairs_equal_the_reference(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    assert root_pairs(text) == root_pairs_reference(text)


def test_root_pairs_on_a_long_text() -> None:
    rng = random.Random(7)
    text = "".join(rng.choice(_WORDS) + rng.choice(_SEPS) for _ in range(3_000))
    got = root_pairs(text)
    assert got == root_pairs_reference(text)
    assert len(got) > 100
