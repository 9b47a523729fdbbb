"""DEP002: uv installs the template's default groups."""

from __future__ import annotations

from ...edits import Template
from ...edits.toml import TomlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Dependencies
from .._pyproject import key_line
from ._groups import PYPROJECT

KEYS = ("tool", "uv", "default-groups")


class DEP002(Dependencies):
    """uv installs the standard default groups

    ## What it does
    Checks that `[tool.uv] default-groups` lists the template's groups.

    ## Why
    `uv sync` and `uv run` install the default groups, so a new contributor
    gets the linters, tox, pre-commit, pytest and the type checkers in one
    step, and nothing else.

    ## Example
    No `default-groups`, so only `dev` is installed; or `default-groups =
    "all"`, which also installs the docs.

    Use instead: `default-groups = ["dev", "pre-commit", "tests", "typing"]`.

    ## Fix
    Set the template's list. Safe.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        expected = std.toml(PYPROJECT)["tool"]["uv"]["default-groups"]
        found = repo.tool("uv").get("default-groups")
        edit = TomlSet(PYPROJECT, KEYS, Template(KEYS))
        fix = Fix("Set the standard default groups", "safe", (edit,))

        if found is None:
            return Fail("[tool.uv] default-groups is not set", PYPROJECT, fix=fix)

        if not isinstance(found, list) or sorted(map(str, found)) != sorted(expected):
            line = key_line(repo, PYPROJECT, "tool.uv", "default-groups")
            return Fail(f"default-groups is {found!r}", PYPROJECT, line, fix=fix)

        return None
