"""From command-line paths to files: the directory walk (formats by suffix, hidden directories
and the config's ``exclude`` skipped), each file's settings, and the ``--source`` article."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from tqkit.config import RunOptions, Settings, find_settings
from tqkit.document import Document
from tqkit.errors import InputError
from tqkit.readers import WALK_SUFFIXES, read_path

_SKIPPED_DIRS = ("node_modules", "__pycache__")


def settings_for(path: str, options: RunOptions) -> Settings:
    """The settings of ``path``: its nearest config file, overridden by the command line."""
    return options.apply(find_settings(path, options.config))


def walk(paths: Sequence[str], options: RunOptions | None = None) -> Iterator[tuple[str, str | None]]:
    """Expand the command-line paths: ``(path, error)`` pairs; directories are walked for text
    and Markdown files (hidden directories skipped, and files the config's ``exclude`` names)."""
    for raw in paths:
        p = Path(raw)
        if raw == "-":
            yield raw, None
        elif p.is_dir():
            yield from _walk_dir(raw, options)
        elif not p.exists():
            yield raw, f"{raw}: no such file or directory"
        elif not p.is_file():  # a FIFO would block forever, a device never ends
            yield raw, f"{raw}: not a regular file (a FIFO, device or socket); not read"
        else:
            yield raw, None


def _walk_dir(raw: str, options: RunOptions | None) -> Iterator[tuple[str, str | None]]:
    found = excluded = False
    for root, dirs, files in os.walk(Path(raw)):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(files):
            if Path(name).suffix.lower() in WALK_SUFFIXES:
                path = str(Path(root) / name)
                if options is not None and _excluded(path, options):
                    excluded = True
                    continue
                found = True
                yield path, None
    if not found:
        why = (
            "every .txt and .md file here is excluded by the config"
            if excluded
            else "no .txt or .md files in this directory"
        )
        yield raw, f"{raw}: {why}"


def _excluded(path: str, options: RunOptions) -> bool:
    try:
        return settings_for(path, options).excludes(path)
    except InputError:
        return False  # the config error is reported when the file is checked


def empty_directories(paths: Sequence[str]) -> list[str]:
    """The directories among ``paths`` with no file to check in them (hidden directories not
    counted): a warning, not an error (as ruff does)."""
    out = []
    for p in paths:
        d = Path(p)
        if (
            p != "-"
            and d.is_dir()
            and not any(
                f.suffix.lower() in WALK_SUFFIXES
                for f in d.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(d).parts[:-1])
            )
        ):
            out.append(p)
    return out


def read_source(path: str, source_lang: str | None = None) -> Document:
    """The original-language article given with ``--source`` (any supported format)."""
    source = replace(read_path(path, None, source_lang or "und"), source_lang=source_lang)
    return source


def source_of(options: RunOptions) -> Document | None:
    """The ``--source`` article of the run, if one was given."""
    return read_source(options.source, options.source_lang) if options.source else None
