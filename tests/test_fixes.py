"""Fix arithmetic: chosen fixes never overlap, apply cleanly, and --fix reaches a fixed point."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tqkit.config import Settings
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span, apply_edits
from tqkit.fixes import fix_bytes
from tqkit.runner import Engine, chosen_fixes, non_overlapping


@st.composite
def findings_on_text(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    text = draw(st.text(alphabet="ab c\n", min_size=1, max_size=40))
    findings = []
    for _ in range(draw(st.integers(0, 8))):
        edits = []
        for _ in range(draw(st.integers(1, 2))):
            a = draw(st.integers(0, len(text)))
            b = draw(st.integers(a, len(text)))
            edits.append(Edit(Span(a, b), draw(st.text(alphabet="xy", max_size=3))))
        fix = Fix("t", tuple(edits), safe=draw(st.booleans()))
        span = fix.span
        findings.append(Finding("TQ201", "doubled-word", span, Severity.WARNING, Category.GRAMMAR, "m", (fix,)))
    return text, findings


@given(findings_on_text(), st.booleans())
def test_chosen_edits_never_overlap_and_apply(case: tuple[str, list[Finding]], unsafe: bool) -> None:
    text, findings = case
    chosen = chosen_fixes(findings, unsafe)
    assert all(fix.safe or unsafe for _, fix in chosen)
    edits = non_overlapping(chosen)
    for i, a in enumerate(edits):
        for b in edits[i + 1 :]:
            assert not a.span.overlaps(b.span)
    result = apply_edits(text, edits)
    assert len(result) == len(text) + sum(len(e.replacement) - len(e.span) for e in edits)


@given(st.lists(st.sampled_from(["the the", "theirs own", "talks", "in", "self -rule", "\r\n", "\n\n"]), max_size=12))
def test_fix_reaches_a_fixed_point(parts: list[str]) -> None:
    text = " ".join(parts) + "\n"
    engine = Engine(Settings(select=("TQ201", "TQ303", "TQ304")))
    res = fix_bytes("x.txt", text.encode(), engine)
    again = fix_bytes("x.txt", res.fixed, engine)
    assert again.fixed == res.fixed  # idempotent
    assert not [f for f in again.remaining if f.fixes and f.fixes[0].safe]
    assert res.fixed.count(b"\r\n") == text.encode().count(b"\r\n")  # line endings kept


def test_translation_fix_does_not_double_the_adjective() -> None:
    engine = Engine(Settings(select=("TQ102",)))
    res = fix_bytes("x.txt", b"Everyone wants peace, but none of the big Batkovs will allow it.\n", engine, unsafe=True)
    assert res.fixed == b"Everyone wants peace, but none of the big shots will allow it.\n"


def test_new_files_follow_the_umask(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import stat

    from tqkit.atomic import atomic_write

    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.txt", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
