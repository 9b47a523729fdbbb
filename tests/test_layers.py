"""The package's layers, read from its imports with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

import eco_lint

PACKAGE = Path(eco_lint.__file__).parent


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module of the package or outside it that a file imports,
    anywhere in it (inside functions and type-checking blocks too), with
    ``from . import name`` counted as importing ``package.name``.
    """
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""

            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)

    return found


def modules() -> dict[str, Path]:
    """The package's modules by dotted name."""
    return {_module(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def test_only_the_command_line_uses_click() -> None:
    """The core raises :class:`~eco_lint.errors.EcoLintError`, which knows
    no exit code; Click stays in the command line, and in the text report
    for its colours.
    """
    using = {
        name
        for name, path in modules().items()
        if any(i == "click" or i.startswith("click.") for i in imports(path))
    }
    assert using == {"eco_lint.cli", "eco_lint.output"}
