"""LAY008: ``.gitignore`` has the template's entries."""

from __future__ import annotations

from ...edits.text import EditLines
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Layout

PATH = ".gitignore"


class LAY008(Layout):
    """.gitignore has the standard entries

    ## What it does
    Checks that `.gitignore` has every entry of the template's. An ignored
    `uv.lock` is DEP003's finding.

    ## Why
    The standard entries keep build output, coverage data and tox envs out of
    commits.

    ## Example
    A `.gitignore` without `.tox/`.

    Use instead: the template's entries, plus any of the project's own.

    ## Fix
    Add the missing lines at the end, keeping every line the project has.
    Safe.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = repo.text(PATH)

        if found is None:
            # Worked out when fixes are made: only the fix reads the render
            # then.
            return Fail(f"{PATH} is missing", PATH, fix=lambda: _added(_expected(std)))

        lines = {line.strip() for line in found.splitlines()}
        expected = _expected(std)
        fix = _added(expected)
        return [
            Fail(f"{PATH} lacks {line}", PATH, fix=fix)
            for line in expected
            if line not in lines
        ]


def _expected(std: Standard) -> tuple[str, ...]:
    """The render's entries."""
    return tuple((std.text(PATH) or "").split())


def _added(expected: tuple[str, ...]) -> Fix:
    """The render's entries added to the file, or written as a new one."""
    # Lines the project has, an ignored uv.lock among them, stay: the
    # lock is DEP003's, which stops ignoring it once it is committed.
    edit = EditLines(PATH, add=expected)
    return Fix(f"Add the standard {PATH} entries", "safe", (edit,))
