"""LAY001: the package lives in ``src/``."""

from __future__ import annotations

from ...edits.text import MoveFile
from ...fix import Fix
from ...fix import refusal
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Layout
from ._package import import_name


class LAY001(Layout):
    """Package lives in src/

    ## What it does
    Checks that the import package is at `src/<import_name>/__init__.py`.

    ## Why
    The src layout makes the tests run against the installed package rather
    than the working tree, which catches files missing from the wheel. Every
    Pallets project uses it since 2019.

    ## Example
    A package at `flask_foo/__init__.py` next to `pyproject.toml`.

    Use instead: `src/flask_foo/__init__.py`.

    ## Fix
    Move the package with `git mv flask_foo src/flask_foo` and point the tool
    paths at `src`. Refused while the build cannot move to flit_core (see
    BLD001), whose backend would not find the package. Unsafe: it moves
    user-owned files.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        name = import_name(repo)

        if name is None:
            return Fail("no import package was found, under src/ or at the top")

        if not repo.is_file(f"src/{name}/__init__.py"):
            return Fail(
                f"package {name!r} is at {name}/, not src/{name}/",
                f"{name}/__init__.py",
                fix=_move(repo, name),
            )

        return None


def _move(repo: Repo, name: str) -> Fix | None:
    """The move of a top-level package into ``src/``, refused while the
    build keeps a backend whose configuration would not find it there.
    """
    if not repo.is_file(f"{name}/__init__.py"):
        return None

    from .._migration import migration_blocker

    if reason := migration_blocker(repo):
        # Only flit_core's configuration is written for src/.
        return refusal(
            f"Move {name}/ to src/{name}/",
            f"the build stays with its backend ({reason}), whose"
            " configuration would not find the package in src/",
            f"{name}/__init__.py",
        )

    moves = [
        MoveFile(path, f"src/{path}")
        for path in repo.files
        if path.startswith(f"{name}/")
    ]
    return Fix(f"Move {name}/ to src/{name}/", "unsafe", tuple(moves))
