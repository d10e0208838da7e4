"""Detection quality on text the rules were not written for: `make bench` prints it.

Every figure counts warnings and errors (what fails CI); info notes are counted apart.

- **professional English** (false alarms): the human reference translations of the MQM TED
  data (`ref`, `refB`), and apart the post-edited English of MLQE-PE (ru-en, et-en, ro-en),
  which keeps some translationese: findings per 1,000 words, per rule, with the flagged text
  so a reader can judge them.
- **real MT English** (hits): MQM TED system output with rater error spans, and MLQE-PE MT with
  the words the post-editor changed (BAD tags): a finding *hits* when it overlaps an annotated
  span; precision is hits / findings on MT, recall is annotated spans overlapped / spans.
  Both sets are fluent NMT (TED talks from Chinese, Wikipedia/Reddit from Russian, Estonian,
  Romanian): their errors are mostly of meaning, so recall here is low by nature.
- **our own annotated examples** (`tests/data/mt-annotated.en.txt`): constructed news MT in the
  team's own words, one artefact kind per bracket: recall of the brackets, and findings on the
  clean lines. The part after `# HELD-OUT` was written before the rules were measured on it
  and is reported apart: its recall is the honest figure.
- **German** (`--target-lang de`): MLQE-PE en-de post-edits (false alarms) and MT (hits: per
  BAD word, and per edit, a run of BAD words), and our own German examples
  (`tests/data/mt-annotated.de.txt`).

    python bench/quality.py [--json OUT] [--examples N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqkit.config import Settings  # noqa: E402
from tqkit.document import Document  # noqa: E402
from tqkit.findings import Finding, Severity  # noqa: E402
from tqkit.runner import Engine  # noqa: E402

MQM = ROOT / "corpora" / "mqm-ted-zhen" / "mqm_ted_zhen.jsonl"
MLQE = ROOT / "tests" / "data" / "mlqe-pe"
ANNOTATED = ROOT / "tests" / "data" / "mt-annotated.en.txt"
ANNOTATED_DE = ROOT / "tests" / "data" / "mt-annotated.de.txt"
_BRACKET_RE = re.compile(r"\[\[(.+?)\]\]")
# segments per checked document: enough context for document-level rules, few enough to map
SEGMENTS_PER_DOC = 40


@dataclass
class Segment:
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # annotated artefacts
    annotated: bool = True  # False: clean text, every finding is a false alarm


@dataclass
class Tally:
    """Counts for one data set."""

    name: str
    words: int = 0
    spans: int = 0
    spans_found: int = 0
    spans_found_any: int = 0  # by a finding of any severity, info included
    findings: int = 0
    hits: int = 0
    info: int = 0
    per_rule: Counter[str] = field(default_factory=Counter)
    hits_per_rule: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def per_1000(self) -> float:
        return 1000 * self.findings / self.words if self.words else 0.0

    @property
    def precision(self) -> float | None:
        return self.hits / self.findings if self.findings else None

    @property
    def recall(self) -> float | None:
        return self.spans_found / self.spans if self.spans else None

    def as_dict(self) -> dict[str, object]:
        return {
            "words": self.words,
            "spans": self.spans,
            "spans_found": self.spans_found,
            "findings": self.findings,
            "hits": self.hits,
            "info": self.info,
            "per_1000_words": round(self.per_1000, 3),
            "precision": None if self.precision is None else round(self.precision, 3),
            "recall": None if self.recall is None else round(self.recall, 3),
            "recall_with_info": round(self.spans_found_any / self.spans, 3) if self.spans else None,
            "per_rule": dict(self.per_rule),
            "hits_per_rule": dict(self.hits_per_rule),
            "examples": {k: v[:10] for k, v in self.examples.items()},
        }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _batches(segments: list[Segment], size: int) -> Iterator[list[Segment]]:
    for i in range(0, len(segments), size):
        yield segments[i : i + size]


def measure(name: str, segments: list[Segment], engine: Engine, examples: int = 10) -> Tally:
    """Check the segments in documents of SEGMENTS_PER_DOC paragraphs and tally findings."""
    tally = Tally(name)
    for n, batch in enumerate(_batches(segments, SEGMENTS_PER_DOC)):
        starts, pos = [], 0
        for seg in batch:
            starts.append(pos)
            pos += len(seg.text) + 2
        doc = Document(f"{name}/{n}", "\n\n".join(s.text for s in batch), target_lang=engine.settings.target_lang)
        tally.words += doc.word_count
        found: list[Finding] = list(engine.check(doc)[0])
        for seg, start in zip(batch, starts, strict=True):
            tally.spans += len(seg.spans) if seg.annotated else 0
            end = start + len(seg.text)
            mine = [f for f in found if start <= f.span.start < end]
            spans = [(start + a, start + b) for a, b in seg.spans]
            serious = [f for f in mine if f.severity >= Severity.WARNING]
            tally.info += len(mine) - len(serious)
            for s in spans:
                if any(_overlaps(s, (f.span.start, f.span.end)) for f in serious):
                    tally.spans_found += 1
                if any(_overlaps(s, (f.span.start, f.span.end)) for f in mine):
                    tally.spans_found_any += 1
            for f in serious:
                tally.findings += 1
                tally.per_rule[f.rule] += 1
                hit = seg.annotated and any(_overlaps(s, (f.span.start, f.span.end)) for s in spans)
                if hit:
                    tally.hits += 1
                    tally.hits_per_rule[f.rule] += 1
                elif len(tally.examples[f.rule]) < examples:
                    tally.examples[f.rule].append(doc.text[f.span.start : f.span.end][:60])
    return tally


# -- data sets -----------------------------------------------------------------------------


def mqm(systems: Iterable[str] | None, *, human: bool) -> list[Segment]:
    """MQM TED targets: human references (clean) or MT with rater spans (minor and up)."""
    out = []
    with MQM.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            is_ref = rec["system"] in {"ref", "refB"}
            if is_ref != human or (systems is not None and rec["system"] not in systems):
                continue
            spans = [
                (s["start"], s["end"])
                for s in rec["spans"]
                if s["end"] > s["start"] and s.get("severity", "").lower() != "neutral"
            ]
            out.append(Segment(rec["target"], spans, annotated=not human))
    return out


def _edits(bad: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Runs of BAD words (separated by white space only) as one span: one post-editor's edit."""
    out: list[tuple[int, int]] = []
    for a, b in bad:
        if out and not text[out[-1][1] : a].strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def mlqe(pair: str, *, post_edit: bool, edits: bool = False, split: str = "dev") -> list[Segment]:
    """MLQE-PE: the post-edits (clean), or the MT with its BAD words as spans (``edits``: runs
    of BAD words merged, so a recall counts the post-editor's edits rather than words).
    ``split``: ``dev`` (``PAIR.dev.jsonl``) or ``train2000`` (the first 2,000 sentences of the
    en-de training split, ``en-de.train2000.jsonl.gz``)."""
    path = MLQE / f"{pair}.{split}.jsonl"
    if not path.exists():
        path = path.with_name(path.name + ".gz")
    out = []
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if post_edit:
                out.append(Segment(rec["pe"], annotated=False))
            else:
                bad = [(a, b) for a, b in rec["bad"]]
                out.append(Segment(rec["mt"], _edits(bad, rec["mt"]) if edits else bad))
    return out


