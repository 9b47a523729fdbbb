"""Reading setuptools' configuration: ``setup.cfg``, the literal arguments
of ``setup.py`` and ``[tool.setuptools.dynamic]``.
"""

from __future__ import annotations

import typing as t

from ...repo import Repo
from .._project import as_list
from .._project import parse_people
from ._old_config import add_url
from ._old_config import cfg_lines
from ._old_config import cfg_table
from ._old_config import entry_point_groups
from ._old_config import readme_value
from ._old_config import requirements_file
from ._old_config import script_tables


def setuptools_options(repo: Repo) -> dict[str, t.Any]:
    """The setuptools keywords of setup.cfg, then setup.py's literal ones,
    which setuptools lets override them.
    """
    cfg = repo.setup_cfg
    options: dict[str, t.Any] = {
        **cfg.get("metadata", {}),
        **cfg.get("options", {}),
    }

    if "options.extras_require" in cfg:
        options["extras_require"] = {
            k: cfg_lines(v) for k, v in cfg["options.extras_require"].items()
        }

    if "options.entry_points" in cfg:
        options["entry_points"] = cfg["options.entry_points"]

    options.update({k: v for k, v in repo.setup_py.items() if v is not ...})
    return options


def from_setuptools(repo: Repo, kw: dict[str, t.Any]) -> dict[str, t.Any]:
    """``[project]`` keys from setuptools keywords."""
    return {**_described(repo, kw), **_linked_and_required(repo, kw)}


def _described(repo: Repo, kw: dict[str, t.Any]) -> dict[str, t.Any]:
    """The name, summary, readme, licence, people, classifiers and keywords
    of setuptools keywords.
    """
    result: dict[str, t.Any] = {}

    if isinstance(kw.get("name"), str):
        result["name"] = kw["name"].strip()

    summary = kw.get("description", kw.get("summary"))

    if isinstance(summary, str) and summary.strip():
        result["description"] = " ".join(summary.split())

    long = kw.get("long_description")

    if isinstance(long, str) and long.strip().startswith("file:"):
        first = long.strip()[5:].split(",")[0]
        result["readme"] = readme_value(
            repo, first, kw.get("long_description_content_type")
        )

    if isinstance(kw.get("license"), str):
        result["license"] = kw["license"]

    for role in ("author", "maintainer"):
        if kw.get(role) or kw.get(f"{role}_email"):
            result[f"{role}s"] = parse_people(kw.get(role), kw.get(f"{role}_email"))

    for key, comma in (("classifiers", False), ("keywords", True)):
        if key in kw:
            result[key] = as_list(kw[key], comma)

    return result


def _linked_and_required(repo: Repo, kw: dict[str, t.Any]) -> dict[str, t.Any]:
    """The URLs, Python and requirements, and entry points of setuptools
    keywords.
    """
    result: dict[str, t.Any] = {}
    urls = cfg_table(kw.get("project_urls", {}))

    for key, label in (
        ("url", None),
        ("home_page", None),
        ("download_url", "Download"),
    ):
        url = kw.get(key)

        if isinstance(url, str) and url.strip():
            add_url(urls, url.strip(), label)

    if urls:
        result["urls"] = urls

    if isinstance(kw.get("python_requires"), str):
        result["requires-python"] = kw["python_requires"]

    requires = kw.get("install_requires")

    if isinstance(requires, str) and requires.strip().startswith("file:"):
        result["dependencies"] = requirements_file(repo, requires.strip()[5:])
    elif requires is not None:
        result["dependencies"] = cfg_lines(requires)

    extras = kw.get("extras_require")

    if isinstance(extras, dict):
        result["optional-dependencies"] = {
            str(k): cfg_lines(v) for k, v in extras.items()
        }

    result.update(script_tables(entry_point_groups(kw.get("entry_points"))))
    return result


def dynamic_values(repo: Repo) -> dict[str, t.Any]:
    """Values of ``[project] dynamic`` keys from ``[tool.setuptools.dynamic]``."""
    dynamic = repo.tool("setuptools", "dynamic")
    result: dict[str, t.Any] = {}

    if not isinstance(dynamic, dict):
        return result

    readme = dynamic.get("readme")

    if isinstance(readme, dict) and isinstance(readme.get("file"), (str, list)):
        files = readme["file"]
        first = files[0] if isinstance(files, list) and files else files
        result["readme"] = readme_value(repo, first, readme.get("content-type"))

    for key in ("dependencies", "optional-dependencies"):
        spec = dynamic.get(key)

        if key == "dependencies" and isinstance(spec, dict):
            files = spec.get("file")
            files = [files] if isinstance(files, str) else files or []
            result[key] = requirements_file(repo, ",".join(map(str, files)))
        elif isinstance(spec, dict):
            groups = {}

            for extra, value in spec.items():
                files = value.get("file") if isinstance(value, dict) else None
                files = [files] if isinstance(files, str) else files or []
                groups[extra] = requirements_file(repo, ",".join(map(str, files)))

            result[key] = groups if None not in groups.values() else None

    return {k: v for k, v in result.items() if v is not None}
