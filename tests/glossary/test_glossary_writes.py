"""Glossary writes go through the same safe mechanism as `check --fix` (issue 10, items 1-2):
concurrent adds all land, a change made meanwhile is never overwritten, read-only files and
symlinks are respected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.cli import cli
from tqkit.glossary.load import load_file

BASE = "glossary:\n  id: g\n  languages: [en, fr]\nconcepts: []\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_concurrent_adds_never_lose_a_concept(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(BASE)
    n = 6
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tqkit",
                "glossary",
                "add",
                "--file",
                str(g),
                "--id",
                f"c{i}",
                "--term",
                f"en:word{i}",
                "--term",
                f"fr:mot{i}",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(n)
    ]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0] * n, [p.stderr.read() for p in procs if p.stderr]
    _, concepts = load_file(g)
    assert sorted(c.id for c in concepts) == sorted(f"c{i}" for i in range(n))


def test_add_refuses_when_the_file_changes_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(BASE)
    import tqkit.glossary.edit as edit

    real = edit.add_concept

    def meanwhile(*args: object, **kwargs: object) -> str:
        out = real(*args, **kwargs)  # type: ignore[arg-type]
        g.write_text(BASE + "# edited by hand meanwhile\n")
        return out

    monkeypatch.setattr(edit, "add_concept", meanwhile)
    code, _, err = run("glossary", "add", "--file", str(g), "--id", "c1", "--term", "en:word")
    assert code == 2 and "changed on disk" in err and err.count("\n") == 1
    assert g.read_text().endswith("# edited by hand meanwhile\n")


def test_add_refuses_read_only_glossary_unless_forced(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(BASE)
    os.chmod(g, 0o444)
    code, _, err = run("glossary", "add", "--file", str(g), "--id", "c1", "--term", "en:word")
    assert code == 2 and "read-only" in err
    code, _, err = run("glossary", "add", "--file", str(g), "--id", "c1", "--term", "en:word", "--force")
    assert code == 0, err
    assert [c.id for c in load_file(g)[1]] == ["c1"]


def test_add_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(BASE)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    code, _, err = run("glossary", "add", "--file", str(link), "--id", "c1", "--term", "en:word")
    assert code == 0, err
    assert link.is_symlink() and "c1" in real.read_text()


def test_merge_in_place_refuses_a_change_made_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = tmp_path / "a.yaml"
    a.write_text(BASE)
    b = tmp_path / "b.yaml"
    b.write_text(BASE.replace("concepts: []", "concepts:\n- id: x\n  terms:\n    en: [thing]\n"))
    import tqkit.glossary.edit as edit

    real = edit.merge_files

    def meanwhile(*args: object, **kwargs: object) -> object:
        out = real(*args, **kwargs)  # type: ignore[arg-type]
        a.write_text(BASE + "# edited meanwhile\n")
        return out

    monkeypatch.setattr(edit, "merge_files", meanwhile)
    code, _, err = run("glossary", "merge", str(a), str(b), "-o", str(a), "--force")
    assert code == 2 and "changed on disk" in err
    assert a.read_text().endswith("# edited meanwhile\n")