def annotated(*, held_out: bool = False, part: str = "") -> tuple[list[Segment], list[Segment]]:
    """Our own examples: (lines with artefacts, clean lines), either the lines the rules were
    tuned on or (``held_out``) a part after a ``# HELD-OUT`` comment, written before the rules
    were measured on it: ``part`` names it (``"grammar"`` for ``# HELD-OUT grammar``; empty for
    the first)."""
    dirty, clean = [], []
    section: str | None = None  # None: the tuned lines
    for line in ANNOTATED.read_text(encoding="utf-8").splitlines():
        if line.startswith("# HELD-OUT"):
            words = line.split()
            section = words[2] if len(words) > 2 and not words[2].startswith("(") else ""
        if not line.strip() or line.startswith("#") or (section is not None) != held_out:
            continue
        if held_out and section != part:
            continue
        seg = _bracketed(line)
        (dirty if seg.spans else clean).append(seg)
    return dirty, clean


def _bracketed(line: str) -> Segment:
    """One annotated line: ``[[...]]`` marks an artefact; a line without marks is clean."""
    spans, text, pos = [], [], 0
    for m in _BRACKET_RE.finditer(line):
        text.append(line[pos : m.start()])
        start = sum(map(len, text))
        text.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    text.append(line[pos:])
    return Segment("".join(text), spans, annotated=bool(spans))


def german_examples() -> list[Segment]:
    """Our own German MT-style lines (``[[...]]`` marks the artefacts; lines without marks are
    clean), written in the team's own words after studying MLQE-PE en-de."""
    out = []
    for line in ANNOTATED_DE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(_bracketed(line))
    return out


