"""The gazetteer's forms (30,000 spellings -> entity and status) as a read-only mapping over
one sorted block of bytes, for its cache entry.

Unpacking the forms as a dict of 30,000 strings cost more than the rest of loading the
gazetteer, while a check looks up a few hundred capitalised words. :func:`encode` keeps every
form once, sorted (UTF-8 bytes, one per line), with two arrays: where each form starts and its
code; a :class:`FormTable` answers ``get`` and ``in`` with a binary search, remembered per form,
and makes no per-form object until a form is asked for.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping

from tqkit.wordcache import find_sorted


def encode(forms: Mapping[str, int]) -> tuple[bytes, bytes, bytes]:
    """(the sorted forms, one per line; their start offsets; their codes): three byte strings
    (the arrays in this machine's byte order, as the cache is)."""
    items = sorted((k.encode("utf-8", "surrogatepass") + b"\n", v) for k, v in forms.items())
    starts, codes = array("I", [0]), array("I")
    for k, v in items:
        starts.append(starts[-1] + len(k))
        codes.append(v)
    return b"".join(k for k, _ in items), starts.tobytes(), codes.tobytes()


class FormTable(Mapping[str, int]):
    """The forms of a cache entry (see the module docstring); raises ValueError when the three
    parts do not fit together."""

    __slots__ = ("_block", "_codes", "_memo", "_n", "_starts")

    def __init__(self, block: bytes, starts: bytes, codes: bytes) -> None:
        self._block = block
        self._starts, self._codes = array("I"), array("I")
        self._starts.frombytes(starts)
        self._codes.frombytes(codes)
        self._n = len(self._codes)
        if len(self._starts) != self._n + 1 or self._starts[0] != 0 or self._starts[-1] != len(block):
            raise ValueError("gazetteer form table does not add up")
        self._memo: dict[str, int | None] = {}

    def get(self, key: object, default: int | None = None) -> int | None:  # type: ignore[override]
        code = self._memo.get(key, -1) if isinstance(key, str) else None
        if code == -1:
            assert isinstance(key, str)
            i = find_sorted(self._block, self._starts, self._n, key)
            code = self._memo[key] = self._codes[i] if i >= 0 else None
        return default if code is None else code

    def __getitem__(self, key: str) -> int:
        code = self.get(key)
        if code is None:
            raise KeyError(key)
        return code

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        block, starts = self._block, self._starts
        for i in range(self._n):
            yield block[starts[i] : starts[i + 1] - 1].decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return self._n
