"""Hits and false alarms of the MT grammar, spacing and repetition rules on real data.

    .venv/bin/python bench/quality_mtgrammar.py
    .venv/bin/python bench/quality_mtgrammar.py --devdata ../shared/devdata --split train --show 5

Hits: findings on MLQE-PE machine translations (ru-en, et-en, ro-en; Moses-tokenised, so
detokenised first) whose span overlaps a token the post-editor changed (tagged BAD).
False alarms: warnings and errors on professional English: the MLQE-PE post-edits, the
original English sources of MLQE-PE en-de (Wikipedia) and the human references (``ref``,
``refB``) of the MQM TED data. The post-edits fixed meaning, not style: some artefacts the
post-editors left ("18,2%", "79.2 thousand", „ “ quotes) are counted as alarms although an
editor would change them, so the figures are given per source. Target: at most 0.3 warnings per
1,000 words from these rules together.

By default the samples copied into ``tests/data/`` (MLQE-PE dev, CC0) and ``corpora/`` (MQM
TED) are used; ``--devdata`` reads a full copy of the data instead (never at test time).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from tqkit.config import Settings
from tqkit.document import Document
from tqkit.findings import Finding, Severity
from tqkit.runner import Engine

sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
from mlqe_to_jsonl import detokenise

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "mlqe-pe"  # {pair}.dev.jsonl, detokenised (bench/data/mlqe_to_jsonl.py)
EN_SRC_SAMPLE = ROOT / "tests" / "data" / "mlqe-pe-dev.en-de.src.gz"
MQM = ROOT / "corpora" / "mqm-ted-zhen" / "mqm_ted_zhen.jsonl"
CODES = (
    "TQ201",
    "TQ202",
    "TQ304",
    *(f"TQ{n}" for n in (*range(203, 210), *range(310, 330), *range(339, 345), *range(350, 359))),
)


def mlqe(devdata: Path | None, split: str) -> Iterator[dict[str, object]]:
    """MLQE-PE ru/et/ro-en records: ``text`` (the MT, detokenised), ``bad`` (spans of the words
    the post-editor changed), ``pe`` (the post-edit)."""
    for pair in ("ru-en", "et-en", "ro-en"):
        if devdata is None:
            with (SAMPLE / f"{pair}.dev.jsonl").open(encoding="utf-8") as fh:
                for i, line in enumerate(fh):
                    rec = json.loads(line)
                    yield {
                        "pair": pair,
                        "line": i + 1,
                        "text": rec["mt"],
                        "bad": [tuple(b) for b in rec["bad"]],
                        "pe": rec["pe"],
                    }
            continue
        base = devdata / "mlqe-pe" / f"{pair}-{split}" / split
        mt = (base.with_suffix(".mt")).read_text(encoding="utf-8").split("\n")
        pe = (base.with_suffix(".pe")).read_text(encoding="utf-8").split("\n")
        tags = (base.with_suffix(".tags")).read_text(encoding="utf-8").split("\n")
        for i, (a, b, c) in enumerate(zip(mt, pe, tags, strict=False)):
            if a.strip():
                text, spans = detokenise(a.split())
                word_tags = c.split()[1::2]
                bad = [spans[k] for k, t in enumerate(word_tags) if t == "BAD" and k < len(spans)]
                yield {"pair": pair, "line": i + 1, "text": text, "bad": bad, "pe": detokenise(b.split())[0]}


def english_sources(devdata: Path | None, split: str) -> list[Document]:
    """Original English (the source side of MLQE-PE en-de: Wikipedia sentences)."""
    if devdata is None:
        with gzip.open(EN_SRC_SAMPLE, "rt", encoding="utf-8") as fh:
            lines = fh.read().split("\n")
    else:
        lines = (devdata / "mlqe-pe" / f"en-de-{split}" / f"{split}.src").read_text(encoding="utf-8").split("\n")
    return [Document(f"src:en-de:{i + 1}", detokenise(line.split())[0]) for i, line in enumerate(lines) if line.strip()]


def mqm_references(path: Path) -> list[Document]:
    docs: dict[tuple[str, str], list[str]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["system"] in ("ref", "refB"):
                docs[(rec["system"], rec["doc"])].append(rec["target"])
    return [Document(f"mqm/{s}/{d}", "\n\n".join(segs)) for (s, d), segs in sorted(docs.items())]


def professional_alarms(codes: Sequence[str], *, warnings_only: bool = False) -> tuple[int, list[str]]:
    """Words checked, and the findings of ``codes`` (as "CODE: 'text'"), on professional
    English: the MQM TED human references and the original English of MLQE-PE en-de (dev)."""
    engine = Engine(Settings(select=tuple(codes)))
    words = 0
    alarms: list[str] = []
    for doc in mqm_references(MQM) + english_sources(None, "dev"):
        words += doc.word_count
        findings, _ = engine.check(doc)
        alarms += [
            f"{f.rule}: {doc.text[f.start : f.end]!r}"
            for f in findings
            if f.rule in codes and (not warnings_only or f.severity >= Severity.WARNING)
        ]
    return words, alarms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--devdata", type=Path, help="full data directory (default: the samples in tests/data)")
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--show", type=int, default=3, help="examples to print per rule and kind")
    args = ap.parse_args()
    engine = Engine(Settings(select=CODES))
    mine = set(CODES)

    def run(doc: Document) -> list[Finding]:
        findings, _ = engine.check(doc)
        return [f for f in findings if f.rule in mine]

    found: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    by_source: Counter[str] = Counter()
    words_by_source: Counter[str] = Counter()
    infos: Counter[str] = Counter()
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    mt_words = pe_words = 0
    pe_docs: list[Document] = []
    for rec in mlqe(args.devdata, args.split):
        text = str(rec["text"])
        bad: list[tuple[int, int]] = rec["bad"]  # type: ignore[assignment]
        doc = Document(f"{rec['pair']}:{rec['line']}", text)
        mt_words += doc.word_count
        for f in run(doc):
            found[f.rule] += 1
            hit = any(s < f.end and f.start < e for s, e in bad)
            hits[f.rule] += hit
            kind = "hit" if hit else "miss"
            if len(examples[(f.rule, kind)]) < args.show:
                examples[(f.rule, kind)].append(f"{doc.path}: {text[f.start : f.end]!r} in {text[:140]!r}")
        pe_docs.append(Document(f"pe:{rec['pair']}:{rec['line']}", str(rec["pe"])))
    pe_docs += mqm_references(MQM)
    pe_docs += english_sources(args.devdata, args.split)
    for doc in pe_docs:
        pe_words += doc.word_count
        source = doc.path.split(":")[0].split("/")[0]
        words_by_source[source] += doc.word_count
        for f in run(doc):
            if f.severity >= Severity.WARNING:
                alarms[f.rule] += 1
                by_source[source] += 1
                if len(examples[(f.rule, "alarm")]) < args.show:
                    examples[(f.rule, "alarm")].append(f"{doc.path}: {doc.text[max(0, f.start - 60) : f.end + 40]!r}")
            else:
                infos[f.rule] += 1

    print(
        f"MT (MLQE-PE {args.split}, ru/et/ro-en): {mt_words:,} words; professional English "
        f"(MLQE-PE post-edits and en-de sources, MQM TED ref/refB): {pe_words:,} words"
    )
    print(f"{'rule':6} {'MT findings':>11} {'on BAD':>7} {'prec':>5} {'pro warn':>8} {'pro info':>8}")
    for code in sorted(set(found) | set(alarms) | set(infos)):
        prec = f"{hits[code] / found[code]:.2f}" if found[code] else "-"
        print(f"{code:6} {found[code]:11d} {hits[code]:7d} {prec:>5} {alarms[code]:8d} {infos[code]:8d}")
    total_alarms = sum(alarms.values())
    rate = total_alarms * 1000 / pe_words if pe_words else 0.0
    print(
        f"total  {sum(found.values()):11d} {sum(hits.values()):7d}       {total_alarms:8d} "
        f"-> {rate:.3f} warnings per 1,000 professional words (target <= 0.3)"
    )
    for source, label in (
        ("mqm", "MQM TED ref/refB"),
        ("src", "MLQE-PE en-de English sources"),
        ("pe", "MLQE-PE post-edits"),
    ):
        n = words_by_source[source]
        print(
            f"  {label}: {by_source[source]} warnings in {n:,} words = "
            f"{by_source[source] * 1000 / max(n, 1):.3f} per 1,000"
        )
    for (code, kind), lines in sorted(examples.items()):
        for line in lines:
            print(f"  {code} {kind}: {line}")
    sys.exit(0)


if __name__ == "__main__":
    main()
