"""META003: ``[project]`` is well-formed PEP 621 metadata."""

from __future__ import annotations

import dataclasses
import typing as t

from ...answers import inferred
from ...edits import Edit
from ...edits import Template
from ...edits.tables import TableUpdate
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Metadata
from .._edits import carrying
from .._project import as_list
from .._project import is_str_table
from .._project import KEYS
from .._project import parse_people
from .._project import project_line
from .._project import RENAMES
from .._project import url_key
from .._project import value_problem
from .._pyproject import PYPROJECT


class META003(Metadata):
    """[project] is well-formed PEP 621 metadata

    ## What it does
    Checks the shape of `[project]` without building the package: `name` is
    present and valid, `version` is present or listed in `dynamic`, every key
    is one that PEP 621 defines, and every value has the type it must have
    (`readme` a string or a table, `dependencies` a list of PEP 508 strings,
    `authors` a list of name and email tables, and so on).

    ## Why
    A build backend stops on a malformed `[project]`, but often only when the
    release is built. A key it does not know, such as `author` for
    `authors`, is an error for flit_core and silently lost metadata for
    some other tools.

    ## Example
    ```toml
    [project]
    name = "Flask-Foo"
    author = "Pallets"
    home-page = "https://github.com/pallets-eco/flask-foo"
    ```

    Use instead: `authors = [{name = "Pallets"}]` and a `[project.urls]`
    table.

    ## Fix
    Renames the known misspelled and setuptools keys (`author` and
    `author_email` become `authors`, `home-page` a `[project.urls]` label,
    `python_requires` `requires-python`), moves single values into the list
    or table form, writes a readme table without a content type as the
    file name, and takes a missing `name` from the template's answers. A key
    whose value cannot be told (an invalid requirement) is left to you.
    Unsafe: review the renamed values.
    """

    weight = 3
    fixable = True
    validates = frozenset({PYPROJECT})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        failed = _failures(repo)

        if isinstance(failed, Fail):
            failed = [failed]

        return carrying(failed, lambda: _fix(repo))


def _failures(repo: Repo) -> Fail | list[Fail]:
    """What is wrong with the form of ``[project]``."""
    if not repo.is_file(PYPROJECT):
        return Fail("pyproject.toml is missing", "pyproject.toml")

    # As parsed: the types of [project] are this rule's to check.
    project = repo.toml(PYPROJECT).get("project")

    if PYPROJECT in repo.errors and PYPROJECT not in repo.invalid:
        return Fail(f"pyproject.toml {repo.errors[PYPROJECT]}", PYPROJECT)

    if not isinstance(project, dict) or not project:
        return Fail("no [project] table", PYPROJECT)

    problems: list[tuple[str, str | None]] = []
    dynamic = project.get("dynamic", [])
    dynamic = dynamic if isinstance(dynamic, list) else []

    if "name" not in project:
        problems.append(("no name", None))

    if "version" not in project and "version" not in dynamic:
        problems.append(("no version, static or dynamic", None))

    for key, value in project.items():
        if key not in KEYS:
            hint = f"; use {RENAMES[key]}" if key in RENAMES else ""
            problems.append((f"unknown key {key!r}{hint}", key))
        elif problem := value_problem(key, value):
            problems.append((f"{key} {problem}", key))

    for key in dynamic:
        if key == "name" or key not in KEYS:
            problems.append((f"{key!r} cannot be dynamic", "dynamic"))
        elif key in project:
            problems.append((f"{key} is both static and dynamic", "dynamic"))

    return [
        Fail(problem, PYPROJECT, project_line(repo, key)) for problem, key in problems
    ]


def _fix(repo: Repo) -> Fix | None:
    """Rename the keys, where the right value can be told."""
    project = repo.toml(PYPROJECT).get("project")

    if not project or not isinstance(project, dict):
        return None

    repair = _repaired(repo, project)
    edits: list[Edit] = []

    if repair.values or repair.remove:
        edits.append(
            TableUpdate(
                PYPROJECT,
                ("project",),
                values=tuple(repair.values.items()),
                remove=tuple(repair.remove),
                after=tuple(repair.after.items()),
            )
        )

    if repair.urls:
        edits.append(
            TableUpdate(
                PYPROJECT,
                ("project", "urls"),
                values=tuple(repair.urls.items()),
                missing_only=True,
            )
        )

    if not edits:
        return None

    return Fix("Rename the misspelled [project] keys", "unsafe", tuple(edits))


