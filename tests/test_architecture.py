"""The import graph of ``tqkit/`` and ``tui/`` has no cycle and no upward import.

The layers are the table between the ``layers`` markers in ``CONTRIBUTING.md`` (the single
source: this test parses it). Every import counts: at module level, inside functions and
methods, under ``try``, and under ``if TYPE_CHECKING:``. An import moved into a function still
couples the two modules and still closes a cycle the day it runs, so hiding one there fixes
nothing; a type-only import is a dependency of the design too (a module that names another's
types cannot move below it), so it counts the same. Dynamic imports by name
(``importlib.import_module(name)``: the rule modules the registry loads, the lazy public names
of ``tqkit/__init__``) are not edges.

A module maps to the longest table entry that is it or a package above it (``tqkit.glossary``
covers ``tqkit.glossary.load``); ``tqkit.__init__`` names the package's own ``__init__`` only.
Entries naming modules that do not exist (yet) are allowed; a module no entry covers fails.

Run ``python tests/test_architecture.py`` to print the cycles and upward imports.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tqkit", "tui")
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
LAYERS_RE = re.compile(r"<!-- layers -->\n(.*?)<!-- /layers -->", re.S)
# Cycles known and owned elsewhere, tolerated until that work lands (then delete the entry).
TOLERATED_CYCLES: list[set[str]] = []


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line} -> {self.target}"


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file of the packages (a package's
    ``__init__`` under the package's own name)."""
    out: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> Iterator[str]:
    """The dotted names an import statement reaches (a ``from`` import: each name as a
    possible submodule, the resolver keeps the longest existing module)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, *([node.module] if node.module else [])])
    for alias in node.names:
        yield f"{base}.{alias.name}"


def edges(root: Path = ROOT) -> list[Edge]:
    """Every import from one module of the packages to another (itself excluded)."""
    known = modules(root)
    out: set[Edge] = set()
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for name in _imported(node, module, path.name == "__init__.py"):
                target = _resolve(name, known)
                if target is not None and target != module:
                    out.add(Edge(module, target, node.lineno))
    return sorted(out, key=lambda e: (e.source, e.line, e.target))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def layer_table(text: str | None = None) -> list[tuple[str, list[str]]]:
    """``(layer, entries)`` bottom first, from the table in CONTRIBUTING.md."""
    match = LAYERS_RE.search(text if text is not None else CONTRIBUTING.read_text(encoding="utf-8"))
    assert match, "CONTRIBUTING.md has no table between <!-- layers --> and <!-- /layers -->"
    rows: list[tuple[str, list[str]]] = []
    for line in match.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[1] or set(cells[1]) <= {"-", ":"} or cells[0] == "layer":
            continue
        rows.append((cells[0], re.findall(r"`([\w.]+)`", cells[1])))
    return rows


def layer_of(module: str, table: list[tuple[str, list[str]]]) -> int | None:
    """Index of the layer whose longest entry covers ``module`` (None: no entry does)."""
    best: tuple[int, int] | None = None
    for rank, (_, entries) in enumerate(table):
        for entry in entries:
            if entry.endswith(".__init__"):
                covers = module == entry.removesuffix(".__init__")
            else:
                covers = module == entry or module.startswith(entry + ".")
            if covers and (best is None or len(entry) > best[0]):
                best = (len(entry), rank)
    return None if best is None else best[1]


def graph_of(all_edges: list[Edge]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in modules()}
    for e in all_edges:
        graph[e.source].add(e.target)
    return graph


def upward(all_edges: list[Edge], table: list[tuple[str, list[str]]]) -> list[str]:
    out = []
    for e in all_edges:
        src, dst = layer_of(e.source, table), layer_of(e.target, table)
        if src is not None and dst is not None and dst > src:
            out.append(f"{e}  ({table[src][0]} imports {table[dst][0]})")
    return out


def test_layer_table_parses() -> None:
    table = layer_table()
    assert len(table) >= 5, table
    assert "bottom" in table[0][0] and "top" in table[-1][0]
    names = [e for _, entries in table for e in entries]
    assert len(names) == len(set(names)), "a module is in two layers"


def test_every_module_has_a_layer() -> None:
    table = layer_table()
    missing = [m for m in modules() if layer_of(m, table) is None]
    assert not missing, f"add these modules to the layer table in CONTRIBUTING.md: {missing}"


def test_no_import_cycles() -> None:
    found = [c for c in cycles(graph_of(edges())) if set(c) not in TOLERATED_CYCLES]
    assert not found, "import cycles (counting imports inside functions and TYPE_CHECKING):\n" + "\n".join(
        " <-> ".join(c) for c in found
    )


def test_no_upward_imports() -> None:
    bad = upward(edges(), layer_table())
    assert not bad, "imports against the layers of CONTRIBUTING.md:\n" + "\n".join(bad)


def private_imports(root: Path = ROOT) -> list[str]:
    """``from x import _name`` between two modules of the packages: a helper another module
    needs is public, in the layer both can reach."""
    known = modules(root)
    out = []
    for module, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").split(".")[0] in PACKAGES):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        out.append(f"{module}:{node.lineno} imports {alias.name} from {node.module}")
    return out


def test_no_private_names_across_modules() -> None:
    bad = private_imports()
    assert not bad, "private helpers used by another module (make them public):\n" + "\n".join(bad)


# Error types still defined elsewhere, owned by other work (then delete the entry).
TOLERATED_ERRORS: set[str] = set()


def error_classes_outside_errors(root: Path = ROOT) -> list[str]:
    """Exception classes defined anywhere but ``tqkit/errors.py`` (a base class named
    ``Exception`` or ``...Error``)."""
    out = []
    for module, path in modules(root).items():
        if module == "tqkit.errors":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and (b.id == "Exception" or b.id.endswith("Error")) for b in node.bases
            ):
                out.append(f"{module}.{node.name}")
    return out


def test_user_facing_errors_live_in_errors_module() -> None:
    bad = [c for c in error_classes_outside_errors() if c not in TOLERATED_ERRORS]
    assert not bad, f"define error types in tqkit/errors.py: {bad}"


def test_graph_sees_imports_inside_functions_and_type_checking(tmp_path: Path) -> None:
    pkg = tmp_path / "tqkit"
    (pkg / "sub").mkdir(parents=True)
    (tmp_path / "tui").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from . import b\n")
    (pkg / "a.py").write_text("def f():\n    from tqkit.sub.b import g\n")
    (pkg / "sub" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..a import f\nimport tqkit.c\n"
    )
    (pkg / "c.py").write_text("from tqkit import a\n")
    found = {(e.source, e.target) for e in edges(tmp_path)}
    assert found == {
        ("tqkit.a", "tqkit.sub.b"),
        ("tqkit.sub", "tqkit.sub.b"),
        ("tqkit.sub.b", "tqkit.a"),
        ("tqkit.sub.b", "tqkit.c"),
        ("tqkit.c", "tqkit.a"),
    }
    graph: dict[str, set[str]] = {}
    for source, target in found:
        graph.setdefault(source, set()).add(target)
        graph.setdefault(target, set())
    assert cycles(graph) == [["tqkit.a", "tqkit.c", "tqkit.sub.b"]]


def test_layer_lookup() -> None:
    table = [
        ("bottom", ["tqkit.findings", "tqkit.text"]),
        ("mid", ["tqkit.glossary"]),
        ("top", ["tqkit.__init__", "tqkit.glossary.lint", "tui"]),
    ]
    assert layer_of("tqkit.text.scripts", table) == 0
    assert layer_of("tqkit.glossary.load", table) == 1
    assert layer_of("tqkit.glossary.lint", table) == 2
    assert layer_of("tqkit", table) == 2
    assert layer_of("tqkit.runner", table) is None
    assert layer_of("tui.app", table) == 2
    assert upward([Edge("tqkit.text", "tqkit.glossary", 3)], table) == [
        "tqkit.text:3 -> tqkit.glossary  (bottom imports mid)"
    ]


MAX_MODULE_LINES = 450


def test_no_module_over_450_lines() -> None:
    """Issue 9: a module a newcomer can read; split by meaning before it grows past this."""
    long = {
        name: n
        for name, path in modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}, f"modules over {MAX_MODULE_LINES} lines: {long}"


if __name__ == "__main__":  # a report for whoever is untangling the graph
    all_edges = edges()
    table = layer_table()
    found = cycles(graph_of(all_edges))
    print(f"{len(found)} cycles")
    for component in found:
        members = set(component)
        print("  " + " <-> ".join(component))
        for e in all_edges:
            if e.source in members and e.target in members:
                print(f"      {e}")
    bad = upward(all_edges, table)
    print(f"{len(bad)} upward imports")
    for b in bad:
        print("  " + b)
    missing = [m for m in modules() if layer_of(m, table) is None]
    print(f"{len(missing)} modules without a layer: {missing}")
    sys.exit(1 if found or bad or missing else 0)
