"""The house: arrows run only down between rooms, and nothing in jurydesk/ imports itself in
a circle at load time.

The load-time import graph is read with ast: imports at module level (and in class bodies,
``try`` and ordinary ``if`` blocks), not those under ``if TYPE_CHECKING`` and not those inside
functions (lazy imports run only when called, after every module has loaded).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "jurydesk"

# The room order, bottom to top: a module may import its own room and the rooms before it.
# Rooms grouped in a tuple are siblings: neither imports the other. A room is the package
# under jurydesk/ (jurydesk/audit/ -> "audit") or a top-level module (jurydesk/i18n.py).
ROOMS: list[str | tuple[str, ...]] = [
    ("jurydesk", "paths", "timeutil", "atomic", "layers", "errors", "textcodec"),
    ("i18n", "recent"),
    "labels",
    "store",
    "passphrase",
    "audit",
    "regions",
    "documents",
    "candidatures",
    "jury",
    "scoring",
    "results",
    "decisions",
    "rebuttals",
    "pitch",
    "portfolio",
    "settings",
    "letters",
    "exports",
    "prints",
    "mail",
    "packs",
    "demo",
    "setup",
    ("cli", "ui"),
    "__main__",
]


def _levels() -> dict[str, int]:
    return {
        room: level
        for level, tier in enumerate(ROOMS)
        for room in (tier if isinstance(tier, tuple) else (tier,))
    }


def _module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def room_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _load_time_imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _load_time_imports(node.body)
            yield from _load_time_imports(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _load_time_imports(block)
            for handler in node.handlers:
                yield from _load_time_imports(handler.body)
        elif isinstance(node, ast.ClassDef | ast.With):
            yield from _load_time_imports(node.body)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Every module of the package -> the package's modules it imports at load time."""
    files = {_module_name(p, package): p for p in sorted(package.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        here = module if path.name == "__init__.py" else module.rpartition(".")[0]
        targets: set[str] = set()
        for node in _load_time_imports(ast.parse(path.read_text("utf-8")).body):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
                continue
            if node.level:
                base = here.split(".")[: len(here.split(".")) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                targets.add(sub if sub in files else source)
        graph[module] = {t for t in targets if t in files and t != module}
    return graph


def upward_arrows(graph: dict[str, set[str]]) -> list[str]:
    levels = _levels()
    unknown = sorted({room_of(m) for m in graph} - levels.keys())
    assert unknown == [], f"rooms missing from ROOMS: {unknown}"
    return sorted(
        f"{a} -> {b}"
        for a, targets in graph.items()
        for b in targets
        if room_of(a) != room_of(b) and levels[room_of(b)] >= levels[room_of(a)]
    )


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_arrows_between_rooms_run_only_down():
    assert upward_arrows(import_graph()) == []


def test_no_load_time_import_circles():
    assert cycles(import_graph()) == []


def test_the_graph_sees_what_it_must():
    """The checks can fail: an upward arrow and a circle are found in a made-up house."""
    graph = {
        "jurydesk.audit.chain": {"jurydesk.scoring.scores"},
        "jurydesk.scoring.scores": {"jurydesk.audit.chain"},
    }
    assert upward_arrows(graph) == ["jurydesk.audit.chain -> jurydesk.scoring.scores"]
    assert cycles(graph) == [["jurydesk.audit.chain", "jurydesk.scoring.scores"]]
    real = import_graph()
    assert "jurydesk.store.models" in real["jurydesk.audit.chain"]
    # a lazy import (inside a function) is not a load-time arrow
    assert "jurydesk.audit.chain" not in real["jurydesk.passphrase"]
