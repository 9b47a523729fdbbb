"""Infer the template's answers from an existing repository."""

from __future__ import annotations

import re
import typing as t

from .questions import choices
from .repo import Repo
from .template import written_if

_GITHUB = re.compile(r"github\.com/([^/\s]+)/([^/\s#?]+?)(?:\.git)?/?$")
_PYTHON = re.compile(r"\bpy(?:thon)?-?(3)\.?([0-9]{1,2})\b")
_FRAMEWORKS = {
    "flask": "flask",
    "quart": "quart",
    "click": "click",
    "jinja2": "jinja",
    "werkzeug": "werkzeug",
}


def _requirement_name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;(]", requirement.strip(), maxsplit=1)[0].lower()


def _source(repo: Repo) -> tuple[str, str] | None:
    """The GitHub owner and repository named in the project's metadata, or
    else in the git remote ``origin``.
    """
    urls = repo.project.get("urls", {})
    candidates = list(urls.values()) if isinstance(urls, dict) else []
    candidates.append(str(repo.setup_cfg.get("metadata", {}).get("url", "")))
    candidates.append(str(repo.setup_py.get("url", "")))
    remote = re.search(
        r'^\[remote "origin"\][^\[\n]*+\n(?:[^\[\n]*+\n)*?[^\S\n]*+url[^\S\n]*+='
        r"[^\S\n]*+(\S+)",
        repo.text(".git/config") or "",
        re.M,
    )

    if remote:
        candidates.append(remote.group(1).replace("git@github.com:", "github.com/"))

    for url in candidates:
        match = _GITHUB.search(str(url).strip())

        if match:
            return match.group(1), match.group(2)

    return None


def _import_name(repo: Repo) -> str | None:
    module = repo.tool("flit", "module")

    if isinstance(module, dict) and isinstance(module.get("name"), str):
        return str(module["name"])

    for pattern in (
        r"src/([a-z_][a-z0-9_]*)/__init__\.py",
        r"([a-z_][a-z0-9_]*)/__init__\.py",
    ):
        found = [m.group(1) for n in repo.files if (m := re.fullmatch(pattern, n))]
        found = [name for name in found if name not in {"tests", "docs", "examples"}]

        if len(found) == 1:
            return found[0]

    return None


def _license(repo: Repo) -> str | None:
    value = repo.project.get("license")

    if isinstance(value, dict):
        value = value.get("text")

    if isinstance(value, str) and value.strip() in (choices("license") or ()):
        return value.strip()

    for name in LICENSE_FILES:
        text = repo.text(name)

        if text is None:
            continue

        if "Permission is hereby granted, free of charge" in text:
            return "MIT"

        if "Redistribution and use in source and binary forms" in text:
            return "BSD-3-Clause"

    return None


#: A copyright line in any of its usual forms: ``Copyright (c) 2010-2012,
#: Name``, ``Copyright (C) 2010 by Name.``, ``Copyright © 2010 Name``.
_COPYRIGHT = re.compile(
    r"^[^\S\n]*+Copyright[^\S\n]++(?:\((?:c|C)\)[^\S\n]*+|©[^\S\n]*+)?"
    r"(?:([0-9]{4})(?:[^\S\n]*+[-–,][^\S\n]*+(?:[0-9]{4}|present))*,?[^\S\n]++)?"
    r"(?:by[^\S\n]++)?(.+)",
    re.M,
)

#: Licence files, in the order they are read.
LICENSE_FILES = ("LICENSE.txt", "LICENSE", "LICENSE.rst", "LICENSE.md", "COPYING")


def _holder(text: str) -> str:
    """The holder at the end of a copyright line, without its final dot."""
    text = text.rstrip()
    return (text[:-1] if len(text) > 1 and text.endswith(".") else text).strip()


