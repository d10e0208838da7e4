"""The small public API: check a string or a file with the default (or given) settings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tqkit.config import RunOptions, Settings
from tqkit.document import Document
from tqkit.findings import Finding
from tqkit.readers import read_path
from tqkit.ruleoptions import RuleOptions


def _engine(
    select: Sequence[str] | None,
    ignore: Sequence[str],
    glossaries: Sequence[str | Path] | None,
    target_lang: str,
    extra: dict[str, Any] | None = None,
) -> Any:
    from tqkit.runner import Engine

    settings = Settings(
        select=tuple(select) if select else None,
        ignore=tuple(ignore),
        glossaries=tuple(str(g) for g in glossaries) if glossaries else None,
        target_lang=target_lang,
    )
    return Engine(settings, RunOptions(rules=RuleOptions.from_mapping(extra)))


def check_text(
    text: str,
    *,
    path: str = "-",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    glossaries: Sequence[str | Path] | None = None,
    target_lang: str = "en",
    source: str | None = None,
    markdown: bool = False,
    options: dict[str, Any] | None = None,
) -> list[Finding]:
    """Findings for a string (plain text, or Markdown with ``markdown=True``)."""
    from tqkit.readers import reader_for

    reader = reader_for("x.md" if markdown else "x.txt")
    doc = reader.read(path, text.encode("utf-8"), None, target_lang) if text else Document(path, text, target_lang)
    src = Document("<source>", source, target_lang="und") if source else None
    findings, _ = _engine(select, ignore, glossaries, target_lang, options).check(doc, src)
    return list(findings)


def check_file(
    path: str | Path,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    glossaries: Sequence[str | Path] | None = None,
    target_lang: str = "en",
    encoding: str | None = None,
) -> list[Finding]:
    doc = read_path(path, encoding, target_lang)
    findings, _ = _engine(select, ignore, glossaries, target_lang).check(doc)
    return list(findings)


def load_glossary(*paths: str | Path) -> Any:
    """The merged term base of the given files or directories (default: the bundled ones)."""
    from tqkit.resources import Resources

    return Resources(paths or None).glossary
