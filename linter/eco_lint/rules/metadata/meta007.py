"""META007: the minimum Python is not past end of life."""

from __future__ import annotations

import typing as t

from ... import pythons
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from .._base import Metadata
from .._pyproject import key_line
from .._pyproject import PYPROJECT
from ._pythons import minimum

if t.TYPE_CHECKING:
    from ...repo import Repo
    from ...standard import Standard


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
        low = minimum(declared)

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
            key_line(repo, PYPROJECT, "project", "requires-python"),
        )
