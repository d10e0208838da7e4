"""Audit inputs, streamed: text files (directories, globs) and JSON Lines or Parquet tables of
articles become :class:`Item` records one at a time, grouped into partitions of N articles.

Nothing here holds the archive: directories are walked one directory at a time, JSON Lines
are read line by line (with a cap, so a 50 MB line is never held whole), Parquet files batch
by batch. A row that cannot be audited (invalid UTF-8, too large, no text) becomes an error
item: it is listed in the errors table of its partition and the audit goes on.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from tqkit.errors import AuditInputError
from tqkit.readers import WALK_SUFFIXES

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
TABLE_SUFFIXES = JSONL_SUFFIXES + PARQUET_SUFFIXES
AUDIT_SUFFIXES = WALK_SUFFIXES + TABLE_SUFFIXES
# Columns with a meaning; every other column is metadata (kept as text, e.g. ``desk``).
ID_KEYS = ("id",)
TEXT_KEYS = ("text",)
SOURCE_KEYS = ("source_text", "source")
LANG_KEYS = ("source_lang", "source_language")
DATE_KEYS = ("date", "published")
DEFAULT_MAX_ARTICLE = 5 * 1024 * 1024  # bytes: a news article is a few kB


@dataclass(slots=True)
class Item:
    """One article, or one row that could not be read (``error`` set)."""

    id: str
    origin: str  # the input file
    row: int  # 1-based line (JSON Lines), row (Parquet) or 0 for a text file
    text: str | None = None  # table rows
    data: bytes | None = None  # text files: raw bytes, parsed by tqkit's reader on the worker
    path: str | None = None  # text files: the path (picks the reader, and the config)
    source: str | None = None
    source_lang: str | None = None
    date: str | None = None
    # The row's other columns (desk, author...): the audit carries them into its findings and
    # articles tables (a column whose name a table uses gets a ``meta_`` prefix there).
    columns: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        return len(self.text or "")


def _is_glob(raw: str) -> bool:
    return any(c in raw for c in "*?[")


def _walk_dir(p: Path) -> Iterator[str]:
    """The audit files under a directory, hidden ones and ``__pycache__`` skipped, sorted."""
    for root, dirs, files in os.walk(p):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            if Path(name).suffix.lower() in AUDIT_SUFFIXES and not name.startswith("."):
                yield str(Path(root) / name)


def _glob_files(pattern: str) -> Iterator[str]:
    return (name for name in glob.iglob(pattern, recursive=True) if os.path.isfile(name))


def expand(inputs: list[str]) -> Iterator[tuple[str, str | None]]:
    """``(file, error)`` pairs for the command-line inputs, in a stable order."""
    for raw in inputs:
        p = Path(raw)
        if p.is_file():
            yield raw, None
            continue
        if p.is_dir():
            found, missing = _walk_dir(p), f"{raw}: no .txt, .md, .jsonl or .parquet files in this directory"
        elif _is_glob(raw):
            found, missing = _glob_files(raw), f"{raw}: the pattern matches no file"
        else:
            yield raw, f"{raw}: no such file or directory"
            continue
        any_found = False
        for name in found:
            any_found = True
            yield name, None
        if not any_found:
            yield raw, missing


def count_articles(inputs: list[str]) -> int | None:
    """How many articles the inputs hold, counted cheaply (for the progress bar)."""
    total = 0
    for path, err in expand(inputs):
        if err:
            continue
        suffix = Path(path).suffix.lower()
        try:
            if suffix in PARQUET_SUFFIXES:
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            elif suffix in JSONL_SUFFIXES:
                with open(path, "rb") as fh:
                    last = b"\n"
                    while chunk := fh.read(1 << 20):
                        total += chunk.count(b"\n")
                        last = chunk[-1:]
                    total += last != b"\n"
            else:
                total += 1
        except Exception:
            return None
    return total


def items(inputs: list[str], max_bytes: int = DEFAULT_MAX_ARTICLE, errors: list[str] | None = None) -> Iterator[Item]:
    """Every article of the inputs. File-level problems (a missing text column, an unreadable
    file) are appended to ``errors`` as one-line messages and the file is skipped."""
    errs = errors if errors is not None else []
    for path, err in expand(inputs):
        if err:
            errs.append(err)
            continue
        suffix = Path(path).suffix.lower()
        try:
            if suffix in PARQUET_SUFFIXES:
                yield from _parquet(path, max_bytes)
            elif suffix in JSONL_SUFFIXES:
                yield from _jsonl(path, max_bytes)
            else:
                yield _text_file(path, max_bytes)
        except AuditInputError as exc:
            errs.append(str(exc))
        except OSError as exc:
            errs.append(f"{path}: cannot read: {exc.strerror or exc}")


def _text_file(path: str, max_bytes: int) -> Item:
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return Item(
                path, path, 0, path=path, error=f"{path}: article too large ({size:,} bytes; limit {max_bytes:,})"
            )
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return Item(path, path, 0, path=path, error=f"{path}: cannot read: {exc.strerror or exc}")
    return Item(path, path, 0, data=data, path=path)


def _pick(row: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for k in keys:
        if k in row:
            return k, row[k]
    return None, None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8")  # UnicodeDecodeError is caught by the caller
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def row_item(row: dict[str, Any], origin: str, n: int, max_bytes: int) -> Item:
    """An article from one table row (any of the accepted column names)."""
    where = f"{origin}:{n}"
    _, rid = _pick(row, ID_KEYS)
    aid = f"{origin}:{n}" if rid is None else str(rid)
    try:
        tkey, text = _pick(row, TEXT_KEYS)
        if tkey is None:
            return Item(aid, origin, n, error=f"{where}: no `text` field")
        if isinstance(text, (bytes, str)) and len(text) > max_bytes:
            return Item(aid, origin, n, error=f"{where}: article too large ({len(text):,} bytes; limit {max_bytes:,})")
        txt = _as_text(text)
        if not txt:
            return Item(aid, origin, n, error=f"{where}: empty text")
        used = {tkey, *ID_KEYS}
        skey, source = _pick(row, SOURCE_KEYS)
        lkey, lang = _pick(row, LANG_KEYS)
        dkey, date = _pick(row, DATE_KEYS)
        used.update(k for k in (skey, lkey, dkey) if k)
        columns = {str(k): v for k, v in ((k, _as_text(v)) for k, v in row.items() if k not in used) if v is not None}
        return Item(
            aid,
            origin,
            n,
            text=txt,
            source=_as_text(source) or None,
            source_lang=_as_text(lang) or None,
            date=_as_text(date) or None,
            columns=columns,
        )
    except UnicodeDecodeError as exc:
        return Item(aid, origin, n, error=f"{where}: not valid UTF-8 ({exc.reason} at byte {exc.start})")


def _skip_rest_of_line(fh: BinaryIO) -> int:
    """Read past the rest of a huge line without holding it; the bytes skipped."""
    size = 0
    while True:
        rest = fh.readline(1 << 20)
        size += len(rest)
        if not rest or rest.endswith(b"\n"):
            return size


def _json_row(line: bytes, where: str) -> tuple[dict[str, Any] | None, str | None]:
    """A line's JSON object, or the one-line error that replaces it."""
    try:
        row = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, f"{where}: not valid UTF-8 (byte 0x{line[exc.start]:02x} at offset {exc.start})"
    except json.JSONDecodeError as exc:
        return None, f"{where}: malformed JSON ({exc.msg})"
    if not isinstance(row, dict):
        return None, f"{where}: not a JSON object"
    return row, None


