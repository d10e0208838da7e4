"""One size budget for every input path: files, standard input, DOCX parts (counted as they
are inflated, and refused from the zip directory before anything is inflated), TBX imports
and glossary YAML.

``read_limited(path, budget)`` reads at most ``budget`` bytes (one more to notice a larger
file) and never opens a FIFO or device, so a named pipe cannot block and ``/dev/zero`` cannot
fill memory. Errors are :class:`tqkit.errors.InputError` (one line, exit 2).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from tqkit.errors import InputError

MAX_BYTES = 64 * 1024 * 1024


def _error(path: str, message: str) -> Exception:
    return InputError(path, message)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def too_large(path: str, size: int | None, budget: int = MAX_BYTES, what: str = "file") -> Exception:
    """The one-line error for an input over its budget (``size`` None: not known, read past)."""
    got = _mb(size) if size is not None else f"over {_mb(budget)}"
    return _error(path, f"{what} too large ({got}; limit {_mb(budget)})")


def check_size(path: str, size: int, budget: int = MAX_BYTES, what: str = "file") -> None:
    """Refuse ``size`` bytes over ``budget``."""
    if size > budget:
        raise too_large(path, size, budget, what)


def read_limited(path: str | Path, budget: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``budget`` bytes."""
    spath = str(path)
    try:
        fd = os.open(spath, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _error(spath, "no such file") from None
    except IsADirectoryError:
        raise _error(spath, "is a directory") from None
    except PermissionError:
        raise _error(spath, "permission denied") from None
    except OSError as exc:
        raise _error(spath, f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise _error(spath, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise _error(spath, "not a regular file (a pipe, socket or device); not read")
        check_size(spath, st.st_size, budget)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return read_stream(fh, spath, budget)
    except OSError as exc:
        raise _error(spath, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, name: str, budget: int = MAX_BYTES) -> bytes:
    """At most ``budget`` bytes of a stream (standard input, a zip member); more is refused."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(1 << 20, budget + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > budget:
            raise too_large(name, None, budget, "input" if name == "-" else "file")
    return b"".join(chunks)


class Budget:
    """Bytes left for one input that expands (a DOCX: every part counts as it is inflated)."""

    def __init__(self, path: str, total: int = MAX_BYTES, what: str = "decompressed content"):
        self.path, self.left, self.total, self.what = path, total, total, what

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise too_large(self.path, self.total - self.left, self.total, self.what)
