"""CFG006: ruff's rule selection and import sorting."""

from __future__ import annotations

import typing as t

from ...edits import Edit
from ...edits import Template
from ...edits.tables import TomlList
from ...edits.toml import TomlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import ToolConfig
from .._edits import carrying
from .._pyproject import PYPROJECT
from ._tables import at
from ._tables import differences
from ._tables import missing
from ._tables import standard_tool
from ._tables import table

_PATH = ("tool", "ruff", "lint")
_ISORT = (*_PATH, "isort")


class CFG006(ToolConfig):
    """ruff selects the standard rules and sorts imports one per line

    ## What it does
    Checks that `[tool.ruff.lint] select` (with `extend-select`) includes
    every rule set the template selects, and that
    `[tool.ruff.lint.isort]` sets `force-single-line` and `order-by-type`
    as the template does.

    ## Why
    Bugbear, pycodestyle, pyflakes, isort and pyupgrade are the checks
    every Pallets project runs. One import per line, sorted without regard
    to case, keeps diffs small and merges clean.

    ## Example
    `select = ["E", "F"]`, or no `[tool.ruff.lint.isort]` table.

    Use instead: the template's `select` list, plus the project's own, and
    its isort table.

    ## Fix
    Add the missing selections and isort keys; then run `ruff check --fix`
    and `ruff format`. Unsafe: the next ruff run rewrites imports and code.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        lint = table(repo, "ruff", "lint")
        isort = table(repo, "ruff", "lint", "isort")

        if lint is None:
            # Only the fix compares with the render.
            return carrying([missing("ruff", "lint")], lambda: _added(std, isort))

        expected = standard_tool(std, "ruff", "lint")
        selected = [*lint.get("select", []), *lint.get("extend-select", [])]
        lacking = [code for code in expected["select"] if code not in selected]
        fix = _fix(lacking if "ALL" not in selected else [], isort, expected)
        failed: list[Fail] = []

        if "ALL" not in selected and lacking:
            message = f"[tool.ruff.lint] select lacks {', '.join(lacking)}"
            failed.append(
                Fail(message, PYPROJECT, at(repo, ("ruff", "lint"), "select"))
            )

        if isort is None:
            failed.append(missing("ruff", "lint", "isort"))
        else:
            failed += differences(repo, isort, expected["isort"], *_ISORT[1:])

        return carrying(failed, fix)


def _added(std: Standard, isort: dict[str, t.Any] | None) -> Fix:
    """The fix for a missing lint table: every selection of the template's."""
    expected = standard_tool(std, "ruff", "lint")
    return _fix(list(expected["select"]), isort, expected)


def _fix(
    lacking: list[str], isort: dict[str, t.Any] | None, expected: dict[str, t.Any]
) -> Fix:
    """Add the selections the project lacks, and the template's isort
    table or the keys of it that differ.
    """
    edits: list[Edit] = []

    if lacking:
        keys = (*_PATH, "select")
        edits.append(TomlList(PYPROJECT, keys, add=tuple(lacking), like=Template(keys)))

    if isort is None:
        edits.append(TomlSet(PYPROJECT, _ISORT, Template(_ISORT)))
    else:
        edits += _isort_keys(isort, expected["isort"])

    return Fix("Select the standard ruff rules", "unsafe", tuple(edits))


def _isort_keys(isort: dict[str, t.Any], expected: dict[str, t.Any]) -> list[Edit]:
    """The template's isort keys that differ."""
    return [
        TomlSet(PYPROJECT, (*_ISORT, key), Template((*_ISORT, key)))
        for key, value in expected.items()
        if isort.get(key) != value
    ]
