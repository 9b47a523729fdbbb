"""What the wheel ships: the package folders, their files, and what the
build adds besides them.
"""

from __future__ import annotations

import fnmatch
import typing as t

from .metadata import build_backend
from .metadata import build_requires
from .metadata import listing
from .metadata import setup_cfg
from .metadata import strings

if t.TYPE_CHECKING:
    from .tree import Tree


def packages(tree: Tree) -> list[str]:
    """Top-level package folders the build takes: those the backend's
    config names, else those it finds (with ``__init__.py``, at the root
    or under ``src/``, that are not tests, docs or examples).
    """
    backend = build_backend(tree) or ""

    if backend.startswith("hatchling"):
        wheel = tree.table("tool", "hatch", "build", "targets", "wheel")
        named = wheel.get("packages") if isinstance(wheel, dict) else None

        if isinstance(named, list):
            return [str(p).strip("/") for p in named]

    if backend.startswith("setuptools"):
        where = tree.table("tool", "setuptools", "packages", "find").get("where")
        package_dir = tree.setup_py.get("package_dir") or tree.table(
            "tool", "setuptools", "package-dir"
        )
        roots = strings(where) if where else []

        if isinstance(package_dir, dict) and isinstance(package_dir.get(""), str):
            roots = [package_dir[""]]

        options = setup_cfg(tree, "options")
        named = tree.setup_py.get("packages")

        if named is None and options.get("packages", "find:").strip() != "find:":
            named = listing(options["packages"])

        if isinstance(named, list):
            # The packages setup.py names, where it says they are.
            root = (roots or [""])[0].strip("/.")
            return [
                f"{root}/{name}" if root else str(name)
                for name in named
                if isinstance(name, str) and "." not in name
            ]

        if roots:
            return [
                p
                for p in _found_packages(tree)
                if p.rpartition("/")[0] in {r.strip("/.") for r in roots}
            ]

    return _found_packages(tree)


def _found_packages(tree: Tree) -> list[str]:
    found = []

    for name in tree.glob(r"(src/)?[A-Za-z_][A-Za-z0-9_]*/__init__\.py"):
        folder = name.rsplit("/", 1)[0]
        base = folder.rsplit("/", 1)[-1]

        if base not in {"tests", "test", "docs", "examples", "example", "scripts"}:
            found.append(folder)

    return found


def import_path(path: str) -> str:
    return path.removeprefix("src/")


def shipped(tree: Tree) -> frozenset[str]:
    """The package files the wheel would ship, relative to the import root.
    Each backend is modelled as far as its static config tells: flit_core,
    hatchling, Poetry and PDM ship every file in the package; setuptools
    ships the modules and the package data it is told about.
    """
    backend = build_backend(tree) or ""
    files: set[str] = set()
    build = " ".join(build_requires(tree)).lower()

    for package in packages(tree):
        inside = [
            f
            for f in tree.files
            if f.startswith(f"{package}/")
            and "/__pycache__/" not in f
            and not f.endswith((".pyc", ".pyo"))
        ]

        if backend.startswith("setuptools") and "setuptools_scm" not in build:
            data = _setuptools_data(tree, package)
            inside = [
                f
                for f in inside
                if f.endswith(".py") or any(fnmatch.fnmatch(f, p) for p in data)
            ]

        files.update(import_path(f) for f in inside)

    return frozenset(files)


def _setuptools_data(tree: Tree, package: str) -> list[str]:
    """Glob patterns of the package data setuptools ships."""
    module = package.rsplit("/", 1)[-1]
    patterns: list[str] = []
    data = tree.setup_py.get("package_data")
    table = tree.table("tool", "setuptools", "package-data")

    for source in (data, table):
        if isinstance(source, dict):
            for key, globs in source.items():
                if key in ("", "*", module):
                    patterns += [f"{package}/{g}" for g in strings(globs)]

    if "project" in tree.pyproject:
        include = tree.table("tool", "setuptools").get("include-package-data", True)
    else:
        include = tree.setup_py.get(
            "include_package_data",
            setup_cfg(tree, "options").get("include_package_data", "") == "True",
        )

    if include:
        for line in (tree.text("MANIFEST.in") or "").splitlines():
            words = line.split()

            if len(words) >= 3 and words[0] == "recursive-include":
                patterns += [f"{words[1]}/*{g}" for g in words[2:]]
                patterns += [f"src/{words[1]}/*{g}" for g in words[2:]]
            elif len(words) >= 2 and words[0] == "include":
                patterns += words[1:]
            elif len(words) >= 2 and words[0] == "graft":
                patterns.append(f"{words[1]}/*")

    return patterns


def build_extras(tree: Tree) -> frozenset[str]:
    """What adds files to a wheel besides the package folder, as far as
    the build backend in use is configured to.
    """
    found: set[str] = set()
    backend = build_backend(tree) or ""

    if backend.startswith("hatchling"):
        found.update(_hatch_extras(tree))
    elif backend.startswith("setuptools"):
        found.update(_setuptools_extras(tree))
    elif backend.startswith("flit"):
        if tree.table("tool", "flit", "external-data"):
            found.add("flit external-data")
    elif backend.startswith("poetry"):
        if tree.table("tool", "poetry", "build"):
            found.add("the poetry build script")

        for key in ("include", "exclude"):
            for item in tree.table("tool", "poetry").get(key, []) or []:
                found.add(f"poetry {key} {item!r}")

    return frozenset(found)


def _hatch_extras(tree: Tree) -> set[str]:
    found: set[str] = set()
    hatch = tree.table("tool", "hatch", "build")
    wheel = hatch.get("targets", {}).get("wheel", {}) if isinstance(hatch, dict) else {}

    for where, table in (("", hatch), ("wheel ", wheel)):
        if not isinstance(table, dict):
            continue

        for hook in table.get("hooks", {}) or {}:
            found.add(f"the hatch {where}build hook {hook!r}")

        for key in ("force-include", "shared-data", "artifacts"):
            for item in table.get(key, {}) or []:
                found.add(f"hatch {where}{key} {item!r}")

    return found


def _setuptools_extras(tree: Tree) -> set[str]:
    found: set[str] = set()

    if tree.setup_py.get("cmdclass") is not None:
        found.add("setup.py cmdclass build commands")

    for key in ("ext_modules", "data_files", "cffi_modules", "rust_extensions"):
        if key in tree.setup_py:
            found.add(f"setup.py {key}")

    for key in ("data-files", "ext-modules"):
        if tree.table("tool", "setuptools", key):
            found.add(f"[tool.setuptools] {key}")

    return found