@dataclasses.dataclass
class _Repair:
    """The changes that repair ``[project]``: keys to set (each after the
    key it replaces), keys to remove, and labels to add to the URLs.
    """

    values: dict[str, t.Any] = dataclasses.field(default_factory=dict)
    after: dict[str, str] = dataclasses.field(default_factory=dict)
    remove: list[str] = dataclasses.field(default_factory=list)
    urls: dict[str, str] = dataclasses.field(default_factory=dict)

    def put(
        self, project: dict[str, t.Any], source: str, key: str, value: t.Any
    ) -> None:
        """Set ``key`` from the value of ``source``, when it is valid and
        does not contradict a value the table has.
        """
        if value is None or value == {} or value_problem(key, value) is not None:
            return

        if source != key:
            if key in project and project[key] != value:
                return  # both spellings, with different values: yours to merge

            self.remove.append(source)
            self.after.setdefault(key, source)

        self.values[key] = value


def _repaired(repo: Repo, project: dict[str, t.Any]) -> _Repair:
    """The changes that repair ``[project]``, where the right value can be
    told.
    """
    repair = _Repair()
    _people(repair, project)

    for key, value in project.items():
        target = RENAMES.get(key)

        if key in KEYS or target is None or target in {"authors", "maintainers"}:
            continue

        if target == "urls":
            _rename_urls(repair, project, key, value)
        elif target in {"classifiers", "keywords", "license-files", "dependencies"}:
            repair.put(project, key, target, as_list(value, target == "keywords"))
        elif key == "entry_points" and isinstance(value, dict):
            _rename_entry_points(repair, project, key, value)
        elif target != "readme":
            repair.put(project, key, target, value)

    for key in ("classifiers", "keywords", "license-files", "dependencies"):
        if isinstance(project.get(key), str):
            repair.put(project, key, key, as_list(project[key], key == "keywords"))

    readme = project.get("readme")

    if (
        isinstance(readme, dict)
        and set(readme) == {"file"}
        and str(readme["file"]).lower().endswith((".md", ".rst"))
    ):
        repair.values["readme"] = readme["file"]

    if "name" not in project and (
        "dist_name" in inferred(repo) or "project_name" in inferred(repo)
    ):
        repair.values["name"] = Template(("project", "name"))
        repair.after["name"] = ""

    existing = _urls(project)
    repair.urls = {k: v for k, v in repair.urls.items() if v not in existing.values()}
    repair.remove = list(dict.fromkeys(repair.remove))
    return repair


def _urls(project: dict[str, t.Any]) -> dict[str, t.Any]:
    urls = project.get("urls")
    return urls if isinstance(urls, dict) else {}


def _people(repair: _Repair, project: dict[str, t.Any]) -> None:
    """``authors`` and ``maintainers`` from setuptools' names and emails."""
    for role in ("author", "maintainer"):
        keys = [k for k in project if k.replace("-", "_") in {role, f"{role}_email"}]
        email = project.get(f"{role}_email", project.get(f"{role}-email"))

        if keys and all(isinstance(project[k], str) for k in keys):
            people = parse_people(project.get(role), email)

            if people and f"{role}s" not in project:
                repair.values[f"{role}s"] = people
                repair.after[f"{role}s"] = keys[0]
                repair.remove.extend(keys)


def _rename_urls(
    repair: _Repair, project: dict[str, t.Any], key: str, value: t.Any
) -> None:
    """A home page or a table of URLs as labels of ``[project.urls]``."""
    found = {url_key(value): value} if isinstance(value, str) else value
    urls = _urls(project)

    # A label the table has with another URL: yours to merge.
    if is_str_table(found) and all(
        urls.get(label, url) == url or url in urls.values()
        for label, url in found.items()
    ):
        repair.urls.update(found)
        repair.remove.append(key)


def _rename_entry_points(
    repair: _Repair, project: dict[str, t.Any], key: str, value: dict[str, t.Any]
) -> None:
    """setuptools' ``entry_points``: scripts apart from other groups."""
    scripts = {"console_scripts": "scripts", "gui_scripts": "gui-scripts"}
    groups = {k: v for k, v in value.items() if k not in scripts}
    repair.put(project, key, "entry-points", groups)

    for group, name in scripts.items():
        repair.put(project, key, name, value.get(group))
