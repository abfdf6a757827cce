"""The house's plan, held (docs/architecture.md): layers imported one way, no cycles, small
modules in small folders, and the people app knowing nothing of releases."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [
    "config",
    "bench",
    "pages",
    "api",
    "interchange",
    "filters",
    "releases",
    "prisoners",
    "ledger",
    "transliteration",
]
MAX_MODULES_PER_FOLDER = 15
MAX_MODULE_LINES = 450


def python_files():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_the_import_contracts_hold():
    """`lint-imports` (import-linter) reads .importlinter: the layers and no cycles."""
    result = subprocess.run(
        [Path(sys.executable).with_name("lint-imports")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def strongly_connected(graph, modules):
    """Tarjan's algorithm: the groups of modules that import each other round in a circle."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in modules:
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    for module in sorted(modules):
        if module not in index:
            visit(module)
    return groups


def test_no_module_imports_itself_round_a_circle():
    """Module by module, imports inside functions included (grimp reads them all)."""
    graph = grimp.build_graph(*PACKAGES, include_external_packages=False)
    modules = {module for module in graph.modules if ".migrations" not in module}
    assert strongly_connected(graph, modules) == []


def test_no_import_dodges_a_cycle_inside_a_function():
    """An import inside a function is kept for what Django needs at start-up (an app's
    `ready()`, a benchmark script that sets Django up before it reads the models), a heavy
    library loaded on first use, or a command's optional tool; never for a module of this project
    that the module could import at its top."""
    found = []
    for path in python_files():
        if path.parent == ROOT / "bench":  # scripts: `django.setup()` comes first
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if function.name == "ready" or path.parts[-3:-1] == ("management", "commands"):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and node.module:
                    if node.module.split(".")[0] in PACKAGES:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}")
                elif isinstance(node, ast.Import):
                    for alias in node.names:
                        if alias.name.split(".")[0] in PACKAGES:
                            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {alias.name}")
    assert found == []


def test_no_folder_has_more_than_fifteen_modules():
    crowded = {}
    for folder in {path.parent for path in python_files()} | {ROOT / "tests"}:
        count = len(list(folder.glob("*.py")))
        if count > MAX_MODULES_PER_FOLDER:
            crowded[str(folder.relative_to(ROOT))] = count
    assert crowded == {}


def test_no_module_passes_450_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in python_files()
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


#: How code would name the releases app's relations, tables or URLs.
RELEASE_NAMES = re.compile(
    r"release_outcomes|omitted_from|releases_negotiated|deals_announced|releases_\w+|"
    r"[\"']releases:|from releases|import releases|get_model\([\"']releases"
)


@pytest.mark.parametrize("part", ["models", "admin", "management", ""])
def test_nothing_in_prisoners_names_a_release_relation_table_or_url(part):
    """`releases` depends on `prisoners`, never the reverse, at run time too: a person's custody
    events come from whatever records say they have some (`prisoners.custody`)."""
    folder = ROOT / "prisoners" / part
    paths = folder.glob("*.py") if part == "" else folder.rglob("*.py")
    named = []
    for path in paths:
        if "migrations" in path.parts:
            continue
        code = "\n".join(
            line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")
        )
        named += [f"{path.relative_to(ROOT)}: {match}" for match in RELEASE_NAMES.findall(code)]
    assert named == []
