"""``tqkit score --source``: segments cut at the sentences of the original article.

The articles below are CONSTRUCTED for these tests (an invented Bulgarian news item, a literal
machine-like English translation and an edited human one); they are not real articles. The
hypothesis merges two source sentences into one and splits another into two; the reference
has one paragraph fewer than the source (two paragraphs merged) and adds a sentence that has no
source. Scored paragraph by paragraph or line by line these files cannot even be paired.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sacrebleu
from click.testing import CliRunner

from tqkit.commands.score import score
from tqkit.errors import ScoreInputError
from tqkit.metrics.bysource import align_by_source

SOURCE = """\
Общинският съвет на Габрово прие бюджета

Общинският съвет на Габрово прие в четвъртък бюджета на общината за следващата година. \
Той възлиза на 142 милиона лева, с 12 милиона повече от миналогодишния. \
За проекта гласуваха 27 от общо 37 общински съветници.

Кметът Таня Христова заяви, че най-голямата част от средствата ще отиде за образование. \
Над 40 милиона лева са предвидени за училища и детски градини.

Опозицията критикува бюджета като нереалистичен. \
Според нея приходите от продажба на общинска земя са надценени.
"""

HYPOTHESIS = """\
Gabrovo council adopts the budget

The municipal council of Gabrovo adopted on Thursday the budget of the municipality for next \
year. It amounts to 142 million leva, with 12 million more than last year's, and 27 of a total \
of 37 municipal councillors voted for the project.

Mayor Tanya Hristova spoke to journalists after the vote. She said that the biggest part of the \
funds will go to education. Over 40 million leva are foreseen for schools and kindergartens.

The opposition criticised the budget as unrealistic. According to it, the revenues from the \
sale of municipal land are overestimated.
"""

REFERENCE = """\
Gabrovo municipal council adopts budget

Gabrovo's municipal council on Thursday adopted the municipality's budget for next year. \
It amounts to 142 million leva, 12 million more than last year's. \
Twenty-seven of the 37 councillors voted in favour.

