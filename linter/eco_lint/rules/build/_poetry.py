"""Reading Poetry's configuration, and the dev dependencies of Poetry, PDM
and Rye.
"""

from __future__ import annotations

import re
import typing as t

from packaging.specifiers import InvalidSpecifier
from packaging.specifiers import SpecifierSet

from ...repo import Repo
from .._project import as_list
from .._project import parse_people
from .._project import value_problem
from ._old_config import add_url
from ._old_config import cfg_table


def poetry_requirement(name: str, spec: object) -> str | None:
    """A PEP 508 requirement from a Poetry dependency, lower bound only as
    Pallets writes them; ``None`` for git, path and URL dependencies.
    """
    extras: list[str] = []
    marker = ""

    if isinstance(spec, dict):
        if set(spec) - {"version", "extras", "markers", "optional"}:
            return None

        extras = [str(e) for e in spec.get("extras", [])]
        marker = str(spec.get("markers", ""))
        spec = spec.get("version", "*")

    version = poetry_version(str(spec))

    if version is None:
        return None

    extra = f"[{','.join(extras)}]" if extras else ""
    text = f"{name}{extra}{version}" + (f" ; {marker}" if marker else "")
    return text if value_problem("dependencies", [text]) is None else None


def poetry_version(spec: str) -> str | None:
    """A PEP 440 specifier from a Poetry constraint: ``^1.2`` and ``~1.2``
    become ``>=1.2``, a bare version pins it.
    """
    spec = spec.strip()

    if spec in {"", "*"}:
        return ""

    if "||" in spec or "|" in spec:
        return None

    if spec[0] in "^~" and spec[1:2] != "=":
        return f">={spec[1:].strip()}"

    if spec[0].isdigit():
        spec = f"=={spec}"

    try:
        # Each run of separators is tried once, from its start: linear.
        joined = re.sub(r"(?<![\s,])[\s,]*\s(?=[<>=!~])", ",", spec)
        return str(SpecifierSet(joined))
    except InvalidSpecifier:
        return None


def from_poetry(poetry: dict[str, t.Any]) -> dict[str, t.Any] | None:
    """``[project]`` keys from ``[tool.poetry]``; ``None`` when a
    dependency cannot be written as a requirement.
    """
    required = _required(poetry)

    if required is None:
        return None

    result = {**_described(poetry), **required}
    scripts = poetry.get("scripts", {})

    if isinstance(scripts, dict) and scripts:
        if not all(isinstance(v, str) for v in scripts.values()):
            return None

        result["scripts"] = dict(scripts)

    return result


def _described(poetry: dict[str, t.Any]) -> dict[str, t.Any]:
    """The name, version, summary, licence, readme, people, keywords,
    classifiers and URLs of ``[tool.poetry]``.
    """
    result: dict[str, t.Any] = {}

    for key in ("name", "version", "description", "license"):
        if isinstance(poetry.get(key), str):
            result[key] = poetry[key]

    readme = poetry.get("readme")
    readme = readme[0] if isinstance(readme, list) and readme else readme

    if isinstance(readme, str):
        result["readme"] = readme

    for key in ("authors", "maintainers"):
        if poetry.get(key):
            result[key] = parse_people(poetry[key])

    for key in ("keywords", "classifiers"):
        if key in poetry:
            result[key] = as_list(poetry[key])

    urls = cfg_table(poetry.get("urls", {}))

    for key, label in (
        ("homepage", None),
        ("documentation", "Documentation"),
        ("repository", "Source"),
    ):
        url = poetry.get(key)

        if isinstance(url, str):
            add_url(urls, url, label)

    if urls:
        result["urls"] = urls

    return result


def _required(poetry: dict[str, t.Any]) -> dict[str, t.Any] | None:
    """``requires-python``, ``dependencies`` and ``optional-dependencies``
    from Poetry's dependencies; ``None`` when one cannot be written as a
    requirement.
    """
    result: dict[str, t.Any] = {}
    dependencies = poetry.get("dependencies", {})
    optional: dict[str, str] = {}
    required: list[str] = []

    for name, spec in dependencies.items() if isinstance(dependencies, dict) else ():
        if name == "python":
            version = poetry_version(str(spec))

            if version is None:
                return None

            if version:
                result["requires-python"] = version

            continue

        requirement = poetry_requirement(name, spec)

        if requirement is None:
            return None

        if isinstance(spec, dict) and spec.get("optional"):
            optional[name] = requirement
        else:
            required.append(requirement)

    if required:
        result["dependencies"] = required

    extras = poetry.get("extras", {})

    if isinstance(extras, dict) and extras:
        result["optional-dependencies"] = {
            extra: [optional[n] for n in names if n in optional]
            for extra, names in extras.items()
        }

    return result


def dependency_groups(repo: Repo) -> dict[str, list[str]]:
    """Development dependency groups of Poetry, PDM and Rye, as
    ``[dependency-groups]``; a group that cannot be written is left out.
    """
    groups: dict[str, list[str]] = {}
    poetry = repo.tool("poetry")
    tables = {"dev": poetry.get("dev-dependencies")} if isinstance(poetry, dict) else {}

    for name, group in (poetry.get("group") or {}).items() if tables else ():
        if isinstance(group, dict):
            tables[name] = group.get("dependencies")

    for name, table in tables.items():
        if isinstance(table, dict):
            requirements = [poetry_requirement(k, v) for k, v in table.items()]

            if None not in requirements:
                groups[name] = t.cast("list[str]", requirements)

    pdm = repo.tool("pdm", "dev-dependencies")

    for name, items in pdm.items() if isinstance(pdm, dict) else ():
        if as_list(items):
            groups.setdefault(name, as_list(items) or [])

    rye = as_list(
        repo.tool("rye").get("dev-dependencies")
        if isinstance(repo.tool("rye"), dict)
        else None
    )

    if rye:
        groups.setdefault("dev", rye)

    return {
        k: v
        for k, v in groups.items()
        if v and value_problem("dependencies", v) is None
    }
