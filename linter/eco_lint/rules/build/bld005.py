"""BLD005: no other build or environment tool's configuration, and the
move of its metadata to ``[project]``.
"""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...edits import Edit
from ...edits.ini import RemoveSections
from ...edits.tables import TableUpdate
from ...edits.text import DeleteFile
from ...fix import Fix
from ...fix import refusal
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Build
from .._base import is_pure_python
from .._base import setup_cfg_sections
from .._facts import backend
from .._migration import migration_blocker
from ._backend import PYPROJECT
from ._migrate import migrated_project
from ._poetry import dependency_groups


def _other_tools(repo: Repo) -> list[str]:
    """The ``[tool.*]`` tables of other build and environment tools."""
    tool = repo.pyproject.get("tool")
    names = sorted(tool) if isinstance(tool, dict) else []
    return [f"[tool.{name}]" for name in names if _other_tool(name)]


def _other_tool(name: str) -> bool:
    """Whether a ``[tool.*]`` table is another build or environment tool's:
    one the check reports is one the fix removes, and no other (a plugin's
    table such as ``[tool.poetry-dynamic-versioning]`` is its own).
    """
    return name.startswith(("hatch", "setuptools")) or name in {"poetry", "pdm", "rye"}


class BLD005(Build):
    """No other build or environment tool config

    ## What it does
    For a pure Python project, checks that `pyproject.toml` has no
    `[tool.hatch*]`, `[tool.poetry]`, `[tool.pdm]`, `[tool.rye]`,
    `[tool.setuptools*]` or old-style `[tool.flit.metadata]` table, and that
    there is no `setup.py`, no `MANIFEST.in` and no `setup.cfg` with
    `[metadata]` or `[options]`.

    ## Why
    flit_core builds the package from `[project]`, and uv with tox manages
    the environments. Configuration for other tools is never read, so it
    drifts from the real metadata and misleads contributors about how the
    project is built.

    ## Example
    A `setup.cfg` with `[metadata]` and `[options]` next to a flit
    `[build-system]`, or a leftover `[tool.poetry]` table.

    Use instead: `[project]` and `[tool.flit.*]` only.

    ## Fix
    Moves the metadata that `[project]` lacks there: from `setup.cfg`
    `[metadata]` and `[options]` and the literal arguments of `setup.py`
    (read with `ast`, never run; an `attr:` version is read from the
    module), `[tool.poetry]`, old `[tool.flit.metadata]` and the dynamic
    values of `[tool.setuptools.dynamic]`, and the Poetry, PDM and Rye dev
    dependencies to `[dependency-groups]`. Then it deletes `setup.py`,
    `MANIFEST.in`, the other tools' tables and the setuptools sections of
    `setup.cfg`, and the file when nothing else is left in it: the pytest,
    coverage, flake8 and mypy sections are for the rules of those tools.
    It refuses, naming the reason, when a value cannot be moved (a git
    dependency, a dynamic value only a plugin computes, an argument of
    `setup.py` computed in code) or when BLD001 refuses the backend.
    Unsafe: it deletes files.
    """

    weight = 2
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        tables = _other_tools(repo)

        if "metadata" in repo.tool("flit"):
            tables.append("[tool.flit.metadata]")

        failed = [
            Fail(
                f"pyproject.toml has {table}",
                PYPROJECT,
                repo.line_of(PYPROJECT, rf"^\s*\[\s*{re.escape(table[1:-1])}\b"),
            )
            for table in tables
        ]
        failed += [
            Fail(f"{name} in a pure Python project", name)
            for name in ("setup.py", "MANIFEST.in")
            if repo.is_file(name)
        ]
        failed += setup_cfg_sections(repo, ("metadata", "options"))

        if failed:
            # The move reads far more than the verdict does: it is worked
            # out when fixes are made.
            failed[0] = dataclasses.replace(failed[0], fix=lambda: _fix(repo))

        return failed


_TITLE = "Move the build configuration to [project]"


def _fix(repo: Repo) -> Fix:
    """Move the metadata to ``[project]`` and delete the other tools'
    configuration; refused when a value cannot be moved.
    """
    if reason := migration_blocker(repo):
        return refusal(_TITLE, reason)

    migrated = migrated_project(repo)

    if migrated is None:
        return refusal(
            _TITLE,
            "a value cannot be written as [project] metadata (a git, path or"
            " URL dependency, or an invalid value): move it by hand",
        )

    project = repo.project
    dynamic = project.get("dynamic", [])
    dynamic = [str(k) for k in dynamic] if isinstance(dynamic, list) else []

    if reason := _unmovable(project, dynamic, migrated):
        return refusal(_TITLE, reason)

    values = tuple(
        (key, value)
        for key, value in migrated.items()
        if key not in project or key in dynamic
    )
    edits: list[Edit] = [
        TableUpdate(
            PYPROJECT,
            ("project",),
            values=values,
            undynamic=tuple(dynamic),
            missing_only=True,
            first=("project",),
            after=tuple((key, "name") for key in ("version",) if key in dynamic),
        )
    ]
    edits += _removals(repo)
    return Fix(_TITLE, "unsafe", tuple(edits))


def _unmovable(
    project: dict[str, t.Any], dynamic: list[str], migrated: dict[str, t.Any]
) -> str | None:
    """Why ``[project]`` would lack a value after the move: one only the
    old backend computes, or one flit_core needs.
    """
    computed = [key for key in dynamic if key not in migrated]

    if computed:
        return (
            f"only the old build backend computes {', '.join(computed)}:"
            " write it in [project] by hand"
        )

    lacking = [k for k in _FLIT_NEEDS if k not in project and k not in migrated]

    if lacking:
        return (
            f"no {', '.join(lacking)} to write in [project], which"
            f" {backend().name} needs"
        )

    return None


def _removals(repo: Repo) -> list[Edit]:
    """Write the dev dependency groups, then delete the other tools' tables
    and files and the setuptools sections of ``setup.cfg``.
    """
    edits: list[Edit] = []
    groups = dependency_groups(repo)

    if groups:
        edits.append(
            TableUpdate(
                PYPROJECT,
                ("dependency-groups",),
                values=tuple(groups.items()),
                missing_only=True,
            )
        )

    tools = [n for n in repo.tool() if _other_tool(n)]
    flit = [n for n in ("metadata", "scripts", "entrypoints") if n in repo.tool("flit")]

    if tools:
        edits.append(TableUpdate(PYPROJECT, ("tool",), remove=tuple(tools)))

    if flit:
        edits.append(TableUpdate(PYPROJECT, ("tool", "flit"), remove=tuple(flit)))

    edits += [DeleteFile(n) for n in ("setup.py", "MANIFEST.in") if repo.is_file(n)]

    if repo.is_file("setup.cfg"):
        edits.append(RemoveSections("setup.cfg", _SETUPTOOLS_SECTIONS))

    return edits


#: What flit_core needs in ``[project]`` besides ``name``.
_FLIT_NEEDS = ("name", "version", "description")

#: ``setup.cfg`` sections only setuptools reads. The sections of pytest,
#: coverage, flake8 and mypy are left to the rules for those tools.
_SETUPTOOLS_SECTIONS = (
    r"metadata|options(\..*)?|bdist_wheel|sdist|egg_info|aliases|easy_install"
)
