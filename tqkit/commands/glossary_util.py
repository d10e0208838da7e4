"""What the ``tqkit glossary`` commands share: loading the glossaries named by ``--glossary``,
one-line errors (exit 2) and writing the output file atomically."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from tqkit.atomic import Stamp, atomic_write, stamp_of
from tqkit.commands.options import fail
from tqkit.errors import WriteError

F = TypeVar("F", bound=Callable[..., Any])


def esc(message: str) -> str:
    """File content in a message is shown escaped, never sent to the terminal raw."""
    from tqkit.text.escape import escape_controls

    return escape_controls(message)


def glossary_paths(glossaries: Sequence[str]) -> list[Path]:
    from tqkit.datafiles import bundled_glossary_dir

    return [Path(g) for g in glossaries] or [bundled_glossary_dir()]


def load_glossary(glossaries: Sequence[str]) -> Any:
    from tqkit.errors import GlossaryError, ResourceError
    from tqkit.glossary import load_glossaries

    try:
        return load_glossaries(glossary_paths(glossaries))
    except (GlossaryError, ResourceError) as exc:
        fail(str(exc))


def concept_files(glossaries: Sequence[str]) -> list[Path]:
    from tqkit.datafiles import glossary_files, kind_of
    from tqkit.errors import ResourceError

    try:
        return [p for p in glossary_files(glossary_paths(glossaries)) if kind_of(p) == "concepts"]
    except ResourceError as exc:
        fail(str(exc))


def output_stamp(output: str | None) -> Stamp | None:
    """The output file as it is before the command reads anything (compare-and-swap)."""
    if output is None or output == "-":
        return None
    try:
        return stamp_of(output)
    except WriteError as exc:
        fail(str(exc))


def write_out(output: str | None, data: bytes, force: bool = True, expected: Stamp | None = None) -> None:
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(output)
    if target.exists() and not force:
        fail(f"{output}: already exists; use --force to replace it")
    try:
        atomic_write(target, data, expected=expected, readonly_ok=force)
    except WriteError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")


def plural(count: int, noun: str) -> str:
    """ "1 concept", "2 concepts" """
    return f"{count} {noun}{'' if count == 1 else 's'}"
