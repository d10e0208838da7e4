"""Alignment of the constructed bilingual fixtures (accuracy measured against gold links)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tqkit.align import align_paragraphs, align_sentences, sentence_beads
from tqkit.document import Document
from tqkit.errors import AlignmentError


def _helper():  # the fixture loader lives next to this file; import it by path
    if "tq_bilingual" not in sys.modules:
        spec = importlib.util.spec_from_file_location("tq_bilingual", Path(__file__).with_name("bilingual.py"))
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        sys.modules["tq_bilingual"] = mod
        spec.loader.exec_module(mod)
    return sys.modules["tq_bilingual"]


load = _helper().load
accuracy = _helper().accuracy

FIXTURES = ["bg_en_budget.json", "ru_en_icebreaker.json"]


def _docs(name: str) -> tuple[Document, Document]:
    pair = load(name)
    return Document("src", pair.source, target_lang="und"), Document("tgt", pair.target)


def _pred(src: Document, tgt: Document) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [
        (tuple(u.segment.id for u in b.source), tuple(u.segment.id for u in b.target)) for b in sentence_beads(src, tgt)
    ]


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_sentence_counts_match_the_splitter(name: str) -> None:
    pair = load(name)
    src, tgt = _docs(name)
    beads = sentence_beads(src, tgt)
    assert sum(len(b.source) for b in beads) == pair.n_source
    assert sum(len(b.target) for b in beads) == pair.n_target


def test_sentence_alignment_accuracy_at_least_95_percent() -> None:
    total = wrong = 0
    for name in FIXTURES:
        pair = load(name)
        acc, bad = accuracy(_pred(*_docs(name)), pair.gold)
        assert acc >= 0.90, (name, bad)
        n = len({k for s, t in pair.gold for k in [*("s:" + x for x in s), *("t:" + x for x in t)]})
        total += n
        wrong += len(bad)
    assert 1 - wrong / total >= 0.95, f"{wrong} of {total} sentences misaligned"


def test_merges_splits_and_gaps_are_found() -> None:
    src, tgt = _docs("bg_en_budget.json")
    kinds = {b.kind for b in sentence_beads(src, tgt)}
    assert {"2-1", "1-2", "1-0", "0-1", "1-1"} <= kinds
    paras = align_paragraphs(src, tgt)
    # the meeting paragraph (source p6) has no translation
    assert any(s is not None and s.id == "p6" and t is None for s, t in paras)
    # source p9 was split into target p8 and p9
    merged = [t for s, t in paras if s is not None and s.id == "p9"]
    assert merged and merged[0] is not None and merged[0].id == "p8+p9"
    assert merged[0].source and merged[0].source.startswith("Ремонтът")


def test_align_sentences_pairs_carry_source_text() -> None:
    src = Document("s", "Войната свърши през 1994 г. Мирът дойде бавно.\n", target_lang="und")
    tgt = Document("t", "The war ended in 1994. Peace came slowly.\n")
    pairs = align_sentences(src, tgt)
    assert len(pairs) == 2
    s0, t0 = pairs[0]
    assert s0 is not None and t0 is not None
    assert tgt.text[t0.span.start : t0.span.end] == "The war ended in 1994."
    assert t0.source == "Войната свърши през 1994 г."


def test_empty_documents_raise_alignment_error() -> None:
    with pytest.raises(AlignmentError):
        align_paragraphs(Document("s", "   \n", target_lang="und"), Document("t", "Text.\n"))
