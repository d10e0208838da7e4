"""Safe file writes: the one mechanism every writer of tqkit uses (``check --fix``, the glossary
commands, the review TUI, the glossary cache).

- **Atomic**: a temporary file ``.NAME.PID.XXXX.tqkit-tmp`` in the same directory, written,
  flushed and synced, then renamed over the target. A crash at any moment leaves either the old
  file or the new one, whole. Temporary files left by a killed write (their process is gone,
  or they are older than :data:`STALE_SECONDS`) are removed by the next write in that directory.
- **Compare-and-swap**: :func:`read_for_update` returns the bytes and a :class:`Stamp` (device,
  inode, size, modification time and SHA-256 of the content). :func:`atomic_write` given that
  stamp re-checks the file, under a lock on its directory, just before the rename; when the file
  changed since it was read it refuses with :class:`ChangedOnDiskError` (``force=True``
  overwrites). Two tqkit writers therefore never lose each other's update: the second one is
  refused.
- **Faithful**: a symlink is written through (the link stays, its target gets the new text);
  mode and owner (where permitted) are kept; a file with several hard links is written in place
  after a verified copy of the new content is on disk, so every link sees the new text; a
  read-only file is refused (:class:`ReadOnlyError`) unless ``force=True``.
- ``backup=True`` keeps the previous content as ``NAME.bak`` (written the same careful way).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tqkit.errors import ChangedOnDiskError, NotRegularFileError, ReadOnlyError, WriteError

TMP_SUFFIX = ".tqkit-tmp"
COPY_SUFFIX = ".tqkit-copy"
# A temporary file whose writer is gone, or older than this, is a leftover of a killed write.
STALE_SECONDS = 3600.0
_TMP_RE = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]+\.tqkit-tmp$")
_OLD_TMP_RE = re.compile(r"^\..+\.tqkit-tmp$")


@dataclass(frozen=True)
class Stamp:
    """What a file was when it was read: identity, size, modification time and content hash.
    ``exists=False`` records that there was no file (a writer then refuses to replace one that
    appeared meanwhile)."""

    exists: bool
    dev: int = 0
    ino: int = 0
    size: int = 0
    mtime_ns: int = 0
    sha256: str = ""

    @classmethod
    def of(cls, st: os.stat_result, data: bytes) -> Stamp:
        return cls(True, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())

    @classmethod
    def missing(cls) -> Stamp:
        return cls(False)


def real_path(path: str | Path) -> Path:
    """The file a write to ``path`` must change: symlinks resolved (the links stay)."""
    return Path(os.path.realpath(os.fspath(path)))


def _regular(path: Path, st: os.stat_result, shown: str) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise NotRegularFileError(f"{shown}: is a directory")
    if not stat.S_ISREG(st.st_mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(st.st_mode)
            else "a socket"
            if stat.S_ISSOCK(st.st_mode)
            else "a device"
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
            else "not a regular file"
        )
        raise NotRegularFileError(f"{shown}: is {kind}; only regular files are read")


def read_for_update(path: str | Path, limit: int | None = None) -> tuple[bytes, Stamp]:
    """The bytes of a regular file and its :class:`Stamp`. FIFOs, devices and directories are
    refused before they are opened (a FIFO would block forever); ``limit`` caps the size."""
    shown = os.fspath(path)
    real = real_path(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        raise WriteError(f"{shown}: no such file") from None
    except OSError as exc:
        raise WriteError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    _regular(real, st, shown)
    if limit is not None and st.st_size > limit:
        raise WriteError(f"{shown}: file too large ({st.st_size:,} bytes; limit {limit:,})")
    try:
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise WriteError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    try:
        for _ in range(5):  # re-read when the file changes while it is being read
            before = os.fstat(fd)
            _regular(real, before, shown)
            os.lseek(fd, 0, os.SEEK_SET)
            chunks = []
            while True:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
                if limit is not None and sum(map(len, chunks)) > limit:
                    raise WriteError(f"{shown}: file too large (limit {limit:,} bytes)")
            data = b"".join(chunks)
            after = os.fstat(fd)
            if (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns) and after.st_size == len(
                data
            ):
                return data, Stamp.of(after, data)
        return data, Stamp.of(after, data)
    finally:
        os.close(fd)


# -- locking ---------------------------------------------------------------------------------

_held: dict[tuple[int, str], int] = {}
_held_guard = threading.RLock()


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold the write lock of the directory of ``path`` (re-entrant within a thread; other
    threads and processes wait).

    Every tqkit writer takes it around its compare-and-swap, so the check and the rename are one
    step for other tqkit processes. ``glossary add`` holds it across read, edit and write, so two
    concurrent adds both land."""
    directory = str(real_path(path).parent)
    key = (threading.get_ident(), directory)
    with _held_guard:
        depth = _held.get(key, 0)
        _held[key] = depth + 1
    fd = -1
    try:
        if depth == 0:
            try:
                import fcntl
            except ImportError:  # pragma: no cover - Windows: rename is the only guard
                fcntl = None  # type: ignore[assignment]
            if fcntl is not None:
                try:
                    fd = os.open(directory, os.O_RDONLY)
                    fcntl.flock(fd, fcntl.LOCK_EX)
                except OSError:
                    if fd >= 0:
                        os.close(fd)
                    fd = -1
        yield
    finally:
        with _held_guard:
            _held[key] -= 1
            if not _held[key]:
                del _held[key]
        if fd >= 0:
            os.close(fd)  # releases the lock


