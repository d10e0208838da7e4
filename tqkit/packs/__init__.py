"""Rule packs: curated pattern rules as data (``glossaries/packs/*.yaml``; format in
``glossaries/packs/FORMAT.md``). This package holds only the mechanism: reading and checking
packs (:mod:`~tqkit.packs.load`), token patterns (:mod:`~tqkit.packs.pattern`), inflection
(:mod:`~tqkit.packs.inflect`), compiling (:mod:`~tqkit.packs.compiler`) and matching
(:mod:`~tqkit.packs.engine`)."""

from tqkit.errors import PackError
from tqkit.packs.engine import Match, Matcher, render
from tqkit.packs.load import (
    PackSet,
    bundled_pack_dir,
    is_pack_file,
    lint_packs,
    load_packs,
    pack_files,
)
from tqkit.packs.model import Entry, Example, Pack
from tqkit.packs.read import Problem

__all__ = [
    "Entry",
    "Example",
    "Match",
    "Matcher",
    "Pack",
    "PackError",
    "PackSet",
    "Problem",
    "bundled_pack_dir",
    "is_pack_file",
    "lint_packs",
    "load_packs",
    "pack_files",
    "render",
]
