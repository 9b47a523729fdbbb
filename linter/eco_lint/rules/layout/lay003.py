"""LAY003: docs in ``docs/`` and tests in ``tests/``."""

from __future__ import annotations

from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Layout


class LAY003(Layout):
    """Docs in docs/ and tests in tests/

    ## What it does
    Checks that the Sphinx docs are in `docs/` with a `conf.py`, and that the
    tests are in a top-level `tests/` folder.

    ## Why
    The tox envs, the Read the Docs config and the sdist includes all name
    these two folders.

    ## Example
    Docs in `doc/source/`, tests in `src/flask_foo/tests/`.

    Use instead: `docs/conf.py` and `tests/test_*.py`.

    ## Fix
    Rename the folders and update the paths that name them. Unsafe: it moves
    user-owned files.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        return [
            Fail(f"missing: {name}", name)
            for name in ("docs/conf.py", "tests")
            if not repo.exists(name)
        ]
