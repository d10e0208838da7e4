"""A Dask worker plugin that loads the rule set and glossaries once per worker, when the worker
joins (or when the plugin is registered), so the first partition pays nothing extra."""

from __future__ import annotations

import contextlib
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from tqkit.config import RunOptions, Settings


class WarmRules(WorkerPlugin):
    """Builds :func:`tqkit.runner.engine_for` (a per-process cache) for the given settings."""

    def __init__(self, specs: list[tuple[Settings, RunOptions]]):
        self.specs = specs

    def setup(self, worker: Any) -> None:
        from tqkit.runner import engine_for

        for settings, options in self.specs:
            with contextlib.suppress(Exception):  # a broken glossary is reported per article
                engine_for(settings, options).resources.warm()
