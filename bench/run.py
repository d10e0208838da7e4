"""tqkit benchmarks: `make bench`.

Two corpora, each repeated to at least one million words, each laid out two ways (one large
file, and articles of about 800 words):

- **real copy** (the main figure): the seed article (MT news from Bulgarian), the MQM TED
  segments (MT and professional references) and the MLQE-PE sentences (MT and post-edits of
  Wikipedia and Reddit text, detokenised, in `tests/data/mlqe-pe/`), shuffled into articles
  deterministically;
- **TED corpus** (the benchmark of earlier releases): the seed article and MQM TED segments.

For every corpus and layout, in the same run: CPU time (user + system of the whole process,
the median of several runs) and wall time of `tqkit check` (default rules, `--jobs 1`, and
`--jobs 2` for the articles), its peak memory, proselint's CPU time on the same files (with its
1,000-findings-per-file limit lifted, so that it reads the whole of a large file), and the
floor: one regex tokenisation pass in this process. tqkit's data caches live in
``bench/out/cache`` (``TQKIT_CACHE_DIR``), built by a warm-up run. Then the start-up budget: `tqkit --version`, the
imports (`python -X importtime`), `tqkit check` on one sentence and the whole process on the
seed article (medians of 11 after warm-up). Then the other benchmarks
(bench_*.py; `--skip-audit` leaves out bench_audit.py, which audits 1 M and 10 M word archives
and takes minutes). Timings belong here, never in tests. Results: `bench/out/results.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
TQKIT = str(BIN / "tqkit")
WORD_RE = re.compile(r"\w+")
SEED = ROOT / "corpora" / "silent-front.en.txt"
MQM = ROOT / "corpora" / "mqm-ted-zhen" / "mqm_ted_zhen.jsonl"
MLQE = ROOT / "tests" / "data" / "mlqe-pe"
ARTICLE_WORDS = 800


# -- corpora -----------------------------------------------------------------------------------


def _seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if len(p.split()) > 8]


def _mqm_paragraphs() -> list[str]:
    segments = []
    with MQM.open(encoding="utf-8") as fh:
        for line in fh:
            segments.append(json.loads(line)["target"].strip())
    return [" ".join(segments[i : i + 4]) for i in range(0, len(segments), 4)]


def _mlqe_paragraphs() -> list[str]:
    sentences = []
    for path in sorted(MLQE.glob("*-en.dev.jsonl")):  # English targets only
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                sentences += [rec["mt"], rec["pe"]]
    return [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]


def corpus_paragraphs(kind: str) -> list[str]:
    if kind == "real":
        # the seed article weighs as much as a fifth of the MT data: names-dense news copy
        seed = _seed_paragraphs()
        mt = _mqm_paragraphs() + _mlqe_paragraphs()
        return seed * max(1, len(mt) // (5 * len(seed))) + mt
    return _seed_paragraphs() + _mqm_paragraphs()


def _articles(paragraphs: list[str], target_words: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    words = n = 0
    while words < target_words:
        article, size = [], 0
        while size < ARTICLE_WORDS:
            para = rng.choice(paragraphs)
            article.append(para)
            size += len(para.split())
        text = f"Article {n}\n\n" + "\n\n".join(article) + "\n"
        words += len(WORD_RE.findall(text))
        n += 1
        yield text


@dataclass
class Corpus:
    name: str
    files: list[Path]  # the 800-word articles
    one_file: Path  # the same text as one file
    words: int


def build_corpus(kind: str, target_words: int, seed: int = 20201027) -> Corpus:
    base = OUT / f"corpus-{kind}"
    if base.exists():
        shutil.rmtree(base)
    (base / "articles").mkdir(parents=True)
    texts = list(_articles(corpus_paragraphs(kind), target_words, seed))
    files = []
    for n, text in enumerate(texts):
        path = base / "articles" / f"article-{n:05d}.md"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    one = base / "corpus.md"
    one.write_text("\n".join(texts), encoding="utf-8")
    return Corpus(kind, files, one, sum(len(WORD_RE.findall(t)) for t in texts))


# -- measuring ---------------------------------------------------------------------------------

_WRAPPER = (
    "import resource, subprocess, sys, time;"
    "t=time.perf_counter();"
    "p=subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
    "w=time.perf_counter()-t;"
    "r=resource.getrusage(resource.RUSAGE_CHILDREN);"
    "print(w, r.ru_utime + r.ru_stime, r.ru_maxrss, p.returncode)"
)


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float


def measure(cmd: list[str], runs: int) -> Run:
    """Median wall and CPU time (user + system, the process and its children) of ``cmd`` over
    ``runs`` runs, and the largest peak RSS."""
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True, check=True)
        wall, cpu, kb, code = out.stdout.split()
        if int(code) not in (0, 1):
            raise SystemExit(f"bench: {' '.join(cmd[:4])} ... failed with exit {code}")
        walls.append(float(wall))
        cpus.append(float(cpu))
        peaks.append(int(kb) / 1024)
    return Run(statistics.median(walls), statistics.median(cpus), max(peaks))


def regex_floor(paths: list[Path]) -> float:
    """Words per second of one regex tokenisation pass over the text, in this process."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        n = len(WORD_RE.findall(text))
        best = min(best, time.process_time() - start)
    return n / best


