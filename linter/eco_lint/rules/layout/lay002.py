"""LAY002: the package has a ``py.typed`` marker."""

from __future__ import annotations

from ...edits.text import WriteFile
from ...fix import Fix
from ...fix import refusal
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Layout
from .._base import recorded_typed
from .._base import typing_evidence
from .._base import UNTYPED
from ._package import import_name


class LAY002(Layout):
    """Package has a py.typed marker

    ## What it does
    Checks that `src/<import_name>/py.typed` exists. Does not apply when the
    project records the template answer `typed: false`, as adoption does for
    a package without `py.typed`.

    ## Why
    Without the marker, type checkers ignore the package's annotations in the
    projects that use it (PEP 561). Every Pallets package is typed.

    ## Example
    `src/flask_foo/` with `__init__.py` only.

    Use instead: add an empty `src/flask_foo/py.typed`.

    ## Fix
    Create the empty file. Safe when the project records `typed: true`, or
    annotates every function and runs mypy strict; unsafe when its
    annotations are not checked that strictly, since the marker promises
    users complete, checked annotations. None for a package whose functions
    are not annotated: the finding says why.
    """

    weight = 2
    fixable = True
    requires = frozenset({"LAY001"})

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return recorded_typed(repo) is not False

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        path = f"src/{import_name(repo)}/py.typed"

        if not repo.is_file(path):
            # Worked out when fixes are made: the evidence is read from
            # files the verdict does not need.
            return Fail(f"{path} is missing", path, fix=lambda: _marker(repo, path))

        return None


def _marker(repo: Repo, path: str) -> Fix:
    """The new marker, as safe as the evidence that the package is typed;
    refused without any.
    """
    title = "Add the py.typed marker"
    evidence = typing_evidence(repo)

    if evidence is None:
        return refusal(title, UNTYPED, path)

    safe = evidence == "typed"
    return Fix(title, "safe" if safe else "unsafe", (WriteFile(path, ""),))
