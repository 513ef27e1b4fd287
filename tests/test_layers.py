"""The package's floor plan: layers import only downwards, and no module imports in a cycle.

Layers, lowest first (``estimators/__init__.py`` describes them):

0. core types and checks; 1. ``combine`` and ``base``; 2. method families; 3. the
catalogue; 4. linkage; 5. studies; 6. plotting; 7. reporting; 8. the CLI.

Every ``import`` and ``from ... import`` of an ``estimators`` module, at module level or
inside a function (a deferred import is still a dependency), is read from the source
with :mod:`ast`.  Imports under ``if TYPE_CHECKING:`` are annotations only and are not
counted.  The package's ``__init__`` (``__version__``, lazy re-exports) is not a layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import estimators

PACKAGE = Path(estimators.__file__).parent

LAYERS: list[tuple[str, ...]] = [
    (
        "estimators.exceptions", "estimators.seeds", "estimators._format", "estimators._io", "estimators._pins",
        "estimators._lazy",
        "estimators.cells",
        "estimators.validation", "estimators.results", "estimators.posterior", "estimators.histories",
        "estimators.data", "estimators.executor", "estimators.disclosure",
    ),
    ("estimators.combine",),
    ("estimators.base",),
    ("estimators.classical", "estimators.loglinear", "estimators.bayes", "estimators.recommended"),
    ("estimators.methods",),
    ("estimators.linkage",),
    ("estimators.studies",),
    ("estimators.plotting",),
    ("estimators.reporting",),
    ("estimators.cli",),
]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer_of(module: str) -> int:
    for i, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS (and to the README's layout)")


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_modules(path: Path) -> set[str]:
    """The ``estimators`` modules a source file imports (TYPE_CHECKING blocks left out)."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            skip.update(id(n) for n in ast.walk(node))
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("estimators"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("estimators"):
                continue
            for alias in node.names:  # `from . import x` may import a submodule x
                candidate = f"{target}.{alias.name}"
                sub = PACKAGE.parent / Path(*candidate.split("."))
                out.add(candidate if sub.with_suffix(".py").exists() or sub.is_dir() else target)
    out.discard(me)
    return out


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")
GRAPH = {module_name(p): imported_modules(p) for p in SOURCES}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_only_from_lower_layers(module: str) -> None:
    mine = layer_of(module)
    upward = sorted(m for m in GRAPH[module] if m != "estimators" and layer_of(m) > mine)
    assert not upward, f"{module} (layer {mine}) imports from higher layers: {upward}"


def test_no_import_cycles() -> None:
    """Tarjan-free check: a depth-first search finds no back edge among the package's modules."""
    graph = {m: {d for d in deps if d in GRAPH} for m, deps in GRAPH.items()}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                cycle = path[path.index(d):] + [d]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if d not in state:
                visit(d)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_every_module_is_in_a_layer() -> None:
    for m in GRAPH:
        layer_of(m)


def test_the_checker_sees_deferred_and_relative_imports() -> None:
    """The checker itself: a deferred relative import is a dependency; TYPE_CHECKING ones are not."""
    src = PACKAGE / "combine.py"
    deps = imported_modules(src)
    assert "estimators.histories" in deps and "estimators.results" in deps
    assert "estimators.base" not in deps


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code``."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, timeout=120)
    return set(out.stdout.split())


HEAVY = ("pymc", "pytensor", "arviz", "splink", "duckdb", "numba", "matplotlib", "pandas", "scipy.stats",
         "scipy.special", "scipy.optimize", "nbclient", "distributed")


def test_building_the_cli_parser_imports_nothing_heavy() -> None:
    """``removals --version`` / ``--help`` start fast (issue 16): the parser imports no library above."""
    loaded = _modules_after("from estimators.cli import build_parser\nbuild_parser()")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert "numpy" not in loaded


def test_the_catalogue_imports_no_sampler_linkage_pandas_or_scipy() -> None:
    """``removals methods`` reads the spec classes: their modules defer pandas, scipy, PyMC and numba."""
    loaded = _modules_after("import estimators.methods")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_validating_a_csv_file_imports_no_pandas_or_scipy(tmp_path) -> None:
    """``removals validate FILE.csv`` reads, checks and aggregates with NumPy alone (issue 16: < 0.3 s)."""
    f = tmp_path / "h.csv"
    f.write_text("A,B,C,region,count\n1,0,0,north,10\n0,1,0,north,12\n1,1,0,south,3\n0,0,1,south,8\n")
    loaded = _modules_after(f"from estimators.cli import main\nassert main(['validate', {str(f)!r}, "
                            "'--strata', 'region']) == 0")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