def _jsonl(path: str, max_bytes: int) -> Iterator[Item]:
    with open(path, "rb") as fh:
        n = 0
        first = True
        while line := fh.readline(max_bytes + 1):
            n += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                size = len(line) + _skip_rest_of_line(fh)
                yield Item(
                    f"{path}:{n}", path, n, error=f"{path}:{n}: article too large ({size:,} bytes; limit {max_bytes:,})"
                )
                continue
            if not line.strip():
                continue
            row, error = _json_row(line, f"{path}:{n}")
            if row is None:
                yield Item(f"{path}:{n}", path, n, error=error)
                continue
            if first and _pick(row, TEXT_KEYS)[0] is None:
                raise AuditInputError(f"{path}: no `text` column (fields: {', '.join(sorted(row)[:12])})")
            first = False
            yield row_item(row, path, n, max_bytes)


def _parquet(path: str, max_bytes: int, batch_rows: int = 256) -> Iterator[Item]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise AuditInputError(f"{path}: not a readable Parquet file ({exc})") from None
    names = pf.schema_arrow.names
    if not any(k in names for k in TEXT_KEYS):
        raise AuditInputError(f"{path}: no `text` column (columns: {', '.join(names[:12])})")
    n = 0
    for batch in pf.iter_batches(batch_size=batch_rows):
        for row in batch.to_pylist():
            n += 1
            yield row_item(row, path, n, max_bytes)


def partitions(stream: Iterator[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive groups of ``size`` articles (error items ride along, uncounted)."""
    part: list[Item] = []
    count = 0
    for item in stream:
        part.append(item)
        if item.error is None:
            count += 1
        if count >= size or len(part) >= 4 * size:
            yield part
            part, count = [], 0
    if part:
        yield part
