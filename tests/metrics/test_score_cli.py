"""``tqkit score`` end to end: equal to sacrebleu's own command line, errors, JSON, --worst,
--compare."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.commands.score import score

SACREBLEU = Path(sys.executable).with_name("sacrebleu")


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(score, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def sacrebleu_json(*args: str | Path) -> dict[str, dict[str, object]]:
    proc = subprocess.run(
        [str(SACREBLEU), *map(str, args), "-f", "json", "-w", "4", "-q"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(proc.stdout)
    items = data if isinstance(data, list) else [data]
    return {item["name"]: item for item in items}


pytestmark = pytest.mark.skipif(not SACREBLEU.exists(), reason="sacrebleu CLI not installed")


def test_equal_to_sacrebleu_cli(corpus: dict[str, Path]) -> None:
    code, out, _ = run(corpus["hyp"], "--ref", corpus["ref"], "-m", "bleu,chrf,ter", "--format", "json")
    assert code == 0
    ours = {s["metric"]: s for s in json.loads(out)["scores"]}
    theirs = sacrebleu_json(corpus["ref"], "-i", corpus["hyp"], "-m", "bleu", "chrf", "ter")
    assert set(ours) == set(theirs) == {"BLEU", "chrF2", "TER"}
    for name, item in theirs.items():
        assert round(ours[name]["value"], 4) == item["score"]
        assert ours[name]["signature"] == item["signature"]


def test_chrf_plus_plus_and_two_references_equal_to_sacrebleu_cli(corpus: dict[str, Path]) -> None:
    code, out, _ = run(
        corpus["hyp2"], "--ref", corpus["ref"], "--ref", corpus["ref2"], "-m", "chrf++", "--format", "json"
    )
    assert code == 0
    (ours,) = json.loads(out)["scores"]
    theirs = sacrebleu_json(
        corpus["ref"], corpus["ref2"], "-i", corpus["hyp2"], "-m", "chrf", "--chrf-word-order", "2"
    )["chrF2++"]
    assert ours["metric"] == "chrF2++"
    assert round(ours["value"], 4) == theirs["score"]
    assert ours["signature"] == theirs["signature"]


def test_score_only_matches_sacrebleu_b(corpus: dict[str, Path]) -> None:
    proc = subprocess.run(
        [str(SACREBLEU), str(corpus["ref"]), "-i", str(corpus["hyp"]), "-m", "bleu", "chrf", "ter", "-b", "-f", "text"],
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = [float(x) for x in proc.stdout.split()]
    code, out, _ = run(corpus["hyp"], "--ref", corpus["ref"], "-m", "bleu,chrf,ter")
    assert code == 0
    ours = [float(m.group(1)) for m in re.finditer(r"^\S+ = (\d+\.\d)", out, re.M)]
    assert ours == theirs


def test_text_output_has_signatures(corpus: dict[str, Path]) -> None:
    code, out, _ = run(corpus["hyp"], "--ref", corpus["ref"], "-m", "bleu,chrf")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{corpus['hyp']} vs {corpus['ref']}: 32 segments aligned by lines"
    assert lines[1].startswith("BLEU = ") and "BP = " in lines[1]
    assert lines[2].strip().startswith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:")
    assert lines[3].startswith("chrF2 = ")
    assert "nc:6|nw:0" in lines[4]


def test_json_shape(corpus: dict[str, Path]) -> None:
    code, out, _ = run(corpus["hyp"], "--ref", corpus["ref"], "--format", "json", "--worst", "2")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"hypothesis", "references", "alignment", "segments", "scores", "worst"}
    assert data["hypothesis"] == str(corpus["hyp"])
    assert data["references"] == [str(corpus["ref"])]
    assert data["alignment"] == "lines" and data["segments"] == 32
    assert [s["metric"] for s in data["scores"]] == ["BLEU", "chrF2"]  # the default metrics
    for s in data["scores"]:
        assert set(s) == {"metric", "value", "signature", "ci", "mean", "p_value", "key", "detail"}
        assert isinstance(s["value"], float) and s["ci"] is None
    assert len(data["worst"]) == 2
    assert set(data["worst"][0]) == {"index", "line", "chrf", "hypothesis", "references"}
    assert data["worst"][0]["chrf"] <= data["worst"][1]["chrf"]


def test_worst_text_side_by_side(corpus: dict[str, Path]) -> None:
    from tqkit.metrics import sentence_chrf

    hyps = corpus["hyp2"].read_text(encoding="utf-8").splitlines()
    refs = corpus["ref"].read_text(encoding="utf-8").splitlines()
    scores = sentence_chrf(hyps, [refs])
    worst = min(range(len(scores)), key=lambda i: (scores[i], i))
    code, out, _ = run(corpus["hyp2"], "--ref", corpus["ref"], "--worst", "3")
    assert code == 0
    assert "Worst 3 segments by sentence chrF" in out
    assert f"#{worst + 1} (line {worst + 1})  chrF {scores[worst]:.1f}" in out
    assert out.count("│ reference: ") == 3
    first_words = hyps[worst].split()[0]
    block = out.split(f"#{worst + 1} (line")[1]
    assert any(line.startswith(first_words) and "│" in line for line in block.splitlines())


def test_compare_matches_sacrebleu_cli_and_is_deterministic(corpus: dict[str, Path]) -> None:
    args = (corpus["hyp"], "--ref", corpus["ref"], "--compare", corpus["hyp2"], "-m", "bleu,chrf", "-w", "4")
    code, out, _ = run(*args)
    assert code == 0
    assert run(*args)[1] == out  # same seed, same numbers
    assert "Paired bootstrap resampling (1000 samples, seed 12345)" in out
    proc = subprocess.run(
        [
            str(SACREBLEU),
            str(corpus["ref"]),
            "-i",
            str(corpus["hyp"]),
            str(corpus["hyp2"]),
            "--paired-bs",
            "-m",
            "bleu",
            "chrf",
            "-f",
            "text",
            "-w",
            "4",
            "-q",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    # sacrebleu prints "score (mean ± ci)" per system and "(p = x)" under the candidate.
    theirs = re.findall(r"(\d+\.\d{4}) \((\d+\.\d{4}) ± (\d+\.\d{4})\)", proc.stdout)
    p_theirs = re.findall(r"p = (\d\.\d{4})", proc.stdout)
    ours = re.findall(r"(\d+\.\d{4})  \((\d+\.\d{4}) ± (\d+\.\d{4})\)", out)
    p_ours = re.findall(r"p = (\d\.\d{4})", out)
    # sacrebleu's table is system-major (row per system), ours metric-major.
    assert len(theirs) == len(ours) == 4
    assert sorted(theirs) == sorted(ours)
    assert p_theirs == p_ours and len(p_ours) == 2


def test_compare_json(corpus: dict[str, Path]) -> None:
    code, out, _ = run(
        corpus["hyp"],
        "--ref",
        corpus["ref"],
        "--compare",
        corpus["hyp2"],
        "-m",
        "chrf",
        "--samples",
        "200",
        "--seed",
        "3",
        "--format",
        "json",
    )
    assert code == 0
    comp = json.loads(out)["compare"]
    assert comp["test"] == "paired-bootstrap" and comp["samples"] == 200 and comp["seed"] == 3
    base, cand = comp["systems"]
    assert base["baseline"] is True and base["name"] == str(corpus["hyp"])
    assert cand["baseline"] is False and cand["name"] == str(corpus["hyp2"])
    assert base["scores"][0]["p_value"] is None
    assert 0 < cand["scores"][0]["p_value"] <= 1
    assert base["scores"][0]["ci"] > 0
    assert "bs:200" in base["scores"][0]["signature"]


def test_paragraph_aligned_articles(tmp_path: Path) -> None:
    hyp = tmp_path / "mt.md"
    ref = tmp_path / "human.md"
    hyp.write_text(
        "# Budget approved\n\nThe government approved\nthe budget on Wednesday.\n\nParliament votes next week.\n",
        encoding="utf-8",
    )
    ref.write_text(
        "# Budget passed\n\nThe government approved the budget on Wednesday.\n\n"
        "Parliament will vote on it next week.\n",
        encoding="utf-8",
    )
    code, out, _ = run(hyp, "--ref", ref, "--format", "json", "--worst", "1")
    assert code == 0
    data = json.loads(out)
    assert data["alignment"] == "paragraphs" and data["segments"] == 3
    assert data["worst"][0]["line"] in (1, 6)
    code, out, err = run(hyp, "--ref", ref, "--align", "lines")
    assert code == 2
    assert err.strip() == f"tqkit: cannot align by lines: {hyp} has 6 lines, {ref} has 5 lines"


def test_mismatch_error_is_one_line_exit_2(tmp_path: Path) -> None:
    hyp, ref = tmp_path / "h.txt", tmp_path / "r.txt"
    hyp.write_text("one\n\ntwo\n\nthree\n", encoding="utf-8")
    ref.write_text("one\n\ntwo\n", encoding="utf-8")
    code, out, err = run(hyp, "--ref", ref)
    assert code == 2 and out == ""
    assert err == (
        f"tqkit: cannot align the files by lines or by paragraphs: {hyp} has 5 lines and "
        f"3 paragraphs, {ref} has 3 lines and 2 paragraphs\n"
    )
    # Same line count: lines win, whatever the paragraphs say.
    ref.write_text("one\ntwo\nthree\nfour\nfive\n", encoding="utf-8")
    code, out, err = run(hyp, "--ref", ref)
    assert code == 0 and "5 segments aligned by lines" in out


@pytest.mark.parametrize(
    ("setup", "expect"),
    [
        ("missing", "cannot read"),
        ("latin1", "not valid UTF-8"),
    ],
)
def test_unreadable_files(tmp_path: Path, setup: str, expect: str) -> None:
    ref = tmp_path / "r.txt"
    ref.write_text("one\n", encoding="utf-8")
    hyp = tmp_path / "h.txt"
    if setup == "latin1":
        hyp.write_bytes("café\n".encode("latin-1"))
    code, _, err = run(hyp, "--ref", ref)
    assert code == 2
    assert err.startswith(f"tqkit: {hyp}: {expect}") and err.count("\n") == 1


def test_bad_metric_and_missing_ref(corpus: dict[str, Path]) -> None:
    code, _, err = run(corpus["hyp"], "--ref", corpus["ref"], "-m", "bleu,rouge")
    assert code == 2 and "unknown metric 'rouge'" in err
    code, _, err = run(corpus["hyp"])
    assert code == 2 and "--ref" in err


def test_bom_input_scores_like_plain(corpus: dict[str, Path], tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + corpus["hyp"].read_bytes())
    a = json.loads(run(corpus["hyp"], "--ref", corpus["ref"], "--format", "json")[1])["scores"]
    b = json.loads(run(bom, "--ref", corpus["ref"], "--format", "json")[1])["scores"]
    assert [s["value"] for s in a] == [s["value"] for s in b]


def test_whole_cli_in_a_subprocess(corpus: dict[str, Path]) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tqkit",
            "score",
            str(corpus["hyp"]),
            "--ref",
            str(corpus["ref"]),
            "-m",
            "chrf",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = sacrebleu_json(corpus["ref"], "-i", corpus["hyp"], "-m", "chrf")["chrF2"]
    (ours,) = json.loads(proc.stdout)["scores"]
    assert round(ours["value"], 4) == theirs["score"]