# -- report --------------------------------------------------------------------------------


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def report(tallies: list[Tally]) -> str:
    lines = [
        f"{'data set':52} {'words':>8} {'warn+':>6} {'/1000w':>7} {'prec':>5} {'recall':>6} {'+info':>6} {'info':>5}"
    ]
    for t in tallies:
        lines.append(
            f"{t.name:52} {t.words:>8} {t.findings:>6} {t.per_1000:>7.2f} "
            f"{_fmt(t.precision):>5} {_fmt(t.recall):>6} "
            f"{_fmt(t.spans_found_any / t.spans if t.spans else None):>6} {t.info:>5}"
        )
    lines.append("")
    lines.append("per rule (warnings and errors): hits / findings in each data set")
    rules = sorted({r for t in tallies for r in t.per_rule})
    for rule in rules:
        cells = [f"{t.hits_per_rule[rule]}/{t.per_rule[rule]}" for t in tallies]
        lines.append(f"  {rule}  " + "  ".join(f"{c:>7}" for c in cells))
    lines.append("  (columns in the order of the data sets above)")
    for t in tallies:
        if t.examples and (t.precision is None or t.precision < 1):
            lines.append(f"\nfalse alarms in {t.name}:")
            for rule, ex in sorted(t.examples.items()):
                lines.append(f"  {rule}: " + " | ".join(repr(e) for e in ex[:5]))
    return "\n".join(lines)


def run(examples: int = 10) -> tuple[list[Tally], float]:
    t0 = time.perf_counter()
    en = Engine(Settings())
    de = Engine(Settings(target_lang="de"))
    dirty, clean = annotated()
    held_dirty, held_clean = annotated(held_out=True)
    grammar_dirty, grammar_clean = annotated(held_out=True, part="grammar")
    grammar3_dirty, grammar3_clean = annotated(held_out=True, part="grammar3")
    post_edits = [s for p in ("ru-en", "et-en", "ro-en") for s in mlqe(p, post_edit=True)]
    tallies = [
        measure("own examples: artefacts (recall)", dirty, en, examples),
        measure("own examples: clean lines", clean, en, examples),
        measure("own examples, held out: artefacts (recall)", held_dirty, en, examples),
        measure("own examples, held out: clean lines", held_clean, en, examples),
        measure("own examples, held out grammar: artefacts", grammar_dirty, en, examples),
        measure("own examples, held out grammar: clean lines", grammar_clean, en, examples),
        measure("own examples, held out grammar3: artefacts", grammar3_dirty, en, examples),
        measure("own examples, held out grammar3: clean lines", grammar3_clean, en, examples),
        measure("professional English: MQM TED human references", mqm(None, human=True), en, examples),
        # post-edited MT keeps some of its translationese ("Tallin", "5 thousand people"): a
        # finding here is not always a false alarm
        measure("post-edited MT: MLQE-PE ru/et/ro-en post-edits", post_edits, en, examples),
        measure("MT English: MQM TED systems (rater spans)", mqm(None, human=False), en, examples),
        measure("MT English: MLQE-PE ru-en (BAD words)", mlqe("ru-en", post_edit=False), en, examples),
        measure(
            "MT English: MLQE-PE et-en + ro-en",
            mlqe("et-en", post_edit=False) + mlqe("ro-en", post_edit=False),
            en,
            examples,
        ),
        measure("German: MLQE-PE en-de post-edits", mlqe("en-de", post_edit=True), de, examples),
        measure("German: MLQE-PE en-de MT (BAD words)", mlqe("en-de", post_edit=False), de, examples),
        measure(
            "German: MLQE-PE en-de MT (edits: runs of BAD)", mlqe("en-de", post_edit=False, edits=True), de, examples
        ),
        measure(
            "German: MLQE-PE en-de train2000 post-edits", mlqe("en-de", post_edit=True, split="train2000"), de, examples
        ),
        measure(
            "German: MLQE-PE en-de train2000 MT (BAD words)",
            mlqe("en-de", post_edit=False, split="train2000"),
            de,
            examples,
        ),
        measure("German: own examples (tests/data)", german_examples(), de, examples),
    ]
    return tallies, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    ap.add_argument("--examples", type=int, default=10, help="false alarms kept per rule")
    args = ap.parse_args(argv)
    tallies, seconds = run(args.examples)
    print(report(tallies))
    print(f"\n(quality measured in {seconds:.1f} s)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({t.name: t.as_dict() for t in tallies}, indent=1, ensure_ascii=False), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
