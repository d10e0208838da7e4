"""Benchmark of `tqkit audit` (issue 15), run by `make bench` (skip it with `--skip-audit`).

Builds deterministic JSON Lines archives of 1 M and 10 M words (articles of about 800 words
shuffled from the seed article's paragraphs and the MT output of the MQM TED data, with a date,
a source language and a desk), then audits each one

- with the local process pool (`--jobs 2`), and
- on a two-worker `dask.distributed.LocalCluster` (processes, one thread each),

and reports words per second of the whole command and the peak RSS of the driver process
alone (the `tqkit audit` process: workers and the scheduler live in other processes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
WORD_RE = re.compile(r"\w+")
DESKS = ("world", "politics", "economy", "culture", "sport")
LANGS = ("hy", "az", "ru", "uk", "tr", "zh")


def build_archive(target_words: int, path: Path, seed: int = 15) -> tuple[int, int]:
    """Write the archive (streamed: one article at a time); returns (articles, words)."""
    paragraphs: list[str] = []
    seed_text = (ROOT / "corpora" / "silent-front.en.txt").read_text(encoding="utf-8")
    paragraphs += [p.strip() for p in seed_text.split("\n\n") if len(p.split()) > 8]
    segments: list[str] = []
    with (ROOT / "corpora" / "mqm-ted-zhen" / "mqm_ted_zhen.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            segments.append(json.loads(line)["target"].strip())
    for i in range(0, len(segments), 4):
        paragraphs.append(" ".join(segments[i : i + 4]))
    sizes = [len(WORD_RE.findall(p)) for p in paragraphs]
    rng = random.Random(seed)
    words = n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        while words < target_words:
            chosen: list[str] = []
            size = 2
            while size < 800:
                k = rng.randrange(len(paragraphs))
                chosen.append(paragraphs[k])
                size += sizes[k]
            text = f"Article {n}\n\n" + "\n\n".join(chosen) + "\n"
            row = {
                "id": f"a{n:07d}",
                "text": text,
                "date": f"{2022 + n % 3}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "source_lang": LANGS[n % len(LANGS)],
                "desk": DESKS[n % len(DESKS)],
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            words += size
            n += 1
    return n, words


DRIVER = """
import resource, sys
from tqkit.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print("peak_rss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
me = resource.getrusage(resource.RUSAGE_SELF)
print("driver_cpu_s", me.ru_utime + me.ru_stime, file=sys.stderr)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print("children_cpu_s", kids.ru_utime + kids.ru_stime, file=sys.stderr)
sys.exit(code)
"""


def run_driver(args: list[str]) -> tuple[float, float, float, float]:
    """Wall seconds, the driver's own peak RSS (MB), its children's CPU seconds (the local
    pool's workers) and its own CPU seconds, of `tqkit audit ARGS`."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", DRIVER, "audit", *args], capture_output=True, text=True)
    secs = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"bench: tqkit audit {' '.join(args)} failed ({proc.returncode}): {proc.stderr[-600:]}")
    m = re.search(r"peak_rss_kb (\d+)", proc.stderr)
    c = re.search(r"children_cpu_s ([\d.]+)", proc.stderr)
    d = re.search(r"driver_cpu_s ([\d.]+)", proc.stderr)
    return (
        secs,
        int(m.group(1)) / 1024 if m else float("nan"),
        float(c.group(1)) if c else 0.0,
        float(d.group(1)) if d else 0.0,
    )


def _cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def driver_cost(archive: Path, partition_size: int, words: int, articles: int) -> dict[str, float]:
    """The driver's own CPU per partition, in this process: stream and partition the archive,
    pickle each task (what goes to a worker), and write one partition's four tables and its
    manifest line (atomic writes, fsync) as many times as there are partitions."""
    import pickle
    import tempfile

    from tqkit.audit.inputs import items, partitions
    from tqkit.audit.run import TABLES, write_bytes
    from tqkit.audit.work import Task, audit_partition
    from tqkit.config import RunOptions, Settings

    settings = {str(archive): Settings()}
    start = time.process_time()
    parts = 0
    first: Task | None = None
    sent = 0
    for index, part in enumerate(partitions(items([str(archive)]), partition_size)):
        task = Task(index, part, settings, RunOptions(), ())
        sent += len(pickle.dumps(task))
        first = first or task
        parts += 1
    read_s = time.process_time() - start
    assert first is not None
    result = audit_partition(first)
    received = sum(len(b) for b in result.tables.values())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for t in TABLES:
            (out / t).mkdir()
        start = time.process_time()
        wall = time.perf_counter()
        for i in range(parts):
            for t in TABLES:
                write_bytes(out / t / f"part-{i:05d}.parquet", result.tables[t])
            with (out / "manifest.jsonl").open("a") as fh:
                fh.write(json.dumps({"part": i, "stats": result.stats}) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        write_s = time.process_time() - start
        write_wall = time.perf_counter() - wall
    return {
        "partitions": parts,
        "read_ms": 1000 * read_s / parts,
        "write_ms": 1000 * write_s / parts,
        "write_wall_ms": 1000 * write_wall / parts,
        "task_kb": sent / parts / 1024,
        "result_kb": received / 1024,
        "words_per_partition": words / parts,
        "articles_per_partition": articles / parts,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000000,10000000", help="archive sizes in words, comma-separated")
    ap.add_argument("--partition-size", type=int, default=200)
    args = ap.parse_args()
    try:
        from distributed import LocalCluster
    except ImportError:
        print("audit: skipped (pip install 'tqkit[audit]')")
        return
    results: dict[str, float] = {}
    sizes = [int(s) for s in args.sizes.split(",") if s]
    from distributed import Client

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        for target in sizes:
            archive = OUT / "audit" / f"archive-{target}.jsonl"
            n, words = build_archive(target, archive)
            mb = archive.stat().st_size / 1e6
            print(f"archive: {n:,} articles, {words:,} words, {mb:.0f} MB ({archive.relative_to(ROOT)})")
            label = f"{target // 1_000_000}M"
            for name, extra in (("local", ["--jobs", "2"]), ("dask", ["--scheduler", cluster.scheduler_address])):
                out = OUT / "audit" / f"out-{label}-{name}"
                shutil.rmtree(out, ignore_errors=True)
                load = os.getloadavg()[0]
                before = sum(client.run(_cpu).values()) if name == "dask" else 0.0
                secs, peak, cpu, driver_cpu = run_driver(
                    [
                        str(archive),
                        "--output",
                        str(out),
                        "--no-progress",
                        "--partition-size",
                        str(args.partition_size),
                        *extra,
                    ]
                )
                if name == "dask":
                    cpu = sum(client.run(_cpu).values()) - before
                summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
                assert summary["articles"] == n, summary
                results[f"audit_{label}_{name}_seconds"] = secs
                results[f"audit_{label}_{name}_words_per_second"] = words / secs
                results[f"audit_{label}_{name}_driver_peak_mb"] = peak
                results[f"audit_{label}_{name}_worker_cpu_seconds"] = cpu
                results[f"audit_{label}_{name}_words_per_worker_cpu_second"] = words / cpu if cpu else 0.0
                results[f"audit_{label}_{name}_load_average"] = load
                results[f"audit_{label}_{name}_driver_cpu_seconds"] = driver_cpu
                print(
                    f"tqkit audit {label} words, {name:5}: {secs:7.1f} s {words / secs:>10,.0f} words/s  "
                    f"driver peak RSS {peak:5.0f} MB  workers {words / cpu if cpu else 0:,.0f} words per "
                    f"CPU-second, driver process {driver_cpu:.1f} CPU-s in all "
                    f"(load {load:.1f}; {summary['findings']:,} findings)"
                )
            cost = driver_cost(archive, args.partition_size, words, n)
            for key, value in cost.items():
                results[f"audit_{label}_driver_{key}"] = value
            per = cost["read_ms"] + cost["write_ms"]
            print(
                f"  driver, per partition of {cost['articles_per_partition']:.0f} articles: "
                f"{cost['read_ms']:.1f} ms CPU to read and send ({cost['task_kb']:.0f} kB), "
                f"{cost['write_ms']:.1f} ms CPU ({cost['write_wall_ms']:.1f} ms wall) to write "
                f"({cost['result_kb']:.0f} kB): at most {1000 / per:,.0f} partitions/s, "
                f"{cost['words_per_partition'] * 1000 / per:,.0f} words/s through one driver"
            )
            ratio = results[f"audit_{label}_dask_words_per_second"] / results[f"audit_{label}_local_words_per_second"]
            results[f"audit_{label}_dask_vs_local"] = ratio
            print(f"  two-worker LocalCluster / local pool: {ratio:.2f}")
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "tqkit", "audit", "--report", str(out)], capture_output=True, text=True
            )
            if proc.returncode == 0:
                results[f"audit_{label}_report_seconds"] = time.perf_counter() - start
                print(f"  dashboard: {time.perf_counter() - start:.1f} s")
    results["bench_peak_rss_mb_self"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    path = OUT / "audit" / "results.json"
    previous = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    path.write_text(json.dumps({**previous, **results}, indent=2) + "\n", encoding="utf-8")
    print(f"results: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
