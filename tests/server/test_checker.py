"""The live checker: paragraph-by-paragraph checking gives what `tqkit check` gives, the cache
re-checks only changed paragraphs, and LSP positions count UTF-16 units."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tqkit.config import Settings
from tqkit.document import Document
from tqkit.runner import Engine
from tqkit.server.checker import LiveChecker, Positions

ROOT = Path(__file__).resolve().parents[2]


def sample() -> str:
    """The seed article, MT output from the MQM corpus and artefacts, as paragraphs."""
    rows = [
        json.loads(line)
        for line in (ROOT / "corpora" / "mqm-ted-zhen" / "mqm_ted_zhen.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()[:600]
    ]
    paras = [" ".join(r["target"] for r in rows[i : i + 4]) for i in range(0, len(rows), 4)]
    extra = [
        "The the troops left. Their logic is based on theirs own interest.",
        "Kelbajar was shelled. Later Kalbajar was evacuated, and Kelbajar burned.",
        "<!-- tqkit: ignore TQ201 -->",
        "The the ceasefire held.",
        "Комендантский час was declared.",
    ]
    return "\n\n".join([(ROOT / "corpora" / "silent-front.en.txt").read_text(encoding="utf-8"), *paras, *extra]) + "\n"


def key(fs):  # type: ignore[no-untyped-def]
    return sorted((f.rule, f.span.start, f.span.end, f.message, f.severity, f.fixes) for f in fs)


def test_paragraph_checking_matches_whole_document_checking(tmp_path: Path) -> None:
    text = sample()
    path = str(tmp_path / "a.txt")
    whole, _ = Engine(Settings(select=("ALL",))).check(Document(path, text))
    checker = LiveChecker()
    checker.config = checker.config.__class__(select=("ALL",))
    live = checker.check(path, text)
    assert live.error is None and live.findings
    assert key(live.findings) == key(whole)


def test_only_changed_paragraphs_are_checked_again(tmp_path: Path) -> None:
    text = sample()
    path = str(tmp_path / "a.md")
    checker = LiveChecker()
    first = checker.check(path, text)
    assert first.paragraphs_checked > 100
    edited = text.replace("The the ceasefire held.", "The the ceasefire held firm.")
    second = checker.check(path, edited)
    assert second.paragraphs_checked == 1
    third = checker.check(path, edited)
    assert third.paragraphs_checked == 0
    assert key(third.findings) == key(second.findings)


@given(st.lists(st.sampled_from(["a", " ", "\n", "\r\n", "\r", "é", "😀", "𝕏", "中"]), max_size=40))
def test_positions_round_trip_in_utf16(pieces: list[str]) -> None:
    text = "".join(pieces)
    pos = Positions(text)
    offset = 0
    for piece in ["", *pieces]:  # every offset that is not inside a CRLF
        offset += len(piece)
        if text[offset - 1 : offset + 1] == "\r\n":
            continue
        line, ch = pos.position(offset)
        # an independent count: UTF-16 units since the start of the line
        before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
        assert line == before.count("\n")
        assert ch == len(before[before.rfind("\n") + 1 :].encode("utf-16-le")) // 2
        assert pos.offset(line, ch) == offset


def test_positions_in_utf8_and_utf32() -> None:
    text = "😀 ab\nc"
    assert Positions(text, "utf-8").position(3) == (0, 6)
    assert Positions(text, "utf-32").position(3) == (0, 3)
    assert Positions(text, "utf-8").offset(0, 6) == 3


@given(
    st.lists(st.sampled_from(["a", "\n", "\r\n", "\r", "😀", " "]), max_size=30),
    st.integers(0, 30),
    st.integers(0, 5),
    st.lists(st.sampled_from(["b", "\n", "\r", "\r\n", "😀"]), max_size=5),
)
def test_splice_keeps_line_starts_right(pieces: list[str], at: int, length: int, new: list[str]) -> None:
    text = "".join(pieces)
    start = min(at, len(text))
    end = min(len(text), start + length)
    after = Positions(text).splice(start, end, "".join(new))
    fresh = Positions(after.text)
    assert after.starts == fresh.starts


def test_assembled_segments_and_sentences_match_the_documents_own(tmp_path: Path) -> None:
    from tqkit.readers import reader_for

    text = sample() + "\n\n<!-- a comment -->\n\nThe talks resumed. They ended. Mr. Smith left.\n"
    checker = LiveChecker()
    path = str(tmp_path / "a.md")
    checker.check(path, text)  # fills the cache
    doc = reader_for(path).read(path, text.encode("utf-8"), "utf-8", "en")
    fresh = reader_for(path).read(path, text.encode("utf-8"), "utf-8", "en")
    settings, engine, _ = checker.settings(path)
    checker._check_doc(doc, None, settings, engine, text)
    assert doc.__dict__["segments"] == fresh.segments
    assert doc.__dict__["sentences"] == fresh.sentences
