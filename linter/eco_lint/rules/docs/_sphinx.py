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
from .._tox import envs
from .._tox import ini_envs


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
    return [
        SphinxRun(env.name, tuple(args), PYPROJECT, _env_line(repo, env.name))
        for env in envs(repo)
        for command in env.commands
        for args in [sphinx_args(command)]
        if args
    ]


def _env_line(repo: Repo, name: str) -> int | None:
    return table_line(repo, PYPROJECT, ("tool", "tox", "env", name))


def _ini_runs(repo: Repo) -> list[SphinxRun]:
    return [
        SphinxRun(
            env.name, tuple(args), TOX_INI, section_line(repo, TOX_INI, env.section)
        )
        for env in ini_envs(repo)
        for command in env.commands
        for args in [sphinx_args(command)]
        if args
    ]
