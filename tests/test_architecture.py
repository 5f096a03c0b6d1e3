"""The house's layers, read from the code: no import circle, arrows only point down.

- No circle of modules importing each other at run time (imports under `if TYPE_CHECKING:`
  are for type checkers only and draw no arrow).
- `argmap.model`, `argmap.io` and `argmap.analysis` import no Qt: checked in the code and by
  importing every one of their modules in a Python whose PySide6 import fails.
- Canvas items never import the scene, the editing scene, gestures, features or the window
  (not even for type hints): they reach the canvas through `CanvasIndex`.
- Only `argmap.ui.app` imports the main window; features never do.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "argmap"
QT_FREE = ("argmap.model", "argmap.io", "argmap.analysis")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts).removesuffix(".__init__")
        out[name] = path
    return out


MODULES = _modules()


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(module: str, *, typing_too: bool = False) -> set[str]:
    """Every module name this module imports (absolute, resolved relative imports)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    if not typing_too:
        for block in ast.walk(tree):
            if _is_type_checking(block):
                for stmt in block.body:
                    skip.update(id(n) for n in ast.walk(stmt))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _internal(name: str) -> str | None:
    """The argmap module a dotted import name refers to (None for outside modules)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _graph(typing_too: bool = False) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module in MODULES:
        targets = set()
        for name in _imports(module, typing_too=typing_too):
            target = _internal(name)
            # A package's own __init__ and the module itself are not arrows.
            if target and target != module and not module.startswith(target + "."):
                targets.add(target)
        graph[module] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
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


def test_the_walker_finds_a_circle_when_there_is_one() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_in_the_package() -> None:
    assert _cycles(_graph()) == []


def test_model_io_and_analysis_name_no_qt() -> None:
    offenders = [
        (module, name)
        for module in MODULES
        if module.startswith(QT_FREE)
        for name in _imports(module, typing_too=True)
        if name.split(".")[0] in ("PySide6", "shiboken6")
    ]
    assert offenders == []


def test_model_io_and_analysis_import_with_pyside6_blocked() -> None:
    """Import every Qt-free module in a Python where `import PySide6` fails."""
    modules = sorted(m for m in MODULES if m.startswith(QT_FREE)) + ["argmap.cli"]
    script = f"""
import importlib, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError("Qt is blocked in this test: " + name)
        return None
sys.meta_path.insert(0, Block())
for name in {modules!r}:
    importlib.import_module(name)
assert not any(m.split(".")[0] == "PySide6" for m in sys.modules)
print("ok", len({modules!r}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok")


def test_items_never_import_the_canvas_above_them() -> None:
    above = ("argmap.ui.scene", "argmap.ui.editing", "argmap.ui.interactions")
    above += ("argmap.ui.features", "argmap.ui.main_window", "argmap.ui.context")
    offenders = [
        (module, target)
        for module in MODULES
        if module.startswith("argmap.ui.items")
        for target in filter(None, map(_internal, _imports(module, typing_too=True)))
        if target.startswith(above)
    ]
    assert offenders == []


def test_only_the_app_imports_the_main_window() -> None:
    importers = sorted(
        module
        for module in MODULES
        if any(
            _internal(name) == "argmap.ui.main_window" for name in _imports(module, typing_too=True)
        )
    )
    assert importers == ["argmap.ui.app"]


def test_scene_and_pictures_know_no_gestures_or_features() -> None:
    for module in ("argmap.ui.scene", "argmap.ui.pictures"):
        targets = set(filter(None, map(_internal, _imports(module, typing_too=True))))
        assert not {
            t
            for t in targets
            if t.startswith(("argmap.ui.interactions", "argmap.ui.editing", "argmap.ui.features"))
        }, module
