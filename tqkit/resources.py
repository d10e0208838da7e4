"""Shared resources, loaded lazily and once per process: glossaries, rule packs, word lists.

Rules ask for what they need; nothing here is read until a rule asks for it, so ``tqkit check``
on a short article pays only for the data its selected rules use.
"""

from __future__ import annotations

import gzip
import importlib.util
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqkit.errors import ResourceError

if TYPE_CHECKING:
    from tqkit.packs import PackSet


def bundled_glossary_dir() -> Path:
    """``glossaries/`` of a source checkout, or the copy shipped inside the wheel."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "glossaries"
    if checkout.is_dir():
        return checkout
    return here / "_glossaries"


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


def _kind_of(path: Path) -> str:
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


class Resources:
    """Everything rules share: built once per process (and once per worker with ``--jobs``)."""

    def __init__(self, glossary_paths: Sequence[str | Path] | None = None, target_lang: str = "en"):
        self.target_lang = target_lang
        self.glossary_paths = tuple(Path(p) for p in glossary_paths) if glossary_paths else None

    @cached_property
    def _files(self) -> tuple[list[Path], list[Path]]:
        """Term-base files and rule-pack files. Given term files replace the bundled term base;
        given packs are added to the bundled ones (``glossaries/packs/``)."""
        given = glossary_files(self.glossary_paths) if self.glossary_paths else []
        kinds = [(p, _kind_of(p)) for p in given]
        old = next((p for p, k in kinds if k == "calques"), None)
        if old is not None:
            raise ResourceError(f"{old}: a pre-pack calque list (`calques:`); convert it to a rule "
                                "pack (`pack:`, see glossaries/packs/FORMAT.md)")
        terms = [p for p, k in kinds if k == "concepts"]
        if not terms:
            terms = [p for p in glossary_files([bundled_glossary_dir()]) if _kind_of(p) == "concepts"]
        from tqkit.packs import bundled_pack_dir

        packs = [bundled_pack_dir(), *(p for p, k in kinds if k == "packs")]
        return terms, packs

    @property
    def term_files(self) -> list[Path]:
        return self._files[0]

    @property
    def pack_paths(self) -> list[Path]:
        """The bundled pack directory, then the user's pack files."""
        return self._files[1]

    @cached_property
    def glossary(self) -> Any:
        """The merged term base (``tqkit.glossary.Glossary``), or ``None`` when unavailable."""
        try:
            from tqkit.glossary import load_glossaries
        except ImportError:
            return None
        return load_glossaries(self.term_files)

    @cached_property
    def packs(self) -> PackSet:
        """Every rule pack, checked and compiled (a broken pack raises ``PackError``)."""
        from tqkit.packs import load_packs

        return load_packs(self.pack_paths)

    @property
    def calques(self) -> PackSet:
        """The rule packs (the name TQ102 reads its known transliterations under)."""
        return self.packs

    @cached_property
    def english_words(self) -> frozenset[str]:
        return load_wordlist("en")

    @cached_property
    def common_english_words(self) -> frozenset[str]:
        """Words at least as frequent as zipf 3 (about once per million words)."""
        return load_wordlist("en", min_zipf=3.0)

    def is_common_word(self, word: str) -> bool:
        return word.lower().replace("’", "'") in self.common_english_words

    def is_known_word(self, word: str) -> bool:
        """True when ``word`` (any case) is in the target language's frequency list."""
        w = word.lower().replace("’", "'")
        words = self.english_words
        if w in words:
            return True
        if "-" in w:
            return all(part in words for part in w.split("-") if part)
        if w.endswith("'s"):
            return w[:-2] in words
        return False

    def warm(self) -> None:
        """Load everything now (used before forking workers)."""
        _ = self.english_words, self.packs, self.glossary


def _wordfreq_data_dir() -> Path:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError("the `wordfreq` package is missing: pip install wordfreq")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def load_wordlist(lang: str, min_zipf: float = 1.0) -> frozenset[str]:
    """Words of ``lang`` from wordfreq's offline frequency data (read directly: the msgpack
    file lists words by frequency bucket, most frequent first). ``min_zipf`` drops the
    rarest buckets, where misspellings and transliterations live."""
    data = _buckets(lang)
    # Bucket i holds words with frequency 10**(-i/100); zipf = 9 - i/100.
    max_bucket = round((9.0 - min_zipf) * 100)
    words: set[str] = set()
    for i, bucket in enumerate(data[1:]):
        if i > max_bucket:
            break
        words.update(bucket)
    return frozenset(words)


@lru_cache(maxsize=4)
def _buckets(lang: str) -> list[Any]:
    import msgpack

    path = _wordfreq_data_dir() / f"large_{lang}.msgpack.gz"
    if not path.exists():
        path = _wordfreq_data_dir() / f"small_{lang}.msgpack.gz"
    try:
        with gzip.open(path, "rb") as fh:
            data: list[Any] = msgpack.load(fh, raw=False)
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read word list: {exc}") from exc
    return data