def _proselint_config() -> Path:
    path = OUT / "proselint-all.json"
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text('{"max_errors": 1000000000}\n', encoding="utf-8")
    return path


def bench_corpus(corpus: Corpus, runs: int, proselint: str | None, results: dict[str, float]) -> None:
    w = corpus.words
    print(
        f"\n== {corpus.name} corpus: {w:,} words, {len(corpus.files)} articles of ~{ARTICLE_WORDS} words "
        f"and the same text as one file ({corpus.one_file.relative_to(ROOT)})"
    )
    check = [TQKIT, "check", "--format", "json", "--exit-zero"]
    layouts = {"one file": [str(corpus.one_file)], "articles": [str(corpus.one_file.parent / "articles")]}
    # warm-up: data caches that the seed article did not need (lemmas, names) are built now
    subprocess.run([*check, str(corpus.one_file)], stdout=subprocess.DEVNULL, check=False)
    floor = regex_floor([corpus.one_file])
    results[f"{corpus.name}_regex_floor_wps"] = floor
    for layout, paths in layouts.items():
        key = f"{corpus.name}_{layout.replace(' ', '_')}"
        tq = measure([*check, *paths], runs)
        results[f"{key}_cpu_s"] = tq.cpu
        results[f"{key}_wall_s"] = tq.wall
        results[f"{key}_wps_per_core"] = w / tq.cpu
        results[f"{key}_peak_mb"] = tq.peak_mb
        line = (
            f"tqkit check, {layout:8}: CPU {tq.cpu:6.2f} s ({w / tq.cpu:>9,.0f} words/s per core), "
            f"wall {tq.wall:6.2f} s, peak {tq.peak_mb:4.0f} MB, {floor / (w / tq.cpu):4.1f}x the regex floor"
        )
        if proselint:
            files = [str(corpus.one_file)] if layout == "one file" else [str(p) for p in corpus.files]
            # proselint stops reading a file after 1,000 findings (its `max_errors`): on one large
            # file it would skip most of the text; the configuration lifts the limit, so both
            # tools check every word (`--config` after `check`: before it, it is ignored)
            pl = measure([proselint, "check", "--config", str(_proselint_config()), *files], max(1, runs - 1))
            ratio = pl.cpu / tq.cpu
            results[f"{key}_proselint_cpu_s"] = pl.cpu
            results[f"{key}_vs_proselint"] = ratio
            line += f"; proselint CPU {pl.cpu:6.2f} s -> tqkit {ratio:.1f}x"
        print(line)
        sys.stdout.flush()
    jobs2 = measure([*check, "--jobs", "2", *layouts["articles"]], runs)
    results[f"{corpus.name}_articles_jobs2_wall_s"] = jobs2.wall
    print(f"tqkit check --jobs 2, articles: wall {jobs2.wall:6.2f} s ({w / jobs2.wall:,.0f} words/s)")
    print(f"floor, one regex tokenisation pass in-process: {floor:,.0f} words/s")


_IMPORTS = "import tqkit.commands.check, tqkit.registry as r; r.all_rules()"


