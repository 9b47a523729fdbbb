"""CFG001: pytest's settings, and moving them out of INI files."""

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
from ._ini import pytest_from_ini
from ._tables import at
from ._tables import missing
from ._tables import pytest_keys
from ._tables import standard_tool
from ._tables import table

#: Where the template keeps pytest's settings.
_STANDARD = ("tool", "pytest", "ini_options")


class CFG001(ToolConfig):
    """pytest runs tests/ and turns warnings into errors

    ## What it does
    Checks that `[tool.pytest.ini_options]` sets `testpaths` as the
    template does (the `tests_path` answer) and, unless the project
    answers `warnings_as_errors` with false, that the first
    `filterwarnings` entry is the template's `"error"`. A project that
    keeps its settings in pytest 9's native `[tool.pytest]` table (as
    pallets-sphinx-themes does) is checked there.

    ## Why
    Turning warnings into errors makes deprecations in dependencies fail
    the tests as soon as they appear, long before the removal.
    `testpaths` keeps pytest from collecting docs or examples.

    ## Example
    `filterwarnings = ["ignore::DeprecationWarning"]`, or the pytest
    settings in `setup.cfg`.

    Use instead: `testpaths = ["tests"]` and
    `filterwarnings = ["error"]`, then the project's own filters.

    ## Fix
    Set `testpaths` and put `"error"` first, before the project's filters;
    settings in `setup.cfg` `[tool:pytest]` or `tox.ini` `[pytest]` move to
    the table. Unsafe: warnings that were ignored start failing the tests,
    and fixing them is left to the maintainer. Adoption records where the
    tests are and whether their warnings are errors as the project's
    answers, so that it adds only the settings the project already keeps.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        keys = pytest_keys(repo)
        expected = standard_tool(std, *_STANDARD[1:])
        found = table(repo, *keys)

        if found is None:
            # Only the fix reads the INI files the settings may be in.
            return carrying([missing(*keys)], lambda: _added(repo, std, keys))

        failed: list[Fail] = []
        edits: list[Edit] = []
        path = ("tool", *keys)

        if found.get("testpaths") != expected["testpaths"]:
            message = f"testpaths is {found.get('testpaths')!r}"
            failed.append(Fail(message, PYPROJECT, at(repo, keys, "testpaths")))
            value = Template((*_STANDARD, "testpaths"))
            edits.append(TomlSet(PYPROJECT, (*path, "testpaths"), value))

        # Without it, the project's answers leave warnings as warnings.
        if "filterwarnings" in expected:
            first = expected["filterwarnings"][0]
            edit = _first_filter(found.get("filterwarnings"), first, path)

            if edit is not None:
                message = f"the first filterwarnings entry is not {first!r}"
                line = at(repo, keys, "filterwarnings")
                failed.append(Fail(message, PYPROJECT, line))
                edits.append(edit)

        title = "Set testpaths and turn warnings into errors"
        return carrying(failed, Fix(title, "unsafe", tuple(edits)))


def _first_filter(filters: object, first: str, path: tuple[str, ...]) -> Edit | None:
    """The edit that puts the template's first filter first, or ``None``
    when it is first.
    """
    setting = (*path, "filterwarnings")

    if not isinstance(filters, list):
        return TomlSet(PYPROJECT, setting, Template((*_STANDARD, "filterwarnings")))

    if not filters or filters[0] != first:
        return TomlList(PYPROJECT, setting, first=(first,))

    return None


def _added(repo: Repo, std: Standard, keys: tuple[str, ...]) -> Fix:
    """The fix for a missing table: the settings moved from an INI file,
    else the template's.
    """
    path = ("tool", *keys)
    legacy = pytest_from_ini(repo)

    if legacy is None:
        edit = TomlSet(PYPROJECT, path, Template(path))
        return Fix("Add the pytest settings", "unsafe", (edit,))

    values: dict[str, t.Any] = legacy.values
    expected = standard_tool(std, *keys)
    values["testpaths"] = expected["testpaths"]

    if "filterwarnings" in expected:
        filters = values.get("filterwarnings", [])
        filters = filters if isinstance(filters, list) else [filters]
        first = expected["filterwarnings"][0]
        values["filterwarnings"] = [first, *(f for f in filters if f != first)]

    return Fix(
        f"Move the pytest settings from {legacy.remove.path} to pyproject.toml",
        "unsafe",
        (TomlSet(PYPROJECT, path, values), legacy.remove),
    )
