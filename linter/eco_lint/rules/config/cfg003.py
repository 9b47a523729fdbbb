"""CFG003: mypy's settings, and moving them out of ``setup.cfg``."""

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
from ._ini import mypy_from_ini
from ._tables import at
from ._tables import differences
from ._tables import missing
from ._tables import standard_tool
from ._tables import table

_PATH = ("tool", "mypy")
#: The flags set as the template sets them.
_FLAGS = ("show_error_codes", "pretty", "strict")


class CFG003(ToolConfig):
    """mypy checks the package strictly

    ## What it does
    Checks that `[tool.mypy]` sets `python_version`, that its `files`
    include the template's (`src`), and that `show_error_codes`, `pretty`
    and `strict` are set as the template sets them.

    ## Why
    Pallets packages ship `py.typed`, so their annotations are part of the
    API. Strict mode is what keeps them complete; `files` lets `mypy` run
    with no arguments in tox and CI.

    ## Example
    `strict = false`, or `disallow_untyped_defs = true` alone.

    Use instead: `strict = true`, with `[[tool.mypy.overrides]]` for
    third-party modules without types.

    ## Fix
    Set the keys, with the template's `files` first in place of the paths
    under them; a `setup.cfg` `[mypy]` section and its `[mypy-*]`
    overrides move to the table. Unsafe: new type errors are left to the
    maintainer.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = table(repo, "mypy")

        if found is None:
            # Only the fix reads setup.cfg, where the settings may be.
            return carrying([missing("mypy")], lambda: _added(repo, std))

        expected = standard_tool(std, "mypy")

        failed: list[Fail] = []
        edits: list[Edit] = []

        if "python_version" not in found:
            message = "[tool.mypy] python_version is not set"
            failed.append(
                Fail(message, PYPROJECT, at(repo, ("mypy",), "python_version"))
            )
            keys = (*_PATH, "python_version")
            edits.append(TomlSet(PYPROJECT, keys, Template(keys)))

        files = found.get("files")
        edit = _files(files, expected["files"])

        if edit is not None:
            message = f"[tool.mypy] files is {files!r}"
            failed.append(Fail(message, PYPROJECT, at(repo, ("mypy",), "files")))
            edits.append(edit)

        flags = {k: expected[k] for k in _FLAGS}
        failed += differences(repo, found, flags, "mypy")
        edits += [
            TomlSet(PYPROJECT, (*_PATH, key), Template((*_PATH, key)))
            for key in _FLAGS
            if found.get(key) != expected[key]
        ]
        title = "Check the package with strict mypy"
        return carrying(failed, Fix(title, "unsafe", tuple(edits)))


def _files(files: object, expected: list[str]) -> Edit | None:
    """The edit that puts the template's files first, or ``None`` when
    mypy checks them all.
    """
    keys = (*_PATH, "files")

    if not isinstance(files, list):
        return TomlSet(PYPROJECT, keys, Template(keys))

    if all(f in files for f in expected):
        return None

    kept = _mypy_files(files, expected)
    return TomlList(
        PYPROJECT,
        keys,
        first=tuple(expected),
        remove=tuple(f for f in files if f not in kept),
    )


def _added(repo: Repo, std: Standard) -> Fix:
    """The fix for a missing table: the settings moved from ``setup.cfg``
    with the template's files and flags, else the template's.
    """
    # Either way the settings are the template's table, which is read here.
    expected = standard_tool(std, "mypy")
    legacy = mypy_from_ini(repo)

    if legacy is None:
        edit = TomlSet(PYPROJECT, _PATH, Template(_PATH))
        return Fix("Add the mypy settings", "unsafe", (edit,))

    values = legacy.values
    overrides = values.pop("overrides", None)
    values.setdefault("python_version", expected["python_version"])
    values["files"] = _mypy_files(values.get("files"), expected["files"])
    values.update({key: expected[key] for key in _FLAGS})
    edits: list[Edit] = [TomlSet(PYPROJECT, _PATH, values)]

    if overrides:
        edits.append(TomlSet(PYPROJECT, (*_PATH, "overrides"), overrides))

    return Fix(
        "Move the mypy settings from setup.cfg to pyproject.toml",
        "unsafe",
        (*edits, legacy.remove),
    )


def _mypy_files(found: object, expected: list[str]) -> list[t.Any]:
    """mypy's files with the template's first, dropping the paths that
    they cover (``src/flask_foo`` under ``src``).
    """
    files = found if isinstance(found, list) else [found] if found else []
    covered = [
        f
        for f in files
        if any(f == p or str(f).startswith(f"{p.rstrip('/')}/") for p in expected)
    ]
    return [*expected, *(f for f in files if f not in covered)]
