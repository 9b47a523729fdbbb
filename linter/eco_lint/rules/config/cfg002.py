"""CFG002: coverage's settings, and moving them out of INI files."""

from __future__ import annotations

import functools
import typing as t

from ...edits import Edit
from ...edits import Template
from ...edits.ini import RemoveSections
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
from ._ini import coverage_from_ini
from ._tables import at
from ._tables import differences
from ._tables import missing
from ._tables import standard_tool
from ._tables import table


class CFG002(ToolConfig):
    """Coverage is configured as standard

    ## What it does
    Checks `[tool.coverage.run]`, `[tool.coverage.paths]` and
    `[tool.coverage.report]` against the template: branch coverage of the
    package and the tests, `src` mapped to `site-packages`, and the
    template's `exclude_also` lines (extra lines are fine).

    ## Why
    The tests run against the installed wheel, so coverage must map
    `site-packages` back to `src`, and lines that never run by design
    (type-checking imports, abstract methods, stubs) must not count.

    ## Example
    `source = ["jinja2", "tests"]` in a project whose package is
    `itsdangerous`.

    Use instead: `source = ["<import_name>", "tests"]` and the template's
    tables.

    ## Fix
    Write the template's values and add its `exclude_also` lines, keeping
    the project's. Safe; unsafe when it moves `[coverage:*]` sections out of
    `setup.cfg` or `tox.ini`.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        failed: list[Fail] = []
        pieces: list[list[Edit] | t.Callable[[], list[Edit]]] = []

        for part in ("run", "paths", "report"):
            found = table(repo, "coverage", part)

            if found is None:
                failed.append(missing("coverage", part))
                # Only the fix reads the INI files the settings may be in.
                pieces.append(functools.partial(_added, repo, std, part))
                continue

            expected = standard_tool(std, "coverage", part)

            if part == "report":
                failed += _lacking(repo, found, expected)
                pieces.append(_report_edits(found, expected))
            else:
                failed += differences(repo, found, expected, "coverage", part)
                pieces.append(_set(found, expected, ("tool", "coverage", part)))

        return carrying(failed, functools.partial(_fix, pieces))


def _fix(pieces: list[list[Edit] | t.Callable[[], list[Edit]]]) -> Fix:
    """The edits of each table, those of a missing one worked out now."""
    edits = [e for p in pieces for e in (p() if callable(p) else p)]
    moved = any(isinstance(e, RemoveSections) for e in edits)
    title = (
        "Move the coverage settings to pyproject.toml"
        if moved
        else "Set the standard coverage settings"
    )
    return Fix(title, "unsafe" if moved else "safe", tuple(edits))


def _lacking(
    repo: Repo, found: dict[str, t.Any], expected: dict[str, t.Any]
) -> list[Fail]:
    """A failure for each list of the report table that lacks some of the
    template's lines (extra lines are fine).
    """
    failed: list[Fail] = []

    for key, value in expected.items():
        have = found.get(key)
        lacking = [v for v in value if v not in (have or [])]

        if not isinstance(have, list) or lacking:
            failed.append(
                Fail(
                    f"[tool.coverage.report] {key} lacks {lacking!r}",
                    PYPROJECT,
                    at(repo, ("coverage", "report"), key),
                )
            )

    return failed


def _set(
    found: dict[str, t.Any], expected: dict[str, t.Any], path: tuple[str, ...]
) -> list[Edit]:
    """The template's value for each key that differs."""
    return [
        TomlSet(PYPROJECT, (*path, key), Template((*path, key)))
        for key, value in expected.items()
        if found.get(key) != value
    ]


def _report_edits(found: dict[str, t.Any], expected: dict[str, t.Any]) -> list[Edit]:
    """The template's lines added to the report table's lists."""
    path = ("tool", "coverage", "report")
    edits: list[Edit] = []

    for key, value in expected.items():
        have = found.get(key)
        setting = (*path, key)

        if not isinstance(have, list):
            if have != value:
                edits.append(TomlSet(PYPROJECT, setting, Template(setting)))
        elif any(v not in have for v in value):
            like = Template(setting)
            edits.append(TomlList(PYPROJECT, setting, add=tuple(value), like=like))

    return edits


def _added(repo: Repo, std: Standard, part: str) -> list[Edit]:
    """A missing table: moved from an INI section with the template's
    values, else the template's.
    """
    path = ("tool", "coverage", part)
    expected = standard_tool(std, "coverage", part)
    legacy = coverage_from_ini(repo, part)

    if legacy is None:
        return [TomlSet(PYPROJECT, path, Template(path))]

    values = legacy.values

    for key, value in expected.items():
        if part != "report":
            values[key] = value
        elif isinstance(value, list):
            have = values.get(key)
            have = have if isinstance(have, list) else []
            values[key] = [*have, *(v for v in value if v not in have)]

    return [TomlSet(PYPROJECT, path, values), legacy.remove]
