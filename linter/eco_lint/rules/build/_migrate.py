"""The ``[project]`` metadata that the configuration of other build tools
holds, for BLD005's move to flit_core.
"""

from __future__ import annotations

import typing as t

from packaging.specifiers import InvalidSpecifier
from packaging.specifiers import SpecifierSet

from ...answers import inferred
from ...repo import Repo
from .._project import as_list
from .._project import parse_people
from .._project import spdx_license
from .._project import value_problem
from .._version import dynamic_version
from .._version import module_docstring
from ._old_config import add_url
from ._old_config import cfg_table
from ._old_config import readme_value
from ._old_config import script_tables
from ._old_config import top_readme
from ._poetry import from_poetry
from ._setuptools import dynamic_values
from ._setuptools import from_setuptools
from ._setuptools import setuptools_options


def _from_flit_metadata(repo: Repo) -> dict[str, t.Any]:
    """``[project]`` keys from flit's old ``[tool.flit.metadata]``."""
    meta = repo.tool("flit", "metadata")

    if not isinstance(meta, dict) or not meta:
        return {}

    module = str(meta.get("module", ""))
    result: dict[str, t.Any] = {"name": meta.get("dist-name", module)}
    result["description"] = module_docstring(repo, module)
    result["readme"] = readme_value(repo, meta.get("description-file"))

    for role in ("author", "maintainer"):
        if meta.get(role) or meta.get(f"{role}-email"):
            result[f"{role}s"] = parse_people(meta.get(role), meta.get(f"{role}-email"))

    urls = cfg_table(meta.get("urls", {}))

    if isinstance(meta.get("home-page"), str):
        add_url(urls, meta["home-page"])

    result["urls"] = urls or None
    result["dependencies"] = meta.get("requires")
    result["optional-dependencies"] = meta.get("requires-extra")
    result["requires-python"] = meta.get("requires-python")
    result["classifiers"] = meta.get("classifiers")
    result["keywords"] = as_list(meta.get("keywords"), comma=True)
    result["license"] = meta.get("license")
    groups = {"console_scripts": repo.tool("flit", "scripts")}
    groups.update(repo.tool("flit", "entrypoints") or {})
    result.update(script_tables({k: cfg_table(v) for k, v in groups.items() if v}))
    return {k: v for k, v in result.items() if v is not None}


def migrated_project(repo: Repo) -> dict[str, t.Any] | None:
    """The ``[project]`` keys that the other build tools' configuration
    holds, in the template's order; ``None`` when some cannot be moved.
    """
    found: dict[str, t.Any] = {}
    poetry = repo.tool("poetry")

    if isinstance(poetry, dict) and poetry:
        poetry_keys = from_poetry(poetry)

        if poetry_keys is None:
            return None

        found.update(poetry_keys)

    found.update(_from_flit_metadata(repo))
    found.update(from_setuptools(repo, setuptools_options(repo)))
    found.update(dynamic_values(repo))
    version = dynamic_version(repo)

    if version is not None:
        found["version"] = version

    name = inferred(repo).get("import_name")

    if "description" not in found and name:
        found["description"] = module_docstring(repo, str(name))

    if not found.get("readme"):
        found["readme"] = top_readme(repo)

    if isinstance(found.get("license"), str):
        found["license"] = spdx_license(repo, found["license"])

    if isinstance(found.get("requires-python"), str):
        try:
            found["requires-python"] = str(SpecifierSet(found["requires-python"]))
        except InvalidSpecifier:
            return None

    return _in_order(found)


def _in_order(found: dict[str, t.Any]) -> dict[str, t.Any] | None:
    """The keys that have a value, in the template's order; ``None`` when
    one is not valid ``[project]`` metadata.
    """
    result: dict[str, t.Any] = {}

    for key in _ORDER:
        value = found.get(key)

        if value in (None, [], {}, ""):
            continue

        if value_problem(key, value) is not None:
            return None

        result[key] = value

    return result


_ORDER = (
    "name",
    "version",
    "description",
    "readme",
    "license",
    "authors",
    "maintainers",
    "keywords",
    "classifiers",
    "requires-python",
    "dependencies",
    "urls",
    "optional-dependencies",
    "scripts",
    "gui-scripts",
    "entry-points",
)
