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
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from tqkit.atomic import atomic_write
from tqkit.audit.executors import DaskExecutor, Executor, LocalPool, Progress, configured_scheduler
from tqkit.audit.inputs import DEFAULT_MAX_ARTICLE, Item, count_articles, items, partitions
from tqkit.audit.work import MQM_NAMES, MQM_WEIGHTS, PartResult, Task, settings_key
from tqkit.config import RunOptions, Settings
from tqkit.errors import AuditError, InputError
from tqkit.runner import settings_for

__all__ = [
    "OWNED",
    "TABLES",
    "AuditConfig",
    "AuditError",
    "AuditOutcome",
    "Totals",
    "build_summary",
    "part_name",
    "read_manifest",
    "run_audit",
    "write_bytes",
]

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
        return {
            "inputs": list(self.inputs),
            "partition_size": self.partition_size,
            "select": o.select,
            "extend_select": list(o.extend_select),
            "ignore": list(o.ignore),
            "glossaries": o.glossaries,
            "since_glossaries": self.since_glossaries,
            "target_lang": o.target_lang,
            "config": o.config,
            "max_article_bytes": self.max_article_bytes,
        }


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


def _make_dirs(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            (out / name).mkdir(exist_ok=True)
    except OSError as exc:
        raise _fail_write(out, exc) from None


def _resume_state(out: Path, fingerprint: dict[str, Any]) -> tuple[dict[int, dict[str, Any]], int]:
    """The finished partitions and this run's attempt number, after checking that ``out``
    holds an audit of the same inputs and options."""
    run_file = out / "run.json"
    try:
        previous = json.loads(run_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise AuditError(f"{run_file}: unreadable; cannot resume this audit") from None
    if previous.get("fingerprint") != json.loads(json.dumps(fingerprint)):
        raise AuditError(
            f"{out}: holds an audit of other inputs or options; cannot resume it (run without --resume to start over)"
        )
    _drop_torn_line(out / "manifest.jsonl")
    return read_manifest(out), int(previous.get("attempt", 0)) + 1


def _clear_previous(out: Path) -> None:
    """Start over: remove only what an audit writes."""
    for name in TABLES:
        for f in (out / name).glob("part-*.parquet"):
            f.unlink()
    for name in OWNED:
        with contextlib.suppress(FileNotFoundError):
            (out / name).unlink()


def _remove_temp_files(out: Path) -> None:
    """Temp files of a killed run."""
    for name in TABLES:
        for f in (out / name).glob(".*.tqkit-tmp"):
            with contextlib.suppress(OSError):
                f.unlink()


def _prepare_output(cfg: AuditConfig) -> tuple[Path, dict[int, dict[str, Any]], int]:
    out = Path(cfg.output)
    _make_dirs(out)
    fingerprint = cfg.fingerprint()
    done: dict[int, dict[str, Any]] = {}
    attempt = 1
    if cfg.resume and (out / "run.json").exists():
        done, attempt = _resume_state(out, fingerprint)
    else:
        _clear_previous(out)
    _remove_temp_files(out)
    write_bytes(
        out / "run.json", json.dumps({"fingerprint": fingerprint, "attempt": attempt}, indent=2).encode("utf-8")
    )
    return out, done, attempt


def _append_line(manifest: Path, line: bytes) -> None:
    """Append one line and fsync it: the manifest line is what marks a partition finished."""
    try:
        fd = os.open(manifest, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _fail_write(manifest, exc) from None


def _one_line(exc: Exception, limit: int) -> str:
    return str(exc).splitlines()[0][:limit] if str(exc) else ""


class _Driver:
    """One audit run: the settings per input, the stream of tasks, and the bookkeeping of
    finished partitions (tables, manifest, totals, progress)."""

    def __init__(self, cfg: AuditConfig, stream: TextIO):
        self.cfg = cfg
        self.out, self.done, self.attempt = _prepare_output(cfg)
        self.options = cfg.options
        self.since_options: RunOptions | None = None
        if cfg.since_glossaries is not None:
            self.since_options = RunOptions(**{**asdict(self.options), "glossaries": cfg.since_glossaries})
        self.file_errors: list[str] = []
        self.settings_cache: dict[str, tuple[Settings, Settings | None]] = {}
        self.first_settings: list[tuple[Settings, RunOptions]] = []
        self.codes = self._codes()
        self.totals = Totals()
        for entry in self.done.values():
            self.totals.add(entry["stats"])
        self.finished = 0
        tty = stream.isatty()
        total = count_articles(cfg.inputs) if tty and cfg.progress is not False else None
        self.progress = Progress(stream, total, tty, silent=cfg.progress is False)

    def resolve(self, key: str) -> tuple[Settings, Settings | None]:
        cache = self.settings_cache
        if key not in cache:
            if len(cache) > 4096:
                cache.clear()
            try:
                s = settings_for(key, self.options)
            except InputError as exc:
                raise AuditError(str(exc)) from None
            old = settings_for(key, self.since_options) if self.since_options else None
            cache[key] = (s, old)
        return cache[key]

    def warm_spec(self) -> list[tuple[Settings, RunOptions]]:
        """The settings of the first input (and its --since-glossary twin), to load ahead."""
        if not self.first_settings:
            first = self.cfg.inputs[0] if self.cfg.inputs else "."
            try:
                self.first_settings.append((settings_for(first, self.options), self.options))
                if self.since_options:
                    self.first_settings.append((settings_for(first, self.since_options), self.options))
            except InputError as exc:
                raise AuditError(str(exc)) from None
        return self.first_settings

    def _codes(self) -> tuple[str, ...]:
        from tqkit.registry import select_rules

        base = self.warm_spec()[0][0]
        codes = tuple(sorted(c.code for c in select_rules(base.select, base.ignore, base.extend_select)))
        if self.since_options is not None:
            codes = tuple(c for c in codes if c.startswith("TQ4"))
        return codes

    def _skip_finished(self, index: int, part: list[Item]) -> None:
        prev = self.done[index]["stats"]
        if prev.get("first_id") != part[0].id or prev.get("items") != len(part):
            raise AuditError(
                f"{self.out}: the inputs changed since the interrupted run "
                f"(partition {index} differs); run without --resume"
            )
        self.progress.update(prev, skipped=True)

    def _task(self, index: int, part: list[Item]) -> Task:
        settings: dict[str, Settings] = {}
        since: dict[str, Settings] | None = {} if self.since_options else None
        for it in part:
            if it.error is None:
                k = settings_key(it)
                s, old = self.resolve(k)
                settings[k] = s
                if since is not None and old is not None:
                    since[k] = old
        return Task(index, part, settings, self.options, self.codes, since, self.cfg.worst)

    def tasks(self) -> Iterator[Task]:
        cfg = self.cfg
        stream_items: Iterator[Item] = items(cfg.inputs, cfg.max_article_bytes, self.file_errors)
        for index, part in enumerate(partitions(stream_items, cfg.partition_size)):
            if index in self.done:
                self._skip_finished(index, part)
                continue
            yield self._task(index, part)

    def on_done(self, result: PartResult) -> None:
        name = part_name(result.index)
        for table in TABLES:
            write_bytes(self.out / table / name, result.tables[table])
        entry = {"part": result.index, "attempt": self.attempt, "stats": result.stats}
        _append_line(self.out / "manifest.jsonl", (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        self.totals.add(result.stats)
        self.finished += 1
        self.progress.update(result.stats)

    def _warm(self) -> None:
        from tqkit.runner import engine_for

        for s, o in self.warm_spec():
            with contextlib.suppress(Exception):
                engine_for(s, o).resources.warm()

    def executor(self) -> Executor:
        scheduler = self.cfg.scheduler or configured_scheduler()
        if scheduler:
            return DaskExecutor(scheduler, self.cfg.connect_timeout, self.warm_spec())
        if self.cfg.jobs > 1:
            return LocalPool(self.cfg.jobs, self._warm)
        return Executor()

    def run(self) -> None:
        executor = self.executor()
        try:
            window = self.cfg.window or 2 * executor.workers
            executor.run(self.tasks(), self.on_done, max(1, window))
        except (AuditError, KeyboardInterrupt):
            raise
        except Exception as exc:  # a worker lost, a broken pool: one line, and --resume picks up
            raise AuditError(
                f"a partition failed ({type(exc).__name__}: {_one_line(exc, 200)}); "
                "finished partitions are kept, rerun with --resume"
            ) from None
        finally:
            executor.close()
            self.progress.close()


def run_audit(cfg: AuditConfig, stderr: TextIO | None = None) -> AuditOutcome:
    """Audit the inputs into ``cfg.output``. Raises :class:`AuditError` for what stops it."""
    driver = _Driver(cfg, stderr or sys.stderr)
    driver.run()
    summary = build_summary(driver.totals, cfg, driver.file_errors)
    write_bytes(driver.out / "summary.json", (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return AuditOutcome(summary, driver.finished, len(driver.done), driver.file_errors)


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
        "mqm_weights": {MQM_NAMES[s]: {"tqkit_severity": s.label, "weight": w} for s, w in MQM_WEIGHTS.items()},
        "only_terms": cfg.since_glossaries is not None,
        "inputs": list(cfg.inputs),
        "glossaries": cfg.options.glossaries,
        "since_glossaries": cfg.since_glossaries,
    }
