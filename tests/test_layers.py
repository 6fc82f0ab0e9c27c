"""The layers import only downward, and every module of the one `budgetqa` namespace imports.

ground (core, prompts) → llm → extract → retrieval → verify → qa → evals → interfaces (cli, ui, app.py).
A module may import its own layer or any layer below it; an import of a higher layer, or of a
top-level name outside the namespace (`import extract`), fails here with the offending line.
"""
from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import budgetqa

LAYERS = {
    "budgetqa.core": 0, "budgetqa.prompts": 0,
    "budgetqa.llm": 1,
    "budgetqa.extract": 2,
    "budgetqa.retrieval": 3,
    "budgetqa.verify": 4,
    "budgetqa.qa": 5,
    "budgetqa.evals": 6,
    "budgetqa.cli": 7, "budgetqa.ui": 7, "app": 7,
}
OLD_TOP_LEVEL = {"extract", "retrieval", "qa", "verify", "llm", "evals", "prompts", "samples", "ui"}
ROOT = Path(__file__).resolve().parents[1]


def layer_of(module: str) -> int | None:
    best = None
    for prefix, n in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, n)
    return None if best is None else best[1]


def all_modules() -> list[str]:
    names = ["budgetqa"]
    for info in pkgutil.walk_packages(budgetqa.__path__, "budgetqa."):
        names.append(info.name)
    # packages mapped from their own top-level folders are found through their own __path__
    for pkg in [m for m in LAYERS if m.startswith("budgetqa.")] + ["budgetqa.samples"]:
        mod = importlib.import_module(pkg)
        names.append(pkg)
        names += [i.name for i in pkgutil.walk_packages(mod.__path__, pkg + ".")]
    return sorted(set(names))


def imports_of(path: Path, module: str, is_pkg: bool) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_pkg else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.append((node.lineno, name))
    return out


MODULES = all_modules()


def test_the_namespace_holds_every_layer():
    for prefix in LAYERS:
        if prefix != "app":
            assert any(m == prefix for m in MODULES), prefix
    assert len(MODULES) > 60


@pytest.mark.parametrize("module", MODULES)
def test_module_imports(module: str):
    importlib.import_module(module)


def problems_in(targets: list[tuple[str, Path]]) -> list[str]:
    """Every import in `targets` (module name, file) that goes up a layer or leaves the namespace."""
    problems = []
    for module, path in targets:
        if path.suffix != ".py":
            continue
        mine = layer_of(module)
        for line, name in imports_of(path, module, path.name == "__init__.py"):
            if name.split(".")[0] in OLD_TOP_LEVEL:
                problems.append(f"{path.name}:{line} imports {name} outside the budgetqa namespace")
            theirs = layer_of(name)
            if mine is not None and theirs is not None and theirs > mine:
                problems.append(f"{path.name}:{line} ({module}, layer {mine}) imports {name} (layer {theirs})")
    return problems


def test_imports_only_go_down():
    targets = [(m, Path(importlib.util.find_spec(m).origin)) for m in MODULES] + [("app", ROOT / "app.py")]
    problems = problems_in(targets)
    assert not problems, "\n".join(problems)


def test_the_layer_check_catches_an_upward_import(tmp_path):
    """The check itself can fail: an extract module importing qa, or a bare `import retrieval`."""
    bad = tmp_path / "bad.py"
    bad.write_text("from budgetqa.qa.pipeline import answer_question\nimport retrieval\nfrom budgetqa.core import errors\n")
    found = problems_in([("budgetqa.extract.bad", bad)])
    assert len(found) == 2 and "layer 5" in found[0] and "outside the budgetqa namespace" in found[1]
