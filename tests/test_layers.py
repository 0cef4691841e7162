"""The house's layers: no module imports from a layer above its own (imports inside functions included).

Lowest first. A new module must be placed here: the test fails naming it until it is.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

LAYERS: list[tuple[str, ...]] = [
    ("schemas.vocabulary",),  # reads the reviewed vocabularies; imports nothing of the project
    ("schemas",),  # the table declarations
    ("pipelines.errors", "pipelines.settings", "pipelines.parallel"),
    ("pipelines.extract",),  # text → document model → rows
    ("pipelines.validate",),
    ("pipelines.process",),  # sources → checked tables, without the orchestrator
    ("pipelines.publish.arrow",),
    ("pipelines.publish.warehouse",),
    ("pipelines.publish.catalogue",),
    ("pipelines.publish.site",),
    ("pipelines.publish.stage", "pipelines.publish"),  # stage the three wings, release them together
    (
        "pipelines.lock",
        "pipelines.resources",
        "pipelines.partitions",
        "pipelines.checks",
        "pipelines.inspect",
        "pipelines.review",
    ),
    ("pipelines.assets",),
    ("pipelines.jobs",),
    ("pipelines.sensors",),
    ("pipelines.definitions",),
    ("pipelines.__main__", "pipelines"),
]


def layer_of(module: str) -> int | None:
    """The layer of the longest prefix of `module` that LAYERS names."""
    best: tuple[int, int] | None = None
    for i, names in enumerate(LAYERS):
        for name in names:
            if module == name or module.startswith(name + "."):
                if best is None or len(name) > best[1]:
                    best = (i, len(name))
    return None if best is None else best[0]


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted([*ROOT.glob("pipelines/**/*.py"), *ROOT.glob("schemas/**/*.py")]):
        parts = path.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(path: Path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.module, node.lineno)]
            found += [(f"{node.module}.{a.name}", node.lineno) for a in node.names]  # `from pkg import module`
    return [(m, line) for m, line in found if m.split(".")[0] in ("pipelines", "schemas")]


def test_every_module_has_a_layer():
    assert not [m for m in _modules() if layer_of(m) is None]


def upward_imports(module: str, path: Path, modules: dict[str, Path]) -> list[str]:
    mine = layer_of(module)
    assert mine is not None, module
    upward = []
    for imported, line in _imports(path):
        if imported not in modules and imported.rsplit(".", 1)[0] in modules:
            continue  # `from pkg.module import name`: the module was checked as the ImportFrom's module
        theirs = layer_of(imported)
        if theirs is not None and theirs > mine:
            upward.append(f"{path.name}:{line} imports {imported} ({LAYERS[theirs][0]} is above {module})")
    return upward


def test_no_module_imports_from_a_layer_above_its_own():
    modules = _modules()
    upward = [u for module, path in modules.items() for u in upward_imports(module, path, modules)]
    assert not upward, "\n".join(upward)


def test_an_upward_import_is_found(tmp_path):
    """The check itself: a declaration reading the extractors, even inside a function, is refused."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from pipelines.extract.tables import extract_table\n", encoding="utf-8")
    modules = _modules()
    found = upward_imports("schemas.bad", bad, modules)
    assert found == ["bad.py:2 imports pipelines.extract.tables (pipelines.extract is above schemas.bad)"]
    order = [
        "schemas.vocabulary",
        "schemas.spec",
        "pipelines.extract.model",
        "pipelines.publish.warehouse.views",
        "pipelines.publish.site.pages",
        "pipelines.publish.stage",
    ]
    layers = [layer_of(m) for m in order]
    assert all(x is not None for x in layers) and layers == sorted(set(layers), key=layers.index)
    assert sorted(x for x in layers if x is not None) == [x for x in layers if x is not None]


def test_the_vocabulary_layer_imports_nothing_of_the_project():
    path = ROOT / "schemas" / "vocabulary.py"
    assert _imports(path) == []


def test_no_python_file_is_over_600_lines():
    """A file a newcomer can read whole (and ruff keeps every line within 120 characters)."""
    long = {str(p.relative_to(ROOT)): n for p in _modules().values() if (n := len(p.read_text().splitlines())) > 600}
    assert not long, long
