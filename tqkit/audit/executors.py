"""Where the partitions run: in this process, on the project's process pool, or on a Dask
cluster, each with a bounded window of partitions in flight; and the progress line."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from tqkit.audit.work import PartResult, Task, audit_partition
from tqkit.config import RunOptions, Settings
from tqkit.errors import AuditError


class Progress:
    """A bar on a terminal; otherwise a plain line at most every few seconds (and at the end)."""

    def __init__(self, stream: TextIO, total: int | None, tty: bool, every: float = 5.0, silent: bool = False):
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
        self.workers = max(1, sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()))

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
                ac.add(self.client.submit(audit_partition, nxt, pure=False, key=f"tqkit-part-{nxt.index}"))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close(timeout=5)


def configured_scheduler() -> str | None:
    """A scheduler address from dask's configuration (``DASK_SCHEDULER_ADDRESS`` or a
    ``scheduler-address`` key in a dask config file)."""
    if (
        not os.environ.get("DASK_SCHEDULER_ADDRESS")
        and not os.environ.get("DASK_CONFIG")
        and not any(Path(p).exists() for p in (Path.home() / ".config" / "dask", Path("/etc/dask")))
    ):
        return None  # skip importing dask when nothing can configure it
    try:
        import dask.config
    except ImportError:
        return None
    value = dask.config.get("scheduler-address", None)
    return str(value) if value else None
