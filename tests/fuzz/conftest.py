"""Fuzz campaign bookkeeping: generated inputs are counted and the total printed at the end
(``make fuzz`` must show at least 100,000 with no traceback and no hang)."""

from __future__ import annotations

from typing import Any

from fuzzcount import COUNTS


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not COUNTS:
        return
    total = sum(COUNTS.values())
    terminalreporter.write_line("fuzz: " + ", ".join(f"{k} {v:,}" for k, v in sorted(COUNTS.items())))
    terminalreporter.write_line(f"fuzz: {total:,} generated inputs in this process")
