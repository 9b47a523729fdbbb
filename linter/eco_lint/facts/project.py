"""What the project writes by hand: licence notices, the changelog's
versions, the package's public attributes and its ``.gitignore``.
"""

from __future__ import annotations

import ast
import re
import typing as t

from .wheel import import_path
from .wheel import packages

if t.TYPE_CHECKING:
    from .tree import Tree


_LICENCE = re.compile(r"(?i)(licen[cs]e|copying|notice)([.-][^/]*)?")
_COPYRIGHT = re.compile(r"(?i)copyright|\(c\)|©")


def copyright_lines(tree: Tree) -> frozenset[str]:
    found = set()

    for name in tree.files:
        if "/" in name and not name.startswith(("LICENSES/", "licenses/")):
            continue

        if not _LICENCE.fullmatch(name.rsplit("/", 1)[-1]):
            continue

        for line in (tree.text(name) or "").splitlines():
            if _COPYRIGHT.search(line) and re.search(r"\b(1[89]|20)\d\d\b", line):
                found.add(" ".join(line.split()))

    return frozenset(found)


_CHANGELOG = re.compile(
    r"(?i)((changes|changelog|history|news)[^/]*|docs?/(changes|changelog|history|news)[^/]*)"
)
_VERSION_HEADING = re.compile(
    r"(?im)^[^\S\n]*+(?:#++\s*+|\*\*)?(?:version\s++|release\s++|\[)?v?"
    r"(\d++\.\d++(?:\.\d++)*(?:(?:a|b|rc|\.post|\.dev)\d++)?)\b"
)


def changelog_versions(tree: Tree) -> frozenset[str]:
    found: set[str] = set()

    for name in tree.files:
        if _CHANGELOG.fullmatch(name) and not name.endswith(".py"):
            found.update(_VERSION_HEADING.findall(tree.text(name) or ""))

    return frozenset(found)


def public_names(text: str | None) -> set[str]:
    if text is None:
        return set()

    try:
        module = ast.parse(text)
    except SyntaxError:
        return set()

    names: set[str] = set()

    for node in module.body:
        if isinstance(node, ast.Assign):
            names.update(x.id for x in node.targets if isinstance(x, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)

            # A module __getattr__ that answers for __version__ keeps it.
            if node.name == "__getattr__" and any(
                isinstance(n, ast.Constant) and n.value == "__version__"
                for n in ast.walk(node)
            ):
                names.add("__version__")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(
                (alias.asname or alias.name).split(".")[0] for alias in node.names
            )

    return {n for n in names if n == "__version__" or not n.startswith("_")}


def attributes(tree: Tree) -> frozenset[str]:
    return frozenset(
        f"{import_path(package).replace('/', '.')}.{name}"
        for package in packages(tree)
        for name in public_names(tree.text(f"{package}/__init__.py"))
    )


def gitignore_entries(tree: Tree) -> frozenset[str]:
    lines = (tree.text(".gitignore") or "").splitlines()
    return frozenset(
        line.strip()
        for line in lines
        if line.strip() and not line.strip().startswith("#")
    )
