"""The pack matcher's two key scans (tqkit.packs.keyscan): the bounded automaton finds exactly
the whole-word hits of the plain automaton with its neighbour test, and of a brute-force
search."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tqkit.packs.keyscan import BOUNDED_AFTER, KeyScan

_KEYS = frozenset({"a", "s", "it", "the", "there", "co-op", "op", "it's", "peace", "peaceful", "é", "e\u0301", "u.s"})
# letters the keys hold, their neighbours that decide a word's edge, and others
_ALPHABET = st.sampled_from(
    [*"aesthiropcfu", "it's", "co-op", "peace", "u.s", *" \n\t'-_.,\"’‘()0123456789\x00\ufffcéÉ\u0301ıİßÅ"]
)


def _bounded(scan: KeyScan, text: str) -> list[tuple[int, str]]:
    return [(j - 2, key) for j, key in scan._bounded_hits(text)]


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
def test_bounded_scan_equals_plain_scan_and_brute_force(parts: list[str]) -> None:
    text = "".join(parts)
    scan = KeyScan(_KEYS)
    assert scan._can_bound is False  # (a key holding a mark or a full stop keeps it plain)
    assert set(scan._plain_hits(text)) == _brute(_KEYS, text)
    keys = frozenset(k for k in _KEYS if k not in ("e\u0301", "u.s"))
    scan = KeyScan(keys)
    assert scan._can_bound
    expected = _brute(keys, text)
    plain = list(scan._plain_hits(text))
    bounded = _bounded(scan, text)
    assert set(plain) == expected
    assert set(bounded) == expected
    assert len(bounded) == len(expected)  # (each hit once)


def test_bounded_scan_over_pieces() -> None:
    """A long text is fed to the automaton a piece at a time; hits across the pieces' edges and
    at the text's ends are found."""
    text = ("the co-op's peace, there_s " * 40_000) + "it"
    keys = frozenset({"the", "co-op", "peace", "it", "s", "op"})
    scan = KeyScan(keys)
    assert sorted(_bounded(scan, text)) == sorted(_brute(keys, text))


def test_bounded_scan_is_used_after_long_texts() -> None:
    scan = KeyScan(frozenset({"the"}))
    hits, shift = scan.hits("the cat")
    assert (list(hits), shift) == ([(2, "the")], 0)
    assert scan._bounded is None
    list(scan.hits("x" * BOUNDED_AFTER)[0])
    assert scan._bounded is not None
    hits, shift = scan.hits("the cat the")
    assert [(j - shift, key) for j, key in hits] == [(2, "the"), (10, "the")]
