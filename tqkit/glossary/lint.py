"""``tqkit glossary lint``: schema and consistency problems as findings with GL codes.

Codes (not registered rules; they only appear in lint reports):

- GL101 schema problem (unknown field, wrong type, bad status, YAML syntax) - error
- GL102 one term (same language, case-insensitive) in two concepts - error
- GL103 one term both preferred/admitted and deprecated/forbidden - error
- GL104 a language of a concept with terms but no preferred term - warning
- GL105 a concept without sources - warning
- GL106 a concept id defined twice - error
- GL107 the same term twice in one concept and language - warning
- GL110 a rule pack (``pack:``) with a problem: syntax, unknown key, duplicate id, example... - error
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tqkit.document import Document
from tqkit.findings import Category, Finding, Severity, Span
from tqkit.glossary.load import Problem, validate_file
from tqkit.glossary.model import Concept, Term
from tqkit.results import FileResult
from tqkit.text.fold import fold

CODES: dict[str, tuple[str, Severity]] = {
    "GL101": ("schema", Severity.ERROR),
    "GL102": ("term-in-two-concepts", Severity.ERROR),
    "GL103": ("term-preferred-and-deprecated", Severity.ERROR),
    "GL104": ("no-preferred-term", Severity.WARNING),
    "GL105": ("missing-sources", Severity.WARNING),
    "GL106": ("duplicate-concept-id", Severity.ERROR),
    "GL107": ("duplicate-term", Severity.WARNING),
    "GL110": ("rule-pack", Severity.ERROR),
}


class _Report:
    def __init__(self, path: str, text: str):
        self.path = path
        self.doc = Document(path, text)
        self.findings: list[Finding] = []

    def add(self, code: str, line: int, message: str) -> None:
        name, severity = CODES[code]
        if line and line <= len(self.doc.line_starts):
            span = self.doc.line_span(line)
            # Point at the first non-blank character of the line.
            text = self.doc.slice(span)
            span = Span(span.start + len(text) - len(text.lstrip()), span.end)
        else:
            span = Span(0, 0)
        self.findings.append(Finding(code, name, span, severity, Category.OTHER, message, path=self.path))


def lint_paths(paths: Sequence[Path]) -> list[FileResult]:
    """Lint every glossary file (directories expanded); cross-file checks included."""
    from tqkit.datafiles import glossary_files, kind_of

    every = glossary_files(list(paths))
    files = [f for f in every if kind_of(f) == "concepts"]
    reports: list[_Report] = []
    results: list[FileResult] = []
    for f in every:
        if kind_of(f) in ("calques", "packs"):
            results.append(_lint_pack(f))
    all_concepts: list[Concept] = []
    by_path: dict[str, _Report] = {}
    for f in files:
        try:
            text = f.read_bytes().decode("utf-8-sig", errors="replace")
        except OSError as exc:
            results.append(FileResult(str(f), error=f"{f}: cannot read: {exc.strerror or exc}"))
            continue
        rep = _Report(str(f), text)
        reports.append(rep)
        by_path[str(f)] = rep
        _info, concepts, problems, _tree = validate_file(f)
        for p in problems:
            rep.add("GL101", p.line, _problem_message(p))
        all_concepts.extend(concepts)
    _cross_checks(all_concepts, by_path)
    for rep in reports:
        results.append(FileResult(rep.path, sorted(rep.findings, key=Finding.sort_key), rep.doc.text, 0))
    return results


def _lint_pack(path: Path) -> FileResult:
    """A rule pack (``pack:``) is checked by the pack linter, together with the bundled packs
    (ids are unique across packs): its problems are GL110 findings with their lines."""
    from tqkit.packs import bundled_pack_dir, lint_packs

    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError as exc:
        return FileResult(str(path), error=f"{path}: cannot read: {exc.strerror or exc}")
    rep = _Report(str(path), text)
    if text.lstrip().startswith("calques:") or "\ncalques:" in text:
        rep.add("GL110", 0, "a pre-pack calque list; convert it to a rule pack (glossaries/packs/FORMAT.md)")
    else:
        target = path.resolve()
        for p in lint_packs([bundled_pack_dir(), path]):
            if Path(p.path).resolve() == target:
                rep.add("GL110", p.line, p.message)
    return FileResult(rep.path, sorted(rep.findings, key=Finding.sort_key), rep.doc.text, 0)


def _problem_message(p: Problem) -> str:
    return f"{p.field}: {p.message}" if p.field else p.message


_Where = dict[tuple[str, str], list[tuple[Concept, Term]]]  # (lang, folded term) -> uses


def _language_checks(c: Concept, lang: str, terms: tuple[Term, ...], rep: _Report, where: _Where) -> None:
    """One concept's terms of one language: a preferred term, only one, no repeats."""
    if terms and not any(t.status == "preferred" for t in terms):
        rep.add("GL104", terms[0].line or c.line, f"concept {c.id!r} has {lang} terms but none is preferred")
    preferred = [t for t in terms if t.status == "preferred"]
    if len(preferred) > 1:
        rep.add(
            "GL101",
            preferred[1].line or c.line,
            f"concept {c.id!r}: {len(preferred)} preferred {lang} terms "
            f"({', '.join(repr(t.text) for t in preferred)}); one per language, "
            "the others admitted",
        )
    seen_here: dict[str, Term] = {}
    for t in terms:
        key = fold(t.text)
        if key in seen_here and seen_here[key].status == t.status:
            rep.add("GL107", t.line or c.line, f"{lang} term {t.text!r} is listed twice in concept {c.id!r}")
        seen_here.setdefault(key, t)
        where.setdefault((lang, key), []).append((c, t))


def _shared_term_checks(lang: str, items: list[tuple[Concept, Term]], reports: dict[str, _Report]) -> None:
    """One term in several concepts, or good in one place and bad in another."""
    statuses = {t.status for _, t in items}
    concept_ids = list(dict.fromkeys(c.id for c, _ in items))
    first_c, first_t = items[0]
    for c, t in items[1:]:
        if c.id != first_c.id:
            reports[c.file].add(
                "GL102",
                t.line or c.line,
                f"{lang} term {t.text!r} is in concepts {first_c.id!r} ({first_c.file}:{first_t.line}) and {c.id!r}",
            )
    if statuses & {"preferred", "admitted"} and statuses & {"deprecated", "forbidden"}:
        good = next((c, t) for c, t in items if t.is_good)
        bad = next((c, t) for c, t in items if t.is_bad)
        rep = reports[bad[0].file]
        rep.add(
            "GL103",
            bad[1].line or bad[0].line,
            f"{lang} term {bad[1].text!r} is {bad[1].status} in {bad[0].id!r} but {good[1].status} in {good[0].id!r}"
            if len(concept_ids) > 1
            else f"{lang} term {bad[1].text!r} is both {good[1].status} and {bad[1].status}",
        )


def _cross_checks(concepts: list[Concept], reports: dict[str, _Report]) -> None:
    seen_ids: dict[str, Concept] = {}
    where: _Where = {}
    for c in concepts:
        rep = reports[c.file]
        other = seen_ids.get(c.id)
        if other is not None:
            rep.add("GL106", c.line, f"concept id {c.id!r} is already defined at {other.file}:{other.line}")
        else:
            seen_ids[c.id] = c
        if not c.sources:
            rep.add("GL105", c.line, f"concept {c.id!r} has no sources")
        for lang, terms in c.terms.items():
            _language_checks(c, lang, terms, rep, where)
    for (lang, _key), items in where.items():
        _shared_term_checks(lang, items, reports)
