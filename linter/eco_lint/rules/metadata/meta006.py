"""META006: one minimum Python everywhere."""

from __future__ import annotations

import dataclasses
import typing as t

from ...edits import Edit
from ...edits.toml import TomlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import choices
from ...standard import Standard
from .._base import Metadata
from .._edits import carrying
from .._project import no_project
from .._project import project_line
from .._pyproject import PYPROJECT
from .._pyproject import table_line
from ._pythons import as_version
from ._pythons import env_versions
from ._pythons import matrix_versions
from ._pythons import minimum
from ._pythons import oldest
from ._pythons import show
from ._pythons import tests_workflow


class META006(Metadata):
    """One minimum Python everywhere

    ## What it does
    Checks that the minimum of `requires-python` is also the mypy
    `python_version`, the pyright `pythonVersion`, the oldest `py3.X` env in
    the tox `env_list`, the oldest Python in the tests workflow's matrix and
    the `requires-python` of `uv.lock`. Each is compared where it is
    present.

    ## Why
    When they differ, the type checkers accept syntax that the oldest
    supported Python rejects, CI skips a version users install on, or
    `uv.lock` resolves for versions the project does not support.

    ## Example
    `requires-python = ">=3.10"` with `python_version = "3.9"` under
    `[tool.mypy]` and `"py3.9"` in `env_list`.

    Use instead: `3.10` in all of them.

    ## Fix
    Sets the mypy `python_version` and the pyright `pythonVersion` to the
    `requires-python` minimum. Safe. The tox `env_list`, the tests matrix
    and `uv.lock` are fixed by the rules for those files.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skip := no_project(repo):
            return skip

        declared = repo.project.get("requires-python")
        low = minimum(declared)

        if declared is None:
            return Fail("no requires-python", PYPROJECT, project_line(repo))

        if low is None:
            return Fail(
                f"requires-python {declared!r} has no >= minimum",
                PYPROJECT,
                project_line(repo, "requires-python"),
            )

        places = list(_minimums(repo))
        differ = [
            Fail(
                f"{p.name} is {p.found}, requires-python minimum is {show(low)}",
                p.path,
                p.line,
            )
            for p in places
            if p.found is not None and as_version(p.found) != low
        ]

        if differ:
            return carrying(differ, lambda: _fix(repo, std, low))

        named = {p.name for p in places}

        if "oldest Python in the tests matrix" not in named:
            return Skip("no workflow runs the tests; GHA001 reports it")

        if "oldest tox env" not in named:
            return Skip("no [tool.tox] env_list; TOX001 reports it")

        return None


def _fix(repo: Repo, std: Standard, low: tuple[int, int]) -> Fix | None:
    """Set the type checkers' Python to the minimum, and move a minimum
    older than the template supports to the template's.
    """
    edits: list[Edit] = []
    versions = [as_version(v) for v in choices("python_min") or []]
    supported = min((v for v in versions if v is not None), default=None)
    too_old = supported is not None and low < supported

    if too_old:
        # Older Pythons than the template supports: move to its minimum,
        # which the template's tox envs and test matrix start from.
        low = as_version(std.answers["python_min"]) or low
        requirement = f">={show(low)}"
        edits.append(TomlSet(PYPROJECT, ("project", "requires-python"), requirement))

    edits += [
        TomlSet(PYPROJECT, ("tool", tool, key), show(low))
        for tool, key in (("mypy", "python_version"), ("pyright", "pythonVersion"))
        if key in repo.tool(tool) and as_version(repo.tool(tool)[key]) != low
    ]

    if too_old:
        title = f"Require Python {show(low)}, the oldest the standard supports"
        return Fix(title, "unsafe", tuple(edits))

    if not edits:
        return None

    return Fix("Set the type checkers' Python to the minimum", "safe", tuple(edits))


@dataclasses.dataclass(frozen=True)
class _Place:
    """A place that names the minimum Python: what it is, where, and the
    ``3.X`` it names (``None`` when it names none).
    """

    name: str
    path: str
    line: int | None
    found: str | None


def _minimums(repo: Repo) -> t.Iterator[_Place]:
    """Each place that names the minimum Python."""
    yield from _type_checkers(repo)
    envs = env_versions(repo)

    if envs is not None:
        yield _Place(
            "oldest tox env",
            PYPROJECT,
            table_line(repo, PYPROJECT, "tool.tox", "env_list"),
            oldest(envs, "py"),
        )

    tests = tests_workflow(repo)

    if tests is not None:
        yield _Place(
            "oldest Python in the tests matrix",
            tests,
            repo.line_of(tests, r"^\s*matrix:"),
            oldest(matrix_versions(repo.workflows[tests])),
        )

    lock = repo.uv_lock

    if "requires-python" in lock:
        yield _Place(
            "uv.lock requires-python minimum",
            "uv.lock",
            repo.line_of("uv.lock", r"^requires-python\s*="),
            oldest([minimum(lock["requires-python"])]) or str(lock["requires-python"]),
        )


def _type_checkers(repo: Repo) -> t.Iterator[_Place]:
    """The Python versions mypy and pyright check for."""
    for tool, key in (("mypy", "python_version"), ("pyright", "pythonVersion")):
        table = repo.tool(tool)

        if isinstance(table, dict) and key in table:
            yield _Place(
                f"{tool} {key}",
                PYPROJECT,
                table_line(repo, PYPROJECT, f"tool.{tool}", key),
                str(table[key]),
            )