# -- stale temporary files -------------------------------------------------------------------


_cleaned: set[str] = set()


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def clean_stale(directory: str | Path, max_age: float = STALE_SECONDS) -> list[str]:
    """Remove ``.NAME.PID.XXXX.tqkit-tmp`` files whose writer is gone or that are older than
    ``max_age`` seconds; returns the names removed. Never raises."""
    removed: list[str] = []
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.endswith(TMP_SUFFIX) or not _OLD_TMP_RE.match(name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode):
                continue
            m = _TMP_RE.match(name)
            dead = m is not None and int(m.group(1)) != os.getpid() and not _pid_alive(int(m.group(1)))
            if dead or now - st.st_mtime > max_age:
                os.unlink(entry.path)
                removed.append(name)
        except (OSError, ValueError):
            continue
    return removed


# -- writing ---------------------------------------------------------------------------------


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # make the rename durable where the OS allows it
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _write_tmp(
    directory: Path, name: str, data: bytes, mode: int, st: os.stat_result | None, suffix: str = TMP_SUFFIX
) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=suffix, dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if st is not None and hasattr(os, "chown"):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                with contextlib.suppress(OSError):  # at least the group, when we are a member
                    os.chown(tmp, -1, st.st_gid)
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _check_unchanged(real: Path, expected: Stamp, shown: str) -> os.stat_result | None:
    """Raise :class:`ChangedOnDiskError` unless the file is what ``expected`` says."""
    changed = f"{shown}: changed on disk since it was read; not overwritten (run again, or use --force)"
    try:
        st = os.stat(real)
    except FileNotFoundError:
        if expected.exists:
            raise ChangedOnDiskError(
                f"{shown}: removed since it was read; not written (run again, or use --force)"
            ) from None
        return None
    if not expected.exists:
        raise ChangedOnDiskError(
            f"{shown}: created by someone else since it was read; not overwritten (run again, or use --force)"
        )
    if (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) != (
        expected.dev,
        expected.ino,
        expected.size,
        expected.mtime_ns,
    ):
        raise ChangedOnDiskError(changed)
    try:
        with open(real, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
    except OSError as exc:
        raise WriteError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    if digest != expected.sha256:
        raise ChangedOnDiskError(changed)
    return st


def stamp_of(path: str | Path) -> Stamp:
    """The :class:`Stamp` of ``path`` now (``Stamp.missing()`` when there is no file), for a
    writer that reads the file by other means but must not overwrite a later change."""
    try:
        return read_for_update(path)[1]
    except WriteError:
        if not os.path.lexists(real_path(path)):
            return Stamp.missing()
        raise


def atomic_write(
    path: str | Path,
    data: bytes,
    *,
    expected: Stamp | None = None,
    force: bool = False,
    backup: bool = False,
    old: bytes | None = None,
    readonly_ok: bool = False,
) -> None:
    """Replace the content of ``path`` with ``data`` (see the module docstring).

    ``expected``: the :class:`Stamp` from :func:`read_for_update`; the write is refused when the
    file changed since (unless ``force``). ``backup``: keep the old content as ``NAME.bak``
    (``old`` gives it; else it is read from disk). ``readonly_ok``: write a read-only file
    (``force`` does too, and also skips the compare-and-swap). Raises :class:`WriteError` (an ``OSError``)
    with a one-line message for every refusal and failure."""
    shown = os.fspath(path)
    real = real_path(path)
    directory = real.parent
    try:
        with locked(real):
            st = _writable_stat(real, shown, force or readonly_ok)
            if expected is not None and not force:
                st = _check_unchanged(real, expected, shown)
            if str(directory) not in _cleaned:  # once per directory and process: a --fix over
                _cleaned.add(str(directory))  # thousands of files scans each directory once
                clean_stale(directory)
            mode = stat.S_IMODE(st.st_mode) if st is not None else _new_file_mode()
            if backup and st is not None:
                _write_backup(real, real.read_bytes() if old is None else old, mode, st)
            if st is not None and st.st_nlink > 1:
                _write_in_place(real, data, directory, mode, st)
            else:
                _write_replace(real, data, mode, st)
            _fsync_dir(directory)
    except WriteError:
        raise
    except OSError as exc:
        raise _write_error(exc, shown, real) from None


def _writable_stat(real: Path, shown: str, readonly_ok: bool) -> os.stat_result | None:
    """The file's status (None: it does not exist yet); a file that is not regular, or
    read-only without ``readonly_ok``, is refused."""
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return None
    _regular(real, st, shown)
    if not readonly_ok and (not st.st_mode & 0o222 or not os.access(real, os.W_OK)):
        raise ReadOnlyError(f"{shown}: read-only file; not changed (use --force to write it anyway)")
    return st


def _write_backup(real: Path, old: bytes, mode: int, st: os.stat_result) -> None:
    """Keep the old content as ``NAME.bak`` (written atomically too)."""
    bak = real.with_name(real.name + ".bak")
    tmp = _write_tmp(real.parent, bak.name, old, mode, st)
    os.replace(tmp, bak)


def _write_replace(real: Path, data: bytes, mode: int, st: os.stat_result | None) -> None:
    """Write a temporary file next to ``real`` and rename it over ``real``."""
    tmp = _write_tmp(real.parent, real.name, data, mode, st)
    try:
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_error(exc: OSError, shown: str, real: Path) -> WriteError:
    """A failed write as one line: a directory where no temporary file can be created is
    named as such."""
    directory = real.parent
    if (
        exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
        and exc.filename
        and Path(os.fspath(exc.filename)).parent == directory
        and os.fspath(exc.filename) != str(real)
    ):
        return WriteError(f"{shown}: cannot create a temporary file in {directory}: {exc.strerror or exc}")
    return WriteError(f"{shown}: cannot write: {exc.strerror or exc}")


def _write_in_place(real: Path, data: bytes, directory: Path, mode: int, st: os.stat_result) -> None:
    """A file with several hard links: a rename would split it from its other names. First a
    verified copy of the new content, then the file itself is rewritten in place. A crash
    during the in-place write (the one step that cannot be atomic) leaves the full new text in
    ``.NAME.PID.XXXX.tqkit-copy`` next to the file; that copy is not a temporary file, so it is
    kept for recovery rather than cleaned up."""
    tmp = _write_tmp(directory, real.name, data, mode, st)  # a partial one is a temp file
    copy = tmp
    try:
        with open(tmp, "rb") as fh:
            if fh.read() != data:
                raise WriteError(f"{real}: the temporary copy does not read back; file not changed")
        copy = tmp[: -len(TMP_SUFFIX)] + COPY_SUFFIX  # verified: kept if the next step dies
        os.replace(tmp, copy)
        with open(real, "r+b") as fh:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
    finally:
        with contextlib.suppress(OSError):
            os.unlink(copy)
