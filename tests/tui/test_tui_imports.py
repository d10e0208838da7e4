"""The review app and the review core: no import cycle through them (imports inside functions
count), no Textual in the core, and imports only downwards: the core never imports the app,
the server or the commands; the engine never imports the app (only `tqkit review` starts it)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {"tqkit": ROOT / "tqkit", "tqkit.tui": ROOT / "tui"}
MAX_LINES = 450


def _modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for prefix, base in PACKAGES.items():
        for path in base.rglob("*.py"):
            parts = list(path.relative_to(base).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join([prefix, *parts])] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[str]:
    """Every module ``name`` imports, anywhere in the file (relative imports resolved)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{a.name}" for a in node.names)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        graph[name] = {m for m in _imports(name, path) if m in MODULES and m != name}
    return graph


def _ours(name: str) -> bool:
    return name.startswith(("tqkit.tui", "tqkit.review"))


def _reach(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_no_import_cycle_through_the_review_app_or_core() -> None:
    graph = _graph()
    cycles = sorted(name for name in graph if _ours(name) and name in _reach(graph, name))
    assert not cycles, f"modules on an import cycle: {cycles}"


def test_imports_go_downwards() -> None:
    graph = _graph()
    wrong = []
    for name, targets in graph.items():
        for t in targets:
            core_up = name.startswith("tqkit.review") and t.startswith(("tqkit.tui", "tqkit.server", "tqkit.commands"))
            engine_up = t.startswith("tqkit.tui") and not _ours(name) and name != "tqkit.commands.review"
            if core_up or engine_up:
                wrong.append(f"{name} -> {t}")
    assert not wrong, wrong


def test_the_core_never_imports_textual() -> None:
    found = [
        f"{name}: {m}"
        for name, path in MODULES.items()
        if name.startswith("tqkit.review")
        for m in _imports(name, path)
        if m.split(".")[0] in ("textual", "rich")
    ]
    assert not found, found


def test_modules_stay_small() -> None:
    big = {
        name: n
        for name, path in MODULES.items()
        if _ours(name) and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not big, f"over {MAX_LINES} lines: {big}"
