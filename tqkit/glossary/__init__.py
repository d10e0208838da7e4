"""The multilingual term base: model, YAML loading and validation, the parse cache, matching,
TBX/CSV exchange, linting and merging. ``load_glossaries`` is what :class:`tqkit.resources.Resources` calls."""

from __future__ import annotations

from pathlib import Path

from tqkit.errors import GlossaryError
from tqkit.glossary.cache import load_glossaries as _load_glossaries
from tqkit.glossary.load import Problem, load_file
from tqkit.glossary.model import STATUSES, Concept, GlossaryInfo, Source, Term
from tqkit.glossary.termbase import Glossary
from tqkit.text.fold import fold


def load_glossaries(paths: list[Path]) -> Glossary:
    """The merged term base of the given files or directories; an empty list gives an empty
    glossary. Raises :class:`GlossaryError` (a ``ResourceError``) naming file and line."""
    if not paths:
        return Glossary()
    return _load_glossaries(paths)


__all__ = [
    "STATUSES",
    "Concept",
    "Glossary",
    "GlossaryError",
    "GlossaryInfo",
    "Problem",
    "Source",
    "Term",
    "fold",
    "load_file",
    "load_glossaries",
]
