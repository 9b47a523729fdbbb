"""META008: the newest released Python is tested."""

from __future__ import annotations

import typing as t

from ... import pythons
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from .._base import Metadata
from .._pyproject import PYPROJECT
from .._tox import env_list_line
from ._pythons import env_versions
from ._pythons import matrix_versions
from ._pythons import tests_workflow

if t.TYPE_CHECKING:
    from ...repo import Repo
    from ...standard import Standard


class META008(Metadata):
    """Newest released Python is tested

    ## What it does
    Checks that the newest CPython released by today, by the release
    calendar eco-lint carries as data, is in the tests workflow's matrix
    and has a `py3.X` env in the tox `env_list`. The tests workflow is the
    one that runs the tests, whatever its name.

    ## Why
    Users install a new Python on its release day. Pallets adds it to the
    matrix and the env list before the release, so that the next release
    of the project is tested on it.

    ## Example
    A matrix that ends at `3.14` and an env list without `py3.15`, after
    3.15.0 was released.

    Use instead: a `{python: '3.15'}` row and a `py3.15` env.

    ## Fix
    None: a new Python can need code and dependency changes first.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        newest = pythons.newest_released()
        tests = tests_workflow(repo)
        envs = env_versions(repo)
        found: list[Fail] = []

        if tests is not None:
            versions = matrix_versions(repo.workflows[tests])

            if newest not in versions:
                found.append(
                    Fail(
                        f"Python {pythons.show(newest)} is not in the tests matrix",
                        tests,
                        repo.line_of(tests, r"^\s*matrix:"),
                    )
                )

        if envs is not None and newest not in envs:
            found.append(
                Fail(
                    f"no py{pythons.show(newest)} env in the tox env_list",
                    PYPROJECT,
                    env_list_line(repo),
                )
            )

        if found:
            return found

        if tests is None:
            return Skip("no workflow runs the tests; GHA001 reports it")

        if envs is None:
            return Skip("no [tool.tox] env_list; TOX001 reports it")

        return None
