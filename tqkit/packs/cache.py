"""The compiled-packs cache: one file per set of pack files, data only (``marshal`` of tuples,
dicts, strings, numbers, booleans and None: marshal builds data and never runs code), behind
a magic line and a BLAKE2 digest of the payload, so that a damaged or truncated entry is
refused before anything is decoded. Regexes are stored as their source and compiled again
(after the same linear-safety check as on load) when a token is first tested against them.

An entry holds the packs, every entry's hot fields decoded at load and its other fields as a
blob decoded on first use, the condition table, and the candidate index of each matcher (per
language, and the transliteration matcher), each key's candidates decoded the first time the
key is hit (:mod:`tqkit.packs.lazy`): loading the bundled set costs a few milliseconds instead
of decoding and indexing 1,000 entries. A corrupt entry is ignored with a note and rebuilt from
the pack files.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tqkit.cachestore import keep_newest, paused_gc, store_cache_entry
from tqkit.errors import CacheError
from tqkit.findings import Severity
from tqkit.packs.engine import Matcher
from tqkit.packs.lazy import CachedEntry, Conds, LazyCandidates, LazyRegex, enc_candidates, enc_cold, enc_cond
from tqkit.packs.model import Entry, Pack

CACHE_FORMAT = "tqkit-packs-cache-3"
CACHE_SUFFIX = ".marshal"
CACHE_MAX_BYTES = 64 * 1024 * 1024
KEEP_CACHED = 8
MAGIC = b"tqkit-packs-3\n"
_DIGEST = 32

# the fields of an entry decoded at load (the others: tqkit.packs.lazy.COLD_FIELDS)
HOT_FIELDS = ("id", "pack", "rule", "kind", "target_lang", "context", "path", "line", "severity")
_SEVERITIES = {s.label: s for s in Severity}

__all__ = ["CACHE_SUFFIX", "KEEP_CACHED", "LazyRegex", "decode", "encode", "read", "write"]


class _Table:
    """Conditions stored once (patterns share many: the same alternatives, the same words)."""

    def __init__(self) -> None:
        self.index: dict[tuple[Any, ...], int] = {}

    def ref(self, c: tuple[Any, ...]) -> int:
        enc = enc_cond(c)
        i = self.index.get(enc)
        if i is None:
            i = self.index[enc] = len(self.index)
        return i


def _hot(e: Entry) -> tuple[Any, ...]:
    return (*(getattr(e, f) for f in HOT_FIELDS[:-1]), e.severity.label)


def _indexes(matchers: Mapping[str, Matcher], ref: Any) -> dict[str, tuple[int, dict[str, bytes]]]:
    """The candidate index of each matcher, with its number of entries."""
    return {
        name: (len(m.entries), {key: enc_candidates(list(cands), ref) for key, cands in m.candidates.items()})
        for name, m in matchers.items()
    }


def encode(packs: Sequence[Pack], matchers: Mapping[str, Matcher], key: str) -> bytes:
    """The entry for the compiled ``packs`` and the ``matchers`` of the set (by name)."""
    table = _Table()
    records = [
        (
            pk.id,
            pk.path,
            pk.title,
            pk.target_lang,
            pk.source_lang,
            dict(pk.references),
            pk.line,
            tuple((_hot(e), enc_cold(e, table.ref)) for e in pk.entries),
        )
        for pk in packs
    ]
    indexes = _indexes(matchers, table.ref)
    conds = tuple(marshal.dumps(c) for c in table.index)  # (each decoded when first needed)
    payload = marshal.dumps((CACHE_FORMAT, key, tuple(records), conds, indexes))
    return MAGIC + hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload


def _entry(hot: tuple[Any, ...], blob: bytes, conds: Conds) -> Entry:
    e = CachedEntry.__new__(CachedEntry)
    d = dict(zip(HOT_FIELDS, hot, strict=True))
    d["severity"] = _SEVERITIES[d["severity"]]
    d["_cold"] = (blob, conds)
    e.__dict__ = d
    return e


def decode(raw: bytes, key: str) -> tuple[list[Pack], dict[str, tuple[int, LazyCandidates]]]:
    """The packs and the candidate indexes of an entry; raises :class:`CacheError` (or another
    exception of the decoder) when it is not an intact entry of this version for ``key``."""
    head = len(MAGIC) + _DIGEST
    if not raw.startswith(MAGIC) or len(raw) <= head:
        raise CacheError("not a tqkit packs cache entry")
    payload = memoryview(raw)[head:]
    if hashlib.blake2b(payload, digest_size=_DIGEST).digest() != raw[len(MAGIC) : head]:
        raise CacheError("damaged (digest mismatch)")
    with paused_gc():
        fmt, got_key, packs_raw, conds_raw, indexes_raw = marshal.loads(payload)
        if fmt != CACHE_FORMAT or got_key != key:
            raise CacheError("not a tqkit packs cache entry for these files")
        conds = Conds(conds_raw)
        packs = []
        for pid, path, title, target, source, refs, line, entries in packs_raw:
            pack = Pack(
                id=pid, path=path, title=title, target_lang=target, source_lang=source, references=refs, line=line
            )
            pack.entries = [_entry(hot, blob, conds) for hot, blob in entries]
            packs.append(pack)
        indexes = {name: (n, LazyCandidates(raw_index, conds)) for name, (n, raw_index) in indexes_raw.items()}
    return packs, indexes


# -- files ------------------------------------------------------------------------------------


def read(entry: Path, key: str) -> tuple[list[Pack], dict[str, tuple[int, LazyCandidates]]] | None:
    """The cached packs and indexes, or ``None`` (no entry; a corrupt one is removed, with a note)."""
    try:
        if entry.stat().st_size > CACHE_MAX_BYTES:
            raise CacheError("entry too large")
        raw = entry.read_bytes()
    except FileNotFoundError:
        return None
    except (OSError, CacheError) as exc:
        _note(f"{entry}: packs cache entry ignored ({exc}); rebuilding it")
        return None
    try:
        got = decode(raw, key)
    except Exception as exc:  # marshal and unpacking raise several classes: all mean "corrupt"
        _note(f"{entry}: corrupt packs cache entry ignored ({str(exc)[:80]}); rebuilding it")
        with contextlib.suppress(OSError):
            entry.unlink()
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: evicted last
    return got


def write(entry: Path, packs: Sequence[Pack], matchers: Mapping[str, Matcher], key: str) -> None:
    try:
        packed = encode(packs, matchers, key)
    except (ValueError, TypeError, OverflowError):
        return
    store_cache_entry(entry, packed, CACHE_MAX_BYTES, _evict)


_evict = keep_newest(f"packs-*{CACHE_SUFFIX}", KEEP_CACHED)


def _note(message: str) -> None:
    import sys

    sys.stderr.write(f"tqkit: note: {message}\n")
