"""CFG004: pyright checks what mypy checks."""

from __future__ import annotations

import functools
import typing as t

from ...edits import Edit
from ...edits import Template
from ...edits.toml import TomlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import ToolConfig
from .._edits import carrying
from .._pyproject import PYPROJECT
from .._pyproject import table_line
from ._tables import at
from ._tables import missing
from ._tables import standard_tool
from ._tables import table

_PATH = ("tool", "pyright")
#: The modes that do not repeat mypy's strict checks.
_MODES = frozenset({"basic", "standard"})


class CFG004(ToolConfig):
    """pyright checks the same files as mypy

    ## What it does
    Checks that `[tool.pyright]` sets `pythonVersion`, that `include`
    lists the same paths as `[tool.mypy] files`, and that
    `typeCheckingMode` is `basic` or `standard`.

    ## Why
    The typing env runs both checkers; pointed at different files they
    disagree about what is checked. `strict` mode duplicates mypy's strict
    checks with pyright's stricter inference, which Pallets does not use.

    ## Example
    `include = ["src"]` while mypy also checks `tests/type_check`.

    Use instead: the same list in both tables.

    ## Fix
    Copy mypy's `files` to `include`, and set `pythonVersion` and the
    mode. Safe.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = table(repo, "pyright")
        mypy = table(repo, "mypy") or {}

        if found is None:
            # Only the fix compares with the render.
            fix = functools.partial(_added, std, mypy)
            return carrying([missing("pyright")], fix)

        expected = standard_tool(std, "pyright")

        failed: list[Fail] = []

        if "pythonVersion" not in found:
            message = "[tool.pyright] pythonVersion is not set"
            line = table_line(repo, PYPROJECT, "tool.pyright")
            failed.append(Fail(message, PYPROJECT, line))

        files = mypy.get("files", expected["include"])
        include = found.get("include")

        if not isinstance(include, list) or sorted(include) != sorted(files):
            message = f"[tool.pyright] include is {include!r}, mypy files are {files!r}"
            line = at(repo, ("pyright",), "include")
            failed.append(Fail(message, PYPROJECT, line))

        mode = found.get("typeCheckingMode")

        if mode not in _MODES:
            line = at(repo, ("pyright",), "typeCheckingMode")
            failed.append(Fail(f"typeCheckingMode is {mode!r}", PYPROJECT, line))

        return carrying(failed, _fix(found, expected, mypy) if failed else None)


def _added(std: Standard, mypy: dict[str, t.Any]) -> Fix:
    """The fix for a missing table: the template's, with mypy's files."""
    return _fix(None, standard_tool(std, "pyright"), mypy)


def _fix(
    found: dict[str, t.Any] | None,
    expected: dict[str, t.Any],
    mypy: dict[str, t.Any],
) -> Fix:
    """The template's table where there is none, then mypy's files as
    ``include`` and the template's keys that are missing or wrong.
    """
    files = mypy.get("files", expected["include"])
    files = files if isinstance(files, list) else expected["include"]
    edits: list[Edit] = []

    if found is None:
        edits.append(TomlSet(PYPROJECT, _PATH, Template(_PATH)))
        found = expected

    if "pythonVersion" not in found:
        keys = (*_PATH, "pythonVersion")
        edits.append(TomlSet(PYPROJECT, keys, Template(keys)))

    include = found.get("include")

    if not isinstance(include, list) or sorted(include) != sorted(files):
        keys = (*_PATH, "include")
        value = Template(keys) if files == expected["include"] else list(files)
        edits.append(TomlSet(PYPROJECT, keys, value))

    if found.get("typeCheckingMode") not in _MODES:
        keys = (*_PATH, "typeCheckingMode")
        edits.append(TomlSet(PYPROJECT, keys, Template(keys)))

    return Fix("Point pyright at the files mypy checks", "safe", tuple(edits))
