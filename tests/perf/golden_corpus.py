"""The equivalence check of the check engine: findings on a fixed sample of real copy.

Every speed-up must leave the findings (code, span, severity, message, fixes) unchanged. This
module builds a deterministic sample of documents from text in the repository (the seed
article as text and as Markdown, MQM TED MT and reference segments, with and without their
Chinese source, MLQE-PE MT and post-edits into English and German, our annotated MT examples,
the names-dense post-edits, every rule's examples), checks each with the default rules and writes, per document, a
sha256 of its findings and their compact ``code@start-end`` list to ``golden.json``.

A change that is meant to change findings (a new rule, a fixed false alarm) regenerates it::

    .venv/bin/python tests/perf/golden_corpus.py --update

``tests/perf/test_golden.py`` names each document whose findings differ and the first
findings that appeared or disappeared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden.json"
SEED = ROOT / "corpora" / "silent-front.en.txt"
MQM = ROOT / "corpora" / "mqm-ted-zhen" / "mqm_ted_zhen.jsonl"
DATA = ROOT / "tests" / "data"
MQM_SYSTEMS = ("ref", "refB", "Online-W", "NiuTrans", "metricsystem1")
MQM_SEGMENTS = 300  # per system
MLQE_LINES = 300  # per pair and side


@dataclass
class Sample:
    name: str
    text: str
    target_lang: str = "en"
    markdown: bool = False
    source: str | None = None


def _mqm() -> dict[str, list[tuple[str, str]]]:
    by_system: dict[str, list[tuple[str, str]]] = {s: [] for s in MQM_SYSTEMS}
    with MQM.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            seg = by_system.get(rec["system"])
            if seg is not None and len(seg) < MQM_SEGMENTS:
                seg.append((rec["source"].strip(), rec["target"].strip()))
    return by_system


def _paragraphs(sentences: list[str], per: int) -> str:
    return "\n\n".join(" ".join(sentences[i : i + per]) for i in range(0, len(sentences), per)) + "\n"


def samples() -> Iterator[Sample]:
    seed = SEED.read_text(encoding="utf-8")
    yield Sample("seed.txt", seed)
    yield Sample("seed.md", seed, markdown=True)
    for system, segs in _mqm().items():
        yield Sample(f"mqm-{system}", _paragraphs([t for _, t in segs], 4))
    online = _mqm()["Online-W"][:80]
    yield Sample(
        "mqm-Online-W+source", "\n\n".join(t for _, t in online) + "\n", source="\n\n".join(s for s, _ in online) + "\n"
    )
    for pair in ("ru-en", "et-en", "ro-en", "en-de"):
        rows = [json.loads(line) for line in (DATA / "mlqe-pe" / f"{pair}.dev.jsonl").open(encoding="utf-8")]
        lang = pair.split("-")[1]
        for side in ("mt", "pe"):
            yield Sample(f"mlqe-{pair}-{side}", _paragraphs([r[side] for r in rows[:MLQE_LINES]], 5), lang)
    yield Sample("mt-annotated", (DATA / "mt-annotated.en.txt").read_text(encoding="utf-8"))
    yield Sample("names-clean", (DATA / "names_clean_mlqe_pe.txt").read_text(encoding="utf-8"))
    yield from _rule_examples()


def _rule_examples() -> Iterator[Sample]:
    """Every rule's own firing and quiet examples, one document per language (so each rule's
    code path runs even where the real copy above does not trigger it)."""
    from tqkit.registry import all_rules

    by_lang: dict[str, list[str]] = {}
    for rule in all_rules():
        by_lang.setdefault(rule.example_lang, []).extend([*rule.fires, *rule.quiet])
    for lang, texts in sorted(by_lang.items()):
        yield Sample(f"rule-examples-{lang}", "\n\n".join(t.strip() for t in texts) + "\n", lang)


def serialise(findings: list) -> list[list[object]]:  # type: ignore[type-arg]
    return [
        [
            f.rule,
            f.span.start,
            f.span.end,
            int(f.severity),
            f.message,
            [[fix.title, fix.safe, [[e.start, e.end, e.replacement] for e in fix.edits]] for fix in f.fixes],
        ]
        for f in findings
    ]


def check(sample: Sample) -> list[list[object]]:
    from tqkit.api import check_text

    return serialise(
        check_text(
            sample.text,
            path=sample.name,
            target_lang=sample.target_lang,
            markdown=sample.markdown,
            source=sample.source,
        )
    )


def digest(rows: list[list[object]]) -> str:
    blob = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def summary(rows: list[list[object]]) -> list[str]:
    return [f"{r[0]}@{r[1]}-{r[2]}" for r in rows]


def build() -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for sample in samples():
        rows = check(sample)
        out[sample.name] = {"sha256": digest(rows), "count": len(rows), "findings": summary(rows), "first": rows[:2]}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--update", action="store_true", help=f"rewrite {GOLDEN.relative_to(ROOT)}")
    args = ap.parse_args()
    golden = build()
    if args.update:
        GOLDEN.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(
            f"wrote {GOLDEN.relative_to(ROOT)}: {len(golden)} documents, "
            f"{sum(int(str(g['count'])) for g in golden.values())} findings"
        )
        return 0
    old = json.loads(GOLDEN.read_text(encoding="utf-8"))
    bad = [name for name in golden if old.get(name, {}).get("sha256") != golden[name]["sha256"]]
    print("identical" if not bad else f"differ: {', '.join(bad)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
