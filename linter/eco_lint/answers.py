"""Infer the template's answers from an existing repository."""

from __future__ import annotations

import re
import typing as t

from .repo import Repo

_GITHUB = re.compile(r"github\.com/([^/\s]+)/([^/\s#?]+?)(?:\.git)?/?$")
_PYTHON = re.compile(r"\bpy(?:thon)?-?(3)\.?(1[0-9])\b")
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
    urls = repo.project.get("urls", {})
    candidates = list(urls.values()) if isinstance(urls, dict) else []
    candidates.append(str(repo.setup_cfg.get("metadata", {}).get("url", "")))

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

    if isinstance(value, str) and value.strip() in {"BSD-3-Clause", "MIT"}:
        return value.strip()

    for name in ("LICENSE.txt", "LICENSE", "LICENSE.rst", "LICENSE.md"):
        text = repo.text(name)

        if text is None:
            continue

        if "Permission is hereby granted, free of charge" in text:
            return "MIT"

        if "Redistribution and use in source and binary forms" in text:
            return "BSD-3-Clause"

    return None


def _copyright(repo: Repo) -> tuple[str, str] | None:
    for name in ("LICENSE.txt", "LICENSE", "LICENSE.rst", "LICENSE.md"):
        text = repo.text(name) or ""
        match = re.search(
            r"^Copyright (?:\(c\) )?([0-9]{4})(?:-[0-9]{4})?,? (.+?)\.?$", text, re.M
        )

        if match:
            return match.group(1), match.group(2).strip().removeprefix("by ")

    return None


def _python_range(repo: Repo) -> tuple[str | None, str | None]:
    low = None
    requires = repo.project.get("requires-python") or repo.setup_cfg.get(
        "options", {}
    ).get("python_requires", "")
    match = re.search(r">=\s*3\.([0-9]+)", str(requires))

    if match:
        low = f"3.{match.group(1)}"

    versions: set[int] = set()
    env_list = (
        repo.tool("tox").get("env_list", [])
        if isinstance(repo.tool("tox"), dict)
        else []
    )

    for item in [*env_list, *(f"py{v}" for v in _matrix_pythons(repo))]:
        found = _PYTHON.search(str(item))

        if found:
            versions.add(int(found.group(2)))

    high = f"3.{max(versions)}" if versions else None
    return low, high


def _matrix_pythons(repo: Repo) -> list[str]:
    result: list[str] = []

    for workflow in repo.workflows.values():
        for job in (workflow.get("jobs") or {}).values():
            matrix = ((job or {}).get("strategy") or {}).get("matrix") or {}

            if not isinstance(matrix, dict):
                continue

            for row in matrix.get("include") or []:
                if isinstance(row, dict) and "python" in row:
                    result.append(str(row["python"]))

            for value in matrix.get("python") or matrix.get("python-version") or []:
                result.append(str(value))

    return result


def infer_answers(repo: Repo) -> dict[str, t.Any]:
    """Answers for the template's questions that the repository tells.
    Questions it does not tell are left out, so that their defaults apply.
    """
    project = repo.project
    metadata = repo.setup_cfg.get("metadata", {})
    answers: dict[str, t.Any] = {}

    dist = project.get("name") or metadata.get("name") or repo.setup_py.get("name")

    if isinstance(dist, str):
        answers["dist_name"] = dist

    conf = repo.text("docs/conf.py") or ""
    match = re.search(r"^project\s*=\s*[\"']([^\"']+)[\"']", conf, re.M)

    if match:
        answers["project_name"] = match.group(1)
    elif isinstance(dist, str):
        answers["project_name"] = dist

    import_name = _import_name(repo)

    if import_name:
        answers["import_name"] = import_name

    source = _source(repo)

    if source:
        org, name = source

        if org in {"pallets", "pallets-eco"}:
            answers["org"] = org

        answers["repo_name"] = name

    description = project.get("description") or metadata.get("description")

    if isinstance(description, str) and description.strip():
        text = description.strip()
        answers["description"] = text if text.endswith(".") else f"{text}."

    license = _license(repo)

    if license:
        answers["license"] = license

    holder = _copyright(repo)

    if holder:
        answers["copyright_year"], answers["copyright_holder"] = holder

    maintainers = project.get("maintainers")

    if (
        isinstance(maintainers, list)
        and maintainers
        and isinstance(maintainers[0], dict)
    ):
        if "name" in maintainers[0]:
            answers["maintainer_name"] = maintainers[0]["name"]

        if "email" in maintainers[0]:
            answers["maintainer_email"] = maintainers[0]["email"]

    version = project.get("version")

    if isinstance(version, str):
        answers["version"] = version

    for classifier in project.get("classifiers", []):
        if str(classifier).startswith("Development Status :: "):
            answers["dev_status"] = str(classifier).partition(" :: ")[2]

    low, high = _python_range(repo)

    if low:
        answers["python_min"] = low

    if high:
        answers["python_max"] = high

    dependencies = project.get("dependencies", [] if project else None)

    if not project:
        listed = repo.setup_py.get("install_requires")

        if isinstance(listed, list):
            dependencies = listed
        elif "install_requires" in repo.setup_cfg.get("options", {}):
            text = repo.setup_cfg["options"]["install_requires"]
            dependencies = [line.strip() for line in text.splitlines() if line.strip()]

    if isinstance(dependencies, list):
        answers["dependencies"] = [str(d) for d in dependencies]

        for dep in dependencies:
            framework = _FRAMEWORKS.get(_requirement_name(str(dep)))

            if framework:
                answers["framework"] = framework
                break
        else:
            answers["framework"] = "none"

    scripts = project.get("scripts")

    if isinstance(scripts, dict):
        answers["scripts"] = sorted(scripts)

    if repo.is_file("docs/index.md"):
        answers["docs_format"] = "myst"
    elif repo.is_file("docs/index.rst"):
        answers["docs_format"] = "rst"

    if repo.is_file("CHANGES.md"):
        answers["changes_format"] = "md"
    elif repo.is_file("CHANGES.rst"):
        answers["changes_format"] = "rst"

    answers["devcontainer"] = repo.is_dir(".devcontainer")
    return answers
