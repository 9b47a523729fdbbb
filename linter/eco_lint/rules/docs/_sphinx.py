"""Sphinx command lines, in tox and on Read the Docs."""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...repo import Repo
from .._ini import section_line
from .._ini import TOX_INI
from .._pyproject import PYPROJECT
from .._pyproject import table_line


@dataclasses.dataclass(frozen=True)
class SphinxRun:
    """One sphinx command: the tox env (or ``Read the Docs``) that runs
    it, its arguments from the program on, and where it is written.
    """

    name: str
    args: tuple[str, ...]
    path: str
    line: int | None

    @property
    def where(self) -> str:
        """Who runs it, as a finding says it."""
        return self.name if self.name == "Read the Docs" else f"tox env {self.name!r}"


def warns(args: t.Sequence[str]) -> bool:
    """Whether sphinx arguments turn warnings into errors."""
    return any(
        a == "--fail-on-warning" or re.fullmatch(r"-[A-VX-Za-z]*+W[A-Za-z]*+", a)
        for a in args
    )


def sphinx_args(args: t.Sequence[str]) -> list[str] | None:
    """The arguments from ``sphinx-build``, ``sphinx-autobuild`` or
    ``python -m sphinx`` on, or ``None`` if the command runs neither.
    """
    for index, arg in enumerate(args):
        if arg in ("sphinx-build", "sphinx-autobuild") or (
            arg == "sphinx" and index and args[index - 1] == "-m"
        ):
            return list(args[index:])

    return None


def tox_runs(repo: Repo) -> list[SphinxRun]:
    """Each sphinx command in tox: ``[tool.tox.env.*]``, then ``tox.ini``."""
    return [*_pyproject_runs(repo), *_ini_runs(repo)]


def _pyproject_runs(repo: Repo) -> list[SphinxRun]:
    found: list[SphinxRun] = []
    tox = repo.tool("tox")
    envs = tox.get("env", {}) if isinstance(tox, dict) else {}

    for name, env in envs.items() if isinstance(envs, dict) else ():
        commands = env.get("commands", []) if isinstance(env, dict) else []

        for command in commands if isinstance(commands, list) else []:
            args = sphinx_args([a for a in command if isinstance(a, str)])

            if args:
                line = table_line(repo, PYPROJECT, ("tool", "tox", "env", name))
                found.append(SphinxRun(name, tuple(args), "pyproject.toml", line))

    return found


def _ini_runs(repo: Repo) -> list[SphinxRun]:
    found: list[SphinxRun] = []

    for section, values in repo.tox_ini.items():
        for command in values.get("commands", "").splitlines():
            args = sphinx_args(command.split())

            if args:
                name = section.partition(":")[2] or section
                line = section_line(repo, TOX_INI, section)
                found.append(SphinxRun(name, tuple(args), "tox.ini", line))

    return found
