"""tqkit.metrics against sacrebleu's Python API, and the file alignment rules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest

from tqkit.metrics import (
    ScoreInputError,
    align,
    compare_systems,
    parse_metrics,
    score_corpus,
    sentence_chrf,
    worst_segments,
)
from tqkit.metrics.inputs import split_lines, split_paragraphs


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


SACRE = {
    "bleu": BLEU,
    "chrf": CHRF,
    "chrf++": lambda: CHRF(word_order=2),
    "ter": TER,
}


@pytest.mark.parametrize("name", ["bleu", "chrf", "chrf++", "ter"])
def test_scores_equal_sacrebleu_api(corpus: dict[str, Path], name: str) -> None:
    hyps, refs = _lines(corpus["hyp"]), [_lines(corpus["ref"])]
    (ours,) = score_corpus(hyps, refs, [name])
    metric = SACRE[name]()
    theirs = metric.corpus_score(hyps, refs)
    assert ours.value == theirs.score  # identical, not approximately equal
    assert ours.metric == theirs.name
    assert ours.signature == metric.get_signature().format()
    assert ours.key == name
    assert ours.ci is None


def test_scores_equal_sacrebleu_with_two_references(corpus: dict[str, Path]) -> None:
    hyps = _lines(corpus["hyp"])
    refs = [_lines(corpus["ref"]), _lines(corpus["ref2"])]
    ours = score_corpus(hyps, refs, ["bleu", "chrf", "chrf++", "ter"])
    for score, factory in zip(ours, SACRE.values(), strict=True):
        metric = factory()
        assert score.value == metric.corpus_score(hyps, refs).score
        assert score.signature == metric.get_signature().format()
        assert "nrefs:2" in score.signature


def test_score_values_are_sensible(corpus: dict[str, Path]) -> None:
    refs = [_lines(corpus["ref"])]
    good = {s.key: s.value for s in score_corpus(_lines(corpus["hyp"]), refs, ["bleu", "ter"])}
    bad = {s.key: s.value for s in score_corpus(_lines(corpus["hyp2"]), refs, ["bleu", "ter"])}
    assert 0 < bad["bleu"] < good["bleu"] < 100
    assert good["ter"] < bad["ter"]  # TER: lower is better
    perfect = score_corpus(refs[0], refs, ["bleu", "chrf"])
    assert [round(s.value, 6) for s in perfect] == [100.0, 100.0]


def test_sentence_chrf_equals_sacrebleu_sentence_score(corpus: dict[str, Path]) -> None:
    hyps = _lines(corpus["hyp"])
    refs = [_lines(corpus["ref"]), _lines(corpus["ref2"])]
    ours = sentence_chrf(hyps, refs)
    metric = CHRF()
    theirs = [metric.sentence_score(h, [r1, r2]).score for h, r1, r2 in zip(hyps, *refs, strict=True)]
    assert ours == theirs


def test_worst_segments_are_lowest_chrf_in_order(corpus: dict[str, Path]) -> None:
    hyps, refs = _lines(corpus["hyp2"]), [_lines(corpus["ref"])]
    all_scores = sentence_chrf(hyps, refs)
    worst = worst_segments(hyps, refs, 5)
    assert [w.chrf for w in worst] == sorted(all_scores)[:5]
    for w in worst:
        assert w.hypothesis == hyps[w.index - 1]
        assert w.references == (refs[0][w.index - 1],)
        assert w.line == w.index
    assert worst_segments(hyps, refs, 0) == []
    assert len(worst_segments(hyps, refs, 1000)) == len(hyps)


def test_compare_equals_sacrebleu_paired_bootstrap(corpus: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    hyps, hyps2, refs = _lines(corpus["hyp"]), _lines(corpus["hyp2"]), [_lines(corpus["ref"])]
    comp = compare_systems(hyps, hyps2, refs, ["bleu", "chrf"], names=("a", "b"), samples=300, seed=7)
    monkeypatch.setenv("SACREBLEU_SEED", "7")
    sigs, results = PairedTest(
        [("a", hyps), ("b", hyps2)],
        {"bleu": BLEU(), "chrf": CHRF()},
        refs,
        test_type="bs",
        n_samples=300,
    )()
    assert [s.name for s in comp.systems] == ["a", "b"]
    for i, name in enumerate(["BLEU", "chrF2"]):
        for pos, system in enumerate(comp.systems):
            ours, theirs = system.scores[i], results[name][pos]
            assert ours.metric == name
            assert (ours.value, ours.mean, ours.ci, ours.p_value) == (
                theirs.score,
                theirs.mean,
                theirs.ci,
                theirs.p_value,
            )
            assert ours.signature == sigs[name].format()
            assert "seed:7" in ours.signature and "bs:300" in ours.signature
    assert comp.systems[0].scores[0].p_value is None
    assert comp.systems[1].scores[0].p_value is not None
    assert comp.systems[1].scores[0].p_value < 0.05  # hyp2 is much worse


def test_compare_is_deterministic_and_restores_environment(
    corpus: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SACREBLEU_SEED", raising=False)
    hyps, hyps2, refs = _lines(corpus["hyp"]), _lines(corpus["hyp2"]), [_lines(corpus["ref"])]
    a = compare_systems(hyps, hyps2, refs, ["chrf"], samples=200)
    b = compare_systems(hyps, hyps2, refs, ["chrf"], samples=200)
    assert a == b
    import os

    assert "SACREBLEU_SEED" not in os.environ
    with pytest.raises(ValueError, match="seed"):
        compare_systems(hyps, hyps2, refs, ["chrf"], seed=0)


def test_parse_metrics() -> None:
    assert parse_metrics("bleu, chrF++,TER,bleu") == ["bleu", "chrf++", "ter"]
    assert parse_metrics(["chrf2"]) == ["chrf"]
    with pytest.raises(ValueError, match="unknown metric 'meteor'"):
        parse_metrics("bleu,meteor")
    with pytest.raises(ValueError, match="no metric"):
        parse_metrics(" , ")


def test_reference_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError, match="2 hypotheses"):
        score_corpus(["a b", "c d"], [["a b"]], ["bleu"])


def test_importing_metrics_does_not_import_sacrebleu() -> None:
    code = (
        "import sys, tqkit.metrics, tqkit.commands.score\n"
        "bad = [m for m in ('sacrebleu', 'numpy', 'langdetect') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- reading and aligning ------------------------------------------------------------------


def test_split_lines_follows_sacrebleu() -> None:
    assert split_lines("") == ([], [])
    assert split_lines("a\nb\n") == (["a", "b"], [1, 2])
    assert split_lines("a\nb") == (["a", "b"], [1, 2])
    assert split_lines("a  \r\n\nb\n") == (["a", "", "b"], [1, 2, 3])


def test_split_paragraphs_collapses_whitespace() -> None:
    text = "# Title\n\nFirst  paragraph\nwrapped here.\n\n\nSecond one.\n"
    assert split_paragraphs(text) == (
        ["# Title", "First paragraph wrapped here.", "Second one."],
        [1, 3, 7],
    )


def test_align_auto_prefers_lines(tmp_path: Path) -> None:
    (tmp_path / "h.txt").write_text("a b\nc d\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("a b\nc e\n", encoding="utf-8")
    al = align(tmp_path / "h.txt", [tmp_path / "r.txt"])
    assert al.mode == "lines"
    assert al.hypotheses == ["a b", "c d"]
    assert al.reference_streams == [["a b", "c e"]]


def test_align_auto_falls_back_to_paragraphs(tmp_path: Path) -> None:
    (tmp_path / "h.md").write_text("One two\nthree.\n\nFour five.\n", encoding="utf-8")
    (tmp_path / "r.md").write_text("One two three.\n\nFour\nfive\nsix.\n", encoding="utf-8")
    al = align(tmp_path / "h.md", [tmp_path / "r.md"])
    assert al.mode == "paragraphs"
    assert al.hypotheses == ["One two three.", "Four five."]
    assert al.reference_streams == [["One two three.", "Four five six."]]
    assert al.systems[0].lines == (1, 4)


def test_align_mismatch_names_both_files_and_counts(tmp_path: Path) -> None:
    h, r = tmp_path / "h.txt", tmp_path / "r.txt"
    h.write_text("a\nb\n\nc\n", encoding="utf-8")
    r.write_text("a\n\nb\n\nc\n\nd\n", encoding="utf-8")
    with pytest.raises(ScoreInputError) as err:
        align(h, [r])
    msg = str(err.value)
    assert "\n" not in msg
    assert f"{h} has 4 lines and 2 paragraphs" in msg
    assert f"{r} has 7 lines and 4 paragraphs" in msg
    with pytest.raises(ScoreInputError, match="cannot align by lines"):
        align(h, [r], mode="lines")


def test_align_forced_paragraphs(tmp_path: Path) -> None:
    h, r = tmp_path / "h.txt", tmp_path / "r.txt"
    h.write_text("a\nb\n", encoding="utf-8")
    r.write_text("a\nc\n", encoding="utf-8")
    al = align(h, [r], mode="paragraphs")
    assert al.mode == "paragraphs" and al.hypotheses == ["a b"]


def test_read_text_bom_and_errors(tmp_path: Path) -> None:
    from tqkit.metrics import read_text

    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffПравителството\n".encode())
    assert read_text(bom) == "Правителството\n"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff\xfe broken\n")
    with pytest.raises(ScoreInputError, match=r"bad\.txt: not valid UTF-8"):
        read_text(bad)
    with pytest.raises(ScoreInputError, match=r"missing\.txt: cannot read"):
        read_text(tmp_path / "missing.txt")


def test_align_empty_hypothesis(tmp_path: Path) -> None:
    (tmp_path / "h.txt").write_text("", encoding="utf-8")
    (tmp_path / "r.txt").write_text("", encoding="utf-8")
    with pytest.raises(ScoreInputError, match="no segments"):
        align(tmp_path / "h.txt", [tmp_path / "r.txt"])


# -- properties ----------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from(list("ab é\tЖ\n\r\u2028\x0c.")), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_split_lines_equals_sacrebleu_file_reading(text: str) -> None:
    import io

    # sacrebleu's CLI: open(..., newline="\n"), then line.rstrip() for every line.
    theirs = [line.rstrip() for line in io.StringIO(text, newline="\n")]
    assert split_lines(text)[0] == theirs


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=6))
def test_score_corpus_equals_sacrebleu_on_arbitrary_text(pairs: list[tuple[str, str]]) -> None:
    hyps = [h for h, _ in pairs]
    refs = [[r for _, r in pairs]]
    ours = score_corpus(hyps, refs, ["bleu", "chrf", "ter"])
    assert [s.value for s in ours] == [
        BLEU().corpus_score(hyps, refs).score,
        CHRF().corpus_score(hyps, refs).score,
        TER().corpus_score(hyps, refs).score,
    ]
