"""tqkit benchmarks: `make bench`.

Measures, on a deterministic corpus of at least one million words built from corpora/ text:
- words per second of `tqkit check` (whole command, default rules) with one job and with
  `--jobs 2`, and the peak memory of the run;
- whole-process time of `tqkit check` on the seed article (median of several runs);
- proselint's throughput on the same corpus (on a slice: it is far slower), as a comparison;
- the floor: a bare one-pass regex tokenisation of the corpus in this process.
Then runs the glossary, score, review-screen and audit benchmarks (bench_*.py) and prints their
figures (`--skip-audit` leaves out the audit one, which takes minutes).
Timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
TQKIT = str(BIN / "tqkit")
WORD_RE = re.compile(r"\w+")


def build_corpus(target_words: int, seed: int = 20201027) -> tuple[Path, int]:
    """Articles of about 800 words, shuffled deterministically from the seed article's
    paragraphs and the MT and reference segments of the MQM TED data."""
    paragraphs: list[str] = []
    seed_text = (ROOT / "corpora" / "silent-front.en.txt").read_text(encoding="utf-8")
    paragraphs += [p.strip() for p in seed_text.split("\n\n") if len(p.split()) > 8]
    segments: list[str] = []
    with (ROOT / "corpora" / "mqm-ted-zhen" / "mqm_ted_zhen.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            segments.append(json.loads(line)["target"].strip())
    rng = random.Random(seed)
    for i in range(0, len(segments), 4):
        paragraphs.append(" ".join(segments[i : i + 4]))
    corpus = OUT / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    words = 0
    n = 0
    while words < target_words:
        article: list[str] = []
        size = 0
        while size < 800:
            para = rng.choice(paragraphs)
            article.append(para)
            size += len(para.split())
        text = f"Article {n}\n\n" + "\n\n".join(article) + "\n"
        (corpus / f"article-{n:05d}.md").write_text(text, encoding="utf-8")
        words += len(WORD_RE.findall(text))
        n += 1
    return corpus, words


def timed(cmd: list[str]) -> tuple[float, int, str]:
    """Wall time, the peak RSS (kB) of the child processes so far, and stderr."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, proc.stderr


def peak_rss_of(cmd: list[str]) -> tuple[float, float]:
    """Run ``cmd`` under a tiny wrapper that reports its own children's peak RSS (MB)."""
    wrapper = (
        "import resource, subprocess, sys, time;"
        "t=time.perf_counter();"
        "p=subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True)
    secs, kb = out.stdout.split()
    return float(secs), int(kb) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=1_000_000, help="corpus size in words")
    ap.add_argument("--proselint-words", type=int, default=0,
                    help="give proselint only the first N words of the corpus (default: all of it)")
    ap.add_argument("--skip-others", action="store_true", help="only the check benchmark")
    ap.add_argument("--skip-audit", action="store_true",
                    help="skip the `tqkit audit` benchmark (1 M and 10 M word archives; minutes)")
    args = ap.parse_args()

    corpus, words = build_corpus(args.words)
    files = sorted(corpus.glob("*.md"))
    print(f"corpus: {len(files)} articles, {words:,} words ({corpus.relative_to(ROOT)})")

    results: dict[str, float] = {"words": words}
    base = [TQKIT, "check", str(corpus), "--format", "json", "--exit-zero"]
    subprocess.run([*base[:2], str(files[0])], stdout=subprocess.DEVNULL)  # warm the disk cache
    for jobs in (1, 2):
        secs, peak = peak_rss_of([*base, "--jobs", str(jobs)])
        results[f"check_jobs{jobs}_seconds"] = secs
        results[f"check_jobs{jobs}_words_per_second"] = words / secs
        results[f"check_jobs{jobs}_peak_mb"] = peak
        print(f"tqkit check --jobs {jobs}: {secs:6.2f} s  {words / secs:>10,.0f} words/s  peak RSS {peak:5.0f} MB")

    seed = str(ROOT / "corpora" / "silent-front.en.txt")
    runs = []
    for _ in range(2):  # warm-up: the big runs above leave the page cache and CPU in another state
        subprocess.run([TQKIT, "check", seed, "--exit-zero"], stdout=subprocess.DEVNULL, check=True)
    for _ in range(11):
        start = time.perf_counter()
        subprocess.run([TQKIT, "check", seed, "--exit-zero"], stdout=subprocess.DEVNULL, check=True)
        runs.append(time.perf_counter() - start)
    results["seed_whole_process_median_s"] = statistics.median(runs)
    results["seed_whole_process_min_s"] = min(runs)
    print(f"tqkit check seed article, whole process: median {statistics.median(runs):.3f} s, best {min(runs):.3f} s")

    proselint = shutil.which("proselint", path=str(BIN)) or shutil.which("proselint")
    if proselint:
        subset, subset_words = [], 0
        for f in files:
            if args.proselint_words and subset_words >= args.proselint_words:
                break
            subset.append(str(f))
            subset_words += len(WORD_RE.findall(f.read_text(encoding="utf-8")))
        secs, _, _ = timed([proselint, "check", *subset])
        results["proselint_words_per_second"] = subset_words / secs
        tq_secs, _, _ = timed([TQKIT, "check", *subset, "--format", "json", "--exit-zero"])
        results["check_same_files_words_per_second"] = subset_words / tq_secs
        ratio = (subset_words / tq_secs) / (subset_words / secs)
        results["check_vs_proselint"] = ratio
        print(f"proselint on {subset_words:,} words: {secs:6.2f} s  {subset_words / secs:>10,.0f} words/s "
              f"(tqkit --jobs 1 on the same files: {subset_words / tq_secs:,.0f} words/s, {ratio:.1f}x; "
              "target >= 4x)")
    else:
        print("proselint: not installed (pip install 'tqkit[bench]')")

    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    start = time.perf_counter()
    n = len(WORD_RE.findall(text))
    floor = time.perf_counter() - start
    results["regex_floor_words_per_second"] = n / floor
    print(f"floor, one regex tokenisation pass in-process: {n / floor:,.0f} words/s")
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    if not args.skip_others:
        scripts = ["bench_glossary.py", "bench_score.py", "bench_tui.py"]
        if not args.skip_audit:
            scripts.append("bench_audit.py")
        for script in scripts:
            path = ROOT / "bench" / script
            if path.exists():
                print(f"\n== {script}")
                sys.stdout.flush()
                subprocess.run([sys.executable, str(path)], check=False)


if __name__ == "__main__":
    main()
