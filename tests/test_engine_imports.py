"""Only the review app imports Textual: the engine, the other commands and `tqkit check` itself
run without it (checked in a fresh interpreter, so nothing earlier in the test run interferes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import importlib, json, pkgutil, sys
import tqkit
failed = {}
names = []
for info in pkgutil.walk_packages(tqkit.__path__, "tqkit."):
    if info.name.startswith("tqkit.tui") or info.name == "tqkit.__main__":
        continue
    names.append(info.name)
    try:
        importlib.import_module(info.name)
    except Exception as exc:  # a module mid-change elsewhere in the tree: reported, not fatal
        failed[info.name] = repr(exc)
from tqkit.cli import main
try:
    main(["check", "--exit-zero", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps({"names": names, "failed": failed,
                  "textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))}))
"""


def test_engine_does_not_import_textual() -> None:
    seed = ROOT / "tests" / "tui" / "data" / "silent-front.en.txt"
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(seed)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for core in (
        "tqkit.runner",
        "tqkit.api",
        "tqkit.cli",
        "tqkit.commands.check",
        "tqkit.commands.review",
        "tqkit.findings",
        "tqkit.document",
        "tqkit.registry",
    ):
        assert core in result["names"], core
        assert core not in result["failed"], result["failed"].get(core)
    assert result["textual"] == [], f"imported textual: {result['textual'][:5]}"


def test_review_module_imports_textual_lazily() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "import sys, tqkit.commands.review; print('textual' in sys.modules)"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
