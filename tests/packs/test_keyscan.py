"""The pack matcher's key scan (tqkit.packs.keyscan): its whole-word hits are those of a
brute-force search, and the candidate selection (tqkit.packs.index.gated_hits) keeps exactly
the whole-word hits of the raw automaton hits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tqkit.packs.keyscan import KeyScan

_KEYS = frozenset({"a", "s", "it", "the", "there", "co-op", "op", "it's", "peace", "peaceful", "e\u0301", "u.s"})
# letters the keys hold, their neighbours that decide a word's edge, and others
_ALPHABET = st.sampled_from(
    [*"aesthiropcfu", "it's", "co-op", "peace", "u.s", *" \n\t'-_.,\"’‘()0123456789\x00\ufffcéÉ\u0301ıİßÅ"]
)


def _brute(keys: frozenset[str], text: str) -> set[tuple[int, str]]:
    out = set()
    for key in keys:
        start = text.find(key)
        while start >= 0:
            end = start + len(key)
            before_ok = start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "-_")
            after_ok = end == len(text) or not text[end].isalnum()
            if before_ok and after_ok:
                out.add((end - 1, key))
            start = text.find(key, start + 1)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60))
def test_whole_word_hits_equal_brute_force(parts: list[str]) -> None:
    from tqkit.packs.index import gated_hits

    text = "".join(parts)
    scan = KeyScan(_KEYS)
    hits = list(scan.hits(text))
    assert set(hits) == _brute(_KEYS, text)
    assert len(hits) == len(set(hits))
    # gated_hits tests the same edges inline on the raw hits (every key here has one candidate
    # without a gate, so every whole-word hit comes out)
    cands = {k: [(0, 0, 0, 0, None, None, 0, None)] for k in _KEYS}
    got = {(e - 1, key) for _s, e, key, _sel, _edge in gated_hits(scan.raw_hits(text), cands, {}, text, text)}
    assert got == set(hits)
