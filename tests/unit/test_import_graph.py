"""propscope's modules import one another one way: no import cycle, not even through a function.

The graph is read from the source with :mod:`ast` (nothing is imported), over every
``import`` and ``from … import`` anywhere in a module: at module level, inside functions and
under ``if TYPE_CHECKING``.  A function-level import that only dodges a cycle is still the
cycle, so it counts.  How an import names its modules:

* ``import propscope.a.b`` imports ``propscope.a.b`` (Python runs ``propscope.a`` first, but
  every submodule would then depend on its own package: parents are not counted);
* ``from propscope.a import name`` imports ``propscope.a`` (the package ``__init__``), and also
  ``propscope.a.name`` when that is a module; relative imports are resolved the same way.

Modules loaded by name at run time (the analyzer registry's ``module:attribute`` strings,
``importlib``) are not seen.

A package ``__init__`` that re-exports its submodules depends on them; a submodule that imports
its own package (``from propscope.store import X`` inside ``store/sqlite.py``) therefore makes a
cycle: it must import ``X`` from the module that defines it.
"""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

import propscope

#: importer -> imported -> where ("store/sql.py:25"), the first such import in the importer
Graph = dict[str, dict[str, str]]


def module_files(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for the package at ``root`` (a package is its ``__init__``)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = (root.name, *path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imported_modules(node: ast.Import | ast.ImportFrom, package: str, modules: set[str]) -> list[str]:
    """The package's own modules one import statement names (``package``: the importer's package)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        source = node.module or ""
        if node.level:
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            source = ".".join([*base, source] if source else base)
        names = [source, *(f"{source}.{alias.name}" for alias in node.names)]
    return [n for n in names if n in modules]


def import_graph(root: Path) -> Graph:
    """The graph, built in a thread of its own: CPython 3.11.7's parser raises SystemError
    ("AST constructor recursion depth mismatch") in a thread that has seen a RecursionError
    before, which the hostile-input tests of the same run provoke on purpose."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_import_graph, root).result()


def _import_graph(root: Path) -> Graph:
    files = module_files(root)
    modules = set(files)
    graph: Graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges = graph.setdefault(name, {})
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in imported_modules(node, package, modules):
                    if target != name:
                        edges.setdefault(target, f"{path.relative_to(root).as_posix()}:{node.lineno}")
    return graph


def strongly_connected(graph: Graph) -> list[list[str]]:
    """Tarjan's algorithm, iteratively; only the components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
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
                    work.append((child, iter(sorted(graph.get(child, {})))))
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
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def shortest_cycle(graph: Graph, start: str, members: set[str]) -> list[str]:
    """A shortest cycle from ``start`` back to it through ``members``: ``[start, b, …, start]``."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if child in members and child not in came_from:
                came_from[child] = node
                queue.append(child)
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover - a component always has one


def describe_cycles(graph: Graph) -> list[str]:
    """One line per cycle, naming each edge and the import that makes it; the cycles listed
    for a tangle of several cover every module in it."""
    lines = []
    for component in strongly_connected(graph):
        covered: set[str] = set()
        for start in component:
            if start in covered:
                continue
            cycle = shortest_cycle(graph, start, set(component))
            covered.update(cycle)
            lines.append("; ".join(f"{a} -> {b} ({graph[a][b]})" for a, b in zip(cycle, cycle[1:], strict=False)))
    return lines


def test_propscope_has_no_import_cycle() -> None:
    graph = import_graph(Path(propscope.__file__).resolve().parent)
    cycles = describe_cycles(graph)
    assert not cycles, "import cycles (each edge: importer -> imported (where)):\n" + "\n".join(cycles)


def test_the_graph_sees_every_kind_of_import() -> None:
    graph = import_graph(Path(propscope.__file__).resolve().parent)
    assert len(graph) > 50
    # a package re-exporting its submodules, at module level
    assert "propscope.store.open" in graph["propscope.store"]
    # inside a function (open_store imports each implementation when its scheme is asked for)
    assert {"propscope.store.memory", "propscope.store.sqlite"} <= set(graph["propscope.store.open"])
    # relative imports
    assert "propscope.analyzers.attribution.saying" in graph["propscope.analyzers.attribution.analyzer"]


def _package(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "toy" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "toy"


def test_a_cycle_through_a_function_level_import_or_the_package_is_found_and_named(tmp_path: Path) -> None:
    toy = _package(tmp_path, {
        "__init__.py": "from toy.a import A\n",
        "a.py": "from toy.b import B\nA = 1\n",
        "b.py": "def f():\n    from .c import C\n    return C\nB = 2\n",  # relative, inside a function
        "c.py": "import toy.a\nC = 3\n",
        "sub/__init__.py": "from toy.sub.x import X\n",
        "sub/x.py": "from toy.sub import y\nX = 3\n",  # names the package sub and the module sub.y
        "sub/y.py": "Y = 4\n",
    })
    graph = import_graph(toy)
    assert graph["toy.sub.x"] == {"toy.sub": "sub/x.py:1", "toy.sub.y": "sub/x.py:1"}
    assert strongly_connected(graph) == [["toy.a", "toy.b", "toy.c"], ["toy.sub", "toy.sub.x"]]
    assert describe_cycles(graph) == [
        "toy.a -> toy.b (a.py:1); toy.b -> toy.c (b.py:2); toy.c -> toy.a (c.py:1)",
        "toy.sub -> toy.sub.x (sub/__init__.py:1); toy.sub.x -> toy.sub (sub/x.py:1)",
    ]


def test_a_package_importing_its_own_submodules_is_no_cycle(tmp_path: Path) -> None:
    toy = _package(tmp_path, {
        "__init__.py": "from toy.a import A\nfrom toy import b\n",
        "a.py": "from toy.b import B\nA = 1\n",
        "b.py": "B = 2\n",
    })
    graph = import_graph(toy)
    assert graph["toy"] == {"toy.a": "__init__.py:1", "toy.b": "__init__.py:2"}
    assert describe_cycles(graph) == []
