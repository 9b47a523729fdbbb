"""The version, and where it comes from, as the build backend reads it."""

from __future__ import annotations

import ast
import re
import typing as t

from .metadata import build_backend
from .metadata import build_requires
from .metadata import setup_cfg
from .project import public_names

if t.TYPE_CHECKING:
    from .tree import Tree


#: A version, or ``None`` where it cannot be told, and where it comes from.
Version = tuple[str | None, str]


def read_version(tree: Tree) -> Version:
    """The version and where it comes from, as the build backend in use
    reads it: the config of other backends is ignored.
    """
    project = tree.table("project")
    backend = build_backend(tree) or ""

    if "version" in project and "version" not in project.get("dynamic", []):
        return str(project["version"]), "static"

    for prefix, read in _READERS:
        if backend.startswith(prefix):
            return read(tree)

    return None, "unknown"


def _flit(tree: Tree) -> Version:
    """flit_core reads ``__version__`` from the module it builds."""
    project = tree.table("project")

    if "version" not in project.get("dynamic", []) and "project" in tree.pyproject:
        return None, "unknown"

    module = (
        tree.table("tool", "flit", "module").get("name")
        or tree.table("tool", "flit", "metadata").get("module")
        or project.get("name", "")
    )
    name = re.sub(r"[-.]+", "_", str(module))
    return _from_attribute(tree, f"{name}.__version__")


def _hatch(tree: Tree) -> Version:
    source = tree.table("tool", "hatch", "version")

    if source.get("source") == "vcs":
        return None, "scm"

    if isinstance(source.get("path"), str):
        return _assigned(tree.text(source["path"]), "__version__"), "attr"

    return None, "unknown"


def _pdm(tree: Tree) -> Version:
    source = tree.table("tool", "pdm", "version")
    return None, "scm" if source.get("source") == "scm" else "unknown"


def _poetry(tree: Tree) -> Version:
    if tree.table("tool", "poetry-dynamic-versioning").get("enable") is True:
        return None, "scm"

    poetry = tree.table("tool", "poetry").get("version")
    return (poetry, "static") if isinstance(poetry, str) else (None, "unknown")


def _setuptools(tree: Tree) -> Version:
    dynamic = tree.table("project").get("dynamic", [])
    build = " ".join(build_requires(tree)).lower()

    if (
        "setuptools_scm" in build or "setuptools-scm" in build
    ) and "version" in dynamic:
        return None, "scm"

    if tree.setup_py.get("use_scm_version") not in (None, False):
        return None, "scm"

    attr = tree.table("tool", "setuptools", "dynamic", "version")

    if isinstance(attr, dict) and isinstance(attr.get("attr"), str):
        return _from_attribute(tree, attr["attr"])

    if "version" in tree.setup_py:
        value = tree.setup_py["version"]
        return (value, "static") if isinstance(value, str) else (None, "setup.py")

    return _setup_cfg_version(tree)


def _setup_cfg_version(tree: Tree) -> Version:
    cfg = setup_cfg(tree, "metadata").get("version")

    if cfg is None:
        return None, "unknown"

    if cfg.startswith(("attr:", "file:")):
        kind, _, target = cfg.partition(":")
        value = (
            _attribute_value(tree, target.strip())
            if kind == "attr"
            else (tree.text(target.strip()) or "").strip() or None
        )
        return value, "attr"

    return cfg.strip(), "static"


#: How each build backend, by the start of its module name, reads the
#: version.
_READERS: tuple[tuple[str, t.Callable[[Tree], Version]], ...] = (
    ("flit", _flit),
    ("hatchling", _hatch),
    ("pdm", _pdm),
    ("poetry", _poetry),
    ("setuptools", _setuptools),
)


def _assigned(text: str | None, name: str) -> str | None:
    """A string literal assigned to a name at a module's top level."""
    if text is None:
        return None

    try:
        module = ast.parse(text)
    except SyntaxError:
        return None

    for node in module.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue

        if any(isinstance(x, ast.Name) and x.id == name for x in targets):
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value

    return None


def _module_file(tree: Tree, dotted: str) -> str | None:
    parts = dotted.split(".")

    for root in ("src/", ""):
        for candidate in (
            f"{root}{'/'.join(parts)}/__init__.py",
            f"{root}{'/'.join(parts)}.py",
        ):
            if tree.text(candidate) is not None:
                return candidate

    return None


def _attribute_value(tree: Tree, dotted: str) -> str | None:
    module, _, name = dotted.rpartition(".")
    path = _module_file(tree, module)
    return _assigned(tree.text(path), name) if path else None


def _from_attribute(tree: Tree, dotted: str) -> tuple[str | None, str]:
    """A version read from a module attribute: ``attr`` when the module
    has the attribute, ``unknown`` when it has none (no build can read it).
    """
    module, _, name = dotted.rpartition(".")
    path = _module_file(tree, module)

    if path is None or name not in public_names(tree.text(path)):
        return None, "unknown"

    return _attribute_value(tree, dotted), "attr"
