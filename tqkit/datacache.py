"""Parsed bundled data files from a versioned binary cache, built at first use.

Every ``tqkit check`` reads the language profiles (``glossaries/profiles/*.yaml``); importing
PyYAML and parsing them costs more than checking an article. :func:`yaml_data` keeps what
``yaml.safe_load`` returned for a file as ``marshal`` data (dicts, lists, strings, numbers,
booleans, None: marshal builds data and never runs code), keyed by a hash of the file's text,
the Python version and this format's version, in ``$TQKIT_CACHE_DIR/data`` (none when the
variable is empty), else the user cache directory's ``tqkit/data``. A changed file makes a new
key, so its errors are reported by the YAML parser as before; a damaged entry is parsed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import sys
from pathlib import Path
from typing import Any

from tqkit.cachestore import cache_dir as shared_cache_dir
from tqkit.cachestore import keep_newest, store_cache_entry

CACHE_VERSION = "1"
MAX_BYTES = 8 * 1024 * 1024
KEEP = 64
_PLAIN = (dict, list, str, int, float, bool, type(None))


def cache_dir() -> Path | None:
    return shared_cache_dir("data")


def _entry(text: str) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    raw = f"{CACHE_VERSION}|{sys.version_info[:2]}|{text}"
    return directory / f"yaml-{hashlib.sha256(raw.encode()).hexdigest()[:32]}.marshal"


def _plain(value: Any) -> bool:
    """Only the types ``yaml.safe_load`` gives for plain documents (no dates, no sets)."""
    if isinstance(value, dict):
        return all(isinstance(k, str | int) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return isinstance(value, _PLAIN)


def yaml_data(text: str) -> Any:
    """``yaml.safe_load(text)`` (the text of a data file), from the cache when it
    has this text; raises ``yaml.YAMLError`` as the parser does."""
    entry = _entry(text)
    if entry is not None:
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            data = marshal.loads(entry.read_bytes())
            if _plain(data):
                return data
    import yaml

    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if entry is not None and _plain(data):
        with contextlib.suppress(ValueError):
            store_cache_entry(entry, marshal.dumps(data), MAX_BYTES, _evict)
    return data


_evict = keep_newest("yaml-*.marshal", KEEP)
