"""The package's folders read as the pipeline: every import runs down the stages, never up or in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mailflow"

# Lowest first. A module may import from its own layer or any layer before it, never from a later one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "settings", "lifecycle", "patterns"),  # the shared vocabulary every stage looks down at
    ("campaign",),
    ("reading",),
    ("stances",),
    ("parse",),
    ("mailbox",),
    ("store",),
    ("sending",),
    ("receiving",),
    ("committee",),
    ("app",),
    ("schedule",),
    ("demo", "web"),
    ("cli",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _unit(module: str) -> str:
    """`mailflow.reading.quotes` -> `reading`: the stage folder or top-level module a name belongs to."""
    return module.split(".")[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return {name for name in names if name.startswith("mailflow.")}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_only_its_own_stage_or_earlier_ones(path: Path) -> None:
    own = _unit("mailflow." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    if own == "__init__":
        return
    upward = sorted(name for name in _imports(path) if RANK[_unit(name)] > RANK[own])
    assert not upward, f"{path.relative_to(PACKAGE)} ({own}) imports later stages: {upward}"


def test_every_stage_folder_has_a_layer_and_says_what_it_does() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert folders | modules == set(RANK), "a new folder or top-level module needs its place in LAYERS"
    for folder in folders:
        doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc, f"mailflow/{folder}/__init__.py needs a docstring saying what the stage takes and hands on"
