"""META: the Python versions a project supports, read against the CPython
release calendar (:mod:`eco_lint.pythons`).
"""

from __future__ import annotations

import typing as t

from .. import pythons
from ..registry import Fail
from ..registry import Outcome
from ..registry import Skip
from ._base import line_of_key
from ._base import Metadata
from ._roles import workflow_for
from .metadata import _matrix_versions
from .metadata import _minimum
from .metadata import _version

if t.TYPE_CHECKING:
    from ..repo import Repo
    from ..standard import Standard

PYPROJECT = "pyproject.toml"
TESTS = ".github/workflows/tests.yaml"


class META007(Metadata):
    """Minimum Python is not past end of life

    ## What it does
    Checks that the minimum of `requires-python` is a Python version that
    still gets security fixes, by the CPython release calendar that
    eco-lint carries as data (each version's release schedule PEP).

    ## Why
    A Python past its end of life gets no security fixes. Pallets drops a
    version from `requires-python` in the next feature release after its
    end of life, which frees the code from compatibility branches and lets
    the dependency floors rise.

    ## Example
    `requires-python = ">=3.9"` after October 2025.

    Use instead: `requires-python = ">=3.10"`, with the tox envs, the tests
    matrix and the type checkers' version moved with it (META006).

    ## Fix
    None: dropping a Python version is a release decision, made with the
    changelog.
    """

    weight = 3

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        declared = repo.project.get("requires-python")
        low = _minimum(declared)

        if low is None:
            return Skip("no requires-python minimum; META006 reports it")

        if not pythons.end_of_life(low):
            return None

        end = pythons.CALENDAR.get(low)
        since = f" on {end[1].isoformat()}" if end else ""
        return Fail(
            f"requires-python allows Python {pythons.show(low)},"
            f" which reached end of life{since}",
            PYPROJECT,
            line_of_key(repo, PYPROJECT, "requires-python"),
        )


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
        tests = workflow_for(repo, "tests", TESTS)
        tox = repo.tool("tox")
        env_list = tox.get("env_list") if isinstance(tox, dict) else None
        found: list[Fail] = []

        if tests is not None:
            versions = _matrix_versions(repo.workflows[tests])

            if newest not in versions:
                found.append(
                    Fail(
                        f"Python {pythons.show(newest)} is not in the tests matrix",
                        tests,
                        repo.line_of(tests, r"^\s*matrix:"),
                    )
                )

        if isinstance(env_list, list):
            if newest not in [_version(e) for e in env_list]:
                found.append(
                    Fail(
                        f"no py{pythons.show(newest)} env in the tox env_list",
                        PYPROJECT,
                        line_of_key(repo, PYPROJECT, "env_list"),
                    )
                )

        if found:
            return found

        if tests is None:
            return Skip("no workflow runs the tests; GHA001 reports it")

        if not isinstance(env_list, list):
            return Skip("no [tool.tox] env_list; TOX001 reports it")

        return None
