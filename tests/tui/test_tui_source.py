"""The source pane of ``tqkit review --source``: the source sentence aligned with the sentence of
the current finding is marked, the alignment is computed once per version of the text, in the
checking worker, and carried through edits until the next check.

The bilingual pairs are CONSTRUCTED test fixtures (tests/tui/data/short.*.txt and
tests/fixtures/bilingual/bg_en_budget.json, an invented Bulgarian news item with its English
translation written for the tests), not real articles.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static
from tqkit.tui.app import ReviewApp, make_app
from tui_helpers import fixed_checker, run_async

from tqkit.document import Document
from tqkit.findings import Category, Edit, Finding, Severity, Span
from tqkit.review.edits import map_point
from tqkit.review.session import ReviewSession
from tqkit.review.source import SourceAlignment, SourceLink

BILINGUAL = Path(__file__).resolve().parent.parent / "fixtures" / "bilingual" / "bg_en_budget.json"


def budget_pair(tmp_path: Path) -> tuple[Path, Path]:
    """The constructed bg->en budget article as two plain-text files (paragraphs in order)."""
    data = json.loads(BILINGUAL.read_text(encoding="utf-8"))
    src = [" ".join(p) for g in data["groups"] for p in g["src"]]
    tgt = [" ".join(p) for g in data["groups"] for p in g["tgt"]]
    src_path, tgt_path = tmp_path / "budget.bg.txt", tmp_path / "budget.en.txt"
    src_path.write_text("\n\n".join(src) + "\n", encoding="utf-8")
    tgt_path.write_text("\n\n".join(tgt) + "\n", encoding="utf-8")
    return tgt_path, src_path


# Words the budget checker flags, one per interesting bead of the fixture's gold alignment.
FLAGGED = ("largest share", "Radetzki", "about 50,000", "overhaul")


def budget_checker(doc: Document, source: Document | None) -> list[Finding]:
    out = []
    for word in FLAGGED:
        for m in re.finditer(re.escape(word), doc.text):
            out.append(
                Finding(
                    "TQ999",
                    "test-flag",
                    Span(m.start(), m.end()),
                    Severity.WARNING,
                    Category.AWKWARD,
                    f"flagged “{word}”",
                    (),
                    doc.path,
                )
            )
    return out


async def ready(app: ReviewApp, pilot: Pilot[None]) -> None:
    await app.wait_for_checks()
    await pilot.pause()


async def walk_to(app: ReviewApp, pilot: Pilot[None], text: str) -> None:
    for _ in range(20):
        if app.current is not None and app.session.span_text(app.current) == text:
            await pilot.pause()
            return
        await pilot.press("n")
    raise AssertionError(f"no finding on {text!r}")


def pane(app: ReviewApp) -> Content:
    content = app.query_one("#source-text", Static).content
    assert isinstance(content, Content)
    return content


def marked_text(content: Content) -> list[str]:
    """The pieces of the source pane shown in reverse video (the aligned sentences)."""
    return [content.plain[s.start : s.end] for s in content.spans if "reverse" in str(s.style)]


@run_async
async def test_short_pair_marks_the_aligned_source_sentence(short_pair: tuple[Path, Path]) -> None:
    tgt, src = short_pair
    app = make_app(tgt, source=src, checker=fixed_checker, poll_seconds=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "theirs own")
        content = pane(app)
        # The whole source paragraph is shown, its second sentence marked, not its first.
        assert content.plain.startswith("Source ¶2, sentence 2\n")
        assert "Министрите се срещнаха в София в понеделник." in content.plain
        assert marked_text(content) == ["Тяхната логика се основава на собствените им интереси, заяви пратеникът."]
        await walk_to(app, pilot, "Batkovs")
        content = pane(app)
        assert content.plain.startswith("Source ¶3, sentence 1\n")
        assert marked_text(content) == ["Големите батковци няма да позволят това да засегне интересите им."]


@run_async
async def test_budget_pair_merged_split_and_added_sentences(tmp_path: Path) -> None:
    tgt, src = budget_pair(tmp_path)
    app = make_app(tgt, source=src, checker=budget_checker, poll_seconds=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        # Two source sentences translated as one: both are marked.
        await walk_to(app, pilot, "largest share")
        content = pane(app)
        assert content.plain.startswith("Source ¶3, sentences 1–2\n")
        assert marked_text(content) == [
            "Кметът Таня Христова заяви, че най-голямата част от средствата ще отиде за образование. "
            "Над 40 милиона лева са предвидени за училища и детски градини."
        ]
        # One source sentence translated as two: the second target sentence shows it too.
        await walk_to(app, pilot, "Radetzki")
        content = pane(app)
        assert content.plain.startswith("Source ¶4, sentence 1\n")
        (marked,) = marked_text(content)
        assert marked.startswith("Според финансовия директор Петър Иванов") and "„Радецки“" in marked
        # A sentence added in the translation: its paragraph's source is shown, nothing marked.
        await walk_to(app, pilot, "about 50,000")
        content = pane(app)
        assert content.plain.startswith("Source ¶8  no aligned source sentence")
        assert "no aligned source sentence" in content.plain
        assert "Бюджетът предвижда и 3 милиона лева за социални услуги." in content.plain
        assert marked_text(content) == []
        # Second sentence of a three-sentence paragraph split over two target paragraphs.
        await walk_to(app, pilot, "overhaul")
        content = pane(app)
        assert marked_text(content) == ["Сградата не е ремонтирана основно от 1972 година, когато е открита."]
        assert "Ремонтът на Дома на хумора и сатирата" in content.plain


@run_async
async def test_alignment_runs_in_the_worker_once_per_version(
    short_pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tqkit.align

    calls: list[tuple[str, bool]] = []
    real = tqkit.align.paragraph_beads

    def spy(src: Document, tgt: Document) -> Any:
        calls.append((tgt.text, threading.current_thread() is threading.main_thread()))
        return real(src, tgt)

    monkeypatch.setattr(tqkit.align, "paragraph_beads", spy)
    tgt, src = short_pair
    app = make_app(tgt, source=src, checker=fixed_checker, poll_seconds=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert len(calls) == 1 and calls[0][1] is False  # not on the UI thread
        for _ in range(5):  # walking between findings never re-aligns
            await pilot.press("n")
        await pilot.pause()
        assert len(calls) == 1
        # Accept "their own": the alignment follows the edit at once, then the re-check
        # (a new version of the text) aligns again, once.
        await walk_to(app, pilot, "theirs own")
        await pilot.press("a")
        assert "based on their own" in app.session.text
        await pilot.pause()
        await walk_to(app, pilot, "the the")
        assert marked_text(pane(app)) == ["Тяхната логика се основава на собствените им интереси, заяви пратеникът."]
        await ready(app, pilot)
        assert len(calls) == 2 and calls[1][1] is False
        assert calls[1][0] == app.session.text


@run_async
async def test_without_source_there_is_no_pane(short_pair: tuple[Path, Path]) -> None:
    tgt, _ = short_pair
    app = make_app(tgt, checker=fixed_checker, poll_seconds=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert not app.query("#source-text")
        assert app.session.alignment is None


# -- the session, without Textual --------------------------------------------------------------


def test_map_point() -> None:
    edits = [Edit(Span(2, 4), "xyz"), Edit(Span(10, 10), "ab")]
    assert map_point(0, edits) == 0
    assert map_point(4, edits) == 5
    assert map_point(3, edits) == 5  # inside a replaced range: the end of its replacement
    assert map_point(10, edits) == 11  # an insertion at the point goes after it
    assert map_point(12, edits) == 15


def test_alignment_lookup_and_mapping() -> None:
    links = [
        SourceLink(Span(0, 10), "p1.s1", (Span(0, 8),), ("p1.s1",), (Span(0, 20),), ("p1",)),
        SourceLink(Span(11, 30), "p1.s2", (Span(9, 20),), ("p1.s2",), (Span(0, 20),), ("p1",)),
    ]
    al = SourceAlignment(links)
    assert al.at(0) is links[0] and al.at(10) is links[0] and al.at(11) is links[1]
    assert al.at(500) is links[1]
    moved = al.mapped([Edit(Span(2, 3), "four")])
    assert [lk.target for lk in moved.links] == [Span(0, 13), Span(14, 33)]
    assert moved.at(14).target_id == "p1.s2"  # type: ignore[union-attr]


def test_session_excerpt_states(short_pair: tuple[Path, Path], tmp_path: Path) -> None:
    tgt, src = short_pair
    s = ReviewSession(str(tgt), str(src), checker=fixed_checker)
    first = s.source_excerpt(0)
    assert first is not None and first.note == "aligning…" and not first.pieces
    s.check_now()
    at = s.text.index("theirs own")
    ex = s.source_excerpt(at)
    assert ex is not None and ex.title == "Source ¶2, sentence 2" and ex.note is None
    assert ex.marked == "Тяхната логика се основава на собствените им интереси, заяви пратеникът."
    assert "".join(t for t, _ in ex.pieces).startswith("Министрите се срещнаха")
    # A source with no text: the alignment fails, the pane says so (one line), nothing crashes.
    blank = tmp_path / "blank.bg.txt"
    blank.write_text("\n \n", encoding="utf-8")
    s2 = ReviewSession(str(tgt), str(blank), checker=fixed_checker)
    s2.check_now()
    ex2 = s2.source_excerpt(at)
    assert ex2 is not None and ex2.note is not None and "cannot align" in ex2.note
    assert "\n" not in ex2.note
    assert ReviewSession(str(tgt), checker=fixed_checker).source_excerpt(0) is None


@run_async
async def test_long_source_paragraph_scrolls_to_the_marked_sentence(tmp_path: Path) -> None:
    # Constructed: a ten-sentence Bulgarian paragraph and its sentence-by-sentence translation.
    towns = ["Габрово", "Пловдив", "Варна", "Бургас", "Русе", "Плевен", "Сливен", "Добрич", "Шумен", "Перник"]
    names = ["Gabrovo", "Plovdiv", "Varna", "Burgas", "Ruse", "Pleven", "Sliven", "Dobrich", "Shumen", "Pernik"]
    src = " ".join(
        f"Общинският съвет на {t} прие бюджета си за {2000 + 3 * k} година след дълъг спор."
        for k, t in enumerate(towns)
    )
    tgt = " ".join(
        f"The {n} municipal council adopted its budget for {2000 + 3 * k} after a long dispute."
        for k, n in enumerate(names)
    )
    (tmp_path / "long.bg.txt").write_text(src + "\n", encoding="utf-8")
    (tmp_path / "long.en.txt").write_text(tgt + "\n", encoding="utf-8")

    def flag_pernik(doc: Document, source: Document | None) -> list[Finding]:
        i = doc.text.index("Pernik")
        return [Finding("TQ999", "test-flag", Span(i, i + 6), Severity.INFO, Category.OTHER, "flag", (), doc.path)]

    app = make_app(tmp_path / "long.en.txt", source=tmp_path / "long.bg.txt", checker=flag_pernik, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await walk_to(app, pilot, "Pernik")
        await pilot.pause()
        assert marked_text(pane(app)) == ["Общинският съвет на Перник прие бюджета си за 2027 година след дълъг спор."]
        assert pane(app).plain.startswith("Source ¶1, sentence 10\n")
        scroller = app.query_one("#source-pane")
        assert scroller.scroll_y > 0  # the last sentence is far below the pane's first lines
        shown = {line for line in range(int(scroller.scroll_y), int(scroller.scroll_y) + scroller.size.height)}
        text = pane(app)
        lines = text.wrap(scroller.scrollable_content_region.width)
        mark_line = next(k for k, line in enumerate(lines) if "Перник" in line.plain)
        assert mark_line in shown