def import_seconds() -> float:
    """The best of 5 totals of ``python -X importtime`` (self times) for what `tqkit check` imports."""
    best = float("inf")
    for _ in range(5):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", _IMPORTS], capture_output=True, text=True)
        total = 0
        for line in out.stderr.splitlines():
            parts = line.removeprefix("import time:").split("|")
            if len(parts) == 3 and parts[0].strip().isdigit():
                total += int(parts[0])
        best = min(best, total / 1e6)
    return best


def bench_startup(results: dict[str, float]) -> None:
    """The start-up budget: `tqkit --version`, the imports, `tqkit check` on one sentence (what
    every run pays: imports and loading the data from the caches) and on the seed article."""
    print("\n== start-up")
    for _ in range(2):  # warm-up: caches built, page cache warm
        subprocess.run([TQKIT, "check", str(SEED), "--exit-zero"], stdout=subprocess.DEVNULL, check=True)
    empty = OUT / "one-sentence.txt"
    empty.write_text("The meeting ended on Monday.\n", encoding="utf-8")
    version = measure([TQKIT, "--version"], 11)
    imports = import_seconds()
    fixed = measure([TQKIT, "check", str(empty), "--exit-zero"], 11)
    seed = measure([TQKIT, "check", str(SEED), "--exit-zero"], 11)
    results["version_cpu_s"] = version.cpu
    results["imports_s"] = imports
    results["one_sentence_cpu_s"] = fixed.cpu
    results["seed_whole_process_cpu_s"] = seed.cpu
    results["seed_whole_process_wall_s"] = seed.wall
    print(f"tqkit --version: median CPU {version.cpu:.3f} s, wall {version.wall:.3f} s (target <= 0.1 s)")
    print(f"imports of `tqkit check` (python -X importtime, best of 5): {imports:.3f} s")
    print(f"tqkit check on one sentence (imports and cached data): median CPU {fixed.cpu:.3f} s")
    print(
        f"tqkit check on the seed article, whole process: median CPU {seed.cpu:.3f} s, "
        f"wall {seed.wall:.3f} s, peak {seed.peak_mb:.0f} MB (target <= 0.3 s CPU)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=1_000_000, help="corpus size in words")
    ap.add_argument("--runs", type=int, default=3, help="runs per measure (medians)")
    ap.add_argument("--skip-others", action="store_true", help="only the check and start-up benchmarks")
    ap.add_argument("--skip-ted", action="store_true", help="only the real-copy corpus")
    ap.add_argument("--startup-only", action="store_true", help="only the start-up budget")
    ap.add_argument(
        "--skip-audit",
        action="store_true",
        help="skip the `tqkit audit` benchmark (1 M and 10 M word archives; minutes)",
    )
    args = ap.parse_args()

    results: dict[str, float] = {}
    # Byte-code as an installed package has it (pip compiles it at install): without this, a
    # shell with PYTHONDONTWRITEBYTECODE set recompiles every tqkit module in every measured run.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "tqkit")], stdout=subprocess.DEVNULL, check=False
    )
    # tqkit's data caches (word lists, packs, lemmas) in a directory of the benchmark's own,
    # built by a warm-up run before anything is measured: as an installed tool has them, and
    # not evicted by other tqkit installations sharing ~/.cache (findings are never cached)
    os.environ.setdefault("TQKIT_CACHE_DIR", str(OUT / "cache"))
    subprocess.run([TQKIT, "check", str(SEED), "--exit-zero"], stdout=subprocess.DEVNULL, check=False)
    proselint = shutil.which("proselint", path=str(BIN)) or shutil.which("proselint")
    if not proselint:
        print("proselint: not installed (pip install 'tqkit[bench]'); no comparison")
    kinds = () if args.startup_only else ("real",) if args.skip_ted else ("real", "ted")
    for kind in kinds:
        corpus = build_corpus(kind, args.words)
        results[f"{kind}_words"] = corpus.words
        bench_corpus(corpus, args.runs, proselint, results)
    bench_startup(results)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    if not args.skip_others and not args.startup_only:
        for script in sorted((ROOT / "bench").glob("bench_*.py")):
            if args.skip_audit and script.name == "bench_audit.py":
                continue
            print(f"\n== {script.name}")
            sys.stdout.flush()
            subprocess.run([sys.executable, str(script)], check=False)


if __name__ == "__main__":
    main()
