"""Score tqkit on a private set of real MT news that is not in the repository.

The set is a directory of plain-text articles and an annotations file, one artefact a line,
tab-separated: the article's file stem, the exact artefact string (its first occurrence in
the article is the span) and a kind (calque, formula, article, punct, name ...). A finding of
warning or error severity that overlaps an artefact counts as a hit; findings outside every
artefact are listed for the reader to judge (a judgements file, ``stem<TAB>text<TAB>rule<TAB>ok|fa``,
records the verdicts so later runs count them). A directory of clean professional articles gives
the false alarms per 1,000 words.

    python bench/realmt_score.py MT_DIR ANNOTATIONS.tsv [--clean DIR] [--judged FILE] [-v]

No text of such a set belongs in the repository (see README.md, Detection quality).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqkit.api import check_text  # noqa: E402
from tqkit.findings import Finding, Severity  # noqa: E402

Span = tuple[int, int, str, str]


def _findings(directory: Path) -> tuple[dict[str, list[Finding]], dict[str, str]]:
    found, texts = {}, {}
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts[path.stem] = text
        found[path.stem] = check_text(text, path=str(path), target_lang="en")
    return found, texts


def _annotations(path: Path, texts: dict[str, str]) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = defaultdict(list)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("file\t"):
            continue
        stem, artefact, kind = line.split("\t")[:3]
        start = texts.get(stem, "").find(artefact)
        if start < 0:
            raise SystemExit(f"{path}:{n}: {artefact!r} is not in {stem}.txt")
        out[stem].append((start, start + len(artefact), artefact, kind))
    return out


def _judged(path: Path | None) -> dict[tuple[str, str, str], str]:
    if path is None or not path.exists():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {(r[0], r[1], r[2]): r[3] for r in rows if len(r) >= 4}


def _warns(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is not Severity.INFO]


def score(mt: Path, annotations: Path, judged_path: Path | None, verbose: bool) -> None:
    found, texts = _findings(mt)
    ann = _annotations(annotations, texts)
    judged = _judged(judged_path)
    kinds, hit_kinds, missed = Counter(), Counter(), []
    for stem, spans in ann.items():
        for start, end, artefact, kind in spans:
            kinds[kind] += 1
            if any(f.span.start < end and start < f.span.end for f in _warns(found.get(stem, []))):
                hit_kinds[kind] += 1
            else:
                missed.append((kind, stem, artefact))
    tp = fa = 0
    unjudged = []
    for stem, findings in found.items():
        for f in _warns(findings):
            text = texts[stem][f.span.start : f.span.end]
            if (
                any(f.span.start < e and s < f.span.end for s, e, _a, _k in ann.get(stem, []))
                or judged.get((stem, text, f.rule)) == "ok"
            ):
                tp += 1
            elif judged.get((stem, text, f.rule)) == "fa":
                fa += 1
            else:
                unjudged.append((stem, text, f.rule))
    words = sum(len(t.split()) for t in texts.values())
    total = sum(kinds.values())
    print(f"real MT: {len(texts)} articles, {words} words, {total} annotated artefacts")
    print(
        f"recall (warnings and errors): {sum(hit_kinds.values())}/{total} = {sum(hit_kinds.values()) / max(total, 1):.3f}"
    )
    judged_n = tp + fa
    print(
        f"findings: {judged_n + len(unjudged)}; judged precision {tp / max(judged_n, 1):.3f}; unjudged {len(unjudged)}"
    )
    for kind, n in kinds.most_common():
        print(f"  {kind:14} {hit_kinds[kind]}/{n}")
    if verbose:
        for row in sorted(missed):
            print("  missed", *row, sep="\t")
    for row in unjudged:
        print("  unjudged", *row, sep="\t")


def clean_rate(directory: Path) -> None:
    found, texts = _findings(directory)
    words = sum(len(t.split()) for t in texts.values())
    warns = [(stem, f) for stem, fs in found.items() for f in _warns(fs)]
    print(
        f"clean: {len(texts)} articles, {words} words, {len(warns)} warnings = {1000 * len(warns) / max(words, 1):.2f} per 1,000 words"
    )
    for stem, f in warns:
        print("  ", stem, f.rule, repr(texts[stem][f.span.start : f.span.end]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mt", type=Path)
    ap.add_argument("annotations", type=Path)
    ap.add_argument("--clean", type=Path)
    ap.add_argument("--judged", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    score(args.mt, args.annotations, args.judged, args.verbose)
    if args.clean:
        clean_rate(args.clean)
    return 0


if __name__ == "__main__":
    sys.exit(main())
