"""The import graph of src/locpipe: no cycles, and nothing imports upward.

Every import counts, at the top of a module, inside a function or under
TYPE_CHECKING: a cycle hidden in a function is still a cycle in the design.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "locpipe"


def _modules(package: Path) -> dict[str, Path]:
    """Dotted module name → file, for every module of the package at `package`."""
    found: dict[str, Path] = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(package: Path) -> dict[str, set[str]]:
    """For each module of the package at `package`, the modules of the same
    package it imports (`from a import b` counts as importing `a.b` when that
    is a module, else `a`)."""
    modules = _modules(package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                graph[name].update(a.name for a in node.names if a.name in modules)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    if target in modules:
                        graph[name].add(target)
                    elif base in modules:
                        graph[name].add(base)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module, or one
    module importing itself (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    found.append(sorted(component))
    return found


def test_locpipe_has_no_import_cycles() -> None:
    assert cycles(imports(SRC)) == []


def test_only_the_cli_imports_the_run_driver() -> None:
    importers = sorted(
        name
        for name, targets in imports(SRC).items()
        if "locpipe.pipeline" in targets and not name.startswith("locpipe.cli")
    )
    assert importers == []


def test_stages_and_the_layout_import_no_driver_and_no_cli() -> None:
    graph = imports(SRC)
    below = [n for n in graph if n.startswith("locpipe.stages") or n == "locpipe.layout"]
    assert below
    for name in below:
        upward = {t for t in graph[name] if t == "locpipe.pipeline" or t.startswith("locpipe.cli")}
        assert upward == set(), name


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "pkg"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_the_scan_finds_cycles_in_functions_relative_imports_and_type_checking(
    tmp_path: Path,
) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "def f():\n    from pkg import b\n",
            "b.py": "import typing\nif typing.TYPE_CHECKING:\n    from pkg.a import f\n",
            "sub/__init__.py": "",
            "sub/c.py": "from . import d\n",
            "sub/d.py": "from ..sub.c import x\n",
            "e.py": "import pkg.a\n",
        },
    )
    assert cycles(imports(package)) == [["pkg.a", "pkg.b"], ["pkg.sub.c", "pkg.sub.d"]]


def test_the_scan_accepts_a_graph_without_cycles(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg import b\n",
            "b.py": "from pkg.c import x\n",
            "c.py": "",
        },
    )
    assert imports(package)["pkg.a"] == {"pkg.b"}
    assert cycles(imports(package)) == []
