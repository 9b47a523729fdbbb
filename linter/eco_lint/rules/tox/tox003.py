"""TOX003: env_list names its Python envs with dots."""

from __future__ import annotations

import re
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
from .._base import lines_of
from .._base import Tox
from .._edits import carrying
from .._pyproject import PYPROJECT
from .._tox import env_list as tox_env_list
from .._tox import env_list_line
from .._tox import standard_env_list
from ._tox import extra_envs

#: A Python env name, dotted (``py3.13``, ``py3.14t``, ``pypy3.11``),
#: alone or as a factor of a longer name (``stress-py3.14``).
_DOTTED = re.compile(r"(?:^|-)(pypy|py)3\.([0-9]+)t?(?=$|-)")
#: The tox.ini spellings: ``py311``, ``py313t``, ``pypy310``.
_UNDOTTED = re.compile(r"(?:^|-)(?:pypy|py)3[0-9]+t?(?=$|-)")
_KEYS = ("tool", "tox", "env_list")


class TOX003(Tox):
    """env_list names Python envs with dots

    ## What it does
    Checks that every Python env in `[tool.tox] env_list` is dotted
    (`py3.13`, `py3.14t`, `pypy3.11`), with no `py313`-style names or
    `{...}` factor expansions, that the CPython versions have no gap, and
    that the list ends with the template's last envs (`style`, `typing`,
    `docs`).

    ## Why
    The CI matrix derives env names from Python versions (`py3.14t`,
    `pypy3.11`), and `py314t` would not match. Plain `tox` runs the tests on
    every version first, then the checks.

    ## Example
    `env_list = ["py3{10,11,12}", "pypy311", "style", "docs"]`.

    Use instead: `["py3.12", "py3.11", "py3.10", "pypy3.11", "style",
    "typing", "docs"]`.

    ## Fix
    Write the template's list, with the project's own envs (dotted) before
    `style`. Safe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        env_list = tox_env_list(repo)
        line = env_list_line(repo)

        if not env_list:
            failed = [Fail("[tool.tox] has no env_list", PYPROJECT)]
            return carrying(failed, _later(std, []))

        failed = _spelled(repo, env_list, line)

        # The versions of undotted names cannot be compared with the rest.
        if failed:
            return carrying(failed, _later(std, env_list))

        expected = standard_env_list(std)
        failed = _ordered(env_list, expected, line)
        return carrying(failed, _fix(env_list, expected) if failed else None)


def _later(std: Standard, found: list[str]) -> t.Callable[[], Fix]:
    """The fix, worked out when fixes are made, for a check that did not
    compare with the render.
    """
    return lambda: _fix(found, standard_env_list(std))


def _spelled(repo: Repo, names: list[str], line: int | None) -> list[Fail]:
    """A failure at each factor expansion or undotted name."""
    failed: list[Fail] = []

    for name in names:
        # A list written one name a line points at the name's own.
        at = next(
            (
                n
                for n in lines_of(repo, PYPROJECT, rf"[\"']{re.escape(name)}[\"']")
                if line is not None and n >= line
            ),
            line,
        )

        if "{" in name or "," in name:
            failed.append(
                Fail(f"env_list has factor expansion {name!r}", PYPROJECT, at)
            )
        elif _UNDOTTED.search(name):
            failed.append(Fail(f"env_list has undotted name {name!r}", PYPROJECT, at))

    return failed


def _ordered(names: list[str], expected: list[str], line: int | None) -> list[Fail]:
    """A failure for a gap in the CPython versions, and for a list that
    does not end with the template's last envs.
    """
    failed: list[Fail] = []
    versions = sorted(
        {
            int(m.group(2))
            for name in names
            for m in _DOTTED.finditer(name)
            if m.group(1) == "py"
        }
    )
    gaps = [
        f"3.{v}"
        for v in range(min(versions, default=0), max(versions, default=0))
        if v not in versions
    ]

    if gaps:
        failed.append(Fail(f"env_list skips py{', py'.join(gaps)}", PYPROJECT, line))

    tail = expected[-3:]

    if names[-len(tail) :] != tail:
        message = f"env_list ends with {names[-len(tail) :]!r}, not {tail!r}"
        failed.append(Fail(message, PYPROJECT, line))

    return failed


def _fix(found: list[str], expected: list[str]) -> Fix:
    """The template's list, with the project's own envs before its last."""
    extras = extra_envs(found, expected)
    edits: list[Edit] = [TomlSet(PYPROJECT, _KEYS, Template(_KEYS))]

    if extras:
        edits.append(TomlList(PYPROJECT, _KEYS, add=extras, before=expected[-3]))

    return Fix("Rewrite env_list with dotted names", "safe", tuple(edits))
