"""Where tqkit's data files are and what they hold: the bundled ``glossaries/`` directory,
glossary paths expanded to files, the kind of a YAML data file (term base or rule pack) read
from its first key, and the offline word lists.

The data layer's lowest module: the glossary and pack loaders and the profiles use it, and
:mod:`tqkit.resources` (which loads all of them for the rules) sits above them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from pathlib import Path
from typing import Any

from tqkit.errors import ResourceError

__all__ = ["bundled_glossary_dir", "bundled_table", "glossary_files", "kind_of", "load_wordlist"]


def bundled_glossary_dir() -> Path:
    """``glossaries/`` of a source checkout, or the copy shipped inside the wheel."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "glossaries"
    if checkout.is_dir():
        return checkout
    return here / "_glossaries"


def bundled_table(
    name: str, columns: int, expected: str, kinds: AbstractSet[str] | None = None, *, empty: bool = False
) -> list[list[str]]:
    """The rows of a tab-separated table in ``glossaries/`` (blank lines and ``#`` comments
    skipped), each with exactly ``columns`` fields, non-empty unless ``empty`` (and a first
    field among ``kinds`` when given); a bad row is a one-line error naming the file and line
    and the ``expected`` layout."""
    path = bundled_glossary_dir() / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read: {exc}") from exc
    rows: list[list[str]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != columns or not (empty or all(cols)) or (kinds is not None and cols[0] not in kinds):
            raise ResourceError(f"{path}:{n}: expected {expected}")
        rows.append(cols)
    return rows


def glossary_files(paths: Sequence[Path]) -> list[Path]:
    """Expand directories into their ``*.yaml``/``*.yml`` files, sorted, keeping file order."""
    import stat

    out: list[Path] = []
    for path in paths:
        try:
            st = path.stat()
        except FileNotFoundError:
            raise ResourceError(f"{path}: glossary not found") from None
        except OSError as exc:
            raise ResourceError(f"{path}: cannot read glossary: {exc.strerror or exc}") from None
        if stat.S_ISDIR(st.st_mode):
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and not p.is_dir())
            if not found:  # silently checking without terminology would hide every term rule
                raise ResourceError(f"{path}: no glossary files (*.yaml, *.yml) in this directory")
            out.extend(found)
        elif stat.S_ISREG(st.st_mode):
            out.append(path)
        else:
            raise ResourceError(f"{path}: glossary is not a regular file")
    return out


def kind_of(path: Path) -> str:
    """``packs`` (rule packs, read by TQ301), ``calques`` (the pre-pack calque list, no longer
    read) or ``concepts``: the first top-level key, read without parsing the file."""
    try:
        with path.open("rb") as fh:  # the first 64 kB say it (a huge one-line file is not read)
            head = fh.read(65536)
        # A cut multi-byte character at the end of a full block is no error.
        text = head.decode("utf-8-sig", errors="strict" if len(head) < 65536 else "ignore")
        for line in text.splitlines():
            if line[:1].isalpha():
                key = line.split(":", 1)[0].strip()
                if key == "pack":
                    return "packs"
                if key == "calques":
                    return "calques"
                if key in ("concepts", "glossary"):
                    return "concepts"
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{path}: glossary is not valid UTF-8 (byte 0x{exc.object[exc.start]:02x})") from None
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read glossary: {exc.strerror or exc}") from None
    return "concepts"


def _wordfreq_data_dir() -> Path:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError("the `wordfreq` package is missing: pip install wordfreq")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@lru_cache(maxsize=16)
def load_wordlist(lang: str, min_zipf: float = 1.0) -> AbstractSet[str]:
    """Words of ``lang`` from wordfreq's offline frequency data (read directly: the msgpack
    file lists words by frequency bucket, most frequent first). ``min_zipf`` drops the
    rarest buckets, where misspellings and transliterations live. A read-only set over a
    cached binary table (:mod:`tqkit.wordcache`): words are looked up, not loaded."""
    from tqkit.wordcache import words

    # Bucket i holds words with frequency 10**(-i/100); zipf = 9 - i/100.
    max_bucket = round((9.0 - min_zipf) * 100)
    return words(_wordlist_path(lang), max_bucket, lambda: _buckets(lang))


def _wordlist_path(lang: str) -> Path:
    path = _wordfreq_data_dir() / f"large_{lang}.msgpack.gz"
    return path if path.exists() else _wordfreq_data_dir() / f"small_{lang}.msgpack.gz"


@lru_cache(maxsize=4)
def _buckets(lang: str) -> list[Any]:
    import gzip  # (only when a word-list cache entry is built)

    import msgpack

    path = _wordlist_path(lang)
    try:
        with gzip.open(path, "rb") as fh:
            data: list[Any] = msgpack.load(fh, raw=False)
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read word list: {exc}") from exc
    return data
