"""The review session (no Textual): span mapping, diffs, dismissals, safe saving."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from review_helpers import fixed_checker

from tqkit.errors import ExternalChangeError, SaveError
from tqkit.findings import Edit, Span, apply_edits
from tqkit.review.dismissals import DismissStore, sidecar_path
from tqkit.review.edits import diff_edits, inverse_edits, map_span
from tqkit.review.session import ReviewSession


def test_map_span_moves_and_drops() -> None:
    edits = [Edit(Span(0, 3), "a"), Edit(Span(10, 12), "")]
    assert map_span(Span(5, 8), edits) == Span(3, 6)
    assert map_span(Span(11, 14), edits) is None
    assert map_span(Span(20, 22), edits) == Span(16, 18)
    assert map_span(Span(5, 8), [Edit(Span(6, 6), "x")]) is None  # insertion inside
    assert map_span(Span(5, 8), [Edit(Span(8, 8), "x")]) == Span(5, 8)


@pytest.mark.parametrize(
    "old,new",
    [
        ("a b c\r\nline two\r\n", "a B c\r\nline two\r\n"),
        ("one\ntwo\nthree\n", "one\n2\nthree\nfour\n"),
        ("x", ""),
        ("", "y"),
        ("same", "same"),
    ],
)
def test_diff_edits_round_trip(old: str, new: str) -> None:
    edits = diff_edits(old, new)
    assert apply_edits(old, edits) == new
    assert apply_edits(new, inverse_edits(old, edits)) == old


def test_save_keeps_bom_crlf_and_backup(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    body = "Their logic is based on theirs own.\r\n\r\nSecond the the line.\r\n"
    path.write_bytes(codecs.BOM_UTF8 + body.encode("utf-8"))
    original = path.read_bytes()
    s = ReviewSession(str(path), checker=fixed_checker)
    s.check_now()
    item = next(i for i in s.items if i.finding.rule == "TQ303")
    s.accept(item)
    s.save()
    assert path.read_bytes() == codecs.BOM_UTF8 + body.replace("theirs own", "their own").encode("utf-8")
    assert Path(str(path) + ".bak").read_bytes() == original
    # a second save keeps the first backup
    s.check_now()
    s.accept(next(i for i in s.items if i.finding.rule == "TQ201"))
    s.save()
    assert Path(str(path) + ".bak").read_bytes() == original
    assert b"Second the line." in path.read_bytes()


def test_stale_fix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Based on theirs own view.\n", encoding="utf-8")
    s = ReviewSession(str(path), checker=fixed_checker)
    s.check_now()
    item = s.items[0]
    s.text = s.text.replace("theirs own", "theirs  own")  # changed behind the finding's back
    with pytest.raises(ValueError, match="changed"):
        s.accept(item)


def test_external_change_blocks_save(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Based on theirs own view.\n", encoding="utf-8")
    s = ReviewSession(str(path), checker=fixed_checker)
    s.check_now()
    s.accept(s.items[0])
    path.write_text("Someone else wrote this, longer.\n", encoding="utf-8")
    assert s.changed_on_disk()
    with pytest.raises(ExternalChangeError):
        s.save()
    assert path.read_text(encoding="utf-8") == "Someone else wrote this, longer.\n"
    s.save(str(tmp_path / "b.txt"))
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "Based on their own view.\n"


def test_dismissal_survives_edits_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Intro.\n\nA paragraph in between.\n\nBased on theirs own view.\n\nMore the the text.\n", encoding="utf-8"
    )
    s = ReviewSession(str(path), checker=fixed_checker)
    s.check_now()
    s.dismiss(next(i for i in s.items if i.finding.rule == "TQ303"))
    assert sidecar_path(path).exists()
    s.accept(next(i for i in s.items if i.finding.rule == "TQ201"))
    s.edit([Edit(Span(0, 6), "A longer introduction.")], "edit")
    s.check_now()
    assert [i.finding.rule for i in s.visible()] == []
    again = DismissStore(path)
    assert len(again.items) == 1 and again.items[0].text == "theirs own"


def test_diff_edits_keeps_two_changes_in_one_line_apart() -> None:
    old = "Their logic is based on theirs own interests, the the envoy said.\nNext line.\n"
    new = "Their logic is based on their own interests, the envoy said.\nNext line.\n"
    edits = diff_edits(old, new)
    assert apply_edits(old, edits) == new
    assert len(edits) == 2
    assert all("interests" not in old[e.start : e.end] for e in edits)


def test_two_fixes_in_one_docx_paragraph_keep_the_runs(tmp_path: Path) -> None:
    import docx  # type: ignore[import-untyped]

    path = tmp_path / "story.docx"
    d = docx.Document()
    p = d.add_paragraph("Their logic is based on ")
    p.add_run("theirs own").bold = True
    p.add_run(" interests, the the envoy said.")
    d.save(str(path))
    s = ReviewSession(str(path), checker=fixed_checker)
    s.check_now()
    s.accept(next(i for i in s.items if i.finding.rule == "TQ303"))
    s.check_now()
    s.accept(next(i for i in s.items if i.finding.rule == "TQ201"))
    s.save()
    runs = [(r.text, bool(r.bold)) for r in docx.Document(str(path)).paragraphs[0].runs]
    assert "".join(t for t, _ in runs) == "Their logic is based on their own interests, the envoy said."
    assert [t for t, bold in runs if bold] == ["their own"]


def test_save_of_a_character_the_encoding_lacks_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    original = "Based on theirs own view.\r\nSecond line.\r\n".encode("cp1251")
    path.write_bytes(original)
    s = ReviewSession(str(path), encoding="cp1251", checker=fixed_checker)
    s.check_now()
    s.replace_span(s.items[0], "their own ü")
    with pytest.raises(SaveError, match=r"a\.txt:1:20: cannot save: “ü” \(U\+00FC\) has no cp1251 encoding"):
        s.save()
    assert path.read_bytes() == original
    assert s.dirty


def test_save_as_keeps_the_format(tmp_path: Path) -> None:
    import docx  # type: ignore[import-untyped]

    path = tmp_path / "story.docx"
    d = docx.Document()
    d.add_paragraph("Their logic is based on theirs own interests.")
    d.save(str(path))
    s = ReviewSession(str(path), checker=fixed_checker)
    s.check_now()
    s.accept(s.items[0])
    with pytest.raises(SaveError, match=r"story\.txt: cannot save a docx file as text: keep the \.docx suffix"):
        s.save(str(tmp_path / "story.txt"))
    assert not (tmp_path / "story.txt").exists()
    assert s.path == str(path) and s.dirty
    plain = tmp_path / "a.txt"
    plain.write_text("Based on theirs own view.\n", encoding="utf-8")
    t = ReviewSession(str(plain), checker=fixed_checker)
    t.check_now()
    t.accept(t.items[0])
    t.save(str(tmp_path / "a.md"))  # plain text and Markdown are interchangeable
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "Based on their own view.\n"


def test_save_uses_compare_and_swap_even_past_the_early_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A change landing after the session's own check (the race window) is still refused:
    the save goes through the same compare-and-swap as `check --fix`."""
    path = tmp_path / "a.txt"
    path.write_text("Based on theirs own view.\n", encoding="utf-8")
    s = ReviewSession(str(path), checker=fixed_checker)
    s.check_now()
    s.accept(s.items[0])
    path.write_text("Someone else wrote this, longer.\n", encoding="utf-8")
    monkeypatch.setattr(s, "changed_on_disk", lambda: False)  # as if it changed just after
    with pytest.raises(ExternalChangeError):
        s.save()
    assert path.read_text(encoding="utf-8") == "Someone else wrote this, longer.\n"
    s.save(force=True)
    assert "their own" in path.read_text(encoding="utf-8")
