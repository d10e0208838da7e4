"""Every entry of every rule pack in glossaries/packs/ carries sentences it must fire on and
sentences it must stay quiet on; this test runs them all through `check_text`, the way a user's
check runs them (new packs are covered as soon as their file exists)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqkit.api import check_text
from tqkit.findings import Severity
from tqkit.packs import Entry, Example, lint_packs
from tqkit.packs.load import Problem, example_source, read_pack

ROOT = Path(__file__).resolve().parent.parent.parent
PACK_DIR = ROOT / "glossaries" / "packs"
PACK_FILES = sorted(PACK_DIR.glob("*.yaml"))


def _cases() -> list[tuple[str, Entry, Example, bool]]:
    out = []
    for path in PACK_FILES:
        problems: list[Problem] = []
        pack = read_pack(path, problems)
        for entry in pack.entries if pack is not None else []:
            out += [(path.name, entry, ex, True) for ex in entry.fires]
            out += [(path.name, entry, ex, False) for ex in entry.quiet]
    return out


CASES = _cases()


def test_bundled_packs_lint_clean() -> None:
    problems = lint_packs([PACK_DIR])
    assert not problems, "\n".join(map(str, problems))


def test_every_pack_has_entries() -> None:
    assert PACK_FILES, "no rule packs in glossaries/packs/"
    names = {c[0] for c in CASES}
    assert {p.name for p in PACK_FILES} == names


def _findings(entry: Entry, ex: Example) -> list:
    source = example_source(entry, ex) or None
    if entry.kind == "transliteration":
        return [
            f
            for f in check_text(ex.text, select=["TQ102"], source=source)
            if f.rule == "TQ102"
            and any(p.lower() in ex.text[f.span.start : f.span.end].lower() for p in entry.patterns)
        ]
    codes = sorted({"TQ301", entry.rule})
    return [
        f
        for f in check_text(ex.text, select=codes, source=source, target_lang=entry.target_lang)
        if f.data.get("entry") == entry.id
    ]


def _outranked(entry: Entry, ex: Example) -> bool:
    """The engine reports warnings before overlapping info notes (glossaries/packs/FORMAT.md)."""
    if entry.severity is not Severity.INFO:
        return False
    source = example_source(entry, ex) or None
    findings = check_text(ex.text, select=["TQ301"], source=source, target_lang=entry.target_lang)
    return any(f.severity is not Severity.INFO for f in findings)


@pytest.mark.parametrize(
    ("pack", "entry", "example", "must_fire"),
    CASES,
    ids=[f"{c[1].id}-{'fires' if c[3] else 'quiet'}{i}" for i, c in enumerate(CASES)],
)
def test_pack_example(pack: str, entry: Entry, example: Example, must_fire: bool) -> None:
    found = _findings(entry, example)
    where = f"{pack}:{example.line} ({entry.id})"
    if must_fire:
        if not found and _outranked(entry, example):
            return  # an info note covered by a warning on the same words: the warning is reported
        assert found, f"{where}: should fire on {example.text!r}"
        for f in found:
            assert f.message and "$0" not in f.message
            assert f.span.end > f.span.start
            assert f.severity == entry.severity or entry.kind == "transliteration"
    else:
        assert not found, f"{where}: should stay quiet on {example.text!r}: {[f.message for f in found]}"
