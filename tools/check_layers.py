"""Fail on an upward import between the three layers or on any import cycle between modules.

The layers, top to bottom: `ppid` (the command and the one-port server) -> `forms` (the
relay, records, letters, reports) -> `site_builder` (DIP -> site and documents). A module
may import its own layer and the layers below it, never one above. Every import counts:
module level, inside functions, under `if TYPE_CHECKING:`, and `importlib.import_module`
or `python -m` with a constant module name.

Usage: python tools/check_layers.py [--graph]   (exit 1 on a violation; --graph prints the
edges between the three packages and the module count)
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

LAYERS = {"ppid": 3, "forms": 2, "site_builder": 1}
ROOT = Path(__file__).resolve().parent.parent


def modules(root: Path) -> dict[str, Path]:
    """Every module of the three packages by its dotted name (migrations excluded)."""
    found: dict[str, Path] = {}
    for package in LAYERS:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if "migrations" in parts:  # alembic loads these by path, they import nothing of ours
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _target(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = here.split(".") if is_package else here.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def _constant_module(node: ast.Call) -> str | None:
    """The module named by importlib.import_module("x") or a ["-m", "x"] argument list."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name == "import_module" and node.args and isinstance(node.args[0], ast.Constant):
        return str(node.args[0].value)
    return None


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of ours that one module imports, in any way this script can see."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    except SyntaxError as exc:
        raise SystemExit(f"{path}:{exc.lineno}: bukan Python yang valid ({exc.msg})") from None
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        candidates: list[str] = []
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _target(node, name, is_package)
            subs = [f"{base}.{alias.name}" for alias in node.names]
            # `from a.b import c` names the module a.b.c when there is one, else a thing
            # defined in a.b (and then a.b itself is imported)
            candidates = [s for s in subs if s in known]
            if len(candidates) < len(subs):
                candidates.append(base)
        elif isinstance(node, ast.Call):
            found = _constant_module(node)
            candidates = [found] if found else []
        elif isinstance(node, ast.List | ast.Tuple):  # ["python", "-m", "forms.store.writer"]
            values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            candidates = [str(values[i + 1]) for i, v in enumerate(values[:-1]) if v == "-m"]
        for candidate in candidates:
            if candidate in known and candidate != name:
                out.add(candidate)
    return out


def layer(module: str) -> int:
    """The layer of a module: 3 for ppid, 2 for forms, 1 for site_builder."""
    return LAYERS[module.split(".")[0]]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
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
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def check(root: Path = ROOT) -> tuple[list[str], dict[str, set[str]]]:
    """Every violation as one line, and the import graph it was judged on."""
    known = modules(root)
    graph = {name: imports(name, path, known) for name, path in known.items()}
    problems = []
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            if layer(target) > layer(source):
                where = known[source].relative_to(root)
                problems.append(f"{where}: {source} mengimpor {target} (lapisan di atasnya)")
    for component in cycles(graph):
        problems.append("siklus impor: " + " -> ".join(component))
    return problems, graph


def main(argv: list[str]) -> int:
    problems, graph = check()
    if "--graph" in argv:
        edges = Counter((a.split(".")[0], b.split(".")[0]) for a, ts in graph.items() for b in ts)
        for (a, b), n in sorted(edges.items()):
            if a != b:
                print(f"{a} -> {b}: {n} impor")
        print(f"{len(graph)} modul, {sum(map(len, graph.values()))} impor antarmodul")
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} pelanggaran aturan lapisan", file=sys.stderr)
        return 1
    print("Lapisan satu arah, tanpa siklus impor.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
