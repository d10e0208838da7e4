"""Shared resources, loaded lazily and once per process: glossaries, rule packs, word lists.

Rules ask for what they need; nothing here is read until a rule asks for it, so ``tqkit check``
on a short article pays only for the data its selected rules use. (The glossary and pack
loaders are imported when first needed, for the same reason.) The files behind them are found
by :mod:`tqkit.datafiles`, below the loaders.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tqkit.datafiles import bundled_glossary_dir, glossary_files, kind_of, load_wordlist
from tqkit.errors import ResourceError

if TYPE_CHECKING:
    from tqkit.glossary.termbase import Glossary
    from tqkit.packs import PackSet


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
        kinds = [(p, kind_of(p)) for p in given]
        old = next((p for p, k in kinds if k == "calques"), None)
        if old is not None:
            raise ResourceError(
                f"{old}: a pre-pack calque list (`calques:`); convert it to a rule "
                "pack (`pack:`, see glossaries/packs/FORMAT.md)"
            )
        terms = [p for p, k in kinds if k == "concepts"]
        if not terms:
            terms = [p for p in glossary_files([bundled_glossary_dir()]) if kind_of(p) == "concepts"]
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
    def glossary(self) -> Glossary | None:
        """The merged term base, or ``None`` when unavailable."""
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
    def english_words(self) -> AbstractSet[str]:
        return load_wordlist("en")

    @cached_property
    def common_english_words(self) -> AbstractSet[str]:
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


__all__ = ["ResourceError", "Resources", "bundled_glossary_dir", "glossary_files", "load_wordlist"]