def copyright_lines(repo: Repo) -> list[tuple[str | None, str]]:
    """The year (if it has one) and holder of every copyright line of the
    licence file.
    """
    for name in LICENSE_FILES:
        found = [
            (m.group(1), _holder(m.group(2)))
            for m in _COPYRIGHT.finditer(repo.text(name) or "")
            if not m.group(2).lower().startswith(("notice", "holder"))
        ]

        if found:
            return found

    return []


def _copyright(repo: Repo) -> tuple[str | None, str] | None:
    """The first year and the holders of the licence's copyright lines."""
    found = copyright_lines(repo)

    if not found:
        return None

    holders = list(dict.fromkeys(holder for _, holder in found))
    years = [year for year, _ in found if year]
    return min(years, default=None), ", ".join(holders)


_VERSION_ASSIGN = re.compile(
    r"^__version__\s*(?::\s*str\s*)?=\s*[\"']([^\"']+)[\"']", re.M
)


def _version(repo: Repo, import_name: str | None) -> str | None:
    """The version the project declares as a literal: in ``[project]``,
    ``setup.cfg``, ``setup.py`` or the package's ``__version__``.
    """
    for value in (
        repo.project.get("version"),
        repo.setup_cfg.get("metadata", {}).get("version"),
        repo.setup_py.get("version"),
    ):
        if isinstance(value, str) and re.fullmatch(r"[0-9][0-9A-Za-z.+-]*", value):
            return value

    if import_name:
        for name in (f"src/{import_name}/__init__.py", f"{import_name}/__init__.py"):
            match = _VERSION_ASSIGN.search(repo.text(name) or "")

            if match:
                return match.group(1)

    return None


def _maintainer(repo: Repo) -> tuple[str | None, str | None]:
    """The first maintainer's (else author's) name and email, as declared."""
    for key in ("maintainers", "authors"):
        people = repo.project.get(key)

        if isinstance(people, list) and people and isinstance(people[0], dict):
            name, email = people[0].get("name"), people[0].get("email")
            return (
                str(name) if name else None,
                str(email) if email else None,
            )

    sources = (repo.setup_cfg.get("metadata", {}), repo.setup_py)

    for role in ("maintainer", "author"):
        for source in sources:
            name = source.get(role)

            if isinstance(name, str) and name.strip():
                email = source.get(f"{role}_email")
                email = email.strip() if isinstance(email, str) else None
                return name.strip(), email or None

    return None, None


def _python_range(repo: Repo) -> tuple[str | None, str | None]:
    low = None
    requires = (
        repo.project.get("requires-python")
        or repo.setup_cfg.get("options", {}).get("python_requires")
        or repo.setup_py.get("python_requires")
        or ""
    )
    match = re.search(r">=?\s*3\.([0-9]+)", str(requires))

    if match:
        low = f"3.{match.group(1)}"

    versions: set[int] = set()
    classifiers = repo.project.get("classifiers") or repo.setup_py.get("classifiers")

    for classifier in classifiers if isinstance(classifiers, list) else []:
        found = re.fullmatch(
            r"Programming Language :: Python :: 3\.([0-9]+)", str(classifier)
        )

        if found:
            versions.add(int(found.group(1)))

    tox = repo.tool("tox")
    env_list = tox.get("env_list") if isinstance(tox, dict) else None
    tested = env_list if isinstance(env_list, list) else []

    for item in [*tested, *(f"py{v}" for v in _matrix_pythons(repo))]:
        found = _PYTHON.search(str(item))

        if found:
            versions.add(int(found.group(2)))

    high = f"3.{max(versions)}" if versions else None

    if low is None and versions:
        # Without a declared floor, the oldest version the project tests or
        # names is the one it supports.
        low = f"3.{min(versions)}"

    return low, high


