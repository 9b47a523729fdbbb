"""The tests pytest collects and the warning filters it applies."""

from __future__ import annotations

import fnmatch
import typing as t

from ..repo import SKIP_DIRS
from .metadata import listing
from .tree import Tree
from .wheel import import_path

if t.TYPE_CHECKING:
    from ..repo import Repo


def _pytest_config(tree: Tree) -> dict[str, t.Any]:
    """pytest's options, from the file pytest would read them: its own
    files first, then pyproject's native ``[tool.pytest]`` table (pytest 9)
    or its ``ini_options``.
    """
    for name in ("pytest.toml", ".pytest.toml"):
        if tree.text(name) is not None:
            options = tree.toml(name).get("pytest", {})
            return dict(options) if isinstance(options, dict) else {}

    for name in ("pytest.ini", ".pytest.ini"):
        if tree.text(name) is not None:
            return dict(tree.ini(name).get("pytest", {}))

    native = tree.table("tool", "pytest")

    if isinstance(native, dict) and set(native) - {"ini_options"}:
        return {k: v for k, v in native.items() if k != "ini_options"}

    options = tree.table("tool", "pytest", "ini_options")

    if isinstance(options, dict) and options:
        return options

    for name, section in (("tox.ini", "pytest"), ("setup.cfg", "tool:pytest")):
        if section in tree.ini(name):
            return dict(tree.ini(name)[section])

    return {}


def _option(config: dict[str, t.Any], key: str) -> list[str]:
    value = config.get(key, [])
    return value.split() if isinstance(value, str) else [str(v) for v in value]


def test_files(tree: Tree) -> frozenset[str]:
    config = _pytest_config(tree)
    roots = _option(config, "testpaths") or [""]
    patterns = _option(config, "python_files") or ["test_*.py", "*_test.py"]
    found = set()

    for name in tree.files:
        parts = name.split("/")

        if any(p in SKIP_DIRS or p.startswith(".") for p in parts[:-1]):
            continue

        if not any(fnmatch.fnmatch(parts[-1], p) for p in patterns):
            continue

        if any(
            root in ("", ".") or name.startswith(f"{root.rstrip('/')}/")
            for root in roots
        ):
            found.add(import_path(name))

    return frozenset(found)


def warning_filters(tree: Tree) -> frozenset[str]:
    config = _pytest_config(tree)
    value = config.get("filterwarnings", [])
    items = listing(value) if isinstance(value, str) else [str(v) for v in value]
    return frozenset(" ".join(v.split()) for v in items)


def pytest_settings(repo: Repo) -> tuple[list[str], frozenset[str]]:
    """The ``testpaths`` and the warning filters of the pytest config the
    project has now.
    """
    tree = Tree(repo)
    config = _pytest_config(tree)
    filters = config.get("filterwarnings")
    # Settings of another type than pytest reads are no settings.
    paths = _option(config, "testpaths") if _texts(config.get("testpaths")) else []
    return paths, warning_filters(tree) if _texts(filters) else frozenset()


def _texts(value: t.Any) -> bool:
    """Whether a setting is a text or a list of texts."""
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    )


def pytest_modules(repo: Repo) -> list[str]:
    """Every file pytest would collect as a test module with no
    ``testpaths``, by path.
    """
    config = _pytest_config(Tree(repo))
    patterns = _option(config, "python_files") or ["test_*.py", "*_test.py"]
    return [
        name
        for name in repo.files
        if any(fnmatch.fnmatch(name.rsplit("/", 1)[-1], p) for p in patterns)
        and not any(p.startswith(".") for p in name.split("/")[:-1])
    ]
