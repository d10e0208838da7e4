"""The compiled-regex cache (issue 12): a seeded pattern is the pattern ``re`` compiles; a
damaged or unwritable cache is no error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tqkit import recache

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpora" / "silent-front.en.txt"
PROBE = r"""
import json, re, sys
import tqkit, tqkit.recache as rc
seeded = sorted(k[1:] for k in rc._seeded)
import tqkit.registry as r
r.all_rules()
# every seeded pattern equals a freshly compiled one (Pattern.__eq__ compares the code)
from re import _compiler
same = all(_compiler.compile(p, f) == re._cache[(str, p, f)] for p, f in seeded)
print(json.dumps({"seeded": len(seeded), "same": same}))
"""


def _probe(cache: Path | str) -> dict[str, object]:
    import json

    env = {**os.environ, "TQKIT_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    assert "Traceback" not in out.stderr
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_patterns_from_the_cache_equal_compiled_ones(tmp_path: Path) -> None:
    first = _probe(tmp_path)  # compiles and records
    [path] = (tmp_path / "regex").glob("re-*.marshal")
    assert first["seeded"] == 0
    second = _probe(tmp_path)
    assert isinstance(second["seeded"], int) and second["seeded"] > 100 and second["same"] is True
    path.write_bytes(path.read_bytes()[:5000])  # damaged: ignored, rewritten
    assert _probe(tmp_path)["same"] is True
    assert _probe(tmp_path)["seeded"] == second["seeded"]


def test_unwritable_or_off(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert _probe(blocker / "cache")["seeded"] == 0
    assert _probe("")["seeded"] == 0  # TQKIT_CACHE_DIR empty: no caching


def test_args_refuse_a_mismatch(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    assert recache._args(r"a(?P<x>b)+", 0, re.compile(r"a(?P<x>b)+")) is not None
    assert recache._args(r"a(?P<x>b)+", 0, re.compile(r"a(?P<x>c)+")) is None


def test_same_findings_with_and_without_the_cache(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "tqkit", "check", "--format", "json", "--exit-zero", str(SEED)]
    outs = [
        subprocess.run(cmd, env={**os.environ, "TQKIT_CACHE_DIR": c}, capture_output=True, text=True, check=True).stdout
        for c in ("", str(tmp_path), str(tmp_path))
    ]
    assert outs[0] == outs[1] == outs[2]


def test_no_home_directory(tmp_path: Path) -> None:
    """`import tqkit` works when no cache directory can be found (no HOME, no XDG_CACHE_HOME)."""
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME", "TQKIT_CACHE_DIR")}
    code = "import pathlib; pathlib.Path.home = lambda: (_ for _ in ()).throw(RuntimeError('no home')); "
    code += "import tqkit, tqkit.registry as r; r.all_rules(); print('ok')"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_patterns_rules_compile_while_checking_are_kept(tmp_path: Path) -> None:
    # a rule that builds its regex from a word list at its first use (the subject nouns of
    # the grammar rules' subjects module) compiles it during the check, after the rules were
    # imported: `tqkit check` records it at the end, for the next process to seed
    import marshal

    from tqkit.checks.mtgrammar.subjects import _noun_re

    text = tmp_path / "a.txt"
    text.write_text("Russian delegation arrived yesterday. The talks went on.\n", encoding="utf-8")
    env = {**os.environ, "TQKIT_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "tqkit", "check", "--exit-zero", str(text)]
    for _ in range(2):  # (the second run builds the data caches' other entries, if any)
        subprocess.run(cmd, env=env, capture_output=True, check=True)
    [path] = (tmp_path / "cache" / "regex").glob("re-*.marshal")
    stored = marshal.loads(path.read_bytes())
    pattern = _noun_re.__wrapped__()  # (the same source in every process: no set order in it)
    assert (pattern.pattern, 0) in stored