def _matrix_pythons(repo: Repo) -> list[str]:
    result: list[str] = []

    for workflow in repo.workflows.values():
        for job in (workflow.get("jobs") or {}).values():
            matrix = ((job or {}).get("strategy") or {}).get("matrix") or {}

            if not isinstance(matrix, dict):
                continue

            rows = matrix.get("include")
            values = matrix.get("python") or matrix.get("python-version")
            rows, values = (v if isinstance(v, list) else [] for v in (rows, values))
            result += [
                str(r["python"]) for r in rows if isinstance(r, dict) and "python" in r
            ]
            result += [str(value) for value in values]

    return result


def scm_version(repo: Repo) -> str | None:
    """The tool that computes the version from git tags, if one does."""
    build = repo.pyproject.get("build-system", {})
    requires = " ".join(map(str, build.get("requires", [])))
    tools = repo.pyproject.get("tool", {})
    scripts = " ".join(repo.text(name) or "" for name in ("setup.py", "setup.cfg"))
    found = {
        "setuptools_scm": "setuptools_scm" in requires.replace("-", "_")
        or "use_scm_version" in scripts
        or "setuptools_scm" in tools,
        "hatch-vcs": "hatch-vcs" in requires
        or repo.tool("hatch", "version", "source") == "vcs",
        "pdm-backend scm": repo.tool("pdm", "version", "source") == "scm",
        "poetry-dynamic-versioning": "poetry-dynamic-versioning" in requires,
        "versioneer": repo.is_file("versioneer.py"),
    }
    return next((tool for tool, used in found.items() if used), None)


def inferred(repo: Repo) -> dict[str, t.Any]:
    """The answers a repository tells (see :func:`infer_answers`), worked
    out once per repository.
    """
    return repo.derived(infer_answers)


def infer_answers(repo: Repo) -> dict[str, t.Any]:
    """Answers for the template's questions that the repository tells.
    Questions it does not tell are left out, so that their defaults apply.
    """
    answers = _names(repo)
    import_name = _import_name(repo)

    if import_name:
        answers["import_name"] = import_name

    answers.update(_where(repo))
    answers.update(_description(repo))
    answers.update(_licence(repo))
    answers.update(_maintainer_answers(repo))
    version = _version(repo, import_name)

    if version:
        answers["version"] = version

    answers.update(_dev_status(repo))
    answers.update(_pythons(repo))
    answers.update(_dependencies(repo))
    answers.update(_scripts(repo, import_name))
    answers.update(_formats(repo))
    return answers


def _names(repo: Repo) -> dict[str, t.Any]:
    """The distribution's name, and the project's as the docs call it."""
    project = repo.project
    metadata = repo.setup_cfg.get("metadata", {})
    dist = project.get("name") or metadata.get("name") or repo.setup_py.get("name")
    answers: dict[str, t.Any] = {}

    if isinstance(dist, str):
        answers["dist_name"] = dist

    conf = repo.text("docs/conf.py") or ""
    match = re.search(r"^project\s*=\s*[\"']([^\"']+)[\"']", conf, re.M)

    if match:
        answers["project_name"] = match.group(1)
    elif isinstance(dist, str):
        answers["project_name"] = dist

    return answers


def _where(repo: Repo) -> dict[str, t.Any]:
    """The organization and repository on GitHub."""
    source = _source(repo)

    if not source:
        return {}

    org, name = source
    return {"org": org, "repo_name": name}


def _description(repo: Repo) -> dict[str, t.Any]:
    """The one-line description, ending with a full stop."""
    description = (
        repo.project.get("description")
        or repo.setup_cfg.get("metadata", {}).get("description")
        or repo.setup_py.get("description")
    )

    if not (isinstance(description, str) and description.strip()):
        return {}

    text = description.strip()
    return {"description": text if text.endswith(".") else f"{text}."}


def _licence(repo: Repo) -> dict[str, t.Any]:
    """The licence, and who holds the copyright since when."""
    answers: dict[str, t.Any] = {}
    license = _license(repo)

    if license:
        answers["license"] = license

    holder = _copyright(repo)

    if holder:
        year, answers["copyright_holder"] = holder

        if year:
            answers["copyright_year"] = year

    return answers


