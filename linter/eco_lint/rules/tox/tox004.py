"""TOX004: the style, typing and docs envs."""

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
from .._base import Tox
from .._edits import carrying
from .._facts import tox_envs
from .._pyproject import PYPROJECT
from .._tox import env
from .._tox import standard_env
from .._tox import ToxEnv
from ._tox import at
from ._tox import missing_env
from ._tox import show


def _envs() -> tuple[str, ...]:
    """The template's envs this rule holds to it."""
    envs = tox_envs()
    return (envs.style, envs.typing, envs.docs, envs.docs_auto)


class TOX004(Tox):
    """style, typing and docs envs are standard

    ## What it does
    Checks that the `style`, `typing`, `docs` and `docs-auto` envs install
    the template's dependency groups (extra groups are fine) and run the
    template's commands. The typing env must run `mypy` first; after it
    only the template's `pyright` commands, in any argument order, or none.

    ## Why
    CI and contributors run `tox run -e style`, `-e typing` and `-e docs`
    and expect the same checks in every project; the docs build with
    `-E -W` so that a warning fails, as on Read the Docs.

    ## Example
    `commands = [["sphinx-build", "-b", "html", "docs", "docs/_build"]]`.

    Use instead: `["sphinx-build", "-E", "-W", "-b", "dirhtml", "docs",
    "docs/_build/dirhtml"]`.

    ## Fix
    Write the template's envs, groups and commands, keeping extra groups.
    Safe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        failed: list[Fail] = []
        edits: list[Edit] = []

        for name in _envs():
            found = env(repo, name)

            if found is None:
                failure, edit = missing_env(name)
                failed.append(failure)
                edits.append(edit)
                continue

            expected = standard_env(std, name)
            failed += _env_failures(repo, found, expected)
            edits += _env_edits(found, expected)

        fix = Fix(
            "Write the standard style, typing and docs envs", "safe", tuple(edits)
        )
        return carrying(failed, fix)


def _lacking(found: ToxEnv, expected: dict[str, t.Any]) -> list[str]:
    """The template's groups the env does not install."""
    return [
        g for g in expected["dependency_groups"] if g not in found.dependency_groups
    ]


def _env_failures(repo: Repo, found: ToxEnv, expected: dict[str, t.Any]) -> list[Fail]:
    """A failure for groups the env lacks, and for its commands."""
    name = found.name
    failed: list[Fail] = []
    lacking = _lacking(found, expected)

    if lacking:
        groups = f"env {name} does not install group {', '.join(lacking)}"
        line = at(repo, name, "dependency_groups")
        failed.append(Fail(groups, PYPROJECT, line))

    commands = found.table.get("commands")
    want = expected["commands"]
    message: str | None = None

    # The typing env's commands after mypy's may come in any argument order.
    if name == tox_envs().typing:
        message = _typing_commands(commands, want)
    elif _without_w(commands) != _without_w(want):
        message = f"env {name} commands are {show(commands)}"

    if message:
        failed.append(Fail(message, PYPROJECT, at(repo, name, "commands")))

    return failed


def _env_edits(found: ToxEnv, expected: dict[str, t.Any]) -> list[Edit]:
    """The template's groups the env lacks, and its commands where they
    differ (``-W`` included).
    """
    path = ("tool", "tox", "env", found.name)
    edits: list[Edit] = []
    lacking = _lacking(found, expected)

    if lacking:
        keys = (*path, "dependency_groups")
        edits.append(TomlList(PYPROJECT, keys, add=tuple(lacking), like=Template(keys)))

    commands = found.table.get("commands")
    want = expected["commands"]

    if (
        _typing_commands(commands, want)
        if found.name == tox_envs().typing
        else commands != want
    ):
        keys = (*path, "commands")
        edits.append(TomlSet(PYPROJECT, keys, Template(keys)))

    return edits


def _without_w(commands: t.Any) -> t.Any:
    """Commands without sphinx-build's ``-W``, which DOC004 judges: a docs
    env that lacks only that is one finding, not two.
    """
    if not isinstance(commands, list):
        return commands

    return [[a for a in c if a != "-W"] if isinstance(c, list) else c for c in commands]


def _typing_commands(commands: object, want: list[list[t.Any]]) -> str | None:
    """What is wrong with the typing env's commands: mypy's must come
    first, and after it only the template's others, in any argument order.
    """
    if not isinstance(commands, list) or not commands or commands[0] != want[0]:
        return f"env typing does not run {' '.join(want[0])} first"

    for command in commands[1:]:
        if not isinstance(command, list) or not any(
            command[:1] == other[:1]
            and sorted(map(str, command[1:])) == sorted(map(str, other[1:]))
            for other in want[1:]
        ):
            return f"env typing runs {show(command)}"

    return None
