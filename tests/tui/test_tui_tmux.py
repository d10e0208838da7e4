"""Drive ``tqkit review`` in a real terminal through tmux: the same flow as the Pilot test
(walk to "theirs own", accept, undo, redo, save, quit) must save the same file."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

TMUX = shutil.which("tmux")


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=20).stdout


def _screen(name: str) -> str:
    return _tmux("capture-pane", "-t", name, "-p")


def _wait_for(name: str, predicate, timeout: float = 20.0) -> str:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    text = ""
    while time.monotonic() < end:
        text = _screen(name)
        if predicate(text):
            return text
        time.sleep(0.1)
    raise AssertionError(f"timed out; screen was:\n{text}")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed (CI installs it: apt-get install -y tmux)")
def test_review_in_tmux_saves_the_fix(article: Path, tmp_path: Path) -> None:
    original = article.read_bytes()
    expected = original.decode("utf-8").replace("based on theirs own", "based on their own").encode("utf-8")
    name = f"tqkit-review-{uuid.uuid4().hex[:8]}"
    cmd = (
        f"cd {shlex.quote(str(tmp_path))} && {shlex.quote(sys.executable)} -m tqkit review {shlex.quote(article.name)}"
    )
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", cmd], check=True, timeout=20)
    try:
        _wait_for(name, lambda s: "tqkit review" in s and "checking" not in s and "W " in s)
        for _ in range(30):
            if "TQ303 possessive-error" in _screen(name):
                break
            _tmux("send-keys", "-t", name, "n")
            time.sleep(0.15)
        _wait_for(name, lambda s: "TQ303 possessive-error" in s)
        _tmux("send-keys", "-t", name, "a")
        _wait_for(name, lambda s: "[+]" in s)
        _tmux("send-keys", "-t", name, "u")
        _wait_for(name, lambda s: "[+]" not in s)
        _tmux("send-keys", "-t", name, "C-r")
        _wait_for(name, lambda s: "[+]" in s)
        _tmux("send-keys", "-t", name, "C-s")
        end = time.monotonic() + 10
        while time.monotonic() < end and article.read_bytes() != expected:
            time.sleep(0.1)
        assert article.read_bytes() == expected
        assert Path(str(article) + ".bak").read_bytes() == original
        _tmux("send-keys", "-t", name, "q")
        end = time.monotonic() + 10
        while time.monotonic() < end and name in _tmux("list-sessions"):
            time.sleep(0.1)
        assert name not in _tmux("list-sessions"), "the app did not quit"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, timeout=20)
    assert article.read_bytes() == expected
