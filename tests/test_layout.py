"""The package's layout stays straight: no import circles, every module one job under 600 lines.

Read from the source, like a newcomer reads it: every relative import counts, at the
top, inside a function or under TYPE_CHECKING.
"""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "meldcode"
MODULES = {p.stem: p for p in sorted(PACKAGE.glob("*.py")) if p.stem != "__init__"}


def imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                targets = [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
                graph[name] |= {t for t in targets if t in MODULES and t != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle, each as the path of modules that closes it."""
    found = []
    for start in graph:
        todo = [(start, [start])]
        seen = set()
        while todo:
            module, path = todo.pop()
            for target in sorted(graph[module]):
                if target == start:
                    found.append([*path, start])
                elif target not in seen:
                    seen.add(target)
                    todo.append((target, [*path, target]))
    return found


def test_no_module_imports_one_that_imports_it_back():
    assert circles(imports()) == []


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()})[0] == ["a", "b", "c", "a"]


def test_every_module_has_a_docstring_and_stays_under_600_lines():
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        assert ast.get_docstring(ast.parse(text)), f"meldcode/{name}.py has no docstring saying its job"
        assert len(text.splitlines()) < 600, f"meldcode/{name}.py has {len(text.splitlines())} lines"


def test_the_load_stage_never_calls_a_later_stage():
    later = {"pages", "render", "site", "pdf", "procedure", "overview", "pipeline", "serve", "cli"}
    graph = imports()
    reached, todo = set(), ["load"]
    while todo:
        for target in graph[todo.pop()]:
            if target not in reached:
                reached.add(target)
                todo.append(target)
    assert reached & later == set()
