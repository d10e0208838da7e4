"""The driver: stream partitions to an executor with a bounded window, write each finished
partition's tables atomically, record it in the manifest, and write the summary.

Output directory::

    run.json                 what was audited and how (checked on --resume)
    manifest.jsonl           one line per finished partition (its counts); the source of truth
    findings/part-00000.parquet ...
    articles/part-00000.parquet ...
    errors/part-00000.parquet ...
    worst/part-00000.parquet ...   the partition's worst articles, with their text (dashboard)
    summary.json

A partition's four files are written (temp file + rename) before its manifest line is appended,
so a killed run leaves whole files only, and ``--resume`` redoes exactly the partitions the
manifest does not list.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from tqkit.atomic import atomic_write
from tqkit.audit.inputs import DEFAULT_MAX_ARTICLE, Item, count_articles, items, partitions
from tqkit.audit.work import MQM_NAMES, MQM_WEIGHTS, PartResult, Task, audit_partition, settings_key
from tqkit.config import RunOptions, Settings
from tqkit.errors import AuditError, InputError
from tqkit.runner import settings_for

TABLES = ("errors", "worst", "articles", "findings")  # write order: findings last
OWNED = ("run.json", "manifest.jsonl", "summary.json")


@dataclass
class AuditConfig:
    inputs: list[str]
    output: str
    options: RunOptions = field(default_factory=RunOptions)
    since_glossaries: tuple[str, ...] | None = None  # --only-terms --since-glossary
    partition_size: int = 200
    jobs: int = 1
    scheduler: str | None = None
    connect_timeout: float = 5.0
    window: int = 0  # partitions in flight; 0: twice the workers
    resume: bool = False
    max_article_bytes: int = DEFAULT_MAX_ARTICLE
    worst: int = 20
    progress: bool | None = None  # a bar on a terminal, plain lines otherwise; False: silent

    def fingerprint(self) -> dict[str, Any]:
        o = self.options
        return {"inputs": list(self.inputs), "partition_size": self.partition_size,
                "select": o.select, "extend_select": list(o.extend_select), "ignore": list(o.ignore),
                "glossaries": o.glossaries, "since_glossaries": self.since_glossaries,
                "target_lang": o.target_lang, "config": o.config,
                "max_article_bytes": self.max_article_bytes}


@dataclass
class AuditOutcome:
    summary: dict[str, Any]
    done: int  # partitions audited by this run
    skipped: int  # partitions already finished (--resume)
    errors: list[str]  # one-line messages about whole inputs


def _fail_write(path: Path, exc: OSError) -> AuditError:
    if exc.errno is None and str(path) in str(exc):  # tqkit.atomic's WriteError: one line already
        return AuditError(str(exc))
    if exc.errno == errno.ENOSPC:
        return AuditError(f"{path}: cannot write: no space left on device")
    return AuditError(f"{path}: cannot write: {exc.strerror or exc}")


def write_bytes(path: Path, data: bytes) -> None:
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise _fail_write(path, exc) from None


def read_manifest(out: Path) -> dict[int, dict[str, Any]]:
    """Finished partitions. A torn last line (a kill during the append) is ignored."""
    done: dict[int, dict[str, Any]] = {}
    with contextlib.suppress(FileNotFoundError), (out / "manifest.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            try:
                entry = json.loads(line)
                done[int(entry["part"])] = entry
            except (ValueError, KeyError, TypeError):
                continue
    return done


def _drop_torn_line(manifest: Path) -> None:
    """A kill during an append can leave a last line without its newline: cut it off, so the
    next append starts on a line of its own."""
    try:
        data = manifest.read_bytes()
    except FileNotFoundError:
        return
    if data and not data.endswith(b"\n"):
        write_bytes(manifest, data[: data.rfind(b"\n") + 1])


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


class Progress:
    """A bar on a terminal; otherwise a plain line at most every few seconds (and at the end)."""

    def __init__(self, stream: TextIO, total: int | None, tty: bool, every: float = 5.0,
                 silent: bool = False):
        self.stream, self.total, self.tty, self.every = stream, total, tty, every
        self.silent = silent
        self.start = time.monotonic()
        self.last = 0.0
        self.articles = self.words = self.findings = self.parts = 0

    def update(self, stats: dict[str, Any], skipped: bool = False) -> None:
        self.articles += stats["articles"] + stats["errors"]
        self.parts += 1
        if not skipped:
            self.words += stats["words"]
            self.findings += stats["findings"]
        now = time.monotonic()
        if self.tty or now - self.last >= self.every:
            self.last = now
            self.show()

    def line(self) -> str:
        secs = max(time.monotonic() - self.start, 1e-6)
        rate = f"{self.words / secs:,.0f} words/s"
        if self.total:
            frac = min(1.0, self.articles / self.total)
            head = f"{self.articles:,}/{self.total:,} articles ({frac:.0%})"
        else:
            frac, head = 0.0, f"{self.articles:,} articles"
        text = f"{head}, {self.parts} partitions, {self.findings:,} findings, {rate}"
        if self.tty and self.total:
            bar = "#" * int(frac * 24)
            return f"audit [{bar:<24}] {text}"
        return f"audit: {text}"

    def show(self) -> None:
        if self.silent:
            return
        if self.tty:
            self.stream.write("\r\x1b[K" + self.line())
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def close(self) -> None:
        self.show()
        if self.tty and not self.silent:
            self.stream.write("\n")
        self.stream.flush()


class Executor:
    """Runs tasks with at most ``window`` in flight; ``on_done`` gets results as they finish."""

    workers = 1

    def run(self, tasks: Iterator[Task], on_done: Callable[[PartResult], None], window: int) -> None:
        for t in tasks:
            on_done(audit_partition(t))

    def close(self) -> None:
        pass


class LocalPool(Executor):
    """The project's process pool (fork where available, like ``tqkit check --jobs``)."""

    def __init__(self, jobs: int, warm: Callable[[], None]):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        warm()  # workers inherit the loaded rules and glossaries
        ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
        self.workers = jobs

    def run(self, tasks: Iterator[Task], on_done: Callable[[PartResult], None], window: int) -> None:
        from concurrent.futures import FIRST_COMPLETED, Future, wait

        pending: set[Future[PartResult]] = set()
        for t in tasks:
            pending.add(self.pool.submit(audit_partition, t))
            if len(pending) >= window:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    on_done(fut.result())
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                on_done(fut.result())

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor(Executor):
    """A ``dask.distributed`` cluster; a worker plugin loads the rule set once per worker."""

    def __init__(self, address: str, timeout: float, warm_specs: list[tuple[Settings, RunOptions]]):
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - the extra is checked by the command
            raise AuditError("--scheduler needs dask.distributed: pip install 'tqkit[audit]'") from None
        import dask

        try:
            with dask.config.set({"distributed.comm.timeouts.connect": f"{timeout}s"}):
                self.client = Client(address, timeout=f"{timeout}s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise AuditError(f"cannot reach the Dask scheduler at {address} ({msg[:160]})") from None
        from tqkit.audit.plugin import WarmRules

        self.client.register_plugin(WarmRules(warm_specs), name="tqkit-warm-rules")
        self.workers = max(1, sum(w.get("nthreads", 1) for w in
                                  self.client.scheduler_info()["workers"].values()))

    def run(self, tasks: Iterator[Task], on_done: Callable[[PartResult], None], window: int) -> None:
        from distributed import as_completed

        it = iter(tasks)
        first = []
        for t in it:
            first.append(self.client.submit(audit_partition, t, pure=False, key=f"tqkit-part-{t.index}"))
            if len(first) >= window:
                break
        if not first:
            return
        ac = as_completed(first, loop=self.client.loop)
        for fut in ac:
            result = fut.result()
            fut.release()
            on_done(result)
            nxt = next(it, None)
            if nxt is not None:
                ac.add(self.client.submit(audit_partition, nxt, pure=False,
                                          key=f"tqkit-part-{nxt.index}"))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close(timeout=5)


def _prepare_output(cfg: AuditConfig) -> tuple[Path, dict[int, dict[str, Any]], int]:
    out = Path(cfg.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            (out / name).mkdir(exist_ok=True)
    except OSError as exc:
        raise _fail_write(out, exc) from None
    fingerprint = cfg.fingerprint()
    done: dict[int, dict[str, Any]] = {}
    attempt = 1
    run_file = out / "run.json"
    if cfg.resume and run_file.exists():
        try:
            previous = json.loads(run_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise AuditError(f"{run_file}: unreadable; cannot resume this audit") from None
        if previous.get("fingerprint") != json.loads(json.dumps(fingerprint)):
            raise AuditError(f"{out}: holds an audit of other inputs or options; cannot resume it "
                             "(run without --resume to start over)")
        _drop_torn_line(out / "manifest.jsonl")
        done = read_manifest(out)
        attempt = int(previous.get("attempt", 0)) + 1
    else:
        for name in TABLES:  # start over: remove only what an audit writes
            for f in (out / name).glob("part-*.parquet"):
                f.unlink()
        for name in OWNED:
            with contextlib.suppress(FileNotFoundError):
                (out / name).unlink()
    for name in TABLES:  # temp files of a killed run
        for f in (out / name).glob(".*.tqkit-tmp"):
            with contextlib.suppress(OSError):
                f.unlink()
    write_bytes(run_file, json.dumps({"fingerprint": fingerprint, "attempt": attempt},
                                     indent=2).encode("utf-8"))
    return out, done, attempt


def run_audit(cfg: AuditConfig, stderr: TextIO | None = None) -> AuditOutcome:
    """Audit the inputs into ``cfg.output``. Raises :class:`AuditError` for what stops it."""
    stream = stderr or sys.stderr
    out, done, attempt = _prepare_output(cfg)
    options = cfg.options
    since_options = None
    if cfg.since_glossaries is not None:
        since_options = RunOptions(**{**asdict(options), "glossaries": cfg.since_glossaries})
    file_errors: list[str] = []
    settings_cache: dict[str, tuple[Settings, Settings | None]] = {}

    def resolve(key: str) -> tuple[Settings, Settings | None]:
        if key not in settings_cache:
            if len(settings_cache) > 4096:
                settings_cache.clear()
            try:
                s = settings_for(key, options)
            except InputError as exc:
                raise AuditError(str(exc)) from None
            old = settings_for(key, since_options) if since_options else None
            settings_cache[key] = (s, old)
        return settings_cache[key]

    from tqkit.registry import select_rules

    first_settings: list[tuple[Settings, RunOptions]] = []

    def warm_spec() -> list[tuple[Settings, RunOptions]]:
        if not first_settings:
            first = cfg.inputs[0] if cfg.inputs else "."
            try:
                first_settings.append((settings_for(first, options), options))
                if since_options:
                    first_settings.append((settings_for(first, since_options), options))
            except InputError as exc:
                raise AuditError(str(exc)) from None
        return first_settings

    base = warm_spec()[0][0]
    codes = tuple(sorted(c.code for c in select_rules(base.select, base.ignore, base.extend_select)))
    if since_options is not None:
        codes = tuple(c for c in codes if c.startswith("TQ4"))
    totals = Totals()
    for entry in done.values():
        totals.add(entry["stats"])

    def tasks() -> Iterator[Task]:
        stream_items: Iterator[Item] = items(cfg.inputs, cfg.max_article_bytes, file_errors)
        for index, part in enumerate(partitions(stream_items, cfg.partition_size)):
            if index in done:
                prev = done[index]["stats"]
                if prev.get("first_id") != part[0].id or prev.get("items") != len(part):
                    raise AuditError(f"{out}: the inputs changed since the interrupted run "
                                     f"(partition {index} differs); run without --resume")
                progress.update(prev, skipped=True)
                continue
            settings: dict[str, Settings] = {}
            since: dict[str, Settings] | None = {} if since_options else None
            for it in part:
                if it.error is None:
                    k = settings_key(it)
                    s, old = resolve(k)
                    settings[k] = s
                    if since is not None and old is not None:
                        since[k] = old
            yield Task(index, part, settings, options, codes, since, cfg.worst)

    finished = 0

    def on_done(result: PartResult) -> None:
        nonlocal finished
        name = part_name(result.index)
        for table in TABLES:
            write_bytes(out / table / name, result.tables[table])
        entry = {"part": result.index, "attempt": attempt, "stats": result.stats}
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        manifest = out / "manifest.jsonl"
        try:
            fd = os.open(manifest, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise _fail_write(manifest, exc) from None
        totals.add(result.stats)
        finished += 1
        progress.update(result.stats)

    tty = stream.isatty()
    progress = Progress(stream, count_articles(cfg.inputs) if tty and cfg.progress is not False else None,
                        tty, silent=cfg.progress is False)
    executor: Executor
    scheduler = cfg.scheduler or _configured_scheduler()
    if scheduler:
        executor = DaskExecutor(scheduler, cfg.connect_timeout, warm_spec())
    elif cfg.jobs > 1:
        def warm() -> None:
            from tqkit.runner import engine_for

            for s, o in warm_spec():
                with contextlib.suppress(Exception):
                    engine_for(s, o).resources.warm()
        executor = LocalPool(cfg.jobs, warm)
    else:
        executor = Executor()
    try:
        window = cfg.window or 2 * executor.workers
        executor.run(tasks(), on_done, max(1, window))
    except (AuditError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a worker lost, a broken pool: one line, and --resume picks up
        msg = str(exc).splitlines()[0] if str(exc) else ""
        raise AuditError(f"a partition failed ({type(exc).__name__}: {msg[:200]}); "
                         "finished partitions are kept, rerun with --resume") from None
    finally:
        executor.close()
        progress.close()
    summary = build_summary(totals, cfg, file_errors)
    write_bytes(out / "summary.json", (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return AuditOutcome(summary, finished, len(done), file_errors)


class Totals:
    """Running sums of the partitions' counts (the driver keeps no per-partition list)."""

    def __init__(self) -> None:
        self.by_rule: Counter[str] = Counter()
        self.by_sev: Counter[str] = Counter()
        self.sums: Counter[str] = Counter()
        self.partitions = 0

    def add(self, stats: dict[str, Any]) -> None:
        self.by_rule.update(stats["by_rule"])
        self.by_sev.update(stats["by_severity"])
        for k in ("articles", "errors", "words", "findings", "penalty"):
            self.sums[k] += stats[k]
        self.partitions += 1


def _configured_scheduler() -> str | None:
    """A scheduler address from dask's configuration (``DASK_SCHEDULER_ADDRESS`` or a
    ``scheduler-address`` key in a dask config file)."""
    if not os.environ.get("DASK_SCHEDULER_ADDRESS") and not os.environ.get("DASK_CONFIG") and not any(
            Path(p).exists() for p in (Path.home() / ".config" / "dask", Path("/etc/dask"))):
        return None  # skip importing dask when nothing can configure it
    try:
        import dask.config
    except ImportError:
        return None
    value = dask.config.get("scheduler-address", None)
    return str(value) if value else None


def build_summary(t: Totals, cfg: AuditConfig, file_errors: list[str]) -> dict[str, Any]:
    totals, by_rule, by_sev = t.sums, t.by_rule, t.by_sev
    words = totals["words"]
    return {
        "articles": totals["articles"],
        "words": words,
        "findings": totals["findings"],
        "row_errors": totals["errors"],
        "input_errors": file_errors,
        "partitions": t.partitions,
        "penalty": totals["penalty"],
        "score_per_1000_words": round(totals["penalty"] * 1000 / words, 3) if words else 0.0,
        "findings_per_1000_words": round(totals["findings"] * 1000 / words, 3) if words else 0.0,
        "by_rule": dict(sorted(by_rule.items())),
        "by_severity": dict(sorted(by_sev.items())),
        "mqm_weights": {MQM_NAMES[s]: {"tqkit_severity": s.label, "weight": w}
                        for s, w in MQM_WEIGHTS.items()},
        "only_terms": cfg.since_glossaries is not None,
        "inputs": list(cfg.inputs),
        "glossaries": cfg.options.glossaries,
        "since_glossaries": cfg.since_glossaries,
    }
