"""LAY007: ``.editorconfig`` is the template's."""

from __future__ import annotations

from ...edits.text import WriteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Layout

PATH = ".editorconfig"


class LAY007(Layout):
    """.editorconfig is the standard one

    ## What it does
    Checks that `.editorconfig` is the template's, byte for byte.

    ## Why
    It keeps editors on 4-space indents, LF line ends and the 88-column limit
    that ruff enforces, the same in every Pallets project.

    ## Example
    No `.editorconfig`, or one with `max_line_length = 120`.

    Use instead: the template's `.editorconfig`.

    ## Fix
    Write the template's file. Safe.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        expected = std.text(PATH)
        found = repo.text(PATH)
        fix = Fix(f"Write the standard {PATH}", "safe", (WriteFile(PATH),))

        if found is None:
            return Fail(f"{PATH} is missing", PATH, fix=fix)

        if found != expected:
            return Fail(f"{PATH} differs from the standard", PATH, fix=fix)

        return None
