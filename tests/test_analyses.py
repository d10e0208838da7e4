"""CheckContext.analysis: computed once per document and source, shared by the rules."""

from __future__ import annotations

from tqkit.document import Document
from tqkit.registry import CheckContext
from tqkit.resources import Resources


def _ctx(source: Document | None = None) -> CheckContext:
    return CheckContext(resources=Resources(glossary_paths=()), source=source)


def test_an_analysis_runs_once_per_document_and_source() -> None:
    calls: list[str] = []

    def words(doc: Document, ctx: CheckContext) -> list[str]:
        calls.append(doc.text)
        return doc.text.split()

    ctx = _ctx()
    a, b = Document("<test>", "one two"), Document("<test>", "three")
    assert ctx.analysis(words, a) == ["one", "two"]
    assert ctx.analysis(words, a) == ["one", "two"]
    assert calls == ["one two"]  # the second call reused the first result
    assert ctx.analysis(words, b) == ["three"]  # another document: computed again
    assert calls == ["one two", "three"]
    ctx.source = Document("<test>", "source")
    ctx.analysis(words, b)  # another source: computed again
    assert calls == ["one two", "three", "three"]


def test_rules_share_the_alignment_and_the_term_scan() -> None:
    from tqkit.checks.source_align import alignment
    from tqkit.checks.terms_scan import term_scan

    src = Document("<src>", "Първи абзац.\n\nВтори абзац.", target_lang="bg")
    doc = Document("<test>", "First paragraph.\n\nSecond paragraph.")
    ctx = CheckContext(resources=Resources(), source=src)
    assert alignment(doc, ctx) is alignment(doc, ctx)
    first = term_scan(doc, ctx)
    assert first is not None and term_scan(doc, ctx) is first
    assert not hasattr(doc, "meta")  # analyses live on the context, never on the document
