"""action.yml: a valid composite action whose inputs are all used, and whose check step runs
as a shell script against a real tqkit (with a fake GITHUB_OUTPUT)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_a_composite_with_the_documented_inputs() -> None:
    a = action()
    assert a["name"] and a["description"]
    assert a["runs"]["using"] == "composite"
    assert {"paths", "fail-on", "glossary", "source"} <= set(a["inputs"])
    for name, spec in a["inputs"].items():
        assert spec["description"], name
        assert "default" in spec or spec.get("required"), name
    steps = a["runs"]["steps"]
    for step in steps:
        assert ("uses" in step) != ("run" in step), step
        if "run" in step:
            assert step["shell"] == "bash", step
    uses = [s["uses"] for s in steps if "uses" in s]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    for name in a["inputs"]:
        assert f"inputs.{name}" in text, f"input {name} is never used"
    # every expression names an input, a step output or a known context
    for expr in re.findall(r"\$\{\{(.*?)\}\}", text):
        for ref in re.findall(r"inputs\.([\w-]+)", expr):
            assert ref in a["inputs"], ref
        for ref in re.findall(r"steps\.([\w-]+)\.", expr):
            assert ref in {s.get("id") for s in steps}, ref
    check = next(s for s in steps if s.get("id") == "check")
    assert "--format github" in check["run"] and "--format sarif" in check["run"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(("fail_on", "expected"), [("warning", 1), ("error", 0)])
def test_check_step_runs(tmp_path: Path, fail_on: str, expected: int) -> None:
    check = next(s for s in action()["runs"]["steps"] if s.get("id") == "check")
    story = tmp_path / "story.md"
    story.write_text("They will defend theirs own interests.\n", encoding="utf-8")
    bin_dir = Path(sys.executable).parent
    out = tmp_path / "github_output"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(out),
        "RUNNER_TEMP": str(tmp_path),
        "TQKIT_PATHS": "story.md\n",
        "TQKIT_FAIL_ON": fail_on,
        "TQKIT_GLOSSARY": "",
        "TQKIT_SOURCE": "",
    }
    res = subprocess.run(
        ["bash", "-e", "-c", check["run"]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert res.returncode == expected, res.stderr
    assert "::warning file=story.md,line=1" in res.stdout
    sarif = Path(out.read_text().split("=", 1)[1].strip())
    report = json.loads(sarif.read_text(encoding="utf-8"))
    assert report["runs"][0]["results"][0]["ruleId"] == "TQ303"
