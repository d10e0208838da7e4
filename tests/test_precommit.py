"""The pre-commit hooks (.pre-commit-hooks.yaml), run by `pre-commit try-repo` in a temporary
git repository: `tqkit-check` fails on an artefact, `tqkit-fix` fixes it, then the check passes.

pre-commit installs the hook's repository into a fresh virtualenv with pip. To do that with no
network, the test gives pip a local wheel directory (PIP_NO_INDEX, PIP_FIND_LINKS): tqkit's
dependencies are re-packed as wheels from the installed distributions of this environment, and
the build backend (setuptools) comes from the wheels virtualenv embeds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def test_hook_manifest_is_valid() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"tqkit-check", "tqkit-fix"}
    for h in hooks:
        assert h["language"] == "python" and h["entry"].startswith("tqkit check")
        assert re.search(h["files"], "a/story.md") and not re.search(h["files"], "a/b.py")
    assert "--fix" in by_id["tqkit-fix"]["entry"]


def _closure(name: str) -> list[metadata.Distribution]:
    """``name``'s installed dependencies, transitively (with the extras they ask for)."""
    from packaging.requirements import Requirement

    seen: dict[str, metadata.Distribution] = {}
    done: set[tuple[str, str]] = set()
    todo: list[tuple[str, str]] = [(name, "")]
    while todo:
        dist_name, extra = todo.pop()
        key = re.sub(r"[-_.]+", "-", dist_name).lower()
        if (key, extra) in done:
            continue
        done.add((key, extra))
        dist = metadata.distribution(dist_name)
        if key != name:
            seen[key] = dist
        for raw in dist.requires or []:
            req = Requirement(raw)
            if req.marker is not None and not req.marker.evaluate({"extra": extra}):
                continue
            todo.extend((req.name, x) for x in ("", *sorted(req.extras)))
    return list(seen.values())


def _repack(dist: metadata.Distribution, out: Path) -> None:
    """An installed distribution back into a wheel (the files its RECORD lists)."""
    files = [f for f in dist.files or [] if not str(f).startswith("..") and "__pycache__" not in str(f)]
    info = next(f for f in files if str(f).endswith(".dist-info/WHEEL"))
    tags = [
        line.split(":", 1)[1].strip()
        for line in Path(str(dist.locate_file(info))).read_text().splitlines()
        if line.startswith("Tag:")
    ]
    parts = [t.split("-") for t in tags]
    tag = "-".join(".".join(dict.fromkeys(p[i] for p in parts)) for i in range(3))  # py2.py3-none-any
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    with zipfile.ZipFile(out / f"{name}-{dist.version}-{tag}.whl", "w") as zf:
        for f in files:
            path = Path(str(dist.locate_file(f)))
            if path.is_file():
                zf.write(path, str(f))


def _wheelhouse(where: Path) -> Path:
    where.mkdir()
    for dist in _closure("tqkit"):
        _repack(dist, where)
    import virtualenv

    embed = Path(virtualenv.__file__).parent / "seed" / "wheels" / "embed"
    setuptools = sorted(embed.glob("setuptools-*.whl"))
    if not setuptools:
        pytest.skip("virtualenv ships no setuptools wheel to build tqkit offline")
    shutil.copy(setuptools[-1], where)
    return where


def test_try_repo_fails_on_an_artefact_and_passes_after_the_fix(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if pre_commit is None or shutil.which("git") is None:
        pytest.skip("needs pre-commit and git")
    wheels = _wheelhouse(tmp_path / "wheels")
    repo = tmp_path / "newsroom"
    repo.mkdir()
    env = {
        **os.environ,
        "PIP_NO_INDEX": "1",
        "PIP_NO_COMPILE": "1",
        "PIP_FIND_LINKS": str(wheels),
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "VIRTUALENV_OFFLINE": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "TQKIT_CACHE_DIR": str(tmp_path / "tqcache"),
    }
    env.pop("PIP_INDEX_URL", None)
    env.pop("PIP_EXTRA_INDEX_URL", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    assert run("git", "init", "-q").returncode == 0
    story = repo / "story.md"
    story.write_text("# Talks\n\nThey will defend theirs own interests in the the capital.\n", encoding="utf-8")
    run("git", "add", "story.md")

    def try_repo(*hook_id: str) -> subprocess.CompletedProcess[str]:
        # try-repo installs the hooks into a fresh store every time: two runs, not three
        return run(pre_commit, "try-repo", str(ROOT), *hook_id, "--files", "story.md", "--color", "never")

    first = try_repo()  # every hook of the manifest, in order: the check, then the fix
    assert first.returncode == 1, first.stdout + first.stderr
    check_out, fix_out = first.stdout.split("tqkit fix", 1)
    assert "TQ303" in check_out and "Failed" in check_out
    assert "files were modified by this hook" in fix_out, fix_out
    assert story.read_text(encoding="utf-8") == "# Talks\n\nThey will defend their own interests in the capital.\n"
    again = try_repo("tqkit-check")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Passed" in again.stdout
