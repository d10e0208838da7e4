"""Safe writes (issue 10, items 1-2): compare-and-swap, symlinks, hard links, mode, read-only
files, stale temporary files, backups; and `check --fix` using them."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.atomic import Stamp, atomic_write, clean_stale, read_for_update
from tqkit.cli import cli
from tqkit.errors import ChangedOnDiskError, NotRegularFileError, ReadOnlyError, WriteError

DOUBLED = "The the committee met on Monday.\n"
FIXED = "The committee met on Monday.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cas_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"one\n")
    data, stamp = read_for_update(f)
    f.write_bytes(b"two\n")  # someone else's edit
    with pytest.raises(ChangedOnDiskError) as exc:
        atomic_write(f, data + b"mine\n", expected=stamp)
    assert "a.txt: changed on disk since it was read" in str(exc.value)
    assert "\n" not in str(exc.value)
    assert f.read_bytes() == b"two\n"
    atomic_write(f, b"forced\n", expected=stamp, force=True)
    assert f.read_bytes() == b"forced\n"


def test_cas_sees_a_same_size_same_mtime_change_by_its_hash(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"aaaa\n")
    _, stamp = read_for_update(f)
    st = f.stat()
    with open(f, "r+b") as fh:  # in place: same inode, same size
        fh.write(b"bbbb\n")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(ChangedOnDiskError):
        atomic_write(f, b"cccc\n", expected=stamp)


def test_cas_refuses_a_file_created_meanwhile(tmp_path: Path) -> None:
    f = tmp_path / "new.txt"
    f.write_bytes(b"theirs\n")
    with pytest.raises(ChangedOnDiskError):
        atomic_write(f, b"mine\n", expected=Stamp.missing())
    assert f.read_bytes() == b"theirs\n"


def test_the_second_of_two_writers_from_one_read_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"base\n")
    d1, s1 = read_for_update(f)
    d2, s2 = read_for_update(f)
    atomic_write(f, d1 + b"one\n", expected=s1)
    with pytest.raises(ChangedOnDiskError):
        atomic_write(f, d2 + b"two\n", expected=s2)
    assert f.read_bytes() == b"base\none\n"


def test_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write(link, b"new\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"


def test_keeps_hard_links(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes(b"old\n")
    b = tmp_path / "b.txt"
    os.link(a, b)
    ino = a.stat().st_ino
    _, stamp = read_for_update(a)
    atomic_write(a, b"new\n", expected=stamp)
    assert b.read_bytes() == b"new\n"
    assert a.stat().st_ino == ino and a.stat().st_nlink == 2
    assert not list(tmp_path.glob(".*"))  # neither temporary file nor copy left behind


def test_keeps_mode_and_owner(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"old\n")
    os.chmod(f, 0o640)
    if os.geteuid() == 0:
        os.chown(f, 1234, 4321)
    before = f.stat()
    atomic_write(f, b"new\n")
    after = f.stat()
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


def test_refuses_read_only_files_unless_forced(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"old\n")
    os.chmod(f, 0o444)
    with pytest.raises(ReadOnlyError) as exc:
        atomic_write(f, b"new\n")
    assert "read-only" in str(exc.value)
    assert f.read_bytes() == b"old\n"
    atomic_write(f, b"new\n", force=True)
    assert f.read_bytes() == b"new\n"
    assert stat.S_IMODE(f.stat().st_mode) == 0o444


def test_backup_keeps_the_old_content(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"old\n")
    atomic_write(f, b"new\n", backup=True)
    assert (tmp_path / "a.txt.bak").read_bytes() == b"old\n"
    assert f.read_bytes() == b"new\n"


def test_stale_temporary_files_are_removed(tmp_path: Path) -> None:
    # A dead writer's file (pid 999999999 does not exist), an old one without a pid, and a live
    # writer's fresh file (ours) which must stay.
    dead = tmp_path / ".a.txt.999999999.abcd1234.tqkit-tmp"
    old = tmp_path / ".a.txt.k2j3h4.tqkit-tmp"
    live = tmp_path / f".a.txt.{os.getppid()}.zzzz.tqkit-tmp"
    for p in (dead, old, live):
        p.write_bytes(b"partial")
    past = time.time() - 7200
    os.utime(old, (past, past))
    other = tmp_path / "notes.txt"
    other.write_bytes(b"keep")
    atomic_write(tmp_path / "a.txt", b"x\n")
    assert not dead.exists() and not old.exists()
    assert live.exists() and other.exists()
    assert clean_stale(tmp_path, max_age=0) == [live.name]


def test_fifo_is_refused_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFileError):
        read_for_update(fifo)  # would block forever if opened for reading
    code, _, err = run("check", str(fifo))
    assert code == 2 and "not a regular file" in err and "Traceback" not in err
    code, _, err = run("check", str(fifo), "--fix")
    assert code == 2 and "not a regular file" in err


def test_unwritable_directory_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "a.txt"
    f.write_text(DOUBLED)
    import tempfile

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / ".a.txt.1.x.tqkit-tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(WriteError):
        atomic_write(f, b"x")
    code, _, err = run("check", str(f), "--fix", "--select", "TQ201")
    assert code == 2
    assert err.count("\n") == 1 and "a.txt" in err and "Permission denied" in err
    assert f.read_text() == DOUBLED


# -- check --fix -----------------------------------------------------------------------------


def test_fix_refuses_when_the_file_changed_while_fixing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "a.txt"
    f.write_text(DOUBLED)
    import tqkit.fixes

    real_fix = tqkit.fixes.fix_bytes

    def slow_fix(*args: object, **kwargs: object) -> object:
        res = real_fix(*args, **kwargs)  # type: ignore[arg-type]
        f.write_text("Edited by a colleague meanwhile.\n")
        return res

    monkeypatch.setattr(tqkit.fixes, "fix_bytes", slow_fix)
    code, _, err = run("check", str(f), "--fix", "--select", "TQ201")
    assert code == 2
    assert "changed on disk since it was read" in err and err.count("\n") == 1
    assert f.read_text() == "Edited by a colleague meanwhile.\n"
    f.write_text(DOUBLED)
    code, _, err = run("check", str(f), "--fix", "--select", "TQ201", "--force")
    assert code == 0 and f.read_text() == FIXED  # --force: the edit made meanwhile is lost


def test_fix_refuses_read_only_file_and_force_writes_it(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(DOUBLED)
    os.chmod(f, 0o444)
    code, _, err = run("check", str(f), "--fix", "--select", "TQ201")
    assert code == 2 and "read-only" in err and "Traceback" not in err
    assert f.read_text() == DOUBLED
    code, _, err = run("check", str(f), "--fix", "--select", "TQ201", "--force")
    assert code == 0 and f.read_text() == FIXED


def test_fix_through_symlink_with_backup(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text(DOUBLED)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code, _, err = run("check", str(link), "--fix", "--select", "TQ201", "--backup")
    assert code == 0, err
    assert link.is_symlink() and real.read_text() == FIXED
    assert (tmp_path / "real.txt.bak").read_text() == DOUBLED


def test_force_and_backup_need_fix(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(DOUBLED)
    code, _, err = run("check", str(f), "--backup")
    assert code == 2 and "--backup only applies with --fix" in err


def test_lock_is_reentrant_in_a_thread_and_exclusive_across_threads(tmp_path: Path) -> None:
    import threading

    from tqkit.atomic import locked

    f = tmp_path / "a.txt"
    order: list[str] = []
    entered = threading.Event()

    def other() -> None:
        entered.set()
        with locked(f):
            order.append("other")

    with locked(f), locked(f):  # re-entrant: no deadlock
        t = threading.Thread(target=other)
        t.start()
        entered.wait()
        time.sleep(0.05)
        order.append("main")
    t.join(5)
    assert order == ["main", "other"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_hard_link_write_killed_mid_way_keeps_the_new_text(tmp_path: Path) -> None:
    """Killed during the in-place write of a hard-linked file: the file is whole, or the full
    new text is in the kept ``.tqkit-copy``."""
    import random
    import signal

    old = b"old line of text\n" * 50000
    new = b"NEW line of text\n" * 50000
    rng = random.Random(3)
    for _ in range(10):
        for p in tmp_path.iterdir():
            p.unlink()
        a = tmp_path / "a.txt"
        a.write_bytes(old)
        os.link(a, tmp_path / "b.txt")
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            try:
                atomic_write(a, new)
            finally:
                os._exit(0)
        time.sleep(rng.random() * 0.01)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        content = a.read_bytes()
        copies = list(tmp_path.glob(".a.txt.*.tqkit-copy"))
        assert (tmp_path / "b.txt").read_bytes() == content  # still one file
        if content not in (old, new):
            assert copies and copies[0].read_bytes() == new
