"""TOX006: the tests-min env pins the lowest supported dependencies."""

from __future__ import annotations

import re
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion
from packaging.version import Version

from ...edits import Edit
from ...edits import Template
from ...edits.tables import TomlList
from ...edits.toml import TomlItem
from ...edits.toml import TomlRemove
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
from .._pyproject import table_line
from .._tox import env
from .._tox import env_list
from .._tox import env_list_line
from .._tox import standard_env
from .._tox import ToxEnv

_ENV_LIST = ("tool", "tox", "env_list")
_INSTALL = ("uv", "pip", "install")


class TOX006(Tox):
    """tests-min pins the lowest supported dependencies

    ## What it does
    Checks that a `tests-min` env, where there is one, is in `env_list`,
    that the project has `[project] dependencies` for it to pin, and that
    its `uv pip install` command (in `commands` or `commands_pre`) pins
    each dependency to its `>=` lower bound. The env is not required:
    Flask keeps it, Werkzeug removed it, Click has no dependencies.

    ## Why
    A lower bound that is never tested is a guess: the env proves that the
    oldest versions the metadata allows still pass the tests. Pins that
    differ from the bounds test a different promise.

    ## Example
    `dependencies = ["flask>=3.1"]` and a `tests-min` env that installs
    `flask==3.0.0`.

    Use instead: `["uv", "pip", "install", "flask==3.1"]`.

    ## Fix
    Write the template's install command, or env, and list it in
    `env_list`; without dependencies, remove the env. Safe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = env(repo, _name())
        header = table_line(repo, PYPROJECT, _path())

        if not repo.project.get("dependencies"):
            if found is None:
                return None

            message = f"a {_name()} env, but [project] has no dependencies"
            return carrying([Fail(message, PYPROJECT, header)], _removal())

        listed = _name() in (env_list(repo) or [])
        failed: list[Fail] = []

        if found is None:
            if not listed:
                return None

            message = f"{_name()} is in env_list, but has no env"
            failed.append(Fail(message, PYPROJECT, env_list_line(repo)))
        else:
            failed += _failures(repo, found, listed, header)

        if not failed:
            return None

        # The check does not compare with the render; the fix does.
        return carrying(failed, lambda: _fix(repo, std, found, listed))


def _failures(
    repo: Repo, found: ToxEnv, listed: bool, header: int | None
) -> list[Fail]:
    """What is wrong with the env: not listed, no install command, or
    pins that are not the lower bounds.
    """
    failed: list[Fail] = []

    if not listed:
        message = f"{_name()} is not in env_list"
        failed.append(Fail(message, PYPROJECT, env_list_line(repo)))

    pins = _pins(found)

    if pins is None:
        message = f"{_name()} has no uv pip install command"
        return [*failed, Fail(message, PYPROJECT, header)]

    for dep in repo.project.get("dependencies", []):
        fail = _unpinned(repo, dep, pins, header)

        if fail is not None:
            failed.append(fail)

    return failed


def _unpinned(
    repo: Repo, dep: object, pins: dict[str, Version], header: int | None
) -> Fail | None:
    """The failure for a dependency whose lower bound the env does not
    pin; ``None`` when it does, or has no bound to pin, or the dependency
    has a marker and the env does not install it.
    """
    req = _parse(dep)

    if req is None:
        return None

    name = canonicalize_name(req.name)
    bounds = [s.version for s in req.specifier if s.operator == ">="]

    if not bounds or (name not in pins and req.marker is not None):
        return None

    try:
        bound = Version(bounds[0])
    except InvalidVersion:
        return None

    if name not in pins:
        return Fail(f"{_name()} does not pin {req.name}", PYPROJECT, header)

    if pins[name] == bound:
        return None

    message = (
        f"{_name()} pins {req.name} to {pins[name]}, the lower bound is {bounds[0]}"
    )
    line = repo.line_of(PYPROJECT, rf"\"{re.escape(req.name)}(\[.*\])?==")
    return Fail(message, PYPROJECT, line or header)


def _removal() -> Fix:
    """Remove the env of a project without dependencies."""
    edits: list[Edit] = [
        TomlRemove(PYPROJECT, _path()),
        TomlList(PYPROJECT, _ENV_LIST, remove=(_name(),)),
    ]
    return Fix(f"Remove the {_name()} env", "safe", tuple(edits))


def _fix(repo: Repo, std: Standard, found: ToxEnv | None, listed: bool) -> Fix | None:
    """List the env, and write the template's install command, or env;
    ``None`` when the template has no such env to write.
    """
    standard = standard_env(std, _name())

    if standard == {}:
        return None

    edits: list[Edit] = []

    if not listed:
        like = Template(_ENV_LIST)
        edits.append(TomlList(PYPROJECT, _ENV_LIST, add=(_name(),), like=like))

    edits += _install_edits(found, _install(repo, standard))
    title = f"Pin the lower bounds of the dependencies in {_name()}"
    return Fix(title, "safe", tuple(edits))


def _install_edits(found: ToxEnv | None, install: Template | list[str]) -> list[Edit]:
    """Write the install command in place of the env's, or before its
    commands, or with the template's env or commands.
    """
    commands = found.table.get("commands") if found is not None else None
    keys = (*_path(), "commands")

    if found is not None and _pins(found) is not None:
        key, index = _install_command(found)
        return [TomlItem(PYPROJECT, (*_path(), key), index, install)]

    if found is not None and isinstance(commands, list):
        return [TomlItem(PYPROJECT, keys, 0, install, insert=True)]

    added = TomlSet(PYPROJECT, _path(), Template(_path()))

    if found is not None:
        added = TomlSet(PYPROJECT, keys, Template(keys))

    if isinstance(install, Template):
        return [added]

    return [added, TomlItem(PYPROJECT, keys, 0, install)]


def _parse(entry: object) -> Requirement | None:
    try:
        return Requirement(str(entry))
    except InvalidRequirement:
        return None


def _pins(env: ToxEnv) -> dict[str, Version] | None:
    """What the env's ``uv pip install`` command pins, by project name, or
    ``None`` if it has no such command.
    """
    for command in (*env.commands_pre, *env.commands):
        if command[:3] != _INSTALL:
            continue

        result: dict[str, Version] = {}

        for arg in command[3:]:
            req = _parse(arg)
            specs = list(req.specifier) if req is not None else []

            if req is not None and len(specs) == 1 and specs[0].operator == "==":
                try:
                    result[canonicalize_name(req.name)] = Version(specs[0].version)
                except InvalidVersion:
                    continue

        return result

    return None


def _install(repo: Repo, standard: dict[str, t.Any]) -> Template | list[str]:
    """The template's install command for the env (``standard``); or,
    when the template was rendered for other dependencies (answers
    recorded before they changed), the template's rule applied to the
    project's own: each ``>=`` bound pinned with ``==``.
    """
    command = [
        *_INSTALL,
        *(str(dep).replace(">=", "==") for dep in repo.project.get("dependencies", [])),
    ]

    written = ToxEnv(_name(), {"commands": [command]})

    if standard and _pins(ToxEnv(_name(), standard)) == _pins(written):
        return Template((*_path(), "commands", 0))

    return command


def _install_command(env: ToxEnv) -> tuple[str, int]:
    """Where the env's ``uv pip install`` command is."""
    for key, commands in (
        ("commands_pre", env.commands_pre),
        ("commands", env.commands),
    ):
        for index, command in enumerate(commands):
            if command[:3] == _INSTALL:
                return key, index

    raise LookupError("no uv pip install command")


def _name() -> str:
    """The template's env that installs the lowest versions allowed."""
    return tox_envs().tests_min


def _path() -> tuple[str, ...]:
    return ("tool", "tox", "env", _name())