Mayor Tanya Hristova said most of the money would go to education. More than 40 million leva \
is set aside for schools and kindergartens. The opposition called the budget unrealistic. \
It says that revenue from selling municipal land has been overestimated. \
The council meets again in March.
"""

# What the hypothesis and the reference must be cut into: one segment per source sentence,
# except source sentences 2-3 of the second paragraph, which the hypothesis translates as one.
EXPECTED_HYP = [
    "Gabrovo council adopts the budget",
    "The municipal council of Gabrovo adopted on Thursday the budget of the municipality for next year.",
    "It amounts to 142 million leva, with 12 million more than last year's, and 27 of a total "
    "of 37 municipal councillors voted for the project.",
    "Mayor Tanya Hristova spoke to journalists after the vote. She said that the biggest part of "
    "the funds will go to education.",
    "Over 40 million leva are foreseen for schools and kindergartens.",
    "The opposition criticised the budget as unrealistic.",
    "According to it, the revenues from the sale of municipal land are overestimated.",
]
EXPECTED_REF = [
    "Gabrovo municipal council adopts budget",
    "Gabrovo's municipal council on Thursday adopted the municipality's budget for next year.",
    "It amounts to 142 million leva, 12 million more than last year's. Twenty-seven of the 37 "
    "councillors voted in favour.",
    "Mayor Tanya Hristova said most of the money would go to education.",
    "More than 40 million leva is set aside for schools and kindergartens.",
    "The opposition called the budget unrealistic.",
    "It says that revenue from selling municipal land has been overestimated. The council meets again in March.",
]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("src", SOURCE), ("hyp", HYPOTHESIS), ("ref", REFERENCE)):
        path = tmp_path / {"src": "article.bg.txt", "hyp": "mt.en.txt", "ref": "human.en.txt"}[name]
        path.write_text(text, encoding="utf-8")
        out[name] = path
    return out


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(score, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_segments_follow_the_source_sentences(files: dict[str, Path]) -> None:
    aligned, source = align_by_source(files["hyp"], [files["ref"]], files["src"])
    assert aligned.mode == "source"
    assert aligned.hypotheses == EXPECTED_HYP
    assert aligned.reference_streams == [EXPECTED_REF]
    assert len(source.items) == 7
    assert source.items[2] == (
        "Той възлиза на 142 милиона лева, с 12 милиона повече от "
        "миналогодишния. За проекта гласуваха 27 от общо 37 общински "
        "съветници."
    )
    assert source.lines == (1, 3, 3, 5, 5, 7, 7)
    assert aligned.systems[0].lines == (1, 3, 3, 5, 5, 7, 7)
    assert aligned.references[0].lines == (1, 3, 3, 5, 5, 5, 5)


def test_scores_are_sacrebleu_on_those_segments(files: dict[str, Path]) -> None:
    code, out, err = run(
        files["hyp"], "--ref", files["ref"], "--source", files["src"], "-m", "bleu,chrf,chrf++,ter", "--format", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["alignment"] == "source" and data["segments"] == 7
    assert data["source"] == str(files["src"])
    ours = {s["key"]: s["value"] for s in data["scores"]}
    refs = [EXPECTED_REF]
    assert ours["bleu"] == sacrebleu.metrics.BLEU().corpus_score(EXPECTED_HYP, refs).score
    assert ours["chrf"] == sacrebleu.metrics.CHRF().corpus_score(EXPECTED_HYP, refs).score
    assert ours["chrf++"] == sacrebleu.metrics.CHRF(word_order=2).corpus_score(EXPECTED_HYP, refs).score
    assert ours["ter"] == sacrebleu.metrics.TER().corpus_score(EXPECTED_HYP, refs).score
    assert 0 < ours["bleu"] < 100

    code, out, _ = run(files["hyp"], "--ref", files["ref"], "--source", files["src"], "-m", "bleu")
    assert code == 0
    bleu = sacrebleu.metrics.BLEU().corpus_score(EXPECTED_HYP, refs)
    assert f"7 segments aligned to the source sentences of {files['src']}" in out
    assert bleu.format(width=1) in out


def test_without_source_the_files_still_cannot_be_paired(files: dict[str, Path]) -> None:
    code, out, err = run(files["hyp"], "--ref", files["ref"])
    assert code == 2 and out == ""
    assert err.startswith("tqkit: cannot align the files by lines or by paragraphs")


def test_worst_shows_the_source_sentence(files: dict[str, Path]) -> None:
    code, out, _ = run(
        files["hyp"], "--ref", files["ref"], "--source", files["src"], "--worst", "1", "--format", "json"
    )
    assert code == 0
    (worst,) = json.loads(out)["worst"]
    i = worst["index"] - 1
    assert worst["hypothesis"] == EXPECTED_HYP[i]
    assert worst["references"] == [EXPECTED_REF[i]]
    assert worst["source"] and worst["source_line"] in (1, 3, 5, 7)
    code, out, _ = run(files["hyp"], "--ref", files["ref"], "--source", files["src"], "--worst", "2")
    assert code == 0
    assert "(hypothesis line " in out and "source (line " in out


def test_omitted_sentence_is_an_empty_segment_and_compare_works(files: dict[str, Path], tmp_path: Path) -> None:
    # A second system that leaves out "Опозицията критикува бюджета..." entirely.
    other = tmp_path / "mt2.en.txt"
    other.write_text(HYPOTHESIS.replace("The opposition criticised the budget as unrealistic. ", ""), encoding="utf-8")
    aligned, _ = align_by_source(files["hyp"], [files["ref"]], files["src"], others=[other])
    assert aligned.hypotheses == EXPECTED_HYP
    assert list(aligned.systems[1].items) == [*EXPECTED_HYP[:5], "", EXPECTED_HYP[6]]
    assert aligned.reference_streams == [EXPECTED_REF]
    code, out, err = run(
        files["hyp"],
        "--ref",
        files["ref"],
        "--source",
        files["src"],
        "--compare",
        other,
        "--samples",
        "50",
        "--format",
        "json",
    )
    assert code == 0, err
    assert json.loads(out)["compare"]["samples"] == 50


def test_two_references(files: dict[str, Path], tmp_path: Path) -> None:
    ref2 = tmp_path / "human2.en.txt"
    ref2.write_text(HYPOTHESIS, encoding="utf-8")  # the hypothesis as its own second reference
    aligned, _ = align_by_source(files["hyp"], [files["ref"], ref2], files["src"])
    assert aligned.reference_streams == [EXPECTED_REF, EXPECTED_HYP]
    code, out, _ = run(
        files["hyp"], "--ref", files["ref"], "--ref", ref2, "--source", files["src"], "-m", "bleu", "--format", "json"
    )
    assert code == 0
    assert json.loads(out)["scores"][0]["value"] == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("case", "expect"),
    [
        ("missing-source", "no such file"),
        ("blank-source", "the source has no text to align"),
        ("empty-source", "empty file"),
        ("blank-hypothesis", "the target has no text to align"),
        ("align-lines", "--align lines cannot be used with --source"),
    ],
)
def test_errors_are_one_line_exit_2(files: dict[str, Path], tmp_path: Path, case: str, expect: str) -> None:
    src, hyp = files["src"], files["hyp"]
    extra: list[str] = []
    if case == "missing-source":
        src = tmp_path / "nope.bg.txt"
    elif case == "blank-source":
        src.write_text("\n   \n\n", encoding="utf-8")
    elif case == "empty-source":
        src.write_bytes(b"")
    elif case == "blank-hypothesis":
        hyp.write_text("\n\n \n", encoding="utf-8")
    else:
        extra = ["--align", "lines"]
    code, out, err = run(hyp, "--ref", files["ref"], "--source", src, *extra)
    assert code == 2 and out == ""
    assert err.startswith("tqkit: ") and err.count("\n") == 1
    assert expect in err
    if case != "align-lines":
        assert str(hyp if case == "blank-hypothesis" else src) in err


def test_api_error_type(files: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(ScoreInputError, match="no reference"):
        align_by_source(files["hyp"], [], files["src"])


def test_help_documents_source() -> None:
    result = CliRunner().invoke(score, ["--help"])
    assert "--source" in result.output
    assert "same source sentence(s)" in " ".join(result.output.split())
