"""Per-language quality figures for the target-language profiles: `make bench` prints them.

    .venv/bin/python bench/quality_langs.py
    .venv/bin/python bench/quality_langs.py --devdata ../shared/devdata --split train

- **German** (``--target-lang de``), MLQE-PE en-de (Wikipedia, English -> German NMT, post-edited
  by professional translators): warnings and errors per 1,000 words on the MT sentences the
  post-editors left unchanged (HTER 0: German a professional accepted as it stands), on the
  post-edits, and on all MT with precision against the words the post-editors changed (BAD
  tags: a warning *hits* when it overlaps one).
- **Russian** (``--target-lang ru``): the Russian source sentences of MLQE-PE ru-en (original
  Russian web and Wikipedia text): warnings per 1,000 words, all false alarms by construction.
- for each profile: how many rules run, and which of the rule families that need a profile
  (TQ102 transliterated words, TQ202 root repetition) are on.

Every figure counts warnings and errors; info notes are counted apart. By default the samples in
``tests/data/mlqe-pe/`` (dev split, CC0) are read; ``--devdata`` reads a full copy of MLQE-PE
instead (never at test time).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tqkit.config import Settings
from tqkit.document import Document
from tqkit.findings import Severity
from tqkit.runner import Engine

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "mlqe-pe"
BATCH = 40  # sentences per checked document


@dataclass
class Figures:
    name: str
    lang: str
    sentences: int = 0
    words: int = 0
    warnings: int = 0
    hits: int = 0
    info: int = 0
    annotated: bool = False
    per_rule: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    @property
    def per_1000(self) -> float:
        return 1000 * self.warnings / self.words if self.words else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "sentences": self.sentences,
            "words": self.words,
            "warnings": self.warnings,
            "per_1000_words": round(self.per_1000, 3),
            "precision": round(self.hits / self.warnings, 3) if self.annotated and self.warnings else None,
            "info": self.info,
            "per_rule": dict(self.per_rule),
            "examples": self.examples,
        }


def measure(
    name: str, lang: str, rows: list[tuple[str, list[tuple[int, int]]]], *, annotated: bool = False, show: int = 5
) -> Figures:
    """Check the sentences (with their annotated spans) in documents of BATCH sentences."""
    engine = Engine(Settings(target_lang=lang))
    fig = Figures(name, lang, sentences=len(rows), annotated=annotated)
    for i in range(0, len(rows), BATCH):
        batch = rows[i : i + BATCH]
        starts, pos = [], 0
        for text, _ in batch:
            starts.append(pos)
            pos += len(text) + 2
        doc = Document(f"{name}/{i}", "\n\n".join(t for t, _ in batch), target_lang=lang)
        fig.words += doc.word_count
        findings = engine.check(doc)[0]
        for f in findings:
            if f.severity < Severity.WARNING:
                fig.info += 1
                continue
            fig.warnings += 1
            fig.per_rule[f.rule] += 1
            k = max(j for j, s in enumerate(starts) if s <= f.span.start)
            spans = [(starts[k] + a, starts[k] + b) for a, b in batch[k][1]]
            if any(a < f.span.end and f.span.start < b for a, b in spans):
                fig.hits += 1
            elif len(fig.examples) < show:
                fig.examples.append(f"{f.rule} {doc.text[max(0, f.span.start - 25) : f.span.end + 15]!r}")
    return fig


def _mlqe_rows(devdata: Path | None, pair: str, split: str) -> list[dict[str, object]]:
    if devdata is None:
        path = SAMPLE / f"{pair}.{split}.jsonl"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
    from mlqe_to_jsonl import detokenise

    folder = devdata / "mlqe-pe" / f"{pair}-{split}"
    stem = next(folder.glob("*.mt")).stem
    mt = (folder / f"{stem}.mt").read_text(encoding="utf-8").splitlines()
    pe = (folder / f"{stem}.pe").read_text(encoding="utf-8").splitlines()
    tags = (folder / f"{stem}.tags").read_text(encoding="utf-8").splitlines()
    hter = (folder / f"{stem}.hter").read_text(encoding="utf-8").splitlines()
    rows: list[dict[str, object]] = []
    for m, p, t, h in zip(mt, pe, tags, hter, strict=True):
        toks, word_tags = m.split(), t.split()[1::2]
        if len(toks) != len(word_tags):
            continue
        text, spans = detokenise(toks)
        rows.append(
            {
                "mt": text,
                "pe": detokenise(p.split())[0],
                "hter": float(h),
                "bad": [list(s) for s, tag in zip(spans, word_tags, strict=True) if tag == "BAD"],
            }
        )
    return rows


def _russian(devdata: Path | None, split: str) -> list[str]:
    if devdata is None:
        return (SAMPLE / "ru.dev.src.txt").read_text(encoding="utf-8").splitlines()
    sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
    from mlqe_to_jsonl import detokenise

    folder = devdata / "mlqe-pe" / f"ru-en-{split}"
    src = next(folder.glob("*.src"))
    return [detokenise(line.split())[0] for line in src.read_text(encoding="utf-8").splitlines()]


def rule_coverage() -> list[str]:
    from tqkit.profiles import known_languages, profile_for
    from tqkit.registry import all_rules

    rules = all_rules()
    lines = []
    for code in known_languages():
        on = {r.code for r in rules if r.runs_for(code)}
        p = profile_for(code)
        lines.append(
            f"  {code}  {len(on):>2} of {len(rules)} rules run;  TQ102 "
            f"{'on ' if 'TQ102' in on else 'off'}  TQ202 {'on ' if 'TQ202' in on else 'off'}"
            f"  stemmer {p.stemmer or '-'}{'' if p.can_stem or not p.stemmer else ' (missing)'}"
        )
    return lines


def run(devdata: Path | None, split: str, show: int) -> list[Figures]:
    de = _mlqe_rows(devdata, "en-de", split)
    unedited = [(str(r["mt"]), []) for r in de if float(str(r["hter"])) == 0.0]
    return [
        measure("German MT left unchanged by post-editors (HTER 0)", "de", unedited, show=show),
        measure("German post-edits", "de", [(str(r["pe"]), []) for r in de], show=show),
        measure(
            "German MT vs post-editors' BAD words",
            "de",
            [(str(r["mt"]), [tuple(b) for b in r["bad"]]) for r in de],  # type: ignore[attr-defined, misc]
            annotated=True,
            show=show,
        ),
        measure(
            "Russian originals (MLQE-PE ru-en sources)", "ru", [(t, []) for t in _russian(devdata, split)], show=show
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--devdata", type=Path, help="full MLQE-PE copy (default: the samples in tests/data)")
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--show", type=int, default=5, help="unmatched warnings shown per data set")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    figures = run(args.devdata, args.split, args.show)
    print(f"{'data set':52} {'lang':>4} {'words':>7} {'warn+':>6} {'/1000w':>7} {'prec':>5} {'info':>5}")
    for f in figures:
        prec = f"{f.hits / f.warnings:.2f}" if f.annotated and f.warnings else "-"
        print(f"{f.name:52} {f.lang:>4} {f.words:>7} {f.warnings:>6} {f.per_1000:>7.2f} {prec:>5} {f.info:>5}")
    for f in figures:
        if f.examples:
            print(f"\n{f.name}: {dict(f.per_rule)}")
            for e in f.examples:
                print(f"  {e}")
    print("\nrules per target language:")
    print("\n".join(rule_coverage()))
    print(f"\n(measured in {time.perf_counter() - t0:.1f} s)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({f.name: f.as_dict() for f in figures}, indent=1, ensure_ascii=False), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
