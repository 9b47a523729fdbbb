"""The distribution's metadata: name, Python range, build backend,
dependencies, extras, entry points, and what keeps it from building.
"""

from __future__ import annotations

import fnmatch
import re
import typing as t

if t.TYPE_CHECKING:
    from .tree import Tree


def normalize_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def setup_cfg(tree: Tree, section: str) -> dict[str, str]:
    return tree.ini("setup.cfg").get(section, {})


def listing(value: str) -> list[str]:
    """A setup.cfg list: one per line, or separated by ``;``/``,``."""
    lines = [line.strip() for line in value.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def distribution_name(tree: Tree) -> str | None:
    for value in (
        tree.table("project").get("name"),
        tree.table("tool", "poetry").get("name"),
        tree.setup_py.get("name"),
        setup_cfg(tree, "metadata").get("name"),
    ):
        if isinstance(value, str) and value:
            return normalize_name(value)

    return None


def requires_python(tree: Tree) -> str | None:
    for value in (
        tree.table("project").get("requires-python"),
        tree.setup_py.get("python_requires"),
        setup_cfg(tree, "options").get("python_requires"),
    ):
        if isinstance(value, str):
            return re.sub(r"\s+", "", value)

    return None


def build_requires(tree: Tree) -> list[str]:
    requires = tree.table("build-system").get("requires", [])
    return [str(r) for r in requires] if isinstance(requires, list) else []


def build_backend(tree: Tree) -> str | None:
    backend = tree.table("build-system").get("build-backend")

    if isinstance(backend, str):
        return backend

    if tree.text("setup.py") is not None or tree.text("setup.cfg") is not None:
        return "setuptools.build_meta:__legacy__"

    return None


def requirement(text: str) -> str:
    """A requirement in one spelling: name, sorted extras, sorted
    specifiers and the marker as packaging writes it.
    """
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement

    try:
        req = Requirement(text)
    except InvalidRequirement:
        return re.sub(r"\s+", "", text).lower()

    extras = f"[{','.join(sorted(req.extras))}]" if req.extras else ""
    specs = ",".join(sorted(str(s) for s in req.specifier))
    marker = f"; {req.marker}" if req.marker else ""
    url = f" @ {req.url}" if req.url else ""
    return f"{normalize_name(req.name)}{extras}{specs}{url}{marker}"


def strings(value: t.Any) -> list[str]:
    if isinstance(value, str):
        return listing(value)

    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if isinstance(v, str)]

    return []


def dependencies(tree: Tree) -> frozenset[str]:
    project = tree.table("project")
    found: list[str] = []

    if "dependencies" in project or "dependencies" in project.get("dynamic", []):
        found += strings(project.get("dependencies", []))
    elif "install_requires" in tree.setup_py:
        value = tree.setup_py["install_requires"]
        found += strings(value) if value is not ... else ["<computed in setup.py>"]
    elif "install_requires" in setup_cfg(tree, "options"):
        found += listing(setup_cfg(tree, "options")["install_requires"])

    poetry = tree.table("tool", "poetry", "dependencies")

    if isinstance(poetry, dict):
        found += [
            f"{normalize_name(n)} (poetry)" for n in poetry if n.lower() != "python"
        ]

    return frozenset(
        r if r.startswith("<") or r.endswith(" (poetry)") else requirement(r)
        for r in found
    )


def optional_dependencies(tree: Tree) -> frozenset[str]:
    extras: dict[str, t.Any] = {}
    table = tree.table("project", "optional-dependencies")

    if isinstance(table, dict) and table:
        extras = table
    elif isinstance(tree.setup_py.get("extras_require"), dict):
        extras = tree.setup_py["extras_require"]
    elif "options.extras_require" in tree.ini("setup.cfg"):
        extras = tree.ini("setup.cfg")["options.extras_require"]

    return frozenset(
        f"{normalize_name(extra)}: {requirement(req)}"
        for extra, reqs in extras.items()
        for req in strings(reqs)
    )


def entry_points(tree: Tree) -> frozenset[str]:
    groups: dict[str, dict[str, str]] = {}
    project = tree.table("project")

    for key, group in (("scripts", "console_scripts"), ("gui-scripts", "gui_scripts")):
        if isinstance(project.get(key), dict):
            groups.setdefault(group, {}).update(project[key])

    for group, items in (project.get("entry-points") or {}).items():
        if isinstance(items, dict):
            groups.setdefault(group, {}).update(items)

    poetry = tree.table("tool", "poetry", "scripts")

    if isinstance(poetry, dict):
        groups.setdefault("console_scripts", {}).update(
            {k: v for k, v in poetry.items() if isinstance(v, str)}
        )

    setup_eps = tree.setup_py.get("entry_points")

    if isinstance(setup_eps, dict):
        for group, items in setup_eps.items():
            for item in strings(items):
                name, _, value = item.partition("=")
                groups.setdefault(group, {})[name.strip()] = value.strip()

    for section, items in tree.ini("setup.cfg").items():
        if section == "options.entry_points":
            for group, value in items.items():
                for item in listing(value):
                    name, _, target = item.partition("=")
                    groups.setdefault(group, {})[name.strip()] = target.strip()

    return frozenset(
        f"{group}: {name} = {''.join(str(value).split())}"
        for group, items in groups.items()
        for name, value in items.items()
    )


def build_errors(tree: Tree) -> frozenset[str]:
    project = tree.table("project")
    named = [str(p) for p in project.get("license-files", []) or []]
    licence = project.get("license")

    if isinstance(licence, dict) and isinstance(licence.get("file"), str):
        named.append(licence["file"])

    errors = {
        f"{path} is named as a licence file and does not exist"
        for path in named
        if not any(fnmatch.fnmatch(f, path) for f in tree.files)
    }
    # Without [build-system], pip and uv build [project] with setuptools,
    # which rejects them too since PEP 639.
    backend = build_backend(tree) or ("setuptools" if project else "")
    rejects = {"flit": "flit_core", "setuptools": "setuptools"}.get(
        backend.partition(".")[0].partition("_")[0]
    )

    if rejects and isinstance(licence, str):
        errors.update(
            f"{rejects} rejects the classifier {c!r} beside a licence expression"
            for c in project.get("classifiers", []) or []
            if str(c).startswith("License ::")
        )

    errors.update(
        f"{key} is both set and dynamic in [project]"
        for key in project.get("dynamic", []) or []
        if key in project
    )
    return frozenset(errors)
