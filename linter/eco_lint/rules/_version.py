"""Where a project keeps its version: ``[project]``, the build backend's
dynamic version, ``__version__`` in the package, the changelog; read from
the source, never by running it.
"""

from __future__ import annotations

import ast
import re
import typing as t

from ..answers import inferred
from ..repo import Repo
from ._facts import backend


def package_init(repo: Repo) -> str | None:
    name = inferred(repo).get("import_name")

    for path in (f"src/{name}/__init__.py", f"{name}/__init__.py"):
        if name and repo.is_file(path):
            return path

    return None


def assigns(source: str, name: str) -> list[ast.Assign | ast.AnnAssign]:
    """The module-level statements that assign to ``name``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []

    found: list[ast.Assign | ast.AnnAssign] = []

    for node in tree.body:
        targets: list[ast.expr]

        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            continue

        if any(isinstance(n, ast.Name) and n.id == name for n in targets):
            found.append(node)

    return found


def assignments(source: str, name: str) -> list[tuple[int, int]]:
    """The first and last line (from 1) of each module-level assignment
    to ``name``.
    """
    return [
        (node.lineno, node.end_lineno or node.lineno) for node in assigns(source, name)
    ]


# Values the fixes read ---------------------------------------------------


def literal(source: str | None, name: str) -> str | None:
    """The string a module assigns to ``name`` at its top level."""
    for node in assigns(source or "", name):
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return node.value.value

    return None


def module_file(repo: Repo, module: str) -> str | None:
    """The file of a module named with dots, under ``src/`` or at the top."""
    base = module.strip().replace(".", "/")

    for prefix in ("src/", ""):
        for path in (f"{prefix}{base}/__init__.py", f"{prefix}{base}.py"):
            if repo.is_file(path):
                return path

    return None


def attr_value(repo: Repo, reference: str) -> str | None:
    """The string at ``module.attribute``, read from the module's source."""
    module, _, name = reference.strip().rpartition(".")
    path = module_file(repo, module) if module else None
    return literal(repo.text(path), name) if path else None


def module_docstring(repo: Repo, module: str) -> str | None:
    """The first line of a module's docstring."""
    path = module_file(repo, module)

    try:
        tree = ast.parse(repo.text(path) or "") if path else None
    except SyntaxError:
        return None

    doc = ast.get_docstring(tree) if tree else None
    return doc.strip().splitlines()[0].strip() if doc and doc.strip() else None


def file_text(repo: Repo, value: object) -> str | None:
    paths = value if isinstance(value, list) else [value]
    texts = [repo.text(str(p)) for p in paths]

    if not texts or None in texts:
        return None

    return "\n".join(t.cast("list[str]", texts)).strip()


def changelog_version(repo: Repo) -> str | None:
    """``X.Y.Z`` from the changelog's top section, ``X.Y.Z.dev`` when it
    is unreleased, as the release steps keep them in step.
    """
    for path in ("CHANGES.rst", "CHANGES.md"):
        text = repo.text(path)

        if text is None:
            continue

        match = re.search(
            r"^(?:## )?Version ([0-9]+\.[0-9]+\.[0-9]+)(?:[^\S\n]*+\n)++"
            r"(?:-++(?:[^\S\n]*+\n)++)?\s*+(\S.*)",
            text,
            re.M,
        )

        if match:
            unreleased = match.group(2).strip() == "Unreleased"
            return f"{match.group(1)}.dev" if unreleased else match.group(1)

    return None


def dynamic_version(repo: Repo) -> str | None:
    """The version a build backend would compute: from
    ``[tool.setuptools.dynamic]``, ``setup.cfg``, ``setup.py``, hatch,
    pdm, or flit's module ``__version__``.
    """
    dynamic = repo.tool("setuptools", "dynamic")
    spec = dynamic.get("version") if isinstance(dynamic, dict) else None

    if isinstance(spec, dict) and isinstance(spec.get("attr"), str):
        return attr_value(repo, spec["attr"])

    if isinstance(spec, dict) and "file" in spec:
        return file_text(repo, spec["file"])

    cfg = repo.setup_cfg.get("metadata", {}).get("version", "").strip()

    if cfg.startswith("attr:"):
        return attr_value(repo, cfg[5:])

    if cfg.startswith("file:"):
        return file_text(repo, [p.strip() for p in cfg[5:].split(",")])

    if cfg:
        return cfg

    if isinstance(repo.setup_py.get("version"), str):
        return str(repo.setup_py["version"])

    for tool in ("hatch", "pdm"):
        source = repo.tool(tool, "version")

        if isinstance(source, dict) and isinstance(source.get("path"), str):
            return literal(repo.text(source["path"]), "__version__")

    for module in (repo.tool("flit", "metadata"), repo.tool("flit", "module")):
        name = module.get("module", module.get("name"))

        if isinstance(name, str) and module_file(repo, name):
            return attr_value(repo, f"{name}.__version__")

    return None


def find_version(repo: Repo) -> str | None:
    """The project's version: static, else as the backend computes it,
    else ``__version__`` in the package, else the changelog's.
    """
    version = repo.project.get("version")

    if isinstance(version, str):
        return version

    init = package_init(repo)
    return (
        dynamic_version(repo)
        or (literal(repo.text(init), "__version__") if init else None)
        or changelog_version(repo)
    )


def scm_refusal(repo: Repo) -> str | None:
    """Why a version from git tags cannot be made static or moved to
    flit_core, or ``None`` when the version does not come from git.
    """
    from ..answers import scm_version

    tool = scm_version(repo)

    if tool is None:
        return None

    return (
        f"the version comes from git tags through {tool}, and {backend().name} reads a"
        " dynamic version only from __version__ in the module: keep the build"
        " backend, or move to a static version by hand"
    )
