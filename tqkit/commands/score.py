"""``tqkit score`` (corpus metrics through sacrebleu) and ``tqkit langs`` (language per paragraph).

Both print numbers about a text, not findings: their exit code is 0 unless the input is bad
(2, with a one-line message naming the file).
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from itertools import zip_longest
from typing import Any, NoReturn

import click

from tqkit.errors import ScoreInputError
from tqkit.metrics.inputs import ALIGN_MODES, Aligned, Segments, align, read_text
from tqkit.metrics.scoring import (
    DEFAULT_METRICS,
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    Comparison,
    Score,
    SegmentScore,
    parse_metrics,
)


def fail(message: str) -> NoReturn:
    click.echo(f"tqkit: {message}", err=True)
    sys.exit(2)


def _fmt(value: float | None, width: int) -> str:
    return "-" if value is None else f"{value:.{width}f}"


# -- score -------------------------------------------------------------------------------------


def _refuse_one_paragraph(aligned: Aligned) -> NoReturn:
    """Line counts differ and every file is one paragraph: falling back to paragraphs would
    score the whole file as one segment. Refuse, as sacrebleu refuses streams of different
    lengths."""
    from tqkit.metrics.inputs import split_lines

    files = [*aligned.systems, *aligned.references]
    counts = ", ".join(f"{seg.path} has {len(split_lines(read_text(seg.path))[0])} lines" for seg in files)
    fail(
        f"cannot align by lines: {counts} (every file is one paragraph, so paragraph "
        "alignment would score one segment); make the line counts equal, or pass "
        "--align paragraphs to score the files as one segment each"
    )


def _text_report(
    aligned: Aligned,
    scores: list[Score],
    worst: list[SegmentScore] | None,
    comparison: Comparison | None,
    width: int,
    source: Segments | None = None,
) -> str:
    hyp = aligned.systems[0]
    refs = ", ".join(r.path for r in aligned.references)
    if source is not None:
        how = f"aligned to the source sentences of {source.path}"
    else:
        how = "aligned by " + ("lines" if aligned.mode == "lines" else "paragraphs")
    out = [f"{hyp.path} vs {refs}: {len(aligned)} segment{'s' * (len(aligned) != 1)} {how}"]
    for score in scores:
        out.append(score.detail)
        out.append(f"  {score.signature}")
    if comparison is not None:
        out.append("")
        out.append(_comparison_text(comparison, width))
    if worst is not None:
        out.append("")
        out.append(_worst_text(worst, aligned, width, source))
    return "\n".join(out)


def _comparison_text(comp: Comparison, width: int) -> str:
    lines = [
        f"Paired bootstrap resampling ({comp.samples} samples, seed {comp.seed}): "
        "score, mean ± 95% confidence interval, p-value against the baseline"
    ]
    name_w = max(len(s.name) for s in comp.systems) + 2
    for i, metric in enumerate(comp.systems[0].scores):
        lines.append(f"{metric.metric}  {metric.signature}")
        for pos, system in enumerate(comp.systems):
            sc = system.scores[i]
            role = "baseline " if pos == 0 else "candidate"
            ci = f"({_fmt(sc.mean, width)} ± {_fmt(sc.ci, width)})"
            p = "" if sc.p_value is None else f"  p = {sc.p_value:.4f}"
            if sc.p_value is not None and sc.p_value < 0.05:
                p += " *"
            lines.append(f"  {role} {system.name:<{name_w}} {sc.value:>{6 + width}.{width}f}  {ci}{p}")
    lines.append("  * significant at p < 0.05")
    return "\n".join(lines)


def _worst_text(worst: list[SegmentScore], aligned: Aligned, width: int, source: Segments | None = None) -> str:
    term = shutil.get_terminal_size((120, 24)).columns
    col = max(20, (min(term, 200) - 3) // 2)
    hyp_name = aligned.systems[0].path
    ref_name = aligned.references[0].path
    where = {"lines": "line", "source": "hypothesis line"}.get(aligned.mode, "paragraph at line")
    lines = [f"Worst {len(worst)} segment{'s' * (len(worst) != 1)} by sentence chrF"]
    for seg in worst:
        lines.append("")
        lines.append(f"#{seg.index} ({where} {seg.line})  chrF {seg.chrf:.{width}f}")
        if source is not None:
            src_line = source.lines[seg.index - 1]
            lines += textwrap.wrap(f"source (line {src_line}): {source.items[seg.index - 1]}", 2 * col + 3) or [""]
        left = [f"{'hypothesis: ' + hyp_name:<{col}}"[:col]]
        left += textwrap.wrap(seg.hypothesis, col) or [""]
        right = [("reference: " + ref_name)[:col]]
        for k, ref in enumerate(seg.references):
            if k:
                right.append("-" * min(col, 10))
            right += textwrap.wrap(ref, col) or [""]
        for a, b in zip_longest(left, right, fillvalue=""):
            lines.append(f"{a:<{col}} │ {b}".rstrip())
    return "\n".join(lines)


def _json_report(
    aligned: Aligned,
    scores: list[Score],
    worst: list[SegmentScore] | None,
    comparison: Comparison | None,
    source: Segments | None = None,
) -> dict[str, Any]:
    report: dict[str, Any] = {
        "hypothesis": aligned.systems[0].path,
        "references": [r.path for r in aligned.references],
        "alignment": aligned.mode,
        "segments": len(aligned),
        "scores": [s.to_dict() for s in scores],
    }
    if source is not None:
        report["source"] = source.path
    if comparison is not None:
        report["compare"] = comparison.to_dict()
    if worst is not None:
        report["worst"] = [w.to_dict() for w in worst]
        if source is not None:
            for entry in report["worst"]:
                entry["source"] = source.items[entry["index"] - 1]
                entry["source_line"] = source.lines[entry["index"] - 1]
    return report


@click.command()
@click.argument("hypothesis")
@click.option(
    "--ref",
    "-r",
    "refs",
    multiple=True,
    required=True,
    metavar="FILE",
    help="Reference translation (repeat for several references).",
)
@click.option(
    "--metrics",
    "-m",
    "metrics_spec",
    default=",".join(DEFAULT_METRICS),
    show_default=True,
    help="Comma-separated: bleu, chrf, chrf++, ter.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)
@click.option(
    "--align",
    "align_mode",
    type=click.Choice(ALIGN_MODES),
    default="auto",
    show_default=True,
    help="Segments: lines, blank-line separated paragraphs, or auto (lines when the "
    "line counts match, else paragraphs). Not used with --source.",
)
@click.option(
    "--source",
    "source_path",
    default=None,
    metavar="SRC",
    help="The original-language article: cut every file at the sentences aligned to "
    "the same source sentence(s), robust to merged or split sentences and to "
    "missing or merged paragraphs.",
)
@click.option(
    "--source-lang",
    default=None,
    metavar="LANG",
    help="Language of --source (bg, ru, hy, az, tr...); guessed when not given.",
)
@click.option(
    "--worst",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Also list the N segments with the lowest sentence chrF.",
)
@click.option(
    "--compare",
    "compare_with",
    default=None,
    metavar="HYP2",
    help="Compare with another system by paired bootstrap resampling.",
)
@click.option(
    "--samples",
    type=click.IntRange(min=1),
    default=DEFAULT_SAMPLES,
    show_default=True,
    help="Bootstrap resamples for --compare.",
)
@click.option(
    "--seed",
    type=click.IntRange(min=1),
    default=DEFAULT_SEED,
    show_default=True,
    help="Random seed for --compare (results are reproducible).",
)
@click.option(
    "--width", "-w", type=click.IntRange(0, 10), default=1, show_default=True, help="Decimal places in text output."
)
def score(
    hypothesis: str,
    refs: tuple[str, ...],
    metrics_spec: str,
    fmt: str,
    align_mode: str,
    source_path: str | None,
    source_lang: str | None,
    worst: int | None,
    compare_with: str | None,
    samples: int,
    seed: int,
    width: int,
) -> None:
    """Score HYPOTHESIS against references with BLEU, chrF, chrF++ and TER.

    The scores are sacrebleu's, printed with sacrebleu's signatures. Files are UTF-8 text:
    one segment per line, or articles aligned paragraph by paragraph.

    With --source SRC (the original-language article, any format `tqkit check` reads), the
    hypothesis and every reference are each aligned to SRC sentence by sentence (as
    `tqkit align` shows it) and cut so that segment i of every file is the text aligned to the
    same source sentence(s): where one file merges two sentences, that segment covers both in
    every file; an added sentence joins the segment before it; a sentence a file leaves out is
    empty there. Paragraph and sentence counts may then differ between files. The scores are
    sacrebleu's on those segments.

    \b
      tqkit score mt.txt --ref human.txt
      tqkit score mt.md --ref human.md --metrics bleu,chrf++,ter --worst 5
      tqkit score mt-a.txt --ref human.txt --compare mt-b.txt
      tqkit score mt.md --ref human.md --source original.bg.md --worst 3
    """
    from tqkit.metrics.scoring import compare_systems, score_corpus, worst_segments

    try:
        metric_names = parse_metrics(metrics_spec)
    except ValueError as exc:
        fail(f"--metrics: {exc}")
    others = [compare_with] if compare_with else []
    source: Segments | None = None
    try:
        if source_path is not None:
            if align_mode != "auto":
                fail(
                    f"--align {align_mode} cannot be used with --source "
                    "(the segments come from the alignment with the source)"
                )
            from tqkit.metrics.bysource import align_by_source

            aligned, source = align_by_source(hypothesis, refs, source_path, others=others, source_lang=source_lang)
        else:
            aligned = align(hypothesis, refs, others=others, mode=align_mode)
            if align_mode == "auto" and aligned.mode == "paragraphs" and len(aligned) == 1:
                _refuse_one_paragraph(aligned)
    except ScoreInputError as exc:
        fail(str(exc))

    hyps = aligned.hypotheses
    ref_streams = aligned.reference_streams
    scores = score_corpus(hyps, ref_streams, metric_names, width=width)
    worst_list = worst_segments(hyps, ref_streams, worst, aligned.systems[0].lines) if worst is not None else None
    comparison = None
    if compare_with is not None:
        comparison = compare_systems(
            hyps,
            list(aligned.systems[1].items),
            ref_streams,
            metric_names,
            names=(aligned.systems[0].path, aligned.systems[1].path),
            samples=samples,
            seed=seed,
        )
    if fmt == "json":
        click.echo(
            json.dumps(_json_report(aligned, scores, worst_list, comparison, source), ensure_ascii=False, indent=2)
        )
    else:
        click.echo(_text_report(aligned, scores, worst_list, comparison, width, source))


# -- langs -------------------------------------------------------------------------------------


def _profiles_report(fmt: str) -> None:
    """``tqkit langs`` with no files: the language profiles and what runs for each."""
    from tqkit.profiles import known_languages, profile_for
    from tqkit.registry import all_rules

    rules = [r for r in all_rules() if r.enabled_by_default]
    rows: list[dict[str, Any]] = []
    for code in known_languages():
        p = profile_for(code)
        on = [r.code for r in rules if r.runs_for(code)]
        rows.append(
            {
                "code": code,
                "name": p.name,
                "scripts": sorted(p.scripts),
                "stemmer": p.stemmer if p.can_stem else None,
                "word_list": p.wordlist,
                "decimal": p.decimal,
                "quotes": "".join(p.quotes_primary),
                "rules_on": on,
                "rules_off": [r.code for r in rules if r.code not in on],
                "notes": p.notes(),
            }
        )
    if fmt == "json":
        click.echo(json.dumps({"profiles": rows}, ensure_ascii=False, indent=2))
        return
    for row in rows:
        stem = row["stemmer"] or "none"
        click.echo(
            f"{row['code']:<4} {row['name']:<12} {'/'.join(row['scripts']):<10} quotes {row['quotes']}  "
            f"decimal {row['decimal']!r}  stemmer {stem:<18} {len(row['rules_on'])} rules on, "
            f"{len(row['rules_off'])} off"
        )
        for note in row["notes"]:
            click.echo(f"     note: {note}")
    click.echo(
        "\nAny other language runs the language-neutral rules only. `tqkit rules --target-lang CODE` lists them."
    )


@click.command()
@click.argument("files", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)
def langs(files: tuple[str, ...], fmt: str) -> None:
    """Show the language and the script mix of every paragraph of FILES; with no FILES, the
    language profiles tqkit has and which rules run for each.

    Languages come from langdetect (seeded: the same answer on every run) with their
    probability; the script mix is the share of letters in each writing system. A "~" marks
    a guess on a paragraph of fewer than four words (a headline, a dateline): treat it as noise.
    """
    if not files:
        _profiles_report(fmt)
        return
    texts: list[tuple[str, str]] = []
    for path in files:
        try:
            texts.append((path, read_text(path)))
        except ScoreInputError as exc:
            fail(str(exc))

    reports = [{"path": path, "paragraphs": _paragraph_rows(text)} for path, text in texts]
    if fmt == "json":
        click.echo(json.dumps({"files": reports}, ensure_ascii=False, indent=2))
        return
    click.echo("\n".join(line for rep in reports for line in _langs_lines(rep)))


def _paragraph_rows(text: str) -> list[dict[str, Any]]:
    """The language and script mix of each paragraph, as ``tqkit langs --format json`` shows it."""
    from tqkit.langs import language_name, paragraph_languages

    return [
        {
            "index": p.index,
            "line": text.count("\n", 0, p.span.start) + 1,
            "start": p.span.start,
            "end": p.span.end,
            "words": p.words,
            "language": p.language,
            "language_name": language_name(p.language) if p.language else None,
            "probability": round(p.probability, 4),
            "reliable": p.reliable,
            "candidates": [{"lang": lang, "prob": round(prob, 4)} for lang, prob in p.languages],
            "scripts": {s: round(v, 4) for s, v in p.scripts.items()},
            "preview": _preview(text[p.span.start : p.span.end]),
        }
        for p in paragraph_languages(text)
    ]


def _langs_lines(rep: dict[str, Any]) -> list[str]:
    """One file's paragraphs as text lines."""
    out: list[str] = []
    for p in rep["paragraphs"]:
        lang = f"{p['language']} {p['probability']:.0%}" if p["language"] else "?"
        if p["language"] and not p["reliable"]:
            lang = "~" + lang  # a guess on fewer than four words
        scripts = " ".join(f"{s} {v:.0%}" for s, v in p["scripts"].items()) or "-"
        out.append(f"{rep['path']}:{p['line']}: {lang:<9} {scripts:<24} {p['preview']}")
    if not rep["paragraphs"]:
        out.append(f"{rep['path']}: no paragraphs")
    return out


def _preview(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
