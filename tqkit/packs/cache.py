"""The compiled-packs cache: data only (msgpack of maps, lists, strings, numbers, booleans and
nil; extension types refused), like the glossary cache. Loading it never runs code: regexes are
stored as their source and compiled again (after the same linear-safety check as on load), and
every record is type-checked while it is decoded; anything unexpected makes the entry corrupt,
and a corrupt entry is ignored with a note and rebuilt from the pack files.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

from tqkit.cachestore import keep_newest, store_cache_entry
from tqkit.errors import CacheError
from tqkit.findings import Severity
from tqkit.packs.model import Entry, Example, Pack
from tqkit.packs.pattern import ANC, CLS, GAP, LIT, RX, check_regex

CACHE_FORMAT = "tqkit-packs-cache"
CACHE_SUFFIX = ".msgpack"
CACHE_MAX_BYTES = 64 * 1024 * 1024
KEEP_CACHED = 8

_ENTRY_FIELDS = (
    "id",
    "pack",
    "message",
    "category",
    "source",
    "source_lang",
    "reference",
    "context",
    "rule",
    "kind",
    "path",
    "target_lang",
)


# -- encoding ---------------------------------------------------------------------------------


def _enc_cond(c: tuple[Any, ...]) -> tuple[Any, ...]:
    kind = c[0]
    if kind == LIT:
        return (LIT, tuple(sorted(c[1])), c[2], bool(c[3]), c[4], tuple(_enc_cond(o) for o in c[6]))
    if kind == GAP:
        return (GAP, c[1], c[2]) if len(c) < 4 else (GAP, c[1], c[2], _enc_cond(c[3]))
    if kind == RX:
        return (RX, c[1].pattern, bool(c[2]))
    if kind == ANC:
        return (ANC, c[1], _enc_cond(c[2]))
    return (CLS, c[1])


class _Table:
    """Conditions stored once (patterns share many: the same alternatives, the same words)."""

    def __init__(self) -> None:
        self.index: dict[tuple[Any, ...], int] = {}

    def ref(self, c: tuple[Any, ...]) -> int:
        enc = _enc_cond(c)
        i = self.index.get(enc)
        if i is None:
            i = self.index[enc] = len(self.index)
        return i


def _enc_piece(p: tuple[Any, ...]) -> list[Any]:
    if p[0] == "~":
        return ["~", p[1], dict(p[2]), p[3]]
    return list(p)


def _enc_entry(e: Entry, table: _Table) -> dict[str, Any]:
    out: dict[str, Any] = {f: getattr(e, f) for f in _ENTRY_FIELDS}
    out.update(
        patterns=list(e.patterns),
        suggest=list(e.suggest),
        severity=e.severity.label,
        safe=e.safe,
        source_match=list(e.source_match),
        unless=list(e.unless),
        line=e.line,
        fires=[[x.text, x.source, x.line] for x in e.fires],
        quiet=[[x.text, x.source, x.line] for x in e.quiet],
        compiled=[[table.ref(c) for c in conds] for conds in e.compiled],
        compiled_unless=[[table.ref(c) for c in conds] for conds in e.compiled_unless],
        templates=[[_enc_piece(p) for p in t] for t in e.templates],
        anchors=list(e.extra.get("anchors", ())),
    )  # (the lines of patterns serve compile errors only: a cached set compiled cleanly)
    return out


def encode(packs: list[Pack], key: str) -> bytes:
    import msgpack

    table = _Table()
    doc: dict[str, Any] = {
        "format": CACHE_FORMAT,
        "key": key,
        "packs": [
            {
                "id": pk.id,
                "path": pk.path,
                "title": pk.title,
                "target_lang": pk.target_lang,
                "source_lang": pk.source_lang,
                "references": dict(pk.references),
                "line": pk.line,
                "entries": [_enc_entry(e, table) for e in pk.entries],
            }
            for pk in packs
        ],
    }
    doc["conds"] = list(table.index)
    packed: bytes = msgpack.packb(doc, use_bin_type=True)
    return packed


# -- decoding ---------------------------------------------------------------------------------


class LazyRegex:
    """A pack's regex token, compiled (after the linear-safety check) the first time a token is
    tested against it: most of a set's regexes are never reached on a given text, and compiling
    them all cost a fifth of loading the set. A source that fails the check (a tampered cache
    entry) never matches."""

    __slots__ = ("_rx", "flags", "pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags
        self._rx: re.Pattern[str] | None = None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        rx = self._rx
        if rx is None:
            try:
                check_regex(self.pattern)
                rx = re.compile(self.pattern, self.flags)
            except (ValueError, re.error):  # (PatternError is a ValueError)
                rx = re.compile(r"(?!)")
            self._rx = rx
        return rx.fullmatch(text)


# msgpack returns arrays as tuples (``use_list=False``), which is what the engine uses; records
# are checked for their shape and kind, and any error while decoding makes the entry corrupt.

_STR_TYPES = (str,)


def _strs(v: Any) -> tuple[str, ...]:
    if not isinstance(v, tuple) or not all(isinstance(x, str) for x in v):
        raise CacheError("expected a list of strings")
    return v


def _dec_cond(c: Any, regexes: dict[tuple[str, bool], LazyRegex]) -> tuple[Any, ...]:
    kind = c[0]
    if kind == LIT and len(c) == 6:
        # (forms that are not strings could only fail to match: not checked one by one)
        return (
            LIT,
            frozenset(c[1]),
            c[2],
            bool(c[3]),
            int(c[4]),
            None,
            tuple(_dec_cond(o, regexes) for o in c[5]) if c[5] else (),
        )
    if kind == GAP and len(c) == 3:
        return (GAP, int(c[1]), int(c[2]))
    if kind == GAP and len(c) == 4:
        return (GAP, int(c[1]), int(c[2]), _dec_cond(c[3], regexes))
    if kind == RX and len(c) == 3:
        k = (str(c[1]), bool(c[2]))
        rx = regexes.get(k)
        if rx is None:
            rx = regexes[k] = LazyRegex(k[0], 0 if k[1] else re.I)
        return (RX, rx, k[1])
    if kind == CLS and len(c) == 2 and c[1] in ("NUM", "CAP", "PUNCT"):
        return (CLS, c[1])
    if kind == ANC and len(c) == 3 and c[1] in ("p", "s"):
        return (ANC, c[1], _dec_cond(c[2], regexes))
    raise CacheError("unknown condition record")


def _dec_piece(p: Any) -> tuple[Any, ...]:
    if not isinstance(p, tuple) or not p:
        raise CacheError("unknown template record")
    if p[0] == "t" and len(p) == 2 and isinstance(p[1], str):
        return p
    if p[0] == "$" and len(p) == 2 and isinstance(p[1], int):
        return p
    if p[0] == "~" and len(p) == 4 and isinstance(p[2], dict):
        return p
    raise CacheError("unknown template record")


def _dec_examples(v: Any) -> tuple[Example, ...]:
    out = tuple(map(Example._make, v))
    if not all(
        isinstance(x.text, str) and isinstance(x.line, int) and (x.source is None or isinstance(x.source, str))
        for x in out
    ):
        raise CacheError("bad example record")
    return out


def _dec_entry(d: Any, conds: list[tuple[Any, ...]]) -> Entry:
    fields: dict[str, Any] = {f: d[f] for f in _ENTRY_FIELDS}
    if not all(isinstance(x, str) for x in fields.values()):
        raise CacheError("expected strings")
    e = Entry(**fields, patterns=_strs(d["patterns"]))
    e.suggest = _strs(d["suggest"])
    e.severity = Severity.parse(str(d["severity"]))
    e.safe = bool(d["safe"])
    e.source_match = _strs(d["source_match"])
    e.unless = _strs(d["unless"])
    e.line = int(d["line"])
    e.fires = _dec_examples(d["fires"])
    e.quiet = _dec_examples(d["quiet"])
    e.compiled = tuple(tuple(conds[i] for i in pattern) for pattern in d["compiled"])
    e.compiled_unless = tuple(tuple(conds[i] for i in pattern) for pattern in d["compiled_unless"])
    e.templates = tuple(tuple(_dec_piece(p) for p in t) for t in d["templates"])
    anchors = tuple(int(a) for a in d["anchors"])
    if len(anchors) != len(e.compiled) or any(
        not 0 <= a < len(c) or c[a][0] != LIT for a, c in zip(anchors, e.compiled, strict=True)
    ):
        raise CacheError("bad anchors")
    e.extra = {"anchors": anchors}
    return e


def decode(raw: bytes, key: str) -> list[Pack]:
    import msgpack

    def refuse_ext(code: int, data: bytes) -> Any:
        raise CacheError(f"extension type {code} in a data-only cache")

    doc = msgpack.unpackb(raw, raw=False, use_list=False, strict_map_key=False, ext_hook=refuse_ext)
    if not isinstance(doc, dict) or doc.get("format") != CACHE_FORMAT or doc.get("key") != key:
        raise CacheError("not a tqkit packs cache entry for these files")
    packs = []
    regexes: dict[tuple[str, bool], LazyRegex] = {}
    conds = [_dec_cond(c, regexes) for c in doc["conds"]]
    for d in doc["packs"]:
        refs = d["references"]
        if not isinstance(refs, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in refs.items()):
            raise CacheError("bad references")
        pack = Pack(
            id=str(d["id"]),
            path=str(d["path"]),
            title=str(d["title"]),
            target_lang=str(d["target_lang"]),
            source_lang=str(d["source_lang"]),
            references=dict(refs),
            line=int(d["line"]),
        )
        pack.entries = [_dec_entry(e, conds) for e in d["entries"]]
        packs.append(pack)
    return packs


# -- files ------------------------------------------------------------------------------------


def read(entry: Path, key: str) -> list[Pack] | None:
    """The cached packs, or ``None`` (no entry; a corrupt one is removed, with a note)."""
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
        packs = decode(raw, key)
    except Exception as exc:  # msgpack raises several classes; any of them means "corrupt"
        _note(f"{entry}: corrupt packs cache entry ignored ({str(exc)[:80]}); rebuilding it")
        with contextlib.suppress(OSError):
            entry.unlink()
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: evicted last
    return packs


def write(directory: Path, entry: Path, packs: list[Pack], key: str) -> None:
    try:
        packed = encode(packs, key)
    except (ValueError, TypeError, OverflowError):
        return
    store_cache_entry(entry, packed, CACHE_MAX_BYTES, _evict)


_evict = keep_newest(f"packs-*{CACHE_SUFFIX}", KEEP_CACHED)


def _note(message: str) -> None:
    import sys

    sys.stderr.write(f"tqkit: note: {message}\n")