def _maintainer_answers(repo: Repo) -> dict[str, t.Any]:
    """The maintainer's name and email."""
    maintainer_name, maintainer_email = _maintainer(repo)

    if not maintainer_name:
        return {}

    # A person's name never gets the organization's contact address.
    return {
        "maintainer_name": maintainer_name,
        "maintainer_email": maintainer_email or "",
    }


def _dev_status(repo: Repo) -> dict[str, t.Any]:
    """The development status, from the last classifier that tells it."""
    answers: dict[str, t.Any] = {}

    for classifier in repo.project.get("classifiers", []):
        if str(classifier).startswith("Development Status :: "):
            answers["dev_status"] = str(classifier).partition(" :: ")[2]

    return answers


def _pythons(repo: Repo) -> dict[str, t.Any]:
    """The oldest and newest Python versions supported."""
    low, high = _python_range(repo)
    found = {"python_min": low, "python_max": high}
    return {name: value for name, value in found.items() if value}


def _dependencies(repo: Repo) -> dict[str, t.Any]:
    """The runtime dependencies, and the framework the first known one is."""
    project = repo.project
    dependencies = project.get("dependencies", [] if project else None)

    if not project:
        listed = repo.setup_py.get("install_requires")

        if isinstance(listed, list):
            dependencies = listed
        elif "install_requires" in repo.setup_cfg.get("options", {}):
            text = repo.setup_cfg["options"]["install_requires"]
            dependencies = [line.strip() for line in text.splitlines() if line.strip()]

    if not isinstance(dependencies, list):
        return {}

    frameworks = (_FRAMEWORKS.get(_requirement_name(str(d))) for d in dependencies)
    return {
        "dependencies": [str(d) for d in dependencies],
        "framework": next((f for f in frameworks if f), "none"),
    }


def _scripts(repo: Repo, import_name: str | None) -> dict[str, t.Any]:
    """The scripts the template makes: those that run ``cli:main``; others
    stay the project's own.
    """
    scripts = repo.project.get("scripts")

    if not isinstance(scripts, dict):
        return {}

    target = f"{import_name}.cli:main"
    return {"scripts": sorted(k for k, v in scripts.items() if v == target)}


def _formats(repo: Repo) -> dict[str, t.Any]:
    """The docs' and changelog's markup, and the optional parts the
    repository has.
    """
    answers: dict[str, t.Any] = {}

    if repo.is_file("docs/index.md"):
        answers["docs_format"] = "myst"
    elif repo.is_file("docs/index.rst"):
        answers["docs_format"] = "rst"

    if repo.is_file("CHANGES.md"):
        answers["changes_format"] = "md"
    elif repo.is_file("CHANGES.rst"):
        answers["changes_format"] = "rst"

    answers["devcontainer"] = repo.is_dir(".devcontainer")
    answers["template_updates"] = any(
        repo.is_file(name) for name in written_if("template_updates")
    )
    return answers


def how_tests_run(repo: Repo) -> dict[str, tuple[t.Any, str]]:
    """How the project runs its tests today, as answers, each with where
    it was read: the folder pytest collects (its one ``testpaths``, else
    the folder holding every test module) and whether warnings are errors
    (a filter ``error``). Adoption records these instead of a new project's
    defaults, so that the render keeps the project's settings.
    """
    import posixpath

    from .facts import pytest_modules
    from .facts import pytest_settings

    paths, filters = pytest_settings(repo)
    found: dict[str, tuple[t.Any, str]] = {
        "warnings_as_errors": ("error" in filters, "inferred from filterwarnings")
    }
    folders = {name.rpartition("/")[0] for name in pytest_modules(repo)}

    if len(paths) == 1:
        found["tests_path"] = (paths[0].strip("/"), "inferred from testpaths")
    elif not paths and folders and "" not in folders:
        common = posixpath.commonpath(sorted(folders))

        if common:
            found["tests_path"] = (common, "inferred from the test modules")

    return found
