"""The media modules import each other without a cycle (at module level or inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

import vigguide.media

_FOLDER = Path(vigguide.media.__file__).parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "vigguide.media":
                found |= {alias.name for alias in node.names}
            elif node.module.startswith("vigguide.media."):
                found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found |= {
                a.name.split(".")[2] for a in node.names if a.name.startswith("vigguide.media.")
            }
    return found


def test_no_import_cycle_among_the_media_modules() -> None:
    graph = {
        p.stem: _imports(p) & {q.stem for q in _FOLDER.glob("*.py")} for p in _FOLDER.glob("*.py")
    }
    assert "span" in graph["smartcut"] and "smartcut" in graph["clips"]  # the graph is real
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for imported in graph[module]:
            visit(imported, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())
