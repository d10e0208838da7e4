"""``tqkit audit``: a whole archive through the rules, on a local process pool or a Dask
cluster, into partitioned Parquet tables, with a resumable manifest and an HTML dashboard.

Needs the ``audit`` extra (pyarrow, dask.distributed, matplotlib).
"""

from __future__ import annotations

import importlib.util

INSTALL_HINT = "tqkit audit needs the audit extra: pip install 'tqkit[audit]'"


def missing_extra() -> str | None:
    """The first missing module of the extra, or None when all are installed."""
    for module in ("pyarrow", "distributed", "matplotlib"):
        if importlib.util.find_spec(module) is None:
            return module
    return None
