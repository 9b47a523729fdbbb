"""The package's layers, read from its imports with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

import eco_lint

PACKAGE = Path(eco_lint.__file__).parent


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(module: str, source: str, package: bool = False) -> set[str]:
    """Every module, of the package or outside it, that a module's source
    imports anywhere (inside functions and type-checking blocks too), with
    ``from . import name`` counted as importing ``package.name``.
    """
    parts = module.split(".") if package else module.split(".")[:-1]
    found: set[str] = set()

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: len(parts) - node.level + 1]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""

            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)

    return found


def _imports(path: Path) -> set[str]:
    source = path.read_text(encoding="utf-8")
    return imports(_module(path), source, path.name == "__init__.py")


def modules() -> dict[str, Path]:
    """The package's modules by dotted name."""
    return {_module(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def test_only_the_command_line_uses_click() -> None:
    """The core raises :class:`~eco_lint.errors.EcoLintError`, which knows
    no exit code; Click stays in the command line, and in the terminal
    for its colours.
    """
    using = {
        name
        for name, path in modules().items()
        if any(i == "click" or i.startswith("click.") for i in _imports(path))
    }
    assert using == {"eco_lint.cli", "eco_lint.terminal"}


#: Where each format library may be imported: its details (item types,
#: comments, whitespace, scalar styles) live in one edit module each, and
#: the rules build edits from the operations those modules offer.
FORMAT_LIBRARIES = {
    "tomlkit": "eco_lint.edits.toml",
    "ruamel": "eco_lint.edits.yaml",
}


def test_format_libraries_live_in_one_module_each() -> None:
    importing = {
        name
        for name, path in modules().items()
        for library, home in FORMAT_LIBRARIES.items()
        if name != home
        and any(i == library or i.startswith(library + ".") for i in _imports(path))
    }
    assert not importing, (
        f"{sorted(importing)}: build the edit from the operations of "
        f"{sorted(FORMAT_LIBRARIES.values())}"
    )


def test_format_library_imports_are_found() -> None:
    source = "def apply():\n    from ruamel.yaml.comments import CommentedMap\n"
    found = imports("eco_lint.rules.actions.gha011", source)
    assert "ruamel.yaml.comments" in found


#: The package's layers, lowest first. A module may import its own layer
#: and those below it, never one above: the readers know no rule, the rules
#: know no command, and only the front ends know options and exit codes.
LAYERS = {
    # Reading a repository and rendering the template: what rules compare.
    "readers": {
        "eco_lint",
        "eco_lint.errors",
        "eco_lint.shapes",
        "eco_lint.pythons",
        "eco_lint.digests",
        "eco_lint.cache",
        "eco_lint.recorded",  # what a check read, recorded as Repo reads it
        "eco_lint.results",  # the kept results of plain checks
        "eco_lint.template",
        "eco_lint.safe_yaml",
        "eco_lint.parsers",
        "eco_lint.roots",
        "eco_lint.derived",
        "eco_lint.repo",
        "eco_lint.answers",
        "eco_lint.questions",
        "eco_lint.standard",
        "eco_lint.facts",
        "eco_lint.facts.*",
        "eco_lint.generation",
        "eco_lint.edits",
        "eco_lint.edits.*",
        "eco_lint.fix",
        "eco_lint.transaction",
    },
    # The rules, their base classes and the registry that collects them.
    "rules": {"eco_lint.registry", "eco_lint.rules", "eco_lint.rules.*"},
    # What runs the rules, reports them, or changes a repository.
    "commands": {
        "eco_lint.settings",
        "eco_lint.check",
        "eco_lint.checking",
        "eco_lint.parallel",
        "eco_lint.output",
        "eco_lint.terminal",
        "eco_lint.sarif",
        "eco_lint.ci",
        "eco_lint.baseline",
        "eco_lint.review",
        "eco_lint.adopt",
        "eco_lint.data",
        "eco_lint.explain",
        "eco_lint.update",
        "eco_lint.orgreport",
        "eco_lint.orgreport.*",
    },
    # The front ends, which alone know exit codes: the command line and the
    # GitHub Action's step, which takes the command line's formats.
    "cli": {"eco_lint.cli", "eco_lint.__main__", "eco_lint.action"},
}


def layer(module: str) -> int:
    """The index in :data:`LAYERS` of a module of the package."""
    for index, members in enumerate(LAYERS.values()):
        for member in members:
            if module == member or (
                member.endswith(".*") and module.startswith(member[:-1])
            ):
                return index

    raise LookupError(module)


def test_every_module_has_a_layer() -> None:
    """A new module is placed in :data:`LAYERS` before it can import."""
    unplaced = []

    for name in modules():
        try:
            layer(name)
        except LookupError:
            unplaced.append(name)

    assert unplaced == []


def upward(found: dict[str, set[str]]) -> list[str]:
    """``importer -> imported`` for each import of a higher layer."""
    return sorted(
        f"{name} -> {target}"
        for name, targets in found.items()
        for target in targets
        if target in found and layer(target) > layer(name)
    )


def test_no_upward_imports() -> None:
    """Rules never import a command, readers never import a rule."""
    found = {name: _imports(path) for name, path in modules().items()}
    assert upward(found) == []


def test_upward_imports_are_found() -> None:
    """The scan sees a rule importing a command inside a function, as
    ``from ..adopt import answers_text`` once did, and a reader importing
    the rules' registry through its package.
    """
    drift = "def fix():\n    from ..adopt import answers_text\n"
    found = {
        "eco_lint.adopt": set(),
        "eco_lint.rules": imports("eco_lint.rules", "from . import drift", True),
        "eco_lint.rules.drift": imports("eco_lint.rules.drift", drift),
        "eco_lint.repo": imports("eco_lint.repo", "from . import registry"),
        "eco_lint.cli": imports("eco_lint.cli", "from .repo import Repo"),
        "eco_lint.registry": set(),
    }
    assert upward(found) == [
        "eco_lint.repo -> eco_lint.registry",
        "eco_lint.rules.drift -> eco_lint.adopt",
    ]
